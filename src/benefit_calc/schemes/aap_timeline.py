"""AAP over a stretch of time: every meldeperiode paid in a window, its payments and its warnings.

The engine calls :func:`aap_timeline`; the rule itself (one meldeperiode) is in :mod:`benefit_calc.aap`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Callable, Collection, Sequence

from benefit_calc.core import calendar as cal
from benefit_calc.case.model import Case
from benefit_calc.schemes import aap_duration
from benefit_calc.schemes.aap import LAW, AapPeriod, AapRates, aap_period, basis_in_g
from benefit_calc.core.errors import CaseError
from benefit_calc.result.payments import Explanation, Payment
from benefit_calc.result.model import PeriodRow, Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes.context import Context, SchemeOutput, until_rule
from benefit_calc.words import Text
from benefit_calc.words.formats import Day, Month, Num
from benefit_calc.result.texts import Joined
from benefit_calc.schemes.declare import Pays, Scheme


def run(ctx: Context) -> SchemeOutput:
    """Every AAP meldeperiode paid in the simulated years, with the hours of the work plan."""
    rules, case = ctx.rules, ctx.case
    aap = case.client.benefits.aap
    if aap is None:
        return SchemeOutput()
    if aap.opptrapping is not None:
        most = int(rules.value("aap.opptrapping_max_months", aap.opptrapping.start))
        if aap.opptrapping.months > most:
            raise CaseError.of("client.benefits.aap.opptrapping.months", "opptrapping_too_long",
                               months=aap.opptrapping.months, max=most)
    ufore = _uforegrad(case)
    if aap.further_reduced is not None and ufore is None:
        raise CaseError.of("client.benefits.aap.further_reduced", "further_reduced_without_uforetrygd")
    basis_g = rules.cached(("aap_basis", aap, case.start, ufore),
                           lambda: basis_in_g(rules, aap, case.start, ufore[1] if ufore else None))
    # the day facts depend only on the rules and the vedtak, so they are shared by every run of the same case
    rates = rules.cached(("aap_rates", aap, case.client.birth_date, case.household.children, basis_g, ufore),
                         lambda: AapRates(rules, aap, case.client.birth_date, case.household.children, basis_g, ufore))
    window, paid = ctx.window("aap.payment_lag_days")
    end = aap_duration.last_day(rules, aap, case.client.birth_date, case.start)
    has_right = until_rule(end[0]) if end is not None and end[0] < ctx.last_day else None
    one = partial(aap_period, rules, aap, case.client.birth_date, case.household.children, hours_on=ctx.hours_on,
                  has_right=has_right, basis_g=basis_g, rates=rates)

    def without_work() -> int:  # the same for every work plan: remembered with the day facts
        key = ("aap_without_work", aap, case.client.birth_date, case.household.children, basis_g, ufore, end,
               ctx.anchor, ctx.first_day, ctx.last_day)
        return rules.cached(key, lambda: sum(rates.amount_without_work(mp, has_right) for mp in window  # type: ignore[no-any-return]
                                             if paid(mp).year == ctx.first_day.year))

    if not ctx.detail and has_right is None and hasattr(ctx.hours_on, "period_total"):
        return SchemeOutput(tuple(_lean_payments(window, ctx.hours_on, rates, one)), without_work=without_work)
    periods = [one(period=mp) for mp in window]
    rates.replay()  # the values behind the day facts, also when they came from the memo
    if not ctx.detail:
        return SchemeOutput(tuple(aap_payments(periods)), without_work=without_work)
    rows = tuple(PeriodRow(benefit="aap", start=p.start, end=p.end, hours=float(p.hours), work_share=float(p.work_share),
                           payment_rate=float(p.payment_rate), amount=p.amount, paid_on=p.paid_on,
                           barnetillegg=p.barnetillegg, dagsats=float(p.dagsats),
                           limits=tuple(float(s.limit) for s in p.segments))
                 for p in periods if ctx.in_horizon(p.paid_on))
    notes, warnings = aap_duration.end_notes_and_warnings(rules, end, ctx.horizon, aap) if end is not None else ([], [])
    return SchemeOutput(tuple(aap_payments(periods)), rows, (
        *aap_warnings(rules, periods, ctx.horizon, case.client.benefits.names()), *warnings),
                        notes=tuple(notes), without_work=without_work)


def _uforegrad(case: Case) -> tuple[date, Decimal] | None:
    """(granted, uføregrad as a fraction) when the client also has graded uføretrygd (§ 11-28); 100 % is refused
    (§ 11-27: no AAP beside a full other benefit)."""
    ut = case.client.benefits.uforetrygd
    if ut is None:
        return None
    if ut.degree >= 100:
        raise CaseError.of("client.benefits.uforetrygd.degree", "aap_full_uforetrygd")
    return ut.granted, (Decimal(str(ut.degree)) / 100).quantize(Decimal("0.01"))


def explain_period(p: AapPeriod) -> Explanation:
    """The period's explanation: one work limit for the whole period, or (split where opptrapping or a rule value
    changes inside it) each part's hours, days, limit and payment rate, listed with " / "."""
    args = {"start": Day(p.start), "end": Day(p.end), "dagsats": Num(float(p.dagsats), 2), "children": p.children}
    if len(p.segments) == 1:
        (s,) = p.segments
        variant = "one"
        args.update(hours=Num(float(s.hours), 2), weekdays=s.weekdays, share=Num(float(s.work_share * 100)),
                    limit=Num(float(s.limit * 100)), rate=Num(float(s.payment_rate * 100)))
    else:
        variant = "split"
        args.update(hours=Joined(tuple(Num(float(s.hours), 2) for s in p.segments), " / "),
                    weekdays=" / ".join(str(s.weekdays) for s in p.segments),
                    share=Num(float(p.work_share * 100)),
                    limit=Joined(tuple(Text("explain.aap.percent", n=Num(float(s.limit * 100))) for s in p.segments), " / "),
                    rate=Joined(tuple(Text("explain.aap.percent", n=Num(float(s.payment_rate * 100)))
                                      for s in p.segments), " / "))
    key = f"explain.aap.period.{variant}" + ("_children" if p.children else "")
    ufore = Text("explain.aap_ufore", degree=Num(float(p.uforegrad * 100))) if p.uforegrad else ""
    return Explanation.of("aap.period", LAW, p.used, key=key, ufore=ufore, **args)


