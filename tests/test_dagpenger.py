"""Dagpenger as NAV's rules engine dp-behandling computes them: benefit_calc.dagpenger.

Primary figures come from NAV's own feature files in navikt/dp-behandling (paths under
``dagpenger/src/test/resources/features/``; commits as recorded in /work/notes/dp_ef_findings.md, section A):

* DS = 12-DagpengensStørrelse.feature @ 5b6d5b43 (the step file DagpengensStørrelseSteg uses fraDato 10.mai(2024),
       so the barnetillegg sats is 36 kr)
* EG = 09-Egenandel.feature ("Egenandel skal være 3 ganger dagsats")
* DG = 11-Dagpengegrunnlag.feature @ 48ebc626
* BR = XX-Beregning.feature @ 08c13962 (meldeperioder; "FVA" there is weekly, terskel 50)
* ST = XX-TaptArbeidstidStans.feature @ 2c29794f (three periods in a row without enough lost working time)
* BTS = BarnetilleggSats in regel/fastsetting/DagpengenesStørrelse.kt @ 0443baea (17 / 35 from 2023-02-01 /
        36 / 37 / 38 from 1 January 2024, 2025, 2026)

The meldeperiode figures for ``period_amount`` are written as (sats of each paid day, sum of FVA over the
period's arbeidsdager, hours reported in the 14 days, egenandel left). Figures worked out by hand here and not
published by NAV are labelled DERIVED and are regression tests only.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from benefit_calc import parse_case, simulate
from benefit_calc.schemes import dagpenger as dp
from benefit_calc.rules.load import load_rules

RULES = load_rules()
HALF = Decimal("0.5")  # terskel 50: worked at most 50 % of the FVA (dp-behandling kravTilArbeidstidsreduksjon)


# ------------------------------------------------------------------------------------------ dagsats


@pytest.mark.parametrize(
    ("grunnlag", "kids", "expected"),
    [
        # DS "Dagpengegrunnlag og søker har ikke barn": 246 131 × 0.0024 = 590.7144 → 591
        (246131, 0, 591),
        # DS same name, second scenario: 425 625 × 0.0024 = 1021.5 → 1022 (HALF_UP on .5)
        (425625, 0, 1022),
        # DS "Dagpengegrunnlag og søker har 2 barn": 591 + 2 × 36 = 663
        (246131, 2, 663),
        # DS "Dagpengegrunnlag og søker har mange barn gjør at 90% regelen blir brukt":
        # 70 001 × 0.0024 = 168.0024 → 168; 168 + 7 × 36 = 420 > HALF_UP(0.9 × 70 001 / 260 = 242.31) = 242
        (70001, 7, 242),
    ],
    ids=["246131-no-children", "425625-half-up", "246131-2-children", "70001-7-children-90pct-cap"],
)
def test_dagsats_matches_dp_behandling(grunnlag, kids, expected):
    day = date(2024, 5, 10)  # DagpengensStørrelseSteg fraDato
    rate = dp.dagsats(RULES, Decimal(grunnlag), day)
    assert dp.with_barnetillegg(RULES, Decimal(grunnlag), rate, kids, day) == expected


def test_dagsats_without_children_is_the_rounded_rate():
    # DS: the dagsats before barnetillegg for 70 001 is 168 (168.0024 HALF_UP) and the cap does not touch it.
    assert dp.dagsats(RULES, Decimal(70001), date(2024, 5, 10)) == 168
    assert dp.with_barnetillegg(RULES, Decimal(70001), 168, 0, date(2024, 5, 10)) == 168


def test_ukessats_with_90_percent_cap():
    # DS "…mange barn gjør at 90% regelen blir brukt": ukessats 1210 = 5 × 242.
    rate = dp.with_barnetillegg(RULES, Decimal(70001), dp.dagsats(RULES, Decimal(70001), date(2024, 5, 10)), 7,
                                date(2024, 5, 10))
    assert 5 * rate == 1210


@pytest.mark.parametrize(
    ("day", "sats"),
    [
        # BTS: BarnetilleggSats by date (dagpengeforskriften § 7-1)
        (date(2023, 1, 31), 17),
        (date(2023, 2, 1), 35),
        (date(2024, 1, 1), 36),
        (date(2024, 12, 31), 36),
        (date(2025, 1, 1), 37),
        (date(2026, 1, 1), 38),
    ],
)
def test_barnetillegg_rate_follows_the_date(day, sats):
    # 246 131 gives 591 and a 90 % cap of HALF_UP(852.0) = 852, far above 591 + one child.
    assert dp.with_barnetillegg(RULES, Decimal(246131), 591, 1, day) == 591 + sats


def test_egenandel_is_three_dagsatser():
    # EG "Egenandel skal være 3 ganger dagsats": sats 591 → egenandel 1773 (rule egenandel_days = 3).
    assert int(RULES.value("dagpenger.egenandel_days", date(2024, 5, 10))) * 591 == 1773


def test_grunnlag_capped_at_6_g_with_g_on_the_day():
    # DG "Inntekt i siste 12 måneder er høyest og over 6G" (søknad 01.04.2022): grunnlag 638 394 = 6 × 106 399.
    # A higher grunnlag therefore gives the same dagsats as 638 394; HALF_UP(638 394 × 0.0024 = 1532.1456) = 1532
    # (the dagsats figure is DERIVED from NAV's capped grunnlag).
    day = date(2022, 4, 1)
    assert dp.dagsats(RULES, Decimal(638394), day) == 1532
    assert dp.dagsats(RULES, Decimal(700000), day) == 1532
    assert dp.dagsats(RULES, Decimal(10_000_000), day) == 1532
    # DERIVED: from 1 May 2022 G is 111 477 → 6 G = 668 862 → × 0.0024 = 1605.2688 → 1605.
    assert dp.dagsats(RULES, Decimal(700000), date(2022, 5, 1)) == 1605
    # just under the cap is not capped: 600 000 × 0.0024 = 1440
    assert dp.dagsats(RULES, Decimal(600000), day) == 1440


# ------------------------------------------------------------------------------------------ one meldeperiode


@pytest.mark.parametrize(
    ("day_rates", "normal", "hours", "limit", "egenandel_left", "net", "egenandel_taken"),
    [
        # BR 5 "Jobbet over terskel og får ingen utbetaling": FVA 37.5 → 75 h; 47 h reported > 50 %
        ([550] * 10, "75", "47", HALF, 0, 0, 0),
        # BR 6 "Jobbet nøyaktig på terskel og får 50% gradert utbetaling": 40 of 80 h → 100 × 10 × 0.5
        ([100] * 10, "80", "40", HALF, 0, 500, 0),
        # BR 7 "Jobbet under terskel og får 25% gradert utbetaling": 19 of 75 h → 101 × 10 × 56/75 = 754.13
        ([101] * 10, "75", "19", HALF, 0, 754, 0),
        # BR 8 "…fordeler desimaltall overskytende riktig": 903 × 10 × 68/75 = 8187.2 → 8187
        ([903] * 10, "75", "7", HALF, 0, 8187, 0),
        # BR 9 "…endring av sats midt i perioden": 100 → 200 from 13.01, 40 of 80 h → 250 + 500
        ([100] * 5 + [200] * 5, "80", "40", HALF, 0, 750, 0),
        # BR 10 "…med sykdom og fravær": week 2 is fravær/sykdom (out of FVA and days) → 5 days × 100
        ([100] * 5, "40", "0", HALF, 0, 500, 0),
        # BR 11 "Jobbet over terskel med sykdom og fravær": 21 h on 5 arbeidsdager (sumFVA 40) = 52.5 % → 0
        ([100] * 5, "40", "21", HALF, 0, 0, 0),
        # BR 12 "Endring av FVA midt i perioden": sumFVA 20 + 40 = 60, 30 h → 50 %
        ([100] * 10, "60", "30", HALF, 0, 500, 0),
        # BR 13 "Endring av terskel midt i perioden": terskel 40 then 50 (average 45 → limit 0.55), 42 of 80 h
        ([100] * 10, "80", "42", Decimal("0.55"), 0, 475, 0),
        # BR 14 "Oppstart av vedtak midt i perioden": rett from Fri 10.01, FVA 20 → 6 days × 4 h, 0 h counted
        ([100] * 6, "24", "0", HALF, 0, 600, 0),
        # BR 15 "…forbruke siste rest av perioden": 5 stønadsdager left, sumFVA still 80, 40 h → 5 × 100 × 0.5
        ([100] * 5, "80", "40", HALF, 0, 250, 0),
        # BR 16 "Skal få 50% gradert utbetaling, men trekkes for egenandel": 1000 − 300
        ([100] * 10, "80", "0", HALF, 300, 700, 300),
        # BR 17 "Oppstart midt i perioden, med 25% …egenandel": 2 days, sumFVA 16, 4 h → brutto 150; 150 of 300 used
        ([100] * 2, "16", "4", HALF, 300, 0, 150),
        # BR 18 "Går fra høy til lav sats og forbruker all egenandel": 5000 + 500, egenandel 2727 + 273 → 2273 + 227
        ([1000] * 5 + [100] * 5, "80", "0", HALF, 3000, 2500, 3000),
        # BR 19 "Kan ikke bruke mer av egenandel enn gradert utbetaling": brutto 2500, 2500 of 3000 used
        ([500] * 10, "80", "40", HALF, 3000, 0, 2500),
        # BR 20 "Eksempel 3 - … satsendring, endringsvedtak": 800 × 2 + 1200 × 8 = 11 200 − 2400
        ([800] * 2 + [1200] * 8, "80", "0", HALF, 2400, 8800, 2400),
        # BR 21 "Jobbet over terskel i helg": 80 h, all at weekends (hours count, weekends add no FVA)
        ([1200] * 10, "80", "80", HALF, 0, 0, 0),
        # BR 22 "Kombinerer aktiviteter på samme dag": the Tuesday with fravær drops out → 9 days × 1200
        ([1200] * 9, "72", "0", HALF, 0, 10800, 0),
        # BR 23 "Test av ekte scenario": rett from Wed 19.11.2025, 8 days × 31/5 = 49.6 h, 6 h counted,
        # egenandel 2046 → 682 × 8 × 43.6/49.6 − 2046 → 2750
        ([682] * 8, "49.6", "6", HALF, 2046, 2750, 2046),
        # BR 24 "test av ekte scenario med justering av barnetillegg" (also docs/beregning-meldekort-flyt.md
        # "Scenario 1"): 1516 × 8 + 1517 × 2 (new barnetillegg sats from 01.01.2026), 22 of 75 h → 8570 + 2144
        ([1516] * 8 + [1517] * 2, "75", "22", HALF, 0, 10714, 0),
    ],
    ids=[f"BR{n}" for n in (5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24)],
)
def test_period_amount_matches_dp_behandling(day_rates, normal, hours, limit, egenandel_left, net, egenandel_taken):
    res = dp.period_amount(day_rates, Decimal(normal), Decimal(hours), limit, egenandel_left)
    assert (res.net, res.egenandel) == (net, egenandel_taken)
    assert res.passed == (Decimal(hours) / Decimal(normal) <= limit)


def test_exactly_50_percent_passes_and_just_over_pays_nothing():
    # BR 6 "Jobbet nøyaktig på terskel": 40 of 80 h passes (hours / sumFVA <= 0.5 in Beregningsperiode.kt).
    at = dp.period_amount([100] * 10, Decimal(80), Decimal(40), HALF, 0)
    assert (at.passed, at.factor, at.net) == (True, Decimal("0.5"), 500)
    # Beregningsperiode.kt: anything above the terskel fails the whole period (no gradering, nothing paid).
    over = dp.period_amount([100] * 10, Decimal(80), Decimal("40.01"), HALF, 0)
    assert (over.passed, over.net, over.egenandel) == (False, 0, 0)


def test_failed_period_keeps_the_egenandel():
    # Beregningsperiode.kt: a period that fails the terskel pays 0 and uses no egenandel.
    res = dp.period_amount([100] * 10, Decimal(80), Decimal(41), HALF, 300)
    assert (res.passed, res.net, res.egenandel) == (False, 0, 0)


# ------------------------------------------------------------------------------------------ through simulate

BASIS = 400000  # DERIVED below: dagsats HALF_UP(400 000 × 0.0024 = 960) = 960; 90 % cap HALF_UP(1384.6) = 1385
FULL = 10 * 960


def dp_case(work: list | None = None, *, start: str = "2026-01", months: int = 12, anchor: str = "2026-01-05",
            children: tuple[str, ...] = (), **dagpenger: object) -> dict:
    benefit = {"basis": BASIS, "normal_hours_per_week": 37.5}
    benefit.update(dagpenger)
    return {"start": start, "months": months, "meldeperiode_start": anchor,
            "client": {"birth_date": "1985-01-02", "benefits": {"dagpenger": benefit}},
            "household": {"children": [{"birth_date": b} for b in children]}, "work": work or []}


def job(month: str, hours: float) -> dict:
    return {"from": month, "hours_per_week": hours, "hourly_wage": 200}


def run(data: dict):
    return simulate(RULES, parse_case(data))


def periods(res) -> dict[date, object]:
    return {p.start: p for p in res.periods if p.benefit == "dagpenger"}


def dp_payments(res) -> list:
    return [p for p in res.payments if p.scheme == "dagpenger"]


def test_three_failing_periods_stop_dagpenger():
    """ST "Nøyaktig på grenseverdien gir stans": three failing periods in a row stop dagpenger from the first of them
    (TaptArbeidstidStans.kt; dagpengeforskriften § 10-4). Amounts DERIVED.

    30 h a week from March = 60 of 75 h a period (80 %): the periods from 02.03, 16.03 and 30.03 fail. After the
    stop nothing is paid, even when the work ends in June (a new claim is needed).
    """
    res = run(dp_case([job("2026-03", 30), job("2026-06", 0)]))
    by = periods(res)
    assert [by[date(2026, 2, 16)].amount, by[date(2026, 3, 2)].amount, by[date(2026, 3, 16)].amount,
            by[date(2026, 3, 30)].amount] == [FULL, 0, 0, 0]
    stops = [w for w in res.warnings if w.code == "dagpenger_stopped"]
    assert len(stops) == 1
    assert stops[0].month == date(2026, 4, 1)  # the third period ends 12.04, paid 14.04
    assert "02.03.2026" in stops[0].message
    assert max(p.paid_on for p in dp_payments(res)) == date(2026, 3, 3)  # the last paid period is 16.02–01.03
    assert max(by) == date(2026, 3, 30)  # no period after the stop
    assert not any(w.code == "dagpenger_work_limit" for w in res.warnings)


def test_passing_period_resets_the_count():
    """ST "Periods fail, fail, OK, fail, fail, fail → stans from 17.02.2025": a passing period resets the run and the
    stop dates from the first period of the latest run. Amounts DERIVED.

    Hours a week: March 30 (6 h a weekday), April 10 (2 h), May 30, June 30, July 0. Periods:
    02.03 60 h fail; 16.03 60 h fail; 30.03 2×6 + 8×2 = 28 h pass (960 × 10 × 47/75 = 6016);
    13.04 20 h pass (960 × 10 × 55/75 = 7040); 27.04 4×2 + 6×6 = 44 h (58.7 %) fail; 11.05 60 h fail;
    25.05 60 h fail → stop from 27.04.2026.
    """
    res = run(dp_case([job("2026-03", 30), job("2026-04", 10), job("2026-05", 30), job("2026-07", 0)]))
    by = periods(res)
    assert [by[date(2026, 3, 30)].amount, by[date(2026, 4, 13)].amount] == [6016, 7040]
    assert [by[date(2026, 3, 30)].hours, by[date(2026, 4, 27)].hours] == [28, 44]
    assert by[date(2026, 4, 27)].amount == by[date(2026, 5, 11)].amount == by[date(2026, 5, 25)].amount == 0
    stops = [w for w in res.warnings if w.code == "dagpenger_stopped"]
    assert len(stops) == 1 and "27.04.2026" in stops[0].message
    assert stops[0].month == date(2026, 6, 1)  # 25.05–07.06 paid 09.06
    assert max(by) == date(2026, 5, 25)
    assert max(p.paid_on for p in dp_payments(res)) == date(2026, 4, 28)


def test_two_failing_periods_do_not_stop():
    """ST "Periods OK, fail, fail → no stans". Same plan with June at 0 h: 25.05–07.06 has 5 × 6 = 30 h (40 %), so
    the run is fail, fail, pass and dagpenger go on; a work-limit warning says what happened. Amounts DERIVED."""
    res = run(dp_case([job("2026-03", 30), job("2026-04", 10), job("2026-05", 30), job("2026-06", 0)]))
    by = periods(res)
    assert not any(w.code == "dagpenger_stopped" for w in res.warnings)
    assert [w.code for w in res.warnings].count("dagpenger_work_limit") == 1
    assert by[date(2026, 5, 25)].amount == 960 * 10 * 45 // 75 == 5760
    assert by[date(2026, 6, 8)].amount == FULL
    assert by[date(2026, 12, 7)].amount == FULL


def test_egenandel_taken_once_for_a_new_claim():
    """EG "Egenandel skal være 3 ganger dagsats": grunnlag 246 131 gives sats 591 (DS) and egenandel 1773, taken from
    the first payment (Egenandel.kt; Beregningsperiode.kt carries the rest). The period amounts are DERIVED."""
    res = run(dp_case(basis=246131, egenandel=True))
    amounts = [p.amount for p in sorted(periods(res).values(), key=lambda r: r.start)]
    # a new claim starts with the case (1 January 2026): 22.12–04.01 has two weekdays with a right (1 and 2 January),
    # 2 × 591 = 1 182, all taken by the egenandel; the remaining 591 comes off the next period (10 × 591 − 591)
    assert amounts[0] == 0
    assert amounts[1] == 10 * 591 - (1773 - 2 * 591) == 5319
    assert set(amounts[2:]) == {5910}
    # without a new claim nothing is taken
    plain = run(dp_case(basis=246131))
    assert {p.amount for p in periods(plain).values()} == {5910}


def test_egenandel_carries_over_failing_periods():
    """Beregningsperiode.kt (BR 17, BR 19): a failing period uses no egenandel; it is taken from the next payment.

    DERIVED: meldeperioder from Monday 29.12.2025, 35 h a week in January (7 h a weekday), none from February.
    29.12–11.01 has 7 January weekdays = 49 of 75 h (65 %) and 12.01–25.01 70 h: both fail and pay 0.
    26.01–08.02 has 5 × 7 = 35 h (46.7 %): 960 × 10 × 40/75 = 5120, less the whole egenandel 3 × 960 = 2880 → 2240.
    """
    res = run(dp_case([job("2026-01", 35), job("2026-02", 0)], anchor="2025-12-29", egenandel=True))
    by = periods(res)
    assert by[date(2025, 12, 29)].amount == 0 and by[date(2026, 1, 12)].amount == 0
    assert by[date(2026, 1, 26)].amount == 5120 - 2880 == 2240
    assert by[date(2026, 2, 9)].amount == FULL
    assert not any(w.code == "dagpenger_stopped" for w in res.warnings)


def test_egenandel_of_a_new_claim_falls_in_the_case_months():
    """A new claim at the case start (egenandel: true, start June 2026): 3 × 960 = 2880 is deducted from the payments
    in the case's months (Egenandel.kt: taken from the first payments of the new claim). DERIVED amounts."""
    res = run(dp_case(start="2026-06", months=6, anchor="2026-06-01", egenandel=True))
    in_case = [p for p in dp_payments(res) if date(2026, 6, 1) <= p.paid_on < date(2026, 12, 1)]
    assert sum(p.amount for p in in_case) == len(in_case) * FULL - 3 * 960
    assert all(p.amount == FULL for p in dp_payments(res) if p.paid_on < date(2026, 6, 1))


