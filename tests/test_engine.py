"""The engine: month rows on real dates, meldeperioder, settlements, and the properties the engine promises (docs/architecture.md §2)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings

from benefit_calc import load_case, load_rules, parse_case, simulate
from benefit_calc.core.errors import BenefitCalcError, CaseError

from .strategies import aap_cases, benefit_cases, sosialhjelp_cases

RULES = load_rules()


def case(work: list | None = None, **aap: object) -> dict:
    return {"start": "2026-01", "months": 12,
            "client": {"birth_date": "1985-01-02", "benefits": {"aap": aap or {"basis_g": 4}}},
            "meldeperiode_start": "2026-01-05", "work": work or []}


def test_no_work_aap_4g_2026() -> None:
    """4 G, no work: each full period pays 10 weekdays × dagsats; dagsats by NAV's formula for G 130 160 / 136 549.

    Kelvin: factor = 2.64 / 260 = 0.0101538462 (10 dp); × 130 160 = 1321.62; × 136 549 = 1386.50 (to øre, half up).
    """
    res = simulate(RULES, parse_case(case()))
    jan = [p for p in res.periods if p.start == date(2026, 1, 5)][0]
    assert jan.amount == 10 * 1322 and jan.paid_on == date(2026, 1, 20)  # period end Sunday 18 + 2 days
    june = [p for p in res.periods if p.start == date(2026, 6, 8)][0]
    assert june.amount == 10 * 1387 and june.dagsats == pytest.approx(1386.50)
    mixed = [p for p in res.periods if p.start == date(2026, 4, 27)][0]  # 27.04–10.05: 4 weekdays before 1 May
    assert mixed.amount == 4 * 1322 + 6 * 1387


def test_work_limit_edge_in_the_engine() -> None:
    """22.5 h a week = 45 h a period = 60 % → 40 % paid; 22.75 h = 45.5 h = 60.67 % → 61 % → nothing (§ 11-23)."""
    ok = simulate(RULES, parse_case(case([{"from": "2026-03", "hours_per_week": 22.5, "hourly_wage": 200}])))
    over = simulate(RULES, parse_case(case([{"from": "2026-03", "hours_per_week": 22.75, "hourly_wage": 200}])))
    p_ok = [p for p in ok.periods if p.start == date(2026, 3, 16)][0]
    p_over = [p for p in over.periods if p.start == date(2026, 3, 16)][0]
    assert (p_ok.hours, p_ok.work_share, p_ok.payment_rate, p_ok.amount) == (45, 0.60, 0.40, 10 * 529)  # 1321.62×0.4=528.648
    assert (p_over.hours, p_over.work_share, p_over.amount) == (45.5, 0.61, 0)
    assert any(w.code == "aap_work_limit" for w in over.warnings)
    assert not any(w.code == "aap_work_limit" for w in ok.warnings)


def test_three_payment_months_are_flagged() -> None:
    res = simulate(RULES, parse_case(case()))
    threes = [m.month for m in res.months if m.aap_payments == 3]
    assert threes, "a year of 14-day periods has at least one month with three payments"
    flagged = {w.month for w in res.warnings if w.code == "aap_three_payments"}
    assert flagged == set(threes)
    assert sum(m.aap_payments for m in res.months) == len([p for p in res.periods])


def test_wages_paid_next_month_and_holiday_pay_second_year() -> None:
    data = case([{"from": "2026-01", "hours_per_week": 10, "hourly_wage": 200}])
    data["months"] = 18
    res = simulate(RULES, parse_case(data))
    by = {m.month: m for m in res.months}
    assert by[date(2026, 1, 1)].wages == 0  # January's hours are paid in February
    # January 2026 has 22 weekdays: 2 h each × 200 kr
    assert by[date(2026, 2, 1)].wages == 22 * 2 * 200
    assert by[date(2026, 6, 1)].holiday_pay == 0  # no feriepenger in the first year of the job
    earned_2026 = sum(d for d in [22, 20, 22, 22, 21, 22, 23, 21, 22, 22, 21, 23]) * 2 * 200  # weekdays per month
    assert by[date(2027, 6, 1)].holiday_pay == round(earned_2026 * 0.102)


def test_settlement_lands_next_year_and_months_add_up() -> None:
    data = case([{"from": "2026-03", "hours_per_week": 15, "hourly_wage": 220}])
    data["months"] = 24
    res = simulate(RULES, parse_case(data))
    y2026 = res.years[0]
    assert y2026.year == 2026 and y2026.settlement == y2026.tax_withheld - y2026.tax_assessed
    in_2027 = sum(m.settlements for m in res.months if m.month.year == 2027)
    assert in_2027 == y2026.settlement
    months_2026 = [m for m in res.months if m.month.year == 2026]
    assert sum(m.taxable_income for m in months_2026) == y2026.taxable_income
    assert sum(m.tax_withheld for m in months_2026) == y2026.tax_withheld


def test_result_json_contract() -> None:
    res = simulate(RULES, load_case("examples/aap-barn-opptrapping.yaml"))
    data = json.loads(res.to_json())
    assert data["schema"] == "benefit-calc/result@1"
    assert set(data["ruleset"]) == {"id", "version", "sha256", "overlays"}
    assert len(data["months"]) == 24
    m = data["months"][0]
    for key in ("month", "hours", "wages", "benefits", "taxable_income", "tax_withheld", "disposable"):
        assert key in m
    p = data["periods"][0]
    for key in ("benefit", "start", "end", "hours", "work_share", "payment_rate", "amount", "paid_on"):
        assert key in p
    assert {"year", "taxable_income", "tax_assessed", "tax_withheld", "settlement"} <= set(data["years"][0])
    for w in data["warnings"]:
        assert {"code", "month", "message", "reference"} <= set(w) and w["message"]


def test_opptrapping_raises_the_limit_only_inside_the_period() -> None:
    aap = {"basis_g": 4, "opptrapping": {"from": "2026-06", "months": 3}}
    res = simulate(RULES, parse_case(case([{"from": "2026-03", "hours_per_week": 30, "hourly_wage": 200}], **aap)))
    by_start = {p.start: p for p in res.periods}
    assert by_start[date(2026, 3, 16)].amount == 0  # 80 % work, limit 60 %
    assert by_start[date(2026, 6, 8)].amount == 10 * 277  # limit 80 %: paid 20 %; 1386.50 × 0.2 = 277.30
    # 31.08–13.09: the limit is checked per day (Kelvin), so only Monday 31 August, inside opptrapping, is paid
    assert by_start[date(2026, 8, 31)].amount == 277
    assert by_start[date(2026, 9, 14)].amount == 0  # opptrapping ended with August


def test_under_25_turns_25_in_a_period() -> None:
    """Minimum under 25 is 2/3 of 2.041 G; the full minimum applies from the 25th birthday itself (Kelvin)."""
    data = case(basis_g=0)
    data["client"]["birth_date"] = "2001-03-18"  # 25 on Wednesday 18 March 2026
    res = simulate(RULES, parse_case(data))
    p = [p for p in res.periods if p.start == date(2026, 3, 16)][0]
    # G 130 160: under 25 factor 0.0052333333 → 681.17; over 25 factor 0.0078500000 → 1021.76
    assert p.amount == 2 * 681 + 8 * 1022


@pytest.mark.parametrize("path", sorted(str(p) for p in __import__("pathlib").Path("examples").glob("*.yaml")))
def test_examples_simulate(path: str) -> None:
    res = simulate(RULES, load_case(path))
    assert len(res.months) == load_case(path).months
    assert res.ruleset["sha256"] == RULES.sha256


def _check_invariants(res) -> None:  # type: ignore[no-untyped-def]
    for p in res.payments:
        assert p.amount >= 0
    for w in res.withheld:
        assert w >= 0
    for m in res.months:
        assert m.disposable == m.wages + sum(m.benefits.values()) - m.tax_withheld + m.settlements
        assert all(v >= 0 for v in m.benefits.values())
    taxable: dict[int, int] = defaultdict(int)
    for p in res.payments:
        if p.taxable:
            taxable[p.paid_on.year] += p.amount
    for y in res.years:
        assert y.taxable_income == taxable[y.year]
        full_year = [m for m in res.months if m.month.year == y.year]
        if len(full_year) == 12:
            assert sum(m.taxable_income for m in full_year) == y.taxable_income
    assert sum(s.amount for s in res.settlements if s.scheme == "skatt") == sum(y.settlement for y in res.years)


@settings(max_examples=60, deadline=None)
@given(aap_cases())
def test_any_case_simulates_or_raises_our_error(data: dict) -> None:
    try:
        res = simulate(RULES, parse_case(data))
    except BenefitCalcError as exc:  # only our own errors, naming a field or rule
        assert str(exc)
        return
    _check_invariants(res)
    back = json.loads(res.to_json())
    assert [m["disposable"] for m in back["months"]] == [m.disposable for m in res.months]


@settings(max_examples=40, deadline=None)
@given(aap_cases(max_months=12))
def test_zero_hours_is_the_same_as_no_work(data: dict) -> None:
    try:
        no_work = simulate(RULES, parse_case({**data, "work": []}))
    except BenefitCalcError:
        return
    zero = simulate(RULES, parse_case({**data, "work": [{"from": data["start"], "hours_per_week": 0}]}))
    assert [m.to_dict() for m in zero.months] == [m.to_dict() for m in no_work.months]
    assert zero.years == no_work.years


@settings(max_examples=40, deadline=None)
@given(aap_cases(max_months=12))
def test_more_hours_never_raise_aap(data: dict) -> None:
    data = {**data, "work": [{"from": data["start"], "hours_per_week": 10, "hourly_wage": 200}]}
    more = {**data, "work": [{"from": data["start"], "hours_per_week": 14, "hourly_wage": 200}]}
    try:
        a, b = simulate(RULES, parse_case(data)), simulate(RULES, parse_case(more))
    except BenefitCalcError:
        return
    for p, q in zip(a.periods, b.periods):
        assert (p.start, p.end) == (q.start, q.end)
        assert q.amount <= p.amount


def test_a_case_without_benefits_runs() -> None:
    res = simulate(RULES, parse_case({"start": "2026-01", "months": 3, "client": {"birth_date": "1990-01-01"},
                                      "work": [{"from": "2026-01", "hours_per_week": 37.5, "monthly_salary": 40000,
                                                "payday": "same_month"}]}))
    assert [m.wages for m in res.months] == [40000] * 3
    assert res.periods == ()
    # table card on wages: Skatteetaten 2026 table 8000, 40 000 a month (computed by the table routine)
    assert res.months[0].tax_withheld > 0


def test_a_start_before_the_rules_names_start_and_the_supported_months() -> None:
    with pytest.raises(CaseError) as exc:
        simulate(RULES, parse_case({**case(), "start": "2018-01"}))
    assert exc.value.field == "start" and "from 2023-01 to 2035-12" in str(exc.value)
    with pytest.raises(CaseError, match="start: 2036-01"):
        simulate(RULES, parse_case({**case(), "start": "2036-01", "work": []}))


def test_a_rule_asked_before_its_first_value_names_file_parameter_and_date() -> None:
    with pytest.raises(BenefitCalcError) as exc:
        RULES.param("bostotte.cap").at(date(2022, 5, 1))
    assert str(exc.value) == "no/bostotte.yaml: cap: no value on 2022-05-01; the first value is from 2022-06-01"
    assert not isinstance(exc.value, CaseError)


def test_meldeperiode_anchor_default_and_note() -> None:
    data = case()
    del data["meldeperiode_start"]
    res = simulate(RULES, parse_case(data))
    assert res.meldeperiode_start == date(2026, 1, 5)  # first Monday on or after 1 January 2026
    assert any("05.01.2026" in n for n in res.notes)
    ends = [p.end for p in res.periods]
    assert all(b - a == timedelta(days=14) for a, b in zip(ends, ends[1:]))


def test_percentage_card_on_wages_and_table_on_wages_option() -> None:
    base = case([{"from": "2026-01", "hours_per_week": 10, "monthly_salary": 10000, "payday": "same_month"}])
    res = simulate(RULES, parse_case({**base, "tax": {"percent": 30}}))
    wages_tax = [w for p, w in zip(res.payments, res.withheld) if p.scheme == "wages"]
    assert wages_tax and all(w == 3000 for w in wages_tax)
    flipped = simulate(RULES, parse_case({**base, "tax": {"withholding": "table_on_wages", "percent": 30}}))
    aap_tax = {w for p, w in zip(flipped.payments, flipped.withheld) if p.scheme == "aap" and p.paid_on.month not in (6, 12)}
    aap_amounts = {p.amount for p in flipped.payments if p.scheme == "aap" and p.paid_on.month not in (6, 12)}
    assert aap_tax == {round(a * 0.30) for a in aap_amounts}  # NAV now on the percentage card


def test_opptrapping_longer_than_the_law_allows_is_refused() -> None:
    data = case(basis_g=3, opptrapping={"from": "2026-02", "months": 13})
    with pytest.raises(CaseError) as exc:
        simulate(RULES, parse_case(data))
    assert exc.value.field == "client.benefits.aap.opptrapping.months" and "12 months" in str(exc.value)


@pytest.mark.parametrize(("a", "b", "words"), [
    ("aap", "dagpenger", "choose one"),
    ("tiltakspenger", "aap", "§ 7"),
    ("tiltakspenger", "uforetrygd", "§ 7"),
])
def test_combinations_the_law_excludes_are_refused(a: str, b: str, words: str) -> None:
    bodies = {"aap": {"basis_g": 3}, "dagpenger": {"basis": 300000, "normal_hours_per_week": 37.5}, "tiltakspenger": {},
              "uforetrygd": {"degree": 50, "ifu": 400000, "full_benefit": 264000, "granted": "2020-01-01"}}
    data = {"start": "2026-01", "months": 3, "client": {"birth_date": "1990-01-01",
            "benefits": {a: bodies[a], b: bodies[b]}}}
    with pytest.raises(CaseError) as exc:
        simulate(RULES, parse_case(data))
    assert exc.value.field == f"client.benefits.{a}" and words in str(exc.value)


def test_overgangsstonad_with_uforetrygd_is_samordnet() -> None:
    """Uføretrygd is deducted from overgangsstønad as samordningsfradrag (familie-ef-sak BeregningUtils)."""
    data = {"start": "2026-01", "months": 2, "client": {"birth_date": "1990-01-01", "benefits": {
        "overgangsstonad": {}, "uforetrygd": {"degree": 50, "ifu": 400000, "full_benefit": 264000, "granted": "2020-01-01"}}}}
    res = simulate(RULES, parse_case(data))
    jan = res.months[0]
    assert jan.benefits["uforetrygd"] == 11000  # 264 000 × 50 % / 12
    assert jan.benefits["overgangsstonad"] == 24405 - 11000  # full 130 160 × 2.25 / 12 = 24 405 (half even)


@settings(max_examples=60, deadline=None)
@given(benefit_cases())
def test_every_benefit_simulates_with_the_invariants(data: dict) -> None:
    try:
        res = simulate(RULES, parse_case(data))
    except BenefitCalcError as exc:
        assert str(exc)
        return
    _check_invariants(res)


@settings(max_examples=40, deadline=None)
@given(benefit_cases(max_months=12))
def test_more_hours_never_raise_a_benefit_that_work_reduces(data: dict) -> None:
    """AAP, dagpenger, uføretrygd, overgangsstønad and KVP never pay more in a month when the client works more."""
    start = data["start"]
    few = {**data, "work": [{"from": start, "hours_per_week": 8, "hourly_wage": 220, "payday": "same_month"}]}
    many = {**data, "work": [{"from": start, "hours_per_week": 16, "hourly_wage": 220, "payday": "same_month"}]}
    try:
        a, b = simulate(RULES, parse_case(few)), simulate(RULES, parse_case(many))
    except BenefitCalcError:
        return
    samordnet = "uforetrygd" in data["client"]["benefits"]  # less uføretrygd means more overgangsstønad (samordning)
    for ma, mb in zip(a.months, b.months):
        for scheme in ("aap", "dagpenger", "uforetrygd", "overgangsstonad", "kvalifiseringsstonad"):
            if scheme == "overgangsstonad" and samordnet:
                continue
            assert mb.benefits.get(scheme, 0) <= ma.benefits.get(scheme, 0), (scheme, ma.month)
        assert sum(mb.benefits.values()) <= sum(ma.benefits.values()), ma.month


def _months_or_error(rules, data):  # type: ignore[no-untyped-def]
    try:
        return simulate(rules, parse_case(data)).months
    except CaseError as exc:
        return str(exc)


@settings(max_examples=20, deadline=None)
@given(sosialhjelp_cases(max_months=8), sosialhjelp_cases(max_months=8))
def test_remembered_results_never_leak_between_cases(first: dict, second: dict) -> None:
    """The rules remember case-independent work (Ruleset.cached); a case simulated after another must come out
    exactly as with freshly loaded rules — so every remembered result is keyed by everything it depends on."""
    shared = load_rules()
    _months_or_error(shared, first)
    _months_or_error(shared, second)
    assert _months_or_error(shared, second) == _months_or_error(load_rules(), second)
    assert _months_or_error(shared, first) == _months_or_error(load_rules(), first)


@settings(max_examples=25, deadline=None)
@given(benefit_cases(max_months=14))
def test_every_warning_has_english_text(data: dict) -> None:
    """The app and report show warnings in English on request: each carries both languages and an action."""
    try:
        result = simulate(RULES, parse_case(data))
    except CaseError:
        return
    for w in result.warnings:
        assert w.message and w.message_en and w.action and w.action_en, w.code
        assert w.message_in("en") == w.message_en and w.message_in("nb") == w.message


def test_every_warning_in_the_examples_has_english_text() -> None:
    from pathlib import Path
    codes = set()
    for path in sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")):
        for w in simulate(RULES, load_case(path)).warnings:
            codes.add(w.code)
            assert w.message_en and w.action_en, (path.name, w.code)
    assert len(codes) >= 6  # the examples exercise most kinds of warning


def test_every_parameter_read_is_traced_and_explained() -> None:
    """Issue 12: a payment's explanation lists every parameter its scheme read for it (bostøtte: all of its own),
    and the same trace comes back from work the rules remembered (cached) as from work done afresh."""
    from benefit_calc.rules.model import tracing

    case = load_case(Path(__file__).parent.parent / "examples" / "sosialhjelp-finnmark.yaml")
    fresh = load_rules()
    with tracing() as first:
        simulate(fresh, case)
    with tracing() as again:  # now mostly from the rules' caches
        simulate(fresh, case)
    assert first == again and len(first) > 50
    res = simulate(RULES, case)
    bostotte = next(p for p in res.payments if p.scheme == "bostotte").explain()
    own = {n for n in RULES.parameters if n.startswith("bostotte.")}
    listed = {u.name for u in bostotte.used}
    # not read: the cap add-on (Alta is in no cap group) and the progressive term's threshold and step (the term
    # ended in termin June 2024; from July 2024 its rate is 0)
    assert len(own & listed) >= 11 and own - listed == {
        "bostotte.cap_addon", "bostotte.egenandel_progressive_threshold", "bostotte.egenandel_progressive_step"}
    assert all(u.valid_from <= bostotte_day for u in bostotte.used
               for bostotte_day in [next(p for p in res.payments if p.scheme == "bostotte").earned_to])


def test_projected_warnings_cover_every_parameter_read() -> None:
    """Not a hand-written list: any rule a case reads past its last known value is named, grouped by rule file."""
    res = simulate(RULES, parse_case({**case(), "start": "2027-03", "months": 12}))
    projected = [w for w in res.warnings if w.code == "projected_rule"]
    text = " ".join(w.message for w in projected)
    assert "Grunnbeløpet (G)" in text and "Personfradrag" in text and "Trinnskatt" in text
    assert all(w.message_nn and w.message_en for w in projected)


_BODIES = {  # each benefit with what it needs, and the dates that reach a rule given (as far back as the bounds go)
    "aap": {"basis_g": 2, "opptrapping": {"from": "2025-01", "months": 3}, "granted": "2024-01-01",
            "further_reduced": "2024-01-01", "incomes_before": [300000, 200000, 100000]},
    "dagpenger": {"basis": 300000, "normal_hours_per_week": 37.5, "granted": "2024-01-01", "income_12_months": 250000},
    "uforetrygd": {"degree": 40, "ifu": 400000, "full_benefit": 200000, "granted": "2020-01-01"},
    "overgangsstonad": {"expected_income": 100000}, "tiltakspenger": {}, "kvalifiseringsstonad": {},
    "bostotte": {}, "sosialhjelp": {},
}


def _date_fields(cls: type, path: str) -> list[tuple[str, str]]:
    from benefit_calc.case.declare import inputs, key

    out = []
    for a, i in inputs(cls):
        if i.of is not None:
            out += _date_fields(i.of, f"{path}.{key(a, i)}")
        elif i.kind in ("date", "month"):
            out.append((f"{path}.{key(a, i)}", i.kind))
    return out


def test_no_date_of_a_case_reaches_a_rule_before_its_first_value() -> None:
    """Issue 21 item 4: an opptrapping from 2017 passed the bounds and failed deep in the AAP scheme as a rules error
    (API: 500). Every date field of every benefit (from the declarations, so a new one is tried too), set as far back
    as its bounds allow, gives a CaseError naming that field — never a RulesError."""
    import copy

    import attrs

    from benefit_calc.case.benefits import Benefits
    from benefit_calc.core.errors import CaseError

    tried = 0
    for b in attrs.fields(Benefits):
        for path, kind in _date_fields(b.metadata["input"].of, f"client.benefits.{b.name}"):
            body = copy.deepcopy(_BODIES[b.name])
            *inner, last = path.split(".")[3:]
            place = body
            for part in inner:
                place = place.setdefault(part, {"months": 3} if part == "opptrapping" else {})
            place[last] = "1900-01" if kind == "month" else "1900-01-01"
            benefits = {b.name: body, **({"uforetrygd": _BODIES["uforetrygd"]} if b.name == "aap" else {})}
            case = parse_case({"start": "2027-01", "months": 3, "client": {"birth_date": "1985-01-01",
                                                                          "benefits": benefits},
                               "household": {"municipality": "0301", "rent_per_month": 9000,
                                             "children": [{"birth_date": "2020-01-01"}]}})
            try:
                simulate(RULES, case)
            except CaseError as e:
                assert e.field.startswith(f"client.benefits.{b.name}"), (path, str(e))
            tried += 1
    assert tried >= 12
