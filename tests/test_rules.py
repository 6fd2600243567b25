"""The dated rule files: loading, validation errors, lookup, projection, overlays and immutability."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from benefit_calc.core.errors import RulesError
from benefit_calc.rules.load import default_rules_dir, load_rules

RULES = load_rules()

BUNDLED = default_rules_dir() / "no"


# ------------------------------------------------------------------------------------------ bundled rules


def test_ruleset_stamp():
    stamp = RULES.stamp()
    assert stamp["id"] == "no"
    assert stamp["version"]
    assert re.fullmatch(r"[0-9a-f]{64}", stamp["sha256"])
    assert stamp["overlays"] == []


def test_every_rule_file_in_the_folder_is_loaded():
    index = yaml.safe_load((default_rules_dir() / "no" / "ruleset.yaml").read_text())
    assert "files" not in index  # the bundled rules list no files: every other .yaml file in the folder is one
    files = {p.file for p in RULES.parameters.values()}
    assert files == {f"no/{p.name}" for p in (default_rules_dir() / "no").glob("*.yaml") if p.name != "ruleset.yaml"}
    assert {"no/grunnbelop.yaml", "no/aap.yaml", "no/skatt.yaml"} <= files


@pytest.mark.parametrize("name", sorted(RULES.parameters))
def test_parameter_is_documented_and_ordered(name):
    p = RULES.param(name)
    assert p.description.strip()
    assert set(p.label) == {"nb", "nn", "en"} and all(v.strip() for v in p.label.values())
    assert p.unit.strip()
    assert p.references and all(r.title.strip() for r in p.references)
    assert isinstance(p.verified, date)
    dates = [v.valid_from for v in p.values]
    assert dates and all(a < b for a, b in zip(dates, dates[1:]))


@pytest.mark.parametrize(
    ("day", "g"),
    [(date(2019, 5, 1), 99_858), (date(2023, 4, 30), 111_477), (date(2023, 5, 1), 118_620),
     (date(2026, 4, 30), 130_160), (date(2026, 5, 1), 136_549)],
)
def test_grunnbelop_lookup(day, g):
    # G from 1 May each year: Kelvin Grunnbeløp.kt (navikt/aap-behandlingsflyt, 2019–2025 values); 136 549 from
    # 2026-05-01 as cited in rules/no/grunnbelop.yaml (navikt/g grunnbeløp.json, commit aff03d3b).
    assert RULES.value("grunnbelop.g", day) == g


def test_lookup_before_first_value_names_file_parameter_and_date():
    with pytest.raises(RulesError) as exc:
        RULES.value("grunnbelop.g", date(2019, 4, 30))
    msg = str(exc.value)
    assert "grunnbelop.yaml" in msg
    assert re.search(r"\bg\b", msg)
    assert "2019-04-30" in msg
    assert exc.value.key == "g"


def test_unknown_parameter_raises_rules_error():
    with pytest.raises(RulesError) as exc:
        RULES.value("aap.no_such_thing", date(2024, 1, 1))
    assert "aap.yaml" in str(exc.value) and "no_such_thing" in str(exc.value)


def test_projection_after_next_renewal():
    # grunnbelop.g is renewed every 1 May; the last value is from 2026-05-01, so 2027-05-01 on is a projection.
    g = RULES.param("grunnbelop.g")
    assert g.is_projected(date(2027, 4, 30)) is False
    assert g.is_projected(date(2027, 5, 1)) is True


def test_values_are_read_only():
    periods = RULES.value("skatt.table_periods", date(2026, 1, 1))
    with pytest.raises(TypeError):
        periods["monthly"] = {}
    with pytest.raises(TypeError):
        periods["monthly"]["band"] = 1
    with pytest.raises(TypeError):
        periods.update(weekly={})
    with pytest.raises(TypeError):
        RULES.parameters["aap.extra"] = None  # type: ignore[index]
    assert periods["monthly"]["band"] == 100


def test_values_are_read_only_for_in_place_union():
    rules = load_rules()  # a private copy: if the bug is present the value is changed
    periods = rules.value("skatt.table_periods", date(2026, 1, 1))
    try:
        periods |= {"weekly": {"band": 20}}
    except TypeError:
        pass
    assert "weekly" not in rules.value("skatt.table_periods", date(2026, 1, 1))


# ------------------------------------------------------------------------------------------ broken files


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled rules at tmp_path/no."""
    dest = tmp_path / "no"
    shutil.copytree(BUNDLED, dest)
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load_error(folder: Path) -> str:
    with pytest.raises(RulesError) as exc:
        load_rules(folder.parent)
    return str(exc.value)