def test_hours_reduce_the_period_by_the_lost_share():
    """Beregningsperiode.kt prosentfaktor = (sumFVA − hours) / sumFVA. DERIVED: 15 h a week against FVA 37.5 →
    30 of 75 h → 960 × 10 × 45/75 = 5760; 18.75 h a week = exactly 37.5 of 75 h (50 %) still pays 4800."""
    res = run(dp_case([job("2026-02", 15)]))
    p = periods(res)[date(2026, 2, 2)]
    assert (p.hours, p.work_share, p.payment_rate, p.amount, p.dagsats) == (30, 0.4, 0.6, 5760, 960)
    assert periods(res)[date(2026, 1, 19)].amount == FULL  # January, no work
    edge = periods(run(dp_case([job("2026-02", 18.75)])))[date(2026, 2, 2)]
    assert (edge.hours, edge.amount) == (37.5, 4800)
    over = periods(run(dp_case([job("2026-02", 19)])))[date(2026, 2, 2)]
    assert (over.hours, over.amount) == (38, 0)


def test_payment_two_days_after_the_period():
    # rules payment_lag_days = 2 (an assumption in the rule file): period 05.01–18.01.2026 paid Tuesday 20.01.
    p = periods(run(dp_case()))[date(2026, 1, 5)]
    assert (p.end, p.paid_on, p.amount) == (date(2026, 1, 18), date(2026, 1, 20), FULL)


