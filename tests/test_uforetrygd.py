"""Uføretrygd: reduction for income, the 2026 rules, monthly spreading after a report, barnetillegg, etteroppgjør.

Sources: folketrygdloven §§ 12-9 and 12-14 as quoted in NAV's letters (navikt/pensjonsbrev 5c6fc824:
InfobrevLovendringer2026.kt, OktMinsteIFUReduksjonsprosent.kt, OktBunnfradrag.kt, ReverseringLavereMinstesats.kt,
SlikBlirDinUtbetalingFoerSkatt.kt). NAV publishes no complete worked example (the calculation runs in Pesys, which
is not public); the kroner figures NAV's letters print are reproduced below, and sequences are worked by hand from
the published rule, in the comments (DERIVED: nothing publishes them).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pathlib import Path

from benefit_calc import parse_case, simulate
from benefit_calc.case.benefits import Uforetrygd
from benefit_calc.core.errors import CaseError, RulesError
from benefit_calc.core.money import kroner
from benefit_calc.rules.load import load_rules
from benefit_calc.schemes.uforetrygd import entitlement, year_rules

RULES = load_rules()
MAY = load_rules(overlays=[Path(__file__).parent / "data" / "uforetrygd-g-may.yaml"])
# IFU 500 000 is 3.66 G in 2027 (G 136 549), above the minimum 3.5 G; the full benefit is 66 % of it
UT = Uforetrygd(degree=100, ifu=500000, full_benefit=330000, granted=date(2019, 3, 1))


def case(work: list, reports: str | None = None, start: str = "2027-01", months: int = 24, children: list | None = None,
         partner: bool = False, **ut: object) -> dict:
    body = {"degree": 100, "ifu": 500000, "full_benefit": 330000, "granted": "2019-03-01", **ut}
    if reports is not None:
        body["reports_income"] = reports
    household: dict = {"children": children or []}
    if partner:
        household["partner"] = {"birth_date": "1984-01-01"}
    return {"start": start, "months": months, "client": {"birth_date": "1984-11-02", "benefits": {"uforetrygd": body}},
            "household": household, "work": work}


def salary(monthly: int, start: str = "2027-03", hours: float = 30) -> list:
    return [{"from": start, "hours_per_week": hours, "monthly_salary": monthly, "payday": "same_month",
             "holiday_pay": False}]


def test_reduction_is_70_percent_of_income_over_the_bunnfradrag_from_2026() -> None:
    """NAV letter InfobrevLovendringer2026: reduksjonsprosent 70 % and 10 000 kr over the bunnfradrag → 7 000 kr less.

    DERIVED: single on the minstesats, 2.529 G (345 332 kr) with the minimum IFU 3.5 G (477 922 kr) at G 136 549:
    2.529 / 3.5 = 72.26 %, above the cap from 2026; before 2026 the whole 72.26 % applied."""
    ut = Uforetrygd(degree=100, ifu=477922, full_benefit=345332, granted=date(2019, 3, 1))
    yr = year_rules(RULES, ut, (), date(2027, 1, 1), 2027)
    assert yr.share == Decimal("0.70")
    full = sum(yr.unreduced)
    ut_paid, _ = entitlement(RULES, yr, yr.limit + 10000)
    assert full - ut_paid == Decimal("7000.000")
    assert year_rules(RULES, ut, (), date(2027, 1, 1), 2025).share == Decimal("0.7226")


def test_income_ceiling_is_80_percent_of_ifu() -> None:
    """IFU 500 000 → inntektstak 400 000 (folketrygdloven § 12-14; Jussbuss example). In 2027 G is the same all year."""
    yr = year_rules(RULES, UT, (), date(2027, 1, 1), 2027)
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
    ut = Uforetrygd(degree=100, ifu=500000, full_benefit=330000, granted=granted)
    assert year_rules(RULES, ut, (), date(year, 1, 1), year).free_g == free_g


def test_nav_letters_kroner_for_the_fribelop_are_the_g_of_the_day_they_were_written() -> None:
    """InfobrevLovendringer2026 (spring 2026, G 130 160): "0,4 G (52 064 kroner)", "1G (130 160 kroner)";
    OktBunnfradrag (autumn, G 136 549): "1G, som nå er 136 549 kroner". 2026 by each reading of G: the G of
    1 January, the G from 1 May, and (the default) each month's own G: (4 × 130 160 + 8 × 136 549) / 12."""
    def free(granted: date) -> dict:
        ut = Uforetrygd(degree=100, ifu=500000, full_benefit=330000, granted=granted)
        return year_rules(RULES, ut, (), date(2026, 1, 1), 2026).free_kr
    before_2024, new = free(date(2019, 3, 1)), free(date(2025, 6, 1))  # 1 G all of 2026; 0.4 G all of 2026
    assert kroner(new["january"]) == 52064 and kroner(before_2024["january"]) == 130160
    assert kroner(before_2024["may"]) == 136549
    assert round(before_2024["month_weighted"], 2) == Decimal("134419.33")
    # two years reached in March 2026: 0.4 G for January–February, 1 G from March, each month at its own G
    weighted = free(date(2024, 3, 1))
    assert round(weighted["month_weighted"], 2) == Decimal("121403.33")  # (2 × 52 064 + 2 × 130 160 + 8 × 136 549) / 12
    assert (kroner(weighted["january"]), round(weighted["may"], 1)) == (117144, Decimal("122894.1"))  # 0.9 G


