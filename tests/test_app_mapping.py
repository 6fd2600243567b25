"""The app form ↔ case mapping (app/mapping.py): every example survives the round trip; fields the form does not
show are kept; widget values become the case fields they name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings

from benefit_calc import parse_case
from benefit_calc.app.mapping import case_data, form_values

from .strategies import sosialhjelp_cases

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_round_trips(path: Path) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert parse_case(case_data(raw, form_values(raw))) == parse_case(raw)


@settings(max_examples=40, deadline=None)
@given(sosialhjelp_cases())
def test_generated_cases_round_trip(data: dict) -> None:
    case = parse_case(data)
    raw = case.to_dict()
    assert parse_case(case_data(raw, form_values(raw))) == case


def test_fields_the_form_does_not_show_are_kept() -> None:
    raw = yaml.safe_load((EXAMPLES[0]).read_text(encoding="utf-8"))  # aap-barn-opptrapping: opptrapping, scenarios
    out = case_data(raw, form_values(raw))
    assert out["client"]["benefits"]["aap"]["opptrapping"] == raw["client"]["benefits"]["aap"]["opptrapping"]
    assert out["scenarios"] == raw["scenarios"]


def test_widget_values_become_case_fields() -> None:
    raw = yaml.safe_load((EXAMPLES[0]).read_text(encoding="utf-8"))
    v = form_values(raw)
    v.update({"f_w0_hours": 15.0, "f_has_bostotte": True, "f_bs_heating": True, "f_has_aap": False,
              "f_n_children": 1, "f_child_0": date(2020, 5, 1), "f_w0_salary": True, "f_w0_pay": 25000.0,
              "f_tax_table": 8030, "f_partner": True, "f_partner_birth": date(1988, 1, 2), "f_partner_income": 30000.0})
    case = parse_case(case_data(raw, v))
    assert case.work[0].hours_per_week == 15 and case.work[0].monthly_salary == 25000 and case.work[0].hourly_wage is None
    assert case.client.benefits.aap is None and case.client.benefits.bostotte.heating_in_rent is True
    assert [c.birth_date for c in case.household.children] == [date(2020, 5, 1)]
    assert case.tax.table == 8030 and case.household.partner.income_per_month == 30000


def test_self_service_leaves_counsellor_fields_as_they_were() -> None:
    raw = yaml.safe_load((EXAMPLES[0]).read_text(encoding="utf-8"))
    raw["tax"] = {"table": 8050}
    v = form_values(raw)
    v["f_tax_table"] = 0  # not shown in self-service mode
    assert parse_case(case_data(raw, v, counsellor=False)).tax.table == 8050


def test_a_plan_longer_than_the_form_keeps_its_later_steps() -> None:
    raw = yaml.safe_load((EXAMPLES[0]).read_text(encoding="utf-8"))
    raw["work"] = [{"from": f"2026-{m:02d}", "hours_per_week": m, "hourly_wage": 200} for m in range(2, 9)]
    assert parse_case(case_data(raw, form_values(raw))) == parse_case(raw)


def test_a_new_case_is_blank_and_asks_for_a_birth_date() -> None:
    from benefit_calc.app.mapping import new_case
    from benefit_calc.core.errors import CaseError

    raw = new_case(date(2026, 11, 27))
    assert raw["start"] == "2026-12" and raw["months"] == 12 and not raw["work"] and not raw.get("scenarios")
    assert new_case(date(2026, 12, 3))["start"] == "2027-01"
    with pytest.raises(CaseError) as exc:
        parse_case(case_data(raw, form_values(raw)))
    assert exc.value.field == "client.birth_date"


def test_the_form_shows_the_counsellors_settings_and_lists_the_rest() -> None:
    from benefit_calc.app.mapping import hidden_settings, remove_setting

    raw = {"start": "2026-01", "months": 12, "meldeperiode_start": "2026-01-05",
           "client": {"birth_date": "1990-01-01", "benefits": {"aap": {"basis_g": 2, "opptrapping": {"from": "2026-03",
                                                                                                    "months": 6}}}},
           "household": {"partner": {"birth_date": "1988-01-01", "tax_free_per_month": 500},
                         "children": [{"birth_date": "2025-03-01", "barnehage_hours_per_week": 20}]},
           "work": [{"from": "2026-02", "hours_per_week": 10, "hourly_wage": 200, "payday": "same_month",
                     "holiday_pay": False}]}
    v = form_values(raw)
    assert v["f_aap_opp"] and v["f_aap_opp_from"] == "2026-03" and v["f_partner_taxfree"] == 500
    assert v["f_w0_payday"] == "same_month" and v["f_w0_holiday"] is False and v["f_melde"] == date(2026, 1, 5)
    assert parse_case(case_data(raw, v)) == parse_case(raw)
    assert hidden_settings(raw) == [("household.children[0].barnehage_hours_per_week", 20)]
    assert "barnehage_hours_per_week" not in str(remove_setting(raw, "household.children[0].barnehage_hours_per_week"))
    raw["work"] = [dict(raw["work"][0], **{"from": f"2026-{m:02d}"}) for m in range(2, 11)]
    assert [p for p, _ in hidden_settings(raw)][:3] == ["work[6]", "work[7]", "work[8]"]


def test_scenarios_are_form_fields() -> None:
    raw = yaml.safe_load((EXAMPLES[0]).read_text(encoding="utf-8"))
    v = form_values(raw)
    assert v["f_n_scen"] == 1 and v["f_s0_name"] == raw["scenarios"][0]["name"]
    v["f_s0_w0_hours"] = 25.0
    v["f_s0_name"] = "25 timer"
    case = parse_case(case_data(raw, v))
    assert case.scenarios[0].name == "25 timer" and case.scenarios[0].work[0].hours_per_week == 25
    v["f_n_scen"] = 0
    assert not parse_case(case_data(raw, v)).scenarios


def test_how_long_a_benefit_lasts_round_trips_and_is_set_by_the_form() -> None:
    raw = yaml.safe_load((EXAMPLES[0]).read_text(encoding="utf-8"))
    aap = raw["client"]["benefits"]["aap"]
    aap.update({"granted": "2024-02-05", "days_used": 410})
    assert parse_case(case_data(raw, form_values(raw))) == parse_case(raw)
    v = form_values(raw)
    assert v["f_aap_granted"] == date(2024, 2, 5) and v["f_aap_days_used"] == 410
    v.update({"f_aap_days_used": None, "f_has_aap": False, "f_has_dagpenger": True, "f_dp_basis": 400000.0,
              "f_dp_unit": "kr", "f_dp_weeks": 104, "f_dp_granted": date(2025, 9, 1)})
    case = parse_case(case_data(raw, v))
    dp = case.client.benefits.dagpenger
    assert (dp.weeks, dp.granted) == (104, date(2025, 9, 1))
    v["f_dp_weeks"] = "unknown"
    assert parse_case(case_data(raw, v)).client.benefits.dagpenger.weeks is None
    # self-service shows neither: a loaded value stays as it was
    raw["client"]["benefits"]["aap"]["days_used"] = 12
    v = form_values(raw)
    v["f_aap_days_used"] = None
    assert parse_case(case_data(raw, v, counsellor=False)).client.benefits.aap.days_used == 12


def test_the_date_overgangsstonad_income_was_set_has_a_field_and_loads_back() -> None:
    """Issue 19: client.benefits.overgangsstonad.expected_income_from is a counsellor field, not a hidden setting."""
    from benefit_calc.app.mapping import hidden_settings

    case = {"schema": "benefit-calc/case@1", "start": "2027-01", "months": 12,
            "client": {"birth_date": "1990-01-01", "benefits": {"overgangsstonad": {
                "expected_income": 210000, "expected_income_from": "2026-03-15"}}},
            "household": {"children": [{"birth_date": "2024-01-01"}]}, "work": []}
    values = form_values(case)
    assert values["f_os_expected_from"].isoformat() == "2026-03-15"
    assert case_data(case, values)["client"]["benefits"]["overgangsstonad"]["expected_income_from"] == "2026-03-15"
    assert not [p for p, _ in hidden_settings(case) if "expected_income_from" in p]


def test_when_overgangsstonad_was_first_granted_and_special_care_have_fields() -> None:
    """Issue 19 item 2: the fields the 1 July 2026 rules need are in the form (both modes), not hidden settings."""
    from benefit_calc.app.mapping import hidden_settings

    case = {"schema": "benefit-calc/case@1", "start": "2027-01", "months": 12,
            "client": {"birth_date": "1990-01-01", "benefits": {"overgangsstonad": {
                "expected_income": 0, "first_granted": "2026-08-01", "special_care": True}}},
            "household": {"children": [{"birth_date": "2026-06-01"}]}, "work": []}
    values = form_values(case)
    assert values["f_os_first_granted"].isoformat() == "2026-08-01" and values["f_os_special_care"] is True
    os_ = case_data(case, values, counsellor=False)["client"]["benefits"]["overgangsstonad"]
    assert os_["first_granted"] == "2026-08-01" and os_["special_care"] is True
    assert not [p for p, _ in hidden_settings(case) if "first_granted" in p or "special_care" in p]


def test_the_benefit_widgets_come_from_the_declarations() -> None:
    """Issue 20 item 4: each benefit's widgets are its declared fields; each has its words in every language, and
    the benefits with an end date in the registry are those whose class shows ``until``."""
    from benefit_calc.app.inputs import WIDGETS
    from benefit_calc.engine.registry import WITH_END
    from benefit_calc.words import LANGS, catalogue

    assert {n for n, shown in WIDGETS.items() if any(s.name == "until" for s in shown)} == set(WITH_END)
    todo = [s for shown in WIDGETS.values() for s in shown]
    words = []
    while todo:
        s = todo.pop()
        todo += s.nested
        w = s.widget
        if s.kind == "basis":
            words += [f"{w.key}_basis", f"{w.key}_help"]
            continue
        words += [w.word, *([f"{w.word}_help"] if w.help else []), *([w.caption] if w.caption else [])]
        if s.kind == "choice":
            words += [f"{w.names}{o}" if isinstance(o, str) else f"{w.names}n" for o in s.options]
    for lang in LANGS:
        missing = [k for k in words if f"app.{k}" not in catalogue(lang)]
        assert not missing, (lang, missing)


def test_an_unchanged_widget_leaves_the_field_as_the_file_had_it() -> None:
    raw = {"start": "2026-01", "months": 12, "client": {"birth_date": "1990-01-01", "benefits": {
        "aap": {"basis_g": 2, "yrkesskade": False, "arbeidsevne": 0}, "dagpenger": {"basis": 300000,
                                                                                  "normal_hours_per_week": 30, "weeks": 78},
        "tiltakspenger": {"days_per_period": 10}}}}
    out = case_data(raw, form_values(raw))["client"]["benefits"]
    assert out["aap"] == raw["client"]["benefits"]["aap"] and out["dagpenger"]["weeks"] == 78
    assert out["tiltakspenger"] == {"days_per_period": 10}
    v = form_values(raw)
    v.update({"f_has_tiltakspenger": True, "f_tp_days": 8, "f_aap_yrkesskade": True, "f_dp_weeks": "unknown"})
    out = case_data(raw, v)["client"]["benefits"]
    assert out["tiltakspenger"] == {"days_per_period": 8} and out["aap"]["yrkesskade"] is True
    assert out["dagpenger"]["weeks"] == 78  # the form cannot show 78 weeks: kept (and listed as a hidden setting)
