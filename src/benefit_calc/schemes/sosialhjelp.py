"""Økonomisk stønad (sosialhjelp): the month's need less the household's net resources, krone for krone.

The rule in plain words (sosialtjenesteloven § 18; rates by date in ``rules/no/sosialhjelp.yaml``): the NAV
office adds up the household's need for the month — the guideline rate for the adults (single, couple or
shared housing) and for each child by age, plus the accepted rent, electricity and other approved costs — and
pays what the household's own means do not cover. Every krone of net income (wages and benefits after tax
withheld, bostøtte, kontantstøtte, the partner's net income, a tax refund) reduces the stønad by one krone;
barnetrygd is not counted from 1 September 2022 (§ 18 tredje ledd). The stønad is discretionary and
municipalities may use their own rates (load them as an overlay). Tax-free, and not income for bostøtte.

Runs after tax withholding (it needs net income) and is income for nothing that runs before it.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any, Mapping, Sequence

from benefit_calc.core import calendar as cal
from benefit_calc.case.model import Case
from benefit_calc.core.errors import RulesError
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.result.model import Settlement, Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import paydays
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.result.texts import Joined
from benefit_calc.schemes.sosialhjelp_income import Counted, counted_income, parts_text
from benefit_calc.words import Text
from benefit_calc.words.formats import Day, Month, Num
from benefit_calc.schemes.declare import AFTER_TAX, EVERYTHING, Pays, Scheme

LAW = "Sosialtjenesteloven § 18"


def rates_table(rules: Ruleset, month: date) -> Any:
    """The rates in force in ``month``, checked: a municipal overlay with a missing category names file and key."""
    p = rules.param("sosialhjelp.rates")
    rates = p.at(month).value
    key = f"rates.values.{p.at(month).valid_from}"
    for cat in ("single", "couple", "shared_housing"):
        if not isinstance(rates.get(cat), (int, float)):
            raise RulesError(p.file, f"{key}.{cat}", "missing or not a number (kroner a month)")
    bands = rates.get("children")
    if not isinstance(bands, (list, tuple)) or not bands or not all(
            isinstance(b, Mapping) and isinstance(b.get("from_age"), (int, float)) and float(b["from_age"]).is_integer()
            and isinstance(b.get("amount"), (int, float))
            for b in bands) or min(b["from_age"] for b in bands) != 0:
        raise RulesError(p.file, f"{key}.children", "must be a list of {from_age, amount} starting at from_age 0")
    return rates


def rates_parts(rules: Ruleset, case: Case, month: date) -> tuple[int, str, int, int]:
    """The guideline rates for the household in ``month`` (composition on its first day): the total, the kind of
    household ("couple", "shared_housing", "single_parent" or "single"), the adults' rate and the children counted."""
    rates = rates_table(rules, month)
    hh = case.household
    sh = case.client.benefits.sosialhjelp
    born = [c.birth_date for c in hh.children if c.birth_date <= month]
    limit = int(rules.value("sosialhjelp.child_age_limit", month)) if born else 0
    ages = [a for a in (cal.age_on(b, month) for b in born) if a < limit]
    if hh.partner is not None:
        adult, kind = int(rates["couple"]), "couple"
    elif sh is not None and sh.shared_housing:
        adult, kind = int(rates["shared_housing"]), "shared_housing"
    elif ages and "single_with_children" in rates:
        adult, kind = int(rates["single_with_children"]), "single_parent"
    else:
        adult, kind = int(rates["single"]), "single"
    total = adult
    for age in ages:
        band = max((b for b in rates["children"] if int(b["from_age"]) <= age), key=lambda b: int(b["from_age"]))
        total += int(band["amount"])
    return total, kind, adult, len(ages)


def rates_need(rules: Ruleset, case: Case, month: date) -> tuple[int, str]:
    """The guideline rates for the household in ``month`` and the kind of household they are for (see
    :func:`rates_parts`)."""
    total, kind, _, _ = rates_parts(rules, case, month)
    return total, kind


