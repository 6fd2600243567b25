"""Bostøtte from Husbanken, one month at a time, paid on the 20th of the next month.

The rule in plain words (forskrift om bustøtte §§ 1–4, 7 og 13; values in ``rules/no/bostotte.yaml``, modelled
from termin January 2023): the household's taxable income *paid* in the month (a-ordningen, cash principle) × 12,
divided by the household weight (1 for the first person, 0.13 for each further adult, 0.13 for each child until
January 2023 and 0.15 from February 2023) and rounded to whole kroner, gives the yearly income that decides the
egenandel: a minimum plus 16.44 % above threshold A and, from termin July 2024, 63.56 % more above threshold B.
Until termin June 2024 § 4 had a stepwise progressive term instead of the second rate: above its threshold B a
rate of the *whole* weighted income, one rate (0.27 %; 0.12 % from termin December 2021 to March 2024) at B + 1
and one more for every step (1 205 kr in 2022, price-adjusted) above it. Bostøtte = 73.7 % × (rent and heating
add-on a year, up to the cap for the household size and municipality − egenandel) / 12; nothing below the minimum
payment. From 2025, in a month with three AAP or dagpenger payments only two thirds of them count. Tax-free;
barnetrygd, kontantstøtte, tiltakspenger and sosialhjelp are not income.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

import attrs

from benefit_calc.core import calendar as cal
from benefit_calc.core.money import dec as _d
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.result.model import Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import paydays
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.words.formats import Day, Month, Num
from benefit_calc.schemes.declare import TAXABLE, Pays, Scheme

LAW = "Forskrift om bustøtte §§ 1–4, 7 og 13"
AMOUNTS_KEPT = 20_000  # remembered (month rules, income) → amount pairs per household before starting afresh
ZERO, TWELVE = Decimal(0), Decimal(12)



def cap(rules: Ruleset, persons: int, municipality: str | None, month: date) -> Decimal:
    caps = rules.value("bostotte.cap", month)
    base = _d(caps[str(min(persons, max(int(k) for k in caps)))])
    groups = rules.value("bostotte.municipality_group", month)
    group = next((g for g, munis in groups.items() if municipality in munis), None)
    return base + (_d(rules.value("bostotte.cap_addon", month)[group]) if group else ZERO)


@attrs.frozen
class MonthRules:
    """What a month's bostøtte needs besides the income: fixed for a household and a month."""

    weight: Decimal  # household weight for the income
    approved: Decimal  # housing cost a year, capped
    coverage: Decimal
    minimum: Decimal  # minste egenandel
    steps: tuple[tuple[Decimal, Decimal], ...]  # (threshold, rate)
    minimum_payment: int
    progressive: tuple[Decimal, Decimal, Decimal] | None = None  # (rate, threshold B, step) until June 2024


def month_rules(rules: Ruleset, month: date, adults: int, children: int, rent_year: Decimal, municipality: str | None,
                heating: bool) -> MonthRules:
    weight = 1 + _d(rules.value("bostotte.weight_adult", month)) * max(0, adults - 1) \
        + _d(rules.value("bostotte.weight_child", month)) * children
    if adults == 0:
        weight -= 1 - _d(rules.value("bostotte.weight_child", month))
    cost = rent_year + (_d(rules.value("bostotte.heating_addon", month)) if heating else ZERO)
    rate = _d(rules.value("bostotte.egenandel_progressive_rate", month))
    progressive = (rate, _d(rules.value("bostotte.egenandel_progressive_threshold", month)),
                   _d(rules.value("bostotte.egenandel_progressive_step", month))) if rate else None
    return MonthRules(weight, min(cost, cap(rules, adults + children, municipality, month)),
                      _d(rules.value("bostotte.coverage", month)), _d(rules.value("bostotte.egenandel_minimum", month)),
                      tuple((_d(b.threshold), _d(b.rate)) for b in rules.value("bostotte.egenandel_steps", month)),
                      int(rules.value("bostotte.minimum_payment", month)), progressive)


