"""How long AAP lasts: the maximum period (§ 11-12) and the age limit (§ 11-4): benefit_calc.schemes.aap_duration.

Sources (navikt/aap-behandlingsflyt "Kelvin" @ a223304f):

* KvoteService.kt: ordinærkvote = 784 weekdays (Mon–Fri, public holidays included; Hverdager.kt checks the weekday
  only). The 784th weekday from Monday 2025-01-06 is Thursday 2028-01-06 (derived by that rule, not published).
* Aldersvilkåret.kt + AldersvilkåretTest.kt: born 16.04.1958 → right on 30.04.2025, not on 01.05.2025.
"""

from __future__ import annotations

from datetime import date

import pytest

from benefit_calc import load_rules, parse_case, simulate
from benefit_calc.case.model import Aap
from benefit_calc.core import calendar as cal
from benefit_calc.core.errors import CaseError
from benefit_calc.schemes import aap_duration

RULES = load_rules()


def case(aap: dict, *, birth: str = "1985-01-02", start: str = "2026-01", months: int = 12,
         uforetrygd: dict | None = None, work: list | None = None) -> dict:
    benefits: dict = {"aap": aap}
    if uforetrygd is not None:
        benefits["uforetrygd"] = uforetrygd
    return {"start": start, "months": months, "client": {"birth_date": birth, "benefits": benefits},
            "meldeperiode_start": "2026-01-05", "work": work or []}


# ------------------------------------------------------------------------------------------------ the rules


def test_quota_is_784_weekdays_from_2018() -> None:
    # Kelvin KvoteService: "Så lenge Arena har 784 må vi ha samme som dem"
    assert RULES.value("aap.ordinary_quota_weekdays", date(2018, 1, 1)) == 784
    assert RULES.value("aap.ordinary_quota_weekdays", date(2026, 6, 1)) == 784
    assert RULES.value("aap.max_age", date(2026, 6, 1)) == 67


# --------------------------------------------------------------------------------------- counting weekdays


def test_quota_from_granted_784th_weekday() -> None:
    # derived by Kelvin's rule: continuous right from Monday 2025-01-06 → the 784th weekday is Thursday 2028-01-06
    end = aap_duration.quota_end(RULES, Aap(basis_g=4, granted=date(2025, 1, 6)), date(2026, 1, 1))
    assert end == date(2028, 1, 6) and end.weekday() == 3


def test_quota_from_days_used_counts_the_rest_from_the_start() -> None:
    # 780 of 784 used: 4 weekdays left from Thursday 2026-01-01 → Thu 1, Fri 2, Mon 5, Tue 6
    aap = Aap(basis_g=4, granted=date(2023, 3, 1), days_used=780)
    assert aap_duration.quota_end(RULES, aap, date(2026, 1, 1)) == date(2026, 1, 6)
    # used up before the start: the right ended the day before
    done = Aap(basis_g=4, granted=date(2023, 3, 1), days_used=784)
    assert aap_duration.quota_end(RULES, done, date(2026, 1, 1)) == date(2025, 12, 31)


def test_no_quota_without_granted_or_days_used() -> None:
    assert aap_duration.quota_end(RULES, Aap(basis_g=4), date(2026, 1, 1)) is None


def test_age_end_is_the_last_day_of_the_month_of_the_67th_birthday() -> None:
    # Kelvin AldersvilkåretTest: born 16.04.1958 → oppfylt 30.04.2025, not 01.05.2025
    assert aap_duration.age_end(RULES, date(1958, 4, 16), date(2025, 1, 1)) == date(2025, 4, 30)
    assert aap_duration.age_end(RULES, date(1958, 4, 30), date(2025, 1, 1)) == date(2025, 4, 30)
    assert aap_duration.age_end(RULES, date(1960, 2, 29), date(2027, 1, 1)) == date(2027, 2, 28)


