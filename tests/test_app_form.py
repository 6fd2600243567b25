"""The app form ↔ case mapping (app_form.py): every example survives the round trip; fields the form does not
show are kept; widget values become the case fields they name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings

from benefit_calc import parse_case
from benefit_calc.app_form import case_data, form_values

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
              "f_tax_table": 8030, "f_partner": True, "f_partner_income": 30000.0})
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
