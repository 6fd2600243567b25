"""AAP (arbeidsavklaringspenger) as NAV's case system Kelvin computes it: benefit_calc.aap.

Primary figures come from NAV's own tests in navikt/aap-behandlingsflyt ("Kelvin"):

* BTY = behandlingsflyt/src/test/kotlin/no/nav/aap/behandlingsflyt/behandling/tilkjentytelse/
        BeregnTilkjentYtelseServiceTest.kt
* GAR = behandlingsflyt/src/test/kotlin/no/nav/aap/behandlingsflyt/behandling/underveis/regler/
        GraderingArbeidRegelTest.kt (newest stored copy; every case is a 14-day meldeperiode from Monday 2025-11-24
        with one hour value per calendar day)

Sums over a meldeperiode are worked out by hand in the comments from those per-day figures.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from benefit_calc.schemes import aap
from benefit_calc.core.calendar import Meldeperiode
from benefit_calc.case.model import Aap, Child, Opptrapping
from benefit_calc.rules.load import load_rules
from benefit_calc import parse_case, simulate

RULES = load_rules()

BORN_1985 = date(1985, 1, 2)  # BTY default fødselsdato in most tests
FOUR_G = Decimal(4)


def period_from(monday: date) -> Meldeperiode:
    assert monday.weekday() == 0
    return Meldeperiode(monday, monday + timedelta(days=13))


def run_period(start: date, *, hours_by_day: dict[date, Decimal] | None = None, per_weekday: Decimal = Decimal(0),
               aap_case: Aap | None = None, basis_g: Decimal = FOUR_G, children: tuple[Child, ...] = (),
               birth: date = BORN_1985, has_right=lambda d: True) -> aap.AapPeriod:
    """One meldeperiode from Monday ``start``; hours from ``hours_by_day`` or ``per_weekday`` on each Mon–Fri."""
    def hours_on(d: date) -> Decimal:
        if hours_by_day is not None:
            return hours_by_day.get(d, Decimal(0))
        return per_weekday if d.weekday() < 5 else Decimal(0)

    return aap.aap_period(RULES, aap_case or Aap(basis_g=float(basis_g)), birth, children, period_from(start),
                          hours_on, has_right, basis_g)


# ------------------------------------------------------------------------------------------ grunnlag and rates


def test_basis_in_g_as_given_to_ten_decimals():
    assert aap.basis_in_g(RULES, Aap(basis_g=4), date(2024, 1, 1)) == Decimal("4.0000000000")


def test_basis_in_g_capped_at_6_g():
    # Folketrygdloven § 11-19: the grunnlag counts at most 6 G (Kelvin GUnit.begrensTil6GUnits).
    assert aap.basis_in_g(RULES, Aap(basis_g=7.5), date(2024, 1, 1)) == Decimal("6.0000000000")


def test_basis_in_g_from_kroner_uses_g_on_the_start_day():
    # 237 240 kr / G 118 620 (in force 2023-05-01 .. 2024-04-30) = exactly 2 G; the day before, G was 111 477:
    # 237 240 / 111 477 = 2.12815199547… → 2.1281519955 (10 decimals, HALF_UP as Kelvin's GUnit).
    assert aap.basis_in_g(RULES, Aap(basis=237240), date(2023, 5, 1)) == Decimal("2.0000000000")
    assert aap.basis_in_g(RULES, Aap(basis=237240), date(2023, 4, 30)) == Decimal("2.1281519955")


@pytest.mark.parametrize(
    ("basis_g", "birth", "day", "expected"),
    [
        # 4 G × 0.66 = 2.64 G (Folketrygdloven § 11-20 første ledd)
        (Decimal(4), BORN_1985, date(2024, 1, 1), Decimal("2.64")),
        # minimum 2 G before 1 July 2024, 2.041 G from then (Kelvin MinsteÅrligYtelse.kt)
        (Decimal(0), BORN_1985, date(2024, 6, 30), Decimal("2")),
        (Decimal(0), BORN_1985, date(2024, 7, 1), Decimal("2.041")),
        # under 25: GUnit(GUnit(min × 2) / 3) → 1.3333333333 and 1.3606666667 (Kelvin aldersjusteringAvMinstesats.kt)
        (Decimal(0), date(1995, 4, 1), date(2020, 3, 31), Decimal("1.3333333333")),
        (Decimal(0), date(2000, 1, 1), date(2024, 7, 1), Decimal("1.3606666667")),
    ],
)
def test_yearly_g(basis_g, birth, day, expected):
    assert aap.yearly_g(RULES, basis_g, birth, day) == expected


# ------------------------------------------------------------------------------------------ dagsats


@pytest.mark.parametrize(
    ("basis_g", "birth", "day", "expected"),
    [
        # BTY 'årlig ytelse beregnes til 66 prosent av grunnlaget og dagsatsen er lik årlig ytelse delt på 260, og
        # sjekker split av periode ved endring i Grunnbeløp': G 111 477 → 118 620 on 1 May 2023.
        (FOUR_G, BORN_1985, date(2023, 4, 30), Decimal("1131.92")),
        (FOUR_G, BORN_1985, date(2023, 5, 1), Decimal("1204.45")),
        # BTY 'minste årlige ytelse er lik 2G før 1 juli 2024 og lik 2,041G fom 1 juli 2024' (born 1985-04-01).
        (Decimal(0), date(1985, 4, 1), date(2024, 6, 30), Decimal("954.06")),
        (Decimal(0), date(1985, 4, 1), date(2024, 7, 1), Decimal("973.62")),
        # BTY 'Minste Årlig Ytelse justeres ift alder' (born 1995-04-01, G 99 858): the switch is on the 25th birthday.
        (Decimal(0), date(1995, 4, 1), date(2020, 3, 31), Decimal("512.09")),
        (Decimal(0), date(1995, 4, 1), date(2020, 4, 1), Decimal("768.14")),
        # BTY 'negativ redusert dagsats skal defaulte til 0': grunnlag 2 G (0.66 × 2 = 1.32 G < minimum) in 2025-01
        # → 2.041 × 124 028 / 260 = 973.62.
        (Decimal(2), BORN_1985, date(2025, 1, 15), Decimal("973.62")),
    ],
    ids=["4G-2023-04-30", "4G-2023-05-01", "min-2G-2024-06-30", "min-2.041G-2024-07-01", "under25-2020-03-31",
         "25th-birthday-2020-04-01", "2G-grunnlag-2025-01"],
)
def test_dagsats_matches_kelvin(basis_g, birth, day, expected):
    assert aap.dagsats(RULES, basis_g, birth, day) == expected


def test_birthday_29_february_falls_back_to_28_february():
    # Kelvin Fødselsdato.`25årsDagen`() = fødselsdato.plusYears(25); Java's LocalDate.plusYears maps 29 Feb to 28 Feb
    # in a non-leap year.
    assert aap.birthday(date(2000, 2, 29), 25) == date(2025, 2, 28)
    assert aap.birthday(date(2000, 2, 29), 24) == date(2024, 2, 29)
    assert aap.birthday(date(1995, 4, 1), 25) == date(2020, 4, 1)


def test_dagsats_born_29_february_switches_on_28_february():
    # Kelvin aldersjusteringAvMinstesats.kt: Under25 up to 25årsDagen − 1 day, Over25 from 25årsDagen (plusYears).
    # G on both days is 124 028 (2024-05-01 .. 2025-04-30), minimum 2.041 G.
    # 2025-02-27, under 25: 2.041 × 2 / 3 = 1.3606666667 G; / 260 = 0.0052333333; × 124 028 = 649.0799… → 649.08.
    # 2025-02-28, 25 years: 2.041 / 260 = 0.0078500000; × 124 028 = 973.6198 → 973.62.
    born = date(2000, 2, 29)
    assert aap.dagsats(RULES, Decimal(0), born, date(2025, 2, 27)) == Decimal("649.08")
    assert aap.dagsats(RULES, Decimal(0), born, date(2025, 2, 28)) == Decimal("973.62")


# ------------------------------------------------------------------------------------------ work share


@pytest.mark.parametrize(
    ("hours", "weekdays", "expected"),
    [
        (Decimal("45"), 10, Decimal("0.60")),  # 45 / 75 = 0.600
        (Decimal("45.5"), 10, Decimal("0.61")),  # 0.60666… → 0.607 → 0.61
        # Kelvin rounds twice (GraderingArbeidRegel.kt: divide(…, 3, HALF_UP), then Prosent.fraDesimal to 2 dp):
        # 45.35 / 75 = 0.604666… → 0.605 → 0.61, where rounding once would give 0.60.
        (Decimal("45.35"), 10, Decimal("0.61")),
        # Part period: hours / (7.5 × weekdays with a right): 18.75 / 37.5 = 0.50
        (Decimal("18.75"), 5, Decimal("0.50")),
        (Decimal("112"), 10, Decimal("1.00")),  # min(1, …) — GAR 'Jobber over 100 prosent'
    ],
)
def test_work_share_rounding(hours, weekdays, expected):
    # Source: Kelvin GraderingArbeidRegel.kt (andelArbeid = Prosent.fraDesimal(min(1, round3(t × 10 / (75 × d))))).
    assert aap.work_share(RULES, hours, weekdays, date(2025, 11, 24)) == expected


MP_2025_11_24 = date(2025, 11, 24)  # the meldeperiode every GAR assertMeldekortutregning case uses
OPPTRAPPING = Opptrapping(start=date(2025, 11, 1), months=12)


def _kelvin_days(values: list[float]) -> dict[date, Decimal]:
    """GAR's `timerArbeidet` list: value i is the hours on 2025-11-24 + i days (weekends included)."""
    return {MP_2025_11_24 + timedelta(days=i): Decimal(str(h)) for i, h in enumerate(values)}


