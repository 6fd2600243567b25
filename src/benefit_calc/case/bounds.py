"""One table of bounds for every field of a case file (``benefit-calc/case@1``).

The case parser (:mod:`benefit_calc.case`), the CLI (through the parser) and the app's widgets read their
types, units and limits from :data:`BOUNDS`, so a value the form offers is one the parser takes, and a loaded
case never falls outside a widget's range.

The limits are not legal numbers (those live in ``rules/``): they are the edges of what a real household can
have, chosen so that a typing slip or a hostile file is refused with the field named instead of reaching the
arithmetic. Each has a reason (``why.<path>`` in the word catalogue). Values that are possible but unlikely (more than 60 hours a week, a child born after
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
    """What one case field may hold: its kind, unit and limits; ``warn_above`` marks the plausible edge. The reason for
    the limits is in the word catalogue (``why.<path>``), in every language."""

    path: str
    kind: str
    unit: str = ""
    low: Any = None
    high: Any = None
    required: bool = False
    warn_above: float | None = None
    options: tuple[str, ...] = ()
    warn_below: float | None = None  # the plausible lower edge (a value under it is possible but unlikely)

    def __attrs_post_init__(self) -> None:
        assert self.kind in KINDS, self.kind

    @property
    def why(self) -> str:
        """Why the limits are where they are, in English (``why.<path>`` in the word catalogue has every language)."""
        from benefit_calc.words import text

        return text(f"why.{self.path}", "en")


def _dates(path: str, required: bool = False) -> Bound:
    return Bound(path, "date", "date", FIRST_DATE, LAST_DATE, required=required)


_ALL = (
    # the case
    Bound("start", "month", "month", date(1900, 1, 1), date(2100, 12, 1), required=True),
    Bound("months", "integer", "months", 1, 60, required=True),
    _dates("meldeperiode_start"),
    Bound("scenarios", "list", "count", 0, 20),
    Bound("scenarios[].name", "text", "characters", 1, 100, required=True),
    # the work plan (and each scenario's)
    Bound("work", "list", "count", 0, 72),
    Bound("work[].from", "month", "month", date(1900, 1, 1), date(2100, 12, 1), required=True),
    Bound("work[].hours_per_week", "number", "hours/week", 0, 100, required=True, warn_above=60),
    # warn_below/warn_above: not law but what jobs pay — under 150 kr/h is below the lowest minimum wage of every
    # general tariff (allmenngjort tariffavtale) for adults; over 1 000 kr/h is a monthly salary typed as hourly
    Bound("work[].hourly_wage", "number", "kr/hour", 0, 100_000, warn_below=150, warn_above=1000),
    Bound("work[].monthly_salary", "number", "kr/month", 0, MONEY_MONTH),
    Bound("work[].payday", "choice", options=("same_month", "next_month")),
    Bound("work[].holiday_pay", "boolean"),
    # the household
    Bound("household.municipality", "text", "kommunenummer", 4, 4),
    Bound("household.rent_per_month", "number", "kr/month", 0, 1_000_000),
    Bound("household.electricity_per_month", "number", "kr/month", 0, 1_000_000),
    Bound("household.utvidet_barnetrygd", "boolean"),
    Bound("household.children", "list", "count", 0, 15),
    _dates("household.children[].birth_date", True),
    Bound("household.children[].barnehage_hours_per_week", "number", "hours/week", 0, 60),
    _dates("household.partner.birth_date", True),
    Bound("household.partner.income_per_month", "number", "kr/month", 0, MONEY_MONTH),
    Bound("household.partner.tax_free_per_month", "number", "kr/month", 0, MONEY_MONTH),
    # the client
    _dates("client.birth_date", True),
    Bound("client.benefits.aap.basis_g", "number", "G", 0, 20),
    Bound("client.benefits.aap.basis", "number", "kr/year", 0, MONEY_YEAR),
    Bound("client.benefits.aap.yrkesskade", "boolean"),
    Bound("client.benefits.aap.arbeidsevne", "number", "percent", 0, 100),
    Bound("client.benefits.aap.opptrapping.from", "month", "month", date(1900, 1, 1), date(2100, 12, 1), required=True),
    Bound("client.benefits.aap.opptrapping.months", "integer", "months", 1, 60, required=True),
    _dates("client.benefits.aap.until"),
    Bound("client.benefits.aap.barnetillegg", "boolean"),
    _dates("client.benefits.aap.granted"),
    Bound("client.benefits.aap.days_used", "integer", "days", 0, 2000),
    _dates("client.benefits.aap.further_reduced"),
    Bound("client.benefits.aap.incomes_before", "list", "count", 0, 3),
    Bound("client.benefits.aap.incomes_before[]", "number", "kr/year", 0, MONEY_YEAR),
    Bound("client.benefits.dagpenger.basis", "number", "kr/year", 0, MONEY_YEAR),
    Bound("client.benefits.dagpenger.basis_g", "number", "G", 0, 20),
    Bound("client.benefits.dagpenger.normal_hours_per_week", "number", "hours/week", 0.5, 100, required=True),
    _dates("client.benefits.dagpenger.until"),
    Bound("client.benefits.dagpenger.egenandel", "boolean"),
    Bound("client.benefits.dagpenger.barnetillegg", "boolean"),
    _dates("client.benefits.dagpenger.granted"),
    Bound("client.benefits.dagpenger.weeks", "integer", "weeks", 1, 104),
    Bound("client.benefits.dagpenger.income_12_months", "number", "kr", 0, MONEY_YEAR),
    Bound("client.benefits.dagpenger.income_36_months", "number", "kr", 0, 3 * MONEY_YEAR),
    Bound("client.benefits.dagpenger.days_used", "integer", "days", 0, 520),
    Bound("client.benefits.tiltakspenger.days_per_period", "integer", "days", 1, 14),
    _dates("client.benefits.tiltakspenger.until"),
    Bound("client.benefits.tiltakspenger.barnetillegg", "boolean"),
    Bound("client.benefits.uforetrygd.degree", "number", "percent", 1, 100, required=True),
    Bound("client.benefits.uforetrygd.ifu", "number", "kr/year", 1, MONEY_YEAR, required=True),
    Bound("client.benefits.uforetrygd.ieu", "number", "kr/year", 0, MONEY_YEAR),
    Bound("client.benefits.uforetrygd.full_benefit", "number", "kr/year", 0, MONEY_YEAR, required=True),
    _dates("client.benefits.uforetrygd.granted", True),
    Bound("client.benefits.uforetrygd.vta", "boolean"),
    Bound("client.benefits.uforetrygd.reports_income", "choice", options=("on_job_start", "never")),
    Bound("client.benefits.uforetrygd.barnetillegg", "boolean"),
    Bound("client.benefits.overgangsstonad.expected_income", "number", "kr/year", 0, MONEY_YEAR),
    Bound("client.benefits.overgangsstonad.reports_income", "choice", options=("on_job_start", "never")),
    _dates("client.benefits.overgangsstonad.until"),
    _dates("client.benefits.overgangsstonad.expected_income_from"),
    _dates("client.benefits.overgangsstonad.first_granted"),
    Bound("client.benefits.overgangsstonad.special_care", "boolean"),
    _dates("client.benefits.kvalifiseringsstonad.until"),
    Bound("client.benefits.kvalifiseringsstonad.barnetillegg", "boolean"),
    Bound("client.benefits.bostotte.heating_in_rent", "boolean"),
    Bound("client.benefits.sosialhjelp.income_month", "choice", options=("same_month", "next_month")),
    Bound("client.benefits.sosialhjelp.other_costs_per_month", "number", "kr/month", 0, 1_000_000),
    Bound("client.benefits.sosialhjelp.shared_housing", "boolean"),
    # tax
    Bound("tax.withholding", "choice", options=("table_on_benefits", "table_on_wages")),
    Bound("tax.table", "integer", "table number", 6000, 9999),
    Bound("tax.percent", "number", "percent", 0, 100),
    Bound("tax.frikort", "boolean"),
)

BOUNDS: dict[str, Bound] = {b.path: b for b in _ALL}


def bound(path: str) -> Bound:
    """The bound of a generic path (``work[].hours_per_week``); a KeyError is a bug in the caller."""
    return BOUNDS[path]