def test_last_day_is_the_earliest_of_until_quota_and_age() -> None:
    aap = Aap(basis_g=4, granted=date(2025, 1, 6), until=date(2027, 6, 30))
    assert aap_duration.last_day(RULES, aap, date(1985, 1, 2), date(2026, 1, 1)) == (date(2027, 6, 30), "until")
    # 67 in 09.2027 is after until: until wins
    assert aap_duration.last_day(RULES, aap, date(1960, 9, 3), date(2026, 1, 1)) == (date(2027, 6, 30), "until")
    assert aap_duration.last_day(RULES, aap, date(1960, 3, 3), date(2026, 1, 1)) == (date(2027, 3, 31), "age")
    long = Aap(basis_g=4, granted=date(2025, 1, 6), until=date(2030, 1, 1))
    assert aap_duration.last_day(RULES, long, date(1985, 1, 2), date(2026, 1, 1)) == (date(2028, 1, 6), "quota")


# ------------------------------------------------------------------------------------------- in the engine


def test_engine_stops_aap_after_the_quota_and_warns() -> None:
    # 780 of 784 used on 01.01.2026: the right is Thu 1 – Tue 6 January; the period 05.01–18.01 pays Mon 5 and Tue 6
    res = simulate(RULES, parse_case(case({"basis_g": 4, "granted": "2023-03-01", "days_used": 780})))
    first = [p for p in res.periods if p.start == date(2026, 1, 5)][0]
    assert first.amount == 2 * 1322  # 4 G at G 130 160: 1 321.62 a day, 2 weekdays with a right
    assert all(p.amount == 0 for p in res.periods if p.start > date(2026, 1, 5))
    warning = [w for w in res.warnings if w.code == "aap_ends_quota"]
    assert len(warning) == 1 and warning[0].month == date(2026, 1, 1)
    assert "06.01.2026" in warning[0].message and "07.01.2026" in warning[0].message
    assert any("06.01.2026" in n for n in res.notes)


def test_engine_stops_aap_at_67() -> None:
    # born 16.04.1959: 67 on 16.04.2026 → AAP to 30.04.2026 (Thursday); the period 27.04–10.05 pays 27–30 April
    res = simulate(RULES, parse_case(case({"basis_g": 4}, birth="1959-04-16")))
    straddle = [p for p in res.periods if p.start == date(2026, 4, 27)][0]
    assert straddle.amount == 4 * 1322
    assert all(p.amount == 0 for p in res.periods if p.start > date(2026, 4, 27))
    codes = [w.code for w in res.warnings]
    assert "aap_ends_age" in codes and "aap_ends_quota" not in codes
    assert any("30.04.2026" in n for n in res.notes)


def test_no_warning_when_the_end_is_far_ahead() -> None:
    # granted 06.01.2025 → the period lasts to 06.01.2028: more than 6 months after a 2026 calculation
    res = simulate(RULES, parse_case(case({"basis_g": 4, "granted": "2025-01-06"})))
    assert not any(w.code.startswith("aap_ends") for w in res.warnings)
    assert any("06.01.2028" in n for n in res.notes)
    assert all(p.amount > 0 for p in res.periods if p.benefit == "aap")


def test_warning_months_ahead_of_an_end_just_after_the_calculation() -> None:
    # granted 06.03.2023 → 784th weekday Thu 2026-03-05... the end lies inside a 2026 calculation: shown in 03.2026
    end = cal.nth_weekday(date(2023, 3, 6), 784)
    assert end == date(2026, 3, 5)
    short = simulate(RULES, parse_case(case({"basis_g": 4, "granted": "2023-03-06"}, months=1)))
    warning = [w for w in short.warnings if w.code == "aap_ends_quota"]
    assert warning and warning[0].month == date(2026, 1, 1)  # after the horizon: shown in its last month


def test_sweep_and_headline_stop_counting_aap_after_the_end() -> None:
    from benefit_calc.analysis.sweep import sweep  # noqa: PLC0415 — keep the import next to its one use

    ended = parse_case(case({"basis_g": 4, "granted": "2023-03-01", "days_used": 780}))
    running = parse_case(case({"basis_g": 4}))
    a = sweep(RULES, ended, hours=(0.0, 20.0), wage=200).steps
    b = sweep(RULES, running, hours=(0.0, 20.0), wage=200).steps
    for ended_step, running_step in zip(a, b):
        assert all(x == 0 for x in ended_step.parts["aap"][1:])  # nothing after January
        assert sum(running_step.parts["aap"][1:]) > 0