def test_barnetillegg_in_periods():
    """BTS: 38 kr a child a day in 2026, 37 in 2025 (DagpengenesStørrelse.kt); BR 24 "…justering av barnetillegg":
    the new sats from 01.01.2026 applies day by day within the period. DERIVED amounts:
    one child, 960 + 38 = 998 a day → 9980 (barnetillegg 380); the period 22.12.2025–04.01.2026 has 8 weekdays
    in 2025 at 997 and 2 in 2026 at 998 → 9972 (barnetillegg 8 × 37 + 2 × 38 = 372)."""
    res = run(dp_case(children=("2015-03-01",)))
    by = periods(res)
    assert (by[date(2026, 1, 5)].amount, by[date(2026, 1, 5)].barnetillegg, by[date(2026, 1, 5)].dagsats) == (9980, 380, 960)
    assert (by[date(2025, 12, 22)].amount, by[date(2025, 12, 22)].barnetillegg) == (9972, 372)
    # with work the barnetillegg is graded like the dagsats: 15 h a week → × 0.6 → 5988, barnetillegg 228
    worked = periods(run(dp_case([job("2026-02", 15)], children=("2015-03-01",))))[date(2026, 2, 2)]
    assert (worked.amount, worked.barnetillegg) == (5988, 228)
    # barnetillegg: false on the vedtak
    assert periods(run(dp_case(children=("2015-03-01",), barnetillegg=False)))[date(2026, 1, 5)].amount == FULL


