"""Tiltakspenger: a flat daily rate for each day of participation in a labour-market measure, paid per meldeperiode.

The rule in plain words (arbeidsmarkedsloven § 13, forskrift om tiltakspenger; rates by year in
``rules/no/tiltakspenger.yaml``): every day of participation in the measure (up to the days in the vedtak,
normally the ten weekdays of a meldeperiode) pays the year's daily rate, plus barnetillegg per child; the
meldekort is sent after the 14-day period and the period is paid a few days later. Tiltakspenger are tax-free.

Paid work outside the measure: the tiltakspenger calculation has no income input (NAV's case system only
knows days of participation, and a day with *wages from the measure itself* pays nothing). An IPS job is an
ordinary job with an ordinary employer, so this model does not reduce tiltakspenger for it, and says so in the
result. That is an assumption to check with NAV for the client (see the rule file).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from benefit_calc.core import calendar as cal
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.result.model import PeriodRow
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes.context import Context, SchemeOutput, until_rule
from benefit_calc.words import Text
from benefit_calc.words.formats import Day, Num
from benefit_calc.schemes.declare import Pays, Scheme

LAW = "Arbeidsmarkedsloven § 13; forskrift om tiltakspenger"


def children_under(ctx: Context, param: str, day: date) -> int:
    births = [c.birth_date for c in ctx.case.household.children]
    if not births:
        return 0
    return cal.children_under(births, int(ctx.rules.value(param, day)), day)


def _explain(rules: Ruleset, mp: cal.Meldeperiode, days: int, probe: date, bt_total: int) -> Explanation:
    return Explanation.of("tiltakspenger.period", LAW,
                          (used(rules, "tiltakspenger.rate_per_day", probe),
                           *((used(rules, "tiltakspenger.barnetillegg_per_day", probe),) if bt_total else ()),
                           used(rules, "tiltakspenger.payment_lag_days", mp.end)),
                          key="explain.tiltakspenger.period." + ("children" if bt_total else "plain"),
                          start=Day(mp.start), end=Day(mp.end), days=days,
                          rate=Num(float(rules.value("tiltakspenger.rate_per_day", probe))), bt=Num(bt_total))


def run(ctx: Context) -> SchemeOutput:
    """Every tiltakspenger meldeperiode paid in the simulated years."""
    tp = ctx.case.client.benefits.tiltakspenger
    if tp is None:
        return SchemeOutput()
    rules = ctx.rules
    has_right = until_rule(tp.until)
    window, paid = ctx.window("tiltakspenger.payment_lag_days")
    payments, rows = [], []
    for mp in window:
        days = [d for d in mp.weekdays() if has_right is None or has_right(d)][: tp.days_per_period or None]
        amount = bt_total = 0
        for d in days:
            rate = int(rules.value("tiltakspenger.rate_per_day", d))
            kids = children_under(ctx, "tiltakspenger.barnetillegg_max_age", d) if tp.barnetillegg is not False else 0
            bt = int(rules.value("tiltakspenger.barnetillegg_per_day", d)) * kids if kids else 0
            amount += rate + bt
            bt_total += bt
        if not amount:
            continue
        paid_on = paid(mp)
        probe = days[0]
        payments.append(ctx.pay("tiltakspenger", paid_on, amount, mp.start, mp.end,
                                partial(_explain, rules, mp, len(days), probe, bt_total)))
        if ctx.in_horizon(paid_on):
            hours = float(sum(ctx.hours_on(d) for d in mp.days()))
            rows.append(PeriodRow(benefit="tiltakspenger", start=mp.start, end=mp.end, hours=hours, work_share=0.0,
                                  payment_rate=1.0, amount=amount, paid_on=paid_on, barnetillegg=bt_total,
                                  dagsats=float(rules.value("tiltakspenger.rate_per_day", probe)), limits=()))
    worked = ctx.detail and any(s.hours_per_week for s in ctx.case.work)
    note = Text("note.tiltakspenger_work") if worked else ""
    return SchemeOutput(tuple(payments), tuple(rows), notes=(note,) if note else ())


SCHEME = Scheme("tiltakspenger", run, (Pays("tiltakspenger", False, "nav", "14-day"),), order=30, rhythm="meldekort",
                input="tiltakspenger", excludes=("aap", "dagpenger", "uforetrygd", "kvalifiseringsstonad"), has_end=True)
