"""One table of bounds for every field of a case file (``benefit-calc/case@1``).

The case parser (:mod:`benefit_calc.case`), the CLI (through the parser) and the app's widgets read their
types, units and limits from :data:`BOUNDS`, so a value the form offers is one the parser takes, and a loaded
case never falls outside a widget's range.

The limits are not legal numbers (those live in ``rules/``): they are the edges of what a real household can
have, chosen so that a typing slip or a hostile file is refused with the field named instead of reaching the
arithmetic. Each has a reason (``why.<path>`` in the word catalogue). Values that are possible but unlikely (more than 60 hours a week, a child born after
the horizon) are not refused: :mod:`benefit_calc.plausibility` warns about them in plain words.

Paths are generic: ``work[].hours_per_week`` covers every step of the plan and of every scenario.

The rows of ``client.benefits.*`` are not written here: each benefit's class declares its fields once
(:mod:`benefit_calc.case.benefits`, :mod:`benefit_calc.case.declare`) and :func:`~benefit_calc.case.declare.rows`
makes the rows from the declarations. ``Bound`` and the date and money edges live in ``declare`` and are read from
here as before.
"""

from __future__ import annotations

from datetime import date

from benefit_calc.case.benefits import Benefits
from benefit_calc.case.declare import (FIRST_DATE, KINDS, LAST_DATE, MONEY_MONTH, MONEY_YEAR, Bound,  # noqa: F401
                                      rows)


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
    # the benefits: declared with their classes (case/benefits.py)
    *rows(Benefits, "client.benefits"),
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
