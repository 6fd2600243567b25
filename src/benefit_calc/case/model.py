"""The case: a person's situation and work plan (contract ``benefit-calc/case@1``, docs/architecture.md §5).

``load_case`` reads YAML or JSON (a path, a text or an already parsed mapping) into frozen attrs classes and
names the field in every error. ``Case.to_dict`` writes it back so that ``load_case(case.to_dict()) == case``:
a saved case loads back exactly. Absent optional fields stay ``None`` and are resolved (with the default said
in the result) by the engine, never silently for a legal value.

The classes cache their hash: parts of a case are keys of results the rules remember (``Ruleset.cached``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Mapping

import attrs

from benefit_calc.case import fields as f
from benefit_calc.core import safe_load
from benefit_calc.case.benefits import (Aap, Benefits, Dagpenger, Kvalifiseringsstonad, Opptrapping, Overgangsstonad,  # noqa: F401
                             Tiltakspenger, Uforetrygd)
from benefit_calc.core.errors import CaseError
from benefit_calc.core.safe_load import show
from benefit_calc.words import Text

SCHEMA = "benefit-calc/case@1"


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
    steps: list[WorkStep] = []
    for i, item in enumerate(f.items(raw, path, "work", "steps {from, hours_per_week, hourly_wage or monthly_salary}")):
        p = f"{path}[{i}]"
        m = f.mapping(item, p, ("from", "hours_per_week", "hourly_wage", "monthly_salary", "payday", "holiday_pay"))
        begin = f.month(m, "from", p, "work[].from")
        assert begin is not None
        hours = f.number(m, "hours_per_week", p, "work[].hours_per_week")
        wage = f.number(m, "hourly_wage", p, "work[].hourly_wage")
        salary = f.number(m, "monthly_salary", p, "work[].monthly_salary")
        if wage is not None and salary is not None:
            raise CaseError.of(f"{p}.monthly_salary", "wage_and_salary")
        if hours and wage is None and salary is None:
            raise CaseError.of(f"{p}.hourly_wage", "wage_required")
        if begin < start:
            raise CaseError.of(f"{p}.from", "before_start", month=f.month_text(begin), start=f.month_text(start))
        if steps and begin <= steps[-1].start:
            raise CaseError.of(f"{p}.from", "steps_rising")
        steps.append(WorkStep(start=begin, hours_per_week=hours or 0, hourly_wage=wage, monthly_salary=salary,
                              payday=f.choice(m, "payday", p, "work[].payday"),
                              holiday_pay=f.boolean(m, "holiday_pay", p, "work[].holiday_pay")))
    return tuple(steps)


def _client(raw: Any, start: date) -> Client:
    m = f.mapping(raw, "client", ("birth_date", "benefits"))
    birth = f.day(m, "birth_date", "client", "client.birth_date")
    assert birth is not None
    if birth >= start:
        raise CaseError.of("client.birth_date", "born_not_before_start", day=birth.isoformat(), start=f.month_text(start))
    return Client(birth, f.declared(Benefits, m.get("benefits"), "client.benefits", "client.benefits"))


def _household(raw: Any, start: date) -> Household:
    p = "household"
    m = f.mapping(raw, p, ("municipality", "rent_per_month", "electricity_per_month", "partner", "children",
                           "utvidet_barnetrygd"))
    muni = m.get("municipality")
    if isinstance(muni, int) and not isinstance(muni, bool):  # YAML reads 4601 (and 0301, as octal!) as numbers
        hint = f'"{muni}"' if 1000 <= muni <= 9999 else '"0301"'
        raise CaseError.of(f"{p}.municipality", "municipality_number", value=show(muni), hint=hint)
    if muni is not None and not (isinstance(muni, str) and len(muni) == 4 and muni.isascii() and muni.isdigit()):
        raise CaseError.of(f"{p}.municipality", "municipality_format", value=show(muni))
    partner = None
    if m.get("partner") is not None:
        pp = f"{p}.partner"
        pm = f.mapping(m["partner"], pp, ("birth_date", "income_per_month", "tax_free_per_month"))
        partner_birth = f.day(pm, "birth_date", pp, "household.partner.birth_date")
        assert partner_birth is not None
        if partner_birth >= start:
            raise CaseError.of(f"{pp}.birth_date", "partner_not_before_start", day=partner_birth.isoformat(),
                               start=f.month_text(start))
        partner = Partner(partner_birth,
                          f.number(pm, "income_per_month", pp, "household.partner.income_per_month"),
                          f.number(pm, "tax_free_per_month", pp, "household.partner.tax_free_per_month"))
    children = []
    for i, k in enumerate(f.items(m.get("children"), f"{p}.children", "household.children", "{birth_date}")):
        cp = f"{p}.children[{i}]"
        km = f.mapping(k, cp, ("birth_date", "barnehage_hours_per_week"))
        children.append(Child(f.day(km, "birth_date", cp, "household.children[].birth_date"),  # type: ignore[arg-type]
                              f.number(km, "barnehage_hours_per_week", cp,
                                       "household.children[].barnehage_hours_per_week")))
    return Household(muni, f.number(m, "rent_per_month", p, "household.rent_per_month"),
                     f.number(m, "electricity_per_month", p, "household.electricity_per_month"), tuple(children),
                     partner, f.boolean(m, "utvidet_barnetrygd", p, "household.utvidet_barnetrygd"))


def _tax(raw: Any) -> Tax:
    m = f.mapping(raw, "tax", ("withholding", "table", "percent", "frikort"))
    return Tax(f.choice(m, "withholding", "tax", "tax.withholding"), f.integer(m, "table", "tax", "tax.table"),
               f.number(m, "percent", "tax", "tax.percent"), f.boolean(m, "frikort", "tax", "tax.frikort"))


def parse_case(data: Any) -> Case:
    """Build a :class:`Case` from parsed YAML/JSON; every problem names its field."""
    m = f.mapping(data, "", ("schema", "start", "months", "household", "client", "work", "scenarios", "tax",
                             "meldeperiode_start"))
    if m.get("schema", SCHEMA) != SCHEMA:
        raise CaseError.of("schema", "schema", value=show(m.get("schema")), schema=SCHEMA)
    start = f.month(m, "start", "", "start")
    assert start is not None
    months = f.integer(m, "months", "", "months")
    if m.get("client") is None:
        raise CaseError.of("client", "client_required")
    anchor = f.day(m, "meldeperiode_start", "", "meldeperiode_start")
    if anchor is not None and anchor.weekday() != 0:
        raise CaseError.of("meldeperiode_start", "not_monday", day=anchor.isoformat())
    scenarios = []
    for i, s in enumerate(f.items(m.get("scenarios"), "scenarios", "scenarios", "{name, work}")):
        sm = f.mapping(s, f"scenarios[{i}]", ("name", "work"))
        scenarios.append(Scenario(f.text(sm, "name", f"scenarios[{i}]", "scenarios[].name") or "",
                                  _work(sm.get("work"), f"scenarios[{i}].work", start)))
    return Case(start=start, months=months or 0, client=_client(m["client"], start),
                household=_household(m.get("household"), start), work=_work(m.get("work"), "work", start),
                scenarios=tuple(scenarios), tax=_tax(m.get("tax")), meldeperiode_start=anchor)


MAX_CASE_BYTES = safe_load.MAX_BYTES


def read_case_text(source: str | bytes) -> Any:
    """Parse case-file text (YAML or JSON) within the bounds of :mod:`benefit_calc.safe_load`."""
    try:
        return safe_load.parse(source)
    except safe_load.DocumentError as exc:
        problem = Text(f"doc.{exc.key}", **exc.values) if exc.key else exc.problem
        if exc.line:
            raise CaseError.of("", "doc_line", problem=problem, line=exc.line) from None
        raise CaseError.of("", "doc", problem=problem) from None


def load_case(source: str | Path | Mapping[str, Any]) -> Case:
    """Load a case from a mapping, a YAML/JSON text, or a path to a ``.yaml``/``.json`` file."""
    if isinstance(source, Mapping):
        return parse_case(source)
    text_in: str | bytes = str(source)
    if isinstance(source, Path) or ("\n" not in text_in and str(text_in).endswith((".yaml", ".yml", ".json"))):
        path = Path(source)
        try:  # at most the limit and one byte: /dev/zero, a pipe or a FIFO says its size is 0
            text_in = safe_load.read_bounded(path, MAX_CASE_BYTES)
        except OSError as exc:
            raise CaseError.of("", "file_unreadable", name=str(path), why=exc.strerror or str(exc)) from None
        if len(text_in) > MAX_CASE_BYTES:
            raise CaseError.of("", "file_too_big", name=path.name, kb=MAX_CASE_BYTES // 1000)
    return parse_case(read_case_text(text_in))
