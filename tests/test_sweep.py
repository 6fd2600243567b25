"""Hours sweep and OECD effective rates (sweep.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefit_calc import parse_case
from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import load_rules
from benefit_calc.analysis.sweep import parse_hours, rate_between, sweep

from .strategies import sosialhjelp_cases

RULES = load_rules()


def aap_case(**over: Any) -> Any:
    data: dict[str, Any] = {"start": "2026-03", "months": 6, "meldeperiode_start": "2026-03-02",
                            "household": {"municipality": "1860"},
                            "client": {"birth_date": "1980-01-01", "benefits": {"aap": {"basis_g": 3.0}}},
                            "work": [{"from": "2026-03", "hours_per_week": 10, "hourly_wage": 250}]}
    data.update(over)
    return parse_case(data)


def test_sweep_at_the_aap_limit_drops_to_zero_at_the_exact_hours() -> None:
    """Kelvin rounds the work share to 3 decimals and then to a whole percent (half up): 22.65 h a week = 45.3 of
    75 hours a period = 0.604 → 60 %, still paid (40 %); 22.7 h = 45.4 hours = 0.605 → 61 %, over the limit: nothing."""
    sw = sweep(RULES, aap_case(), [0, 22.5, 22.65, 22.7])
    none, at_45, at_453, at_454 = (s.parts["aap"] for s in sw.steps)
    inside = range(2, 6)  # May–August: every period paid then lies wholly in the job
    assert all(at_45[m] == at_453[m] > 0 for m in inside)
    assert all(abs(at_453[m] - 0.4 * none[m]) <= 0.01 * none[m] for m in inside)  # paid 40 %
    assert all(at_454[m] == 0 for m in inside)  # over the limit: nothing


def test_wage_defaults_to_the_plan_and_is_required_without_one() -> None:
    assert sweep(RULES, aap_case(), [0]).wage == 250
    with pytest.raises(CaseError, match="wage"):
        sweep(RULES, aap_case(work=[]), [0, 10])
    assert sweep(RULES, aap_case(work=[]), [0, 10], wage=200).steps[1].earnings() > 0


@pytest.mark.parametrize(("text", "levels"), [("0:4:2", (0, 2, 4)), ("0,7.5,15", (0, 7.5, 15)), ("5:5:1", (5,))])
def test_parse_hours(text: str, levels: tuple[float, ...]) -> None:
    assert parse_hours(text) == levels


@pytest.mark.parametrize("text", ["0:40", "a:b:c", "10:0:1", "0:400:1", "0:1000:0.1", "-1,2"])
def test_parse_hours_refuses_with_the_field(text: str) -> None:
    with pytest.raises(CaseError, match="^hours"):
        parse_hours(text)


def test_ptr_against_zero_hours_is_the_share_of_wages_lost() -> None:
    sw = sweep(RULES, aap_case(), [0, 10, 20])
    p = sw.ptr(2)
    gross = sw.steps[2].earnings() - sw.steps[0].earnings()
    net = sw.steps[2].total - sw.steps[0].total
    assert (p.gross_change, p.net_change) == (gross, net) and p.rate == pytest.approx(1 - net / gross)
    assert p.parts["aap"] > 0.5  # most of the loss is AAP reduced for the hours
    assert sw.emtr(2) is None and sw.ptr(0).rate is None


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sosialhjelp_cases(max_months=8), st.lists(st.sampled_from([0, 5, 10, 15, 22.5, 23, 30, 37.5]), min_size=2,
                                                 max_size=4, unique=True).map(sorted))
def test_rates_are_consistent_with_the_sweep_and_their_parts_add_up(data: dict[str, Any], levels: list[float]) -> None:
    case = parse_case(data)
    try:
        sw = sweep(RULES, case, levels, wage=200)
    except CaseError:
        return
    for i in range(len(levels)):
        for r, a, b in ((sw.ptr(i), sw.steps[0], sw.steps[i]),
                        *(((sw.emtr(i), sw.steps[i], sw.steps[i + 1]),) if i + 1 < len(levels) else ())):
            assert r.net_change == b.total - a.total
            assert r.gross_change == b.earnings() - a.earnings()
            if r.gross_change:
                assert r.rate == pytest.approx(1 - r.net_change / r.gross_change)
                assert sum(r.parts.values()) == pytest.approx(r.rate)
        for m in range(len(sw.months)):  # per month too
            r = rate_between(sw.steps[0], sw.steps[i], m)
            if r.gross_change:
                assert sum(r.parts.values()) == pytest.approx(r.rate)
                assert r.net_change == sw.steps[i].disposable[m] - sw.steps[0].disposable[m]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sosialhjelp_cases(max_months=10))
def test_the_lean_simulation_of_a_sweep_gives_the_same_amounts(data: dict[str, Any]) -> None:
    from benefit_calc import simulate
    case = parse_case(data)
    try:
        full = simulate(RULES, case)
    except CaseError:
        return
    lean = simulate(RULES, case, detail=False)
    key = [(p.scheme, p.paid_on, p.amount, p.earned_from, p.earned_to, p.taxable) for p in full.payments]
    assert [(p.scheme, p.paid_on, p.amount, p.earned_from, p.earned_to, p.taxable) for p in lean.payments] == key
    assert lean.months == full.months and lean.withheld == full.withheld and lean.years == full.years
    for a, b in zip(lean.payments, full.payments):  # the explanation is the same, made again when asked for; the
        la, fb = a.explain(), b.explain()  # detailed run adds every other parameter its scheme read (traced)
        assert (la.rule, la.text, la.text_en, la.text_nn, la.reference) == (fb.rule, fb.text, fb.text_en, fb.text_nn,
                                                                            fb.reference)
        assert fb.used[:len(la.used)] == la.used and len({u.name for u in fb.used}) == len(fb.used)


@pytest.mark.parametrize("text, count", [("0:1e9:1", "1000000001"), ("0:40:1e-300", "4e+301"),
                                         ("0:40:0.0001", "400001"), (",".join(["1"] * 300), "300")])
def test_too_many_levels_are_counted_before_they_are_made(text: str, count: str) -> None:
    """Issue 21 item 1: ``0:1e9:1`` built a billion levels (2.5 GB, then MemoryError) before counting them; now it
    is refused with the count at once. A subprocess with a memory cap and a time limit makes a regression fail
    instead of taking the machine down."""
    import subprocess
    import sys

    code = ("import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "from benefit_calc.analysis.sweep import parse_hours\n"
            f"try:\n    parse_hours({text!r})\nexcept ValueError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "levels" in out.stdout, out.stderr[-500:]
    with pytest.raises(CaseError, match=rf"gives {re.escape(count)} levels"):  # safe now: counted first
        parse_hours(text)
