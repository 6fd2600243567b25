"""One table of bounds for every field of a case file (``benefit-calc/case@1``).

The case parser (:mod:`benefit_calc.case`), the CLI (through the parser) and the app's widgets read their
types, units and limits from :data:`BOUNDS`, so a value the form offers is one the parser takes, and a loaded
case never falls outside a widget's range.

The limits are not legal numbers (those live in ``rules/``): they are the edges of what a real household can
have, chosen so that a typing slip or a hostile file is refused with the field named instead of reaching the
arithmetic. Each says *why*. Values that are possible but unlikely (more than 60 hours a week, a child born after
the horizon) are not refused: :mod:`benefit_calc.plausibility` warns about them in plain words.

Paths are generic: ``work[].hours_per_week`` covers every step of the plan and of every scenario.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

KINDS = ("number", "integer", "month", "date", "text", "choice", "boolean", "list", "mapping")

FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2100, 12, 31)
MONEY_MONTH = 10_000_000  # kroner a month: ten times a top salary; more is a slip (an extra zero or a yearly figure)
MONEY_YEAR = 100_000_000  # kroner a year: 10⁸, beyond any income a benefit is computed from


@attrs.frozen
class Bound:
    """What one case field may hold: its kind, unit, limits and why; ``warn_above`` marks the plausible edge."""

    path: str
    kind: str
    unit: str = ""
    low: Any = None
    high: Any = None
    why: str = ""
    required: bool = False
    warn_above: float | None = None
    options: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        assert self.kind in KINDS, self.kind


def _dates(path: str, why: str, required: bool = False) -> Bound:
    return Bound(path, "date", "date", FIRST_DATE, LAST_DATE, why, required)


_ALL = (
    # the case
    Bound("start", "month", "month", date(1900, 1, 1), date(2100, 12, 1),
          "the first month simulated; the rules say which months they support", True),
    Bound("months", "integer", "months", 1, 60, "up to five years ahead", True),
    Bound("meldeperiode_start", "date", "date", FIRST_DATE, LAST_DATE,
          "a Monday that starts one of the client's meldeperioder"),
    Bound("scenarios", "list", "count", 0, 20, "more alternatives than anyone compares in a session"),
    Bound("scenarios[].name", "text", "characters", 1, 100, "a short name shown in tables", True),
    # the work plan (and each scenario's)
    Bound("work", "list", "count", 0, 72, "one change a month for six years is more than any plan has"),
    Bound("work[].from", "month", "month", date(1900, 1, 1), date(2100, 12, 1), "the month the step starts", True),
    Bound("work[].hours_per_week", "number", "hours/week", 0, 100,
          "hours worked a week; above 100 no one works, and above 60 a warning asks to check", True, warn_above=60),
    Bound("work[].hourly_wage", "number", "kr/hour", 0, 100_000,
          "kroner an hour; 100 000 is fifty times a good wage (a monthly salary typed as hourly?)"),
    Bound("work[].monthly_salary", "number", "kr/month", 0, MONEY_MONTH, "kroner a month before tax"),
    Bound("work[].payday", "choice", "", options=("same_month", "next_month"),
          why="whether a month's pay comes the same month or the next"),
    Bound("work[].holiday_pay", "boolean", why="whether the job earns feriepenger (default yes)"),
    # the household
    Bound("household.municipality", "text", "kommunenummer", 4, 4,
          "a four-digit kommunenummer from the official list in rules/no/kommunenummer.yaml"),
    Bound("household.rent_per_month", "number", "kr/month", 0, 1_000_000, "rent a month; 10⁶ is beyond any home"),
    Bound("household.electricity_per_month", "number", "kr/month", 0, 1_000_000, "electricity a month"),
    Bound("household.utvidet_barnetrygd", "boolean", why="extended barnetrygd for a single parent"),
    Bound("household.children", "list", "count", 0, 15, "children living with the client"),
    _dates("household.children[].birth_date", "the child's birth date", True),
    Bound("household.children[].barnehage_hours_per_week", "number", "hours/week", 0, 60,
          "agreed hours in barnehage a week (kontantstøtte); barnehager are open at most about 50"),
    _dates("household.partner.birth_date", "the partner's birth date", True),
    Bound("household.partner.income_per_month", "number", "kr/month", 0, MONEY_MONTH,
          "the partner's gross taxable income a month"),
    Bound("household.partner.tax_free_per_month", "number", "kr/month", 0, MONEY_MONTH,
          "the partner's tax-free income a month"),
    # the client
    _dates("client.birth_date", "the client's birth date (before the first month)", True),
    Bound("client.benefits.aap.basis_g", "number", "G", 0, 20,
          "the grunnlag in G is a small number (at most 6 G counts); kroner go in basis"),
    Bound("client.benefits.aap.basis", "number", "kr/year", 0, MONEY_YEAR, "the grunnlag in kroner a year"),
    Bound("client.benefits.aap.yrkesskade", "boolean", why="AAP after an occupational injury"),
    Bound("client.benefits.aap.arbeidsevne", "number", "percent", 0, 100, "fastsatt arbeidsevne, in percent"),
    Bound("client.benefits.aap.opptrapping.from", "month", "month", date(1900, 1, 1), date(2100, 12, 1),
          "the first month of opptrapping", True),
    Bound("client.benefits.aap.opptrapping.months", "integer", "months", 1, 60,
          "months of opptrapping (the rules cap it)", True),
    _dates("client.benefits.aap.until", "the last day with a right to AAP"),
    Bound("client.benefits.aap.barnetillegg", "boolean", why="barnetillegg for children under 18"),
    Bound("client.benefits.dagpenger.basis", "number", "kr/year", 0, MONEY_YEAR, "the grunnlag in kroner a year"),
    Bound("client.benefits.dagpenger.basis_g", "number", "G", 0, 20,
          "the grunnlag in G is a small number (at most 6 G counts); kroner go in basis"),
    Bound("client.benefits.dagpenger.normal_hours_per_week", "number", "hours/week", 0.5, 100,
          "fastsatt vanlig arbeidstid, hours a week", True),
    _dates("client.benefits.dagpenger.until", "the last day with a right to dagpenger"),
    Bound("client.benefits.dagpenger.egenandel", "boolean", why="a new claim starts with the egenandel"),
    Bound("client.benefits.dagpenger.barnetillegg", "boolean", why="barnetillegg for children under 18"),
    Bound("client.benefits.tiltakspenger.days_per_period", "integer", "days", 1, 14,
          "days with tiltakspenger in a 14-day meldeperiode"),
    _dates("client.benefits.tiltakspenger.until", "the last day of the measure"),
    Bound("client.benefits.tiltakspenger.barnetillegg", "boolean", why="barnetillegg for children under 16"),
    Bound("client.benefits.uforetrygd.degree", "number", "percent", 1, 100, "uføregrad in percent", True),
    Bound("client.benefits.uforetrygd.ifu", "number", "kr/year", 1, MONEY_YEAR,
          "inntekt før uførhet a year, in kroner", True),
    Bound("client.benefits.uforetrygd.ieu", "number", "kr/year", 0, MONEY_YEAR,
          "inntekt etter uførhet a year, in kroner (below IFU)"),
    Bound("client.benefits.uforetrygd.full_benefit", "number", "kr/year", 0, MONEY_YEAR,
          "uføretrygd at 100 % a year, in kroner", True),
    _dates("client.benefits.uforetrygd.granted", "the date uføretrygd was granted from", True),
    Bound("client.benefits.uforetrygd.vta", "boolean", why="varig tilrettelagt arbeid"),
    Bound("client.benefits.uforetrygd.reports_income", "choice", options=("on_job_start", "never"),
          why="when the client tells NAV about the new income (or a month YYYY-MM)"),
    Bound("client.benefits.uforetrygd.barnetillegg", "boolean", why="barnetillegg for children under 18"),
    Bound("client.benefits.overgangsstonad.expected_income", "number", "kr/year", 0, MONEY_YEAR,
          "the yearly income NAV has on file"),
    Bound("client.benefits.overgangsstonad.reports_income", "choice", options=("on_job_start", "never"),
          why="when the client tells NAV about the new income (or a month YYYY-MM)"),
    _dates("client.benefits.overgangsstonad.until", "the last day of overgangsstønad"),
    _dates("client.benefits.kvalifiseringsstonad.until", "the last day of the programme"),
    Bound("client.benefits.kvalifiseringsstonad.barnetillegg", "boolean", why="barnetillegg for children"),
    Bound("client.benefits.bostotte.heating_in_rent", "boolean", why="heating paid through the rent"),
    Bound("client.benefits.sosialhjelp.income_month", "choice", options=("same_month", "next_month"),
          why="which month's stønad an income reduces"),
    Bound("client.benefits.sosialhjelp.other_costs_per_month", "number", "kr/month", 0, 1_000_000,
          "other accepted costs a month"),
    Bound("client.benefits.sosialhjelp.shared_housing", "boolean", why="the client shares a home with others"),
    # tax
    Bound("tax.withholding", "choice", options=("table_on_benefits", "table_on_wages"),
          why="which payer uses the table card"),
    Bound("tax.table", "integer", "table number", 6000, 9999, "a withholding table number from the tax card"),
    Bound("tax.percent", "number", "percent", 0, 100, "the percentage on the tax card"),
    Bound("tax.frikort", "boolean", why="the client has a frikort"),
)

BOUNDS: dict[str, Bound] = {b.path: b for b in _ALL}


def bound(path: str) -> Bound:
    """The bound of a generic path (``work[].hours_per_week``); a KeyError is a bug in the caller."""
    return BOUNDS[path]