def test_days_used_bounds_and_message() -> None:
    with pytest.raises(CaseError) as err:
        parse_case(case({"basis_g": 4, "days_used": -1}))
    assert err.value.field == "client.benefits.aap.days_used"
    with pytest.raises(CaseError) as err:
        parse_case(case({"basis_g": 4, "days_used": 2001}))
    assert err.value.field == "client.benefits.aap.days_used"


# ------------------------------------------------------------------------------------- with graded uføretrygd


UT_50 = {"degree": 50, "ifu": 500000, "full_benefit": 330000, "granted": "2025-01-01"}


def test_full_uforetrygd_and_aap_is_refused() -> None:
    # § 11-27: no AAP beside a full other benefit (Kelvin Avslagsårsak ANNEN_FULL_YTELSE)
    full = dict(UT_50, degree=100)
    with pytest.raises(CaseError) as err:
        simulate(RULES, parse_case(case({"basis_g": 4}, uforetrygd=full)))
    assert err.value.field == "client.benefits.uforetrygd.degree"


def test_graded_uforetrygd_and_work_2026() -> None:
    # derived by Kelvin's arithmetic: 4 G at G 136 549 → 1 386.50 a day; 7.5 h a week = 15 h of 75 = 20 % work;
    # gradering 100 − 20 − 50 = 30 % → 415.95 → 416 a day, 4 160 a period
    res = simulate(RULES, parse_case(case({"basis_g": 4}, uforetrygd=UT_50,
                                          work=[{"from": "2026-01", "hours_per_week": 7.5, "hourly_wage": 200}])))
    june = [p for p in res.periods if p.start == date(2026, 6, 8)][0]
    assert (june.work_share, june.payment_rate, june.amount) == (0.2, 0.3, 4160)
    # 50 % uføre and 50 % work: nothing left, though under the 60 % limit
    half = simulate(RULES, parse_case(case({"basis_g": 4}, uforetrygd=UT_50,
                                           work=[{"from": "2026-01", "hours_per_week": 18.75, "hourly_wage": 200}])))
    assert [p for p in half.periods if p.start == date(2026, 6, 8)][0].amount == 0


def test_uforegrad_from_the_day_uforetrygd_is_granted() -> None:
    # granted Monday 23.02.2026: the period 16.02–01.03 pays 5 days at 100 % and 5 at 50 % (4 G, G 130 160)
    later = dict(UT_50, granted="2026-02-23")
    res = simulate(RULES, parse_case(case({"basis_g": 4}, uforetrygd=later)))
    p = [p for p in res.periods if p.start == date(2026, 2, 16)][0]
    assert p.amount == 5 * 1322 + 5 * 661  # 1 321.62 × 0.5 = 660.81 → 661
    pay = [x for x in res.payments if x.scheme == "aap" and x.paid_on == p.paid_on][0]
    text = pay.explain().text
    assert "(50 %)" in text and "§ 11-28" in text


def test_an_unknown_start_gives_no_end_date_only_what_is_unknown() -> None:
    # neither granted nor days_used: the 784-weekday maximum period may end AAP long before 67, so no day is named
    res = simulate(RULES, parse_case(case({"basis_g": 4})))
    notes = [n for n in res.notes if n.key.startswith("note.aap_end")]
    assert [n.key for n in notes] == ["note.aap_end_unknown"]
    nb = notes[0].in_("nb")
    assert "Vi vet ikke når AAP-perioden din startet" in nb and "3 år" in nb and "784 hverdager" in nb
    assert "2052" not in nb and "67" not in nb  # born 1985: 67 in 2052 — not an end the case supports
    assert "startdatoen" in nb and "Vi veit ikkje" in notes[0].in_("nn") and "do not know" in notes[0].in_("en")
    # with the start given, the day is known and said
    known = simulate(RULES, parse_case(case({"basis_g": 4, "granted": "2025-01-06"})))
    assert [n.key for n in known.notes if n.key.startswith("note.aap_end")] == ["note.aap_end_quota"]
    # with the vedtak's last day, the age limit stays a supported end when it comes first
    aged = simulate(RULES, parse_case(case({"basis_g": 4, "until": "2030-01-01"}, birth="1959-04-16")))
    assert any("30.04.2026" in n for n in aged.notes)
