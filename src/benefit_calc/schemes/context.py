"""What every scheme gets from the engine (:class:`Context`) and gives back (:class:`SchemeOutput`).

Schemes run in the order of the registry (docs/architecture.md §3); each sees only the payments of the schemes it
declares it ``needs`` (they run before it), so dependencies go one way and are written down. A scheme makes its
payments with :meth:`Context.pay`, which stamps them from its declaration.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable, Sequence

import attrs

from benefit_calc.core import calendar as cal
from benefit_calc.case.model import Case, WorkStep
from benefit_calc.result.payments import Explanation, Payment
from benefit_calc.result.model import PeriodRow, Settlement, Warning
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes import paydays
from benefit_calc.schemes.declare import Scheme


@attrs.frozen
class Context:
    rules: Ruleset
    case: Case
    hours_on: cal.DailyHours
    first_day: date  # 1 January of the start year
    last_day: date  # 31 December of the last simulated month's year
    horizon: tuple[date, ...]  # the case's months (first days)
    anchor: date  # a Monday that starts one of the client's meldeperioder
    earlier: tuple[Payment, ...] = ()  # payments of the schemes it needs (its declaration's ``needs``)
    detail: bool = True  # False: amounts only — no period rows or warnings (an hours sweep needs only amounts)
    work: tuple[WorkStep, ...] = ()  # the work plan simulated
    scheme: Scheme | None = None  # the declaration of the scheme this context is for
    # ``pay(kind, paid_on, amount, earned_from, earned_to, explanation)``: a payment of ``kind`` stamped by the
    # scheme's declaration (taxable, payer, withholding period) — its :meth:`Scheme.pay`, bound once
    pay: Callable[[str, date, int, date, date, Explanation | Callable[[], Explanation]], Payment] = attrs.field(
        init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "pay", self.scheme.pay if self.scheme is not None else _cannot_pay)

    def partner_gross(self, month: date) -> int:
        """The partner's gross taxable income a month (0 without a partner)."""
        partner = self.case.household.partner
        return int(partner.income_per_month or 0) if partner is not None else 0

    def in_horizon(self, day: date) -> bool:
        return self.horizon[0] <= day < cal.add_months(self.horizon[-1], 1)

    def window(self, lag_param: str) -> tuple[list[cal.Meldeperiode], Callable[[cal.Meldeperiode], date]]:
        """The client's meldeperioder paid from ``first_day`` to ``last_day``, and the day each is paid (the
        ``lag_param``-th banking day after its end, :func:`benefit_calc.schemes.paydays.after_period`)."""
        rules = self.rules

        def paid(mp: cal.Meldeperiode) -> date:
            return paydays.after_period(rules, lag_param, mp.end)

        def make() -> tuple[cal.Meldeperiode, ...]:
            early = self.first_day - timedelta(days=3 * cal.PERIOD_DAYS)  # a lag of up to 30 banking days
            periods = cal.meldeperioder(self.anchor, early, self.last_day)
            return tuple(mp for mp in periods if self.first_day <= paid(mp) <= self.last_day)
        return list(rules.cached(("window", lag_param, self.anchor, self.first_day, self.last_day), make,
                                 shared=True)), paid

    def earned_in_year(self, year: int) -> int:
        """Wages and feriepenger paid in ``year`` (pensjonsgivende inntekt from work)."""
        return sum(p.amount for p in self.earlier if p.paid_on.year == year and p.payer == "employer")


def _cannot_pay(*args: object) -> Payment:
    raise TypeError("a context made without a scheme cannot pay")


@attrs.frozen
class SchemeOutput:
    payments: tuple[Payment, ...] = ()
    periods: tuple[PeriodRow, ...] = ()
    warnings: tuple[Warning, ...] = ()
    settlements: tuple[Settlement, ...] = ()
    notes: tuple[str, ...] = ()
    # taxable income the first simulated year had the client not worked: what the tax card is made from
    without_work: Callable[[], int] = lambda: 0


def until_rule(until: date | None) -> Callable[[date], bool] | None:
    """``has_right`` for a benefit that ends after ``until`` (``None``: no end)."""
    return None if until is None else (lambda d: d <= until)


NOTICE_MONTHS = 6  # a counselling choice, not law: warn of a benefit's end this many months ahead


def notice_month(end: date, horizon: Sequence[date]) -> date | None:
    """The month whose row carries a warning that a benefit ends on ``end`` (its last day with a right): the end's
    own month inside the calculation, the last month when the end is within :data:`NOTICE_MONTHS` after it, else
    ``None``."""
    if end >= cal.add_months(horizon[-1], NOTICE_MONTHS + 1):
        return None
    return min(max(cal.month_of(end), horizon[0]), horizon[-1])
