"""The day money lands in the account: payment days moved off weekends and public holidays (rules/no/utbetaling.yaml).

Monthly payments (uføretrygd, overgangsstønad, barnetrygd, kontantstøtte, bostøtte, kvalifiseringsstønad,
sosialhjelp, wages) have a usual day of the month; when it is not a banking day they move the way
``utbetaling.roll`` says for the payer — the banking day before, in NAV's, Husbanken's, the municipalities' and the
tariff agreements' rules. NAV pays some benefits on other days in December and May (``utbetaling.special_days``).
Meldekort benefits (AAP, dagpenger, tiltakspenger) are paid a number of banking days after the meldeperiode ends
(``<scheme>.payment_lag_days``), so a holiday moves them later. A moved payment can land in the month before —
sosialhjelp due on 1 February 2026 (a Sunday) lands on Friday 30 January — and the month table shows it there.
"""

from __future__ import annotations

from datetime import date

from benefit_calc.core import calendar as cal
from benefit_calc.core.errors import RulesError
from benefit_calc.rules.load import Ruleset

FILE = "utbetaling.yaml"


def _closed(rules: Ruleset, day: date) -> frozenset[tuple[int, int]]:
    def make() -> frozenset[tuple[int, int]]:
        out = set()
        for text in rules.value("utbetaling.bank_closed_days", day):
            month, _, dom = str(text).partition("-")
            try:
                out.add((int(month), int(dom)))
                date(2024, int(month), int(dom))  # a leap year: every month-day that exists
            except ValueError:
                raise RulesError(FILE, "bank_closed_days", f"{text!r} is not a month-day such as '12-24'") from None
        return frozenset(out)
    return rules.cached(("closed_days", rules.param("utbetaling.bank_closed_days").at(day).valid_from), make,
                        shared=True)  # type: ignore[no-any-return]


def monthly(rules: Ruleset, payer: str, month: date, usual_day: int) -> date:
    """The day a monthly payment of ``payer`` (a scheme, or ``lonn``) due in ``month`` on ``usual_day`` lands: the
    special day for that month if NAV has one (``utbetaling.special_days``), moved off a non-banking day the way
    ``utbetaling.roll`` says for the payer."""
    def make() -> date:
        special = rules.value("utbetaling.special_days", month).get(payer, {})
        due = month.replace(day=int(special.get(str(month.month), usual_day)))
        roll = rules.value("utbetaling.roll", month).get(payer, "before")
        closed = _closed(rules, due)
        if roll == "before":
            return cal.banking_day_on_or_before(due, closed)
        if roll == "after":
            return cal.banking_day_on_or_after(due, closed)
        raise RulesError(FILE, f"roll.{payer}", f"{roll!r} is not 'before' or 'after'")
    return rules.cached(("monthly_payday", payer, month, usual_day), make, shared=True)  # type: ignore[no-any-return]


def on_or_after(rules: Ruleset, due: date) -> date:
    """The first banking day on or after ``due`` (a payment dated on a holiday that comes after it)."""
    return cal.banking_day_on_or_after(due, _closed(rules, due))


def after_period(rules: Ruleset, lag_param: str, period_end: date) -> date:
    """The day a meldeperiode ending ``period_end`` is paid: the ``lag_param``-th banking day after its end."""
    def make() -> date:
        lag = int(rules.value(lag_param, period_end))
        return cal.banking_days_after(period_end, lag, _closed(rules, period_end))
    return rules.cached(("meldekort_payday", lag_param, period_end), make, shared=True)  # type: ignore[no-any-return]
