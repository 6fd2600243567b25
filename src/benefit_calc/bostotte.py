"""Bostøtte from Husbanken, one month at a time, paid on the 20th of the next month.

The rule in plain words (forskrift om bustøtte §§ 1, 3, 4, 7, 13; values in ``rules/no/bostotte.yaml``):
the household's taxable income *paid* in the month (a-ordningen, cash principle) × 12, divided by the household
weight (1 for the first person, 0.13 for each further adult, 0.15 for each child), gives the yearly income that
decides the egenandel: a minimum plus 16.44 % above one threshold and 63.56 % more above the next. Bostøtte =
73.7 % × (rent and heating add-on a year, up to the cap for the household size and municipality − egenandel) / 12;
nothing below the minimum payment. From 2025, in a month with three AAP or dagpenger payments only two thirds of
them count. Tax-free; barnetrygd, kontantstøtte, tiltakspenger and sosialhjelp are not income.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from . import calendar as cal
from .money import dec as _d
from .payments import Explanation, Payment, used
from .result import Warning
from .rules import Ruleset
from .scheme import Context, SchemeOutput

LAW = "Forskrift om bustøtte §§ 1–4, 7 og 13"
ZERO, TWELVE = Decimal(0), Decimal(12)



def egenandel(rules: Ruleset, weighted: Decimal, month: date) -> Decimal:
    """Minste egenandel plus each bracket's rate on the weighted yearly income above its threshold (rates add up)."""
    total = _d(rules.value("bostotte.egenandel_minimum", month))
    for b in rules.value("bostotte.egenandel_steps", month):
        total += _d(b.rate) * max(ZERO, weighted - _d(b.threshold))
    return total


def cap(rules: Ruleset, persons: int, municipality: str | None, month: date) -> Decimal:
    caps = rules.value("bostotte.cap", month)
    base = _d(caps[str(min(persons, max(int(k) for k in caps)))])
    groups = rules.value("bostotte.municipality_group", month)
    group = next((g for g, munis in groups.items() if municipality in munis), None)
    return base + (_d(rules.value("bostotte.cap_addon", month)[group]) if group else ZERO)


def monthly_amount(rules: Ruleset, month: date, income: Decimal, adults: int, children: int, rent_year: Decimal,
                   municipality: str | None, heating: bool) -> int:
    """Bostøtte for ``month`` from the household income paid in it (see the module docstring)."""
    weight = 1 + _d(rules.value("bostotte.weight_adult", month)) * max(0, adults - 1) \
        + _d(rules.value("bostotte.weight_child", month)) * children
    if adults == 0:
        weight -= 1 - _d(rules.value("bostotte.weight_child", month))
    weighted = (income * TWELVE / weight).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    cost = rent_year + (_d(rules.value("bostotte.heating_addon", month)) if heating else ZERO)
    approved = min(cost, cap(rules, adults + children, municipality, month))
    amount = _d(rules.value("bostotte.coverage", month)) * (approved - egenandel(rules, weighted, month)) / TWELVE
    kr = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return kr if kr >= int(rules.value("bostotte.minimum_payment", month)) else 0


def run(ctx: Context) -> SchemeOutput:
    bs = ctx.case.client.benefits.bostotte
    if bs is None:
        return SchemeOutput()
    rules, case = ctx.rules, ctx.case
    hh = case.household
    income: Counter[date] = Counter()
    meldekort: Counter[date] = Counter()
    meldekort_sum: Counter[date] = Counter()
    for p in ctx.earlier:
        m = cal.month_of(p.paid_on)
        if p.taxable:
            income[m] += p.amount
        if p.scheme in ("aap", "dagpenger"):
            meldekort[m] += 1
            meldekort_sum[m] += p.amount
    payments, warnings = [], []
    adults = 1 + (hh.partner is not None)
    rent_year = _d(hh.rent_per_month or 0) * TWELVE
    month = cal.add_months(ctx.first_day, -1)
    while month < ctx.last_day.replace(day=1):
        paid_on = cal.add_months(month, 1).replace(day=int(rules.value("bostotte.payment_day_next_month", month)))
        kids = cal.children_under([c.birth_date for c in hh.children], int(rules.value("bostotte.child_age", month)), month)
        total = _d(income[month]) + _d(ctx.partner_gross(month))
        if meldekort[month] >= 3:
            share = _d(rules.value("bostotte.three_payment_share", month))
            total -= _d(meldekort_sum[month]) * (1 - share)
        amount = monthly_amount(rules, month, total, adults, kids, rent_year, hh.municipality, not bs.heating_in_rent)
        if amount and paid_on <= ctx.last_day:
            payments.append(Payment("bostotte", paid_on, amount, False, "husbanken", month, cal.add_months(month, 1) - cal.ONE_DAY,
                                    Explanation("bostotte.month", f"Bostøtte for {month:%m.%Y}: inntekt utbetalt i måneden "
                                                f"{total:,.0f} kr × 12, husstand {adults + kids} personer.", LAW,
                                                (used(rules, "bostotte.coverage", month),
                                                 used(rules, "bostotte.egenandel_minimum", month),
                                                 used(rules, "bostotte.cap", month)),
                                                f"Bostøtte for {month:%m.%Y}: income paid in the month {total:,.0f} kr "
                                                f"× 12, household of {adults + kids}.")))
        if meldekort[month] >= 3 and ctx.in_horizon(paid_on):
            warnings.append(Warning(
                "bostotte_three_payments", cal.month_of(paid_on),
                f"I {month:%m.%Y} kom tre meldekortutbetalinger. Bostøtten for den måneden (utbetalt {paid_on:%d.%m}) "
                "regnes av inntekten som ble utbetalt i måneden" + (", men bare to tredeler av AAP/dagpengene telles."
                                                                   if share < 1 else " og blir derfor lavere."),
                "Forskrift om bustøtte § 5 (inntekt utbetalt i måneden)", "Sett av penger fra måneden med tre utbetalinger."))
        month = cal.add_months(month, 1)
    return SchemeOutput(tuple(payments), warnings=tuple(warnings))
