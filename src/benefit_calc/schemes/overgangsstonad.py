"""Overgangsstønad for a single parent, month by month, as NAV's familie-ef-sak computes it.

The rule in plain words (folketrygdloven § 15-9; values in ``rules/no/overgangsstonad.yaml``):

* Full stønad a month = G in force that month × 2.25 / 12, rounded half to even.
* The yearly income NAV has on file (the expected income; a monthly amount × 12 is rounded down to 1 000)
  reduces it: 45 % of the income above half a G, divided by 12 and rounded half down.
* Uføretrygd in the same month is deducted krone for krone (samordningsfradrag); never below zero.
* G-omregning (familie-ef-sak ``BeregningUtils.indeksjusterInntekt`` and its G-omregning README, commit
  c6029f3d, 2026-08-21): each time G changes (1 May) NAV raises the expected income on a running vedtak set
  before that day — the income rounded down to whole 1 000 kr × new G / old G, rounded down to whole 100 kr — and
  pays from the raised income from that month (210 000 kr → 223 400 kr from May 2023; 16 088 kr a month instead of
  16 590). The income is as NAV set it on ``expected_income_from`` (default: the case's start month); every G
  change after that day omregner it once, so a vedtak running several years is omregnet year by year. The rounding
  steps are ``overgangsstonad.g_omregning_income_rounding`` and ``g_omregning_rounding``; a G only projected
  (carried forward) does not change, so no omregning is made for it. When the client reports a new income, NAV's
  revurdering sets the income anew (the omregnet income on file + the reported pay) and later G changes omregner
  that.
* NAV pays from the expected income. If the client does not report a higher income, NAV's control flags the case
  when the income has been 10 % or more above the expected monthly income three months in a row; NAV then
  revurderer and claims what was paid too much (folketrygdloven § 22-15). There is no yearly etteroppgjør.
* From 1 July 2026 (folketrygdloven kapittel 15 as changed; ``schemes/overgangsstonad_2026.py``): a stønad first
  granted from that day is paid only while a child is under 14 months or needs special care; one granted before
  keeps the old rules.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from functools import partial
from typing import Any

from benefit_calc.core import calendar as cal
from benefit_calc.core.money import dec as _d
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.result.model import Settlement, Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import overgangsstonad_2026, paydays
from benefit_calc.schemes.context import Context, SchemeOutput
from benefit_calc.words import Text
from benefit_calc.words.formats import Month, Num
from benefit_calc.schemes.declare import Pays, Scheme

LAW = "Folketrygdloven § 15-9"
ZERO, ONE, TWELVE = Decimal(0), Decimal(1), Decimal(12)



def full_month(rules: Ruleset, month: date) -> int:
    """Full overgangsstønad for ``month``: G × 2.25 / 12, rounded half to even (familie-ef-sak)."""
    g = _d(rules.value("grunnbelop.g", month))
    return int((g * _d(rules.value("overgangsstonad.full_g", month)) / TWELVE).quantize(ONE, rounding=ROUND_HALF_EVEN))


def yearly_income(rules: Ruleset, annual: Decimal, monthly: Decimal, day: date) -> Decimal:
    """familie-ef-sak's total income: annual + 12 × monthly, rounded down to 1 000 if a monthly amount is given
    or the annual figure is not a multiple of 100."""
    total = annual + monthly * TWELVE
    step = _d(rules.value("overgangsstonad.income_rounding", day))
    if monthly > 0 or annual % 100 != 0:
        return (total.to_integral_value(rounding=ROUND_FLOOR) // step) * step
    return total


def reduction(rules: Ruleset, income: Decimal, month: date) -> int:
    """45 % of the yearly income above half a G (to 5 decimals, half down), / 12, half down to kroner."""
    g = _d(rules.value("grunnbelop.g", month))
    over = income - g * _d(rules.value("overgangsstonad.free_income_g", month))
    if over <= 0:
        return 0
    yearly = (over * _d(rules.value("overgangsstonad.reduction_share", month))).quantize(Decimal("0.00001"), rounding=ROUND_HALF_DOWN)
    return int((yearly / TWELVE).quantize(ONE, rounding=ROUND_HALF_DOWN))


def g_omregning(rules: Ruleset, income: Decimal, g_old: Decimal, g_new: Decimal, day: date) -> Decimal:
    """The expected income on a running vedtak after NAV's G-omregning on ``day`` (folketrygdloven § 15-9 with
    § 1-4; familie-ef-sak ``BeregningUtils.indeksjusterInntekt`` at c6029f3d): the income rounded down to whole
    ``g_omregning_income_rounding`` (1 000 kr), times the factor new G / old G (a BigDecimal to 34 digits,
    ``MathContext.DECIMAL128``, half even), rounded down to whole ``g_omregning_rounding`` (100 kr).
    210 000 kr at G 111 477 → 118 620 (May 2023): 210 000 × 1.06407... = 223 456.9 → 223 400 kr."""
    step_in = _d(rules.value("overgangsstonad.g_omregning_income_rounding", day))
    step_out = _d(rules.value("overgangsstonad.g_omregning_rounding", day))
    floored = (income.to_integral_value(rounding=ROUND_FLOOR) // step_in) * step_in
    with localcontext() as c:  # familie-ef-sak divides with MathContext.DECIMAL128, then multiplies exactly
        c.prec, c.rounding = 34, ROUND_HALF_EVEN
        factor = g_new / g_old
        c.prec = 80
        raised = floored * factor
    return (raised.to_integral_value(rounding=ROUND_FLOOR) // step_out) * step_out


def g_changes(rules: Ruleset, after: date, until: date) -> list[tuple[date, Decimal, Decimal]]:
    """The days in ``(after, until]`` on which G changes, with the G before and after (``grunnbelop.g``). The
    first G of the rule file has no G before it and is left out."""
    param = rules.param("grunnbelop.g")
    first = param.values[0].valid_from
    return [(v.valid_from, _d(param.value(v.valid_from - cal.ONE_DAY)), _d(v.value))
            for v in param.changes_between(after, until)
            if v.valid_from > first and _d(param.value(v.valid_from - cal.ONE_DAY)) != _d(v.value)]


def amount(rules: Ruleset, income: Decimal, month: date, samordning: int = 0) -> int:
    return max(0, full_month(rules, month) - reduction(rules, income, month) - samordning)


def _step_monthly(step: object) -> Decimal:
    """A work step's income a month at its steady rate (weekly hours × wage × 52 / 12, or the salary)."""
    if step is None or not step.hours_per_week:  # type: ignore[attr-defined]
        return ZERO
    if step.monthly_salary is not None:  # type: ignore[attr-defined]
        return _d(step.monthly_salary)  # type: ignore[attr-defined]
    weekly = _d(step.hours_per_week) * _d(step.hourly_wage or 0)  # type: ignore[attr-defined]
    return (weekly * 52 / TWELVE).quantize(ONE, rounding=ROUND_HALF_UP)


