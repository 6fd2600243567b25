"""Arbeidsavklaringspenger (AAP) per meldeperiode, as NAV's case system Kelvin computes it.

The rule in plain words (folketrygdloven §§ 11-19, 11-20, 11-23; rates by date in ``rules/no/aap.yaml``):

* Yearly AAP is 66 % of the grunnlag (capped at 6 G), but at least the minimum: 2 G, and 2.041 G from
  1 July 2024; under 25 two thirds of that. The grunnlag is held in G, so the amount follows G: the daily rate
  (dagsats) on each day is G in force that day × yearly AAP in G / 260, in kroner and øre.
* Barnetillegg: a daily rate per child under 18 (27 → 35 kr from 1 Feb 2023, 36, 37, 38 from 1 Jan 2026).
* Work (§ 11-23): the hours on the meldekort (every day with a right, weekends included) over the normal 75
  hours of a meldeperiode (scaled by the weekdays with a right to AAP) give the work share, rounded to a whole percent. Above the limit — 60 %, 70 % for
  yrkesskade, 80 % inside an approved opptrapping period — nothing is paid for the period. Otherwise every
  weekday pays (dagsats + barnetillegg) × (100 % − the work share or the fastsatt arbeidsevne if higher),
  rounded to whole kroner per day. 45 h of 75 is 60 % and pays 40 %; 45.5 h is 60.67 % → 61 % → nothing.
* With graded uføretrygd (§ 11-28) AAP is paid for the rest: the uføregrad is taken off that payment rate (50 %
  uføretrygd and no work pays 50 %; with 20 % work 30 %), never below 0; the 60 % limit still tests the hours.
  With 100 % uføretrygd no AAP is paid (§ 11-27). This is how Kelvin grades it (samordningUføregradering).
* The period is paid after the meldekort is sent: period end + the lag in banking days in the rules.
"""

from __future__ import annotations

import bisect
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Sequence

import attrs

from benefit_calc.core import calendar as cal
from benefit_calc.core.money import dec as _d
from benefit_calc.case.model import Aap, Child, Opptrapping
from benefit_calc.result.payments import Used, used
from benefit_calc.rules.load import Ruleset
from benefit_calc.rules.model import note_reads, tracing
from benefit_calc.schemes import paydays

LAW = "Folketrygdloven §§ 11-19, 11-20 og 11-23"
CENT = Decimal("0.01")
PERMILLE = Decimal("0.001")
ONE = Decimal(1)



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
    uforegrad: Decimal = Decimal(0)  # taken off the payment rate (graded uføretrygd, § 11-28)

    @property
    def work_share(self) -> Decimal:
        return max((s.work_share for s in self.segments), default=Decimal(0))

    @property
    def payment_rate(self) -> Decimal:
        return min((s.payment_rate for s in self.segments), default=Decimal(0))


def basis_in_g(rules: Ruleset, aap: Aap, start: date, uforegrad: Decimal | None = None) -> Decimal:
    """The grunnlag in G (10 decimals): as given, or kroner / G in force on ``start``; at most 6 G (§ 11-19).
    Beside graded uføretrygd, the higher of that and :func:`further_reduced_basis_g` (§ 11-28 fjerde ledd)."""
    cap = _d(rules.value("aap.basis_cap_g", start))
    if aap.basis_g is not None:
        g_units = _d(aap.basis_g)
    else:
        g_units = _d(aap.basis) / _d(rules.value("grunnbelop.g", start))
    if aap.further_reduced is not None and uforegrad is not None:
        g_units = max(g_units, further_reduced_basis_g(rules, aap.further_reduced, aap.incomes_before, uforegrad))
    return _round(min(g_units, cap), G_UNIT)