@pytest.mark.parametrize(
    ("hours", "arbeidsevne", "opptrapping", "share", "rate"),
    [
        # GAR 'Hvis timer arbeidet er lavere enn fastsatt arbeidsevne, blir fastsatt arbeidsevne brukt i utregning
        # av gradering': 9 × 1.0 h on days 0–8 (Sat 29 and Sun 30 Nov included) → andel 12 %, gradering 50 %.
        pytest.param([1.0] * 9 + [0.0] * 5, 50, False, Decimal("0.12"), Decimal("0.50"),
                     id="9h-arbeidsevne50"),
        # GAR 'Hvis fastsatt arbeidsevne er lavere enn timer arbeidet, blir timer arbeidet brukt…': 10,10,10,7.5.
        pytest.param([10.0, 10.0, 10.0, 7.5] + [0.0] * 10, 30, False, Decimal("0.50"), Decimal("0.50"),
                     id="37.5h-arbeidsevne30"),
        # GAR 'Hvis det ikke er registrert arbeidsevne brukes timer arbeidet i utregning av gradering'.
        pytest.param([10.0, 10.0, 10.0, 7.5] + [0.0] * 10, None, False, Decimal("0.50"), Decimal("0.50"),
                     id="37.5h-no-arbeidsevne"),
        # GAR 'Kan jobbe opp til 60 prosent uten arbeidsopptrapping': 4 × 10 + 5 = 45 h.
        pytest.param([10.0] * 4 + [5.0] + [0.0] * 9, None, False, Decimal("0.60"), Decimal("0.40"), id="45h"),
        # GAR 'Kan ikke jobbe  over 60 prosent uten arbeidsopptrapping': 4 × 10 + 6.5 = 46.5 h → 62 %, 0 %.
        pytest.param([10.0] * 4 + [6.5] + [0.0] * 9, None, False, Decimal("0.62"), Decimal("0"), id="46.5h"),
        # GAR @Disabled 'Kan ikke jobbe minste inkrement (0,5 timer) over 60 prosent uten arbeidsopptrapping':
        # expected gradering 0; Kelvin's code gives 0.607 → 61 % (the test is disabled only because Prosent cannot
        # hold 0.6067).
        pytest.param([10.0] * 4 + [5.5] + [0.0] * 9, None, False, Decimal("0.61"), Decimal("0"), id="45.5h"),
        # GAR 'Kan jobbe opp til 80 prosent med arbeidsopptrapping': 6 × 10 h on days 0–5 (day 5 = Sat 29 Nov).
        pytest.param([10.0] * 6 + [0.0] * 8, None, True, Decimal("0.80"), Decimal("0.20"),
                     id="60h-opptrapping"),
        # GAR 'Kan ikke jobbe over 80 prosent hvis det foreligger arbeidsopptrapping i perioden': 6 × 10 + 1.5
        # (day 6 = Sun 30 Nov) = 61.5 h → 82 %, 0 %.
        pytest.param([10.0] * 6 + [1.5] + [0.0] * 7, None, True, Decimal("0.82"), Decimal("0"),
                     id="61.5h-opptrapping"),
        # GAR 'Jobber over 100 prosent': 14 × 8 = 112 h → capped at 100 %, gradering 0.
        pytest.param([8.0] * 14, None, False, Decimal("1.00"), Decimal("0"), id="112h"),
    ],
)
def test_gradering_kelvin_days(hours, arbeidsevne, opptrapping, share, rate):
    """GAR cases exactly as NAV enters them: one hour value per calendar day from Monday 2025-11-24."""
    case = Aap(basis_g=4, arbeidsevne=arbeidsevne, opptrapping=OPPTRAPPING if opptrapping else None)
    p = run_period(MP_2025_11_24, hours_by_day=_kelvin_days(hours), aap_case=case)
    assert (p.work_share, p.payment_rate) == (share, rate)


