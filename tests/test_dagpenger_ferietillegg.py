"""Ferietillegg on dagpenger (folketrygdloven § 4-14): benefit_calc.schemes.dagpenger_ferietillegg.

Sources (navikt/dp-behandling @ 54fcd6fc170a70b1822e2926ae21010a447e42ed, 22 August 2026):

* FT = ferietillegg/src/test/resources/features/ferietillegg.feature (rounding examples since a842a411d, 15 June
  2026: "Avrund beregnet ferietilleggbeløp til nærmeste krone")
* KRAV = ferietillegg/src/main/kotlin/no/nav/dagpenger/ferietillegg/KravPåFerietillegg.kt (8 * 5 + 1 days, ≥)
* UT = ferietillegg/src/main/kotlin/no/nav/dagpenger/ferietillegg/RegelverkFerietillegg.kt (dato 1 May next year)
* MED = mediator/src/test/kotlin/no/nav/dagpenger/scenario/FerietilleggTest.kt (opptjeningsår 2018 → dato
  1.mai(2019), 47 500 kr)

Whole cases with hand-worked figures are in tests/schemes/dagpenger.yaml.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from benefit_calc import parse_case, simulate
from benefit_calc.rules.load import load_rules
from benefit_calc.schemes import dagpenger_ferietillegg as ft

RULES = load_rules()


@pytest.mark.parametrize(
    ("days", "paid", "expected"),
    [
        (100, Decimal("500000"), 47500),  # FT row 1 (and MED: 47 500 for 2018)
        (41, Decimal("5442459.5555"), 517034),  # FT row 2: 517 033.658… rounded half up to kroner
        (40, Decimal("10000"), 0),  # FT row 3: eight weeks is not more than eight weeks
        (10, Decimal("0"), 0),  # FT row 4
    ],
    ids=["100-days", "41-days-rounded", "40-days-none", "10-days-none"],
)
def test_amount_reproduces_the_feature_file(days: int, paid: Decimal, expected: int) -> None:
    assert ft.amount(RULES, 2026, days, paid) == expected


def test_the_threshold_and_rate_are_rules() -> None:
    day = date(2026, 12, 31)
    assert RULES.value("dagpenger.ferietillegg_min_days", day) == 41  # KRAV: 8 * 5 + 1
    assert Decimal(str(RULES.value("dagpenger.ferietillegg_rate", day))) == Decimal("0.095")  # FT: 9.5


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2018, date(2019, 5, 2)),  # MED: dato 1 May 2019, a Wednesday and a public holiday → Thursday 2 May
        (2026, date(2027, 5, 3)),  # 1 May 2027 is a Saturday → Monday 3 May
        (2027, date(2028, 5, 2)),  # 1 May 2028 is a Monday and a holiday → Tuesday 2 May
    ],
)
def test_paid_on_the_first_banking_day_from_1_may_the_next_year(year: int, expected: date) -> None:
    assert ft.payday(RULES, year) == expected


def test_days_are_counted_in_the_year_they_fall_in() -> None:
    days = [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)]
    assert ft.days_by_year(days) == {2025: 2, 2026: 2}


def _case(months: int, until: str = "2026-02-26", **benefits: object) -> object:
    return parse_case({"start": "2026-01", "months": months, "client": {"birth_date": "1980-01-01", "benefits": {
        "dagpenger": {"basis": 380000, "normal_hours_per_week": 37.5, "until": until}, **benefits}}})


def test_the_payment_is_taxable_from_nav_and_explained() -> None:
    # 41 stønadsdager in 2026, 44 688 kr paid in 2026 (tests/schemes/dagpenger.yaml): 4 245 kr on 3 May 2027
    result = simulate(RULES, _case(17))
    [(pay, withheld)] = [(p, w) for p, w in zip(result.payments, result.withheld) if p.scheme == "dagpenger_ferietillegg"]
    assert (pay.paid_on, pay.amount, pay.taxable, pay.payer) == (date(2027, 5, 3), 4245, True, "nav")
    assert withheld >= 0  # withheld like any taxable NAV payment (the table or the card's percentage)
    e = pay.explain()
    assert e.rule == "dagpenger_ferietillegg" and e.reference == "Folketrygdloven § 4-14"
    assert {"dagpenger.ferietillegg_rate", "dagpenger.ferietillegg_min_days", "dagpenger.ferietillegg_payment_month",
            "dagpenger.ferietillegg_payment_day"} <= {u.name for u in e.used}
    assert "44 688" in e.text_in("nb") and "4 245" in e.text_in("nb") and "41" in e.text_in("nb")
    assert "44,688" in e.text_in("en")
    row = next(m for m in result.months if m.month == date(2027, 5, 1))
    assert row.benefits["dagpenger_ferietillegg"] == 4245 and row.taxable_income == 4245


def test_after_the_last_month_it_is_a_later_settlement_the_headline_counts() -> None:
    with_it = simulate(RULES, _case(12))
    [s] = [s for s in with_it.settlements if s.scheme == "dagpenger_ferietillegg"]
    assert (s.year, s.amount, s.month, s.in_horizon) == (2026, 4245, date(2027, 5, 1), False)
    assert not [p for p in with_it.payments if p.scheme == "dagpenger_ferietillegg"]
    without = simulate(RULES, _case(12, until="2026-02-25"))  # 40 days: none
    assert not [s for s in without.settlements if s.scheme == "dagpenger_ferietillegg"]
    tax = sum(s.amount for s in with_it.settlements if s.scheme == "skatt" and not s.in_horizon)
    assert with_it.later_settlements() == 4245 + tax
    assert any("4 245" in n for n in with_it.notes)


def test_notes_say_what_is_not_known_and_when_the_days_are_too_few() -> None:
    notes = simulate(RULES, _case(17, until="2026-02-25")).notes
    assert any("2025" in n and "mai 2026" in n for n in notes)  # the year before the start is not known
    assert any("40 stønadsdager" in n and "41" in n for n in notes)
    assert any("40 benefit days" in n.in_("en") for n in notes)


def test_a_sweep_run_counts_it_too() -> None:
    result = simulate(RULES, _case(17), detail=False)
    assert [p.amount for p in result.payments if p.scheme == "dagpenger_ferietillegg"] == [4245]
    assert not result.notes


def test_bostotte_counts_it_as_income_in_the_month_it_is_paid() -> None:
    # bostøtte counts the household's taxable income paid in the month (× 12): May 2027 has 4 245 kr more income
    base = {"start": "2026-01", "months": 17, "household": {"municipality": "0301", "rent_per_month": 12000},
            "client": {"birth_date": "1980-01-01", "benefits": {"bostotte": {}, "dagpenger": {
                "basis": 380000, "normal_hours_per_week": 37.5, "until": "2026-02-26"}}}}
    ferie = simulate(RULES, parse_case(base))
    fewer = simulate(RULES, parse_case({**base, "client": {**base["client"], "benefits": {"bostotte": {}, "dagpenger": {
        "basis": 380000, "normal_hours_per_week": 37.5, "until": "2026-02-25"}}}}))

    def income_read(result: object, month: date) -> str:
        return next(p.explain().text_in("nb") for p in result.payments  # type: ignore[attr-defined]
                    if p.scheme == "bostotte" and p.earned_from == month)

    may = date(2027, 5, 1)
    assert "4 245" in income_read(ferie, may) and "4 245" not in income_read(fewer, may)


def test_a_later_settlement_counts_only_the_dagpenger_paid_in_the_case_s_months() -> None:
    # Jan 2026–May 2027 with dagpenger all along: 2026's ferietillegg is paid in May 2027 (in the months); 2027's
    # would be paid in May 2028 and counts only the dagpenger paid January–May 2027, the ones the headline counts
    result = simulate(RULES, _case(17, until="2030-12-31"))
    dp = [p for p in result.payments if p.scheme == "dagpenger"]
    in_2026 = sum(p.amount for p in dp if p.paid_on.year == 2026)
    shown_2027 = sum(p.amount for p in dp if date(2027, 1, 1) <= p.paid_on < date(2027, 6, 1))
    assert [p.amount for p in result.payments if p.scheme == "dagpenger_ferietillegg"] == [
        int(Decimal(in_2026) * Decimal("0.095") + Decimal("0.5"))]
    [s] = [s for s in result.settlements if s.scheme == "dagpenger_ferietillegg"]
    assert (s.year, s.month, s.amount) == (2027, date(2028, 5, 1), int(Decimal(shown_2027) * Decimal("0.095") + Decimal("0.5")))
    assert shown_2027 < sum(p.amount for p in dp if p.paid_on.year == 2027)  # the rest of 2027 is not counted


def test_dated_abolished_from_2015_and_back_for_2025() -> None:
    # statsbudsjettet 2015/2016: abolished for dagpenger from 1 January 2015; dp-behandling computes it again from
    # April 2026 for the year before (2025; the date of the change is UNVERIFIED, see rules/no/dagpenger.yaml)
    assert not ft.earned_in(RULES, 2024) and ft.earned_in(RULES, 2025) and ft.earned_in(RULES, 2026)
    year_2024 = simulate(RULES, parse_case({"start": "2024-01", "months": 17, "client": {"birth_date": "1980-01-01",
        "benefits": {"dagpenger": {"basis": 380000, "normal_hours_per_week": 37.5}}}}))
    assert not [p for p in year_2024.payments if p.scheme == "dagpenger_ferietillegg"]
    # 2025 (Jan–May in the case's months) earns one, paid in May 2026 after the case: a later settlement
    assert [s.year for s in year_2024.settlements if s.scheme == "dagpenger_ferietillegg"] == [2025]
    assert not [n for n in year_2024.notes if "ferietillegget for 2023" in n or "Dagpenger 2024" in n]
    year_2025 = simulate(RULES, parse_case({"start": "2025-01", "months": 17, "client": {"birth_date": "1980-01-01",
        "benefits": {"dagpenger": {"basis": 380000, "normal_hours_per_week": 37.5}}}}))
    assert [p.paid_on for p in year_2025.payments if p.scheme == "dagpenger_ferietillegg"] == [date(2026, 5, 4)]
    assert not [n for n in year_2025.notes if "ferietillegget for 2024" in n]  # 2024 earned none: nothing unknown


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("months", [17, 12], ids=["paid-in-the-months", "later-settlement"])
def test_what_the_client_reads_of_it_is_in_the_client_s_words(months: int, lang: str) -> None:
    from tests.test_client_words import problems, texts  # the same checks as for the examples

    case = _case(months)
    result = simulate(RULES, case)
    bad = {where: found for where, found in texts(case, result, lang) if problems(found, lang)}
    assert not bad
