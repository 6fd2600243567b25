"""Calendar facts: months, weekdays, meldeperioder and how planned hours fall on real days (DESIGN §4).

Hours per week are spread evenly over the weekdays (Monday to Friday) of each week; a week's hours follow
the work-plan step in force in the month each day belongs to. Meldeperioder are 14-day periods that start on
a Monday; by default the first Monday on or after the case's start anchors the client's cycle.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Iterator, Sequence

import attrs

from .case import WorkStep

DAYS_PER_WEEK_WORKED = 5  # Monday to Friday
PERIOD_DAYS = 14
ONE_DAY = timedelta(days=1)


def add_months(first_of_month: date, n: int) -> date:
    months = first_of_month.month - 1 + n
    return date(first_of_month.year + months // 12, months % 12 + 1, 1)


def month_of(day: date) -> date:
    return day.replace(day=1)


def days(start: date, end: date) -> Iterator[date]:
    """Every day from ``start`` up to but not including ``end``."""
    for i in range((end - start).days):
        yield start + timedelta(days=i)


def is_weekday(day: date) -> bool:
    return day.weekday() < DAYS_PER_WEEK_WORKED


def weekdays_in(start: date, end: date) -> int:
    """Number of Mondays–Fridays in ``[start, end)``."""
    return sum(1 for d in days(start, end) if is_weekday(d))


def step_for(work: Sequence[WorkStep], month: date) -> WorkStep | None:
    """The work-plan step in force in ``month`` (the last one that started on or before it)."""
    current = None
    for step in work:
        if step.start <= month:
            current = step
        else:
            break
    return current


def hours_on(work: Sequence[WorkStep], day: date) -> Decimal:
    """Hours worked on ``day``: the step's weekly hours spread over Monday–Friday, nothing at weekends."""
    if not is_weekday(day):
        return Decimal(0)
    step = step_for(work, month_of(day))
    if step is None or not step.hours_per_week:
        return Decimal(0)
    return Decimal(str(step.hours_per_week)) / DAYS_PER_WEEK_WORKED


@attrs.frozen
class Meldeperiode:
    """A 14-day reporting period, Monday ``start`` to Sunday ``end`` (both inclusive)."""

    start: date
    end: date

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(PERIOD_DAYS)]


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


def age_on(birth: date, day: date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
