"""Økonomisk sosialhjelp (sosialtjenesteloven § 18): need − net resources, krone for krone.

Published figures: the state guideline rates in Rundskriv A-1/2022 (2022-01 and 2022-07), Statsforvalteren
Vestland (2023-01), Statsforvalteren 26.06.2023 (2023-07, +10 %) and Rundskriv A-3/2023 (2024-01). The month
sequences are worked by hand from the rule, with the AAP amounts and tax withheld the engine reports.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from benefit_calc import parse_case, simulate
from benefit_calc.core.errors import CaseError
from benefit_calc.core.money import fmt
from benefit_calc.rules.load import load_rules
from benefit_calc.schemes.sosialhjelp import need, rates_need
from .strategies import sosialhjelp_cases

RULES = load_rules()
OVERLAY = Path(__file__).parent.parent / "examples" / "overlays" / "sosialhjelp-kommune-eksempel.yaml"
DAY_BEFORE = Path(__file__).parent / "data" / "sosialhjelp-dagen-for.yaml"
BARNETRYGD_COUNTED = Path(__file__).parent.parent / "examples" / "overlays" / "sosialhjelp-barnetrygd-teller.yaml"
# the 2026 rates are an estimate in the rule file (no circular found): the month sequences below follow the file
RATES_2026 = RULES.value("sosialhjelp.rates", date(2026, 1, 1))
SINGLE, SHARED = RATES_2026["single"], RATES_2026["shared_housing"]
CHILD_0_5, CHILD_6_10 = (band["amount"] for band in RATES_2026["children"][:2])


def stonad(r: Any) -> dict[date, int]:
    """The stønad for each month (by the month it is for; it may land in the month before, see test_paydays)."""
    return {p.earned_from: p.amount for p in r.payments if p.scheme == "sosialhjelp"}


def case(**over: Any) -> Any:
    data: dict[str, Any] = {
        "start": "2026-01", "months": 12,
        "household": {"municipality": "1860", "rent_per_month": 7000, "electricity_per_month": 800},
        "client": {"birth_date": "1990-05-01", "benefits": {"sosialhjelp": {}}},
    }
    for key, value in over.items():
        target = data
        *path, last = key.split("__")
        for k in path:
            target = target[k]
        target[last] = value
    return parse_case(data)


@pytest.mark.parametrize(("month", "single", "couple", "kids_2_8_14"), [
    (date(2022, 3, 1), 6550, 10950, 3200 + 3300 + 4300),  # Rundskriv A-1/2022, rates from 1 January 2022
    (date(2022, 7, 1), 6650, 11150, 3250 + 3350 + 4400),  # from 1 July 2022 (+3.4 %)
])
def test_published_state_rates(month: date, single: int, couple: int, kids_2_8_14: int) -> None:
    """The 2022 rates, before the first month a case may start; the rates from 2023 (Statsforvalteren Vestland
    2023, +10 % from 1 July 2023, Rundskriv A-3/2023) are whole cases in tests/schemes/sosialhjelp.yaml."""
    alone = case(start=f"{month:%Y-%m}")
    assert rates_need(RULES, alone, month)[0] == single
    kids = [{"birth_date": date(month.year - age, 1, 1).isoformat()} for age in (2, 8, 14)]
    family = case(start=f"{month:%Y-%m}", household__children=kids,
                  household__partner={"birth_date": "1985-01-01"})
    assert rates_need(RULES, family, month)[0] == couple + kids_2_8_14


def test_child_band_changes_on_the_birthday_month_after_and_ends_at_18() -> None:
    c = case(household__children=[{"birth_date": "2020-06-15"}])
    assert rates_need(RULES, c, date(2026, 6, 1))[0] - rates_need(RULES, case(), date(2026, 6, 1))[0] == CHILD_0_5  # still 5
    assert rates_need(RULES, c, date(2026, 7, 1))[0] - rates_need(RULES, case(), date(2026, 7, 1))[0] == CHILD_6_10  # 6 on 1 July
    grown = case(household__children=[{"birth_date": "2008-03-10"}])
    assert rates_need(RULES, grown, date(2026, 4, 1))[0] == SINGLE  # 18 on 1 April: no child rate


def test_need_adds_rent_electricity_and_other_costs() -> None:
    c = case(client__benefits={"sosialhjelp": {"other_costs_per_month": 350, "shared_housing": True}})
    assert need(RULES, c, date(2026, 3, 1)) == SHARED + 7000 + 800 + 350  # the bofellesskap rate + rent + electricity + other


def test_without_income_the_whole_need_is_paid_on_the_first_banking_day() -> None:
    r = simulate(RULES, case())
    assert [m.benefits["sosialhjelp"] for m in r.months] == [SINGLE + 7800] * 12
    paid = [p.paid_on for p in r.payments if p.scheme == "sosialhjelp"]
    # the model's assumption (utbetaling.roll: sosialhjelp after): 1 Jan (holiday) → Fri 2 Jan, 1 Feb (Sun) → Mon 2,
    # 1 Mar (Sun) → Mon 2, 1 May (holiday) → Mon 4, 1 Aug (Sat) → Mon 3, 1 Nov (Sun) → Mon 2
    assert paid == [date(2026, 1, 2), date(2026, 2, 2), date(2026, 3, 2), date(2026, 4, 1), date(2026, 5, 4),
                    date(2026, 6, 1), date(2026, 7, 1), date(2026, 8, 3), date(2026, 9, 1), date(2026, 10, 1),
                    date(2026, 11, 2), date(2026, 12, 1)]
    assert not any(p.taxable for p in r.payments if p.scheme == "sosialhjelp")
    assert not [w for w in r.warnings if w.code == "sosialhjelp_paid_early"]


def test_an_office_paying_the_day_before_moves_the_stonad_into_the_month_before() -> None:
    """nav.no: "Hvis utbetalingsdatoen faller på en helg eller helligdag, får du vanligvis pengene dagen før" — an
    office paying on the 1st that way (an overlay) pays some months' stønad in the month before, and the result
    names them."""
    rules = load_rules(overlays=[DAY_BEFORE])
    r = simulate(rules, case())
    paid = {p.earned_from: p.paid_on for p in r.payments if p.scheme == "sosialhjelp"}
    assert [paid[date(2026, k, 1)] for k in (1, 2, 3, 4, 5, 8, 11)] == [
        date(2025, 12, 31), date(2026, 1, 30), date(2026, 2, 27), date(2026, 4, 1), date(2026, 4, 30),
        date(2026, 7, 31), date(2026, 10, 30)]
    # the month table shows what lands: twice in some months, none in others
    assert [m.benefits["sosialhjelp"] // (SINGLE + 7800) for m in r.months] == [1, 1, 0, 2, 0, 1, 2, 0, 1, 2, 0, 1]
    (early,) = [w for w in r.warnings if w.code == "sosialhjelp_paid_early"]
    assert early.month == date(2026, 1, 1) and "januar 2026 (utbetalt 31.12.2025)" in early.message
    assert "March 2026 (paid 27 Feb 2026)" in early.message_en and "sett av" in early.action.lower()


def test_aap_counts_net_krone_for_krone_and_a_third_payment_wipes_out_that_month() -> None:
    c = case(client__benefits={"aap": {"basis_g": 2.041}, "sosialhjelp": {}}, household__rent_per_month=12000)
    r = simulate(RULES, c)
    got = stonad(r)
    for m in r.months:  # the stønad for a month: the need less the net AAP landing in that month
        net_aap = m.benefits["aap"] - m.tax_withheld
        assert got.get(m.month, 0) == max(0, SINGLE + 12000 + 800 - net_aap), m.month
    three = [m.month for m in r.months if m.aap_payments == 3]
    two = [m.month for m in r.months if m.aap_payments == 2 and m.month.month not in (6, 12)]
    assert three and two
    assert min(got.get(m, 0) for m in three) < min(got.get(m, 0) for m in two)


def test_next_month_option_moves_income_one_month_later() -> None:
    base = {"aap": {"basis_g": 2.041}}
    same = simulate(RULES, case(client__benefits={**base, "sosialhjelp": {}}, household__rent_per_month=12000))
    nxt = simulate(RULES, case(client__benefits={**base, "sosialhjelp": {"income_month": "next_month"}},
                               household__rent_per_month=12000))
    got = stonad(nxt)
    for before, now in zip(nxt.months, nxt.months[1:]):
        assert got.get(now.month, 0) == max(0, SINGLE + 12800 - (before.benefits["aap"] - before.tax_withheld))
    assert stonad(same) != got


def test_barnetrygd_not_counted_but_kontantstotte_is() -> None:
    kid = [{"birth_date": "2025-01-20"}]  # kontantstøtte February–August 2026 under the 2025 rules
    r = simulate(RULES, case(household__children=kid))
    feb = r.months[1]
    assert feb.benefits["barnetrygd"] > 0 and feb.benefits["kontantstotte"] == 7500
    expected_need = SINGLE + CHILD_0_5 + 7800
    assert stonad(r)[feb.month] == expected_need - 7500
    oct_ = r.months[9]
    assert oct_.benefits.get("kontantstotte", 0) == 0 and stonad(r)[oct_.month] == expected_need


def test_before_september_2022_barnetrygd_could_be_counted() -> None:
    assert "barnetrygd" not in RULES.value("sosialhjelp.not_counted", date(2022, 8, 1))
    assert "barnetrygd" in RULES.value("sosialhjelp.not_counted", date(2022, 9, 1))


def test_a_family_with_barnetrygd_is_told_of_the_proposal_to_count_it() -> None:
    """Prop. 1 S (2025–2026) proposed counting barnetrygd again; the outcome is not known to the rules. A household
    with barnetrygd and sosialhjelp hears once, in the first such month, that it is not counted now and that it
    may be, with the barnetrygd of that month; one without children hears nothing of it."""
    assert not RULES.value("sosialhjelp.proposed_changes", date(2025, 10, 1))
    assert "barnetrygd_counted" in RULES.value("sosialhjelp.proposed_changes", date(2027, 1, 1))
    assert "barnetrygd" in RULES.value("sosialhjelp.not_counted", date(2027, 1, 1))
    r = simulate(RULES, case(start="2027-01", household__children=[{"birth_date": "2018-04-01"}]))
    said = [w for w in r.warnings if w.code == "sosialhjelp_barnetrygd_proposal"]
    assert len(said) == 1 and said[0].month == date(2027, 1, 1)
    jan = r.months[0]
    assert jan.benefits["barnetrygd"] > 0 and stonad(r)[jan.month] > 0
    w = said[0]
    assert f"{fmt(jan.benefits['barnetrygd'])} kr i januar 2027" in w.message
    assert "Prop. 1 S (2025–2026)" in w.message and "ikke som inntekt" in w.message
    assert "ikkje som inntekt" in w.message_nn and "does not count as income" in w.message_en
    alone = simulate(RULES, case(start="2027-01"))
    assert not any(w.code == "sosialhjelp_barnetrygd_proposal" for w in alone.warnings)


def test_the_proposal_as_an_overlay_counts_barnetrygd_krone_for_krone() -> None:
    """examples/overlays/sosialhjelp-barnetrygd-teller.yaml: barnetrygd counted from 1 January 2027 (a what-if
    date) lowers each month's stønad by the barnetrygd, and the warning about the proposal falls away."""
    rules = load_rules(overlays=[BARNETRYGD_COUNTED])
    assert not rules.value("sosialhjelp.not_counted", date(2027, 1, 1))
    assert "barnetrygd" in rules.value("sosialhjelp.not_counted", date(2026, 12, 1))
    c = case(start="2027-01", household__children=[{"birth_date": "2018-04-01"}])
    now, proposed = simulate(RULES, c), simulate(rules, c)
    for a, b in zip(now.months, proposed.months):
        assert stonad(proposed).get(b.month, 0) == max(stonad(now)[a.month] - b.benefits["barnetrygd"], 0)
    assert any(m.benefits["barnetrygd"] for m in proposed.months)
    assert not any(w.code == "sosialhjelp_barnetrygd_proposal" for w in proposed.warnings)
    assert BARNETRYGD_COUNTED.name in rules.stamp()["overlays"]


