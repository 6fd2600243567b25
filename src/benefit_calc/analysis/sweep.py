"""Hours sweep and effective tax rates: what the household keeps of each extra krone earned, scheme by scheme.

``sweep`` simulates the case's whole situation once per hours level (a constant job from the case's start at
one hourly wage) and keeps, for each month, every component of the household's disposable income: gross wages
(with feriepenger), each benefit, tax withheld, settlements and the partner's net income.

Effective rates follow the OECD definitions (OECD, *Tax and benefit policy descriptions* / the OECD tax-benefit
model's "participation tax rate" and "marginal effective tax rate"):

* **PTR** (participation tax rate) at hours h = 1 − (Y(h) − Y(0)) / (E(h) − E(0)): the share of the gross
  earnings from working h hours instead of none that is lost to tax and lower benefits.
* **EMTR** (effective marginal tax rate) from h to the next step = 1 − ΔY / ΔE for that small increase.

Y is the household's disposable income, E the client's gross earnings (cash paid, feriepenger included). Each
rate is split by component: a benefit's part is −Δbenefit / ΔE, tax's part is (Δwithheld − Δsettlement) / ΔE;
the parts add up to the rate exactly. Computed per month and over the horizon; over the horizon the tax
settlements that fall after it (for the simulated years) are included, so the horizon rate is final.
"""

from __future__ import annotations

import gc
import math
from datetime import date
from typing import Any, Mapping, Sequence

import attrs

from benefit_calc.case.model import Case, WorkStep
from benefit_calc.engine.simulate import simulate
from benefit_calc.case.bounds import BOUNDS
from benefit_calc.core.errors import CaseError
from benefit_calc.core.money import fmt
from benefit_calc.core.safe_load import show
from benefit_calc.result.model import Result
from benefit_calc.rules.load import Ruleset

MAX_STEPS = 201
LATER = "settlements_after_horizon"


@attrs.frozen
class SweepStep:
    """One hours level: every component of disposable income per month (client's wages first)."""

    hours: float
    months: tuple[date, ...]
    parts: Mapping[str, tuple[int, ...]]  # "wages", each benefit, "tax" (−withheld), "settlements", "partner"
    later_settlements: int  # settlements for the simulated years that fall after the horizon
    result: Result

    @property
    def disposable(self) -> tuple[int, ...]:
        """The household's disposable income each month."""
        return tuple(sum(col) for col in zip(*self.parts.values()))

    @property
    def total(self) -> int:
        """Disposable income over the horizon, plus the later settlements of the simulated years."""
        return sum(self.disposable) + self.later_settlements

    def earnings(self, month: int | None = None) -> int:
        wages = self.parts["wages"]
        return sum(wages) if month is None else wages[month]

    def part(self, name: str, month: int | None = None) -> int:
        if name == LATER:
            return self.later_settlements if month is None else 0
        values = self.parts.get(name, (0,) * len(self.months))
        return sum(values) if month is None else values[month]


@attrs.frozen
class Rate:
    """1 − ΔY/ΔE between two steps, split by component (the parts add up to ``rate``)."""

    gross_change: int
    net_change: int
    rate: float | None  # None when gross earnings do not change
    parts: Mapping[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"gross_change": self.gross_change, "net_change": self.net_change,
                "rate": None if self.rate is None else round(self.rate, 4),
                "parts": {k: round(v, 4) for k, v in self.parts.items()}}


def rate_between(a: SweepStep, b: SweepStep, month: int | None = None) -> Rate:
    """The effective rate from step ``a`` to step ``b`` in one month (index) or over the horizon (``None``)."""
    gross = b.earnings(month) - a.earnings(month)
    names = [n for n in (*a.parts, *b.parts) if n != "wages"]
    if month is None:
        names.append(LATER)
    deltas = {n: b.part(n, month) - a.part(n, month) for n in dict.fromkeys(names)}
    net = gross + sum(deltas.values())
    if gross == 0:
        return Rate(0, net, None, {})
    return Rate(gross, net, 1 - net / gross, {n: -d / gross for n, d in deltas.items() if d})


@attrs.frozen
class Sweep:
    hours: tuple[float, ...]
    wage: float
    steps: tuple[SweepStep, ...]

    @property
    def months(self) -> tuple[date, ...]:
        return self.steps[0].months

    def ptr(self, i: int, month: int | None = None) -> Rate:
        """Participation tax rate at step ``i`` (against the first step, normally 0 hours)."""
        return rate_between(self.steps[0], self.steps[i], month)

    def emtr(self, i: int, month: int | None = None) -> Rate | None:
        """Effective marginal rate from step ``i`` to the next (``None`` at the last step)."""
        return rate_between(self.steps[i], self.steps[i + 1], month) if i + 1 < len(self.steps) else None

    def to_dict(self) -> dict[str, Any]:
        out = []
        for i, s in enumerate(self.steps):
            emtr = self.emtr(i)
            out.append({"hours": s.hours, "earnings": s.earnings(), "disposable": s.total,
                        "disposable_by_month": list(s.disposable),
                        "ptr_by_month": [None if r.rate is None else round(r.rate, 4)
                                         for r in (self.ptr(i, m) for m in range(len(self.months)))],
                        "emtr_by_month": [None if r is None or r.rate is None else round(r.rate, 4)
                                          for r in (self.emtr(i, m) for m in range(len(self.months)))],
                        "parts": {k: sum(v) for k, v in s.parts.items()} | {LATER: s.later_settlements},
                        "ptr": self.ptr(i).to_dict(), "emtr": emtr.to_dict() if emtr else None})
        return {"schema": "benefit-calc/sweep@1", "wage": self.wage, "ruleset": self.steps[0].result.ruleset,
                "months": [f"{m:%Y-%m}" for m in self.months], "steps": out}


