"""Kvalifiseringsstønad, month by month, paid in arrears.

The rule in plain words (sosialtjenesteloven § 35, forskrift om kvalifiseringsprogram; values in
``rules/no/kvalifiseringsstonad.yaml``): 2 G a year (2.041 G from 1 July 2024, inferred), two thirds under 25,
following G; barnetillegg per child for five days a week. Paid work reduces the stønad *with* barnetillegg in
proportion to its hours over the programme's full time of 37.5 hours a week; dagpenger reduce it krone for
krone. Taxable. The municipality decides when it pays; this model pays each month on the 15th of the next.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from benefit_calc.core import calendar as cal
from benefit_calc.core.money import dec as _d
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import paydays
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.words import Text
from benefit_calc.words.formats import Month, Num
from benefit_calc.schemes.declare import Pays, Scheme

LAW = "Sosialtjenesteloven § 35; forskrift om kvalifiseringsprogram"
ZERO, ONE, TWELVE = Decimal(0), Decimal(1), Decimal(12)



def _explain(rules: Ruleset, month: date, yearly: Decimal, bt: Decimal, worked: Decimal, full_time: Decimal,
             share: Decimal, dagpenger: int) -> Explanation:
    return Explanation.of("kvalifiseringsstonad.month", LAW,
                          (used(rules, "kvalifiseringsstonad.annual_g", month), used(rules, "grunnbelop.g", month),
                           used(rules, "kvalifiseringsstonad.full_time_hours_per_week", month)),
                          key="explain.kvalifiseringsstonad.month." + ("dagpenger" if dagpenger else "plain"),
                          month=Month(month), base=Num(float(yearly / TWELVE)), bt=Num(float(bt)),
                          worked=Num(float(worked), 2), full_time=Num(float(full_time), 2), share=Num(float(share * 100)),
                          dagpenger=Num(dagpenger))


def run(ctx: Context) -> SchemeOutput:
    kvp = ctx.case.client.benefits.kvalifiseringsstonad
    if kvp is None:
        return SchemeOutput()
    rules, case = ctx.rules, ctx.case
    dagpenger_by_month: dict[date, int] = {}
    for p in ctx.earlier:
        if p.scheme == "dagpenger":
            dagpenger_by_month[cal.month_of(p.paid_on)] = dagpenger_by_month.get(cal.month_of(p.paid_on), 0) + p.amount
    payments = []
    month = cal.add_months(ctx.first_day, -1)  # December before: paid in January
    while month < cal.add_months(ctx.last_day.replace(day=1), 0):
        nxt = cal.add_months(month, 1)
        if kvp.until is not None and month > kvp.until:
            break
        g = _d(rules.value("grunnbelop.g", month))
        yearly = _d(rules.value("kvalifiseringsstonad.annual_g", month)) * g
        if month < cal.birthday(case.client.birth_date, int(rules.value("kvalifiseringsstonad.full_rate_age", month))):
            yearly *= _d(rules.value("kvalifiseringsstonad.under_25_share", month))
        weekdays = cal.weekdays_in(month, nxt)
        births = [c.birth_date for c in case.household.children]
        kids = 0
        if births and kvp.barnetillegg is not False:  # no barnetillegg rule read without children
            kids = cal.children_under(births, int(rules.value("kvalifiseringsstonad.barnetillegg_max_age", month)), month)
        bt = _d(rules.value("kvalifiseringsstonad.barnetillegg_per_day", month)) * kids * weekdays if kids else Decimal(0)
        full_time = _d(rules.value("kvalifiseringsstonad.full_time_hours_per_week", month)) * weekdays / cal.DAYS_PER_WEEK_WORKED
        worked = ctx.hours_on.in_month(month) if month >= ctx.first_day else ZERO
        share = min(ONE, worked / full_time) if full_time else ZERO
        before = (yearly / TWELVE + bt) * (ONE - share)
        paid_on = paydays.monthly(rules, "kvalifiseringsstonad", nxt,
                                  int(rules.value("kvalifiseringsstonad.payment_day_next_month", month)))
        dp = dagpenger_by_month.get(month, 0)
        amount = max(0, int(before.quantize(ONE, rounding=ROUND_HALF_UP)) - dp)
        if amount and ctx.first_day <= paid_on <= ctx.last_day:
            payments.append(ctx.pay(
                "kvalifiseringsstonad", paid_on, amount, month, nxt - cal.ONE_DAY,
                partial(_explain, rules, month, yearly, bt, worked, full_time, share, dp)))
        month = nxt
    if not ctx.detail:  # notes only with the details (not in an hours sweep)
        return SchemeOutput(tuple(payments))
    day = int(rules.value("kvalifiseringsstonad.payment_day_next_month", ctx.first_day))
    return SchemeOutput(tuple(payments), notes=(Text("note.kvalifiseringsstonad_paid", day=day),))


# paid by the municipality (sosialtjenesteloven § 35: the kommune grants and pays it through its NAV office): its tax
# card is the municipality's, a payer of its own beside the employer
SCHEME = Scheme("kvalifiseringsstonad", run, (Pays("kvalifiseringsstonad", True, "kommune"),), order=60,
                input="kvalifiseringsstonad", needs=("dagpenger",), excludes=("aap", "uforetrygd"), has_end=True,
                cliffs=(("kvalifiseringsstonad", "kvalifiseringsstonad.full_time_hours_per_week", "kvalifiseringsstonad"),))
