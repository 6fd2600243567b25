"""Cliffs, plateaus and timing cliffs (cliffs.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benefit_calc import parse_case, simulate
from benefit_calc.cliffs import rate_cliffs, timing_cliffs
from benefit_calc.rules import load_rules
from benefit_calc.sweep import sweep

RULES = load_rules()
LIMIT_30 = Path(__file__).parent / "data" / "aap-limit-30.yaml"


def case(**over: Any) -> Any:
    data: dict[str, Any] = {"start": "2026-03", "months": 10, "meldeperiode_start": "2026-03-02",
                            "household": {"municipality": "1860", "rent_per_month": 9000},
                            "client": {"birth_date": "1980-01-01", "benefits": {"aap": {"basis_g": 3.0}}},
                            "work": [{"from": "2026-03", "hours_per_week": 10, "hourly_wage": 250}]}
    data.update(over)
    return parse_case(data)


def test_the_aap_limit_is_found_with_its_rule_and_the_way_past_it() -> None:
    sw = sweep(RULES, case(), list(range(0, 41)))
    cliffs = [c for c in rate_cliffs(RULES, sw) if c.kind == "cliff"]
    aap = next(c for c in cliffs if c.cause == "aap")
    assert (aap.hours_from, aap.hours_to, aap.parameter) == (22, 23, "aap.max_work_share")
    assert "§ 11-23" in aap.reference and aap.loss > 0
    assert aap.past_hours is not None and sw.steps[int(aap.past_hours)].total > sw.steps[22].total
    assert sw.steps[int(aap.past_hours) - 1].total <= sw.steps[22].total  # the first level past it
    assert "22 timer" in aap.action and aap.past_wages == round(
        (sw.steps[int(aap.past_hours)].earnings() - sw.steps[22].earnings()) / len(sw.months))


def test_a_cliff_built_into_an_overlay_is_found_and_reports_its_rule() -> None:
    rules = load_rules(overlays=[LIMIT_30])
    sw = sweep(rules, case(), list(range(0, 25)))
    cliff = next(c for c in rate_cliffs(rules, sw) if c.kind == "cliff" and c.cause == "aap")
    assert (cliff.hours_from, cliff.hours_to, cliff.parameter) == (11, 12, "aap.max_work_share")
    assert rules.value("aap.max_work_share", sw.months[0]) == 0.3


def test_plateau_where_almost_nothing_is_kept_and_english_text() -> None:
    """On sosialhjelp every net krone is taken: from 0 to 20 hours the household keeps (almost) nothing."""
    on_sh = case(client={"birth_date": "1980-01-01", "benefits": {"aap": {"basis_g": 2.041}, "sosialhjelp": {}}},
                 household={"municipality": "1860", "rent_per_month": 25000, "electricity_per_month": 1500},
                 tax={"percent": 30})  # enough withheld on the wages that no restskatt comes on top
    sw = sweep(RULES, on_sh, [0, 5, 10, 15, 20])
    plateaus = [c for c in rate_cliffs(RULES, sw, "en") if c.kind == "plateau"]
    assert [(c.hours_from, c.hours_to) for c in plateaus] == [(5, 20)]
    assert plateaus[0].cause == "aap" and "keeps only" in plateaus[0].message and "sosialhjelp" in plateaus[0].message
    kept = sw.steps[4].total - sw.steps[1].total
    gross = sw.steps[4].earnings() - sw.steps[1].earnings()
    assert kept / gross < 0.10 and plateaus[0].loss == gross - kept


def test_no_cliffs_without_benefits() -> None:
    plain = case(client={"birth_date": "1980-01-01"})
    assert [c for c in rate_cliffs(RULES, sweep(RULES, plain, [0, 10, 20, 30])) if c.kind == "cliff"] == []


def test_timing_cliff_after_a_three_payment_month() -> None:
    r = simulate(RULES, case(work=[]))
    three = [m.month for m in r.months if m.aap_payments == 3]
    found = timing_cliffs(RULES, r)
    assert three and found
    first = found[0]
    assert first.cause == "aap" and first.kind == "timing"
    assert first.month.month == three[0].month % 12 + 1
    assert "tre utbetalinger av AAP" in first.message and first.loss > 0