def test_wages_warn_krone_for_krone_and_show_when_independent() -> None:
    work = [{"from": "2026-03", "hours_per_week": 10, "hourly_wage": 220},
            {"from": "2026-06", "hours_per_week": 37.5, "hourly_wage": 220}]
    r = simulate(RULES, case(work=work))
    codes = {w.code: w for w in r.warnings}
    warn = codes["sosialhjelp_krone_for_krone"]
    assert warn.month == date(2026, 4, 1)  # March's wages are paid in April (payday next month by default)
    april = r.months[3]
    assert f"{fmt(april.wages - april.tax_withheld)} kr i nettolønn" in warn.message  # the real amount
    assert f"{fmt(stonad(r)[april.month])} kr mer netto" in warn.message
    independent = codes["sosialhjelp_independent"].month
    assert stonad(r).get(independent, 0) == 0
    assert stonad(r)[date(independent.year, independent.month - 1, 1)] > 0
    assert "sosialhjelp_without_bostotte" in codes
    assert "sosialhjelp_rates_estimated" in codes  # 2026 rates are an estimate


def test_a_single_adults_warning_says_du_and_leaves_out_barnetrygd() -> None:
    """Users without children were told about barnetrygd and addressed as «dere». One adult without children is
    «du» (nn «du», en «you») with no barnetrygd; a couple with a child is «dere» and hears that barnetrygd comes on
    top, not counted."""
    work = [{"from": "2026-03", "hours_per_week": 10, "hourly_wage": 220}]
    alone = {w.code: w for w in simulate(RULES, case(work=work)).warnings}["sosialhjelp_krone_for_krone"]
    nb, nn, en = f"{alone.message} {alone.action}", f"{alone.message_nn} {alone.action_nn}", \
        f"{alone.message_en} {alone.action_en}"
    assert "barnetrygd" not in (nb + nn + en).lower() and "child benefit" not in en
    assert not re.search(r"\bdere\b", nb, re.I) and not re.search(r"\b(de|dykk)\b", nn, re.I)
    assert "Du trenger" in nb and "Du treng" in nn and "You need" in en
    family = case(work=work, household__partner={"birth_date": "1988-01-01"},
                  household__children=[{"birth_date": "2018-04-01"}])
    both = {w.code: w for w in simulate(RULES, family).warnings}["sosialhjelp_krone_for_krone"]
    assert "Dere trenger" in both.message and "barnetrygd" in both.message and "barnetrygd" in both.message_nn
    assert "De treng" in both.message_nn and "barnetrygd" in both.message_en