def test_nav_letters_minstesats_figures() -> None:
    """2.379 G = 309 651 kr and 2.329 G = 303 143 kr at G 130 160 (InfobrevLovendringer2026); 2.379 G = 324 850 kr
    at G 136 549 (ReverseringLavereMinstesats) — the same full benefit as on the vedtak, followed by G."""
    g25, g26 = RULES.value("grunnbelop.g", date(2025, 5, 1)), RULES.value("grunnbelop.g", date(2026, 5, 1))
    assert (kroner(Decimal("2.379") * g25), kroner(Decimal("2.329") * g25)) == (309651, 303143)
    assert kroner(Decimal("2.379") * g26) == 324850
    converted = Uforetrygd(degree=100, ifu=477922, full_benefit=309651, granted=date(2015, 1, 1))
    assert kroner(sum(year_rules(RULES, converted, (), date(2026, 1, 1), 2027, partner=True).unreduced)) == 324850


def test_vta_has_one_g() -> None:
    ut = Uforetrygd(degree=100, ifu=500000, full_benefit=330000, granted=date(2025, 6, 1), vta=True)
    assert year_rules(RULES, ut, (), date(2025, 1, 1), 2025).free_g == Decimal(1)


def test_report_on_job_start_spreads_the_reduction_over_the_rest_of_the_year() -> None:
    """2027 (G 136 549 all year), IFU 500 000, full 330 000 (66 %), 1 G bunnfradrag, salary 30 000 from March.

    Year's income 300 000 → reduction (300 000 − 136 549) × 0.66 = 107 877.66; entitled 222 122.34.
    Jan–Mar: 27 500 (reported in March, used from April). Apr–Dec: (222 122.34 − 82 500) / 9 = 15 513.59 → 15 514.
    """
    res = simulate(RULES, parse_case(case(salary(30000))))
    ut = [m.benefits["uforetrygd"] for m in res.months[:12]]
    assert ut == [27500] * 3 + [15514] * 9
    assert not [s for s in res.settlements if s.scheme == "uforetrygd" and s.year == 2027]


def test_never_reporting_is_claimed_at_the_etteroppgjor() -> None:
    res = simulate(RULES, parse_case(case(salary(30000), reports="never")))
    assert [m.benefits["uforetrygd"] for m in res.months[:12]] == [27500] * 12
    claim = [s for s in res.settlements if s.scheme == "uforetrygd" and s.year == 2027]
    assert [(s.amount, s.month) for s in claim] == [(-107878, date(2028, 10, 1))]
    assert next(m for m in res.months if m.month == date(2028, 10, 1)).settlements <= -107878
    assert any(w.code == "uforetrygd_etteroppgjor" for w in res.warnings)