def further_reduced_basis_g(rules: Ruleset, day: date, incomes: Sequence[float], uforegrad: Decimal) -> Decimal:
    """The grunnlag from the income before the arbeidsevne was further reduced (folketrygdloven § 11-28 fjerde
    ledd, Kelvin's UføreBeregning): each of the 3 (``aap.basis_years``) calendar years before ``day`` (newest first; a year not given
    counts 0) is scaled up to a full position, income / (1 − uføregrad) to øre, put in G by the year's average G
    (10 decimals) and capped at 6 G; the grunnlag is the higher of the last year and the 3 years' average (§ 11-19).
    The uføregrad is taken as the same in all three years."""
    if uforegrad >= ONE:
        return Decimal(0)
    cap = _d(rules.value("aap.basis_cap_g", day))
    years = [min(cap, _round(_round(_d(x) / (ONE - uforegrad), CENT)
                             / _d(rules.value("grunnbelop.g_average", date(day.year - 1 - i, 1, 1))), G_UNIT))
             for i, x in enumerate(incomes)]
    n = int(rules.value("aap.basis_years", day))
    years += [Decimal(0)] * (n - len(years))
    return max(years[0], _round(sum(years, Decimal(0)) / n, G_UNIT))


G_UNIT = Decimal("0.0000000001")  # Kelvin's GUnit: 10 decimals, HALF_UP
birthday = cal.birthday  # Kelvin's 25årsDagen: the 25th birthday itself (29 February → 28 February)


def yearly_g(rules: Ruleset, basis_g: Decimal, birth: date, day: date) -> Decimal:
    """Yearly AAP in G on ``day``: 66 % of the grunnlag, at least the minimum for the client's age (§ 11-20).

    As Kelvin: every G amount is held to 10 decimals (HALF_UP); the under-25 minimum is the minimum × 2, then / 3;
    the ordinary minimum applies from the 25th birthday itself.
    """
    ordinary = _round(basis_g * _d(rules.value("aap.compensation_rate", day)), G_UNIT)
    minimum = _d(rules.value("aap.minimum_annual_g", day))
    if day < cal.birthday(birth, int(rules.value("aap.full_rate_age", day))):
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


def payment_rate(share: Decimal, limit: Decimal, arbeidsevne: Decimal, uforegrad: Decimal = Decimal(0)) -> Decimal:
    """The share of the dagsats paid (gradering, folketrygdloven § 11-23): nothing when work is over the day's limit,
    else 1 − the work share, or 1 − the fastsatt arbeidsevne if that is higher (Kelvin's GraderingArbeidRegel);
    with graded uføretrygd (§ 11-28) the uføregrad is taken off that, never below 0 — AAP for the part not covered
    by uføretrygd (Kelvin's samordningUføregradering). The 60 % limit still tests the hours alone."""
    return max(Decimal(0), (Decimal(0) if share > limit else ONE - max(share, arbeidsevne)) - uforegrad)


def _limit(rules: Ruleset, aap: Aap, day: date) -> Decimal:
    opp: Opptrapping | None = aap.opptrapping
    if opp is not None and opp.start <= day < cal.add_months(opp.start, opp.months):
        return _d(rules.value("aap.max_work_share_opptrapping", day))
    if aap.yrkesskade:
        return _d(rules.value("aap.max_work_share_yrkesskade", day))
    return _d(rules.value("aap.max_work_share", day))


def children_on(rules: Ruleset, children: Sequence[Child], day: date) -> int:
    """Children born on or before ``day`` and not yet at the barnetillegg age limit (18) on it (the limit is not
    read without children, so a childless client's explanation does not list it)."""
    if not children:
        return 0
    return cal.children_under([c.birth_date for c in children], int(rules.value("aap.barnetillegg_max_age", day)), day)


def _change_days(rules: Ruleset, with_children: bool) -> set[date]:
    """Every day a value of G or of an AAP rule changes (barnetillegg's only with children): the day facts may change
    there. All of them, not a list kept by hand beside the code that reads them — a few more stretches cost
    nothing, a missing one would carry a rule past its change. Read without tracing: a change day is not a value
    the payment used (the facts computed for a day trace what they read)."""
    return {v.valid_from for name, p in rules.parameters.items()
            if (name.startswith("aap.") and (with_children or "barnetillegg" not in name)) or name == "grunnbelop.g"
            for v in p.values}


