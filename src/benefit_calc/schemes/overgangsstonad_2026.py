"""The 1 July 2026 change to folketrygdloven kapittel 15: which rules a client's overgangsstønad falls under and
the month it stops under the new ones.

The rule in plain words (values in ``rules/no/overgangsstonad.yaml``: ``new_rules_in_force``,
``new_rules_child_age_limit_months``; both projected, the enacted law text was not read):

* From 1 July 2026 overgangsstønad is paid only to a single parent with sole care of a child younger than 14
  months, or of a child who needs special care (særlig tilsyn). This is the hearing's proposal of 16 October 2025
  and what NAV's familie-ef-sak builds (the 2026 søknad asks «Jeg har barn under 14 måneder» / «Barnet trenger
  særlig tilsyn»; cases marked ``erRegelendring2026``; commit c6029f3d, 2026-08-21).
* Whoever was granted overgangsstønad before 1 July 2026 keeps the old rules (NAV routes everyone with an earlier
  innvilget vedtak to the old søknad; «Forskrift om overgangsregler i forbindelse med endringer i folketrygdloven
  kapittel 15 … fra 1. juli 2026»). How long the forskrift lets them keep the old rules was not found: the
  calculation keeps them for as long as the case runs (the old rules' own ends are the case's ``until``).
* Under the new rules the stønad stops from the month the youngest child reaches 14 months (assumed: the month
  before is the last one paid), unless the case says a child needs special care. A stønad that stops is not
  started again by a later child in the calculation (that takes a new application).
* ``first_granted`` left out: the stønad is taken as granted before 1 July 2026 (the old rules) — the case is of
  someone who has it on a decision letter now, and most did get it before; a note says so and what to fill in for
  the new rules' answer.
"""

from __future__ import annotations

from datetime import date

import attrs

from benefit_calc.core import calendar as cal
from benefit_calc.result.model import Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes.context import Context, notice_month
from benefit_calc.words import Text
from benefit_calc.words.formats import Day, Month, Num

LAW = "Folketrygdloven kapittel 15"


@attrs.frozen
class Regime:
    """Which rules apply and what follows: ``stop`` is the first month with no stønad (``None``: no stop)."""

    stop: date | None = None
    notes: tuple[Text, ...] = ()
    warnings: tuple[Warning, ...] = ()


def in_force_from(rules: Ruleset) -> date | None:
    """The day the July 2026 rules apply: the first day ``overgangsstonad.new_rules_in_force`` is 1 (``None``
    when the rules have no such day)."""
    for v in rules.param("overgangsstonad.new_rules_in_force").values:
        if int(v.value) == 1:
            return v.valid_from
    return None


def regime(ctx: Context) -> Regime:
    """Old or new rules for the case's overgangsstønad (folketrygdloven kapittel 15 as changed from 1 July 2026;
    forskrift om overgangsregler): first granted before the day → the old rules, said in a note and a warning in
    the month the new rules begin (or the first month of the calculation); granted on or after it → paid while a
    child is under 14 months (or needs special care), with a note of the last month and a warning
    (``overgangsstonad_2026_ends``) when it stops in the calculation or within six months after it."""
    os_ = ctx.case.client.benefits.overgangsstonad
    day = in_force_from(ctx.rules)
    if os_ is None or day is None or ctx.last_day < day:
        return Regime()
    # unknown: granted before the day — the case is of someone who has the stønad on a decision letter now, and
    # most who have it were granted before July 2026; under the new rules it would stop much earlier, so the note
    # says how to get that answer (the date)
    granted = os_.first_granted or min(ctx.case.start, day - cal.ONE_DAY)
    limit = int(ctx.rules.value("overgangsstonad.new_rules_child_age_limit_months", day))
    notes: list[Text] = []
    if os_.first_granted is None:
        notes.append(Text("note.overgangsstonad_2026_assumed_old", start=Month(ctx.case.start), day=Day(day)))
    horizon = ctx.horizon
    if granted < day:
        notes.append(Text("note.overgangsstonad_2026_old_rules", day=Day(day), granted=Day(granted)))
        month = notice_month(day, horizon)
        warnings = () if month is None else (
            Warning.of("overgangsstonad_2026_old_rules", month, LAW, day=Day(day), granted=Day(granted),
                       limit=Num(limit)),)
        return Regime(None, tuple(notes), warnings)
    first = max(cal.month_of(day), cal.month_of(granted))
    if os_.special_care:
        notes.append(Text("note.overgangsstonad_2026_special_care", day=Day(day), limit=Num(limit)))
        return Regime(None, tuple(notes))
    stop = first_without_young_child(ctx, first, limit)
    last = stop - cal.ONE_DAY
    none = "_none" if stop == first else ""
    words = {"day": Day(day), "limit": Num(limit), "last": Month(last), "stop": Month(stop)}
    notes.append(Text(f"note.overgangsstonad_2026_new_rules{none}", **words))
    month = notice_month(last, horizon)
    warnings = () if month is None else (
        Warning.of("overgangsstonad_2026_ends", month, LAW, key=f"warning.overgangsstonad_2026_ends{none}", **words),)
    return Regime(stop, tuple(notes), warnings)


def first_without_young_child(ctx: Context, first: date, limit: int) -> date:
    """The first month from ``first`` in which no child of the household is born and younger than ``limit``
    months (a child counts up to the month before the month it turns ``limit`` months old)."""
    born = sorted(c.birth_date for c in ctx.case.household.children)
    month = first
    while True:
        young = [b for b in born if cal.month_of(b) <= month < cal.month_of(cal.add_months(b, limit))]
        if not young:
            return month
        month = max(cal.month_of(cal.add_months(b, limit)) for b in young)
