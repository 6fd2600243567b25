"""Ferietillegg on dagpenger: 9.5 % of a year's dagpenger, paid in May the next year.

The rule in plain words (folketrygdloven § 4-14, in force since 1 October 1998; values in
``rules/no/dagpenger.yaml``, ``ferietillegg_*``), as NAV's rules engine dp-behandling computes it (the
``ferietillegg`` module, commit 54fcd6f of 22 August 2026):

* A person who has had dagpenger for more than eight weeks in a calendar year (the opptjeningsår) has a right
  to ferietillegg: at least 8 × 5 + 1 = 41 stønadsdager used on days of that year
  (``KravPåFerietillegg.kt``: ``MIN_ANTALL_DAGER_FORBRUKT_FOR_RETT``, greater than or equal; 40 days give none).
* The ferietillegg is 9.5 % of the dagpenger paid for the year ("sum utbetalt for et år"; here: the dagpenger
  payments made in the year, barnetillegg included), rounded half up to whole kroner
  (``FerietilleggBeløp.kt``: ``prosentAv``, ``avrund``).
* It is paid the next year, dated 1 May (``RegelverkFerietillegg.kt``: ``LocalDate.of(opptjeningsår + 1, 5, 1)``);
  1 May is a public holiday, so the model pays it on the first banking day after (an assumption: the day NAV's
  payment system pays it was not found). It is taxable like dagpenger; tax is withheld as on other NAV payments.
* Paid in one of the case's months, it is a payment of its own (``dagpenger_ferietillegg``), income in that month
  for bostøtte and sosialhjelp as any taxable NAV payment is. Paid after the case's last month, it is a later
  settlement (gross, as uføretrygd's etteroppgjør) so the headline counts it — of the dagpenger paid up to the
  end of the case's last month only, the dagpenger the headline counts (the days for the right are the whole
  year's, the situation continued to December as the tax assessment assumes).
* The dagpenger of the year before the case's first simulated year are not known, so the ferietillegg paid in May
  of the start year is not modelled (a note says so).
* Dated: abolished for dagpenger paid from 1 January 2015 (statsbudsjettet 2015); back for dagpenger paid from
  2025 — an UNVERIFIED date taken from dp-behandling, which computes it from April 2026 for the year before. In
  the years between the rate is 0 and nothing is paid.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Iterable, Sequence

from benefit_calc.core import calendar as cal
from benefit_calc.core.money import dec as _d, kroner as _kr
from benefit_calc.result.model import Settlement
from benefit_calc.result.payments import Explanation, Payment, used
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import paydays
from benefit_calc.schemes.context import Context
from benefit_calc.words import Text
from benefit_calc.words.formats import Day, Month, Num

LAW = "Folketrygdloven § 4-14"
KIND = "dagpenger_ferietillegg"
PARAMS = ("dagpenger.ferietillegg_rate", "dagpenger.ferietillegg_min_days", "dagpenger.ferietillegg_payment_month",
          "dagpenger.ferietillegg_payment_day")


def payday(rules: Ruleset, year: int) -> date:
    """The day the ferietillegg earned in ``year`` lands: its date the next year, or the first banking day after."""
    first = date(year + 1, 1, 1)
    due = date(year + 1, int(rules.value("dagpenger.ferietillegg_payment_month", first)),
               int(rules.value("dagpenger.ferietillegg_payment_day", first)))
    return paydays.on_or_after(rules, due)


def amount(rules: Ruleset, year: int, days: int, paid: int | Decimal) -> int:
    """The ferietillegg earned in ``year`` with ``days`` stønadsdager used and ``paid`` kroner of dagpenger paid:
    the rate × paid, rounded half up to kroner, if the days reach the threshold; else 0."""
    day = date(year, 12, 31)
    if days < int(rules.value("dagpenger.ferietillegg_min_days", day)):
        return 0
    return _kr(_d(paid) * _d(rules.value("dagpenger.ferietillegg_rate", day)))


def earned_in(rules: Ruleset, year: int) -> bool:
    """Whether dagpenger paid in ``year`` earn a ferietillegg (abolished from 2015, back from 2025: the rate is 0
    in the years between)."""
    return _d(rules.value("dagpenger.ferietillegg_rate", date(year, 12, 31))) > 0


def days_by_year(days: Iterable[date]) -> Counter[int]:
    """Stønadsdager used, counted by the calendar year each day falls in."""
    return Counter(d.year for d in days)


def _explain(rules: Ruleset, year: int, days: int, paid: int, kr: int) -> Explanation:
    day = date(year, 12, 31)
    rate = float(_d(rules.value("dagpenger.ferietillegg_rate", day)) * 100)
    return Explanation.of(KIND, LAW, tuple(used(rules, n, day) for n in PARAMS), key=f"explain.{KIND}",
                          year=year, days=Num(days), limit=Num(int(rules.value("dagpenger.ferietillegg_min_days", day))),
                          paid=Num(paid), rate=Num(rate, 1), amount=Num(kr), day=Day(payday(rules, year)))


def ferietillegg(ctx: Context, dagpenger: Sequence[Payment], used_days: Counter[int]
                 ) -> tuple[list[Payment], list[Settlement], list[Text]]:
    """The ferietillegg for each simulated year with dagpenger: a payment when it lands in the case's months, a
    later settlement when it lands after them, and notes (the year before the start, a year under the limit)."""
    rules = ctx.rules
    paid_in: Counter[int] = Counter()
    shown: Counter[int] = Counter()  # paid up to the end of the case's last month
    end = cal.add_months(ctx.horizon[-1], 1)
    for p in dagpenger:
        paid_in[p.paid_on.year] += p.amount
        if p.paid_on < end:
            shown[p.paid_on.year] += p.amount
    payments: list[Payment] = []
    settlements: list[Settlement] = []
    notes: list[Text] = []
    before = payday(rules, ctx.first_day.year - 1)
    if ctx.detail and ctx.in_horizon(before) and earned_in(rules, ctx.first_day.year - 1):
        notes.append(Text("note.dagpenger_ferietillegg_before", year=ctx.first_day.year - 1, month=Month(before)))
    for year in range(ctx.first_day.year, ctx.last_day.year + 1):
        days, when = used_days.get(year, 0), payday(rules, year)
        later = not ctx.in_horizon(when)  # after the case's last month: only what the headline counts earns it
        paid = shown.get(year, 0) if later else paid_in.get(year, 0)
        if not paid_in.get(year, 0) or when < ctx.horizon[0] or not earned_in(rules, year):
            continue
        day = date(year, 12, 31)
        if days < int(rules.value("dagpenger.ferietillegg_min_days", day)):
            if ctx.detail:
                notes.append(Text("note.dagpenger_ferietillegg_none", year=year, days=Num(days),
                                  limit=Num(int(rules.value("dagpenger.ferietillegg_min_days", day)))))
            continue
        kr = amount(rules, year, days, paid)
        if not kr:
            continue
        if not later:
            payments.append(ctx.pay(KIND, when, kr, date(year, 1, 1), day,
                                    partial(_explain, rules, year, days, paid, kr)))
            continue
        settlements.append(Settlement(KIND, year, kr, cal.month_of(when), False))
        if ctx.detail:
            rate = float(_d(rules.value("dagpenger.ferietillegg_rate", day)) * 100)
            notes.append(Text("note.dagpenger_ferietillegg_later", year=year, amount=Num(kr), day=Day(when),
                              last=Month(ctx.horizon[-1]), paid=Num(paid), rate=Num(rate, 1)))
    return payments, settlements, notes

