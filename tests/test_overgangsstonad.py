"""Overgangsstønad as NAV's familie-ef-sak computes it: benefit_calc.overgangsstonad.

Primary figures come from NAV's own tests in navikt/familie-ef-sak (``src/test/kotlin/no/nav/familie/ef/sak/
beregning/``; see /work/notes/dp_ef_findings.md, section B2):

* BST = BeregningServiceTest.kt @ 33c15880
* BUT = BeregningUtilsTest.kt @ 0ed89bd4
* SATS-2019 = nav.no 2019 satser page: «Full overgangsstønad utgjør 18 723 kroner per måned og reduseres dersom
  arbeidsinntekten omregnet til årsinntekt er 49 929 kroner eller mer»
* CTRL = navikt/familie-ef-personhendelse ``InntektsendringerService.kt`` @ 04329f9e (harEndretInntekt: three months
  in a row ≥ 10 % above forventet/12; months below ½ G / 12 count as 0 %)
* SAM = familie-ef-sak BeregningUtils.kt @ ba6824c6: ``utbetaling = (full − avkortning) − samordningsfradrag``,
  floored at 0 (SamordningsfradragType.UFØRETRYGD)

The bundled rules have G from 2019-05-01 (99 858), so BST's April 2019 figure (G 96 883 → 18 166) is not used.
Figures computed here with the verified formula and not published by NAV are labelled DERIVED (regression only).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benefit_calc.schemes import overgangsstonad as ef
from benefit_calc import parse_case, simulate
from benefit_calc.rules.load import load_rules

RULES = load_rules()


# ------------------------------------------------------------------------------------------ formula


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        # BST `skal beregne full ytelse når det ikke foreligger inntekt`: G 99 858 → 18 723 (2019-05 … 2020-04)
        (date(2019, 5, 1), 18723),
        (date(2020, 4, 1), 18723),
        # … G 101 351 → 19 003 (2020-05 … 2021-04)
        (date(2020, 5, 1), 19003),
        (date(2021, 4, 1), 19003),
        # … G 106 399 → 19 950 (2021-05 … 2022-04)
        (date(2021, 5, 1), 19950),
        (date(2022, 4, 1), 19950),
    ],
)
def test_full_month_matches_familie_ef_sak(month, expected):
    assert ef.full_month(RULES, month) == expected
    assert ef.amount(RULES, Decimal(0), month) == expected


def test_full_month_2019_matches_nav_no():
    # SATS-2019: full overgangsstønad 18 723 kr a month; no reduction at 49 929 = ½ G (99 858 / 2).
    assert ef.full_month(RULES, date(2019, 6, 1)) == 18723
    assert ef.reduction(RULES, Decimal(49929), date(2019, 6, 1)) == 0
    assert ef.amount(RULES, Decimal(49929), date(2019, 6, 1)) == 18723


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        # DERIVED (dp_ef_findings B2, "2025/2026 figures" and "Earlier years"): HALF_EVEN(G × 2.25 / 12)
        (date(2022, 5, 1), 20902),  # G 111 477
        (date(2023, 5, 1), 22241),  # G 118 620
        (date(2024, 5, 1), 23255),  # G 124 028
        (date(2025, 5, 1), 24405),  # G 130 160
        (date(2026, 4, 1), 24405),
        (date(2026, 5, 1), 25603),  # G 136 549: 136 549 × 2.25 / 12 = 25 602.9375 → 25 603
    ],
)
def test_full_month_later_years_derived(month, expected):
    assert ef.full_month(RULES, month) == expected


@pytest.mark.parametrize(
    ("annual", "monthly", "expected"),
    [
        # BUT `skal runde beregnet inntekt ned til nærmeste 1000`
        ("500501", "0", 500000),
        # BUT `skal runde beregnet inntekt ned til nærmeste 1000 ved både års og månedsinntekt`
        ("500500", "1000", 512000),
        # BUT `skal ikke runde … hvis kun årsinntekt finnes og denne allerede er rundet til nærmeste 100`
        ("500500", "0", 500500),
        # BUT `skal beregne totalinntekt med månedsinntekt 21468 og årsinntekt 60000`
        ("60000", "21468", 317000),
        # BST `…inntekt større enn 5,5G`: 5.51 × 101 351 = 558 444.01 → 558 000
        ("558444.01", "0", 558000),
    ],
)
def test_yearly_income_rounding(annual, monthly, expected):
    assert ef.yearly_income(RULES, Decimal(annual), Decimal(monthly), date(2021, 1, 1)) == expected


def test_total_income_350000_gives_7778():
    """BUT `skal bruke totalinntekten for å beregne beløp`: dagsats 500, månedsinntekt 10 000, inntekt 100 000 →
    total 350 000; G 101 351 (Jan–Apr 2021) → beløp 7 778 = 19 003 − 11 225. (The model has no dagsats input:
    500 × 260 = 130 000 is passed as yearly income.)"""
    month = date(2021, 1, 1)
    income = ef.yearly_income(RULES, Decimal(100000 + 500 * 260), Decimal(10000), month)
    assert income == 350000
    assert ef.reduction(RULES, income, month) == 11225
    assert ef.amount(RULES, income, month) == 7778


def test_income_above_5_5_g_gives_nothing():
    """BST `skal beregne periodebeløp til 0 når det foreligger inntekt større enn 5,5G`: G 101 351, income
    5.51 G → 558 000; avkortning 19 025 > full 19 003 → 0."""
    month = date(2021, 1, 1)
    income = ef.yearly_income(RULES, Decimal("558444.01"), Decimal(0), month)
    assert ef.reduction(RULES, income, month) == 19025
    assert ef.amount(RULES, income, month) == 0


def test_samordning_deducted_after_the_reduction():
    # SAM: 7 778 − 5 000 = 2 778 (the 7 778 is BUT's figure); never below 0.
    month = date(2021, 1, 1)
    assert ef.amount(RULES, Decimal(350000), month, samordning=5000) == 2778
    assert ef.amount(RULES, Decimal(350000), month, samordning=9000) == 0


@pytest.mark.parametrize(
    ("month", "income", "expected"),
    [
        # DERIVED: BST `skal beregne periodebeløp når det foreligger inntekt` (expected computed in the test by the
        # formula): G 99 858, 240 000 → avkortning 7 128 → 11 595
        (date(2019, 6, 1), 240000, 11595),
        # DERIVED (dp_ef_findings B2 table): G 130 160
        (date(2025, 6, 1), 100000, 23096),
        (date(2025, 6, 1), 200000, 19346),
        (date(2025, 6, 1), 300000, 15596),
        (date(2025, 6, 1), 400000, 11846),
        (date(2025, 6, 1), 317000, 14958),
        # DERIVED: G 136 549
        (date(2026, 6, 1), 200000, 20663),
        (date(2026, 6, 1), 400000, 13163),
    ],
)
def test_amount_derived_regressions(month, income, expected):
    assert ef.amount(RULES, Decimal(income), month) == expected


def test_reduction_rounds_half_down():
    """BeregningUtils.kt: avkortning/mnd = HALF_DOWN(HALF_DOWN(over × 0.45, 5 dp) / 12) = HALF_DOWN(over × 3/80).
    DERIVED at G 99 858 (½ G = 49 929): over 13 → 0.4875 → 0; over 14 → 0.525 → 1; over 60 → 2.25 → 2;
    over 100 → 3.75 → 4; and an exact half goes down: over 1 480 → 55.5 → 55 (HALF_UP would give 56)."""
    month = date(2019, 6, 1)
    assert ef.reduction(RULES, Decimal(49929 + 13), month) == 0
    assert ef.reduction(RULES, Decimal(49929 + 14), month) == 1
    assert ef.reduction(RULES, Decimal(49929 + 60), month) == 2
    assert ef.reduction(RULES, Decimal(49929 + 100), month) == 4
    assert ef.reduction(RULES, Decimal(49929 + 1480), month) == 55


# ------------------------------------------------------------------------------------------ through simulate


def ef_case(work: list | None = None, *, start: str = "2026-01", months: int = 12, **benefits: object) -> dict:
    return {"start": start, "months": months,
            "client": {"birth_date": "1990-01-02", "benefits": benefits},
            "household": {"children": [{"birth_date": "2022-03-01"}]}, "work": work or []}


JOB = [{"from": "2026-02", "monthly_salary": 30000, "hours_per_week": 37.5}]  # paid in the same month


def run(data: dict):
    return simulate(RULES, parse_case(data))


def os_by_month(res) -> dict[date, int]:
    return {m.month: m.benefits["overgangsstonad"] for m in res.months}


def test_full_amount_2026_and_from_may_2026():
    """No income: full stønad each month, paid on the 20th. DERIVED: 24 405 (G 130 160) Jan–Apr 2026 and
    round_half_even(136 549 × 2.25 / 12 = 25 602.9375) = 25 603 from May 2026."""
    res = run(ef_case(overgangsstonad={}))
    by = os_by_month(res)
    assert [by[date(2026, m, 1)] for m in (1, 4)] == [24405, 24405]
    assert {by[date(2026, m, 1)] for m in range(5, 13)} == {25603}
    # by the 20th, the banking day before on a weekend (2026: Jun 20 Sat → 19, Sep 20 Sun → 18) and around the 12th in
    # December (12.12.2026 is a Saturday → 11); nav.no Payment dates
    days = {p.paid_on for p in res.payments if p.scheme == "overgangsstonad" and p.paid_on.year == 2026}
    assert days == {date(2026, 1, 20), date(2026, 2, 20), date(2026, 3, 20), date(2026, 4, 20), date(2026, 5, 20),
                    date(2026, 6, 19), date(2026, 7, 20), date(2026, 8, 20), date(2026, 9, 18), date(2026, 10, 20),
                    date(2026, 11, 20), date(2026, 12, 11)}
    assert not res.settlements or all(s.scheme != "overgangsstonad" for s in res.settlements)


def test_never_reporting_income_triggers_nav_income_control():
    """CTRL: with forventet inntekt 0 and 30 000 a month from February (≥ ½ G / 12 and ≥ 10 % above 0), February,
    March and April are flagged; NAV's control looks at the three previous months, so it finds them in May (warning);
    NAV revurderer and claims the overpayment (§ 22-15; FeilutbetalingBeregningUtil: utbetaling(forventet) −
    utbetaling(actual) a month). All amounts DERIVED:

    * paid Jan–Apr: 24 405 and May 25 603 (no income known);
    * with 30 000 × 12 = 360 000: avkortning HALF_DOWN((360 000 − 65 080) × 0.45 / 12 = 11 059.5) = 11 059 a month
      Feb–Apr, and from May (G 136 549) HALF_DOWN((360 000 − 68 274.5) × 0.45 / 12 = 10 939.706) = 10 940;
      overpaid 3 × 11 059 + 10 940 = 44 117, claimed the month after the control (June, an assumption of the model);
    * from June (revised): 25 603 − 10 940 = 14 663.
    """
    res = run(ef_case(JOB, overgangsstonad={"expected_income": 0, "reports_income": "never"}))
    by = os_by_month(res)
    assert [by[date(2026, m, 1)] for m in range(1, 6)] == [24405] * 4 + [25603]
    assert {by[date(2026, m, 1)] for m in range(6, 13)} == {14663}
    control = [w for w in res.warnings if w.code == "overgangsstonad_income_control"]
    assert len(control) == 1 and control[0].month == date(2026, 5, 1)
    assert "44 117 kr" in control[0].message  # fmt: thousands separated by a space, the same in every language
    claims = [s for s in res.settlements if s.scheme == "overgangsstonad"]
    assert [(s.amount, s.month, s.year, s.in_horizon) for s in claims] == [(-44117, date(2026, 6, 1), 2026, True)]
    june = next(m for m in res.months if m.month == date(2026, 6, 1))
    assert june.settlements == -44117
    assert any("NAVs kontroll" in n for n in res.notes)


def test_reporting_on_job_start_avoids_the_control():
    """The client reports the job; NAV uses the new income from the month after (model). DERIVED: February 24 405,
    March–April 13 346 (G 130 160, 360 000), May on 14 003: the 360 000 set in March is G-omregnet in May
    (360 000 × 136 549 / 130 160 = 377 671.5 → 377 600; 25 603 − (377 600 − 68 274.5) × 0.45 / 12 = 25 603 − 11 600;
    familie-ef-sak indeksjusterInntekt; before the G-omregning was modelled this said 14 663). March's 30 000 is not
    ≥ 33 000 (10 % above 30 000), so CTRL never flags three months and there is no claim."""
    res = run(ef_case(JOB, overgangsstonad={"expected_income": 0, "reports_income": "on_job_start"}))
    by = os_by_month(res)
    assert [by[date(2026, m, 1)] for m in range(1, 6)] == [24405, 24405, 13346, 13346, 14003]
    assert not any(w.code == "overgangsstonad_income_control" for w in res.warnings)
    assert not any(s.scheme == "overgangsstonad" for s in res.settlements)


def test_income_below_ten_percent_above_expected_is_not_flagged():
    """CTRL: a month counts only when income ≥ forventet/12 × 1.10. Expected 360 000 (30 000 a month) and a job at
    32 999 a month (9.997 % above) is never flagged; at 33 000 (exactly 10 %) three months are. DERIVED."""
    below = run(ef_case([{"from": "2026-01", "monthly_salary": 32999, "hours_per_week": 37.5}],
                        overgangsstonad={"expected_income": 360000, "reports_income": "never"}))
    assert not any(w.code == "overgangsstonad_income_control" for w in below.warnings)
    at = run(ef_case([{"from": "2026-01", "monthly_salary": 33000, "hours_per_week": 37.5}],
                     overgangsstonad={"expected_income": 360000, "reports_income": "never"}))
    control = [w for w in at.warnings if w.code == "overgangsstonad_income_control"]
    assert len(control) == 1 and control[0].month == date(2026, 4, 1)  # January–March flagged, found in April


def test_samordning_with_uforetrygd():
    """SAM: uføretrygd paid for the month is deducted krone for krone after the income reduction. DERIVED:
    uføretrygd 50 % of a full benefit of 260 320 (= 2 G at the start, 05.2025) = G / 12 a month:
    130 160 / 12 = 10 846.67 → 10 847 (05.2025–04.2026) and 136 549 / 12 = 11 379.08 → 11 379 from 05.2026.
    Overgangsstønad: 24 405 − 10 847 = 13 558, then 25 603 − 11 379 = 14 224."""
    res = run(ef_case(start="2025-05", months=13, overgangsstonad={},
                      uforetrygd={"degree": 50, "ifu": 400000, "full_benefit": 260320, "granted": "2020-01-01",
                                  "barnetillegg": False}))
    rows = {m.month: m.benefits for m in res.months}
    for month in (date(2025, 5, 1), date(2025, 12, 1), date(2026, 4, 1)):
        assert (rows[month]["uforetrygd"], rows[month]["overgangsstonad"]) == (10847, 13558)
    assert (rows[date(2026, 5, 1)]["uforetrygd"], rows[date(2026, 5, 1)]["overgangsstonad"]) == (11379, 14224)
    # without uføretrygd the same months pay the full amounts
    alone = os_by_month(run(ef_case(start="2025-05", months=13, overgangsstonad={})))
    assert (alone[date(2025, 5, 1)], alone[date(2026, 5, 1)]) == (24405, 25603)


def test_expected_income_reduces_every_month():
    """DERIVED (B2 table): expected income 200 000 → 19 346 a month with G 130 160. From May 2026 NAV G-omregner the
    income: 200 000 × 136 549 / 130 160 = 209 817.6 → 209 800, so 25 603 − (209 800 − 68 274.5) × 0.45 / 12 =
    25 603 − 5 307 = 20 296 (20 663 was the 200 000 at the new G, before the G-omregning was modelled)."""
    by = os_by_month(run(ef_case(overgangsstonad={"expected_income": 200000})))
    assert by[date(2026, 1, 1)] == 19346 and by[date(2026, 4, 1)] == 19346
    assert by[date(2026, 5, 1)] == 20296 and by[date(2026, 12, 1)] == 20296


# ------------------------------------------------------------------------------------------ G-omregning
#
# GOM = navikt/familie-ef-sak @ c6029f3d (2026-08-21):
#   src/main/kotlin/no/nav/familie/ef/sak/beregning/BeregningUtils.kt (indeksjusterInntekt: rundNedTilNærmeste1000 of
#   the total income × (new G / old G, MathContext.DECIMAL128), rundNedTilNærmeste100),
#   src/test/resources/no/nav/familie/ef/sak/gomregning-av-løpende.feature (scenario "… g-omregnes med 2023
#   G-beløp": income set under G 111 477, omregnet with G 118 620 from 05.2023),
#   src/test/kotlin/no/nav/familie/ef/sak/beregning/BeregningUtilsTest.kt (IndeksjusterInntekt),
#   src/test/kotlin/no/nav/familie/ef/sak/beregning/OmregningServiceTest.kt (210 000 → 223 400, 16 088).

G2019, G2020, G2021, G2022, G2023, G2024 = (Decimal(g) for g in (99858, 101351, 106399, 111477, 118620, 124028))


@pytest.mark.parametrize(
    ("income", "before", "omregnet", "after"),
    [  # GOM feature table: Inntekt | Beløp | Indeksjustert inntekt | G omregnet beløp
        (10000, 20902, 10600, 22241), (55000, 20902, 58500, 22241), (56000, 20892, 59500, 22234),
        (120000, 18492, 127600, 19680), (180000, 16242, 191500, 17284), (210000, 15117, 223400, 16088),
        (240000, 13992, 255300, 14891), (382000, 8667, 406400, 9225), (600000, 492, 638400, 525),
        (700000, 0, 744800, 0),
    ],
)
def test_g_omregning_matches_familie_ef_sak_feature(income, before, omregnet, after):
    may = date(2023, 5, 1)
    assert ef.amount(RULES, Decimal(income), date(2023, 4, 1)) == before
    assert ef.g_omregning(RULES, Decimal(income), G2022, G2023, may) == omregnet
    assert ef.amount(RULES, Decimal(omregnet), may) == after


def test_g_omregning_across_several_g_changes_at_once():
    """GOM BeregningUtilsTest `skal justere inntekt også ved flere endringer i grunnbeløp`: 200 000 last computed
    with the G of 05.2019 → 202 900 with G 2020 and 213 100 with G 2021 (one factor from the old G each)."""
    assert ef.g_omregning(RULES, Decimal(200000), G2019, G2020, date(2020, 5, 1)) == 202900
    assert ef.g_omregning(RULES, Decimal(200000), G2019, G2021, date(2021, 5, 1)) == 213100
    # `skal justere inntekt for perioder som har fått nytt grunnbeløp`: 200 000 from G 2020 → 209 900 with G 2021
    assert ef.g_omregning(RULES, Decimal(200000), G2020, G2021, date(2021, 5, 1)) == 209900
    # GOM feature, scenario "Enkel behandling med 1 periode g-omregnes": 120 000 (16 403 kr) → 125 900, 17 224 kr
    assert ef.amount(RULES, Decimal(120000), date(2021, 4, 1)) == 16403
    assert ef.g_omregning(RULES, Decimal(120000), G2020, G2021, date(2021, 5, 1)) == 125900
    assert ef.amount(RULES, Decimal(125900), date(2021, 5, 1)) == 17224


def test_g_omregning_rounds_the_income_down_to_1000_first():
    """GOM: the total income is rounded down to 1 000 before the factor (README «*1»): 210 999 omregnes as 210 000."""
    assert ef.g_omregning(RULES, Decimal(210999), G2022, G2023, date(2023, 5, 1)) == 223400
    assert ef.g_omregning(RULES, Decimal(0), G2022, G2023, date(2023, 5, 1)) == 0


def test_engine_g_omregner_the_expected_income_from_may():
    """GOM OmregningServiceTest / feature: a vedtak from January 2023 with 210 000 kr pays 15 117 until April and
    16 088 from May 2023 (223 400 kr). Before the G-omregning was modelled the engine paid 16 590 from May (the new
    G with the old 210 000). The note says it in every language."""
    res = run(ef_case(start="2023-01", overgangsstonad={"expected_income": 210000}))
    by = os_by_month(res)
    assert by[date(2023, 4, 1)] == 15117
    assert by[date(2023, 5, 1)] == 16088 and by[date(2023, 12, 1)] == 16088
    assert any("fra mai 2023 regner NAV med 223 400 kr" in n and "G-omregning av 210 000 kr" in n for n in res.notes)
    d = res.to_dict()
    assert any("frå mai 2023 reknar NAV med 223 400 kr" in n for n in d["notes_nn"])
    assert any("from May 2023 NAV counts 223,400 kr" in n for n in d["notes_en"])


def test_engine_600000_pays_525_from_may_2023():
    """GOM feature: 600 000 kr → 492 kr until April 2023, 638 400 kr and 525 kr from May (1 965 without omregning)."""
    by = os_by_month(run(ef_case(start="2023-01", overgangsstonad={"expected_income": 600000})))
    assert (by[date(2023, 4, 1)], by[date(2023, 5, 1)]) == (492, 525)


def test_expected_income_from_before_the_case_is_omregnet_before_and_during():
    """Income set in June 2022 (G 111 477): omregnet in May 2023 before the case (223 400 → 16 088 in January 2024,
    GOM), then again in May 2024, year by year: 223 000 × 124 028 / 118 620 = 233 166.9 → 233 100. DERIVED for May
    2024: full 124 028 × 2.25 / 12 = 23 255.25 → 23 255; (233 100 − 62 014) × 0.45 / 12 = 6 415.7 → 6 416; 16 839."""
    res = run(ef_case(start="2024-01", overgangsstonad={"expected_income": 210000, "expected_income_from": "2022-06-01"}))
    by = os_by_month(res)
    assert by[date(2024, 1, 1)] == 16088 and by[date(2024, 5, 1)] == 16839
    # a note for each omregning that changes the income of the case's months, the one before the case too
    notes = [n for n in res.notes if "G-omregning" in n]
    assert len(notes) == 2
    assert "fra mai 2023 regner NAV med 223 400 kr" in notes[0] and "fra mai 2024 regner NAV med 233 100 kr" in notes[1]


def test_income_set_on_the_day_g_changes_is_not_omregnet_that_day():
    """GOM: only a vedtak computed with the G before the new one is omregnet (grunnbelopsdato < the new G's date)."""
    set_in_may = os_by_month(run(ef_case(start="2023-01", overgangsstonad={"expected_income": 210000,
                                                                            "expected_income_from": "2023-05-01"})))
    assert set_in_may[date(2023, 5, 1)] == 16590  # 210 000 at G 118 620: set under the new G
    set_in_april = os_by_month(run(ef_case(start="2023-01", overgangsstonad={"expected_income": 210000,
                                                                              "expected_income_from": "2023-04-30"})))
    assert set_in_april[date(2023, 5, 1)] == 16088


def test_no_note_when_there_is_no_income_to_omregne():
    """An expected income of 0 stays 0 (GOM feature: nothing to index), so there is nothing to say."""
    res = run(ef_case(overgangsstonad={}))
    assert not any("G-omregning" in n for n in res.notes)


def test_case_starting_in_may_takes_the_income_as_set_under_that_g():
    """Default: the income is as of the case's start month, so a case starting in May 2023 is not omregnet then."""
    by = os_by_month(run(ef_case(start="2023-05", overgangsstonad={"expected_income": 210000})))
    assert by[date(2023, 5, 1)] == 16590


@given(st.integers(0, 10_000_000), st.sampled_from([(G2019, G2020), (G2021, G2022), (G2022, G2023), (G2023, G2024)]))
def test_g_omregning_is_below_the_exact_figure_by_less_than_the_steps(income, gs):
    """Property: the result is a multiple of 100, at most floor1000(income) × factor and above it less 100."""
    old, new = gs
    out = ef.g_omregning(RULES, Decimal(income), old, new, date(2024, 5, 1))
    exact = Decimal(income // 1000 * 1000) * new / old
    assert out % 100 == 0 and exact - 100 < out <= exact


def test_from_july_2026_a_new_stonad_needs_a_child_under_14_months():
    """The 1 July 2026 change (schemes/overgangsstonad_2026.py, tests/test_overgangsstonad_2026.py): a stønad first
    granted in September 2026 for a child of four is not paid, with a warning; the same case from January 2026
    keeps the old rules and is paid every month."""
    new = run(ef_case(start="2026-09", months=6, overgangsstonad={"first_granted": "2026-09-01"}))
    assert set(os_by_month(new).values()) == {0}
    assert [w.month for w in new.warnings if w.code == "overgangsstonad_2026_ends"] == [date(2026, 9, 1)]
    old = run(ef_case(overgangsstonad={}))
    assert 0 not in os_by_month(old).values()
    assert [w.month for w in old.warnings if w.code == "overgangsstonad_2026_old_rules"] == [date(2026, 7, 1)]
