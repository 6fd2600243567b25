"""Does a rule set cover what the engine reads, on every month a case may start in?

``benefit-calc rules validate`` loads the files (form and meaning: :mod:`benefit_calc.rules`), then runs
:data:`PROBES` — households that between them use every scheme, both tax zones and both kinds of pay, and the
households a scheme's declaration adds (``probes``: what these leave out, as a municipality of its own) — starting
in January of every supported year and in the last supported month. A parameter the engine asks for that the
files leave out, or that has no value on a date it is needed, is reported with file, parameter and date; so is
any other error a probe meets. Which parameters the probes read is taken from the rules' own memo of answers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from benefit_calc.case.model import parse_case
from benefit_calc.core.errors import BenefitCalcError
from benefit_calc.rules.load import Ruleset
from benefit_calc.engine.registry import SCHEMES
from benefit_calc.engine.simulate import simulate

_WORK = [{"from": "{start}", "hours_per_week": 10, "hourly_wage": 220},
         {"from": "{later}", "hours_per_week": 20, "monthly_salary": 21000, "holiday_pay": True}]
_HOME = {"municipality": "0301", "rent_per_month": 9000, "electricity_per_month": 800}
_KIDS = [{"birth_date": "{kid}"}, {"birth_date": "{baby}", "barnehage_hours_per_week": 10}]
_UT = {"degree": 60, "ifu": 450000, "full_benefit": 180000, "granted": "2019-03-01"}
PROBES: dict[str, dict[str, Any]] = {
    "aap, bostøtte, sosialhjelp, partner and children": {
        "household": {**_HOME, "children": _KIDS, "partner": {"birth_date": "1988-02-02", "income_per_month": 15000}},
        "client": {"benefits": {"aap": {"basis_g": 2.5, "opptrapping": {"from": "{later}", "months": 6}},
                                "bostotte": {}, "sosialhjelp": {}}}},
    "dagpenger in Finnmark": {"household": {**_HOME, "municipality": "5601", "children": _KIDS[:1]},
                              "client": {"benefits": {"dagpenger": {"basis": 420000, "normal_hours_per_week": 37.5,
                                                                    "egenandel": True, "income_12_months": 250000,
                                                                    "income_36_months": 600000}}}},
    "tiltakspenger and sosialhjelp": {"household": {**_HOME, "children": _KIDS[:1]},
                                      "client": {"benefits": {"tiltakspenger": {}, "sosialhjelp": {}}}},
    "uføretrygd with children": {"household": {**_HOME, "children": _KIDS},
                                 "client": {"benefits": {"uforetrygd": _UT, "bostotte": {}}}},
    "overgangsstønad with a baby": {"household": {**_HOME, "children": [{"birth_date": "{baby}"}]},
                                    "client": {"benefits": {"overgangsstonad": {}}}},
    "overgangsstønad and uføretrygd in varig tilrettelagt arbeid": {
        "household": {**_HOME, "children": _KIDS},
        "client": {"benefits": {"overgangsstonad": {"expected_income": 50000}, "uforetrygd": {**_UT, "vta": True}}}},
    "aap under 25 after an occupational injury, frikort": {
        "household": _HOME, "tax": {"frikort": True},
        "client": {"birth_date": "{young}", "benefits": {"aap": {"basis_g": 1.5, "yrkesskade": True}}}},
    "single parent with a baby": {"household": {**_HOME, "children": _KIDS[1:]},
                                  "client": {"benefits": {"aap": {"basis_g": 2.2}}}},
    "kvalifiseringsstønad, under 25": {"household": {**_HOME, "children": _KIDS[:1]},
                                       "client": {"birth_date": "{young}", "benefits": {"kvalifiseringsstonad": {}}}},
    "aap beside graded uføretrygd, granted a year before": {
        "household": _HOME, "client": {"benefits": {"aap": {"basis_g": 3, "granted": "{year_before}",
                                                            "further_reduced": "{year_before}",
                                                            "incomes_before": [250000, 240000, 230000]},
                                                    "uforetrygd": {**_UT, "degree": 40}}}},
}
PROBES.update({f"{s.id}: {name}": {"household": _HOME, **body} for s in SCHEMES for name, body in s.probes})


def _fill(value: Any, words: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v, words) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, words) for v in value]
    return value.format(**words) if isinstance(value, str) and "{" in value else value


def probe_case(name: str, start: date) -> dict[str, Any]:
    """The probe ``name`` as case-file data, starting in ``start`` and running two years."""
    later = date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1)
    words = {"start": f"{start:%Y-%m}", "later": f"{later:%Y-%m}", "kid": f"{start.year - 7}-05-05",
             "baby": f"{start.year - 1}-{start.month:02d}-03", "young": f"{start.year - 22}-06-06",
             "year_before": f"{start.year - 1}-{start.month:02d}-01"}
    body = _fill(PROBES[name], words)
    client = {"birth_date": "1980-04-04", **body.get("client", {})}
    return {"start": words["start"], "months": 24, "household": body["household"], "client": client,
            "work": _fill(_WORK, words), "tax": body.get("tax", {})}


@attrs.frozen
class Gap:
    probe: str
    start: date
    problem: str


def check(rules: Ruleset) -> tuple[list[Gap], set[str]]:
    """Run every probe from every supported January (and the last supported month); the gaps and the parameters read."""
    if rules.supported is None:
        return [Gap("-", date.min, "ruleset.yaml says no supported months (supported: {from, to})")], set()
    first, last = rules.supported
    starts = [date(y, 1, 1) for y in range(first.year, last.year + 1) if first <= date(y, 1, 1) <= last]
    starts = sorted({first, *starts, last})
    gaps: list[Gap] = []
    read: set[str] = set()
    for start in starts:
        for name in PROBES:
            own = rules.with_own_caches()
            try:
                simulate(own, parse_case(probe_case(name, start)))
            except BenefitCalcError as exc:
                gaps.append(Gap(name, start, str(exc)))
            read |= own.read()
    return gaps, read
