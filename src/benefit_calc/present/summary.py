"""What the front ends show, as pure functions of a case and its results: the headline, the month table, the action
list, and the case-file text (saved cases). No Streamlit here, so every piece is unit-tested.

Every word comes from the catalogue (``headline.*``, ``month_table.*``, ``component.*`` and ``action.*`` in
``words/<lang>/analysis.yaml``) in bokmål (nb), nynorsk (nn) or English (en).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any, Mapping, Sequence

import attrs
import yaml

from benefit_calc.case.model import Case, parse_case, read_case_text
from benefit_calc.analysis.cliffs import component_label
from benefit_calc.engine.simulate import simulate
from benefit_calc.core.errors import CaseError
from benefit_calc.words.formats import kr, month as month_name, number, signed_kr
from benefit_calc.result.model import Result
from benefit_calc.rules.load import Ruleset
from benefit_calc.words import text

MAX_CASE_BYTES = 100_000  # a case file is a few kilobytes; anything bigger is not one


@attrs.frozen
class Headline:
    """How much better (or worse) off the household is with the work plan than without work, after tax."""

    per_month: int  # average difference a month over the horizon, settlements after it included
    total: int
    with_work: int  # household disposable income over the horizon + later settlements
    without_work: int
    months: int
    baseline: tuple[int, ...] = ()  # the household's disposable income each month without work (the "no job" line)

    def text(self, lang: str = "nb") -> str:
        return text("headline.better" if self.per_month >= 0 else "headline.worse", lang,
                    per_month=number(abs(self.per_month), lang, 0), total=number(abs(self.total), lang, 0),
                    months=self.months)

    def compared(self, lang: str = "nb") -> str:
        """Where the difference comes from: "Uten jobb 23 042 kr → med planen 24 772 kr i måneden (+1 730 kr)"."""
        without = round(self.without_work / self.months)  # the plan's figure is the baseline + the difference, so
        return text("headline.compared", lang, without=kr(without, lang),  # the sum on the screen adds up
                    with_=kr(without + self.per_month, lang), diff=signed_kr(self.per_month, lang))


def headline(rules: Ruleset, case: Case, result: Result) -> Headline:
    """The work plan against no work at all, in the same situation."""
    none = simulate(rules, case, (), detail=False)
    a, b = result.household_total(), none.household_total()
    return Headline(round((a - b) / case.months), a - b, a, b, case.months,
                    tuple(m.household_disposable for m in none.months))


COLUMNS = ("month", "hours", "wages", "tax", "settle", "disposable", "partner", "household",
           "baseline")  # month_table.<column>


def month_table(result: Result, lang: str = "nb", baseline: Sequence[int] = ()) -> list[dict[str, Any]]:
    """One row a month: hours, wages, each benefit, tax withheld, settlements and disposable income — and, given
    ``baseline`` (:attr:`Headline.baseline`), the household's money without work; the columns are named in
    ``lang``, each benefit by its name ("Bostøtte"), not its code. Months are dates, hours numbers, kroner ints:
    the caller writes them (:func:`month_table_text`)."""
    c = {k: text(f"month_table.{k}", lang) for k in COLUMNS}
    names = {n: component_label(n, lang) for n in result.benefit_names()}
    partner = any(m.partner_net for m in result.months)
    rows = []
    for k, m in enumerate(result.months):
        row: dict[str, Any] = {c["month"]: m.month, c["hours"]: round(m.hours, 2), c["wages"]: m.wages}
        row.update({label: m.benefits.get(n, 0) for n, label in names.items()})
        row.update({c["tax"]: -m.tax_withheld, c["settle"]: m.settlements, c["disposable"]: m.disposable})
        if partner:
            row.update({c["partner"]: m.partner_net, c["household"]: m.household_disposable})
        if len(baseline) == len(result.months):
            row[c["baseline"]] = baseline[k]
        rows.append(row)
    return rows


def month_table_text(rows: list[dict[str, Any]], lang: str = "nb", unit: bool = True) -> list[dict[str, str]]:
    """:func:`month_table` written the language's way: ``januar 2027``, hours ``18,75``, ``12 345 kr``."""
    hours = text("month_table.hours", lang)
    out = []
    for row in rows:
        written = {}
        for col, v in row.items():
            if isinstance(v, date):
                written[col] = month_name(v, lang)
            elif col == hours:
                written[col] = number(v, lang, 2)
            else:
                written[col] = kr(v, lang) if unit else number(v, lang, 0)
        out.append(written)
    return out


