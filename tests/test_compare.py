"""Scenario comparison and month explanations (compare.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from benefit_calc import load_case, simulate
from benefit_calc.analysis.compare import PLAN, compare, explain, explain_text
from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import load_rules

RULES = load_rules()
EXAMPLES = Path(__file__).parent.parent / "examples"


def test_compare_runs_the_plan_and_each_scenario_with_settlements() -> None:
    case = load_case(EXAMPLES / "sosialhjelp-finnmark.yaml")
    cmp = compare(RULES, case)
    assert cmp.names == (PLAN, "Rett på 25 timer fra februar")
    plan, other = cmp.results
    assert plan.months == simulate(RULES, case).months
    assert other.months == simulate(RULES, case, case.scenarios[0].work).months
    data = cmp.to_dict()
    for sc, r in zip(data["scenarios"], cmp.results):
        later = sum(s.amount for s in r.settlements if not s.in_horizon and s.month > r.months[-1].month)
        assert sc["total"] == sum(m.household_disposable for m in r.months) + later
        assert sc["settlements_after_horizon"] == later
    assert data["scenarios"][0]["difference"] == 0
    assert data["scenarios"][1]["difference"] == data["scenarios"][1]["total"] - data["scenarios"][0]["total"]
    assert cmp.to_csv().splitlines()[0] == f"month,{PLAN},Rett på 25 timer fra februar"
    assert "Forskjell" in cmp.to_table()
    en, nn = cmp.to_table("en"), cmp.to_table("nn")
    assert en.split()[:3] == ["Month", "The", "work"] and "Difference" in en and "Settlements after the period" in en
    assert nn.split()[:2] == ["Månad", "Arbeidsplanen"] and "Skilnad" in nn and "Oppgjer etter perioden" in nn
    assert cmp.names_in("en") == ("The work plan", "Rett på 25 timer fra februar") and cmp.names[0] == PLAN


def test_compare_without_scenarios_names_the_field() -> None:
    case = load_case(EXAMPLES / "aap-ung-minsteytelse.yaml")
    if case.scenarios:
        pytest.skip("example has scenarios")
    with pytest.raises(CaseError, match="^scenarios"):
        compare(RULES, case)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_explain_lists_every_amount_and_adds_up(lang: str) -> None:
    result = simulate(RULES, load_case(EXAMPLES / "sosialhjelp-finnmark.yaml"))
    month = date(2027, 3, 1)
    data = explain(result, month, lang)
    row = next(m for m in result.months if m.month == month)
    assert len(data["payments"]) == len(row.payment_index) > 3
    total = sum(p["amount"] - p["tax_withheld"] for p in data["payments"]) + sum(s["amount"] for s in data["settlements"])
    assert total == data["disposable"] == row.disposable
    for p in data["payments"]:
        assert p["rule"] and p["reference"] and p["text"]
        assert all(u["name"] and u["reference"] for u in p["parameters"])
    aap = next(p for p in data["payments"] if p["scheme"] == "aap")
    assert ("daily rate" in aap["text"]) == (lang == "en") and ("dagsats" in aap["text"]) == (lang != "en")
    text = explain_text(data)
    assert text.splitlines()[0] == {"nb": "Alt som kommer inn i mars 2027", "nn": "Alt som kjem inn i mars 2027",
                                    "en": "Everything that lands in March 2027"}[lang]
    # the values used, by their label in the language and in their unit, with the name in the rules for the counsellor
    limit = {"nb": "Arbeidsgrense for AAP: 60 % (fra 01.03.2010;", "nn": "Arbeidsgrense for AAP: 60 % (frå 01.03.2010;",
             "en": "Work limit for AAP: 60 % (from 1 Mar 2010;"}[lang]
    assert any(line.strip().startswith(limit) and line.endswith("[aap.max_work_share]") for line in text.splitlines())
    for p in data["payments"]:
        for u in p["parameters"]:
            assert u["label"] and u["label"] != u["name"] and u["shown"], u
    # each payment named in words, not by its code
    paid = [line.split(":")[0] for line in text.splitlines() if " kr " in line and not line.startswith(" ")]
    assert "AAP" in paid and {"nb": "Bostøtte", "nn": "Bustøtte", "en": "Bostøtte"}[lang] in paid
    assert not {"aap", "bostotte", "sosialhjelp", "barnetrygd", "wages"} & set(paid)


def test_explain_outside_the_horizon_names_the_field() -> None:
    result = simulate(RULES, load_case(EXAMPLES / "sosialhjelp-finnmark.yaml"))
    with pytest.raises(CaseError, match="^month: 2030-01 is outside"):
        explain(result, date(2030, 1, 1))
