"""Warnings for values that are possible but unlikely (not errors): the case runs, and the result says what to check.

Each warning says in plain words what looks odd, what the calculation does with it and what to do. The limits
that make a value impossible are in :mod:`benefit_calc.bounds`; the one that makes it unlikely is the bound's
``warn_above`` or a rule parameter.
"""

from __future__ import annotations

from datetime import date
from typing import Sequence

from benefit_calc.case.bounds import BOUNDS
from benefit_calc.case.model import Case, WorkStep
from benefit_calc.result.model import Warning
from benefit_calc.rules.load import Ruleset

INPUT = "Opplysningene i saken"  # the "reference" of a warning about the input itself


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def warnings(rules: Ruleset, case: Case, plan: Sequence[WorkStep]) -> list[Warning]:
    """Plausibility warnings for ``case`` simulated with the work plan ``plan``."""
    out: list[Warning] = []
    end = case.end  # the first day after the horizon
    many = BOUNDS["work[].hours_per_week"].warn_above or 0
    for step in plan:
        if step.hours_per_week > many:
            out.append(Warning.of("plausible_hours", step.start, INPUT, hours=f"{step.hours_per_week:g}",
                                  month=f"{step.start:%m.%Y}", many=f"{many:g}"))
        if step.hours_per_week > 0 and (step.hourly_wage == 0 or step.monthly_salary == 0):
            out.append(Warning.of("plausible_wage", step.start, INPUT, hours=f"{step.hours_per_week:g}",
                                  month=f"{step.start:%m.%Y}"))
    for i, child in enumerate(case.household.children):
        if child.birth_date >= end:
            out.append(Warning.of("plausible_child_born_later", None, INPUT, number=i + 1,
                                  born=f"{child.birth_date:%d.%m.%Y}"))
    b = case.client.benefits
    if b.overgangsstonad is not None:
        limit = int(rules.value("overgangsstonad.youngest_child_age_limit", case.start))
        young = [c for c in case.household.children if c.birth_date < end and _age_on(c.birth_date, case.start) < limit]
        if not young:
            out.append(Warning.of("plausible_overgangsstonad_child", case.start, "Folketrygdloven § 15-8", limit=limit))
        if case.household.partner is not None:
            out.append(Warning.of("plausible_overgangsstonad_partner", case.start, "Folketrygdloven § 15-4"))
    ut = b.uforetrygd
    if ut is not None and ut.granted.replace(day=1) > case.start:
        out.append(Warning.of("plausible_uforetrygd_granted_later", ut.granted.replace(day=1),
                              "Vedtaket om uføretrygd (virkningstidspunkt)", granted=f"{ut.granted:%d.%m.%Y}",
                              month=f"{ut.granted:%m.%Y}"))
    for name in b.names():
        until = getattr(getattr(b, name), "until", None)
        if until is not None and until < case.start:
            out.append(Warning.of("plausible_benefit_ended", case.start, INPUT, name=name, until=f"{until:%d.%m.%Y}"))
    return out
