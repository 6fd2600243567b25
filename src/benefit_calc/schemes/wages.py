"""Wages (lønn) and feriepenger from the work plan, paid on real paydays; its rule file is ``rules/no/lonn.yaml``.

Hourly pay: the hours of each weekday in a month times the hourly wage. Monthly salary: the salary for each
month a salaried step is in force. Wages earned in a month are paid on the payday of the same month or the
next (the case says; default next month for hourly pay, the same month for a salary).

Feriepenger (ferieloven § 10): 10.2 % of the wages earned in the previous calendar year, paid with the June
salary (§ 11, common practice). Only wages earned under a step with ``holiday_pay`` (the default) count, so
the step under which the wages were *earned* decides, not the one in force in June; they are paid in June even
if the job has ended (ferieloven § 11 (3) pays them at the last settlement instead: not modelled). Benefits such
as AAP earn no feriepenger, so in the first year of a new job there are none. With a monthly salary the June
salary is reduced by the pay for the 25 holiday days (ferietrekk) in a year when feriepenger are paid.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import partial
from decimal import Decimal
from typing import Sequence

from benefit_calc.core import calendar as cal
from benefit_calc.core.money import kroner as _kr
from benefit_calc.case.model import WorkStep
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import paydays
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.schemes.declare import WAGES, Pays, Scheme
from benefit_calc.words.formats import Month, Num

FERIE_REF = "Ferieloven §§ 5, 10 og 11"



def earned_by_month(work: Sequence[WorkStep], first: date, last: date) -> dict[date, Decimal]:
    """Gross wages earned in each month from ``first`` to ``last`` (first days of months), before ferietrekk."""
    return {month: amount for month, (amount, _, _) in _earned(work, first, last).items()}


def _earned(work: Sequence[WorkStep], first: date, last: date) -> dict[date, tuple[Decimal, WorkStep | None, date]]:
    """Month → (gross earned, the step in force, the first day of the next month)."""
    out: dict[date, tuple[Decimal, WorkStep | None, date]] = {}
    per_step: dict[int, Decimal] = {}  # by id of the step: a salary, or the wage a working day
    month = first
    while month <= last:
        nxt = cal.add_months(month, 1)
        step = cal.step_for(work, month)
        if step is None:
            out[month] = (Decimal(0), None, nxt)
            month = nxt
            continue
        rate = per_step.get(id(step))
        if rate is None:
            rate = per_step[id(step)] = (Decimal(str(step.monthly_salary)) if step.monthly_salary is not None else
                                     Decimal(str(step.hours_per_week)) / cal.DAYS_PER_WEEK_WORKED
                                     * Decimal(str(step.hourly_wage or 0)))
        out[month] = (rate if step.monthly_salary is not None else cal.weekdays_in(month, nxt) * rate, step, nxt)
        month = nxt
    return out


def wage_payments(rules: Ruleset, work: Sequence[WorkStep], first: date, last: date) -> list[Payment]:
    """Every wage and feriepenger payment for work from ``first`` through the month ``last`` (first of month)."""
    earned = _earned(work, first, last)
    by_year: dict[int, Decimal] = defaultdict(Decimal)  # wages that earn feriepenger, by the year they were earned
    for month, (amount, step, _) in earned.items():
        if step is not None and step.holiday_pay is not False:
            by_year[month.year] += amount
    payments: list[Payment] = []
    rounded: dict[Decimal, int] = {}  # most months repeat one of a few amounts (20–23 weekdays)
    # (payday, holiday-pay month) by year — or by month if either rule ever changed in the middle of a year
    yearly = rules.cached(("lonn_yearly",), lambda: all(
        v.valid_from.month == v.valid_from.day == 1
        for n in ("lonn.payday_day_of_month", "lonn.holiday_pay_month") for v in rules.param(n).values), shared=True)
    known: dict[object, tuple[int, int]] = {}
    for month, (amount, step, following) in earned.items():
        if step is None and not by_year.get(month.year - 1):
            continue
        rule = known.get(month.year if yearly else month)
        if rule is None:
            rule = known[month.year if yearly else month] = (int(rules.value("lonn.payday_day_of_month", month)),
                                         int(rules.value("lonn.holiday_pay_month", month)))
        day_no, holiday_month = rule
        # feriepenger for last year's wages (those earned where the step said holiday_pay), in the holiday-pay
        # month whatever the job is then; ferietrekk from a salary in force that month
        if month.month == holiday_month:
            base = by_year.get(month.year - 1, Decimal(0))
            rate = Decimal(str(rules.value("lonn.holiday_pay_rate", month)))
            feriepenger = _kr(base * rate)
            if feriepenger > 0:
                payments.append(SCHEME.pay(
                    "holiday_pay", paydays.monthly(rules, "lonn", month, day_no), feriepenger, date(month.year - 1, 1, 1), date(month.year - 1, 12, 31),
                    partial(_explain_holiday_pay, rules, month, rate, base)))
                if step is not None and step.monthly_salary is not None and step.holiday_pay is not False:
                    share = Decimal(str(rules.value("lonn.holiday_days", month))) / Decimal(
                        str(rules.value("lonn.ferietrekk_days_per_month", month)))
                    amount = max(Decimal(0), amount - amount * share)
        if step is None:
            continue
        if amount <= 0:
            continue
        next_month = step.payday == "next_month" or (step.payday is None and step.monthly_salary is None)
        kr = rounded.get(amount)
        if kr is None:
            kr = rounded[amount] = _kr(amount)
        payments.append(SCHEME.pay(
            "wages", paydays.monthly(rules, "lonn", following if next_month else month, day_no), kr, month, following - cal.ONE_DAY, partial(_explain_wages, rules, step, month, next_month)))
    return payments


def _explain_holiday_pay(rules: Ruleset, month: date, rate: Decimal, base: Decimal) -> Explanation:
    return Explanation.of("lonn.holiday_pay", FERIE_REF,
                          (used(rules, "lonn.holiday_pay_rate", month), used(rules, "lonn.holiday_pay_month", month)),
                          rate=Num(float(rate * 100), 2), year=month.year - 1, base=Num(_kr(base)))


def _explain_wages(rules: Ruleset, step: WorkStep, month: date, next_month: bool) -> Explanation:
    how, args = ("salary", {"salary": Num(_kr(Decimal(str(step.monthly_salary))))}) if step.monthly_salary is not None \
        else ("hourly", {"hours": Num(step.hours_per_week, 2), "wage": Num(step.hourly_wage or 0, 2)})
    return Explanation.of("lonn.wages", "Arbeidsavtalen", (used(rules, "lonn.payday_day_of_month", month),),
                          key=f"explain.lonn.wages.{how}_{'next_month' if next_month else 'same_month'}", **args)


def run(ctx: Context) -> SchemeOutput:
    """The wages and feriepenger paid in the simulated years, from the work plan."""
    pays = wage_payments(ctx.rules, ctx.work, ctx.first_day, ctx.last_day.replace(day=1))
    return SchemeOutput(tuple(p for p in pays if ctx.first_day <= p.paid_on <= ctx.last_day))


SCHEME = Scheme("wages", run, (Pays("wages", True, "employer", row="wages"),
                               Pays("holiday_pay", True, "employer", row="holiday_pay")),
                order=0, phase=WAGES, rule_files=("lonn",), timing=(("holiday_pay", "wages", "holiday_pay"),))