def test_income_above_the_ceiling_stops_payment_and_warns() -> None:
    """45 000 × 10 = 450 000 > 0.8 × 500 000 = 400 000: nothing for 2027; Jan–Mar already paid are claimed back."""
    res = simulate(RULES, parse_case(case(salary(45000, hours=37.5))))
    assert [m.benefits.get("uforetrygd", 0) for m in res.months[:12]] == [27500] * 3 + [0] * 9
    assert [s.amount for s in res.settlements if s.scheme == "uforetrygd" and s.year == 2027] == [-82500]
    assert any(w.code == "uforetrygd_income_ceiling" for w in res.warnings)


def test_barnetillegg_one_child_no_income() -> None:
    """0.4 G a year per child: 0.4 × 136 549 / 12 = 4 551.63 → 4 552 a month (folketrygdloven § 12-15)."""
    res = simulate(RULES, parse_case(case([], children=[{"birth_date": "2018-05-05"}], months=12)))
    assert [m.benefits["barnetillegg_uforetrygd"] for m in res.months] == [4552] * 12


def test_barnetillegg_is_reduced_by_half_the_income_over_the_fribelop() -> None:
    """Income 300 000 + uføretrygd entitled 222 122.34 (330 000 − (300 000 − 136 549) × 0.66) = 522 122.34;
    fribeløp 3.1 G = 423 301.90; reduction 0.5 × 98 820.44 = 49 410.22; barnetillegg 54 619.60 − 49 410.22 = 5 209.38."""
    yr = year_rules(RULES, UT, (date(2018, 5, 5),), date(2027, 1, 1), 2027)
    ut, bt = entitlement(RULES, yr, Decimal(300000))
    assert round(ut, 2) == Decimal("222122.34")
    assert round(bt, 2) == Decimal("5209.38")


def test_degree_scales_the_benefit() -> None:
    res = simulate(RULES, parse_case(case([], degree=50, months=12)))
    assert [m.benefits["uforetrygd"] for m in res.months] == [13750] * 12


def test_ieu_must_be_below_ifu() -> None:
    with pytest.raises(CaseError) as exc:
        parse_case(case([], ieu=600000))
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
@given(st.integers(0, 60000), st.sampled_from(["on_job_start", "never", "2026-05", "2026-08"]), st.booleans(),
       st.booleans(), st.sampled_from(["2019-03-01", "2024-05-01"]))
def test_2026_paid_late_plus_etteroppgjor_equals_the_entitlement(salary: int, reports: str, partner: bool, vta: bool,
                                                                 granted: str) -> None:
    """Whatever NAV paid by the old rules in 2026 (applied_late), the back pay, the raised months and the
    etteroppgjør add up to the year's entitlement by the new rules on the actual income."""
    work = [{"from": "2026-02", "hours_per_week": 20, "monthly_salary": salary, "payday": "same_month", "holiday_pay": False}]
    body = {"ifu": 429528, "full_benefit": 303143, "vta": vta, "granted": granted}
    res = simulate(RULES, parse_case(case(work, reports=reports, start="2026-01", months=12, partner=partner, **body)))
    ut = Uforetrygd(degree=100, ifu=429528, full_benefit=303143, granted=date.fromisoformat(granted), vta=vta)
    owed = entitlement(RULES, year_rules(RULES, ut, (), date(2026, 1, 1), 2026, partner=partner), Decimal(salary * 11))[0]
    paid = sum(p.amount for p in res.payments if p.scheme == "uforetrygd" and p.paid_on.year == 2026)
    settled = sum(s.amount for s in res.settlements if s.scheme == "uforetrygd" and s.year == 2026)
    assert abs(paid + settled - owed) <= 13  # each month and the back pay are rounded to whole kroner


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
    assert w.month == date(2027, 3, 1) and "mars 2027" in w.message and "15.03.2027" in w.message
    full = simulate(RULES, parse_case(case([])))
    assert {m.month: m.benefits["uforetrygd"] for m in full.months}[date(2027, 4, 1)] == months[date(2027, 4, 1)]


# ------------------------------------------------------------------------------------------ 2026 law changes