@pytest.mark.parametrize(
    ("total", "arbeidsevne", "opptrapping", "share", "rate"),
    [
        # The GAR totals, spread evenly over the 10 weekdays (so no weekend hours are involved).
        (Decimal("9"), 50, False, Decimal("0.12"), Decimal("0.50")),
        (Decimal("60"), None, True, Decimal("0.80"), Decimal("0.20")),
        (Decimal("61.5"), None, True, Decimal("0.82"), Decimal("0")),
        (Decimal("60"), None, False, Decimal("0.80"), Decimal("0")),  # 80 % is over the normal 60 % limit
    ],
    ids=["9h-arbeidsevne50", "60h-opptrapping", "61.5h-opptrapping", "60h-no-opptrapping"],
)
def test_gradering_totals_on_weekdays(total, arbeidsevne, opptrapping, share, rate):
    # Source: GAR totals and expected andel/gradering (see test_gradering_kelvin_days); limit 80 % from Kelvin
    # FastsettGrenseverdiArbeidRegel.kt (opptrapping), 60 % otherwise.
    case = Aap(basis_g=4, arbeidsevne=arbeidsevne, opptrapping=OPPTRAPPING if opptrapping else None)
    p = run_period(MP_2025_11_24, per_weekday=total / 10, aap_case=case)
    assert p.hours == total
    assert (p.work_share, p.payment_rate) == (share, rate)


