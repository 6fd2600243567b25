"""The scheme registry (benefit_calc.engine.registry): every scheme declared once, complete, and run as declared."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from benefit_calc import load_case, load_rules, parse_case, simulate
from benefit_calc.case.bounds import BOUNDS
from benefit_calc.engine.registry import (BENEFIT_PAYMENTS, BY_ID, EXCLUDED, INPUTS, PART_OF, PAYS, READS, SCHEMES,
                                          SHARED_RULE_FILES, RegistryError, active, check, shown_payments)
from benefit_calc.engine.simulate import VISIBLE
from benefit_calc.schemes.declare import PHASES, Pays, Scheme
from benefit_calc.words import LANGS, has, text

RULES = load_rules()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCHEME_TESTS = Path(__file__).resolve().parent / "schemes"


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.id)
def test_every_scheme_is_complete(scheme) -> None:  # type: ignore[no-untyped-def]
    assert callable(scheme.run) and scheme.phase in PHASES and scheme.rhythm in ("meldekort", "monthly")
    for file in scheme.parameter_files:  # its parameters: a rule file that exists, has some and names its law
        assert any(n.startswith(f"{file}.") for n in RULES.parameters), file
        assert RULES.legal_basis.get(file), f"rules/no/{file}.yaml has no meta.legal_basis"
    for payment in scheme.payments:  # a name for people in every language: in the table and in a sentence
        assert has(f"component.{payment}") and has(f"part.{payment}"), payment
        assert all(text(f"{key}.{payment}", lang).strip() for lang in LANGS for key in ("component", "part"))
    if scheme.input:  # a case can switch it on, and the form can name it
        assert has(f"field.client.benefits.{scheme.input}") and has(f"app.b_{scheme.input}")
    for other in scheme.excludes:
        assert other in BY_ID and has(f"combo.{scheme.id}_{other}")
    for component, param, rule in scheme.cliffs + scheme.tapers:
        assert param in RULES.parameters and has(f"cliff.rule.{rule}.name"), (component, param, rule)
    for _, component, rule in scheme.timing:
        assert has(f"cliff.rule.{rule}.name"), (component, rule)
    for name, body in scheme.probes:  # a household for `rules validate`, as case-file data
        assert name and set(body) <= {"household", "client", "tax"}, (scheme.id, name)


def _cases() -> list[tuple[str, Any, Any]]:
    """(name, rules, case) of every example and every YAML scheme test: what exercises the schemes."""
    out = [(path.name, RULES, load_case(path)) for path in sorted(EXAMPLES.glob("*.yaml"))]
    for path in sorted(SCHEME_TESTS.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            rules = load_rules(overlays=[path.parent / o for o in entry.get("overlays", [])]) if entry.get(
                "overlays") else RULES
            out.append((f"{path.name}: {entry['name']}", rules, parse_case(entry["case"])))
    return out


CASES = _cases()


def test_each_scheme_reads_only_its_own_rule_files_and_the_shared_ones() -> None:
    """The traced reads behind every payment of every example and YAML scheme test stay inside what its scheme
    declares: a scheme that starts reading another scheme's parameters has to say so in its declaration. Every
    scheme that pays must be exercised by an example or a YAML scheme test (docs/adding-a-scheme.md)."""
    seen: dict[str, set[str]] = {}
    for name, rules, case in CASES:
        for payment in simulate(rules, case).payments:
            scheme = BY_ID[PART_OF[payment.scheme]]
            files = {u.name.split(".")[0] for u in payment.explain().used}
            seen.setdefault(scheme.id, set()).update(files)
            allowed = set(scheme.parameter_files) | set(SHARED_RULE_FILES)
            assert files <= allowed, (name, payment.scheme, files - allowed)
    assert set(seen) == {s.id for s in SCHEMES if s.pays}  # every scheme that pays was exercised
    assert all(set(BY_ID[s].parameter_files) <= files for s, files in seen.items())  # and each reads its own files


def test_every_payment_is_stamped_by_its_declaration() -> None:
    """Taxable, payer and withholding period come from the declaration, never from the scheme's own code."""
    for name, rules, case in CASES:
        for p in simulate(rules, case, detail=False).payments:
            d = PAYS[p.scheme]
            assert (p.taxable, p.payer, p.frequency) == (d.taxable, d.payer, d.frequency), (name, p.scheme)


