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


def end_notes_and_warnings(rules: Ruleset, end: tuple[date, str], horizon: tuple[date, ...]
                           ) -> tuple[list[Text], list[Warning]]:
    """A note with the last day (when it is the maximum period or the age limit), and a warning when it falls in the
    calculation or within ``context.NOTICE_MONTHS`` after it."""
    day, why = end
    if why == "until":
        return [], []
    age = int(rules.value("aap.max_age", horizon[0]))
    notes = [Text(f"note.aap_end_{why}", day=f"{day:%d.%m.%Y}", age=age)]
    month = notice_month(day, horizon)
    if month is None:
        return notes, []
    law = LAW_QUOTA if why == "quota" else LAW_AGE
    return notes, [Warning.of(f"aap_ends_{why}", month, law, day=f"{day:%d.%m.%Y}",
                              first=f"{day + cal.ONE_DAY:%d.%m.%Y}", age=age)]
