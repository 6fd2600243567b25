"""How long dagpenger last: the stønadsperiode of folketrygdloven § 4-15 and how a meldeperiode uses it.

The rule in plain words (values in ``rules/no/dagpenger.yaml``; NAV's dp-behandling, Dagpengeperiode.kt and
Beregningsperiode.kt):

* The period is 104 weeks when the arbeidsinntekt of the last 12 months, or the yearly average of the last 36
  months (the 36-month sum / 3), is at least 2 G — G in force on the prøvingsdato (the case's ``granted``, else
  its start); otherwise 52 weeks. A vedtak's ``weeks`` in the case is used as given.
* A week is 5 stønadsdager (52 weeks = 260 days, 104 = 520). A meldeperiode with work over the limit (50 %)
  uses no days — working more makes the period last longer; otherwise every weekday with a right uses one day,
  however little is paid for it, and the last period pays only the days that are left.
* Days used before the calculation: the case's ``days_used``, else every weekday from ``granted`` to the day
  before the start (as if no period had been over the limit), else none (a new period from the start).
"""

from __future__ import annotations

from datetime import date

from benefit_calc.case.model import Dagpenger
from benefit_calc.core import calendar as cal
from benefit_calc.core.money import dec as _d
from benefit_calc.result.model import Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes.context import notice_month
from benefit_calc.words import Text
from benefit_calc.words.formats import Day

LAW = "Folketrygdloven § 4-15"


def period_weeks(rules: Ruleset, dp: Dagpenger, start: date) -> tuple[int, str] | None:
    """(weeks of the stønadsperiode, why: ``vedtak`` | ``income``), or ``None`` when the case gives neither the
    weeks nor the earlier income."""
    if dp.weeks is not None:
        return dp.weeks, "vedtak"
    if dp.income_12_months is None and dp.income_36_months is None:
        return None
    day = dp.granted or start
    threshold = _d(rules.value("dagpenger.long_period_threshold_g", day)) * _d(rules.value("grunnbelop.g", day))
    last_12 = _d(dp.income_12_months or 0)
    average_36 = _d(dp.income_36_months or 0) / _d(rules.value("dagpenger.income_years_in_36_months", day))
    name = "long" if max(last_12, average_36) >= threshold else "short"
    return int(rules.value(f"dagpenger.{name}_period_weeks", day)), "income"


def days_left(rules: Ruleset, dp: Dagpenger, start: date) -> tuple[int, int, str] | None:
    """(stønadsdager left on ``start``, weeks, why), or ``None`` when the case does not say how long."""
    weeks = period_weeks(rules, dp, start)
    if weeks is None:
        return None
    total = weeks[0] * int(rules.value("dagpenger.stonadsdager_per_week", dp.granted or start))
    if dp.days_used is not None:
        used = dp.days_used
    elif dp.granted is not None and dp.granted < start:
        used = cal.weekdays_in(dp.granted, start)
    else:
        used = 0
    return max(0, total - used), weeks[0], weeks[1]


def end_notes_and_warnings(weeks: tuple[int, str], end: date, horizon: tuple[date, ...]
                           ) -> tuple[list[Text], list[Warning]]:
    """A note with the period and the day its last stønadsdag is used by this work plan, and a warning when that
    falls in the calculation or within the notice months after it."""
    why = "income" if weeks[1] == "income" else "vedtak"
    notes = [Text(f"note.dagpenger_end_{why}", weeks=weeks[0], day=Day(end))]
    month = notice_month(end, horizon)
    if month is None:
        return notes, []
    return notes, [Warning.of("dagpenger_ends", month, LAW, day=Day(end),
                              first=Day(end + cal.ONE_DAY), weeks=weeks[0])]


def unknown_note(rules: Ruleset, dp: Dagpenger, start: date) -> Text:
    """The note when the case gives neither the vedtak's weeks nor the income before: the end is not known, so the
    calculation pays dagpenger to the end and says so (never an end the case does not support)."""
    day = dp.granted or start
    return Text("note.dagpenger_end_unknown", short=int(rules.value("dagpenger.short_period_weeks", day)),
                long=int(rules.value("dagpenger.long_period_weeks", day)))


def end_after(last_day: date, left: int) -> date:
    """The day the last of ``left`` stønadsdager is used when every weekday after ``last_day`` uses one."""
    return cal.nth_weekday(last_day + cal.ONE_DAY, left)