def test_the_lists_every_part_reads_come_from_the_registry() -> None:
    assert len(BENEFIT_PAYMENTS) == len(set(BENEFIT_PAYMENTS))
    assert set(BENEFIT_PAYMENTS) | {"wages", "holiday_pay"} == set(PAYS)  # every kind: a column, or in the wages
    assert set(INPUTS) == {b.split(".")[2] for b in BOUNDS if b.startswith("client.benefits.")}
    assert all(a != b and (b, a) not in EXCLUDED for a, b in EXCLUDED)  # each pair declared once, by one side
    for s in SCHEMES:  # a scheme sees the payments of exactly the schemes it needs, and those run before it
        assert VISIBLE[s.id] is None or VISIBLE[s.id] == {k for t in READS[s.id] for k in BY_ID[t].payments}
        assert all(SCHEMES.index(BY_ID[t]) < SCHEMES.index(s) for t in READS[s.id])
    assert VISIBLE["aap"] == frozenset() and VISIBLE["sosialhjelp"] is None  # needs nothing; needs everything


def _table(*extra: Scheme) -> tuple[Scheme, ...]:
    return tuple(sorted((*SCHEMES, *extra), key=lambda s: (PHASES.index(s.phase), s.order)))


def _noop(ctx: Any) -> Any:
    return None


@pytest.mark.parametrize("bad, says", [
    (Scheme("topup", _noop, (Pays("topup", False, "kommune"),), order=5, needs=("bostotte",)), "not a scheme that runs before"),
    (Scheme("topup", _noop, (Pays("topup", False, "kommune"),), order=75, needs=("nothing",)), "not a scheme that runs before"),
    (Scheme("topup", _noop, (Pays("topup", True, "kommune"),), order=75), "needs all taxable income but runs before"),
    (Scheme("topup", _noop, (Pays("bostotte", False, "kommune"),), order=75), "declared twice"),
    (Scheme("topup", _noop, (), order=75, excludes=("nothing",)), "not a scheme"),
    (Scheme("topup", _noop, (), order=1, phase="tax"), "exactly one scheme runs in the tax phase"),
])
def test_a_declaration_that_cannot_run_as_declared_is_refused_when_the_registry_is_built(bad: Scheme, says: str) -> None:
    assert check(_table()) == READS  # the real table passes
    with pytest.raises(RegistryError, match=says):
        check(_table(bad))


def test_a_payment_kind_or_payer_not_declared_is_refused() -> None:
    with pytest.raises(ValueError, match="payer"):
        Pays("topup", False, "the neighbour")
    with pytest.raises(KeyError):
        BY_ID["bostotte"].pay("topup", date(2027, 1, 1), 1, date(2027, 1, 1), date(2027, 1, 31), lambda: None)  # type: ignore[arg-type,return-value]


def test_active_schemes_and_columns_follow_the_case() -> None:
    case = parse_case({"start": "2026-01", "months": 2, "client": {"birth_date": "1990-01-01", "benefits": {
        "uforetrygd": {"degree": 50, "ifu": 400000, "full_benefit": 200000, "granted": "2020-01-01"},
        "sosialhjelp": {}}}})
    ids = [s.id for s in active(case)]  # the benefits it has, and the schemes with no input (they always run)
    assert ids == [s.id for s in SCHEMES if s.phase == "before_tax" and s.input in (None, "uforetrygd")]
    assert {"uforetrygd", "family"} <= set(ids) and not {"aap", "bostotte", "overgangsstonad"} & set(ids)
    assert [s.id for s in active(case, "after_tax")] == ["sosialhjelp"]
    assert shown_payments(case) == ("uforetrygd", "barnetillegg_uforetrygd", "sosialhjelp")
    row = simulate(RULES, case).months[0]
    assert set(shown_payments(case)) <= set(row.benefits)
