"""How long dagpenger last (folketrygdloven § 4-15): benefit_calc.schemes.dagpenger_duration and the engine.

Primary figures from navikt/dp-behandling @ 54fcd6fc (paths under ``dagpenger/src/``):

* PER = test/resources/features/15-Dagpengeperiode.feature, virkningstidspunkt 01.08.2024 (G 124 028, 2 G =
        248 056): income last 12 / last 36 months → weeks
* BER = test/resources/features/XX-Beregning.feature: "det forbrukes 10 dager" at 25 % graded pay, "forbrukes 0
        dager" over the limit, "1 week left … forbrukes 5 dager / gjenstår 0"
* main/kotlin/no/nav/dagpenger/regel/regelsett/fastsetting/Dagpengeperiode.kt: 52 / 104 weeks, ≥ 2 G, 5 days a week

Amounts worked out here from those rules and not published by NAV are labelled DERIVED.
"""

from __future__ import annotations

from datetime import date

import pytest

from benefit_calc import parse_case, simulate
from benefit_calc.case.model import Dagpenger
from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import load_rules
from benefit_calc.schemes import dagpenger_duration as duration

RULES = load_rules()
PER_DAY = 960  # 400 000 × 2.4 ‰


def dp(**fields: object) -> Dagpenger:
    return Dagpenger(37.5, 400_000, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("last_12", "last_36", "weeks"), [
    (300_000, 0, 104),
    (200_000, 0, 52),
    (0, 748_000, 104),  # 748 000 / 3 = 249 333 ≥ 2 G
    (300_000, 200_000, 104),  # the better of the two
    (248_056, 0, 104),  # exactly 2 G: the long period (størreEnnEllerLik)
    (248_055, 0, 52),  # 1 kr under
])
def test_weeks_by_earlier_income_per_dp_behandling(last_12: int, last_36: int, weeks: int) -> None:
    # PER rows with minsteinntekt met (the rows without it give 0 weeks: no right, which the case does not claim)
    got = duration.period_weeks(RULES, dp(granted=date(2024, 8, 1), income_12_months=last_12,
                                          income_36_months=last_36), date(2026, 1, 1))
    assert got == (weeks, "income")


def test_the_threshold_uses_g_on_the_prøvingsdato() -> None:
    # 250 000 kr: ≥ 2 G at G 124 028 (01.08.2024), < 2 G at G 130 160 (the 2026 start): granted decides
    assert duration.period_weeks(RULES, dp(granted=date(2024, 8, 1), income_12_months=250_000),
                                 date(2026, 1, 1)) == (104, "income")
    assert duration.period_weeks(RULES, dp(income_12_months=250_000), date(2026, 1, 1)) == (52, "income")


def test_weeks_from_the_vedtak_win_and_nothing_without_either() -> None:
    assert duration.period_weeks(RULES, dp(weeks=26, income_12_months=500_000), date(2026, 1, 1)) == (26, "vedtak")
    assert duration.period_weeks(RULES, dp(), date(2026, 1, 1)) is None


def test_days_left_counts_weekdays_since_granted_unless_days_used_is_given() -> None:
    # 52 weeks = 260 days; granted Monday 03.03.2025: 218 weekdays to 31.12.2025 → 42 left on 01.01.2026
    assert duration.days_left(RULES, dp(weeks=52, granted=date(2025, 3, 3)), date(2026, 1, 1)) == (42, 52, "vedtak")
    assert duration.days_left(RULES, dp(weeks=52, granted=date(2025, 3, 3), days_used=10),
                              date(2026, 1, 1)) == (250, 52, "vedtak")
    assert duration.days_left(RULES, dp(weeks=104), date(2026, 1, 1)) == (520, 104, "vedtak")
    assert duration.days_left(RULES, dp(weeks=52, days_used=300), date(2026, 1, 1)) == (0, 52, "vedtak")


# ------------------------------------------------------------------------------------------- in the engine


def case(work: list | None = None, **dagpenger: object) -> dict:
    benefit = {"basis": 400_000, "normal_hours_per_week": 37.5, **dagpenger}
    return {"start": "2026-01", "months": 12, "meldeperiode_start": "2026-01-05",
            "client": {"birth_date": "1985-01-02", "benefits": {"dagpenger": benefit}}, "work": work or []}


def by_start(res) -> dict[date, object]:
    return {p.start: p for p in res.periods if p.benefit == "dagpenger"}


