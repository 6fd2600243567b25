"""Uføretrygd: reduction for income, the 2026 rules, monthly spreading after a report, barnetillegg, etteroppgjør.

Sources: folketrygdloven § 12-14 as quoted in NAV's letters (navikt/pensjonsbrev InfobrevLovendringer2026.kt,
OktBunnfradrag.kt, SlikBlirDinUtbetalingFoerSkatt.kt). NAV publishes no complete worked example (the calculation
runs in Pesys, which is not public); sequences below are worked by hand from the published rule, in the comments.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benefit_calc import parse_case, simulate
from benefit_calc.case.benefits import Uforetrygd
from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import load_rules
from benefit_calc.schemes.uforetrygd import entitlement, year_rules

RULES = load_rules()
UT = Uforetrygd(degree=100, ifu=420000, full_benefit=277200, granted=date(2019, 3, 1))


def case(work: list, reports: str | None = None, start: str = "2027-01", months: int = 24, children: list | None = None,
         **ut: object) -> dict:
    body = {"degree": 100, "ifu": 420000, "full_benefit": 277200, "granted": "2019-03-01", **ut}
    if reports is not None:
        body["reports_income"] = reports
    return {"start": start, "months": months, "client": {"birth_date": "1984-11-02", "benefits": {"uforetrygd": body}},
            "household": {"children": children or []}, "work": work}


def test_reduction_is_70_percent_of_income_over_the_bunnfradrag_from_2026() -> None:
    """NAV letter InfobrevLovendringer2026: reduksjonsprosent 70 % and 10 000 kr over the bunnfradrag → 7 000 kr less."""
    ut = Uforetrygd(degree=100, ifu=371250, full_benefit=297000, granted=date(2019, 3, 1))  # 297 000 / 371 250 = 80 %
    yr = year_rules(RULES, ut, (), date(2027, 1, 1), 2027)
    assert yr.share == Decimal("0.70")
    full = sum(yr.unreduced)
    ut_paid, _ = entitlement(RULES, yr, yr.limit + 10000)
    assert full - ut_paid == Decimal("7000.000")
    y2025 = year_rules(RULES, ut, (), date(2025, 1, 1), 2025)  # before the cap the full 80 % applies
    assert y2025.share == Decimal("0.80")


def test_income_ceiling_is_80_percent_of_ifu() -> None:
    """IFU 500 000 → inntektstak 400 000 (folketrygdloven § 12-14; Jussbuss example). In 2027 G is the same all year."""
    ut = Uforetrygd(degree=100, ifu=500000, full_benefit=330000, granted=date(2019, 3, 1))
    yr = year_rules(RULES, ut, (), date(2027, 1, 1), 2027)
    assert yr.ceiling == Decimal(400000)
    assert entitlement(RULES, yr, Decimal(400000))[0] > 0
    assert entitlement(RULES, yr, Decimal(400001))[0] == 0  # above the tak: nothing for the year


@pytest.mark.parametrize(("granted", "year", "free_g"), [
    (date(2019, 3, 1), 2025, Decimal("0.4")),  # 0.4 G for everyone before 2026
    (date(2019, 3, 1), 2026, Decimal("1")),  # "Alle som fikk innvilget uføretrygd før 1. januar 2024 får 1G i hele 2026"
    (date(2023, 12, 1), 2026, Decimal("1")),
    (date(2024, 3, 1), 2026, Decimal("0.9")),  # 24 months reached in March 2026: (2 × 0.4 + 10 × 1) / 12
    (date(2025, 6, 1), 2027, Decimal("0.75")),  # June 2027: (5 × 0.4 + 7 × 1) / 12 (OktBunnfradrag: monthly average)
])
def test_fribelop_one_g_after_two_years(granted: date, year: int, free_g: Decimal) -> None:
    ut = Uforetrygd(degree=100, ifu=420000, full_benefit=277200, granted=granted)
    assert year_rules(RULES, ut, (), date(year, 1, 1), year).free_g == free_g


def test_vta_has_one_g() -> None:
    ut = Uforetrygd(degree=100, ifu=420000, full_benefit=277200, granted=date(2025, 6, 1), vta=True)
    assert year_rules(RULES, ut, (), date(2025, 1, 1), 2025).free_g == Decimal(1)


def test_report_on_job_start_spreads_the_reduction_over_the_rest_of_the_year() -> None:
    """2027 (G 136 549 all year), IFU 420 000, full 277 200 (66 %), 1 G bunnfradrag, salary 30 000 from March.

    Year's income 300 000 → reduction (300 000 − 136 549) × 0.66 = 107 877.66; entitled 169 322.34.
    Jan–Mar: 23 100 (reported in March, used from April). Apr–Dec: (169 322.34 − 69 300) / 9 = 11 113.59 → 11 114.
    """
    work = [{"from": "2027-03", "hours_per_week": 30, "monthly_salary": 30000, "payday": "same_month", "holiday_pay": False}]
    res = simulate(RULES, parse_case(case(work)))
    ut = [m.benefits["uforetrygd"] for m in res.months[:12]]
    assert ut == [23100] * 3 + [11114] * 9
    assert not [s for s in res.settlements if s.scheme == "uforetrygd" and s.year == 2027]


def test_never_reporting_is_claimed_at_the_etteroppgjor() -> None:
    work = [{"from": "2027-03", "hours_per_week": 30, "monthly_salary": 30000, "payday": "same_month", "holiday_pay": False}]
    res = simulate(RULES, parse_case(case(work, reports="never")))
    assert [m.benefits["uforetrygd"] for m in res.months[:12]] == [23100] * 12
    claim = [s for s in res.settlements if s.scheme == "uforetrygd" and s.year == 2027]
    assert [(s.amount, s.month) for s in claim] == [(-107878, date(2028, 10, 1))]
    assert next(m for m in res.months if m.month == date(2028, 10, 1)).settlements <= -107878
    assert any(w.code == "uforetrygd_etteroppgjor" for w in res.warnings)


def test_income_above_the_ceiling_stops_payment_and_warns() -> None:
    """40 000 × 10 = 400 000 > 0.8 × 420 000 = 336 000: nothing for 2027; Jan–Mar already paid are claimed back."""
    work = [{"from": "2027-03", "hours_per_week": 37.5, "monthly_salary": 40000, "payday": "same_month", "holiday_pay": False}]
    res = simulate(RULES, parse_case(case(work)))
    assert [m.benefits.get("uforetrygd", 0) for m in res.months[:12]] == [23100] * 3 + [0] * 9
    assert [s.amount for s in res.settlements if s.scheme == "uforetrygd" and s.year == 2027] == [-69300]
    assert any(w.code == "uforetrygd_income_ceiling" for w in res.warnings)


def test_barnetillegg_one_child_no_income() -> None:
    """0.4 G a year per child: 0.4 × 136 549 / 12 = 4 551.63 → 4 552 a month (folketrygdloven § 12-15)."""
    res = simulate(RULES, parse_case(case([], children=[{"birth_date": "2018-05-05"}], months=12)))
    assert [m.benefits["barnetillegg_uforetrygd"] for m in res.months] == [4552] * 12


def test_barnetillegg_is_reduced_by_half_the_income_over_the_fribelop() -> None:
    """Income 300 000 + uføretrygd entitled 169 322.34 (277 200 − (300 000 − 136 549) × 0.66) = 469 322.34;
    fribeløp 3.1 G = 423 301.90; reduction 0.5 × 46 020.44 = 23 010.22; barnetillegg 54 619.60 − 23 010.22 = 31 609.38."""
    yr = year_rules(RULES, UT, (date(2018, 5, 5),), date(2027, 1, 1), 2027)
    ut, bt = entitlement(RULES, yr, Decimal(300000))
    assert round(ut, 2) == Decimal("169322.34")
    assert round(bt, 2) == Decimal("31609.38")


def test_degree_scales_the_benefit() -> None:
    res = simulate(RULES, parse_case(case([], degree=50, months=12)))
    assert [m.benefits["uforetrygd"] for m in res.months] == [11550] * 12


def test_ieu_must_be_below_ifu() -> None:
    with pytest.raises(CaseError) as exc:
        parse_case(case([], ieu=500000))
    assert exc.value.field == "client.benefits.uforetrygd.ieu"


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 60000), st.sampled_from(["on_job_start", "never", "2027-06"]), st.sampled_from([0, 1, 2]))
def test_paid_plus_etteroppgjor_equals_the_entitlement_on_actual_income(salary: int, reports: str, kids: int) -> None:
    """Whatever is reported, what is paid in a year plus the etteroppgjør equals the formula on the actual income."""
    work = [{"from": "2027-02", "hours_per_week": 20, "monthly_salary": salary, "payday": "same_month", "holiday_pay": False}]
    children = [{"birth_date": "2015-01-01"}] * kids
    res = simulate(RULES, parse_case(case(work, reports=reports, months=12, children=children)))
    yr = year_rules(RULES, UT, tuple(date(2015, 1, 1) for _ in range(kids)), date(2027, 1, 1), 2027)
    owed_ut, owed_bt = entitlement(RULES, yr, Decimal(salary * 11))
    for scheme, owed in (("uforetrygd", owed_ut), ("barnetillegg_uforetrygd", owed_bt)):
        paid = sum(p.amount for p in res.payments if p.scheme == scheme and p.paid_on.year == 2027)
        settled = sum(s.amount for s in res.settlements if s.scheme == scheme and s.year == 2027)
        assert abs(paid + settled - owed) <= 12  # each month is rounded to whole kroner


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 50000), st.integers(1, 20000))
def test_more_income_never_raises_a_months_uforetrygd(salary: int, more: int) -> None:
    def run(s: int):  # type: ignore[no-untyped-def]
        work = [{"from": "2027-03", "hours_per_week": 20, "monthly_salary": s, "payday": "same_month"}]
        return simulate(RULES, parse_case(case(work, months=12)))
    low, high = run(salary), run(salary + more)
    for a, b in zip(low.months, high.months):
        assert b.benefits.get("uforetrygd", 0) <= a.benefits.get("uforetrygd", 0)


def test_not_paid_before_the_month_it_is_granted_from() -> None:
    """A vedtak granting uføretrygd from 15.03.2027 pays from March 2027 (not January), and the result says so."""
    r = simulate(RULES, parse_case(case([], granted="2027-03-15")))
    months = {m.month: m.benefits["uforetrygd"] for m in r.months}
    assert months[date(2027, 1, 1)] == months[date(2027, 2, 1)] == 0
    assert months[date(2027, 3, 1)] > 0 and months[date(2027, 3, 1)] == months[date(2027, 4, 1)]
    (w,) = [w for w in r.warnings if w.code == "plausible_uforetrygd_granted_later"]
    assert w.month == date(2027, 3, 1) and "03.2027" in w.message
    full = simulate(RULES, parse_case(case([])))
    assert {m.month: m.benefits["uforetrygd"] for m in full.months}[date(2027, 4, 1)] == months[date(2027, 4, 1)]
