"""Calendar facts: meldeperioder, weekdays, ages and how weekly hours fall on days."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pathlib import Path
from hypothesis import given, settings
from hypothesis import strategies as st

from benefit_calc.core import calendar as cal
from benefit_calc.case.model import WorkStep


def test_default_anchor_is_first_monday_on_or_after() -> None:
    assert cal.default_anchor(date(2026, 1, 1)) == date(2026, 1, 5)
    assert cal.default_anchor(date(2026, 6, 1)) == date(2026, 6, 1)  # a Monday


def test_meldeperioder_cover_the_range_in_14_day_steps() -> None:
    periods = cal.meldeperioder(date(2026, 1, 5), date(2026, 1, 1), date(2026, 2, 28))
    assert periods[0].start == date(2025, 12, 22) and periods[0].end == date(2026, 1, 4)
    assert periods[-1].start == date(2026, 2, 16)
    assert all(p.start.weekday() == 0 and (p.end - p.start).days == 13 for p in periods)


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.dates(date(2020, 1, 1), date(2030, 12, 31)))
def test_every_day_is_in_exactly_one_period(anchor: date, day: date) -> None:
    anchor = cal.default_anchor(anchor)
    periods = cal.meldeperioder(anchor, day, day)
    assert len(periods) == 1 and periods[0].start <= day <= periods[0].end
    assert (periods[0].start - anchor).days % 14 == 0


def test_hours_fall_on_weekdays_from_the_step_month() -> None:
    work = (WorkStep(date(2026, 3, 1), 12.5, hourly_wage=200), WorkStep(date(2026, 5, 1), 0))
    hours_on = cal.DailyHours(work, date(2026, 1, 1), date(2026, 12, 31))
    assert hours_on(date(2026, 2, 27)) == 0
    assert hours_on(date(2026, 3, 2)) == Decimal("2.5")
    assert hours_on(date(2026, 3, 7)) == 0  # Saturday
    assert hours_on(date(2026, 5, 4)) == 0
    assert hours_on.in_month(date(2026, 3, 1)) == Decimal("2.5") * 22  # 22 weekdays in March 2026


def test_age_and_weekdays() -> None:
    assert cal.age_on(date(2001, 3, 18), date(2026, 3, 17)) == 24
    assert cal.age_on(date(2001, 3, 18), date(2026, 3, 18)) == 25
    assert cal.weekdays_in(date(2026, 2, 1), date(2026, 3, 1)) == 20
    assert cal.add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)


# ------------------------------------------------- the n-th weekday (AAP's maximum period, dagpenger's last day)


def test_nth_weekday_counts_monday_to_friday_only() -> None:
    monday = date(2025, 1, 6)
    assert cal.nth_weekday(monday, 1) == monday
    assert cal.nth_weekday(monday, 5) == date(2025, 1, 10)  # Friday
    assert cal.nth_weekday(monday, 6) == date(2025, 1, 13)  # the weekend does not count
    assert cal.nth_weekday(date(2025, 1, 4), 1) == monday  # a Saturday start: the Monday is day 1


def test_nth_weekday_counts_public_holidays() -> None:
    # Hverdager.kt checks only the day of the week: 1 May 2026 (Friday) counts as a day of the quota
    assert cal.nth_weekday(date(2026, 4, 27), 5) == date(2026, 5, 1)


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2018, 1, 1), date(2035, 1, 1)), st.integers(1, 2000))
def test_nth_weekday_agrees_with_counting_day_by_day(first: date, n: int) -> None:
    day, seen = first, 0
    while True:
        if day.weekday() < 5:
            seen += 1
            if seen == n:
                break
        day = date.fromordinal(day.toordinal() + 1)
    assert cal.nth_weekday(first, n) == day


def test_the_holiday_table_equals_the_holidays_library_in_every_year() -> None:
    """The program reads Norway's public holidays from a generated table (no holiday library at run time); it must
    say exactly what the library says, every year it covers. If this fails after a ``holidays`` release, regenerate:
    ``uv run python -m benefit_calc.core.holiday_table``."""
    import holidays

    from benefit_calc.core import holiday_table

    for year in range(holiday_table.FIRST_YEAR, holiday_table.LAST_YEAR + 1):
        assert holiday_table.public_holidays(year) == frozenset(holidays.country_holidays("NO", years=year)), year
    with pytest.raises(ValueError, match="covers 1900–2110"):
        holiday_table.public_holidays(2111)


def test_nothing_imports_a_holiday_library_at_run_time() -> None:
    """The CLI's start no longer pays for ``holidays`` (~0.3 s cold): a simulation in a fresh interpreter imports
    neither it nor anything under it."""
    import subprocess
    import sys

    code = ("import sys\nfrom benefit_calc import load_rules, load_case, simulate\n"
            "simulate(load_rules(), load_case('examples/aap-barn-opptrapping.yaml'))\n"
            "print(sorted(m for m in sys.modules if m == 'holidays' or m.startswith('holidays.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0 and out.stdout.strip() == "[]", (out.stdout, out.stderr[-400:])