def test_barnetillegg_stops_at_18():
    """Folketrygdloven § 4-12 (barn under 18; rule barnetillegg_max_age). DERIVED: a child born 07.01.2008 turns 18 on
    Wednesday 07.01.2026: Monday and Tuesday of the period from 05.01 get 998, the other 8 days 960 → 9676."""
    p = periods(run(dp_case(children=("2008-01-07",))))[date(2026, 1, 5)]
    assert (p.amount, p.barnetillegg) == (2 * 998 + 8 * 960, 76)


def test_fva_capped_at_40_hours_a_week():
    """TapAvArbeidsinntektOgArbeidstid.kt maksimalVanligArbeidstid = 40 (dagpengeforskriften § 3-2). DERIVED:
    FVA 45 counts as 40 → 80 h a period; 20 h a week = 40 of 80 h = exactly 50 % → 9600 × 0.5 = 4800
    (with 45 uncapped it would be 40/90 and 5333)."""
    res = run(dp_case([job("2026-02", 20)], normal_hours_per_week=45))
    p = periods(res)[date(2026, 2, 2)]
    assert (p.hours, p.work_share, p.amount) == (40, 0.5, 4800)
    # 21 h a week = 42 of 80 h > 50 %: nothing (uncapped it would pass at 46.7 %)
    over = periods(run(dp_case([job("2026-02", 21)], normal_hours_per_week=45)))[date(2026, 2, 2)]
    assert over.amount == 0


