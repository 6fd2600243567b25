"""The case: a person's situation and work plan (contract ``benefit-calc/case@1``, DESIGN §5).

``load_case`` reads YAML or JSON (a path, a text or an already parsed mapping) into frozen attrs classes and
names the field in every error. ``Case.to_dict`` writes it back so that ``load_case(case.to_dict()) == case``:
a saved case loads back exactly. Absent optional fields stay ``None`` and are resolved (with the default said
in the result) by the engine, never silently for a legal value.

The classes cache their hash: parts of a case are keys of results the rules remember (``Ruleset.cached``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Mapping

import attrs
import yaml

from . import fields as f
from .benefit_inputs import (Aap, Benefits, Dagpenger, Kvalifiseringsstonad, Opptrapping, Overgangsstonad,  # noqa: F401
                             Tiltakspenger, Uforetrygd, parse_benefits)
from .errors import CaseError

SCHEMA = "benefit-calc/case@1"
MAX_MONTHS = 60
HOURS_IN_WEEK = 168
PAYDAYS = ("same_month", "next_month")
WITHHOLDING = ("table_on_benefits", "table_on_wages")


@attrs.frozen(cache_hash=True)
class WorkStep:
    """From ``start`` (a month) the client works ``hours_per_week`` at ``hourly_wage`` or ``monthly_salary``."""

    start: date
    hours_per_week: float
    hourly_wage: float | None = None
    monthly_salary: float | None = None
    payday: str | None = None  # same_month | next_month; default: next_month for hourly, same_month for salary
    holiday_pay: bool | None = None  # feriepenger; default true


@attrs.frozen(cache_hash=True)
class Client:
    birth_date: date
    benefits: Benefits = Benefits()


@attrs.frozen(cache_hash=True)
class Child:
    birth_date: date
    barnehage_hours_per_week: float | None = None  # agreed hours in barnehage (kontantstøtte); default none


@attrs.frozen(cache_hash=True)
class Partner:
    """The client's spouse or samboer: their own gross taxable income a month (wages and taxable benefits)."""

    birth_date: date
    income_per_month: float | None = None  # default 0
    tax_free_per_month: float | None = None  # e.g. the partner's tiltakspenger; default 0


@attrs.frozen(cache_hash=True)
class Household:
    municipality: str | None = None
    rent_per_month: float | None = None
    electricity_per_month: float | None = None
    children: tuple[Child, ...] = ()
    partner: Partner | None = None
    utvidet_barnetrygd: bool | None = None  # default: true when the client lives alone with children


@attrs.frozen(cache_hash=True)
class Tax:
    """How tax is withheld. Default: NAV uses the table card, the new employer the percentage card."""

    withholding: str | None = None  # table_on_benefits | table_on_wages
    table: int | None = None  # table number on the tax card; default from the rules
    percent: float | None = None  # percentage card; default: computed from the year's expected income
    frikort: bool | None = None


@attrs.frozen(cache_hash=True)
class Scenario:
    name: str
    work: tuple[WorkStep, ...]


