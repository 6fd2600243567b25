"""How long AAP lasts: the last day with a right, from the vedtak, the maximum period and the age limit.

The rule in plain words:

* The maximum period (folketrygdloven § 11-12 første ledd; ``aap.ordinary_quota_weekdays``): 3 years for a
  period granted from 2018, counted as NAV counts it — 784 weekdays (Monday to Friday, public holidays included)
  with a right to AAP, whether or not anything is paid for them (a day over the work limit counts too; Kelvin's
  KvoteService). Counted from ``granted``, or, when the case gives ``days_used``, the rest counted from the start.
  An extension of up to 2 years (§ 11-12 andre ledd) is the vedtak's ``until``.
* The age limit (§ 11-4; ``aap.max_age``): AAP is paid to the end of the month the person turns 67.
* ``until``: the last day of the vedtak, if the case gives it.

The earliest of these ends the right; the engine pays no AAP after it, so the month table, the hours sweep and
the headline stop counting AAP there. The result says the day in a note, and warns when it falls in the
calculation or within ``context.NOTICE_MONTHS`` after it.
"""

from __future__ import annotations

from datetime import date

from benefit_calc.core import calendar as cal
from benefit_calc.case.model import Aap
from benefit_calc.result.model import Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes.context import notice_month
from benefit_calc.words import Text
from benefit_calc.words.formats import Day, Num

LAW_QUOTA, LAW_AGE = "Folketrygdloven § 11-12 første ledd", "Folketrygdloven § 11-4 første ledd"


def quota_end(rules: Ruleset, aap: Aap, start: date) -> date | None:
    """The last weekday of the maximum period, or ``None`` when the case gives neither ``granted`` nor
    ``days_used``. A period used up before ``start`` ends the day before it."""
    if aap.granted is None and aap.days_used is None:
        return None
    quota = int(rules.value("aap.ordinary_quota_weekdays", aap.granted or start))
    if aap.days_used is None:
        return cal.nth_weekday(aap.granted, quota)  # type: ignore[arg-type]
    left = quota - aap.days_used
    return start - cal.ONE_DAY if left <= 0 else cal.nth_weekday(max(start, aap.granted or start), left)


def age_end(rules: Ruleset, birth: date, day: date) -> date:
    """The last day of the month the person turns the age limit (67)."""
    turns = cal.birthday(birth, int(rules.value("aap.max_age", day)))
    return cal.add_months(turns.replace(day=1), 1) - cal.ONE_DAY


def last_day(rules: Ruleset, aap: Aap, birth: date, start: date) -> tuple[date, str] | None:
    """(the last day with a right to AAP, why: ``until`` | ``quota`` | ``age``), the earliest of the three."""
    ends = [(age_end(rules, birth, start), "age")]
    q = quota_end(rules, aap, start)
    if q is not None:
        ends.append((q, "quota"))
    if aap.until is not None:
        ends.append((aap.until, "until"))
    return min(ends)


def quota_known(aap: Aap) -> bool:
    """Whether the case says when the maximum period started (``granted``) or how much of it is used."""
    return aap.granted is not None or aap.days_used is not None


def end_notes_and_warnings(rules: Ruleset, end: tuple[date, str], horizon: tuple[date, ...], aap: Aap | None = None
                           ) -> tuple[list[Text], list[Warning]]:
    """A note with the last day (when it is the maximum period or the age limit), and a warning when it falls in the
    calculation or within ``context.NOTICE_MONTHS`` after it.

    When the case gives neither the vedtak's last day nor when the period started (``granted``, ``days_used``), the
    maximum period may end AAP long before the age limit: the note says the end is unknown instead of naming the
    age limit's day (the age limit's note and warning, when it is near, still stand: it is the latest end)."""
    day, why = end
    if why == "until":
        return [], []
    age = int(rules.value("aap.max_age", horizon[0]))
    month = notice_month(day, horizon)
    notes = [Text(f"note.aap_end_{why}", day=Day(day), age=age)]
    if why == "age" and aap is not None and aap.until is None and not quota_known(aap):
        weekdays = int(rules.value("aap.ordinary_quota_weekdays", horizon[0]))
        years = round(weekdays / int(rules.value("aap.days_per_year", horizon[0])))
        unknown = Text("note.aap_end_unknown", years=years, weekdays=Num(weekdays))
        notes = [unknown] if month is None else [unknown, *notes]  # the age limit, when near, is the latest end
    if month is None:
        return notes, []
    law = LAW_QUOTA if why == "quota" else LAW_AGE
    return notes, [Warning.of(f"aap_ends_{why}", month, law, day=Day(day), first=Day(day + cal.ONE_DAY), age=age)]
