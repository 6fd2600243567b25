"""Income tax: Skatteetaten's withholding tables and the year's assessment (benefit_calc.tax).

Sources:
* API = langtind/nortax-ts src/__tests__/tax-integration.test.ts: integration tests against Skatteetaten's live
  trekktabell API (https://trekktabell.formueinntekt.skatt.skatteetaten.no/api/trekktabell/beregn).
* TRT = Skatteetaten/trekktabell src/test/java/no/skatteetaten/fastsetting/formueinntekt/forskudd/
        trekkrutine{2023,2024,2025,2026}/TrekkrutineTest.java
* Rates: regjeringen.no "Skattesatser 2026" (id3121978) and Stortingets skattevedtak for 2024/2025, as in
  rules/no/skatt.yaml.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings

from benefit_calc.errors import CaseError
from benefit_calc.rules import load_rules
from benefit_calc.tax import assess_income, jround, table_deduction, table_withholding

RULES = load_rules()

from .strategies import grunnlag_2026, tax_years, yearly_income


# ------------------------------------------------------------------------------------------ jround


@pytest.mark.parametrize(("x", "expected"), [(2.5, 3), (-2.5, -2), (2.4, 2), (-2.6, -3), (-0.5, 0), (0.5, 1)])
def test_jround_is_java_math_round(x, expected):
    # Java Math.round: ties go towards positive infinity (Python's round(2.5) would give 2).
    assert jround(x) == expected


@pytest.mark.parametrize(("x", "expected"), [(0.49999999999999994, 0), (4503599627370497.0, 4503599627370497)])
def test_jround_where_x_plus_half_is_inexact(x, expected):
    # Java 7+ Math.round does not compute floor(x + 0.5) in doubles (JDK-6430675, JDK-8010430); checked with
    # OpenJDK 17 jshell: Math.round(0.49999999999999994) == 0, Math.round(4503599627370497.0) == 4503599627370497.
    assert jround(x) == expected


# ------------------------------------------------------------------------------------------ table trekk


@pytest.mark.parametrize(
    ("year", "table", "period", "base", "expected"),
    [
        # API describe "2024 Tax Table 7100 (Standard)" / "…monthly deduction for 600000 NOK annual wage"
        (2024, 7100, "monthly", 50_000, 14_774),
        # same describe / "…bi-weekly deduction…"
        (2024, 7100, "14-day", 23_077, 6_735),
        # API describe "Whole Table Tests 2024"
        (2024, 7100, "monthly", 30_000, 6_971),
        (2024, 7100, "monthly", 40_000, 10_872),
        # API describe "Tax Table 8150 Tests" / "…table 8150 in 2025"
        (2025, 8150, "monthly", 50_000, 11_333),
        # same / "…specific 2025 scenario" (input 99687.588, which Math.round gives 99 688)
        (2025, 8150, "monthly", 99_688, 36_102),
    ],
)
def test_table_withholding_matches_skatteetaten_api(year, table, period, base, expected):
    # Not covered: the API's weekly 7100 case (11 538 → 3 365), the 7150 special table (37 500 → 8 533) and the
    # 7105P pension table (25 000 → 3 282) — table_withholding supports neither weekly pay, special tables nor
    # pension tables.
    assert table_withholding(RULES, table, base, period, date(year, 3, 15)) == expected


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_zero_grunnlag_gives_zero(year):
    # TRT skal_returnere_0_ved_trekkgrunnlag_lik_0 (7100 in 2023/24, 8000 in 2025/26, monthly).
    table = 7100 if year < 2025 else 8000
    assert table_withholding(RULES, table, 0, "monthly", date(year, 1, 1)) == 0


@pytest.mark.parametrize(
    ("year", "table"),
    [(2023, 7100), (2023, 7133), (2024, 7100), (2024, 7133), (2025, 8000), (2025, 9400), (2026, 8000), (2026, 9400)],
)
@pytest.mark.parametrize("period", ["monthly", "14-day"])
def test_trekk_never_above_small_grunnlag(year, table, period):
    # TRT trekket_skal_vaere_mindre_eller_lik_trekkgrunnlag2: trekk ≤ grunnlag for grunnlag 10…1000.
    day = date(year, 3, 1)
    for base in range(10, 1001, 10):
        assert table_withholding(RULES, table, base, period, day) <= base, base


def test_tabelltillegg_is_capped_at_the_grunnlag():
    # 9400 adds 400 000 kr to the yearly income, so a 500-kr payment would give far more than 500 without the cap
    # (Trekkrutine.beregnTabelltrekk: if (trekk > trekkgrunnlag) trekk = trekkgrunnlag).
    assert table_withholding(RULES, 9400, 500, "monthly", date(2026, 3, 1)) == 500


@pytest.mark.parametrize("year", [2025, 2026])
def test_more_fradrag_gives_less_trekk(year):
    # TRT merFradragGirSnillereTrekkTest: at monthly 80 000 trekk falls strictly from 8000 to 8400.
    trekk = [table_withholding(RULES, t, 80_000, "monthly", date(year, 3, 1)) for t in range(8000, 8401, 10)]
    assert all(a > b for a, b in zip(trekk, trekk[1:]))


@pytest.mark.parametrize("year", [2025, 2026])
def test_more_tillegg_gives_more_trekk(year):
    # TRT merTilleggGirMerTrekkTest: at monthly 80 000 trekk rises strictly from 9010 to 9400.
    trekk = [table_withholding(RULES, t, 80_000, "monthly", date(year, 3, 1)) for t in range(9010, 9401, 10)]
    assert all(a < b for a, b in zip(trekk, trekk[1:]))


@pytest.mark.parametrize(
    ("table", "deduction"),
    [(8000, 0), (8010, 10_000), (8150, 150_000), (8400, 400_000), (9010, -10_000), (9400, -400_000),
     (7100, 0), (7101, 10_000), (7119, 190_000), (7120, -10_000), (7133, -140_000)],
)
def test_table_deduction(table, deduction):
    # Skatteetaten Tabellnummer.java: 2025+ TABELL_8010 = 10 000 … TABELL_8400 = 400 000, TABELL_9010 = −10 000 …
    # TABELL_9400 = −400 000; 2020–2024: 7101–7119 = +10 000 … +190 000, 7120–7133 = −10 000 … −140 000.
    assert table_deduction(RULES, table, date(2026, 1, 1)) == deduction


@pytest.mark.parametrize("table", [8015, 5000, 9000, 8410, 9410, 7134, 7150])
def test_invalid_table_raises_case_error(table):
    # No such ordinary table in Tabellnummer.java (8015 is off the 10-step, 9000 does not exist, 7150 is a special
    # table this code does not support).
    with pytest.raises(CaseError) as exc:
        table_deduction(RULES, table, date(2026, 1, 1))
    assert exc.value.field == "tax.table"
    assert str(table) in str(exc.value)


def test_invalid_table_raises_from_table_withholding():
    with pytest.raises(CaseError) as exc:
        table_withholding(RULES, 8015, 50_000, "monthly", date(2026, 1, 1))
    assert exc.value.field == "tax.table"


def test_overskytende_trekk_rounding_2023():
    # TRT 2023 (@77a165f6) kontrollerAvrlundingVedOverskytedeTrekk: trekk(7100, monthly, 109 700)
    # == trekk(7100, monthly, 109 799) — the excess is taken on the banded grunnlag.
    day = date(2023, 3, 1)
    assert table_withholding(RULES, 7100, 109_700, "monthly", day) == table_withholding(
        RULES, 7100, 109_799, "monthly", day)


@pytest.mark.parametrize(("base", "expected"), [(99_800, 39_920), (100_000, 40_028), (120_000, 50_828)])
def test_overskytende_trekk_2024_regression(base, expected):
    # REGRESSION ONLY: computed by the port in tax_findings.md §3.3 (2024, 7100, with 54 % overskytende above the
    # 99 800 table top), not a published figure.
    assert table_withholding(RULES, 7100, base, "monthly", date(2024, 3, 1)) == expected


@pytest.mark.parametrize(
    ("year", "table", "period", "base", "expected"),
    [(2025, 8000, "monthly", 50_000, 14_476), (2025, 8010, "monthly", 50_000, 14_267),
     (2025, 9010, "monthly", 50_000, 14_686), (2025, 8000, "14-day", 23_077, 6_599),
     (2026, 8000, "monthly", 50_000, 14_184), (2026, 8150, "monthly", 50_000, 11_041),
     (2026, 8000, "monthly", 150_000, 65_880), (2026, 8000, "14-day", 23_077, 6_466),
     (2023, 7100, "monthly", 30_000, 7_232)],
)
def test_table_withholding_regression(year, table, period, base, expected):
    # REGRESSION ONLY: computed by the port in tax_findings.md §3.3, not published by Skatteetaten.
    assert table_withholding(RULES, table, base, period, date(year, 3, 1)) == expected


@settings(max_examples=300, deadline=None)
@given(a=grunnlag_2026, b=grunnlag_2026)
def test_table_trekk_monotone_and_below_grunnlag(a, b):
    low, high = min(a, b), max(a, b)
    day = date(2026, 3, 1)
    t_low = table_withholding(RULES, 8000, low, "monthly", day)
    t_high = table_withholding(RULES, 8000, high, "monthly", day)
    assert t_low <= t_high
    assert 0 <= t_low <= low and t_high <= high


# ------------------------------------------------------------------------------------------ assessment


@pytest.mark.parametrize(
    ("year", "mf", "alminnelig", "tax22", "trinn", "trygd", "total"),
    [
        # 2026 (regjeringen.no Skattesatser 2026): minstefradrag min(46 % × 600 000 = 276 000, 95 700) = 95 700;
        # alminnelig inntekt 600 000 − 95 700 − personfradrag 114 540 = 389 760; 22 % → 85 747.2 → 85 747;
        # trinnskatt (318 300 − 226 100) × 1.7 % = 1 567.4 + (600 000 − 318 300) × 4.0 % = 11 268 → 12 835;
        # trygdeavgift 7.6 % × 600 000 = 45 600; total 85 747 + 12 835 + 45 600 = 144 182.
        (2026, 95_700, 389_760, 85_747, 12_835, 45_600, 144_182),
        # 2025: mf 92 000; 600 000 − 92 000 − 108 550 = 399 450; 22 % → 87 879; trinn (306 050 − 217 400) × 1.7 %
        # = 1 507.05 + (600 000 − 306 050) × 4 % = 11 758 → 13 265; trygd 7.7 % = 46 200; total 147 344.
        (2025, 92_000, 399_450, 87_879, 13_265, 46_200, 147_344),
        # 2024: mf 104 450; 600 000 − 104 450 − 88 250 = 407 300; 22 % → 89 606; trinn (292 850 − 208 050) × 1.7 %
        # = 1 441.6 + (600 000 − 292 850) × 4 % = 12 286 → 13 728; trygd 7.8 % = 46 800; total 150 134.
        (2024, 104_450, 407_300, 89_606, 13_728, 46_800, 150_134),
    ],
)
def test_assessment_600000(year, mf, alminnelig, tax22, trinn, trygd, total):
    a = assess_income(RULES, year, 600_000)
    assert (a.minstefradrag, a.alminnelig_inntekt, a.alminnelig_tax, a.trinnskatt, a.trygdeavgift) == (
        mf, alminnelig, tax22, trinn, trygd)
    assert a.total == total


def test_assessment_1_million_2026_all_brackets_to_trinn_4():
    # regjeringen.no Skattesatser 2026: alminnelig 1 000 000 − 95 700 − 114 540 = 789 760; 22 % → 173 747.2 → 173 747.
    # Trinnskatt: 92 200 × 1.7 % = 1 567.4; (725 050 − 318 300) × 4 % = 16 270; (980 100 − 725 050) × 13.7 %
    # = 34 941.85; (1 000 000 − 980 100) × 16.8 % = 3 343.2; sum 56 122.45 → 56 122. Trygd 7.6 % = 76 000.
    # Total 305 869 (also in tax_findings.md §6.1).
    a = assess_income(RULES, 2026, 1_000_000)
    assert (a.alminnelig_tax, a.trinnskatt, a.trygdeavgift, a.total) == (173_747, 56_122, 76_000, 305_869)


@pytest.mark.parametrize(("year", "income"), [(2023, 69_650), (2024, 69_650), (2025, 99_650), (2026, 99_650)])
def test_income_at_trygdeavgift_lower_limit_is_tax_free(year, income):
    # Folketrygdloven § 23-3 fjerde ledd: no trygdeavgift up to the nedre grense; personfradrag exceeds the
    # alminnelig inntekt and the income is below trinn 1, so nothing is due.
    a = assess_income(RULES, year, income)
    assert (a.alminnelig_tax, a.trinnskatt, a.trygdeavgift, a.total) == (0, 0, 0, 0)


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_zero_income_zero_everything(year):
    a = assess_income(RULES, year, 0)
    assert (a.minstefradrag, a.alminnelig_inntekt, a.alminnelig_tax, a.trinnskatt, a.trygdeavgift) == (0, 0, 0, 0, 0)


# Break-even limits from TRT kontrollerBeregningAvHoyGrenseTrygdeavgift: 2023 101827, 2024 101235, 2025 144003,
# 2026 143175 (= round(nedre grense × 25 / (25 − rate))). Below the limit the 25 % opptrapping on the income above
# the nedre grense applies, above it the full rate. Hand figures (half up):
#   2023 (69 650, 7.9 %): at 101 827 full 8 044.33 / opptrapping 0.25 × 32 177 = 8 044.25 → both 8 044;
#        101 727 → opptrapping 8 019.25 → 8 019 (full would be 8 036); 101 828 → full 8 044.41 → 8 044
#        (opptrapping would be 8 044.5 → 8 045); 101 927 → full 8 052.23 → 8 052 (opptrapping 8 069).
#   2024 (69 650, 7.8 %): 101 235 → 7 896.33 / 7 896.25 → 7 896; 101 135 → 7 871.25 → 7 871; 101 236 → full
#        7 896.41 → 7 896 (opptrapping 7 896.5 → 7 897); 101 335 → 7 904.13 → 7 904.
#   2025 (99 650, 7.7 %): 144 003 → 11 088.23 / 11 088.25 → 11 088; 143 903 → 11 063.25 → 11 063; 144 004 → full
#        11 088.31 → 11 088 (opptrapping 11 088.5 → 11 089); 144 103 → 11 095.93 → 11 096.
#   2026 (99 650, 7.6 %): 143 175 → 10 881.3 / 10 881.25 → 10 881; 143 075 → 10 856.25 → 10 856; 143 176 → full
#        10 881.38 → 10 881 (opptrapping 10 881.5 → 10 882); 143 275 → 10 888.9 → 10 889.
@pytest.mark.parametrize(
    ("year", "limit", "below", "at", "just_above", "above"),
    [
        (2023, 101_827, 8_019, 8_044, 8_044, 8_052),
        (2024, 101_235, 7_871, 7_896, 7_896, 7_904),
        (2025, 144_003, 11_063, 11_088, 11_088, 11_096),
        (2026, 143_175, 10_856, 10_881, 10_881, 10_889),
    ],
)
def test_trygdeavgift_switches_at_skatteetaten_limit(year, limit, below, at, just_above, above):
    t = lambda income: assess_income(RULES, year, income).trygdeavgift  # noqa: E731
    assert t(limit - 100) == below  # opptrapping
    assert t(limit) == at  # both formulas agree
    assert t(limit + 1) == just_above  # full rate (opptrapping would be one krone more)
    assert t(limit + 100) == above  # full rate


@settings(max_examples=300, deadline=None)
@given(year=tax_years, a=yearly_income, b=yearly_income)
def test_assessment_total_monotone_in_income(year, a, b):
    low, high = min(a, b), max(a, b)
    assert assess_income(RULES, year, low).total <= assess_income(RULES, year, high).total


# ------------------------------------------------------------------ Finnmark and Nord-Troms (tiltakssonen)
# Worked by hand from skatteloven § 15-5 and the 2026 rates: finnmarksfradrag 45 000 on top of the personfradrag
# 114 540, skattøre + fellesskatt 13.75 % + 4.75 % = 18.5 % instead of 22 %.


def test_assessment_in_the_tiltakssone_2026() -> None:
    zone = assess_income(RULES, 2026, 300_000, finnmark=True)
    assert (zone.minstefradrag, zone.alminnelig_inntekt) == (95_700, 300_000 - 95_700 - 114_540 - 45_000)
    assert zone.alminnelig_tax == 8_281  # 44 760 × 18.5 % = 8 280.6
    assert (zone.trinnskatt, zone.trygdeavgift, zone.total) == (1_256, 22_800, 32_337)
    assert assess_income(RULES, 2026, 300_000).total == 43_803  # 89 760 × 22 % = 19 747.2 → 19 747


def test_trinn_3_was_two_points_lower_in_the_zone_in_2023_only() -> None:
    # 2023: (700 000 − 642 950) × 13.5 % = 7 701.75 ordinary, × 11.5 % = 6 560.75 in the zone
    assert assess_income(RULES, 2023, 700_000).trinnskatt - assess_income(RULES, 2023, 700_000, True).trinnskatt == 1_141
    assert assess_income(RULES, 2025, 800_000).trinnskatt == assess_income(RULES, 2025, 800_000, True).trinnskatt


def test_default_table_in_the_zone_matches_the_lower_tax() -> None:
    from benefit_calc import parse_case
    from benefit_calc.tax import default_table

    def case(muni: str):
        return parse_case({"start": "2026-01", "months": 12, "household": {"municipality": muni},
                           "client": {"birth_date": "1990-01-01"}})
    assert default_table(RULES, case("0301"), 2026, 300_000) == 8000
    # (43 803 − 32 337) / 22 % = 52 118 kr of extra deduction → table 8050 (rounded down to the 10 000 step)
    assert default_table(RULES, case("5601"), 2026, 300_000) == 8050
    assert default_table(RULES, case("5601"), 2026, 0) == 8040  # no income known: the finnmarksfradrag alone


def test_svalbard_is_refused_with_the_field() -> None:
    from benefit_calc import parse_case, simulate
    c = parse_case({"start": "2026-01", "months": 3, "household": {"municipality": "2100"},
                    "client": {"birth_date": "1990-01-01"}})
    with pytest.raises(CaseError, match="household.municipality"):
        simulate(RULES, c)