def test_copy_loads_with_the_same_stamp(rules_copy):
    assert load_rules(rules_copy.parent).sha256 == RULES.sha256


def test_invalid_yaml_names_file_and_line(rules_copy):
    path = rules_copy / "aap.yaml"
    broken_line = path.read_text(encoding="utf-8").splitlines().index("  unit: fraction") + 1
    _edit(path, "  unit: fraction\n", "  unit: [fraction\n")  # an unclosed flow sequence
    msg = _load_error(rules_copy)
    assert "aap.yaml" in msg
    found = re.search(r"line (\d+)", msg)
    assert found, msg
    # the parser notices the unclosed "[" on that line or at the start of the next one
    assert int(found.group(1)) in (broken_line, broken_line + 1)


def test_missing_unit_names_parameter(rules_copy):
    label = "  label: {nb: AAP som andel av grunnlaget, nn: AAP som del av grunnlaget, en: AAP as a share of the basis}\n"
    _edit(rules_copy / "aap.yaml", label + "  unit: fraction\n", label)
    msg = _load_error(rules_copy)
    assert "aap.yaml" in msg
    assert "compensation_rate.unit" in msg


def test_dates_out_of_order_name_the_key(rules_copy):
    _edit(rules_copy / "grunnbelop.yaml", "    2020-05-01: 101351\n    2021-05-01: 106399\n",
          "    2021-05-01: 106399\n    2020-05-01: 101351\n")
    msg = _load_error(rules_copy)
    assert "grunnbelop.yaml" in msg
    assert "g.values.2020-05-01" in msg


def test_non_number_value_names_the_key(rules_copy):
    _edit(rules_copy / "aap.yaml", "    2010-03-01: 0.60\n", "    2010-03-01: sixty\n")
    msg = _load_error(rules_copy)
    assert "aap.yaml" in msg
    assert "max_work_share.values.2010-03-01" in msg
    assert "sixty" in msg


def test_unknown_key_is_named(rules_copy):
    _edit(rules_copy / "aap.yaml", "  unit: fraction\n", "  unit: fraction\n  colour: red\n")
    msg = _load_error(rules_copy)
    assert "aap.yaml" in msg
    assert "compensation_rate.colour" in msg


def test_missing_file_in_index_is_named(rules_copy):
    index = rules_copy / "ruleset.yaml"
    index.write_text(index.read_text(encoding="utf-8") + "files:\n  - skatt.yaml\n  - missing.yaml\n", encoding="utf-8")
    msg = _load_error(rules_copy)
    assert "missing.yaml" in msg


# ------------------------------------------------------------------------------------------ overlays