# Married on the ordinary minstesats with the old minimum IFU, at the start (G 130 160): IFU 3.3 G = 429 528 kr,
# full benefit 2.329 G = 303 143 kr (InfobrevLovendringer2026's figure).
MARRIED = Uforetrygd(degree=100, ifu=429528, full_benefit=303143, granted=date(2019, 3, 1))


def test_minimum_ifu_is_3_5_g_for_a_married_person_from_2026() -> None:
    """§ 12-9 andre ledd from 1 January 2026: IFU at least 3.5 G for everyone (3.3 G for married and cohabiting
    people before). DERIVED: reduksjonsprosent 2.329 / 3.3 = 70.58 % in 2025, 2.329 / 3.5 = 66.54 % in 2026;
    inntektstak 0.8 × 3.5 × 134 419.33 = 376 374.13. A single person had 3.5 G before 2026 too."""
    start = date(2026, 1, 1)
    y2025, y2026 = (year_rules(RULES, MARRIED, (), start, y, partner=True) for y in (2025, 2026))
    assert (y2025.share, y2026.share) == (Decimal("0.7058"), Decimal("0.6654"))
    assert round(y2025.ifu / y2025.g, 4) == Decimal("3.3") and round(y2026.ifu / y2026.g, 4) == Decimal("3.5")
    assert round(y2026.ceiling, 2) == Decimal("376374.13")
    assert year_rules(RULES, MARRIED, (), start, 2025, partner=False).share == Decimal("0.6654")
    res = simulate(RULES, parse_case(case([], start="2026-01", months=12, partner=True, ifu=429528, full_benefit=303143)))
    (w,) = [w for w in res.warnings if w.code == "uforetrygd_min_ifu"]
    assert "470 468 kr" in w.message and "376 374 kr" in w.message  # 3.5 × 134 419.33; the inntektstak
    assert "470 468 kr" in w.message_nn and "470,468 kr" in w.message_en  # each language's grouping
    above = simulate(RULES, parse_case(case([], start="2026-01", months=12)))  # IFU 500 000 = 3.84 G
    assert not [w for w in above.warnings if w.code == "uforetrygd_min_ifu"]


def test_married_ifu_and_cap_paid_from_july_2026_with_back_pay_in_july() -> None:
    """OktMinsteIFUReduksjonsprosent: "Fram til 1. juli i år har vi brukt din gamle IFU … vil du få etterbetalt i juli".
    DERIVED, VTA (1 G fribeløp all along, so only IFU changes), salary 25 000 from January 2026, reported in January:
    income 300 000, bunnfradrag 134 419.33, unreduced 313 063.00. Old IFU 3.3 G: share 70.58 %, entitled
    313 063.00 − 116 866.83 = 196 196.16; new 3.5 G: share 66.54 %, entitled 202 885.62. Jan 25 262 (nothing
    reported yet), Feb–Apr 14 638, May–Jun 15 878 (G 136 549); July: the months paid again at 66.54 % (15 246 and
    16 486) give 3 040.66 → 3 041 back pay, and 16 486 a month from July; nothing is left to the etteroppgjør."""
    ut = {"vta": True, "ifu": 429528, "full_benefit": 303143}
    res = simulate(RULES, parse_case(case(salary(25000, "2026-01"), start="2026-01", partner=True, **ut)))
    paid = [(p.paid_on.month, p.amount, p.earned_from.month, p.earned_to.month) for p in res.payments
            if p.scheme == "uforetrygd" and p.paid_on.year == 2026]
    assert paid == [(1, 25262, 1, 1), (2, 14638, 2, 2), (3, 14638, 3, 3), (4, 14638, 4, 4), (5, 15878, 5, 5),
                    (6, 15878, 6, 6), (7, 16486, 7, 7), (7, 3041, 1, 6)] + [(m, 16486, m, m) for m in range(8, 13)]
    assert not [s for s in res.settlements if s.scheme == "uforetrygd" and s.year == 2026]
    back = next(p for p in res.payments if p.scheme == "uforetrygd" and p.amount == 3041).explain()
    assert "januar 2026–juni 2026" in back.text and "etterbetaling" in back.text.lower()


ONE_G_CASE = case(salary(20000, "2026-01", 20), start="2026-01")  # granted 2019, single, IFU 500 000, full 330 000