def need(rules: Ruleset, case: Case, month: date) -> int:
    """The month's need: guideline rates + rent + electricity + other accepted costs."""
    hh, sh = case.household, case.client.benefits.sosialhjelp
    other = (sh.other_costs_per_month or 0) if sh is not None else 0
    return rates_need(rules, case, month)[0] + int(hh.rent_per_month or 0) + int(hh.electricity_per_month or 0) + int(other)


def _explain(rules: Ruleset, case: Case, month: date, need_kr: int, counted: int, amount: int,
             parts: dict[str, int]) -> Explanation:
    hh, sh = case.household, case.client.benefits.sosialhjelp
    _, kind, adult, children = rates_parts(rules, case, month)
    variant = kind if kind == "single_parent" else kind + ("_children" if children else "")
    return Explanation.of("sosialhjelp.month", LAW,
                          (used(rules, "sosialhjelp.rates", month), used(rules, "sosialhjelp.not_counted", month)),
                          key=f"explain.sosialhjelp.month.{variant}", month=Month(month), need=Num(need_kr),
                          adult=Num(adult), children=children, rent=Num(int(hh.rent_per_month or 0)),
                          electricity=Num(int(hh.electricity_per_month or 0)),
                          other=Num(int((sh.other_costs_per_month or 0) if sh is not None else 0)),
                          counted=Num(counted), amount=Num(amount), parts=parts_text(parts),
                          barnetrygd=Text("explain_barnetrygd_not_counted")
                          if "barnetrygd" in rules.value("sosialhjelp.not_counted", month) else "")


def _household(ctx: Context, month: date) -> str:
    """Who a sosialhjelp warning speaks to: "single" (one adult: du) or "couple" (dere), with "_children" when
    barnetrygd is paid in ``month`` (then the warning says it comes on top, not counted)."""
    who = "couple" if ctx.case.household.partner is not None else "single"
    barnetrygd = any(p.scheme == "barnetrygd" and cal.month_of(p.paid_on) == month for p in ctx.earlier)
    return who + ("_children" if barnetrygd else "")


def run(ctx: Context, withheld: Sequence[int], settlements: Sequence[Settlement]) -> SchemeOutput:
    """Sosialhjelp each month; ``ctx.earlier`` holds every other payment and ``withheld`` the tax on each."""
    sh = ctx.case.client.benefits.sosialhjelp
    if sh is None:
        return SchemeOutput()
    rules, case = ctx.rules, ctx.case

    def per_month() -> tuple[tuple[date, int, date, date], ...]:  # (month, need, paid on, last day): no work in it
        out = []
        m = ctx.first_day
        while m <= ctx.last_day:
            nxt = cal.add_months(m, 1)
            out.append((m, need(rules, case, m), paydays.monthly(rules, "sosialhjelp", m, int(rules.value("sosialhjelp.payment_day", m))),
                        nxt - cal.ONE_DAY))
            m = nxt
        return tuple(out)
    months = rules.cached(("sosialhjelp", case.household, sh, ctx.first_day, ctx.last_day), per_month)
    income = counted_income(rules, case, ctx.earlier, withheld, settlements, [m[0] for m in months], ctx.detail)
    counted = income.total
    payments, amounts = [], {}
    for m, need_kr, paid_on, month_end in months:
        got = counted.get(m, 0)
        amount = need_kr - got if need_kr > got else 0
        amounts[m] = (amount, need_kr)
        if amount:
            payments.append(ctx.pay("sosialhjelp", paid_on, amount, m, month_end,
                                    partial(_explain, rules, case, m, need_kr, got, amount, income.parts.get(m, {}))))
    warnings = (*_warnings(ctx, amounts, income), *_paid_early(ctx, payments)) if ctx.detail else ()
    return SchemeOutput(tuple(payments), warnings=tuple(warnings))


EARLY_LISTED = 6  # months named in the warning


