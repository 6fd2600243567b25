"""Bostøtte (forskrift om bustøtte §§ 1, 3, 4, 7, 13), January 2023 to June 2026.

Published checks (Husbanken):
- 2026: husbanken.no gives 28 241 kr a month before tax as the 2026 income limit for a one-person renter (read
  30.08.2026 via a third party; the municipality group that matches is Oslo) — a whole-case test in
  tests/schemes/bostotte.yaml.
- 2021–2024, the stepwise progressive egenandel (§ 4 until termin June 2024): årsrapport 2022 vedlegg 1 tabell 3
  (2G → 1 873 and 1 781 kr a month), årsrapport 2023 vedlegg 1 tabell 8 (1 781 and 1 729 kr), tabell 2 (income
  limits December 2023 with and without the temporary rate) and tabell 5 with its text (child weight 0.15 from
  February 2023). 1 781 and 1 729 are also whole-case tests in tests/schemes/bostotte.yaml.
The other figures are worked by hand from the rule (weighted income × egenandel brackets, 73.7 % of the capped
cost) and serve as regression tests.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefit_calc import parse_case, simulate
from benefit_calc.schemes.bostotte import amount_from, egenandel, month_rules, monthly_amount, three_payments_warning
from benefit_calc.core.money import fmt
from benefit_calc.rules.load import load_rules

from .strategies import sosialhjelp_cases

RULES = load_rules()
AUG = date(2026, 8, 1)


@pytest.mark.parametrize(("income", "adults", "kids", "rent", "muni", "expected"), [
    # 240 000 a year: egenandel 26 576 + 16.44 % × 102 538 = 43 433.25; cap Oslo 92 234 + 27 982 = 120 216;
    # 0.737 × (120 216 − 43 433.25) / 12 = 4 715.74
    (20000, 1, 0, 12000, "0301", 4716),
    (20000, 1, 0, 12000, "1860", 2997),  # no add-on: 0.737 × (92 234 − 43 433.25) / 12
    (15000, 1, 0, 9000, "1860", 3603),
    (25000, 1, 2, 14000, "4601", 6335),  # weight 1 + 2 × 0.15 = 1.30
    (30000, 2, 2, 16000, "0301", 7167),  # weight 1 + 0.13 + 0.30 = 1.43
    (27000, 1, 0, 12000, "0301", 795),  # above 245 278 the egenandel rises by 80 % of each krone
])
def test_month_amounts(income: int, adults: int, kids: int, rent: int, muni: str, expected: int) -> None:
    assert monthly_amount(RULES, AUG, D(income), adults, kids, D(rent * 12), muni, False) == expected


def test_rent_below_the_cap_and_heating_addon() -> None:
    """Rent 6 000 a month (72 000) + heating add-on 7 356 = 79 356, below the cap: 0.737 × (79 356 − 43 433.25) / 12
    = 2 206.25; without the add-on 0.737 × (72 000 − 43 433.25) / 12 = 1 754.47."""
    assert monthly_amount(RULES, AUG, D(20000), 1, 0, D(72000), "1860", True) == 2206
    assert monthly_amount(RULES, AUG, D(20000), 1, 0, D(72000), "1860", False) == 1754


def _case(work: list, months: int = 6) -> dict:
    return {"start": "2026-01", "months": months, "meldeperiode_start": "2026-01-05",
            "household": {"municipality": "0301", "rent_per_month": 12000},
            "client": {"birth_date": "1990-01-01", "benefits": {"aap": {"basis_g": 2}, "bostotte": {}}}, "work": work}


def test_paid_on_the_20th_of_the_next_month_from_income_paid_in_the_month() -> None:
    res = simulate(RULES, parse_case(_case([])))
    pays = [p for p in res.payments if p.scheme == "bostotte"]
    # the 20th of the next month, or the Friday before when it is a weekend or holiday (Husbanken): 2026-01-20 Tue
    # (for December 2025), 02-20 Fri, 03-20 Fri, 04-20 Mon, 05-20 Wed, 06-20 Sat → 19, 07-20 Mon
    assert [p.paid_on for p in pays][:7] == [date(2026, 1, 20), date(2026, 2, 20), date(2026, 3, 20), date(2026, 4, 20),
                                             date(2026, 5, 20), date(2026, 6, 19), date(2026, 7, 20)]
    assert all(p.paid_on.month == (p.earned_from.month % 12) + 1 for p in pays)
    per_month: dict = {}
    for q in res.payments:
        if q.scheme == "aap":
            per_month[q.paid_on.replace(day=1)] = per_month.get(q.paid_on.replace(day=1), 0) + 1
    threes = {m for m, n in per_month.items() if n >= 3}
    for p in pays:
        if p.earned_from in threes:
            continue  # two thirds of AAP count there (next test)
        income = sum(q.amount for q in res.payments if q.taxable and q.paid_on.month == p.earned_from.month
                     and q.paid_on.year == p.earned_from.year)
        assert p.amount == monthly_amount(RULES, p.earned_from, D(income), 1, 0, D(144000), "0301", True)


def test_three_payment_month_counts_two_thirds_from_2025() -> None:
    """FOR-2024-12-19-3386: in a month with three AAP payments only two thirds of them count."""
    res = simulate(RULES, parse_case(_case([], months=12)))
    threes = [m.month for m in res.months if m.aap_payments == 3]
    assert threes
    m = threes[0]
    aap = sum(p.amount for p in res.payments if p.scheme == "aap" and p.paid_on.month == m.month)
    pay = next(p for p in res.payments if p.scheme == "bostotte" and p.earned_from == m)
    assert pay.amount == monthly_amount(RULES, m, D(aap) * 2 / 3, 1, 0, D(144000), "0301", True)
    assert any(w.code == "bostotte_three_payments" for w in res.warnings)


def test_bostotte_is_tax_free() -> None:
    # (More hours can raise a month's bostøtte: AAP falls in the month worked, hourly wages arrive the month after.)
    res = simulate(RULES, parse_case(_case([{"from": "2026-02", "hours_per_week": 5, "hourly_wage": 200}])))
    pays = [(p, w) for p, w in zip(res.payments, res.withheld) if p.scheme == "bostotte"]
    assert pays and all(w == 0 and not p.taxable for p, w in pays)


def test_three_payment_warning_names_both_amounts_and_does_not_say_lower_when_bostotte_rises() -> None:
    """Users read «blir derfor lavere» where bostøtte rose. Wages paid in February only (15 hours, paid the same
    month): February's bostøtte is 0, and March, with three AAP payments (two thirds counted) and no wages, pays
    more. The warning gives both computed amounts, says higher in every language and does not advise saving."""
    work = [{"from": "2026-02", "hours_per_week": 15, "hourly_wage": 300, "payday": "same_month"},
            {"from": "2026-03", "hours_per_week": 0, "hourly_wage": 300}]
    res = simulate(RULES, parse_case(_case(work, months=12)))
    amount = {p.earned_from: p.amount for p in res.payments if p.scheme == "bostotte"}
    march, february = amount[date(2026, 3, 1)], amount.get(date(2026, 2, 1), 0)
    assert march > february
    (w,) = [w for w in res.warnings if w.code == "bostotte_three_payments" and w.month == date(2026, 4, 1)]
    assert f"Bostøtten for mars 2026 blir {fmt(march)} kr (mot {fmt(february)} kr måneden før)" in w.message
    assert "høyere" in w.message and "lavere" not in w.message and "Sett av" not in w.action
    assert "higher" in w.message_en and "lower" not in w.message_en and "fall" not in w.message_en
    assert "høgare" in w.message_nn and "lågare" not in w.message_nn and "Set av" not in w.action_nn


@pytest.mark.parametrize(("amount", "before"), [(1746, 4191), (4191, 1746), (2214, 2214)])
@pytest.mark.parametrize("share", [D(2) / 3, D(1)])
def test_three_payment_warning_says_what_happens_with_the_amounts(amount: int, before: int, share: D) -> None:
    w = three_payments_warning(date(2027, 3, 1), date(2027, 4, 20), share, amount, before)
    assert f"Bostøtten for mars 2027 blir {fmt(amount)} kr" in w.message and f"{fmt(before)} kr" in w.message
    assert ("lavere" in w.message) == ("lower" in w.message_en) == ("lågare" in w.message_nn) == (amount < before)
    assert ("høyere" in w.message) == ("higher" in w.message_en) == ("høgare" in w.message_nn) == (amount > before)
    assert ("Sett av penger" in w.action) == ("Put money aside" in w.action_en) == (amount < before)
    assert ("to tredeler" in w.message) == (share < 1)
    assert w.code == "bostotte_three_payments" and w.month == date(2027, 4, 1)
    unknown = three_payments_warning(date(2027, 3, 1), date(2027, 4, 20), share, amount, None)
    assert f"blir {fmt(amount)} kr." in unknown.message and "måneden før" not in unknown.message
    assert "Sett av" not in unknown.action


def test_a_case_starting_in_the_first_supported_month_runs_and_says_what_is_not_modelled() -> None:
    """Bostøtte is modelled from termin January 2023 (the first date every bostøtte parameter has): a case from
    2023-01 pays bostøtte from February 2023 (for January) and warns that January's payment (for December 2022,
    with its strømstøtte extra) is not computed; January shows none."""
    assert RULES.modelled_from("bostotte") == date(2023, 1, 1)
    res = simulate(RULES, parse_case({**_case([], months=12), "start": "2023-01", "meldeperiode_start": "2023-01-02"}))
    shown = {m.month: m.benefits["bostotte"] for m in res.months}
    assert shown[date(2023, 1, 1)] == 0 and all(shown[date(2023, k, 1)] > 0 for k in range(2, 13))
    first = [p for p in res.payments if p.scheme == "bostotte"][0]
    assert first.earned_from == date(2023, 1, 1) and first.paid_on == date(2023, 2, 20)
    (w,) = [w for w in res.warnings if w.code == "bostotte_not_modelled"]
    assert w.month == date(2023, 1, 1) and "februar 2023" in w.message and "February 2023" in w.message_en


@pytest.mark.parametrize("start", ["2023-02", "2024-06", "2025-01", "2026-01"])
def test_a_case_starting_after_the_modelled_period_has_no_such_warning(start: str) -> None:
    data = {**_case([]), "start": start}
    del data["meldeperiode_start"]  # the first Monday of the start year
    res = simulate(RULES, parse_case(data))
    assert not [w for w in res.warnings if w.code == "bostotte_not_modelled"]
    assert any(p.scheme == "bostotte" for p in res.payments)


# ------------------------------------------------------------------ 2023 – June 2024: the stepwise progressive term
# Husbanken's example household: one person, municipality group 4 (no add-on: Alta 5601), housing cost above the cap.
REST, RENT = "5601", D(200_000)


@pytest.mark.parametrize("month", [date(2023, k, 1) for k in range(1, 6)])
def test_2g_in_2022_gives_1781_kr_from_the_2022_rules(month: date) -> None:
    """Husbanken årsrapport 2022, vedlegg 1 tabell 3 («Etter») = årsrapport 2023, vedlegg 1 tabell 8 («Før»):
    yearly income 2G = 222 954 kr → 1 781 kr a month, the rules of June 2022 (in force to termin May 2023).
    By hand: 22 487 + 16.44 % × (222 954 − 110 866) + 0.12 % × 24 × 222 954 (24 steps:
    (222 954 − 195 221) // 1 205 + 1) = 47 335.4; 0.737 × (76 329 − 47 335.4) / 12 = 1 780.7."""
    assert monthly_amount(RULES, month, D(222954) / 12, 1, 0, RENT, REST, False) == 1781


@pytest.mark.parametrize("month", [date(2023, 6, 1), date(2023, 12, 1), date(2024, 3, 1)])
def test_2g_in_2023_gives_1729_kr_from_the_2023_rules(month: date) -> None:
    """Husbanken årsrapport 2023, vedlegg 1 tabell 8 («Etter»): 2G = 237 240 kr → 1 729 kr a month after the June
    2023 adjustment (egenandel amounts + 6.5 %, tabell 7; cap 78 237), with the temporary 0.12 % (to termin March
    2024). The step must be adjusted too: 1 205 unadjusted gives 1 694."""
    assert monthly_amount(RULES, month, D(19770), 1, 0, RENT, REST, False) == 1729
    mr = month_rules(RULES, month, 1, 0, RENT, REST, False)
    assert mr.progressive is not None
    unadjusted = attrs.evolve(mr, progressive=(mr.progressive[0], mr.progressive[1], D(1205)))
    assert amount_from(unadjusted, D(19770)) == 1694


def test_2g_in_2021_gives_1873_kr_from_the_2021_rules() -> None:
    """Husbanken årsrapport 2022, vedlegg 1 tabell 3 («Før»): 2G 2021 = 212 798 kr → 1 873 kr a month. The June
    2021 rules are not in the rule file (before the supported months); they are the June 2022 values divided by
    that year's adjustments, tabell 2 of the same report: income amounts + 3.9 %, housing amounts + 1.5 %."""
    mr = month_rules(RULES, date(2023, 1, 1), 1, 0, RENT, REST, False)  # the June 2022 values
    assert mr.progressive is not None
    rate, threshold, step = mr.progressive

    def back(x: D, pct: str) -> D:
        return (x / (1 + D(pct))).quantize(D(1))
    june_2021 = attrs.evolve(mr, approved=back(mr.approved, "0.015"), minimum=back(mr.minimum, "0.039"),
                             steps=tuple((back(t, "0.039"), r) for t, r in mr.steps),
                             progressive=(rate, back(threshold, "0.039"), back(step, "0.039")))
    assert amount_from(june_2021, D(212798) / 12) == 1873


def _limit(month: date, adults: int, children: int, municipality: str) -> int:
    """The highest whole-krone monthly income that still pays bostøtte (housing cost above the cap)."""
    low, high = 0, 200_000
    while high - low > 1:
        mid = (low + high) // 2
        if monthly_amount(RULES, month, D(mid), adults, children, RENT, municipality, False) > 0:
            low = mid
        else:
            high = mid
    return low


@pytest.mark.parametrize(("month", "adults", "children", "published"), [
    (date(2023, 12, 1), 1, 0, 24600),  # «Ordinær – enslig», med midlertidig regelverk
    (date(2023, 12, 1), 2, 3, 50200),  # «Ordinær – par med tre barn», med
    # «uten»: the same December 2023 amounts with the ordinary rate 0.27 %, as in force for termin April–May 2024
    (date(2024, 4, 1), 1, 0, 21800),
    (date(2024, 5, 1), 2, 3, 41600),
])
def test_income_limits_december_2023(month: date, adults: int, children: int, published: int) -> None:
    """Husbanken årsrapport 2023, vedlegg 1 tabell 2 «Maksinntektsgrenser … Med og uten midlertidig regelverk.
    Desember 2023» (group 4, rounded to 100 kr): enslig 24 600 / 21 800, par med tre barn 50 200 / 41 600."""
    assert round(_limit(month, adults, children, REST), -2) == published


def test_the_progressive_rate_is_on_the_whole_income_and_rises_each_step() -> None:
    """Forskrift § 4 (2022): «0,27 [0,12] prosent av ei omrekna inntekt på kr 195 221. Satsen aukar deretter med
    0,27 [0,12] prosentpoeng for kvar kr 1 205 den omrekna inntekta aukar.» With the June 2022 values."""
    mr = month_rules(RULES, date(2023, 1, 1), 1, 0, RENT, REST, False)
    assert mr.progressive == (D("0.0012"), D(195220), D(1205))

    def term(y: int) -> D:
        return egenandel(mr, D(y)) - mr.minimum - D("0.1644") * (y - 110866)
    assert term(195220) == 0
    assert term(195221) == D("0.0012") * 195221
    assert term(196425) == D("0.0012") * 196425
    assert term(196426) == D("0.0024") * 196426
    assert term(222954) == D("0.0288") * 222954  # 24 steps


def test_child_weight_rises_from_february_2023() -> None:
    """Husbanken årsrapport 2023, vedlegg 1 tabell 5 (weighted income before/after the change of 1 February 2023):
    single parent with one child, 300 000 → 265 487 (0.13) and 260 870 (0.15); couple with three children,
    500 000 → 328 947 and 316 456."""
    for month, single, couple in ((date(2023, 1, 1), 265487, 328947), (date(2023, 2, 1), 260870, 316456)):
        assert round(300000 / month_rules(RULES, month, 1, 1, RENT, REST, False).weight) == single
        assert round(500000 / month_rules(RULES, month, 2, 3, RENT, REST, False).weight) == couple


def test_alta_family_gets_over_2500_kr_with_the_child_weight_and_about_2100_without() -> None:
    """Husbanken årsrapport 2023, vedlegg 1, text at tabell 5: a household in Alta, two adult wage earners with
    500 000 kr a year (41 667 a month) and three children under 18, «ville uten tiltaket fått utbetalt om lag 2100
    kroner … Med tiltaket blir utbetalingen på over 2500 kroner, en økning på i overkant av 400 kroner»."""
    month = date(2023, 12, 1)
    mr = month_rules(RULES, month, 2, 3, RENT, "5601", False)
    with_15, with_13 = amount_from(mr, D(41667)), amount_from(attrs.evolve(mr, weight=D("1.52")), D(41667))
    assert 2500 < with_15 < 2600 and round(with_13, -2) == 2100 and 400 < with_15 - with_13 < 500


def test_no_one_loses_when_the_linear_egenandel_starts_in_july_2024() -> None:
    """Husbanken årsrapport 2024 p. 45–46: from termin July 2024 the stepwise term became linear «For at ingen
    mottakere skulle tape», the thresholds were adjusted, and the caps rose by 4 000 kr. The July 2024 thresholds
    are an estimate (status projected); this checks the estimate keeps that promise."""
    for adults, children in ((1, 0), (2, 0), (1, 2), (2, 3)):
        for muni in ("0301", "4601", "3205", REST):
            june, july = (month_rules(RULES, date(2024, m, 1), adults, children, RENT, muni, False) for m in (6, 7))
            assert june.progressive is not None and july.progressive is None
            for income in range(0, 70_000, 250):
                assert amount_from(july, D(income)) >= amount_from(june, D(income)), (adults, children, muni, income)


def test_values_estimated_for_july_2024_to_may_2025_are_marked_projected() -> None:
    """No thresholds for termin July 2024 – May 2025 were published: the rule file marks its estimates projected,
    so a result that uses them warns."""
    steps = RULES.param("bostotte.egenandel_steps")
    assert all(steps.at(date(y, m, 1)).status == "projected" for y, m in ((2024, 7), (2025, 5), (2025, 6)))
    assert steps.at(date(2024, 6, 1)).status == steps.at(date(2026, 6, 1)).status == "in_force"
    res = simulate(RULES, parse_case({**_case([]), "start": "2024-09", "meldeperiode_start": "2024-01-01"}))
    assert any(w.code == "projected_rule" and "Egenandel etter inntekt" in w.message for w in res.warnings)


def _shift(month: str, by: int) -> str:
    y, m = (int(p) for p in month.split("-"))
    k = y * 12 + m - 1 + by
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sosialhjelp_cases(), st.integers(-36, 0))
def test_bostotte_never_negative_nor_below_the_minimum_payment(data: dict, by: int) -> None:
    """Any household from 2023 on (the strategy's 2026 cases moved back by up to three years)."""
    data["start"] = _shift(data["start"], by)
    data["work"] = [{**w, "from": _shift(w["from"], by)} for w in data["work"]]
    data.pop("meldeperiode_start", None)
    data["client"]["benefits"]["bostotte"] = {}
    r = simulate(RULES, parse_case(data))
    paid = [p for p in r.payments if p.scheme == "bostotte"]
    assert all(p.amount >= RULES.value("bostotte.minimum_payment", p.earned_from) for p in paid)
    assert all(m.benefits["bostotte"] >= 0 for m in r.months)
