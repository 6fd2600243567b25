"""Issue 21 items 3 and 6: an overlay value is checked at load by its unit's realistic range and by its parameter's
shape (choices, names, counts), so no value the loader takes can crash the engine or make it blame a bundled file,
and every refusal names the overlay and the key. The sweep of every parameter at and beyond its bounds on every
example is ``benchmarks/bench_overlay_bounds.py``; here a property test draws from the same variants."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from benefit_calc import load_case, load_rules, simulate
from benefit_calc.core.errors import BenefitCalcError, RulesError
from benefit_calc.engine.registry import SCHEMES
from benefit_calc.rules import checks
from benefit_calc.rules.load import overlaid
from benefit_calc.rules.model import tracing
from benefit_calc.rules.units import UNITS

from .strategies import BOUND_LABEL, _thaw, bound_variants, overlays_at_bounds

RULES = load_rules()
EXAMPLES = sorted(Path(__file__).parent.parent.joinpath("examples").glob("*.yaml"))
CASES = {p.name: load_case(p) for p in EXAMPLES}


def _reads() -> dict[str, set[str]]:
    out = {}
    for name, case in CASES.items():
        with tracing() as seen:
            simulate(RULES.with_own_caches(), case)
        out[name] = set(seen)
    return out


READS = _reads()


def _last(name: str) -> Any:
    return _thaw(RULES.parameters[name].values[-1].value)


def _with(name: str, **changes: Any) -> Any:
    value = _last(name)
    for path, x in changes.items():
        *head, tail = path.split("__")
        inner = value
        for k in head:
            inner = inner[k]
        inner[tail] = x
    return value


def _refused(name: str, value: Any, words: str, when: str = "2023-01-01") -> RulesError:
    with pytest.raises(RulesError) as info:
        overlaid(RULES, [("what-if.yaml", {"parameters": {name: {"values": {when: value}}}})])
    exc = info.value
    assert exc.file == "what-if.yaml" and exc.key.startswith(f"parameters.{name}.values.{when}"), str(exc)
    assert words in exc.problem, str(exc)
    return exc


# the reproductions of the issue: each crashed the engine (or, the last two of item 3, was paid) before
ISSUE = [
    ("grunnbelop.g", 1e300, "outside 0 to 10 000 000 kroner a year"),
    ("aap.days_per_year", 1e-300, "not a whole number"),
    ("dagpenger.days_per_year", 0.5, "not a whole number"),
    ("skatt.table_periods", _with("skatt.table_periods", monthly__band=0.5), "not a whole number"),
    ("utbetaling.bank_closed_days", [f"{m:02}-{d:02}" for m in range(1, 13) for d in range(1, 29)],
     "it may have 0 to 30"),
    ("sosialhjelp.rates", _with("sosialhjelp.rates", single=1e300), "outside 0 to 1 000 000 kroner a month"),
    ("sosialhjelp.rates", _with("sosialhjelp.rates", single=1e20), "outside 0 to 1 000 000 kroner a month"),
    ("utbetaling.roll", _with("utbetaling.roll", uforetrygd="sideways"), "'sideways' is not one of before, after"),
    ("uforetrygd.applied_late", _with("uforetrygd.applied_late", min_ifu_g__paid_from_month=0), "outside a month 1–12"),
    ("uforetrygd.applied_late", _with("uforetrygd.applied_late", min_ifu_g__earlier_months="later"),
     "not one of at_once, spread"),
    ("uforetrygd.free_amount_g_reading", "june", "not one of january, may, month_weighted"),
    ("utbetaling.special_days", _with("utbetaling.special_days", uforetrygd={"13": 16}), "not a key of the bundled table"),
    ("utbetaling.special_days", _with("utbetaling.special_days", uforetrygd__5=31), "a day 1–28"),
    ("utbetaling.bank_closed_days", ["02-30"], "no such day"),
    ("skatt.withholding_calendar", _with("skatt.withholding_calendar", uforetrygd__june_share=1.5), "outside 0 to 1"),
    ("skatt.withholding_calendar", _with("skatt.withholding_calendar", aap__june_free_payments=2.5), "not a whole"),
    ("sosialhjelp.not_counted", ["barnetrygdd"], "is not one of"),
    ("sosialhjelp.proposed_changes", ["everything"], "is not one of barnetrygd_counted"),
    ("sosialhjelp.rates", _with("sosialhjelp.rates", children=[{"from_age": 6, "amount": 4000}]), "must be 0"),
    ("sosialhjelp.rates", _with("sosialhjelp.rates", children=[{"from_age": 0, "amount": 1}, {"from_age": 0, "amount": 2}]),
     "must rise strictly"),
    ("kommuner.tiltakssone", ["5601", "Tromsø"], "not a kommunenummer"),
    ("aap.normal_hours_per_period", 1e-300, "must be at least 1"),
    ("aap.basis_years", 1e6, "outside a whole number 0 to 100"),
    ("skatt.default_table", 9999, "not a table of skatt.table_numbering"),
    ("overgangsstonad.new_rules_in_force", 1, "has no value"),
    ("skatt.table_numbering", _with("skatt.table_numbering", number_step=1), "deduction_first must be base + number_step"),
]


@pytest.mark.parametrize(("name", "value", "words"), ISSUE, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(ISSUE)])
def test_the_issue_values_are_refused_at_load_naming_overlay_and_key(name: str, value: Any, words: str) -> None:
    _refused(name, value, words)


def test_every_unit_has_a_realistic_range() -> None:
    for unit, d in UNITS.items():
        if unit in ("list", "table"):  # no numbers: each such parameter has a shape (below)
            continue
        assert d.low is not None and d.high is not None and d.high <= 10_000_000, unit
        assert d.problem(d.high * 10 + 1) is not None and d.problem(-1) is not None, unit
    for unit in ("day of month", "month of year", "days", "banking days", "weekdays", "weeks", "months", "years",
                 "count", "table number"):
        assert UNITS[unit].whole, unit


def test_every_parameter_whose_entries_the_engine_reads_has_a_shape() -> None:
    """In checks.SHAPES, or named in its rule file from checks.NAMED_SHAPES (``shape: kommunenumre``)."""
    for name, p in RULES.parameters.items():
        if p.unit in ("list", "table") or p.kind == "text":
            assert name in checks.SHAPES or p.shape in checks.NAMED_SHAPES, name
    assert set(checks.SHAPES) <= set(RULES.parameters)


def test_a_rule_file_may_name_a_shape_and_its_values_are_held_to_it(tmp_path: Path) -> None:
    """A new scheme's list of municipalities says ``shape: kommunenumre`` in its own file (no line in checks.py);
    a value that is no kommunenummer is refused naming the file, and so is a shape that does not exist."""
    import shutil

    from benefit_calc.rules.load import default_rules_dir

    folder = tmp_path / "no"
    shutil.copytree(default_rules_dir() / "no", folder)
    body = ("places:\n  description: Where.\n  label: {nb: Hvor, nn: Kvar, en: Where}\n  unit: list\n  kind: list\n"
            "  shape: %s\n  reference: [{title: Example}]\n  values: {2023-01-01: %s}\n  verified: 2026-12-08\n")
    (folder / "topup.yaml").write_text(body % ("kommunenumre", '["4601"]'), encoding="utf-8")
    assert load_rules(folder).param("topup.places").shape == "kommunenumre"
    (folder / "topup.yaml").write_text(body % ("kommunenumre", '["Bergen"]'), encoding="utf-8")
    with pytest.raises(RulesError, match=r"no/topup.yaml: places.values.2023-01-01.*Bergen.*kommunenummer"):
        load_rules(folder)
    (folder / "topup.yaml").write_text(body % ("kommuner", '["4601"]'), encoding="utf-8")
    with pytest.raises(RulesError, match=r"places.shape: 'kommuner' is not one of kommunenumre"):
        load_rules(folder)


def test_the_payment_kinds_a_rule_may_name_are_the_schemes() -> None:
    """Given by the registry, not a list kept by hand: a new scheme's payments may be named without an edit here."""
    assert set(checks.PAYMENT_KINDS) == {pays.kind for s in SCHEMES for pays in s.pays}
    assert "bostotte" in checks.PAYMENT_KINDS and "no_such_payment" not in checks.PAYMENT_KINDS