def _overlay(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_overlay_changes_value_from_its_date(tmp_path):
    path = _overlay(tmp_path, "more_work.yaml",
                    "parameters:\n  aap.max_work_share:\n    values:\n      2027-01-01: 0.8\n")
    rules = load_rules(overlays=[path])
    assert rules.value("aap.max_work_share", date(2026, 12, 31)) == 0.60
    assert rules.value("aap.max_work_share", date(2027, 1, 1)) == 0.8
    # the bundled ruleset is untouched
    assert RULES.value("aap.max_work_share", date(2027, 1, 1)) == 0.60


def test_overlay_is_in_the_stamp(tmp_path):
    path = _overlay(tmp_path, "more_work.yaml",
                    "parameters:\n  aap.max_work_share:\n    values:\n      2027-01-01: 0.8\n")
    stamp = load_rules(overlays=[path]).stamp()
    assert stamp["overlays"] == ["more_work.yaml"]
    assert re.fullmatch(r"[0-9a-f]{64}", stamp["sha256"])
    assert stamp["sha256"] != RULES.sha256


def test_overlay_needs_file_prefix(tmp_path):
    path = _overlay(tmp_path, "bad.yaml", "parameters:\n  max_work_share:\n    values:\n      2027-01-01: 0.8\n")
    with pytest.raises(RulesError) as exc:
        load_rules(overlays=[path])
    msg = str(exc.value)
    assert "bad.yaml" in msg and "max_work_share" in msg


def test_overlay_value_is_validated(tmp_path):
    path = _overlay(tmp_path, "bad.yaml", "parameters:\n  aap.max_work_share:\n    values:\n      2027-01-01: lots\n")
    with pytest.raises(RulesError) as exc:
        load_rules(overlays=[path])
    assert "aap.max_work_share.values.2027-01-01" in str(exc.value)


def test_own_caches_are_separate_and_start_empty() -> None:
    from benefit_calc import load_case, simulate
    from pathlib import Path
    shared = load_rules()
    simulate(shared, load_case(Path(__file__).parent.parent / "examples" / "aap-ung-minsteytelse.yaml"))
    assert shared._lru  # the shared rules remembered results for that case
    own = shared.with_own_caches()
    assert own.parameters is shared.parameters and own.stamp() == shared.stamp()
    assert not own._lru and not own._memo
    own.cached(("k",), lambda: 1)
    assert ("k",) not in shared._lru


# ------------------------------------------------------------------------------------------ meaning, not only form


@pytest.mark.parametrize(("old", "new", "words"), [
    ("  unit: day of month\n", "  unit: days of the month\n", "not a unit"),  # only the fixed vocabulary
    ("    2015-01-01: 20\n", "    2015-01-01: 35\n", "outside a day 1–28"),  # uforetrygd.payment_day
])
def test_a_value_outside_its_units_domain_is_refused(rules_copy, old, new, words):
    _edit(rules_copy / "uforetrygd.yaml", old, new)
    msg = _load_error(rules_copy)
    assert "uforetrygd.yaml" in msg and words in msg


def test_a_negative_g_and_a_zero_divisor_are_refused(rules_copy):
    _edit(rules_copy / "grunnbelop.yaml", "    2019-05-01: 99858\n", "    2019-05-01: -99858\n")
    assert "g.values.2019-05-01: -99858 must be above 0" in _load_error(rules_copy)


def test_ruleset_files_stay_inside_the_rules_folder(rules_copy):
    index = rules_copy / "ruleset.yaml"
    listed = "files:\n" + "".join(f"  - {p.name}\n" for p in sorted(rules_copy.glob("*.yaml")) if p.name != "ruleset.yaml")
    index.write_text(index.read_text(encoding="utf-8") + listed, encoding="utf-8")
    load_rules(rules_copy)  # a ruleset may list its files
    _edit(index, "  - skatt.yaml\n", "  - /etc/passwd\n")
    msg = _load_error(rules_copy)
    assert "files[" in msg and "not a rule file name in this folder" in msg
    _edit(index, "  - /etc/passwd\n", "  - ../no/skatt.yaml\n")
    assert "not a rule file name" in _load_error(rules_copy)


def test_without_a_list_a_badly_named_file_in_the_folder_is_refused_by_name(rules_copy):
    (rules_copy / "Skatt-kopi.yaml").write_text("x: 1\n", encoding="utf-8")
    msg = _load_error(rules_copy)
    assert "Skatt-kopi.yaml" in msg and "not a rule file name" in msg


def test_ruleset_unknown_key_is_refused(rules_copy):
    _edit(rules_copy / "ruleset.yaml", "supported:", "fils: []\nsupported:")
    assert "ruleset.yaml: fils: unknown key" in _load_error(rules_copy)


def test_a_rule_file_may_not_use_aliases_or_write_a_key_twice(rules_copy):
    _edit(rules_copy / "aap.yaml", "  unit: fraction\n", "  unit: fraction\n  unit: G\n")
    assert "writes the key 'unit' twice" in _load_error(rules_copy)


def test_validate_finds_a_file_the_engine_needs_left_out(rules_copy):
    from click.testing import CliRunner

    from benefit_calc.cli.main import main

    (rules_copy / "lonn.yaml").unlink()
    r = CliRunner().invoke(main, ["rules", "validate", str(rules_copy)])
    assert r.exit_code == 1
    assert "lonn.yaml" in r.output and "this parameter is not defined" in r.output
    ok = CliRunner().invoke(main, ["rules", "validate"])
    assert ok.exit_code == 0 and ok.output.startswith("OK: ")


def test_validate_finds_a_supported_month_without_values(rules_copy):
    from click.testing import CliRunner

    from benefit_calc.cli.main import main

    _edit(rules_copy / "ruleset.yaml", "supported: {from: 2023-01,", "supported: {from: 2021-01,")
    r = CliRunner().invoke(main, ["rules", "validate", str(rules_copy)])
    assert r.exit_code == 1 and "start 2021-01" in r.output and "no value on 2021-" in r.output


def test_overlay_misspelt_parameter_is_an_error_with_a_suggestion(tmp_path):
    path = _overlay(tmp_path, "typo.yaml", "parameters:\n  aap.max_work_shares:\n    description: d\n    unit: fraction\n"
                    "    reference: [x]\n    verified: 2026-01-01\n    values:\n      2027-01-01: 0.8\n")
    with pytest.raises(RulesError) as exc:
        load_rules(overlays=[path])
    assert "typo.yaml: parameters.aap.max_work_shares: no such parameter" in str(exc.value)
    assert "did you mean aap.max_work_share?" in str(exc.value)


def test_overlay_may_add_a_parameter_on_purpose(tmp_path):
    path = _overlay(tmp_path, "new.yaml", "parameters:\n  aap.reform_share:\n    new: true\n    description: d\n"
                    "    label: {nb: Reformandel, nn: Reformdel, en: Reform share}\n"
                    "    unit: fraction\n    reference: [x]\n    verified: 2026-01-01\n    values:\n      2027-01-01: 0.8\n")
    assert load_rules(overlays=[path]).value("aap.reform_share", date(2027, 1, 1)) == 0.8


def test_overlay_misspelt_top_level_key_is_an_error(tmp_path):
    path = _overlay(tmp_path, "typo.yaml", "parameters:\n  aap.max_work_share:\n    values:\n      2027-01-01: 0.8\n"
                    "paramters: {}\n")
    with pytest.raises(RulesError, match="typo.yaml: paramters: unknown key"):
        load_rules(overlays=[path])


def test_overlay_table_must_keep_the_bundled_keys(tmp_path):
    path = _overlay(tmp_path, "periods.yaml", "parameters:\n  skatt.table_periods:\n    values:\n      2027-01-01:\n"
                    "        monthly: {income: 12.12, withholding: 10.5, band: 100, max_base: 200000}\n")
    with pytest.raises(RulesError, match="values.2027-01-01: leaves out '14-day'"):
        load_rules(overlays=[path])


def test_overlay_table_may_add_only_the_declared_keys(tmp_path):
    base = ("parameters:\n  sosialhjelp.rates:\n    values:\n      2027-01-01: {single: 9000, couple: 15000, "
            "shared_housing: 7500, children: [{from_age: 0, amount: 4000}], %s: 9500}\n")
    ok = load_rules(overlays=[_overlay(tmp_path, "ok.yaml", base % "single_with_children")])
    assert ok.value("sosialhjelp.rates", date(2027, 1, 1))["single_with_children"] == 9500
    with pytest.raises(RulesError, match="2027-01-01.lone_parent: is not a key of the bundled table; it may add "
                                         "single_with_children"):
        load_rules(overlays=[_overlay(tmp_path, "bad.yaml", base % "lone_parent")])


def test_overlay_may_not_change_a_unit(tmp_path):
    path = _overlay(tmp_path, "unit.yaml", "parameters:\n  grunnbelop.g:\n    unit: G\n    values:\n      2027-05-01: 1\n")
    with pytest.raises(RulesError, match="differs from the bundled parameter's unit 'NOK/year'"):
        load_rules(overlays=[path])


def test_overlay_list_of_months_must_hold_months(tmp_path):
    path = _overlay(tmp_path, "m.yaml", "parameters:\n  skatt.settlement_restskatt_months:\n    values:\n"
                    "      2027-01-01: []\n")
    with pytest.raises(RulesError, match="must be a non-empty list of numbers in month of year"):
        load_rules(overlays=[path])


def test_a_parameter_without_a_label_in_every_language_is_refused(rules_copy):
    label = "  label: {nb: AAP som andel av grunnlaget, nn: AAP som del av grunnlaget, en: AAP as a share of the basis}\n"
    _edit(rules_copy / "aap.yaml", label, "  label: {nb: AAP som andel av grunnlaget}\n")
    assert "compensation_rate.label: a label is {nb: text, nn: text, en: text}" in _load_error(rules_copy)
    _edit(rules_copy / "aap.yaml", "  label: {nb: AAP som andel av grunnlaget}\n", "")
    assert "compensation_rate.label: is missing" in _load_error(rules_copy)


def test_brackets_give_threshold_and_rate_units(rules_copy):
    p = RULES.param("skatt.trinnskatt")
    assert p.unit == "NOK/year, fraction" and p.label_in("en") and p.label_in("nn")
    _edit(rules_copy / "skatt.yaml", "  rate_unit: fraction\n", "")
    assert "trinnskatt.rate_unit: brackets give both threshold_unit and rate_unit" in _load_error(rules_copy)
    _edit(rules_copy / "skatt.yaml", "  threshold_unit: NOK/year\n", "  threshold_unit: NOK/year\n  rate_unit: fraction\n  unit: NOK\n")
    assert "trinnskatt.unit: brackets give threshold_unit and rate_unit instead of unit" in _load_error(rules_copy)


def test_first_projected_month_agrees_with_asking_every_month():
    from benefit_calc.core import calendar as cal

    for start in (date(2023, 1, 1), date(2025, 6, 1), date(2026, 12, 1)):
        months = [cal.add_months(start, i) for i in range(60)]
        for name, p in RULES.parameters.items():
            slow = next((m for m in months if m >= p.values[0].valid_from and p.is_projected(m)), None)
            assert p.first_projected(months) == slow, name


def test_a_register_is_read_but_not_listed_in_explanations(rules_copy):
    """kommunenummer.numbers is looked up for every case (is the municipality a real one?) but shapes no amount:
    ``register: true`` keeps it out of every explanation — no name of it in the engine."""
    from benefit_calc import load_case, simulate

    assert RULES.param("kommunenummer.numbers").register and not RULES.param("grunnbelop.g").register
    result = simulate(RULES, load_case(Path(__file__).parent.parent / "examples" / "sosialhjelp-finnmark.yaml"))
    names = {u.name for p in result.payments for u in p.explain().used}
    assert "grunnbelop.g" in names and not any(n.startswith("kommunenummer.") for n in names)
    _edit(rules_copy / "kommunenummer.yaml", "  register: true", "  register: yes please")
    assert "kommunenummer.yaml: numbers.register: must be true or false" in _load_error(rules_copy)


def test_an_overlay_or_rule_file_that_never_ends_is_refused_not_read_without_end(rules_copy):
    """Issue 21 item 10 for the rules: the size the system gives was trusted (``/dev/zero`` says 0), and an overlay
    was read a second time, whole, for the stamp. Run in a child process with a memory cap and a time limit, so a
    regression fails instead of hanging."""
    import subprocess
    import sys

    (rules_copy / "zero.yaml").symlink_to("/dev/zero")
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "from benefit_calc.rules.load import load_rules\n"
            "for args in ((sys.argv[1],), (None, ['/dev/zero'])):\n"
            "    try:\n        load_rules(*args)\n    except ValueError as e:\n        print(e)\n")
    out = subprocess.run([sys.executable, "-c", code, str(rules_copy)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-500:]
    assert "no/zero.yaml: is larger than 1000 kB" in out.stdout and "zero: is larger than 1000 kB" in out.stdout


def test_a_key_in_a_rule_file_or_overlay_is_shown_escaped(rules_copy):
    """Issue 21 item 8 for the rules: an unknown key with a terminal escape or a zero-width space is named escaped."""
    _edit(rules_copy / "aap.yaml", "  unit: fraction\n", "  unit: fraction\n  \"\\e[2Jx\\u200b\": 1\n")
    msg = _load_error(rules_copy)
    assert "\x1b" not in msg and "\u200b" not in msg and "\\x1b[2Jx\\u200b" in msg, msg
