"""AAP over a stretch of time: every meldeperiode paid in a window, its payments and its warnings.

The engine calls :func:`aap_timeline`; the rule itself (one meldeperiode) is in :mod:`benefit_calc.aap`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from typing import Callable, Sequence

from . import calendar as cal
from .aap import LAW, AapPeriod, AapRates, aap_period, basis_in_g
from .case import Case
from .errors import CaseError
from .payments import Explanation, Payment
from .result import Warning
from .rules import Ruleset


def _window(rules: Ruleset, case: Case, first: date, last: date) -> tuple[list[cal.Meldeperiode], timedelta]:
    """The client's meldeperioder whose payment date falls in ``[first, last]``, and the payment lag."""
    lag = timedelta(days=int(rules.value("aap.payment_lag_days", first)))
    anchor = case.meldeperiode_start or cal.default_anchor(case.start)
    periods = cal.meldeperioder(anchor, first - lag - timedelta(days=cal.PERIOD_DAYS), last)
    return [mp for mp in periods if first <= mp.end + lag <= last], lag


def _has_right(case: Case) -> Callable[[date], bool] | None:
    until = case.client.benefits.aap.until if case.client.benefits.aap else None
    return None if until is None else (lambda d: d <= until)


def aap_timeline(rules: Ruleset, case: Case, hours_on: Callable[[date], Decimal], first: date, last: date
                 ) -> tuple[list[AapPeriod], AapRates]:
    """Every AAP meldeperiode paid from ``first`` to ``last`` with the hours of the work plan."""
    aap = case.client.benefits.aap
    assert aap is not None
    if aap.opptrapping is not None:
        most = int(rules.value("aap.opptrapping_max_months", aap.opptrapping.start))
        if aap.opptrapping.months > most:
            raise CaseError("client.benefits.aap.opptrapping.months",
                            f"{aap.opptrapping.months} is more than the {most} months of opptrapping the law allows "
                            "(folketrygdloven § 11-23 sjette ledd)")
    basis_g = basis_in_g(rules, aap, case.start)
    rates = AapRates(rules, aap, case.client.birth_date, case.household.children, basis_g)
    window, _ = _window(rules, case, first, last)
    has_right = _has_right(case)
    return [aap_period(rules, aap, case.client.birth_date, case.household.children, mp, hours_on, has_right,
                       basis_g, rates) for mp in window], rates


def income_without_work(rules: Ruleset, case: Case, year: int, rates: AapRates | None) -> int:
    """AAP paid in ``year`` had the client not worked: what the client's tax card is made from."""
    if rates is None:
        return 0
    window, _ = _window(rules, case, date(year, 1, 1), date(year, 12, 31))
    return sum(rates.amount_without_work(mp, _has_right(case)) for mp in window)


def explain_period(p: AapPeriod) -> Explanation:
    seg_text = "; ".join(
        f"{s.hours:g} timer på {s.weekdays} dager = {s.work_share * 100:.0f} % arbeid, grense {s.limit * 100:.0f} % "
        f"→ utbetaling {s.payment_rate * 100:.0f} %" for s in p.segments)
    text = (f"Meldeperiode {p.start:%d.%m}–{p.end:%d.%m.%Y}: dagsats {p.dagsats:.2f} kr"
            + (f" + barnetillegg for {p.children} barn" if p.children else "")
            + f"; {seg_text}. Hver hverdag rundes til hele kroner.")
    return Explanation("aap.period", text, LAW, p.used)


def aap_payments(periods: Sequence[AapPeriod]) -> list[Payment]:
    """One payment per period that pays anything; the explanation is made when asked for."""
    return [Payment("aap", p.paid_on, p.amount, True, "nav", p.start, p.end, partial(explain_period, p), "14-day")
            for p in periods if p.amount > 0]


def aap_warnings(rules: Ruleset, periods: Sequence[AapPeriod], horizon: Sequence[date]) -> list[Warning]:
    """Periods over the work limit (all AAP lost) and months with three payments, inside the horizon."""
    out = []
    start, end = horizon[0], cal.add_months(horizon[-1], 1)
    for p in periods:
        if p.over_limit and start <= p.paid_on < end:
            seg = max(p.segments, key=lambda s: s.work_share)
            normal = Decimal(str(rules.value("aap.normal_hours_per_period", p.start)))
            opp = rules.value("aap.max_work_share_opptrapping", p.start)
            months = rules.value("aap.opptrapping_max_months", p.start)
            out.append(Warning(
                "aap_work_limit", cal.month_of(p.paid_on),
                f"I meldeperioden {p.start:%d.%m}–{p.end:%d.%m} er arbeidet {seg.work_share * 100:.0f} % av normal "
                f"arbeidstid, over grensen på {seg.limit * 100:.0f} %. Da faller hele AAP for perioden bort (0 kr i "
                "stedet for å bli redusert).",
                "Folketrygdloven § 11-23",
                f"Hold timene på høyst {seg.limit * normal:g} per meldeperiode, eller spør NAV om opptrapping "
                f"(grense {opp * 100:g} % i inntil {months} måneder)."))
    per_month = Counter(cal.month_of(p.paid_on) for p in periods if p.amount > 0)
    for m in horizon:
        if per_month[m] >= 3:
            out.append(Warning(
                "aap_three_payments", m,
                f"I {m:%m.%Y} kommer tre AAP-utbetalinger i stedet for to. Måneden ser rikere ut enn den er: pengene "
                "skal vare til neste utbetaling.",
                "Folketrygdloven § 11-10 (meldekort hver 14. dag)",
                "Sett av den tredje utbetalingen. Bostøtte og sosialhjelp kan bli lavere måneden etter."))
    return out