def test_bostotte_counts_as_income() -> None:
    without = simulate(RULES, case())
    with_bs = simulate(RULES, case(client__benefits={"sosialhjelp": {}, "bostotte": {}}))
    for a, b in zip(without.months, with_bs.months):  # bostøtte landing in a month lowers that month's stønad
        assert stonad(with_bs).get(b.month, 0) == stonad(without)[a.month] - b.benefits["bostotte"]
    assert any(m.benefits["bostotte"] for m in with_bs.months)


def test_municipal_overlay_replaces_the_rates() -> None:
    rules = load_rules(overlays=[OVERLAY])
    c = case(household__children=[{"birth_date": "2019-01-01"}])
    state, _ = rates_need(RULES, c, date(2026, 3, 1))
    local, kind = rates_need(rules, c, date(2026, 3, 1))
    table = rules.value("sosialhjelp.rates", date(2026, 3, 1))
    assert local == int(table["single_with_children"]) + int(table["children"][0]["amount"]) != state
    assert kind == "single_parent" and OVERLAY.name in rules.stamp()["overlays"]


def test_bad_option_names_the_field() -> None:
    with pytest.raises(CaseError, match=r"client\.benefits\.sosialhjelp\.shared_housing"):
        case(client__benefits={"sosialhjelp": {"shared_housing": "ja"}})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sosialhjelp_cases())