def egenandel(mr: MonthRules, weighted: Decimal) -> Decimal:
    """The egenandel a year for a weighted yearly income in whole kroner (forskrift § 4): the minimum, each
    step's rate on the income above its threshold and, until termin June 2024, for an income above B the
    progressive term: ``rate`` × n × the whole weighted income, n = 1 at B + 1 and one more for every full step
    above B + 1 («0,27 prosent av ei omrekna inntekt på kr 195 221. Satsen aukar deretter med 0,27 prosentpoeng for
    kvar kr 1 205 den omrekna inntekta aukar», § 4 in 2022)."""
    own = mr.minimum + sum((rate * max(ZERO, weighted - threshold) for threshold, rate in mr.steps), ZERO)
    if mr.progressive is not None:
        rate, threshold, step = mr.progressive
        if weighted > threshold:
            own += rate * ((weighted - threshold - 1) // step + 1) * weighted
    return own


def amount_from(mr: MonthRules, income: Decimal) -> int:
    """Bostøtte for a month from the household income paid in it (see the module docstring)."""
    weighted = (income * TWELVE / mr.weight).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    own = egenandel(mr, weighted)
    kr = int((mr.coverage * (mr.approved - own) / TWELVE).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return kr if kr >= mr.minimum_payment else 0


def monthly_amount(rules: Ruleset, month: date, income: Decimal, adults: int, children: int, rent_year: Decimal,
                   municipality: str | None, heating: bool) -> int:
    """Bostøtte for ``month`` from the household income paid in it (see the module docstring)."""
    return amount_from(month_rules(rules, month, adults, children, rent_year, municipality, heating), income)


def _explain(rules: Ruleset, month: date, total: Decimal, persons: int) -> Explanation:
    return Explanation.of("bostotte.month", LAW,
                          (used(rules, "bostotte.coverage", month), used(rules, "bostotte.egenandel_minimum", month),
                           used(rules, "bostotte.cap", month)),
                          month=Month(month), income=Num(total), persons=persons)


def three_payments_warning(month: date, paid_on: date, share: Decimal, amount: int, before: int | None) -> Warning:
    """The warning for a month with three meldekort payments: how its income is counted, and the bostøtte computed
    for it against the month before's (lower, higher or the same; ``None``: the month before is not known — before
    the modelled rules or the simulated years)."""
    key = "warning.bostotte_three_payments" + ("_share" if share < 1 else "")
    if before is not None:
        key += "_lower" if amount < before else "_higher" if amount > before else "_same"
    return Warning.of("bostotte_three_payments", cal.month_of(paid_on),
                      "Forskrift om bustøtte § 5 (inntekt utbetalt i måneden)", key=key,
                      month=Month(month), paid=Day(paid_on), amount=Num(amount),
                      before=Num(before or 0), diff=Num(abs(amount - (before or 0))))


def run(ctx: Context) -> SchemeOutput:
    bs = ctx.case.client.benefits.bostotte
    if bs is None:
        return SchemeOutput()
    rules, case = ctx.rules, ctx.case
    hh = case.household
    income: dict[date, int] = {}
    meldekort: dict[date, list[int]] = {}  # month → the AAP/dagpenger payments in it
    for p in ctx.earlier:
        if p.taxable:
            m = p.paid_on.replace(day=1)
            income[m] = income.get(m, 0) + p.amount
            if p.frequency == "14-day":  # paid per meldeperiode: some months bring three
                meldekort.setdefault(m, []).append(p.amount)
    payments, warnings = [], []
    modelled = rules.modelled_from("bostotte")  # the first day the rule files describe
    first_month = modelled.replace(day=1) if modelled.day == 1 else cal.add_months(modelled.replace(day=1), 1)
    first_paid = cal.add_months(first_month, 1)
    if ctx.detail and ctx.horizon[0] < first_paid:
        warnings.append(Warning.of("bostotte_not_modelled", ctx.horizon[0], LAW, first_paid=Month(first_paid),
                                   first_month=Month(first_month), modelled=Day(modelled)))
    adults = 1 + (hh.partner is not None)
    rent_year = _d(hh.rent_per_month or 0) * TWELVE

    def statics() -> tuple[tuple[tuple[date, date, date, int, MonthRules, Decimal], ...], dict[tuple[int, Decimal], int]]:
        out = []
        same: dict[MonthRules, MonthRules] = {}  # months with the same rules share one object (and its amounts)
        month = max(cal.add_months(ctx.first_day, -1), first_month)
        while month < ctx.last_day.replace(day=1):
            paid_on = paydays.monthly(rules, "bostotte", cal.add_months(month, 1),
                                      int(rules.value("bostotte.payment_day_next_month", month)))
            kids = cal.children_under([c.birth_date for c in hh.children], int(rules.value("bostotte.child_age", month)),
                                      month) if hh.children else 0
            mr = month_rules(rules, month, adults, kids, rent_year, hh.municipality, not bs.heating_in_rent)
            out.append((month, paid_on, cal.add_months(month, 1) - cal.ONE_DAY, adults + kids, same.setdefault(mr, mr),
                        _d(rules.value("bostotte.three_payment_share", month))))
            month = cal.add_months(month, 1)
        # amounts by (month rules, income) live with the month rules they point to
        return tuple(out), {}
    months, amounts = rules.cached(("bostotte", hh, bs, ctx.first_day, ctx.last_day), statics)
    partner = Decimal(ctx.partner_gross(ctx.first_day))  # a fixed monthly amount
    before: int | None = None  # the bostøtte computed for the month before (None: not known)
    for month, paid_on, month_end, persons, mr, share in months:
        total = Decimal(income.get(month, 0)) + partner
        three = len(meldekort.get(month, ())) >= 3
        if three:
            total -= Decimal(sum(meldekort[month])) * (1 - share)
        key = (id(mr), total)
        amount = amounts.get(key)
        if amount is None:
            if len(amounts) > AMOUNTS_KEPT:
                amounts.clear()
            amount = amounts[key] = amount_from(mr, total)
        if amount and paid_on <= ctx.last_day:
            payments.append(ctx.pay("bostotte", paid_on, amount, month, month_end,
                                    partial(_explain, rules, month, total, persons)))
        if three and ctx.detail and ctx.in_horizon(paid_on):
            warnings.append(three_payments_warning(month, paid_on, share, amount, before))
        # a month before the simulated years has no payments to count: not a bostøtte to compare with
        before = amount if month >= ctx.first_day else None
    return SchemeOutput(tuple(payments), warnings=tuple(warnings))


SCHEME = Scheme("bostotte", run, (Pays("bostotte", False, "husbanken"),), order=70, input="bostotte", needs=(TAXABLE,),
                cliffs=(("bostotte", "bostotte.egenandel_steps", "bostotte"),))