def test_the_choices_are_the_engines() -> None:
    from benefit_calc.schemes.uforetrygd_year import HOW, READINGS

    assert set(checks.SHAPES["uforetrygd.free_amount_g_reading"].choices) == set(READINGS)
    assert set(checks.SHAPES["uforetrygd.applied_late"].value.fields["earlier_months"].choices) == set(HOW)


def test_a_bundled_file_with_a_bad_entry_is_refused_by_name(tmp_path: Path) -> None:
    src = Path(RULES.directory)
    dst = tmp_path / "no"
    dst.mkdir()
    for f in src.glob("*.yaml"):
        text = f.read_text(encoding="utf-8")
        if f.name == "utbetaling.yaml":
            text = text.replace("uforetrygd: before,", "uforetrygd: sideways,", 1)
        (dst / f.name).write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_rules(tmp_path)
    assert info.value.file == "no/utbetaling.yaml" and info.value.key == "roll.values.2015-01-01.uforetrygd"


def test_values_at_the_bounds_still_load_and_run() -> None:
    """A value each leaf allows is taken (a realistic bound is no bound on the law): G at 10 million, a band of
    100 000 kr, 30 closed days, every roll choice."""
    for name, value in [("grunnbelop.g", 10_000_000), ("skatt.table_periods", _with("skatt.table_periods", monthly__band=1)),
                        ("utbetaling.bank_closed_days", [f"12-{d:02}" for d in range(1, 29)] + ["11-29", "11-30"]),
                        ("utbetaling.roll", _with("utbetaling.roll", uforetrygd="after"))]:
        rules = overlaid(RULES, [("ok.yaml", {"parameters": {name: {"values": {"2023-01-01": value}}}})])
        for case in CASES.values():
            json.dumps(simulate(rules, case).to_dict())


@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(overlays_at_bounds(dict(RULES.parameters)))
def test_overlays_at_and_beyond_the_bounds_give_only_our_errors(drawn: tuple[str, str, dict[str, Any], bool]) -> None:
    name, what, document, within = drawn
    try:
        rules = overlaid(RULES, [(BOUND_LABEL, document)])
    except RulesError as exc:
        assert exc.file == BOUND_LABEL and exc.key.startswith(f"parameters.{name}"), (what, str(exc))
        return
    assert within, f"{name} {what}: a value beyond the bounds was accepted"
    for example, case in CASES.items():
        if name not in READS[example]:
            continue  # the example never reads the parameter: its result cannot change
        try:
            json.dumps(simulate(rules, case).to_dict())
        except RulesError as exc:  # the engine may only blame what the overlay changed
            assert BOUND_LABEL in exc.file, (name, what, example, str(exc))
        except BenefitCalcError:
            pass


def test_every_parameter_has_variants_beyond_its_bounds() -> None:
    for name, p in RULES.parameters.items():
        assert any(not ok for _, _, ok in bound_variants(p)), name
