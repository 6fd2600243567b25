"""Wages on real paydays, feriepenger and ferietrekk (ferieloven §§ 5, 10, 11)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from benefit_calc.case.model import WorkStep
from benefit_calc.rules.load import load_rules
from benefit_calc.schemes.wages import earned_by_month, wage_payments

RULES = load_rules()


def test_hourly_wages_follow_the_weekdays_of_each_month() -> None:
    work = (WorkStep(date(2026, 2, 1), 10, hourly_wage=210),)
    earned = earned_by_month(work, date(2026, 1, 1), date(2026, 3, 1))
    # February 2026 has 20 weekdays, March 22: 2 hours a weekday at 210 kr
    assert earned == {date(2026, 1, 1): 0, date(2026, 2, 1): Decimal(20 * 2 * 210), date(2026, 3, 1): Decimal(22 * 2 * 210)}


def test_paydays() -> None:
    hourly = wage_payments(RULES, (WorkStep(date(2026, 2, 1), 10, hourly_wage=210),), date(2026, 1, 1), date(2026, 3, 1))
    assert [(p.paid_on, p.amount) for p in hourly] == [(date(2026, 3, 20), 8400), (date(2026, 4, 20), 9240)]
    salary = wage_payments(RULES, (WorkStep(date(2026, 2, 1), 20, monthly_salary=18000),), date(2026, 1, 1), date(2026, 2, 1))
    assert [(p.paid_on, p.amount) for p in salary] == [(date(2026, 2, 20), 18000)]


def test_feriepenger_and_ferietrekk() -> None:
    work = (WorkStep(date(2025, 1, 1), 20, monthly_salary=20000),)
    pays = wage_payments(RULES, work, date(2025, 1, 1), date(2026, 6, 1))
    june_2025 = [p for p in pays if p.paid_on.year == 2025 and p.paid_on.month == 6]
    assert [(p.scheme, p.amount) for p in june_2025] == [("wages", 20000)]  # first year: no feriepenger, no trekk
    june_2026 = {p.scheme: p.amount for p in pays if p.paid_on == date(2026, 6, 19)}  # the 20th is a Saturday
    assert june_2026["holiday_pay"] == 24480  # 10.2 % of 240 000 earned in 2025 (ferieloven § 10)
    assert june_2026["wages"] == 769  # 20 000 − 25/26 × 20 000 = 769.23: ferietrekk for 25 virkedager


def test_holiday_pay_can_be_switched_off() -> None:
    work = (WorkStep(date(2025, 1, 1), 20, hourly_wage=200, holiday_pay=False),)
    pays = wage_payments(RULES, work, date(2025, 1, 1), date(2026, 6, 1))
    assert not [p for p in pays if p.scheme == "holiday_pay"]


def test_feriepenger_follow_the_step_the_wages_were_earned_under() -> None:
    """holiday_pay: false on the June step does not stop feriepenger earned the year before under a step with them,
    and wages earned under a step without them earn none (ferieloven § 10: feriepenger follow the wages)."""
    earned_with = (WorkStep(date(2025, 1, 1), 20, monthly_salary=20000),
                   WorkStep(date(2026, 5, 1), 20, monthly_salary=20000, holiday_pay=False))
    pays = wage_payments(RULES, earned_with, date(2025, 1, 1), date(2026, 6, 1))
    june = {p.scheme: p.amount for p in pays if p.paid_on == date(2026, 6, 19)}  # the 20th is a Saturday
    assert june == {"holiday_pay": 24480, "wages": 20000}  # paid; no ferietrekk from a salary without feriepenger
    earned_without = (WorkStep(date(2025, 1, 1), 20, monthly_salary=20000, holiday_pay=False),
                      WorkStep(date(2026, 5, 1), 20, monthly_salary=20000))
    pays = wage_payments(RULES, earned_without, date(2025, 1, 1), date(2026, 6, 1))
    assert not [p for p in pays if p.scheme == "holiday_pay"]
    half = (WorkStep(date(2025, 1, 1), 20, monthly_salary=20000),
            WorkStep(date(2025, 7, 1), 20, monthly_salary=20000, holiday_pay=False))
    pays = wage_payments(RULES, half, date(2025, 1, 1), date(2026, 6, 1))
    assert [p.amount for p in pays if p.scheme == "holiday_pay"] == [12240]  # 10.2 % of the 120 000 from January–June