class AapRates:
    """The day facts of one client's AAP — dagsats, barnetillegg, work limit — computed once per stretch of days.

    Every input of a day's rates changes only on known dates (a rule's valid-from date, the 25th birthday, a
    child's birth or 18th birthday, the start or end of opptrapping). Days between two such dates share their
    facts, so each stretch is computed once; a simulation and a sweep over hours reuse them.
    """

    def __init__(self, rules: Ruleset, aap: Aap, birth: date, children: Sequence[Child], basis_g: Decimal,
                 ufore: tuple[date, Decimal] | None = None) -> None:
        self.rules, self.aap, self.birth, self.children, self.basis_g = rules, aap, birth, children, basis_g
        self._ufore = ufore  # (granted, uføregrad as a fraction): graded uføretrygd from that day (§ 11-28)
        changes = rules.cached(("aap_change_days", bool(children)), lambda: _change_days(rules, bool(children)),
                               shared=True).copy()
        if ufore is not None:
            changes.add(ufore[0])
        changes |= {cal.birthday(birth, int(v.value)) for v in rules.param("aap.full_rate_age").values}
        for c in children:
            changes.add(c.birth_date)
            changes |= {cal.birthday(c.birth_date, int(v.value)) for v in rules.param("aap.barnetillegg_max_age").values}
        if aap.opptrapping is not None:
            changes |= {aap.opptrapping.start, cal.add_months(aap.opptrapping.start, aap.opptrapping.months)}
        self._changes = sorted(changes)
        self._facts: dict[int, tuple[Decimal, Decimal, int, Decimal]] = {}
        self._used: dict[int, tuple[Used, ...]] = {}
        self._paid: dict[tuple[int, Decimal], int] = {}
        self._shares: dict[tuple[Decimal, int, int], Decimal] = {}
        self._uniform: dict[tuple[int, Decimal], tuple[int, Decimal]] = {}
        self._paid_on: dict[date, date] = {}
        self._arbeidsevne = _d(aap.arbeidsevne or 0) / 100
        self.reads: set[str] = set()  # every parameter the memos' misses read: a run replays them (:meth:`replay`)

    def _recorded(self, make: Callable[[], Any]) -> Any:
        with tracing() as reads:
            out = make()
        self.reads |= reads
        return out

    def replay(self) -> None:
        """Count every parameter these facts were computed from as read by the run in progress: a run served from
        the memos reads nothing itself, yet its payments rest on the same values."""
        note_reads(self.reads)

    def work_share(self, hours: Decimal, weekdays: int, day: date) -> Decimal:
        """:func:`work_share`, memoised: the share depends only on the hours, the days and the period rules."""
        k = (hours, weekdays, bisect.bisect_right(self._changes, day))
        out = self._shares.get(k)
        if out is None:
            out = self._shares[k] = self._recorded(lambda: work_share(self.rules, hours, weekdays, day))
        return out

    def paid_on(self, period: cal.Meldeperiode) -> date:
        """The day ``period`` is paid: its end + the payment lag."""
        out = self._paid_on.get(period.end)
        if out is None:
            out = self._paid_on[period.end] = self._recorded(
                lambda: paydays.after_period(self.rules, "aap.payment_lag_days", period.end))
        return out

    def key(self, day: date) -> int:
        """The stretch of days ``day`` belongs to: days with the same key have the same facts."""
        return bisect.bisect_right(self._changes, day)

    def uforegrad(self, day: date) -> Decimal:
        """The uføregrad taken off the payment rate on ``day`` (0 before the uføretrygd is granted, or without it)."""
        return self._ufore[1] if self._ufore is not None and day >= self._ufore[0] else Decimal(0)

    def rate(self, share: Decimal, limit: Decimal, day: date) -> Decimal:
        """:func:`payment_rate` on ``day`` with this client's fastsatt arbeidsevne and uføregrad."""
        return payment_rate(share, limit, self._arbeidsevne, self.uforegrad(day))

    def paid(self, key: int, rate: Decimal) -> int:
        """Kroner paid for one day of stretch ``key`` at payment rate ``rate``: round(dagsats×g) + round(bt×g), to kr."""
        out = self._paid.get((key, rate))
        if out is None:
            ds, bt, _, _ = self._facts[key]
            out = self._paid[(key, rate)] = int(_round(_round(ds * rate, CENT) + _round(bt * rate, CENT), ONE))
        return out

    def on(self, day: date) -> tuple[Decimal, Decimal, int, Decimal]:
        """(dagsats, barnetillegg per day for all children, number of children, work limit) on ``day``."""
        key = bisect.bisect_right(self._changes, day)
        facts = self._facts.get(key)
        if facts is None:
            facts = self._facts[key] = self._recorded(lambda: self._facts_on(day))
        return facts

    def _facts_on(self, day: date) -> tuple[Decimal, Decimal, int, Decimal]:
        kids = children_on(self.rules, self.children, day) if self.aap.barnetillegg is not False else 0
        bt = _d(self.rules.value("aap.barnetillegg_per_day", day)) * kids if kids else Decimal(0)
        return dagsats(self.rules, self.basis_g, self.birth, day), bt, kids, _limit(self.rules, self.aap, day)

    def uniform_amount(self, period: cal.Meldeperiode, hours: Decimal) -> tuple[int, Decimal] | None:
        """(amount, payment rate) for a period whose ten weekdays all carry the right and share the same facts —
        the common case, and the whole rule for it: one work share, compared with the day's limit, paid per day.
        ``None`` when facts change inside the period (then :func:`aap_period` goes day by day)."""
        days = period._weekdays
        key = bisect.bisect_right(self._changes, days[0])
        if key != bisect.bisect_right(self._changes, days[-1]):
            return None
        out = self._uniform.get((key, hours))  # the same stretch and hours: the same amount
        if out is None:
            _, _, _, limit = self.on(days[0])
            share = self.work_share(hours, len(days), period.start)
            rate = self.rate(share, limit, days[0])
            out = self._uniform[(key, hours)] = (len(days) * self.paid(key, rate), rate)
        return out

    def amount_without_work(self, period: cal.Meldeperiode, has_right: Callable[[date], bool] | None) -> int:
        """What ``period`` pays with no hours worked (only the fastsatt arbeidsevne and an uføregrad reduce it)."""
        days = period.weekdays() if has_right is None else [d for d in period.weekdays() if has_right(d)]
        if days and self.key(days[0]) == self.key(days[-1]):
            self.on(days[0])
            return len(days) * self.paid(self.key(days[0]), self.rate(Decimal(0), ONE, days[0]))
        total = 0
        for d in days:
            self.on(d)
            total += self.paid(self.key(d), self.rate(Decimal(0), ONE, d))
        return total

    def used(self, day: date) -> tuple[Used, ...]:
        """The parameter values behind the facts on ``day``, for the explanation."""
        key = bisect.bisect_right(self._changes, day)
        out = self._used.get(key)
        if out is None:
            names = ("grunnbelop.g", "aap.compensation_rate", "aap.minimum_annual_g", "aap.days_per_year",
                     "aap.normal_hours_per_period", "aap.max_work_share", "aap.barnetillegg_per_day",
                     "aap.payment_lag_days")
            if not self.on(day)[2]:  # no children that day: the barnetillegg rate is not part of the amount
                names = tuple(n for n in names if n != "aap.barnetillegg_per_day")
            out = self._used[key] = tuple(used(self.rules, n, day) for n in names)
        return out