def test_the_last_period_pays_only_the_days_left() -> None:
    # 10 days left on Thursday 01.01.2026: Thu 1 and Fri 2 (period from 22.12.2025), then 8 of the 10 weekdays of
    # 05.01–18.01 (BER: the arbeidsdager are cut to the days left); nothing after. DERIVED amounts.
    res = simulate(RULES, parse_case(case(weeks=52, days_used=250)))
    p = by_start(res)
    assert p[date(2025, 12, 22)].amount == 10 * PER_DAY  # the days before the start were paid in full
    assert p[date(2026, 1, 5)].amount == 8 * PER_DAY
    assert max(p) == date(2026, 1, 5)  # no later meldeperiode
    ends = [w for w in res.warnings if w.code == "dagpenger_ends"]
    assert len(ends) == 1 and "14.01.2026" in ends[0].message and "15.01.2026" in ends[0].message
    assert any("14.01.2026" in n for n in res.notes)


def test_work_over_the_limit_uses_no_days_so_the_period_lasts_longer() -> None:
    # 20 days left; Thu 1 and Fri 2 January (12 h of 75 in the period from 22.12: under the limit) use 2; 30 h a
    # week in the rest of January (80 % of 75 h: over the 50 % limit) uses none (BER "forbrukes 0 dager"); the
    # periods after January use the other 18: 10 in 02.02–15.02 and 8 in 16.02–01.03.
    plan = [{"from": "2026-01", "hours_per_week": 30, "hourly_wage": 200}, {"from": "2026-02", "hours_per_week": 0}]
    res = simulate(RULES, parse_case(case(plan, weeks=52, days_used=240)))
    idle = simulate(RULES, parse_case(case(weeks=52, days_used=240)))
    p, q = by_start(res), by_start(idle)
    assert p[date(2026, 1, 5)].amount == 0 and p[date(2026, 1, 19)].amount == 0
    assert p[date(2026, 2, 2)].amount == 10 * PER_DAY
    assert p[date(2026, 2, 16)].amount == 8 * PER_DAY and date(2026, 3, 2) not in p
    # without work the 20 days (2 in the first period, then 10 and 8) are gone by 28.01
    assert q[date(2026, 1, 19)].amount == 8 * PER_DAY and date(2026, 2, 2) not in q


def test_graded_pay_still_uses_every_weekday() -> None:
    # BER: 25 % graded pay → "det forbrukes 10 dager". 18.75 h a week = 37.5 of 75 h = 50 %: passes, pays 50 %.
    plan = [{"from": "2026-01", "hours_per_week": 18.75, "hourly_wage": 200}]
    res = simulate(RULES, parse_case(case(plan, weeks=52, days_used=238)))  # 22 days: 2 + 10 + 10
    p = by_start(res)
    assert p[date(2026, 1, 19)].amount == 10 * PER_DAY // 2
    assert date(2026, 2, 2) not in p  # used up: no later meldeperiode is paid


def test_used_up_before_the_start() -> None:
    res = simulate(RULES, parse_case(case(weeks=52, days_used=260)))
    assert all(p.amount == 0 for p in res.periods if p.benefit == "dagpenger" and p.start >= date(2026, 1, 1))
    assert [w.month for w in res.warnings if w.code == "dagpenger_ends"] == [date(2026, 1, 1)]


def test_a_long_period_far_ahead_gives_a_note_and_no_warning() -> None:
    res = simulate(RULES, parse_case(case(income_12_months=500_000)))  # 104 weeks from the start
    assert not any(w.code == "dagpenger_ends" for w in res.warnings)
    assert any("104 uker" in n for n in res.notes)
    assert all(p.amount == 10 * PER_DAY for p in res.periods if p.benefit == "dagpenger" and p.start >= date(2026, 1, 5))


def test_sweep_baseline_stops_at_the_end() -> None:
    from benefit_calc.analysis.sweep import sweep  # noqa: PLC0415

    ended = sweep(RULES, parse_case(case(weeks=52, days_used=250)), hours=(0.0,), wage=200).steps[0]
    assert all(x == 0 for x in ended.parts["dagpenger"][1:])


@pytest.mark.parametrize(("field", "value"), [("weeks", 0), ("weeks", 105), ("days_used", -1), ("days_used", 521),
                                              ("income_12_months", -5)])
def test_bounds_name_the_field(field: str, value: int) -> None:
    with pytest.raises(CaseError) as err:
        parse_case(case(**{field: value}))
    assert err.value.field == f"client.benefits.dagpenger.{field}"


def test_unknown_weeks_name_no_end_and_say_what_is_missing() -> None:
    c = {"start": "2026-01", "months": 12, "work": [],
         "client": {"birth_date": "1990-05-02",
                    "benefits": {"dagpenger": {"normal_hours_per_week": 37.5, "basis": 400000}}}}
    res = simulate(RULES, parse_case(c))
    notes = [n for n in res.notes if n.key.startswith("note.dagpenger_end")]
    assert [n.key for n in notes] == ["note.dagpenger_end_unknown"]
    assert "52 eller 104 uker" in notes[0] and "Vi vet ikke" in notes[0]
    assert not any(w.code == "dagpenger_ends" for w in res.warnings)
