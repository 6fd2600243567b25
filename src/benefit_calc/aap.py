"""Arbeidsavklaringspenger (AAP) per meldeperiode, as NAV's case system Kelvin computes it.

The rule in plain words (folketrygdloven §§ 11-19, 11-20, 11-23; rates by date in ``rules/no/aap.yaml``):

* Yearly AAP is 66 % of the grunnlag (capped at 6 G), but at least the minimum: 2 G, and 2.041 G from
  1 July 2024; under 25 two thirds of that. The grunnlag is held in G, so the amount follows G: the daily rate
  (dagsats) on each day is G in force that day × yearly AAP in G / 260, in kroner and øre.
* Barnetillegg: a daily rate per child under 18 (27 → 35 kr from 1 Feb 2023, 36, 37, 38 from 1 Jan 2026).
* Work (§ 11-23): the hours on the meldekort over the normal 75 hours of a meldeperiode (scaled by the weekdays
  with a right to AAP) give the work share, rounded to a whole percent. Above the limit — 60 %, 70 % for
  yrkesskade, 80 % inside an approved opptrapping period — nothing is paid for the period. Otherwise every
  weekday pays (dagsats + barnetillegg) × (100 % − the work share or the fastsatt arbeidsevne if higher),
  rounded to whole kroner per day. 45 h of 75 is 60 % and pays 40 %; 45.5 h is 60.67 % → 61 % → nothing.
* The period is paid after the meldekort is sent: period end + the lag in the rules.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Sequence

import attrs

from . import calendar as cal
from .case import Aap, Child, Opptrapping
from .payments import Explanation, Payment, Used, used
from .rules import Ruleset

LAW = "Folketrygdloven §§ 11-19, 11-20 og 11-23"
CENT = Decimal("0.01")
PERMILLE = Decimal("0.001")
ONE = Decimal(1)


def _d(x: object) -> Decimal:
    return Decimal(str(x))


def _round(x: Decimal, q: Decimal) -> Decimal:
    return x.quantize(q, rounding=ROUND_HALF_UP)


@attrs.frozen
class AapSegment:
    """Days of a meldeperiode with one work limit (a period splits where opptrapping starts or ends)."""

    start: date
    end: date
    weekdays: int
    hours: Decimal
    work_share: Decimal  # whole percent as a fraction, e.g. 0.27
    limit: Decimal
    payment_rate: Decimal  # gradering


@attrs.frozen
class AapPeriod:
    """One meldeperiode: hours, the work share, the payment rate and what is paid when."""

    start: date
    end: date
    paid_on: date
    hours: Decimal
    weekdays: int
    segments: tuple[AapSegment, ...]
    amount: int
    barnetillegg: int  # the barnetillegg part (before rounding per day), for display
    dagsats: Decimal  # dagsats on the period's first weekday with a right
    children: int
    over_limit: bool
    used: tuple[Used, ...]

    @property
    def work_share(self) -> Decimal:
        return max((s.work_share for s in self.segments), default=Decimal(0))

    @property
    def payment_rate(self) -> Decimal:
        return min((s.payment_rate for s in self.segments), default=Decimal(0))


def basis_in_g(rules: Ruleset, aap: Aap, start: date) -> Decimal:
    """The grunnlag in G (10 decimals): as given, or kroner / G in force on ``start``; at most 6 G (§ 11-19)."""
    if aap.basis_g is not None:
        g_units = _d(aap.basis_g)
    else:
        g_units = _d(aap.basis) / _d(rules.value("grunnbelop.g", start))
    return _round(min(g_units, _d(rules.value("aap.basis_cap_g", start))), G_UNIT)


G_UNIT = Decimal("0.0000000001")  # Kelvin's GUnit: 10 decimals, HALF_UP


def birthday(birth: date, years: int) -> date:
    """The day ``years`` after ``birth`` (Java's plusYears: 29 February falls back to 28 February)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return birth.replace(year=birth.year + years, day=28)


def yearly_g(rules: Ruleset, basis_g: Decimal, birth: date, day: date) -> Decimal:
    """Yearly AAP in G on ``day``: 66 % of the grunnlag, at least the minimum for the client's age (§ 11-20).

    As Kelvin: every G amount is held to 10 decimals (HALF_UP); the under-25 minimum is the minimum × 2, then / 3;
    the ordinary minimum applies from the 25th birthday itself.
    """
    ordinary = _round(basis_g * _d(rules.value("aap.compensation_rate", day)), G_UNIT)
    minimum = _d(rules.value("aap.minimum_annual_g", day))
    if day < birthday(birth, int(rules.value("aap.full_rate_age", day))):
        minimum = _round(_round(minimum * _d(rules.value("aap.under_25_share_numerator", day)), G_UNIT)
                         / _d(rules.value("aap.under_25_share_denominator", day)), G_UNIT)
    return minimum if minimum > ordinary else ordinary


def dagsats(rules: Ruleset, basis_g: Decimal, birth: date, day: date) -> Decimal:
    """Daily rate in kroner and øre: G in force on ``day`` × (yearly AAP in G / 260 to 10 decimals), to øre."""
    factor = _round(yearly_g(rules, basis_g, birth, day) / _d(rules.value("aap.days_per_year", day)), G_UNIT)
    return _round(_d(rules.value("grunnbelop.g", day)) * factor, CENT)


def work_share(rules: Ruleset, hours: Decimal, weekdays: int, day: date) -> Decimal:
    """Hours over the normal hours for ``weekdays`` days, to 3 decimals then a whole percent (Kelvin), at most 1."""
    full = _d(rules.value("aap.weekdays_per_period", day))
    normal = _d(rules.value("aap.normal_hours_per_period", day))
    share = min(ONE, _round(hours * full / (normal * weekdays), PERMILLE))
    return _round(share, CENT)


def _limit(rules: Ruleset, aap: Aap, day: date) -> Decimal:
    opp: Opptrapping | None = aap.opptrapping
    if opp is not None and opp.start <= day < cal.add_months(opp.start, opp.months):
        return _d(rules.value("aap.max_work_share_opptrapping", day))
    if aap.yrkesskade:
        return _d(rules.value("aap.max_work_share_yrkesskade", day))
    return _d(rules.value("aap.max_work_share", day))


def children_on(rules: Ruleset, children: Sequence[Child], day: date) -> int:
    max_age = rules.value("aap.barnetillegg_max_age", day)
    return sum(1 for c in children if c.birth_date <= day and cal.age_on(c.birth_date, day) < max_age)


def aap_period(rules: Ruleset, aap: Aap, birth: date, children: Sequence[Child], period: cal.Meldeperiode,
               hours_on: Callable[[date], Decimal], has_right: Callable[[date], bool], basis_g: Decimal) -> AapPeriod:
    """Compute one meldeperiode of AAP (see the module docstring for the rule)."""
    right_days = [d for d in period.days() if cal.is_weekday(d) and has_right(d)]
    arbeidsevne = _d(aap.arbeidsevne or 0) / 100
    hours = sum((hours_on(d) for d in right_days), Decimal(0))
    share = work_share(rules, hours, len(right_days), period.start) if right_days else Decimal(0)
    # one work share for the whole period, compared per day with that day's limit (opptrapping may start mid-period)
    segments: list[AapSegment] = []
    rate_on: dict[date, Decimal] = {}
    for d in right_days:
        limit = _limit(rules, aap, d)
        rate = Decimal(0) if share > limit else ONE - max(share, arbeidsevne)
        rate_on[d] = rate
        if segments and segments[-1].limit == limit:
            last = segments[-1]
            segments[-1] = attrs.evolve(last, end=d, weekdays=last.weekdays + 1, hours=last.hours + hours_on(d))
        else:
            segments.append(AapSegment(d, d, 1, hours_on(d), share, limit, rate))
    with_bt = aap.barnetillegg is not False
    amount = 0
    bt_total = Decimal(0)
    first_rate = Decimal(0)
    n_children = 0
    for d in right_days:
        rate = rate_on[d]
        ds = dagsats(rules, basis_g, birth, d)
        first_rate = first_rate or ds
        kids = children_on(rules, children, d) if with_bt else 0
        n_children = max(n_children, kids)
        bt = _d(rules.value("aap.barnetillegg_per_day", d)) * kids
        bt_total += bt * rate
        amount += int(_round(_round(ds * rate, CENT) + _round(bt * rate, CENT), ONE))
    lag = int(rules.value("aap.payment_lag_days", period.end))
    probe = right_days[0] if right_days else period.start
    used_params = (used(rules, "grunnbelop.g", probe), used(rules, "aap.compensation_rate", probe),
                   used(rules, "aap.minimum_annual_g", probe), used(rules, "aap.days_per_year", probe),
                   used(rules, "aap.normal_hours_per_period", probe), used(rules, "aap.max_work_share", probe),
                   used(rules, "aap.barnetillegg_per_day", probe), used(rules, "aap.payment_lag_days", period.end))
    return AapPeriod(period.start, period.end, period.end + timedelta(days=lag), hours, len(right_days),
                     tuple(segments), amount, int(_round(bt_total, ONE)), first_rate, n_children,
                     any(s.work_share > s.limit for s in segments), used_params)


def explain_period(p: AapPeriod) -> Explanation:
    seg_text = "; ".join(
        f"{s.hours:g} timer på {s.weekdays} dager = {s.work_share * 100:.0f} % arbeid, grense {s.limit * 100:.0f} % "
        f"→ utbetaling {s.payment_rate * 100:.0f} %" for s in p.segments)
    text = (f"Meldeperiode {p.start:%d.%m}–{p.end:%d.%m.%Y}: dagsats {p.dagsats:.2f} kr"
            + (f" + barnetillegg for {p.children} barn" if p.children else "")
            + f"; {seg_text}. Hver hverdag rundes til hele kroner.")
    return Explanation("aap.period", text, LAW, p.used)


def aap_payments(rules: Ruleset, periods: Sequence[AapPeriod]) -> list[Payment]:
    return [Payment("aap", p.paid_on, p.amount, True, "nav", p.start, p.end, explain_period(p), "14-day")
            for p in periods if p.amount > 0]