def test_household_never_below_need_and_stonad_only_tops_up(data: dict[str, Any]) -> None:
    """With income counted in its own month: while entitled, the household's counted means + stønad = the need
    exactly; otherwise the means already cover it. Stønad is never negative."""
    c = parse_case(data)
    try:
        r = simulate(RULES, c)
    except CaseError:
        return  # a combination the engine refuses, with a message
    negative = {}
    for s in r.settlements:
        if s.amount < 0:
            negative[s.month] = negative.get(s.month, 0) + s.amount
    for_month = stonad(r)
    for m in r.months:  # the month's means without any stønad landing in it, + the stønad for the month
        got = for_month.get(m.month, 0)
        means = m.household_disposable - m.benefits["sosialhjelp"] - m.benefits.get("barnetrygd", 0) \
            - negative.get(m.month, 0)
        assert got >= 0
        if got:
            assert means + got == need(RULES, c, m.month), m.month
        else:
            assert means >= need(RULES, c, m.month), m.month


def test_bostotte_counted_is_said_once_and_the_counted_income_shows_its_parts() -> None:
    from benefit_calc.case.model import load_case  # noqa: PLC0415

    case = load_case(Path(__file__).parent.parent / "examples" / "sosialhjelp-finnmark.yaml")
    r = simulate(RULES, case)
    said = [w for w in r.warnings if w.code == "sosialhjelp_counts_bostotte"]
    assert len(said) == 1 and said[0].message.startswith("Bostøtten regnes som inntekt i sosialhjelpen")
    assert said[0].message_nn.startswith("Bustøtta tel som inntekt i sosialhjelpa")
    assert said[0].message_en.startswith("Bostøtte counts as income for sosialhjelp")
    pay = next(p for p in r.payments if p.scheme == "sosialhjelp" and p.earned_from == date(2027, 2, 1))
    text = pay.explain().text
    assert "22 080 kr (AAP 19 870 kr + bostøtte 4 404 kr − skattetrekk 2 194 kr)" in text
    assert "(AAP 19 870 kr + bustøtte 4 404 kr − skattetrekk 2 194 kr)" in pay.explain().text_nn


