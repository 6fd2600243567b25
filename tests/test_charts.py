"""Chart specifications (charts.py): what each layer plots, Norwegian number format, "you are here" and cliffs."""

from __future__ import annotations

import json
from pathlib import Path

from benefit_calc import load_case, load_rules, simulate, sweep
from benefit_calc.charts import KR, NB_LOCALE, month_chart, month_data, sweep_chart
from benefit_calc.cliffs import rate_cliffs

RULES = load_rules()
CASE = load_case(Path(__file__).parent.parent / "examples" / "aap-naer-grensen.yaml")


def test_month_chart_stacks_every_component_and_draws_the_household_line() -> None:
    result = simulate(RULES, CASE)
    spec = month_chart(result)
    json.dumps(spec)  # plain JSON for st.vega_lite_chart
    bars, line = spec["layer"]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["y"]["aggregate"] == "sum"
    assert line["mark"]["type"] == "line"
    assert [p["kr"] for p in line["data"]["values"]] == [m.household_disposable for m in result.months]
    rows = bars["data"]["values"]
    for m in result.months:  # the stacked parts of a month add up to its disposable income
        assert sum(r["kr"] for r in rows if r["month"] == f"{m.month:%Y-%m}") == m.household_disposable
    assert {r["what"] for r in rows} >= {"Lønn", "aap", "Skattetrekk"}
    assert all(r["kr"] < 0 for r in rows if r["what"] == "Skattetrekk")
    assert {r["what"] for r in month_data(result, "en")} >= {"Wages", "Tax withheld"}


def test_norwegian_number_format() -> None:
    spec = month_chart(simulate(RULES, CASE))
    assert spec["config"]["locale"]["number"] == NB_LOCALE
    assert NB_LOCALE["thousands"] == "\u00a0" and NB_LOCALE["currency"] == ["", "\u00a0kr"]  # 30 000 kr
    assert spec["layer"][0]["encoding"]["y"]["axis"]["format"] == KR


def test_sweep_chart_marks_you_are_here_and_the_cliffs() -> None:
    sw = sweep(RULES, CASE, list(range(0, 31)), wage=220)
    cliffs = rate_cliffs(RULES, sw)
    spec = sweep_chart(sw, 22.0, cliffs, "en")
    line, here, marks = spec["layer"]
    assert len(line["data"]["values"]) == 31
    assert here["data"]["values"] == [{"hours": 22.0, "label": "You are here"}]
    assert [m["hours"] for m in marks["data"]["values"]] == [c.hours_to for c in cliffs if c.kind == "cliff"]
    assert any("aap" in m["label"] for m in marks["data"]["values"])
