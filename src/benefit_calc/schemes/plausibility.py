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
from benefit_calc.core import calendar as cal
from benefit_calc.result.model import Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.words import Text
from benefit_calc.words.formats import Day, Month, Num

INPUT = "Opplysningene i saken"  # the "reference" of a warning about the input itself
HOURS_COUNT = ("aap", "dagpenger", "kvalifiseringsstonad")  # benefits the hours reduce, whatever the wage


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def hourly(step: WorkStep) -> float | None:
    """The step's pay per hour: its hourly wage, or its monthly salary over the hours of a month (52 weeks / 12)."""
    if step.hourly_wage is not None:
        return float(step.hourly_wage)
    if step.monthly_salary and step.hours_per_week:
        return float(step.monthly_salary) * 12 / 52 / float(step.hours_per_week)
    return None


def _wage_level(step: WorkStep) -> list[Warning]:
    """An hourly wage (or a monthly salary at the step's hours) outside what jobs pay: say so beside the answer."""
    bound = BOUNDS["work[].hourly_wage"]
    per_hour = hourly(step)
    if not per_hour or not step.hours_per_week:
        return []
    low, high = bound.warn_below or 0, bound.warn_above or float("inf")
    if low <= per_hour <= high:
        return []
    side = "low" if per_hour < low else "high"
    kind = "salary" if step.hourly_wage is None else "hourly"
    return [Warning.of("plausible_wage_level", step.start, INPUT, key=f"warning.plausible_wage_level.{kind}_{side}",
                       month=Month(step.start), wage=Num(per_hour, 2), salary=Num(step.monthly_salary or 0),
                       hours=Num(step.hours_per_week, 2), low=Num(low), high=Num(high))]


def warnings(rules: Ruleset, case: Case, plan: Sequence[WorkStep]) -> list[Warning]:
    """Plausibility warnings for ``case`` simulated with the work plan ``plan``."""
    out: list[Warning] = []
    end = case.end  # the first day after the horizon
    many = BOUNDS["work[].hours_per_week"].warn_above or 0
    counted = [n for n in case.client.benefits.names() if n in HOURS_COUNT]
    for step in plan:
        if step.hours_per_week > many:
            out.append(Warning.of("plausible_hours", step.start, INPUT, hours=Num(step.hours_per_week, 2),
                                  month=Month(step.start), many=Num(many, 2)))
        if step.hours_per_week > 0 and (step.hourly_wage == 0 or step.monthly_salary == 0):
            key = "warning.plausible_wage" + ("_benefit" if counted else "")
            out.append(Warning.of("plausible_wage", step.start, INPUT, key=key, hours=Num(step.hours_per_week, 2),
                                  month=Month(step.start), benefit=Text(f"part.{counted[0]}") if counted else ""))
        out += _wage_level(step)
    out += outside_case(case, plan)
    for i, child in enumerate(case.household.children):
        if child.birth_date >= end:
            out.append(Warning.of("plausible_child_born_later", None, INPUT, number=i + 1,
                                  born=Day(child.birth_date)))
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
                              "Vedtaket om uføretrygd (virkningstidspunkt)", granted=Day(ut.granted),
                              month=Month(ut.granted)))
    for name in b.names():
        until = getattr(getattr(b, name), "until", None)
        if until is not None and until < case.start:
            out.append(Warning.of("plausible_benefit_ended", case.start, INPUT, name=Text(f"component.{name}"),
                                  until=Day(until)))
    return out


def outside_case(case: Case, plan: Sequence[WorkStep]) -> list[Warning]:
    """Work steps that change nothing in the case's months — one that starts after the last month, or one a later
    step replaces before the first — and a plan whose hours all fall outside them (the headline would say +0 kr
    without saying why). Each warning names the step and the months; it is shown in the case's first month."""
    out: list[Warning] = []
    first, last = case.start, cal.add_months(case.end, -1)
    months = {"first": Month(first), "last": Month(last)}
    for i, step in enumerate(plan):
        nxt = plan[i + 1] if i + 1 < len(plan) else None
        if step.start > last:
            out.append(Warning.of("work_outside_case", first, INPUT, key="warning.work_outside_case.after",
                                  step=i + 1, month=Month(step.start), next="", **months))
        elif nxt is not None and nxt.start <= first:
            out.append(Warning.of("work_outside_case", first, INPUT, key="warning.work_outside_case.replaced",
                                  step=i + 1, month=Month(step.start), next=i + 2, **months))
    in_case = [s.hours_per_week for i, s in enumerate(plan)
               if s.start <= last and (i + 1 == len(plan) or plan[i + 1].start > first)]
    if any(s.hours_per_week > 0 for s in plan) and not any(in_case):
        out.append(Warning.of("work_none_in_case", first, INPUT, **months))
    return out