def test_no_bostotte_warning_without_bostotte() -> None:
    r = simulate(RULES, case())
    assert not any(w.code == "sosialhjelp_counts_bostotte" for w in r.warnings)


def test_the_explanation_says_barnetrygd_is_not_counted_only_while_it_is_not() -> None:
    """The what-if overlay that counts barnetrygd must not leave "Barnetrygd telles ikke" in the explanation."""
    from pathlib import Path

    from benefit_calc.analysis.compare import explain
    from benefit_calc.rules.load import load_rules as load

    root = Path(__file__).parent.parent
    data = {"start": "2027-01", "months": 2, "client": {"birth_date": "1990-01-01", "benefits": {"sosialhjelp": {}}},
            "household": {"municipality": "0301", "rent_per_month": 12000, "children": [{"birth_date": "2018-01-01"}]},
            "work": []}

    def said(rules) -> str:  # type: ignore[no-untyped-def]
        result = simulate(rules, parse_case(data))
        texts = [p["text"] for m in result.months for p in explain(result, m.month, "nb")["payments"]
                 if p["scheme"] == "sosialhjelp"]
        assert texts
        return " ".join(texts)

    assert "Barnetrygd telles ikke." in said(load())
    assert "telles ikke" not in said(load(None, (str(root / "examples/overlays/sosialhjelp-barnetrygd-teller.yaml"),)))


def test_an_age_written_as_a_whole_decimal_in_an_overlay_counts_as_that_age(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A municipal overlay writing ``from_age: 6.0`` passed the load (a whole number) and then failed in the scheme,
    blaming the bundled sosialhjelp.yaml: the scheme takes it as age 6, the same amounts as ``6``."""
    from benefit_calc import load_case, load_rules, simulate

    rates = "{single: 8300, couple: 13800, shared_housing: 6950, children: [{from_age: 0, amount: 4050}, " \
            "{from_age: %s, amount: 4150}, {from_age: 11, amount: 5400}]}"
    results = []
    for age in ("6", "6.0"):
        path = tmp_path / f"ov{age}.yaml"
        path.write_text(f"parameters:\n  sosialhjelp.rates:\n    values:\n      2026-01-01: {rates % age}\n",
                        encoding="utf-8")
        case = load_case(Path(__file__).parent.parent / "examples" / "sosialhjelp-finnmark.yaml")
        results.append([m.benefits.get("sosialhjelp") for m in simulate(load_rules(overlays=[path]), case).months])
    assert results[0] == results[1] and any(results[0])