def _paid_early(ctx: Context, payments: Sequence[Payment]) -> list[Warning]:
    """One warning naming the case's months whose stønad lands in the month before (the 1st not a banking day)."""
    early = [p for p in payments if p.paid_on < p.earned_from and p.earned_from in ctx.horizon]
    if not early:
        return []
    months = Joined(tuple(Text("explain.sosialhjelp.paid_early_month", month=Month(p.earned_from), day=Day(p.paid_on))
                          for p in early[:EARLY_LISTED]), ", ")
    refs = ctx.rules.param("utbetaling.roll").references  # the source that says sosialhjelp comes the day before
    source = next((r.title for r in refs if "sosialhjelp" in r.title), refs[0].title if refs else "")
    return [Warning.of("sosialhjelp_paid_early", early[0].earned_from, source,
                       months=months, more=" …" if len(early) > EARLY_LISTED else "")]


def _warnings(ctx: Context, amounts: dict[date, tuple[int, int]], income: Counted) -> list[Warning]:
    counted, wages = income.total, income.wages
    out = []
    horizon = ctx.horizon
    rules = ctx.rules
    working = next((m for m in horizon if amounts[m][0] > 0 and wages[m] > 0), None)
    if working is not None:
        amount, need_kr = amounts[working]
        out.append(Warning.of("sosialhjelp_krone_for_krone", working, LAW,
                              key=f"warning.sosialhjelp_krone_for_krone_{_household(ctx, working)}",
                              month=Month(working), wages=Num(wages[working]), need=Num(need_kr),
                              more=Num(amount)))
    before = amounts[cal.add_months(horizon[0], -1)][0] if cal.add_months(horizon[0], -1) in amounts else amounts[horizon[0]][0]
    for m in horizon:
        if before > 0 and amounts[m][0] == 0:
            out.append(Warning.of("sosialhjelp_independent", m, LAW, month=Month(m), income=Num(counted[m]),
                                  need=Num(amounts[m][1])))
            break
        before = amounts[m][0]
    p = rules.param("sosialhjelp.rates")
    projected = next((m for m in horizon if p.is_projected(m) and amounts[m][0] > 0), None)
    if projected is not None:
        out.append(Warning.of("sosialhjelp_rates_estimated", projected, LAW, year=projected.year,
                              month=Month(projected)))
    both = next((m for m in horizon if amounts[m][0] > 0 and income.parts.get(m, {}).get("bostotte")), None)
    if both is not None:  # said once: bostøtte is income here, krone for krone
        out.append(Warning.of("sosialhjelp_counts_bostotte", both, LAW, month=Month(both),
                              bostotte=Num(income.parts[both]["bostotte"])))
    if ctx.case.client.benefits.bostotte is None and (ctx.case.household.rent_per_month or 0) > 0 \
            and any(amounts[m][0] > 0 for m in horizon):
        out.append(Warning.of("sosialhjelp_without_bostotte", None, LAW))
    out.extend(_barnetrygd_proposal(ctx, amounts))
    return out


def _barnetrygd_proposal(ctx: Context, amounts: dict[date, tuple[int, int]]) -> list[Warning]:
    """Said once, in the first month with both sosialhjelp and barnetrygd while barnetrygd is not counted and the
    government's proposal to count it again (``sosialhjelp.proposed_changes``) has no known outcome."""
    rules = ctx.rules
    for m in ctx.horizon:
        if amounts[m][0] <= 0 or "barnetrygd" not in rules.value("sosialhjelp.not_counted", m) \
                or "barnetrygd_counted" not in rules.value("sosialhjelp.proposed_changes", m):
            continue
        paid = sum(p.amount for p in ctx.earlier if p.scheme == "barnetrygd" and cal.month_of(p.paid_on) == m)
        if paid > 0:
            return [Warning.of("sosialhjelp_barnetrygd_proposal", m, LAW, month=Month(m), barnetrygd=Num(paid))]
    return []


SCHEME = Scheme("sosialhjelp", run, (Pays("sosialhjelp", False, "kommune"),), order=90, phase=AFTER_TAX,
                input="sosialhjelp", needs=(EVERYTHING,), cliffs=(("sosialhjelp", "sosialhjelp.rates", "sosialhjelp"),),
                rule_files=("sosialhjelp", "skatt"))  # skatt: the partner's income after the table's withholding