@attrs.frozen(cache_hash=True)
class Case:
    start: date
    months: int
    client: Client
    household: Household = Household()
    work: tuple[WorkStep, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    tax: Tax = Tax()
    meldeperiode_start: date | None = None  # a Monday that starts one of the client's meldeperioder

    @property
    def end(self) -> date:
        """First day after the simulated months."""
        months = self.start.month - 1 + self.months
        return date(self.start.year + months // 12, months % 12 + 1, 1)

    def to_dict(self) -> dict[str, Any]:
        """The case file as plain data (JSON-safe); loads back to an equal Case."""
        out: dict[str, Any] = {"schema": SCHEMA}
        out.update(_dump(self))
        return out

    def with_work(self, work: tuple[WorkStep, ...]) -> "Case":
        return attrs.evolve(self, work=work)


_RENAME = {"start": "from"}  # WorkStep.start / Opptrapping.start are written "from" in the file


def _dump(obj: Any) -> Any:
    if attrs.has(type(obj)):
        out = {}
        for a in attrs.fields(type(obj)):
            value = getattr(obj, a.name)
            if value is None or value == () or (a.default is not attrs.NOTHING and value == a.default):
                continue
            key = _RENAME.get(a.name, a.name) if type(obj) in (WorkStep, Opptrapping) else a.name
            if a.name == "start" or (a.name == "reports_income" and isinstance(value, date)):
                out[key] = f.month_text(value)  # every "start" (and a reporting month) is a month
            else:
                out[key] = _dump(value)
        return out
    if isinstance(obj, tuple):
        return [_dump(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


# ------------------------------------------------------------------------------------------------ parsing


def _work(raw: Any, path: str, start: date) -> tuple[WorkStep, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CaseError(path, "must be a list of steps {from, hours_per_week, hourly_wage or monthly_salary}")
    steps = []
    for i, item in enumerate(raw):
        p = f"{path}[{i}]"
        m = f.mapping(item, p, ("from", "hours_per_week", "hourly_wage", "monthly_salary", "payday", "holiday_pay"))
        begin = f.month(m, "from", p, required=True)
        hours = f.number(m, "hours_per_week", p, low=0, high=HOURS_IN_WEEK, required=True,
                         why_high=f"more than the {HOURS_IN_WEEK} hours in a week")
        wage = f.number(m, "hourly_wage", p, low=0)
        salary = f.number(m, "monthly_salary", p, low=0)
        if wage is not None and salary is not None:
            raise CaseError(f"{p}.monthly_salary", "give either hourly_wage or monthly_salary, not both")
        if hours and wage is None and salary is None:
            raise CaseError(f"{p}.hourly_wage", "is required when hours_per_week is above 0 (or give monthly_salary)")
        if begin < start:
            raise CaseError(f"{p}.from", f"{f.month_text(begin)} is before the case's start {f.month_text(start)}")
        if steps and begin <= steps[-1].start:
            raise CaseError(f"{p}.from", "steps must be in rising month order")
        steps.append(WorkStep(begin, hours, wage, salary, f.choice(m, "payday", p, PAYDAYS),
                              f.boolean(m, "holiday_pay", p, None)))
    return tuple(steps)


def _client(raw: Any) -> Client:
    m = f.mapping(raw, "client", ("birth_date", "benefits"))
    birth = f.day(m, "birth_date", "client", required=True)
    return Client(birth, parse_benefits(m.get("benefits")))  # type: ignore[arg-type]


def _household(raw: Any) -> Household:
    p = "household"
    m = f.mapping(raw, p, ("municipality", "rent_per_month", "electricity_per_month", "partner", "children",
                           "utvidet_barnetrygd"))
    muni = m.get("municipality")
    if muni is not None and not (isinstance(muni, str) and len(muni) == 4 and muni.isdigit()):
        raise CaseError(f"{p}.municipality", f"{muni!r} is not a four-digit kommunenummer in quotes, e.g. \"0301\"")
    partner = None
    if m.get("partner") is not None:
        pp = f"{p}.partner"
        pm = f.mapping(m["partner"], pp, ("birth_date", "income_per_month", "tax_free_per_month"))
        partner = Partner(f.day(pm, "birth_date", pp, required=True),  # type: ignore[arg-type]
                          f.number(pm, "income_per_month", pp, low=0, high=10_000_000),
                          f.number(pm, "tax_free_per_month", pp, low=0, high=10_000_000))
    kids = m.get("children") or []
    if not isinstance(kids, list):
        raise CaseError(f"{p}.children", "must be a list of {birth_date}")
    children = []
    for i, k in enumerate(kids):
        cp = f"{p}.children[{i}]"
        km = f.mapping(k, cp, ("birth_date", "barnehage_hours_per_week"))
        children.append(Child(f.day(km, "birth_date", cp, required=True),  # type: ignore[arg-type]
                              f.number(km, "barnehage_hours_per_week", cp, low=0, high=60)))
    return Household(muni, f.number(m, "rent_per_month", p, low=0, high=1_000_000),
                     f.number(m, "electricity_per_month", p, low=0, high=1_000_000), tuple(children), partner,
                     f.boolean(m, "utvidet_barnetrygd", p, None))


def _tax(raw: Any) -> Tax:
    m = f.mapping(raw, "tax", ("withholding", "table", "percent", "frikort"))
    return Tax(f.choice(m, "withholding", "tax", WITHHOLDING), f.integer(m, "table", "tax", low=6000, high=9999),
               f.number(m, "percent", "tax", low=0, high=100), f.boolean(m, "frikort", "tax", None))


def parse_case(data: Any) -> Case:
    """Build a :class:`Case` from parsed YAML/JSON; every problem names its field."""
    m = f.mapping(data, "", ("schema", "start", "months", "household", "client", "work", "scenarios", "tax",
                             "meldeperiode_start"))
    if m.get("schema", SCHEMA) != SCHEMA:
        raise CaseError("schema", f"{m.get('schema')!r} is not supported; this version reads {SCHEMA}")
    start = f.month(m, "start", "", required=True)
    assert start is not None
    months = f.integer(m, "months", "", low=1, high=MAX_MONTHS, required=True)
    if m.get("client") is None:
        raise CaseError("client", "is required (at least birth_date)")
    anchor = f.day(m, "meldeperiode_start", "")
    if anchor is not None and anchor.weekday() != 0:
        raise CaseError("meldeperiode_start", f"{anchor.isoformat()} is not a Monday; meldeperioder start on Mondays")
    scenarios = []
    raw_sc = m.get("scenarios") or []
    if not isinstance(raw_sc, list):
        raise CaseError("scenarios", "must be a list of {name, work}")
    for i, s in enumerate(raw_sc):
        sm = f.mapping(s, f"scenarios[{i}]", ("name", "work"))
        scenarios.append(Scenario(f.text(sm, "name", f"scenarios[{i}]", required=True) or "",
                                  _work(sm.get("work"), f"scenarios[{i}].work", start)))
    return Case(start=start, months=months or 0, client=_client(m["client"]), household=_household(m.get("household")),
                work=_work(m.get("work"), "work", start), scenarios=tuple(scenarios), tax=_tax(m.get("tax")),
                meldeperiode_start=anchor)


MAX_CASE_BYTES = 1_000_000


def load_case(source: str | Path | Mapping[str, Any]) -> Case:
    """Load a case from a mapping, a YAML/JSON text, or a path to a ``.yaml``/``.json`` file."""
    if isinstance(source, Mapping):
        return parse_case(source)
    text_in = str(source)
    if isinstance(source, Path) or ("\n" not in text_in and text_in.endswith((".yaml", ".yml", ".json"))):
        path = Path(source)
        try:
            if path.stat().st_size > MAX_CASE_BYTES:
                raise CaseError("", f"{path.name} is larger than {MAX_CASE_BYTES // 1000} kB; a case file is small")
            text_in = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CaseError("", f"{path} cannot be read ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise CaseError("", f"{path.name} is not UTF-8 text") from None
    try:
        data = json.loads(text_in) if text_in.lstrip().startswith("{") else yaml.safe_load(text_in)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else getattr(exc, "lineno", "?")
        raise CaseError("", f"the case is not valid YAML or JSON (line {line})") from None
    return parse_case(data)
