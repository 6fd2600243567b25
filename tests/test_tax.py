"""Income tax: the year's assessment, the tiltakssone and the tax card (benefit_calc.tax).

Sources:
* API = langtind/nortax-ts src/__tests__/tax-integration.test.ts: integration tests against Skatteetaten's live
  trekktabell API (https://trekktabell.formueinntekt.skatt.skatteetaten.no/api/trekktabell/beregn).
* TRT = Skatteetaten/trekktabell src/test/java/no/skatteetaten/fastsetting/formueinntekt/forskudd/
        trekkrutine{2023,2024,2025,2026}/TrekkrutineTest.java
* Rates: regjeringen.no "Skattesatser 2026" (id3121978) and Stortingets skattevedtak for 2024/2025, as in
  rules/no/skatt.yaml.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import load_rules
from benefit_calc.schemes.tax import assess_income

RULES = load_rules()

from .strategies import tax_years, yearly_income


# ------------------------------------------------------------------------------------------ assessment


# The published assessments (600 000 kr in 2024, 2025 and 2026, 1 000 000 kr in 2026, 300 000 kr in and outside
# the tiltakssone in 2026, trinn 3 in 2023) are whole cases in tests/schemes/tax.yaml, part by part.


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


def test_trinn_3_was_two_points_lower_in_the_zone_in_2023_only() -> None:
    # 2023: (700 000 − 642 950) × 13.5 % = 7 701.75 ordinary, × 11.5 % = 6 560.75 in the zone
    assert assess_income(RULES, 2023, 700_000).trinnskatt - assess_income(RULES, 2023, 700_000, True).trinnskatt == 1_141
    assert assess_income(RULES, 2025, 800_000).trinnskatt == assess_income(RULES, 2025, 800_000, True).trinnskatt


def test_default_table_in_the_zone_matches_the_lower_tax() -> None:
    from benefit_calc import parse_case
    from benefit_calc.schemes.tax import default_table

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