def aap_period(rules: Ruleset, aap: Aap, birth: date, children: Sequence[Child], period: cal.Meldeperiode,
               hours_on: cal.DailyHours | Callable[[date], Decimal], has_right: Callable[[date], bool] | None,
               basis_g: Decimal, rates: AapRates | None = None) -> AapPeriod:
    """Compute one meldeperiode of AAP (see the module docstring for the rule).

    ``has_right`` says which days carry a right to AAP (``None``: all). ``rates`` caches the day facts across
    periods; give the same object for every period of one client.
    """
    rates = rates or AapRates(rules, aap, birth, children, basis_g)
    right_days: list[date] = period.weekdays() if has_right is None else [d for d in period.weekdays() if has_right(d)]
    weekdays_only = isinstance(hours_on, cal.DailyHours)  # a work plan: hours only on weekdays, summed fast
    if isinstance(hours_on, cal.DailyHours) and has_right is None:
        hours = hours_on.period_total(period)
    elif isinstance(hours_on, cal.DailyHours):
        hours = hours_on.total(right_days)
    else:
        hours = sum((hours_on(d) for d in right_days), Decimal(0))
    if not weekdays_only:
        # hours on every calendar day with a right count, weekends too; only the divisor counts weekdays (Kelvin)
        weekend = [d for d in period.days() if d.weekday() >= cal.DAYS_PER_WEEK_WORKED and (has_right is None or has_right(d))]
        hours += sum((hours_on(d) for d in weekend), Decimal(0))
    share = rates.work_share(hours, len(right_days), period.start) if right_days else Decimal(0)
    # one work share for the whole period, compared per day with that day's limit (opptrapping may start mid-period)
    runs: list[list] = []  # [start, end, weekdays, hours, limit, rate] for days with the same limit
    amount, bt_total, first_rate, n_children = 0, Decimal(0), Decimal(0), 0
    uniform = rates.uniform_amount(period, hours) if has_right is None else None
    if uniform is not None:
        # the common case: no rule, age or child count changes inside the period, so every day is alike
        amount, rate = uniform
        first_rate, bt, n_children, limit = rates.on(right_days[0])
        runs.append([right_days[0], right_days[-1], len(right_days), hours, limit, rate])
        bt_total = bt * rate * len(right_days)
    elif right_days and has_right is not None and rates.key(right_days[0]) == rates.key(right_days[-1]):
        # no change inside the period, but not every weekday carries the right
        key = rates.key(right_days[0])
        first_rate, bt, n_children, limit = rates.on(right_days[0])
        rate = rates.rate(share, limit, right_days[0])
        runs.append([right_days[0], right_days[-1], len(right_days), hours, limit, rate])
        amount = len(right_days) * rates.paid(key, rate)
        bt_total = bt * rate * len(right_days)
    else:
        for d in right_days:
            h = hours_on(d)
            ds, bt, kids, limit = rates.on(d)
            rate = rates.rate(share, limit, d)
            if runs and runs[-1][4] == limit and runs[-1][5] == rate:
                run = runs[-1]
                run[1], run[2], run[3] = d, run[2] + 1, run[3] + h
            else:
                runs.append([d, d, 1, h, limit, rate])
            first_rate = first_rate or ds
            n_children = max(n_children, kids)
            bt_total += bt * rate
            amount += rates.paid(rates.key(d), rate)
    segments = [AapSegment(r[0], r[1], r[2], r[3], share, r[4], r[5]) for r in runs]
    probe = right_days[0] if right_days else period.start
    return AapPeriod(period.start, period.end, rates.paid_on(period), hours, len(right_days),
                     tuple(segments), amount, int(_round(bt_total, ONE)), first_rate, n_children,
                     any(s.work_share > s.limit for s in segments), rates.used(probe),
                     rates.uforegrad(right_days[-1]) if right_days else Decimal(0))  # 0 before the grant, then the grad