@pytest.mark.parametrize(("per_weekday", "over"), [(Decimal("4.65"), True), (Decimal("4.5"), False)])
def test_over_limit_pays_nothing(per_weekday, over):
    # GAR 'Kan ikke jobbe  over 60 prosent…' (46.5 h → 0) and 'Kan jobbe opp til 60 prosent…' (45 h → 40 %).
    # 45 h at 40 %: G 130 160 (from 2025-05-01) × 0.0101538462 = 1321.6246… → 1321.62; × 0.40 = 528.648 → 528.65
    # → 529 kr per weekday; 10 × 529 = 5290.
    p = run_period(MP_2025_11_24, per_weekday=per_weekday)
    assert p.over_limit is over
    assert p.amount == (0 if over else 5290)


def test_part_period_scales_normal_hours():
    # Kelvin GraderingArbeidRegel: only weekdays with rett count in the divisor; 5 weekdays with a right and
    # 3.75 h on each: 18.75 × 10 / (75 × 5) = 0.50. Paid 50 % on those 5 days: 1321.62 × 0.5 = 660.81 → 661;
    # 5 × 661 = 3305.
    p = run_period(MP_2025_11_24, per_weekday=Decimal("3.75"), has_right=lambda d: d <= date(2025, 11, 28))
    assert p.weekdays == 5
    assert (p.work_share, p.payment_rate) == (Decimal("0.50"), Decimal("0.50"))
    assert p.amount == 3305