def test_one_g_for_all_of_2026_when_granted_before_2024() -> None:
    """InfobrevLovendringer2026: "Alle som fikk innvilget uføretrygd før 1. januar 2024, får et bunnfradrag på 1G … i
    hele 2026 … uføretrygden blir redusert etter bunnfradrag på 0,4 G fram til 1. oktober 2026"; OktBunnfradrag: the
    rest of 2026 raised, never above the unreduced amount, the rest in the etteroppgjør. DERIVED: salary 20 000 from
    January 2026 (240 000), reported in January, share 66 %. Feb–Apr 16 326, May–Sep 17 676 (0.4 G = 53 767.73);
    Oct–Dec the unreduced 28 850; the year is owed 340 798.86 − (240 000 − 134 419.33) × 0.66 = 271 115.62, so the
    etteroppgjør in October 2027 pays 19 708."""
    res = simulate(RULES, parse_case(ONE_G_CASE))
    ut = [m.benefits["uforetrygd"] for m in res.months[:12]]
    assert ut == [27500] + [16326] * 3 + [17676] * 5 + [28850] * 3
    assert [(s.amount, s.month) for s in res.settlements if s.scheme == "uforetrygd"] == [(19708, date(2027, 10, 1))]
    full = Decimal(330000) / 130160 * (4 * 130160 + 8 * 136549) / 12
    owed = full - (240000 - Decimal(4 * 130160 + 8 * 136549) / 12) * Decimal("0.66")
    assert round(owed, 2) == Decimal("271115.62")
    assert abs(sum(ut) + 19708 - owed) <= 12
    note = [n for n in res.notes if n.startswith("Uføretrygd 2026")]
    assert note and "oktober 2026" in note[0]


def test_two_years_reached_in_2026_gives_a_month_weighted_fribelop() -> None:
    """OktBunnfradrag: "IEU + 0,4 G * (12−n)/12 + 1 G * n/12". Granted March 2024: 1 G from March 2026 (n = 10),
    each month at its own G: bunnfradrag 121 403.33. DERIVED: the year is owed
    340 798.86 − (240 000 − 121 403.33) × 0.66 = 262 525.06; paid and settled add up to it."""
    res = simulate(RULES, parse_case(case(salary(20000, "2026-01", 20), start="2026-01", granted="2024-03-01")))
    paid = sum(p.amount for p in res.payments if p.scheme == "uforetrygd" and p.paid_on.year == 2026)
    settled = sum(s.amount for s in res.settlements if s.scheme == "uforetrygd" and s.year == 2026)
    g_sum = Decimal(4 * 130160 + 8 * 136549)
    limit = (2 * Decimal("0.4") * 130160 + 2 * 130160 + 8 * 136549) / 12
    owed = Decimal(330000) / 130160 * g_sum / 12 - (240000 - limit) * Decimal("0.66")
    assert round(owed, 2) == Decimal("262525.06")
    assert abs(paid + settled - owed) <= 12 and settled > 0


def test_the_result_says_which_g_the_fribelop_uses_and_what_the_others_give() -> None:
    """The 1 G in kroner: no source settles it (research §3.4). The year's uføretrygd on 240 000 with each G:
    330 000 / 130 160 × 134 419.33 − (240 000 − G) × 0.66 for G 130 160, 134 419.33 and 136 549."""
    res = simulate(RULES, parse_case(ONE_G_CASE))
    (w,) = [w for w in res.warnings if w.code == "uforetrygd_fribelop_g" and w.month == date(2026, 1, 1)]
    assert "bruker G vektet per måned" in w.message and "G vekta per månad" in w.message_nn
    assert "uses the G weighted by month" in w.message_en
    assert all(f"{kr} kr" in w.message for kr in ("130 160", "268 304", "134 419", "271 116", "136 549", "272 521"))
    # (134 419.33 − 130 160) × 0.66 = 2 811.16; (136 549 − 134 419.33) × 0.66 = 1 405.58
    assert "2 811 kr lavere eller 1 406 kr høyere" in w.action
    assert not [w for w in res.warnings if w.code == "uforetrygd_fribelop_g" and w.month.year == 2027]  # one G all year
    low = simulate(RULES, parse_case(case(salary(5000, "2026-01", 5), start="2026-01")))  # 60 000: under every 1 G
    assert not [w for w in low.warnings if w.code == "uforetrygd_fribelop_g"]


