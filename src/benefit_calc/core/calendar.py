"""Calendar facts: months, weekdays, meldeperioder and how planned hours fall on real days (docs/architecture.md §2).

Hours per week are spread evenly over the weekdays (Monday to Friday) of each week; a week's hours follow
the work-plan step in force in the month each day belongs to. Meldeperioder are 14-day periods that start on
a Monday; by default the first Monday on or after the case's start anchors the client's cycle.
"""

from __future__ import annotations

import functools

from datetime import date, timedelta
from decimal import Decimal
from typing import Iterator, Protocol, Sequence

import attrs

from benefit_calc.core import holiday_table


class WorkStep(Protocol):
    """What the calendar needs of a step of a work plan (:class:`benefit_calc.case.model.WorkStep`)."""

    start: date
    hours_per_week: float


DAYS_PER_WEEK_WORKED = 5  # Monday to Friday
PERIOD_DAYS = 14
ONE_DAY = timedelta(days=1)
ZERO = Decimal(0)


@functools.lru_cache(maxsize=8192)  # asked hundreds of times a simulation for the same few months
def add_months(first_of_month: date, n: int) -> date:
    months = first_of_month.month - 1 + n
    return date(first_of_month.year + months // 12, months % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """First days of the months from ``first``'s month through ``last``'s month."""
    out, m = [], first.replace(day=1)
    while m <= last:
        out.append(m)
        m = add_months(m, 1)
    return out


def month_of(day: date) -> date:
    return day.replace(day=1)


def days(start: date, end: date) -> Iterator[date]:
    """Every day from ``start`` up to but not including ``end``."""
    for i in range((end - start).days):
        yield start + timedelta(days=i)


def is_weekday(day: date) -> bool:
    return day.weekday() < DAYS_PER_WEEK_WORKED


def nth_weekday(first: date, n: int) -> date:
    """The ``n``-th weekday (Monday–Friday) counted from ``first`` (``first`` itself counts if it is a weekday)."""
    day = first
    while not is_weekday(day):
        day += ONE_DAY
    whole_weeks, rest = divmod(n - 1, DAYS_PER_WEEK_WORKED)
    day += timedelta(weeks=whole_weeks)
    while rest:
        day += ONE_DAY
        if is_weekday(day):
            rest -= 1
    return day


@functools.lru_cache(maxsize=4096)
def weekdays_in(start: date, end: date) -> int:
    """Number of Mondays–Fridays in ``[start, end)``."""
    total = (end - start).days
    if total <= 0:
        return 0
    weeks, rest = divmod(total, 7)
    first = start.weekday()
    return weeks * DAYS_PER_WEEK_WORKED + sum(1 for i in range(rest) if (first + i) % 7 < DAYS_PER_WEEK_WORKED)


def step_for(work: Sequence[WorkStep], month: date) -> WorkStep | None:
    """The work-plan step in force in ``month`` (the last one that started on or before it)."""
    current = None
    for step in work:
        if step.start <= month:
            current = step
        else:
            break
    return current


class DailyHours:
    """Hours worked on any day under a work plan: the weekly hours of the step in force in the day's month, spread
    evenly over Monday–Friday; nothing at weekends.

    Precomputes one figure per month, so asking for a day is a dictionary look-up.
    """

    weekdays_only = True  # never any hours on Saturdays or Sundays

    def __init__(self, work: Sequence[WorkStep], first: date, last: date) -> None:
        self.per_day: dict[tuple[int, int], Decimal] = {}
        per_step: dict[int, Decimal] = {}  # by id of the step
        year, month_no = first.year, first.month
        while (year, month_no) <= (last.year, last.month):
            step = step_for(work, date(year, month_no, 1))
            if step is not None and step.hours_per_week:
                per_day = per_step.get(id(step))
                if per_day is None:
                    per_day = per_step[id(step)] = Decimal(str(step.hours_per_week)) / DAYS_PER_WEEK_WORKED
                self.per_day[(year, month_no)] = per_day
            year, month_no = (year + 1, 1) if month_no == 12 else (year, month_no + 1)

    def __call__(self, day: date) -> Decimal:
        if day.weekday() >= DAYS_PER_WEEK_WORKED:
            return ZERO
        return self.per_day.get((day.year, day.month), ZERO)

    def total(self, days: Sequence[date]) -> Decimal:
        """Hours on ``days`` (weekdays), counted per month: one multiplication per month instead of a sum per day."""
        counts: dict[tuple[int, int], int] = {}
        for d in days:
            key = (d.year, d.month)
            counts[key] = counts.get(key, 0) + 1
        return sum((self.per_day[k] * n for k, n in counts.items() if k in self.per_day), ZERO)

    def period_total(self, period: "Meldeperiode") -> Decimal:
        """Hours on all ten weekdays of ``period``."""
        total = ZERO
        for k, n in period.month_counts:
            per_day = self.per_day.get(k)
            if per_day is not None:
                total += per_day * n
        return total

    def in_month(self, month: date) -> Decimal:
        per_day = self.per_day.get((month.year, month.month))
        return per_day * weekdays_in(month, add_months(month, 1)) if per_day else ZERO


@attrs.frozen
class Meldeperiode:
    """A 14-day reporting period, Monday ``start`` to Sunday ``end`` (both inclusive)."""

    start: date
    end: date
    # the ten weekdays, and how many fall in each (year, month): asked for in every simulation of a sweep
    _weekdays: tuple[date, ...] = attrs.field(init=False, repr=False, eq=False)
    month_counts: tuple[tuple[tuple[int, int], int], ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        days = tuple(self.start + _OFFSET[i] for i in _WEEKDAY_OFFSETS)
        counts: dict[tuple[int, int], int] = {}
        for d in days:
            counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
        object.__setattr__(self, "_weekdays", days)
        object.__setattr__(self, "month_counts", tuple(counts.items()))

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(PERIOD_DAYS)]

    def weekdays(self) -> list[date]:
        """Monday–Friday of both weeks (the period starts on a Monday)."""
        return list(self._weekdays)


_OFFSET = [timedelta(days=i) for i in range(PERIOD_DAYS)]
_WEEKDAY_OFFSETS = [i for i in range(PERIOD_DAYS) if i % 7 < DAYS_PER_WEEK_WORKED]


def default_anchor(start: date) -> date:
    """The first Monday on or after ``start``."""
    return start + timedelta(days=(7 - start.weekday()) % 7)


def meldeperioder(anchor: date, first_day: date, last_day: date) -> list[Meldeperiode]:
    """Every meldeperiode of the cycle through ``anchor`` that overlaps ``[first_day, last_day]``."""
    offset = (first_day - anchor).days // PERIOD_DAYS
    begin = anchor + timedelta(days=offset * PERIOD_DAYS)
    out = []
    while begin <= last_day:
        out.append(Meldeperiode(begin, begin + timedelta(days=PERIOD_DAYS - 1)))
        begin += timedelta(days=PERIOD_DAYS)
    return out


def birthday(birth: date, years: int) -> date:
    """The day ``years`` after ``birth`` (as Java's plusYears: 29 February falls back to 28 February)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return birth.replace(year=birth.year + years, day=28)


def children_under(births: Sequence[date], max_age: int, day: date) -> int:
    """How many of the children born on ``births`` are born and not yet ``max_age`` on ``day``."""
    return sum(1 for b in births if b <= day < birthday(b, max_age))


def age_on(birth: date, day: date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def public_holidays(year: int) -> frozenset[date]:
    """Norway's public holidays in ``year`` (lov om helligdager og helligdagsfred § 2 and lov om 1. og 17. mai):
    nyttårsdag, skjærtorsdag, langfredag, 1. and 2. påskedag, 1. mai, 17. mai, Kristi himmelfartsdag, 1. and 2.
    pinsedag, 1. and 2. juledag — from the table generated from the well-kept ``holidays`` library
    (:mod:`benefit_calc.core.holiday_table`; weekends are :func:`is_weekday`'s)."""
    return holiday_table.public_holidays(year)


def is_banking_day(day: date, closed: frozenset[tuple[int, int]] = frozenset()) -> bool:
    """Monday to Friday, not a public holiday, and not one of the ``closed`` (month, day) dates (e.g. 24 December,
    when Norges Bank's settlement system is closed)."""
    return is_weekday(day) and day not in public_holidays(day.year) and (day.month, day.day) not in closed


def banking_day_on_or_before(day: date, closed: frozenset[tuple[int, int]] = frozenset()) -> date:
    while not is_banking_day(day, closed):
        day -= ONE_DAY
    return day


def banking_day_on_or_after(day: date, closed: frozenset[tuple[int, int]] = frozenset()) -> date:
    while not is_banking_day(day, closed):
        day += ONE_DAY
    return day


def banking_days_after(day: date, n: int, closed: frozenset[tuple[int, int]] = frozenset()) -> date:
    """The ``n``-th banking day after ``day`` (``day`` itself not counted; ``n`` = 0 gives ``day``)."""
    while n > 0:
        day += ONE_DAY
        if is_banking_day(day, closed):
            n -= 1
    return day