def _explain(rules: Ruleset, month: date, expected: Decimal, samordning: int, omregnet: date | None = None) -> Explanation:
    """Why ``month`` pays what it does; ``omregnet``: the day of the last G-omregning of the income, if any (its
    rounding steps are then listed with the other parameters)."""
    steps = () if omregnet is None else (used(rules, "overgangsstonad.g_omregning_income_rounding", omregnet),
                                         used(rules, "overgangsstonad.g_omregning_rounding", omregnet))
    return Explanation.of("overgangsstonad.month", LAW,
                          (used(rules, "grunnbelop.g", month), used(rules, "overgangsstonad.full_g", month),
                           used(rules, "overgangsstonad.reduction_share", month), *steps),
                          key="explain.overgangsstonad.month." + ("uforetrygd" if samordning else "plain"),
                          full=Num(float(full_month(rules, month))), reduction=Num(float(reduction(rules, expected, month))),
                          expected=Num(float(expected)), uforetrygd=Num(samordning), **rule_words(rules, month))


def rule_words(rules: Ruleset, day: date) -> dict[str, Any]:
    """The reduction share and the free income in G as words say them ("45 %", "½"), from the rules on ``day``."""
    share = float(rules.value("overgangsstonad.reduction_share", day))
    free = float(rules.value("overgangsstonad.free_income_g", day))
    return {"share": Text("explain.aap.percent", n=Num(share * 100, 2)), "free": "½" if free == 0.5 else Num(free, 2)}


