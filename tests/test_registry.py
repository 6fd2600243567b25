"""The scheme registry (benefit_calc.registry): every scheme declared once and complete (a code-health test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benefit_calc import load_case, load_rules, parse_case, simulate
from benefit_calc.case.bounds import BOUNDS
from benefit_calc.engine.registry import (BENEFIT_PAYMENTS, BY_ID, EXCLUDED, INPUTS, SCHEMES, SHARED_RULE_FILES, active,
                                            shown_payments)
from benefit_calc.words import LANGS, has, text

RULES = load_rules()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.id)
def test_every_scheme_is_complete(scheme) -> None:  # type: ignore[no-untyped-def]
    assert scheme.legal_basis.strip() and scheme.payer in ("nav", "husbanken", "kommune")
    assert scheme.rhythm in ("meldekort", "monthly") and scheme.phase in ("before_tax", "after_tax")
    assert callable(scheme.run) and scheme.payments
    for payment in scheme.payments:  # a name for people in every language
        assert has(f"component.{payment}"), payment
        assert all(text(f"component.{payment}", lang).strip() for lang in LANGS)
    if scheme.input:  # a case can switch it on, and the form can name it
        assert has(f"field.client.benefits.{scheme.input}") and has(f"app.b_{scheme.input}")
    for other in scheme.excludes:
        assert other in BY_ID and has(f"combo.{scheme.id}_{other}")
    for payment, param, rule in scheme.cliffs:
        assert payment in scheme.payments and param in RULES.parameters and has(f"cliff.rule.{rule}.name")
    for file in scheme.parameter_files:  # its parameters: a rule file that exists and has some
        assert any(n.startswith(f"{file}.") for n in RULES.parameters), file


def test_each_scheme_reads_only_its_own_rule_files_and_the_shared_ones() -> None:
    """The traced reads behind every payment of every example stay inside what its scheme declares: a scheme
    that starts reading another scheme's parameters has to say so in the registry."""
    owner = {p: s for s in SCHEMES for p in s.payments}
    seen: dict[str, set[str]] = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        for payment in simulate(RULES, load_case(path)).payments:
            if payment.scheme in owner:
                files = {u.name.split(".")[0] for u in payment.explain().used}
                seen.setdefault(owner[payment.scheme].id, set()).update(files)
                allowed = set(owner[payment.scheme].parameter_files) | set(SHARED_RULE_FILES)
                assert files <= allowed, (path.name, payment.scheme, files - allowed)
    assert len(seen) == len(SCHEMES)  # the examples exercise every scheme, so the check above covers them all
    assert all(set(BY_ID[s].parameter_files) <= files for s, files in seen.items())  # and each reads its own files


def test_the_lists_every_part_reads_come_from_the_registry() -> None:
    assert len(BENEFIT_PAYMENTS) == len(set(BENEFIT_PAYMENTS)) == 12  # dagpenger makes two: itself and its ferietillegg
    assert set(INPUTS) == {b.split(".")[2] for b in BOUNDS if b.startswith("client.benefits.")}
    assert len(EXCLUDED) == 7 and all(a != b for a, b in EXCLUDED)  # AAP with graded uføretrygd is modelled


def test_active_schemes_and_columns_follow_the_case() -> None:
    case = parse_case({"start": "2026-01", "months": 2, "client": {"birth_date": "1990-01-01", "benefits": {
        "uforetrygd": {"degree": 50, "ifu": 400000, "full_benefit": 200000, "granted": "2020-01-01"},
        "sosialhjelp": {}}}})
    assert [s.id for s in active(case)] == ["uforetrygd", "family"]
    assert [s.id for s in active(case, "after_tax")] == ["sosialhjelp"]
    assert shown_payments(case) == ("uforetrygd", "barnetillegg_uforetrygd", "sosialhjelp")
    row = simulate(RULES, case).months[0]
    assert set(shown_payments(case)) <= set(row.benefits)