def _lean_payments(window: Sequence[cal.Meldeperiode], hours_on: cal.DailyHours, rates: AapRates,
                   one: Callable[..., AapPeriod]) -> list[Payment]:
    """The payments only (for sweeps): the same rule through :meth:`AapRates.uniform_amount`; the period's full
    calculation is redone when its explanation is asked for."""
    out = []
    total = hours_on.period_total
    for mp in window:
        u = rates.uniform_amount(mp, total(mp))
        if u is None:
            out += aap_payments([one(period=mp)])
        elif u[0]:
            out.append(SCHEME.pay("aap", rates.paid_on(mp), u[0], mp.start, mp.end, partial(_explain_again, one, mp)))
    return out


def _explain_again(one: Callable[..., AapPeriod], mp: cal.Meldeperiode) -> Explanation:
    return explain_period(one(period=mp))


def aap_payments(periods: Sequence[AapPeriod]) -> list[Payment]:
    """One payment per period that pays anything; the explanation is made when asked for."""
    return [SCHEME.pay("aap", p.paid_on, p.amount, p.start, p.end, partial(explain_period, p))
            for p in periods if p.amount > 0]


def three_payments_key(others: Collection[str]) -> str:
    """The words of the three-payment warning: its advice names bostøtte and sosialhjelp only when the household
    has them (``others``: the case's benefits)."""
    return "warning.aap_three_payments" + "".join(f"_{n}" for n in ("bostotte", "sosialhjelp") if n in others)


def aap_warnings(rules: Ruleset, periods: Sequence[AapPeriod], horizon: Sequence[date],
                 others: Collection[str] = ()) -> list[Warning]:
    """Periods over the work limit (all AAP lost) and months with three payments, inside the horizon."""
    out = []
    start, end = horizon[0], cal.add_months(horizon[-1], 1)
    for p in periods:
        if p.over_limit and start <= p.paid_on < end:
            seg = max(p.segments, key=lambda s: s.work_share)
            normal = Decimal(str(rules.value("aap.normal_hours_per_period", p.start)))
            opp = rules.value("aap.max_work_share_opptrapping", p.start)
            months = rules.value("aap.opptrapping_max_months", p.start)
            out.append(Warning.of(
                "aap_work_limit", cal.month_of(p.paid_on), "Folketrygdloven § 11-23",
                start=Day(p.start), end=Day(p.end), share=Num(float(seg.work_share * 100)),
                limit=Num(float(seg.limit * 100)), hours=Num(float(seg.limit * normal), 2),
                opp_limit=Num(float(opp) * 100, 2), months=months))
    per_month = Counter(cal.month_of(p.paid_on) for p in periods if p.amount > 0)
    for m in horizon:
        if per_month[m] >= 3:
            out.append(Warning.of("aap_three_payments", m, "Folketrygdloven § 11-10 (meldekort hver 14. dag)",
                                  key=three_payments_key(others), month=Month(m)))
    return out


SCHEME = Scheme("aap", run, (Pays("aap", True, "nav", "14-day", counted_in="aap_payments"),), order=10,
                rhythm="meldekort", input="aap", excludes=("dagpenger",), has_end=True,
                cliffs=(("aap", "aap.max_work_share", "aap_limit"),),
                tapers=(("aap", "aap.normal_hours_per_period", "aap_grading"),),
                timing=(("three_payments", "aap", "aap_meldekort"),))