def spreadsheet_csv(rows: list[dict[str, Any]], lang: str = "nb") -> bytes:
    """The month table for a spreadsheet in the user's language: headers in words, and in bokmål and nynorsk
    semicolons with decimal commas (what Excel and LibreOffice expect in a Norwegian locale), UTF-8 with a byte
    order mark so "ø" opens right. The CLI's ``--format csv`` stays the machine contract."""
    sep = "," if lang == "en" else ";"
    out = io.StringIO()
    w = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    if rows:
        w.writerow(list(rows[0]))
    hours = text("month_table.hours", lang)
    for row in rows:
        w.writerow([month_name(v, lang) if isinstance(v, date) else
                    (number(v, lang, 2).replace(" ", "") if col == hours else str(v)) for col, v in row.items()])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@attrs.frozen
class Action:
    who: str
    what: str
    when: str


def actions(case: Case, result: Result, lang: str = "nb") -> list[Action]:
    """Who does what by when: what the client (or the counsellor) must do for the plan to come out as computed."""
    b = case.client.benefits
    start = next((s.start for s in case.work if s.hours_per_week), None)
    when = month_name(start, lang) if start else text("action.before_job", lang)
    you = text("action.you", lang)
    out = []
    if start is not None:
        out.append(Action(you, text("action.tax_card", lang), when))
    if b.aap or b.dagpenger or b.tiltakspenger:
        out.append(Action(you, text("action.meldekort", lang), text("action.meldekort_when", lang)))
    if b.uforetrygd or b.overgangsstonad:
        out.append(Action(you, text("action.report_income", lang), when))
    if b.sosialhjelp:
        out.append(Action(you, text("action.sosialhjelp", lang), when))
    if b.bostotte is None and (case.household.rent_per_month or 0) > 0:
        out.append(Action(you, text("action.bostotte", lang), text("action.bostotte_when", lang)))
    # warnings whose advice is for the counsellor (FOR_THE_COUNSELLOR), or already on the list (the tax card)
    skip = set(FOR_THE_COUNSELLOR) | ({"restskatt"} if start is not None else set())
    seen = set()
    for w in result.warnings:
        if w.action and w.code not in seen and w.code not in skip:
            seen.add(w.code)
            out.append(Action(you, w.action_in(lang), month_name(w.month, lang) if w.month else ""))
    return out


# warnings whose advice is about setting up the calculation (estimated rates, a plan outside the months): said to
# the counsellor, not put on the client's list of things to do
FOR_THE_COUNSELLOR = ("projected_rule", "sosialhjelp_rates_estimated", "work_outside_case", "work_none_in_case")

class _NoAliases(yaml.SafeDumper):
    """Writes a value that occurs twice out twice: case files are read without anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def case_text(case: Case) -> str:
    """The case as a YAML file the user keeps (``load_case`` reads it back to the same case)."""
    return yaml.dump(case.to_dict(), Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


def read_case_file(data: bytes) -> Case:
    """A saved case from an uploaded file, read as the CLI reads one (no aliases, bounded size and depth); a bad or
    oversized file raises :class:`CaseError` naming the problem."""
    if len(data) > MAX_CASE_BYTES:
        raise CaseError.of("file", "upload_too_big", size=len(data) // 1000, max=MAX_CASE_BYTES // 1000)
    try:
        raw = read_case_text(data)
    except CaseError as exc:  # the whole file: its problem, without "the case file"
        raise CaseError.of("file", "upload_not_case", problem=exc.values.get("problem", exc.problem)) from None
    if not isinstance(raw, Mapping):
        raise CaseError.of("file", "upload_not_mapping")
    return parse_case(raw)


def next_cliff(cliffs: list[Any], hours: float) -> Any | None:
    """The first cliff at or above the current hours (for "next cliff and how far away")."""
    ahead = [c for c in cliffs if c.kind == "cliff" and c.hours_to is not None and c.hours_to > hours]
    return min(ahead, key=lambda c: c.hours_to, default=None)
