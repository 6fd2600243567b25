"""Chart specifications (charts.py): what each layer plots, Norwegian number format, "you are here" and cliffs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benefit_calc import load_case, load_rules, parse_case, simulate, sweep
from benefit_calc.present.charts import KR, NB_LOCALE, month_chart, month_data, sweep_chart
from benefit_calc.analysis.cliffs import component_label, rate_cliffs
from benefit_calc.engine.registry import BENEFIT_PAYMENTS as BENEFIT_SCHEMES
from benefit_calc.words import LANGS

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
    assert {r["what"] for r in rows} >= {"Lønn", "AAP", "Skattetrekk"}
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
    assert any(m["label"].startswith("Cliff: AAP (") for m in marks["data"]["values"])
    assert not any("aap" in m["label"] for m in marks["data"]["values"])
    nn = sweep_chart(sw, 22.0, rate_cliffs(RULES, sw, "nn"), "nn")
    assert nn["layer"][0]["encoding"]["x"]["title"] == "Timar i veka" and nn["layer"][1]["data"]["values"][0]["label"] == "Du er her"


# a household with many parts: uføretrygd with its child supplement, overgangsstønad, bostøtte, barnetrygd,
# kontantstøtte and a partner's income
MANY = {"start": "2026-01", "months": 12,
        "client": {"birth_date": "1984-11-02", "benefits": {
            "uforetrygd": {"degree": 100, "ifu": 420000, "full_benefit": 277200, "granted": "2019-03-01"},
            "overgangsstonad": {}, "bostotte": {}}},
        "household": {"municipality": "5001", "rent_per_month": 8900, "electricity_per_month": 700,
                      "partner": {"birth_date": "1985-01-01", "income_per_month": 15000},
                      "children": [{"birth_date": "2018-01-01"}, {"birth_date": "2025-03-01"}]},
        "work": [{"from": "2026-03", "hours_per_week": 12, "hourly_wage": 230}]}
CODES = {*BENEFIT_SCHEMES, "partner", "wages", "tax", "settlements"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_legend_names_every_part_in_words_never_by_its_code(lang: str) -> None:
    result = simulate(RULES, parse_case(MANY))
    assert {"barnetillegg_uforetrygd", "overgangsstonad", "bostotte", "kontantstotte"} <= set(result.benefit_names())
    legend = {r["what"] for r in month_data(result, lang)}
    assert len(legend) >= 8 and not legend & CODES, legend & CODES
    expected = {"nb": {"Barnetillegg (uføretrygd)", "Overgangsstønad", "Bostøtte", "Lønn", "Partnerens inntekt"},
                "nn": {"Barnetillegg (uføretrygd)", "Overgangsstønad", "Bustøtte", "Løn", "Inntekta til partnaren"},
                "en": {"Child supplement (uføretrygd)", "Overgangsstønad", "Bostøtte", "Wages", "Partner's income"}}
    assert expected[lang] <= legend
    bars = month_chart(result, lang)["layer"][0]["encoding"]
    assert bars["y"]["title"] == {"nb": "Kroner", "nn": "Kroner", "en": "Amount (kr)"}[lang]
    assert bars["color"]["title"] == {"nb": "Hva", "nn": "Kva", "en": "What"}[lang]


def test_each_part_of_the_money_keeps_its_colour_across_cases_and_languages() -> None:
    """Issue 18.10: colours followed the series' order (light blue was Lønn in one case, Skattetrekk in another)."""
    from benefit_calc import load_case, load_rules, simulate
    from benefit_calc.present.charts import COLOURS, month_chart

    rules = load_rules()
    seen: dict[str, str] = {}
    for name in ("aap-barn-opptrapping.yaml", "sosialhjelp-finnmark.yaml", "uforetrygd-deltid.yaml"):
        result = simulate(rules, load_case(Path(__file__).parent.parent / "examples" / name))
        for lang in ("nb", "en"):
            scale = month_chart(result, lang)["layer"][0]["encoding"]["color"]["scale"]
            labels = {component_label(k, lang): k for k in COLOURS}
            for label, colour in zip(scale["domain"], scale["range"]):
                part = labels[label]
                assert colour == COLOURS[part] and seen.setdefault(part, colour) == colour
    assert seen["wages"] != seen["tax"]
    assert len(set(COLOURS.values())) == len(COLOURS)


def test_the_month_chart_draws_the_no_work_baseline_and_month_names() -> None:
    """Issue 18.8–9: the baseline as a line, and "jan. 2027" on the axis, not "2027-01"."""
    from benefit_calc import load_case, load_rules, simulate
    from benefit_calc.present.charts import month_chart
    from benefit_calc.present.summary import headline

    rules = load_rules()
    case = load_case(Path(__file__).parent.parent / "examples" / "aap-barn-opptrapping.yaml")
    result = simulate(rules, case)
    spec = month_chart(result, "nb", headline(rules, case, result).baseline)
    lines = spec["layer"][1]["data"]["values"]
    assert {r["line"] for r in lines} == {"Husstanden med planen", "Husstanden uten jobb"}
    assert "'jan 2027'" in spec["layer"][0]["encoding"]["x"]["axis"]["labelExpr"]