def test_an_overlay_switches_the_g_of_the_fribelop() -> None:
    """tests/data/uforetrygd-g-may.yaml: the 1 G at the G from 1 May (136 549, "som nå er 136 549"). The etteroppgjør
    for 2026 grows by about (136 549 − 134 419.33) × 0.66 = 1 405.58 (Feb–Sep were paid by the higher 0.4 G too)."""
    ut = Uforetrygd(degree=100, ifu=500000, full_benefit=330000, granted=date(2019, 3, 1))
    yr = year_rules(MAY, ut, (), date(2026, 1, 1), 2026)
    assert (yr.reading, yr.limit) == ("may", Decimal(136549))
    assert round(year_rules(RULES, ut, (), date(2026, 1, 1), 2026).limit, 2) == Decimal("134419.33")
    res = simulate(MAY, parse_case(ONE_G_CASE))
    ut_2026 = [m.benefits["uforetrygd"] for m in res.months[:12]]
    assert ut_2026 == [27500] + [16377] * 3 + [17727] * 5 + [28850] * 3
    assert [s.amount for s in res.settlements if s.scheme == "uforetrygd"] == [20705]
    (w,) = [w for w in res.warnings if w.code == "uforetrygd_fribelop_g"]
    assert "bruker G-en fra 1. mai" in w.message and "the G from 1 May" in w.message_en
    assert any("fribeløpet regnes med G-en fra 1. mai" in n for n in res.notes)


def test_a_reading_or_late_change_the_package_does_not_know_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "june.yaml"
    bad.write_text("parameters:\n  uforetrygd.free_amount_g_reading:\n    values:\n      2015-01-01: june\n")
    # refused at load, naming the overlay and the key (issue 21 item 6: the engine used to blame uforetrygd.yaml)
    with pytest.raises(RulesError, match="^june.yaml: parameters.uforetrygd.free_amount_g_reading.values.2015-01-01: "
                       "'june' is not one of january, may, month_weighted"):
        load_rules(overlays=[bad])
    late = tmp_path / "late.yaml"
    late.write_text("parameters:\n  uforetrygd.applied_late:\n    values:\n      2026-01-01:\n"
                    "        min_ifu_g: {paid_from_month: 13, earlier_months: at_once}\n"
                    "        reduction_share_cap: {paid_from_month: 7, earlier_months: at_once}\n"
                    "        free_amount_after_two_years_g: {paid_from_month: 10, earlier_months: later}\n")
    with pytest.raises(RulesError, match="^late.yaml: parameters.uforetrygd.applied_late.values.2026-01-01.min_ifu_g."
                       "paid_from_month: 13 is outside a month 1–12"):
        load_rules(overlays=[late])


def test_without_the_late_application_2026_is_paid_by_the_new_rules_from_january(tmp_path: Path) -> None:
    """An overlay with every change paid from January (the model before issue 13) spreads the 1 G from the report."""
    now = tmp_path / "now.yaml"
    now.write_text("parameters:\n  uforetrygd.applied_late:\n    values:\n      2026-01-01:\n"
                   "        min_ifu_g: {paid_from_month: 1, earlier_months: spread}\n"
                   "        reduction_share_cap: {paid_from_month: 1, earlier_months: spread}\n"
                   "        free_amount_after_two_years_g: {paid_from_month: 1, earlier_months: spread}\n")
    res = simulate(load_rules(overlays=[now]), parse_case(ONE_G_CASE))
    ut = [m.benefits["uforetrygd"] for m in res.months[:12]]
    assert len(set(ut[1:4])) == 1 and ut[1] > 16326 and sum(ut) + sum(
        s.amount for s in res.settlements if s.scheme == "uforetrygd") == pytest.approx(271116, abs=12)
    assert not [n for n in res.notes if n.startswith("Uføretrygd 2026")]
