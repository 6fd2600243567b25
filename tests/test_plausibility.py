"""Possible but unlikely values give a warning in plain words (benefit_calc.plausibility), not an error."""

from __future__ import annotations

from datetime import date

from benefit_calc import load_rules, parse_case, simulate

RULES = load_rules()


def _case(**parts: object) -> dict:
    return {"start": "2026-01", "months": 12, "client": {"birth_date": "1990-01-01", "benefits": {"aap": {"basis_g": 2}}},
            "household": {"municipality": "0301"}, **parts}


def _codes(data: dict) -> dict[str, object]:
    return {w.code: w for w in simulate(RULES, parse_case(data)).warnings if w.code.startswith("plausible_")}


def test_a_plain_case_has_no_plausibility_warning() -> None:
    assert _codes(_case(work=[{"from": "2026-03", "hours_per_week": 20, "hourly_wage": 200}])) == {}


def test_more_than_60_hours_a_week_warns_and_still_runs() -> None:
    w = _codes(_case(work=[{"from": "2026-03", "hours_per_week": 75, "hourly_wage": 200}]))["plausible_hours"]
    assert w.month == date(2026, 3, 1) and "75 timer i uka" in w.message and "75 hours a week" in w.message_en


def test_hours_without_a_wage_warn() -> None:
    w = _codes(_case(work=[{"from": "2026-03", "hours_per_week": 10, "hourly_wage": 0}]))["plausible_wage"]
    assert "0 kr" in w.message


def test_a_child_born_after_the_horizon_warns() -> None:
    w = _codes(_case(household={"children": [{"birth_date": "2040-01-01"}]}))["plausible_child_born_later"]
    assert "01.01.2040" in w.message
    assert "plausible_child_born_later" not in _codes(_case(household={"children": [{"birth_date": "2026-06-01"}]}))


def test_overgangsstonad_without_a_young_child_or_with_a_partner_warns() -> None:
    client = {"birth_date": "1990-01-01", "benefits": {"overgangsstonad": {}}}
    codes = _codes(_case(client=client, household={"children": [{"birth_date": "2010-01-01"}],
                                                   "partner": {"birth_date": "1990-01-01"}}))
    assert "under 8 år" in codes["plausible_overgangsstonad_child"].message  # the age comes from the rules
    assert "plausible_overgangsstonad_partner" in codes
    assert not _codes(_case(client=client, household={"children": [{"birth_date": "2022-01-01"}]}))


def test_a_benefit_that_ended_before_the_start_warns() -> None:
    client = {"birth_date": "1990-01-01", "benefits": {"aap": {"basis_g": 2, "until": "2025-06-30"}}}
    w = _codes(_case(client=client))["plausible_benefit_ended"]
    assert "30.06.2025" in w.message and w.action


def test_a_step_after_the_last_month_is_named_with_the_months() -> None:
    data = _case(months=12, work=[{"from": "2026-03", "hours_per_week": 10, "hourly_wage": 200},
                                  {"from": "2027-05", "hours_per_week": 20, "hourly_wage": 200}])
    (w,) = [w for w in simulate(RULES, parse_case(data)).warnings if w.code == "work_outside_case"]
    assert w.month == date(2026, 1, 1)
    assert w.message == ("Trinn 2 starter i mai 2027, etter den siste måneden i beregningen (desember 2026). "
                         "Det teller ikke med.")
    assert "antall måneder" in w.action and "May 2027" in w.message_en and "månaden" in w.message_nn


def test_no_hours_in_any_month_of_the_case_warns() -> None:
    data = _case(months=6, work=[{"from": "2026-09", "hours_per_week": 20, "hourly_wage": 200}])
    codes = [w.code for w in simulate(RULES, parse_case(data)).warnings]
    assert "work_none_in_case" in codes and "work_outside_case" in codes
    inside = _case(months=6, work=[{"from": "2026-03", "hours_per_week": 20, "hourly_wage": 200}])
    assert not {"work_none_in_case", "work_outside_case"} & {w.code for w in simulate(RULES, parse_case(inside)).warnings}


def test_a_step_replaced_before_the_first_month() -> None:
    from benefit_calc.case.model import WorkStep  # noqa: PLC0415 — steps before the start come only from code
    from benefit_calc.schemes.plausibility import outside_case  # noqa: PLC0415

    case = parse_case(_case())
    plan = (WorkStep(date(2025, 6, 1), 10, 200), WorkStep(date(2025, 9, 1), 15, 200))
    (w,) = [w for w in outside_case(case, plan) if w.code == "work_outside_case"]
    assert "Trinn 1 (juni 2025) blir erstattet av trinn 2" in w.message


def test_the_wage_warning_names_only_a_benefit_the_case_has() -> None:
    w = _codes(_case(work=[{"from": "2026-03", "hours_per_week": 10, "hourly_wage": 0}]))["plausible_wage"]
    assert "AAP lavere" in w.message and "dagpenger" not in w.message
    none = _case(client={"birth_date": "1990-01-01", "benefits": {}},
                 work=[{"from": "2026-03", "hours_per_week": 10, "hourly_wage": 0}])
    w = _codes(none)["plausible_wage"]
    assert "AAP" not in w.message and "dagpenger" not in w.message