def parse_hours(text: str) -> tuple[float, ...]:
    """``"0:40:1"`` → 0, 1, …, 40 (start:stop:step, stop included); ``"0,10,20"`` → those levels.

    The levels are counted before they are made: ``0:1e9:1`` is refused at once as too many, never built."""
    try:
        if ":" in text:
            start, stop, step = (float(x) for x in text.split(":"))
            if not step > 0 or not stop >= start or not math.isfinite(stop - start):
                raise ValueError
            span = (stop - start) / step  # inf for a step too small to count with
            if not span + 1 <= MAX_STEPS:
                count = f"{span + 1:.0f}" if span < 1e15 else f"{span + 1:.3g}"  # no 300-digit numbers
                raise CaseError.of("hours", "hours_levels", count=count, max=MAX_STEPS)
            levels = tuple(round(start + i * step, 4) for i in range(round(span) + 1))
        else:
            if text.count(",") >= MAX_STEPS:
                raise CaseError.of("hours", "hours_levels", count=text.count(",") + 1, max=MAX_STEPS)
            levels = tuple(float(x) for x in text.split(","))
    except CaseError:
        raise
    except ValueError:
        raise CaseError.of("hours", "hours_format", value=show(text)) from None
    return checked_hours(levels)


def checked_hours(levels: tuple[float, ...]) -> tuple[float, ...]:
    """``levels`` if there are 1 to :data:`MAX_STEPS` of them, each within the bounds of ``hours_per_week``."""
    if not levels or len(levels) > MAX_STEPS:
        raise CaseError.of("hours", "hours_levels", count=len(levels), max=MAX_STEPS)
    top = BOUNDS["work[].hours_per_week"].high
    if any(not 0 <= h <= top for h in levels):
        raise CaseError.of("hours", "hours_range", max=f"{top:g}")
    return levels


def sweep_wage(case: Case, wage: float | None) -> tuple[float, WorkStep | None]:
    """The hourly wage for the sweep: as given, else the first hourly wage in the work plan."""
    template = next((s for s in case.work if s.hourly_wage), None)
    if wage is None:
        if template is None:
            raise CaseError.of("wage", "wage_missing")
        wage = float(template.hourly_wage)  # type: ignore[arg-type]
    top = BOUNDS["work[].hourly_wage"].high
    if not 0 < wage <= top:
        raise CaseError.of("wage", "wage_range", value=f"{wage:g}", max=fmt(top))
    return wage, template


def step_of(result: Result, hours: float) -> SweepStep:
    """The components of ``result`` month by month."""
    rows = result.months
    names = result.benefit_names()
    parts: dict[str, tuple[int, ...]] = {"wages": tuple(m.wages for m in rows)}
    for n in names:
        parts[n] = tuple(m.benefits.get(n, 0) for m in rows)
    parts["tax"] = tuple(-m.tax_withheld for m in rows)
    if any(m.settlements for m in rows):
        parts["settlements"] = tuple(m.settlements for m in rows)
    if any(m.partner_net for m in rows):
        parts["partner"] = tuple(m.partner_net for m in rows)
    return SweepStep(hours, tuple(m.month for m in result.months), parts, result.later_settlements(), result)


def sweep(rules: Ruleset, case: Case, hours: Sequence[float], wage: float | None = None) -> Sweep:
    """Simulate ``case`` once per hours level: a job of that many hours a week from the start at ``wage`` an hour
    (default: the work plan's first hourly wage), replacing the case's work plan."""
    wage, template = sweep_wage(case, wage)
    payday = template.payday if template else None
    holiday = template.holiday_pay if template else None
    steps = []
    # a sweep makes many short-lived objects and no reference cycles: the cyclic garbage collector only slows it
    # down (~10 %), so it pauses for the sweep and resumes after it, also on an error
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for h in hours:
            plan = (WorkStep(case.start, float(h), wage, None, payday, holiday),)
            steps.append(step_of(simulate(rules, case, plan, detail=False), float(h)))
    finally:
        if was_enabled:
            gc.enable()
    return Sweep(tuple(float(h) for h in hours), wage, tuple(steps))