def test_opptrapping_starting_mid_period_splits_the_limit():
    # Kelvin FastsettGrenseverdiArbeidRegel.kt (grenseverdi per day, 80 % on opptrapping days) and Vurdering.kt
    # (grenseverdi >= andelArbeid, checked per day); read from the code — no NAV test of this case was found.
    # 52.5 h = 70 % for the whole period; opptrapping from Monday 2025-12-01: 24–28 Nov (limit 60 %) pay 0,
    # 1–5 Dec (limit 80 %) pay 30 %: 1321.62 × 0.30 = 396.486 → 396.49 → 396; 5 × 396 = 1980.
    case = Aap(basis_g=4, opptrapping=Opptrapping(start=date(2025, 12, 1), months=12))
    p = run_period(MP_2025_11_24, per_weekday=Decimal("5.25"), aap_case=case)
    assert p.work_share == Decimal("0.70")
    assert [(s.start, s.end, s.limit, s.payment_rate) for s in p.segments] == [
        (date(2025, 11, 24), date(2025, 11, 28), Decimal("0.6"), Decimal("0")),
        (date(2025, 12, 1), date(2025, 12, 5), Decimal("0.8"), Decimal("0.30")),
    ]
    assert p.amount == 1980


# ------------------------------------------------------------------------------------------ amounts per period


def test_barnetillegg_one_child_january_2024():
    # BTY 'bruker får barnetillegg dersom bruker har barn': 4 G on 2024-01-01, 1 child → dagsats 1204.45 + 36
    # = 1240.45 → redusert 1240. A period 2024-01-01..14 has 10 weekdays: 10 × 1240 = 12 400.
    p = run_period(date(2024, 1, 1), children=(Child(date(2015, 6, 1)),))
    assert p.children == 1
    assert p.amount == 12400


def test_work_share_30_percent_pays_70_percent():
    # BTY 'arbeidsgrad reduserer tilkjent endelig utbetalingsgrad': gradering 70 % → 1204.45 × 0.70 = 843.115
    # → 843.12 → 843 per day. 22.5 h in 2023-06-05..18 = 22.5 × 10 / 750 = 30 % work: 10 × 843 = 8430.
    p = run_period(date(2023, 6, 5), per_weekday=Decimal("2.25"))
    assert (p.work_share, p.payment_rate) == (Decimal("0.30"), Decimal("0.70"))
    assert p.amount == 8430


def test_period_across_g_change_on_1_may():
    # BTY 'årlig ytelse … sjekker split av periode ved endring i Grunnbeløp': redusert 1132 on 2023-04-30 (G 111 477)
    # and 1204 on 2023-05-01 (G 118 620). Period 2023-04-24..05-07: 24–28 Apr 5 × 1132 = 5660,
    # 1–5 May 5 × 1204 = 6020; total 11 680.
    p = run_period(date(2023, 4, 24))
    assert p.dagsats == Decimal("1131.92")  # first weekday of the period
    assert p.amount == 11680