def run(ctx: Context) -> SchemeOutput:
    """Overgangsstønad month by month (folketrygdloven § 15-9): full stønad (2.25 G / 12) less 45 % of the expected
    yearly income above ½ G / 12, less uføretrygd the same month, paid on the 20th. The expected income is the
    vedtak's, G-omregnet from each 1 May after ``expected_income_from`` (floor 1 000 × new G / old G, floor 100;
    familie-ef-sak indeksjusterInntekt, c6029f3d; in force from the month the new G applies, May); a reported
    income sets it anew from the month after the report. NAV's income control (three months ≥ 10 % above) leads
    to a revurdering and a claim (§ 22-15). From 1 July 2026 a stønad first granted on or after that day stops from
    the month the youngest child reaches 14 months, unless a child needs special care; one granted before keeps the
    old rules (``overgangsstonad_2026.regime``)."""
    os_ = ctx.case.client.benefits.overgangsstonad
    if os_ is None:
        return SchemeOutput()
    rules, case = ctx.rules, ctx.case
    base = _d(os_.expected_income or 0)
    ut_by_month: dict[date, int] = {}
    for p in ctx.earlier:
        if p.scheme == "uforetrygd":
            ut_by_month[p.earned_from] = ut_by_month.get(p.earned_from, 0) + p.amount
    wages_by_month: dict[date, int] = {}
    for p in ctx.earlier:
        if p.payer == "employer":
            wages_by_month[cal.month_of(p.paid_on)] = wages_by_month.get(cal.month_of(p.paid_on), 0) + p.amount
    regime = overgangsstonad_2026.regime(ctx)
    payments, warnings, settlements = [], list(regime.warnings), []
    notes: list[Text] = list(regime.notes) if ctx.detail else []
    # G-omregning: the vedtak's income (``on_file``) and the part of it NAV had before any report (``base``)
    set_on = os_.expected_income_from or case.start
    changes = g_changes(rules, set_on, ctx.last_day)
    on_file, last_reported, omregnet = yearly_income(rules, base, ZERO, ctx.first_day), ZERO, None
    day_no = int(rules.value("overgangsstonad.payment_day", ctx.first_day))
    above_in_a_row, overpaid, flagged, detect_at = 0, 0, False, None
    month = ctx.first_day
    while month <= ctx.last_day:
        if (os_.until is not None and month > os_.until) or (regime.stop is not None and month >= regime.stop):
            break
        prev = cal.add_months(month, -1)
        if flagged:  # NAV has revurdert after its income control: the actual income rate from now on
            reported = _step_monthly(cal.step_for(case.work, prev))
        elif os_.reports_income == "never":
            reported = ZERO
        elif isinstance(os_.reports_income, date):
            reported = _step_monthly(cal.step_for(case.work, os_.reports_income)) if month > os_.reports_income else ZERO
        else:  # on_job_start: the client reports each change; NAV uses it from the month after
            reported = _step_monthly(cal.step_for(case.work, prev)) if prev >= case.start else ZERO
        while changes and changes[0][0] <= month:  # NAV omregner the running vedtak from the month G changes
            changed, g_old, g_new = changes.pop(0)
            before = on_file
            base = g_omregning(rules, base, g_old, g_new, changed)
            on_file, omregnet = g_omregning(rules, on_file, g_old, g_new, changed), changed
            # a note when the income changes, also for an omregning before the case (it sets the case's income)
            if ctx.detail and on_file != before and changed < cal.add_months(ctx.horizon[-1], 1):
                notes.append(Text("note.overgangsstonad_g_omregning", month=Month(changed), income=Num(float(on_file)),
                                  before=Num(float(before)), g_old=Num(float(g_old)), g_new=Num(float(g_new))))
        if reported != last_reported:  # a revurdering: the income on file + the reported pay, set this month
            on_file, last_reported = yearly_income(rules, base, reported, month), reported
            omregnet = None if base == 0 else omregnet  # the part on file before the report was omregnet
        expected = on_file
        samordning = ut_by_month.get(month, 0)
        paid = amount(rules, expected, month, samordning)
        if paid:
            payments.append(ctx.pay(
                "overgangsstonad", paydays.monthly(rules, "overgangsstonad", month, day_no), paid, month,
                cal.add_months(month, 1) - cal.ONE_DAY, partial(_explain, rules, month, expected, samordning, omregnet)))
        # NAV's control: actual income paid in the month against the expected monthly income
        actual = wages_by_month.get(month, 0)
        half_g_month = _d(rules.value("grunnbelop.g", month)) / 2 / TWELVE
        limit = int(expected / TWELVE) * (1 + _d(rules.value("overgangsstonad.control_increase_share", month)))
        above = detect_at is None and actual >= half_g_month and actual >= limit
        above_in_a_row = above_in_a_row + 1 if above else 0
        if detect_at is None and above_in_a_row >= int(rules.value("overgangsstonad.control_months", month)):
            detect_at = cal.add_months(month, 1)
        if above or (detect_at is not None and not flagged):
            overpaid += paid - amount(rules, yearly_income(rules, base, _d(actual), month), month, samordning)
        if detect_at is not None and month == detect_at:
            # NAV's control looks back at the three previous months, so it finds the change the month after them
            flagged = True
            if ctx.in_horizon(month):
                warnings.append(Warning.of("overgangsstonad_income_control", month, "Folketrygdloven §§ 15-9 og 22-15",
                                           overpaid=Num(overpaid)))
            if overpaid > 0:
                when = cal.add_months(month, 1)
                settlements.append(Settlement("overgangsstonad", month.year, -overpaid, when, ctx.in_horizon(when)))
        month = cal.add_months(month, 1)
    if settlements and ctx.detail:
        notes.append(Text("note.overgangsstonad_control"))
    return SchemeOutput(tuple(payments), (), tuple(warnings), tuple(settlements), tuple(notes),
                        lambda: sum(p.amount for p in payments if p.paid_on.year == ctx.first_day.year))


SCHEME = Scheme("overgangsstonad", run, (Pays("overgangsstonad", True, "nav"),), order=50, input="overgangsstonad",
                needs=("wages", "uforetrygd"), has_end=True,
                cliffs=(("overgangsstonad", "overgangsstonad.reduction_share", "overgangsstonad"),))
