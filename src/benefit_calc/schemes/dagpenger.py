"""Dagpenger per meldeperiode, as NAV's rules engine dp-behandling computes them.

The rule in plain words (folketrygdloven §§ 4-3, 4-9, 4-11, 4-12, 4-15; dagpengeforskriften §§ 7-1, 10-4;
values in ``rules/no/dagpenger.yaml``):

* Dagsats = 2.4 ‰ of the grunnlag (capped at 6 G), in whole kroner; barnetillegg per child a day; the two
  together at most 90 % of the grunnlag / 260. The grunnlag is fixed at the vedtak (G in force at the start).
* A meldeperiode: the fastsatt vanlig arbeidstid (FVA, at most 40 h a week) per weekday with a right gives the
  period's normal hours. If the hours worked (every day) are more than 50 % of them, nothing is paid for the
  period. Otherwise each weekday pays the dagsats (with barnetillegg) × (normal − worked) / normal, rounded to
  kroner per group of days with the same rate (see :func:`period_amount`).
* Three periods in a row with too little loss of working time stop the dagpenger from the first of them
  (a new claim is needed).
* A new claim starts with an egenandel of 3 × dagsats (with barnetillegg), deducted from the first payments.
* The stønadsperiode (§ 4-15, 52 or 104 weeks) runs out as meldeperioder use it; nothing is paid after the last
  stønadsdag (see :mod:`benefit_calc.schemes.dagpenger_duration`).
* More than eight weeks (41 stønadsdager) in a calendar year give a ferietillegg of 9.5 % of the year's dagpenger,
  paid in May the next year (§ 4-14; see :mod:`benefit_calc.schemes.dagpenger_ferietillegg`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any, Callable, Sequence

import attrs

from benefit_calc.core import calendar as cal
from benefit_calc.core.money import dec as _d, kroner as _kr
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.result.model import PeriodRow, Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import dagpenger_duration as duration
from benefit_calc.schemes import dagpenger_ferietillegg as ferie
from benefit_calc.schemes.context import Context, SchemeOutput, until_rule
from benefit_calc.words.formats import Day, Num
from benefit_calc.schemes.declare import Pays, Scheme

LAW = "Folketrygdloven §§ 4-3, 4-11, 4-12 og 4-15"
ZERO = Decimal(0)


def dagsats(rules: Ruleset, basis: Decimal, day: date) -> int:
    """2.4 per mille of the grunnlag, capped at 6 G (G in force on ``day``), rounded to whole kroner."""
    cap = _d(rules.value("dagpenger.basis_cap_g", day)) * _d(rules.value("grunnbelop.g", day))
    return _kr(min(basis, cap) * _d(rules.value("dagpenger.dagsats_factor", day)))


def with_barnetillegg(rules: Ruleset, basis: Decimal, rate: int, kids: int, day: date) -> int:
    """Dagsats plus barnetillegg, at most 90 % of the grunnlag / 260 (rounded to whole kroner)."""
    if not kids:
        return rate
    bt = int(rules.value("dagpenger.barnetillegg_per_day", day)) * kids
    cap = _kr(_d(rules.value("dagpenger.max_share_of_basis", day)) * basis / _d(rules.value("dagpenger.days_per_year", day)))
    return min(rate + bt, max(cap, rate))


@attrs.frozen
class PeriodAmount:
    passed: bool  # worked at most 50 % of the normal hours
    factor: Decimal  # (normal − worked) / normal
    gross: Decimal
    egenandel: int  # egenandel taken from this period
    net: int


def period_amount(day_rates: Sequence[int], normal: Decimal, hours: Decimal, limit: Decimal, egenandel_left: int
                  ) -> PeriodAmount:
    """One meldeperiode as dp-behandling's Beregningsperiode computes it.

    ``day_rates``: the sats (dagsats with barnetillegg) of each weekday with a right; ``normal``: the period's
    fastsatt vanlig arbeidstid (FVA/5 × those days); ``hours``: hours worked on every day of the period. Days
    with the same sats form a group: gross = sats × days × factor; the egenandel left is spread over the groups
    in proportion to their gross (each share rounded half up, at most the group's gross); each group's net is
    rounded half up to kroner.
    """
    if not day_rates or normal <= 0 or hours / normal > limit:
        return PeriodAmount(False, ZERO, ZERO, 0, 0)
    factor = max(ZERO, (normal - hours) / normal)
    groups: dict[int, int] = {}
    for rate in day_rates:
        groups[rate] = groups.get(rate, 0) + 1
    gross = {rate: rate * n * factor for rate, n in groups.items()}
    total = sum(gross.values(), ZERO)
    taken = net = 0
    for rate, g in gross.items():
        share = min(g, _d(_kr(_d(egenandel_left) * (g / total)))) if total else ZERO
        taken += int(share)
        net += _kr(g - share)
    return PeriodAmount(True, factor, total, taken, net)


def children_on(rules: Ruleset, ctx: Context, day: date) -> int:
    births = [c.birth_date for c in ctx.case.household.children]
    if not births:
        return 0
    return cal.children_under(births, int(rules.value("dagpenger.barnetillegg_max_age", day)), day)


def _explain(rules: Ruleset, mp: cal.Meldeperiode, start: date, rate: int, kids: int, days: int, normal: Decimal,
             hours: Decimal) -> Explanation:
    return Explanation.of("dagpenger.period", LAW,
                          (used(rules, "dagpenger.dagsats_factor", mp.start), used(rules, "grunnbelop.g", start),
                           used(rules, "dagpenger.max_work_share", mp.start),
                           *((used(rules, "dagpenger.barnetillegg_per_day", mp.start),) if kids else ())),
                          key="explain.dagpenger.period." + ("children" if kids else "plain"),
                          start=Day(mp.start), end=Day(mp.end), rate=Num(rate), children=kids, days=days,
                          normal=Num(float(normal), 2), hours=Num(float(hours), 2))


def run(ctx: Context) -> SchemeOutput:
    """Every dagpenger meldeperiode paid in the simulated years."""
    dp = ctx.case.client.benefits.dagpenger
    if dp is None:
        return SchemeOutput()
    rules = ctx.rules
    start = ctx.case.start
    basis = _d(dp.basis) if dp.basis is not None else _d(dp.basis_g) * _d(rules.value("grunnbelop.g", start))
    rate = dagsats(rules, basis, start)
    has_right = until_rule(dp.until)
    if dp.egenandel:  # a new claim starts at the case's start: no dagpenger before it
        until = has_right
        has_right = (lambda d: d >= start and (until is None or until(d)))
    window, paid = ctx.window("dagpenger.payment_lag_days")
    egenandel_due = bool(dp.egenandel)  # a new claim: the egenandel is taken from the first payments
    egenandel_left = 0
    first_failing = ctx.first_day
    over_in_a_row, stopped_after = 0, None
    payments, rows, warnings = [], [], []
    forbruk: list[date] = []  # the stønadsdager used (days of meldeperioder under the work limit)
    limit_share = _d(rules.value("dagpenger.max_work_share", start))
    pct = Num(float(limit_share) * 100, 2)
    period = duration.days_left(rules, dp, start)  # (stønadsdager left, weeks, why) or None: no end known
    left = None if period is None else period[0]
    end: date | None = start - cal.ONE_DAY if left == 0 else None
    for mp in window:
        if stopped_after is not None:
            break  # three periods in a row without enough loss of working time: stopped (§ 10-4)
        days = [d for d in mp.weekdays() if (has_right is None or has_right(d)) and (left != 0 or d < start)]
        if not days:
            if left == 0 and mp.start >= start:
                break  # the stønadsperiode is used up
            continue
        fva = min(_d(dp.normal_hours_per_week), _d(rules.value("dagpenger.normal_hours_cap", mp.start)))
        normal = fva / cal.DAYS_PER_WEEK_WORKED * len(days)
        # hours of every day with a right count (weekends too); days without a right drop out (dp-behandling)
        hours = sum((ctx.hours_on(d) for d in mp.days() if has_right is None or has_right(d)), Decimal(0))
        kids = [children_on(rules, ctx, d) if dp.barnetillegg is not False else 0 for d in days]
        day_rates = [with_barnetillegg(rules, basis, rate, k, d) for k, d in zip(kids, days)]
        kids_max = max(kids)
        if egenandel_due:
            egenandel_due = False
            egenandel_left = int(rules.value("dagpenger.egenandel_days", mp.start)) * day_rates[0]
        res = period_amount(day_rates, normal, hours, limit_share, egenandel_left)
        if left is not None and res.passed:  # each weekday from the start uses a stønadsdag; the last are cut
            before = sum(1 for d in days if d < start)
            if len(days) - before >= left:
                end = days[before + left - 1]
                day_rates = day_rates[:before + left]
                res = period_amount(day_rates, normal, hours, limit_share, egenandel_left)
            left -= len(day_rates) - before
        egenandel_left -= res.egenandel
        if res.passed:
            forbruk.extend(days[:len(day_rates)])
        amount, factor = res.net, res.factor
        bt_paid = sum((_d(r - rate) * factor for r in day_rates), Decimal(0))
        if not res.passed:
            over_in_a_row += 1
            if over_in_a_row == 1:
                first_failing = mp.start
            if over_in_a_row >= int(rules.value("dagpenger.periods_without_loss_to_stop", mp.end)):
                stopped_after = mp.end
                if ctx.detail:
                    warnings.append(Warning.of("dagpenger_stopped", cal.month_of(paid(mp)),
                                               "Dagpengeforskriften § 10-4", limit=pct,
                                               date=Day(first_failing)))
        else:
            over_in_a_row = 0
        paid_on = paid(mp)
        if ctx.in_horizon(paid_on):
            rows.append(PeriodRow(benefit="dagpenger", start=mp.start, end=mp.end, hours=float(hours),
                                  work_share=float(hours / normal) if normal else 0.0, payment_rate=float(factor),
                                  amount=amount, paid_on=paid_on, barnetillegg=_kr(bt_paid), dagsats=float(rate),
                                  limits=(float(limit_share),)))
        if amount:
            payments.append(ctx.pay("dagpenger", paid_on, amount, mp.start, mp.end, partial(
                _explain, rules, mp, start, rate, kids_max, len(days), normal, hours)))
    notes: tuple = ()
    if ctx.detail and stopped_after is None:
        if period is not None:
            end = end or duration.end_after(window[-1].end if window else ctx.last_day, left or 0)
        notes, more = _end_words(ctx, dp, period, end, rows, pct)
        warnings += more
    elif period is None and ctx.detail:
        notes = (duration.unknown_note(rules, dp, start),)
    extra, settlements, ferie_notes = ferie.ferietillegg(ctx, payments, ferie.days_by_year(forbruk))
    return SchemeOutput(tuple(payments + extra), tuple(rows), tuple(warnings), tuple(settlements),
                        notes=(*notes, *ferie_notes), without_work=partial(
                            _without_work, ctx, basis, rate, has_right, period, window, paid))


def _end_words(ctx: Context, dp: Any, period: Any, end: date | None, rows: Sequence[PeriodRow],
               pct: Num) -> tuple[tuple[Any, ...], list[Warning]]:
    """When the dagpenger end (or that the end is not known), and the first period paid nothing for the work."""
    notes: tuple[Any, ...] = ()
    warnings: list[Warning] = []
    if period is not None:
        ends = duration.end_notes_and_warnings(period[1:], end, ctx.horizon)  # type: ignore[arg-type]
        notes, warnings = tuple(ends[0]), list(ends[1])
    else:
        notes = (duration.unknown_note(ctx.rules, dp, ctx.case.start),)
    first = next((r for r in rows if r.payment_rate == 0 and r.hours), None)
    if first is not None:
        warnings.append(Warning.of("dagpenger_work_limit", cal.month_of(first.paid_on),
                                   "Folketrygdloven § 4-3; dagpengeforskriften § 10-4",
                                   start=Day(first.start), end=Day(first.end), limit=pct))
    return notes, warnings


def _without_work(ctx: Context, basis: Decimal, rate: Decimal, has_right: Callable[[date], bool] | None,
                  period: Any, window: Sequence[cal.Meldeperiode], paid: Callable[[cal.Meldeperiode], date]) -> int:
    """No hours: every weekday pays the full rate, until the stønadsdager are used; the first year's egenandel is
    ignored (a small overestimate)."""
    rules, start = ctx.rules, ctx.case.start
    year, rest, total = ctx.first_day.year, period[0] if period is not None else None, 0
    for mp in window:
        for d in mp.weekdays():
            if has_right is not None and not has_right(d):
                continue
            if rest is not None and d >= start:
                if rest == 0:
                    return total
                rest -= 1
            if paid(mp).year == year:
                total += with_barnetillegg(rules, basis, rate, 0, d)
    return total


SCHEME = Scheme("dagpenger", run, (Pays("dagpenger", True, "nav", "14-day"), Pays(ferie.KIND, True, "nav")), order=20,
                rhythm="meldekort", input="dagpenger", has_end=True,
                cliffs=(("dagpenger", "dagpenger.max_work_share", "dagpenger_limit"),),
                tapers=(("dagpenger", "dagpenger.days_per_year", "dagpenger_grading"),),
                timing=(("three_payments", "dagpenger", "dagpenger_meldekort"),))