def test_period_across_new_year_barnetillegg_rate():
    # BTY 'Hva skjer med etterpåklatt': 1 child, sats 35 in 2023 → 1204.45 + 35 = 1239.45 → 1239; 36 from 2024-01-01
    # → 1240. Period 2023-12-25..2024-01-07 (public holidays are paid, aap-utbetal removes only weekends):
    # 5 × 1239 + 5 × 1240 = 6195 + 6200 = 12 395.
    p = run_period(date(2023, 12, 25), children=(Child(date(2015, 6, 1)),))
    assert p.amount == 12395


def test_child_turning_18_stops_barnetillegg_from_the_birthday():
    # Folketrygdloven § 11-20 fjerde ledd: barnetillegg for children under 18. Child born 2006-01-04 turns 18 on
    # Thursday 2024-01-04: 1–3 Jan 3 × 1240 (BTY figure above) + 4–12 Jan 7 × 1204 (1204.45 → 1204) = 3720 + 8428
    # = 12 148.
    kid = Child(date(2006, 1, 4))
    assert aap.children_on(RULES, [kid], date(2024, 1, 3)) == 1
    assert aap.children_on(RULES, [kid], date(2024, 1, 4)) == 0
    p = run_period(date(2024, 1, 1), children=(kid,))
    assert p.amount == 12148


def test_children_on_counts_only_born_children_under_18():
    kids = [Child(date(2010, 3, 1)), Child(date(2024, 6, 1)), Child(date(2000, 1, 1))]
    assert aap.children_on(RULES, kids, date(2024, 5, 31)) == 1  # second not yet born, third 24 years old
    assert aap.children_on(RULES, kids, date(2024, 6, 1)) == 2


def test_no_barnetillegg_when_switched_off():
    # 4 G, 2024-01: without barnetillegg 1204.45 → 1204 per day (BTY 'bruker får barnetillegg…' dagsats); 10 × 1204.
    case = Aap(basis_g=4, barnetillegg=False)
    p = run_period(date(2024, 1, 1), aap_case=case, children=(Child(date(2015, 6, 1)),))
    assert p.amount == 12040


@pytest.mark.parametrize(
    ("day", "rate"),
    [(date(2023, 1, 31), 27), (date(2023, 2, 1), 35), (date(2023, 12, 31), 35), (date(2024, 1, 1), 36),
     (date(2025, 1, 1), 37), (date(2025, 12, 31), 37), (date(2026, 1, 1), 38)],
)
def test_barnetillegg_rate_by_date(day, rate):
    # Source: Kelvin BarnetilleggsatsTidslinje.kt (BARNETILLEGGSATS_TIDSLINJE): 27 → 35 (2023-02-01) → 36 → 37 → 38.
    assert RULES.value("aap.barnetillegg_per_day", day) == rate


# ------------------------------------------------------------------------------------------ payment date


def test_payment_date_is_period_end_plus_lag_within_kelvin_bounds():
    # Rules: aap.payment_lag_days = 2 (nav.no: paid 2–3 days after the meldekort). Kelvin utledUtbetalingsdato
    # (BeregnTilkjentYtelseService.kt) clamps to [tom + 1, tom + 9].
    p = run_period(MP_2025_11_24)
    assert p.end == date(2025, 12, 7)
    assert p.paid_on == date(2025, 12, 9)
    assert p.end + timedelta(days=1) <= p.paid_on <= p.end + timedelta(days=9)


# --------------------------------------------------- § 11-28 fjerde ledd: the grunnlag beside graded uføretrygd
# Kelvin (aap-behandlingsflyt @ a223304f): T-BER = behandling/beregning/BeregningTest.kt, T-UB = UføreBeregningTest.kt


