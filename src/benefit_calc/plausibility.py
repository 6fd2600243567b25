"""Warnings for values that are possible but unlikely (not errors): the case runs, and the result says what to check.

Each warning says in plain words what looks odd, what the calculation does with it and what to do. The limits
that make a value impossible are in :mod:`benefit_calc.bounds`; the one that makes it unlikely is the bound's
``warn_above`` or a rule parameter.
"""

from __future__ import annotations

from datetime import date
from typing import Sequence

from .bounds import BOUNDS
from .case import Case, WorkStep
from .result import Warning
from .rules import Ruleset

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
            out.append(Warning(
                "plausible_hours", step.start,
                f"{step.hours_per_week:g} timer i uka fra {step.start:%m.%Y} er mer enn {many:g}. Sjekk timetallet: "
                "beregningen fordeler timene på ukedagene.", INPUT, "Sjekk at det er timer i uka, ikke i måneden.",
                f"{step.hours_per_week:g} hours a week from {step.start:%m.%Y} is more than {many:g}. Check the "
                "hours: the calculation spreads them over the weekdays.", "Check that these are hours a week, not a month."))
        if step.hours_per_week > 0 and (step.hourly_wage == 0 or step.monthly_salary == 0):
            out.append(Warning(
                "plausible_wage", step.start,
                f"Fra {step.start:%m.%Y} er det {step.hours_per_week:g} timer i uka, men lønnen er 0 kr. Timene "
                "teller for AAP og dagpenger, men gir ingen lønn.", INPUT, "Skriv inn lønnen fra arbeidsavtalen.",
                f"From {step.start:%m.%Y} there are {step.hours_per_week:g} hours a week but the wage is 0 kr. The "
                "hours count for AAP and dagpenger but bring no pay.", "Enter the wage from the employment contract."))
    for i, child in enumerate(case.household.children):
        if child.birth_date >= end:
            out.append(Warning(
                "plausible_child_born_later", None,
                f"Barn {i + 1} er født {child.birth_date:%d.%m.%Y}, etter siste måned i beregningen. Barnet er ikke "
                "med i noen måned.", INPUT, "Sjekk fødselsdatoen.",
                f"Child {i + 1} is born {child.birth_date:%d.%m.%Y}, after the last month of the calculation. The child "
                "is not counted in any month.", "Check the birth date."))
    b = case.client.benefits
    if b.overgangsstonad is not None:
        limit = int(rules.value("overgangsstonad.youngest_child_age_limit", case.start))
        young = [c for c in case.household.children if c.birth_date < end and _age_on(c.birth_date, case.start) < limit]
        if not young:
            out.append(Warning(
                "plausible_overgangsstonad_child", case.start,
                f"Overgangsstønad gis til enslige med barn under {limit} år, men saken har ikke noe slikt barn. "
                "Beregningen betaler stønaden likevel.", "Folketrygdloven § 15-8",
                "Legg inn barna med fødselsdato, eller ta bort overgangsstønaden.",
                f"Overgangsstønad is for single parents with a child under {limit}, but the case has no such child. "
                "The calculation pays it anyway.", "Add the children with their birth dates, or remove overgangsstønad."))
        if case.household.partner is not None:
            out.append(Warning(
                "plausible_overgangsstonad_partner", case.start,
                "Overgangsstønad er for enslige forsørgere, men saken har en partner. Beregningen betaler stønaden "
                "likevel.", "Folketrygdloven § 15-4", "Ta bort partneren eller overgangsstønaden.",
                "Overgangsstønad is for single parents, but the case has a partner. The calculation pays it anyway.",
                "Remove the partner or overgangsstønad."))
    ut = b.uforetrygd
    if ut is not None and ut.granted.replace(day=1) > case.start:
        out.append(Warning(
            "plausible_uforetrygd_granted_later", ut.granted.replace(day=1),
            f"Uføretrygden er innvilget fra {ut.granted:%d.%m.%Y}, etter første måned. Den er regnet med fra "
            f"{ut.granted:%m.%Y}, ikke før.", "Vedtaket om uføretrygd (virkningstidspunkt)", "Sjekk datoen i vedtaket.",
            f"Uføretrygd is granted from {ut.granted:%d.%m.%Y}, after the first month. It is counted from "
            f"{ut.granted:%m.%Y}, not before.", "Check the date on the decision."))
    for name in b.names():
        until = getattr(getattr(b, name), "until", None)
        if until is not None and until < case.start:
            out.append(Warning(
                "plausible_benefit_ended", case.start,
                f"{name}: siste dag ({until:%d.%m.%Y}) er før første måned, så ytelsen er ikke med i noen måned.",
                INPUT, "Sjekk datoen, eller ta bort ytelsen.",
                f"{name}: the last day ({until:%d.%m.%Y}) is before the first month, so the benefit is in no month.",
                "Check the date, or remove the benefit."))
    return out