def test_until_ends_the_right():
    """Days after ``until`` have no right (BR 15 / BR 14: only days with løpende rett are paid). DERIVED: right to
    Wednesday 04.03.2026 → the period from 02.03 pays 3 × 960 = 2880, nothing after."""
    res = run(dp_case(until="2026-03-04"))
    by = periods(res)
    assert by[date(2026, 3, 2)].amount == 2880
    assert max(by) == date(2026, 3, 2)


def test_hours_after_the_right_ends_do_not_count():
    """BeregningsperiodeFabrikk.kt includes only days with løpende rett; BR 23 "Test av ekte scenario" (4 h on the
    Tuesday before the right are not counted) and BR 14 "Oppstart av vedtak midt i perioden" (10 h before the right
    ignored). DERIVED: right to Wednesday 04.03.2026, 15 h a week (3 h a weekday): the 3 days with a right have
    22.5 h FVA and 9 h worked (40 %) → 3 × 960 × 13.5/22.5 = 1728. The model counts all 30 h of the period (133 %)
    and pays 0 with a work-limit warning."""
    res = run(dp_case([job("2026-01", 15)], until="2026-03-04"))
    p = periods(res)[date(2026, 3, 2)]
    assert (p.hours, p.amount) == (9, 1728)
    assert not any(w.code == "dagpenger_work_limit" for w in res.warnings)


def test_dagpenger_are_taxable():
    # dp_ef_findings A4: dagpenger are taxable; the engine withholds tax on them.
    res = run(dp_case())
    assert all(p.taxable for p in dp_payments(res))
    jan = next(m for m in res.months if m.month == date(2026, 1, 1))
    assert jan.benefits["dagpenger"] == 2 * FULL  # 20.01 and 06.01
    assert jan.taxable_income == 2 * FULL and jan.tax_withheld > 0