def test_further_reduced_grunnlag_capped_at_6_g() -> None:
    # T-BER 'oppjusterer grunnlaget ved uføre': 2022 500 000 / 0.7 = 714 285.71 kr > 6 G → 6 G
    got = aap.further_reduced_basis_g(RULES, date(2023, 1, 1), (500_000, 400_000, 300_000), Decimal("0.3"))
    assert got == Decimal(6)
    full = Aap(basis_g=4, further_reduced=date(2023, 1, 1), incomes_before=(500_000, 400_000, 300_000))
    assert aap.basis_in_g(RULES, full, date(2023, 6, 1), Decimal("0.3")) == Decimal("6.0000000000")


def test_further_reduced_grunnlag_five_g() -> None:
    # T-UB 'Hvis bruker hadde høyere inntekt ved ytterligere nedsatt…': income 0.7 × 5 × average G each year
    # (109 784 / 104 716 / 100 853 for 2022/2021/2020), 30 % uføre → 5 G (±0.001 %), higher than the standard 4 G
    incomes = tuple(float(Decimal("0.7") * 5 * g) for g in (109_784, 104_716, 100_853))
    got = aap.basis_in_g(RULES, Aap(basis_g=4, further_reduced=date(2023, 1, 1), incomes_before=incomes),
                         date(2023, 6, 1), Decimal("0.3"))
    assert abs(got - 5) <= Decimal("0.00005")


def test_standard_grunnlag_wins_when_higher() -> None:
    # T-UB '…lavere inntekt ved ytterligere nedsatt…': 2022 200 000, 2021 300 000, 2020 400 000, 30 %; standard 6 G
    low = Aap(basis_g=6, further_reduced=date(2023, 1, 1), incomes_before=(200_000, 300_000, 400_000))
    assert aap.basis_in_g(RULES, low, date(2023, 6, 1), Decimal("0.3")) == Decimal("6.0000000000")
    # DERIVED: the three years scaled are 2.6025 / 4.0927 / 5.6659 G → average 4.1204 G, above a standard 3 G
    mid = Aap(basis_g=3, further_reduced=date(2023, 1, 1), incomes_before=(200_000, 300_000, 400_000))
    assert aap.basis_in_g(RULES, mid, date(2023, 6, 1), Decimal("0.3")).quantize(Decimal("0.0001")) == Decimal("4.1204")


def test_a_year_not_given_counts_zero_in_the_average() -> None:
    # one year: 2025 income 256 232 at 50 % uføre = 512 464 kr = 4 G at average G 128 116 → last year 4 G wins
    got = aap.further_reduced_basis_g(RULES, date(2026, 3, 1), (256_232,), Decimal("0.5"))
    assert got == Decimal(4)


def test_further_reduced_grunnlag_in_the_engine_and_its_errors() -> None:
    from benefit_calc import parse_case, simulate  # noqa: PLC0415
    from benefit_calc.core.errors import CaseError  # noqa: PLC0415

    def case(**extra: object) -> dict:
        benefits: dict = {"aap": {"basis_g": 2, **extra},
                          "uforetrygd": {"degree": 50, "ifu": 500000, "full_benefit": 330000, "granted": "2024-01-01"}}
        return {"start": "2026-01", "months": 2, "meldeperiode_start": "2026-01-05",
                "client": {"birth_date": "1985-01-02", "benefits": benefits}}

    # 2025 income 256 232 at 50 % uføre → 4 G (see above) beats the standard 2 G: 4 G at G 130 160 → 1 321.62 a
    # day, half of it paid beside 50 % uføretrygd → 660.81 → 661 a day
    res = simulate(RULES, parse_case(case(further_reduced="2026-01-01", incomes_before=[256232])))
    p = [p for p in res.periods if p.start == date(2026, 1, 5)][0]
    assert p.amount == 10 * 661
    with pytest.raises(CaseError) as err:
        parse_case(case(further_reduced="2026-01-01"))
    assert err.value.field == "client.benefits.aap.incomes_before"
    with pytest.raises(CaseError) as err:
        parse_case(case(incomes_before=[1, 2, 3, 4], further_reduced="2026-01-01"))
    assert err.value.field == "client.benefits.aap.incomes_before"
    with pytest.raises(CaseError) as err:
        parse_case(case(incomes_before=[-1], further_reduced="2026-01-01"))
    assert err.value.field == "client.benefits.aap.incomes_before[0]"
    alone = case(further_reduced="2026-01-01", incomes_before=[256232])
    del alone["client"]["benefits"]["uforetrygd"]
    with pytest.raises(CaseError) as err:
        simulate(RULES, parse_case(alone))
    assert err.value.field == "client.benefits.aap.further_reduced"


def test_the_three_payment_advice_names_only_what_the_household_has() -> None:
    from benefit_calc.schemes.aap_timeline import three_payments_key  # noqa: PLC0415

    plain = {"start": "2026-01", "months": 12, "work": [], "household": {"municipality": "0301"},
             "client": {"birth_date": "1985-01-02", "benefits": {"aap": {"basis_g": 4}}}}
    (w, *_) = [w for w in simulate(load_rules(), parse_case(plain)).warnings if w.code == "aap_three_payments"]
    assert w.action == "Sett av den tredje utbetalingen." and "Bostøtte" not in w.action_en
    assert three_payments_key({"aap", "bostotte"}).endswith("_bostotte")
    assert three_payments_key({"aap", "sosialhjelp", "bostotte"}).endswith("_bostotte_sosialhjelp")


def test_no_barnetillegg_rule_is_read_or_shown_without_children() -> None:
    data = {"start": "2027-01", "months": 12, "work": [], "household": {"municipality": "0301"},
            "client": {"birth_date": "1985-01-02", "benefits": {"aap": {"basis_g": 4}}}}
    r = simulate(load_rules(), parse_case(data))
    names = {u.name for p in r.payments if p.scheme == "aap" for u in p.explain().used}
    assert "aap.barnetillegg_per_day" not in names and "aap.barnetillegg_max_age" not in names
    assert not any("Barnetillegg" in w.message for w in r.warnings)  # nor as a value not yet set (2027)
    kids = dict(data, household={"municipality": "0301", "children": [{"birth_date": "2020-01-01"}]})
    r = simulate(load_rules(), parse_case(kids))
    assert "aap.barnetillegg_per_day" in {u.name for p in r.payments if p.scheme == "aap" for u in p.explain().used}


def test_an_explanation_names_the_rules_the_case_used_and_no_others_in_every_run() -> None:
    """The day facts' change days come from every AAP rule (no hand-kept list), read untraced: an adult without
    yrkesskade or opptrapping is not told of the under-25 share or the other work limits; a second run, served
    from the memos, explains with the same values as the first."""
    rules = load_rules()
    case = parse_case({"start": "2027-01", "months": 3, "client": {"birth_date": "1980-05-01", "benefits": {
        "aap": {"basis_g": 3.5}}}, "work": [{"from": "2027-01", "hours_per_week": 10, "hourly_wage": 200}]})
    runs = [{u.name for p in simulate(rules, case).payments if p.scheme == "aap" for u in p.explain().used}
            for _ in range(2)]
    assert runs[0] == runs[1]
    assert {"aap.compensation_rate", "aap.max_work_share", "grunnbelop.g"} <= runs[0]
    assert not runs[0] & {"aap.under_25_share_numerator", "aap.max_work_share_yrkesskade",
                          "aap.max_work_share_opptrapping"}
    young = parse_case({"start": "2027-01", "months": 3, "client": {"birth_date": "2005-05-01", "benefits": {
        "aap": {"basis_g": 1.0, "yrkesskade": True}}}, "work": [{"from": "2027-01", "hours_per_week": 10,
                                                                  "hourly_wage": 200}]})
    used = {u.name for p in simulate(rules, young).payments if p.scheme == "aap" for u in p.explain().used}
    assert {"aap.under_25_share_numerator", "aap.max_work_share_yrkesskade"} <= used
