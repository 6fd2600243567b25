"""The command line: formats, errors as one line, and the exit codes of the CLI contract (docs/architecture.md §5)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from benefit_calc.cli.main import main

EXAMPLE = "examples/aap-barn-opptrapping.yaml"
RULES_DIR = Path(__file__).parent.parent / "rules"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_simulate_table() -> None:
    r = run("simulate", EXAMPLE)
    assert r.exit_code == 0, r.output
    assert "Disponibelt" in r.output and "Meldeperioder:" in r.output and "AAP " in r.output and "Regelverk no" in r.output
    head = r.output.splitlines()[0].split()
    assert head == ["Måned", "Timer", "Lønn", "AAP", "Barnetrygd", "Skattetrekk", "Oppgjør", "Disponibelt"]
    # the meldeperioder: shares in percent, never as fractions
    periods = r.output.split("Meldeperioder:")[1].split("\n\n")[0].splitlines()[3:]
    assert periods and all(re.search(r"\d+ %\s+\d+ %", line) for line in periods)
    assert not any(re.search(r"\b0\.\d", line) for line in periods)


def test_simulate_table_in_nynorsk_and_english() -> None:
    nn = run("simulate", EXAMPLE, "--lang", "nn")
    assert nn.exit_code == 0, nn.output
    lines = nn.output.splitlines()
    assert lines[0].split() == ["Månad", "Timar", "Løn", "AAP", "Barnetrygd", "Skattetrekk", "Oppgjer", "Disponibelt"]
    for part in ("Meldeperiodar:", "Yting", "Blir utbetalt", "Skatteoppgjer:", "trekt", "Føresetnader:", "Regelverk no"):
        assert part in nn.output, part
    tables = nn.output.split("Varsel:")[0]  # the tables (warnings and notes carry their own words)
    assert not {"Måned", "Timer", "Lønn", "Meldeperioder:", "aap", "barnetrygd", "trukket"} & set(tables.split())
    en = run("simulate", EXAMPLE, "--lang", "en")
    assert en.output.splitlines()[0].split()[:3] == ["Month", "Hours", "Wages"]
    assert "Tax settlements:" in en.output and "Assumptions:" in en.output and "Rules no" in en.output
    assert "Total" in en.output and "trukket" not in en.output


def test_simulate_json_is_the_contract() -> None:
    r = run("simulate", EXAMPLE, "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["schema"] == "benefit-calc/result@1" and len(data["months"]) == 24


def test_simulate_csv() -> None:
    r = run("simulate", EXAMPLE, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert r.exit_code == 0 and len(rows) == 24
    first = rows[0]
    header = list(rows[0])
    benefits = header[header.index("holiday_pay") + 1:header.index("taxable_income")]
    assert "aap" in benefits and "barnetrygd" in benefits  # the example has two children
    assert int(first["disposable"]) == (int(first["wages"]) + sum(int(first[b]) for b in benefits)
                                        - int(first["tax_withheld"]) + int(first["settlements"]))


def test_bad_case_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("start: 2026-01\nmonths: 12\nclient: {birth_date: 1990-01-01}\n"
                   "work: [{from: 2026-02, hours_per_week: 200, hourly_wage: 200}]\n")
    r = run("simulate", str(bad))
    assert r.exit_code == 2
    assert r.output.strip() == ("Feil: Timer i uka, trinn 1 (work[0].hours_per_week): 200 er over det høyeste som er "
                                "tillatt, 100 timer i uka (arbeidstimer i uka; over 100 jobber ingen, og over 60 ber et "
                                "varsel deg sjekke)")
    assert "Traceback" not in r.output
    en = run("simulate", str(bad), "--lang", "en")
    assert en.output.strip() == ("Error: Hours a week, step 1 (work[0].hours_per_week): 200 is above the highest allowed "
                                 "value 100 hours a week (hours worked a week; above 100 no one works, and above 60 a "
                                 "warning asks to check)")
    nn = run("simulate", str(bad), "--lang", "nn")
    assert nn.output.startswith("Feil: Timar i veka, trinn 1 (work[0].hours_per_week): 200 er over det høgaste")


def test_missing_case_and_bad_usage_exit_2() -> None:
    assert run("simulate", "nope.yaml").exit_code == 2
    assert run("simulate", EXAMPLE, "--format", "xml").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_broken_rules_exit_1_naming_file_and_key(tmp_path: Path) -> None:
    shutil.copytree(RULES_DIR, tmp_path / "rules")
    aap = tmp_path / "rules" / "no" / "aap.yaml"
    aap.write_text(aap.read_text().replace("  unit: fraction\n", "", 1))
    r = run("simulate", EXAMPLE, "--rules", str(tmp_path / "rules"))
    assert r.exit_code == 1
    assert "aap.yaml" in r.output and "compensation_rate.unit: is missing" in r.output
    r = run("rules", "validate", str(tmp_path / "rules"))
    assert r.exit_code == 1 and "compensation_rate.unit" in r.output


def test_overlay_changes_the_result(tmp_path: Path) -> None:
    overlay = tmp_path / "limit80.yaml"
    overlay.write_text("parameters:\n  aap.max_work_share:\n    values:\n      2026-01-01: 0.8\n")
    case = "examples/aap-naer-grensen.yaml"
    base = json.loads(run("simulate", case, "--format", "json").output)
    what_if = json.loads(run("simulate", case, "--format", "json", "--overlay", str(overlay)).output)
    assert what_if["ruleset"]["overlays"] == ["limit80.yaml"]
    assert what_if["ruleset"]["sha256"] != base["ruleset"]["sha256"]
    assert sum(m["benefits"]["aap"] for m in what_if["months"]) > sum(m["benefits"]["aap"] for m in base["months"])


def test_rules_commands() -> None:
    r = run("rules", "list")
    assert r.exit_code == 0 and "grunnbelop.g" in r.output and "aap.minimum_annual_g" in r.output
    r = run("rules", "show", "grunnbelop.g", "--date", "2025-06-01")
    assert r.exit_code == 0 and "130160" in r.output
    r = run("rules", "show", "grunnbelop.g")
    assert "2026-05-01: 136549" in r.output and "lovdata" in r.output
    r = run("rules", "show", "aap.nonsense")
    assert r.exit_code == 1 and "not defined" in r.output
    r = run("rules", "validate")
    assert r.exit_code == 0 and r.output.startswith("OK:")
    r = run("rules", "diff", "--from", "2025-12-31", "--to", "2026-01-01")
    assert r.exit_code == 0 and "skatt.personfradrag: 108550 → 114540" in r.output
    assert "aap.barnetillegg_per_day: 37 → 38" in r.output
    assert r.output.rstrip().splitlines()[-1].endswith("parametere endret mellom 2025-12-31 og 2026-01-01")
    nn = run("rules", "diff", "--from", "2025-12-31", "--to", "2026-01-01", "--lang", "nn")
    assert nn.output.rstrip().splitlines()[-1].endswith("parametrar endra mellom 2025-12-31 og 2026-01-01")
    en = run("rules", "show", "grunnbelop.g", "--date", "2025-06-01", "--lang", "en")
    assert "source: Folketrygdloven § 1-4" in en.output and "2025-06-01: 130160 (from 2025-05-01)" in en.output
    assert run("rules", "validate", "--lang", "nn").output.startswith("OK:")


def test_a_warning_names_its_law_in_the_language_and_nothing_when_it_has_none(tmp_path: Path) -> None:
    """The table's warnings said "(Folketrygdloven § 11-23)" in nynorsk and English, and "()" for a warning whose
    source names no law (the tax values not set yet for 2027)."""
    out = run("simulate", "examples/aap-naer-grensen.yaml", "--lang", "nn").output
    assert "(Folketrygdlova § 11-23" in out and "(Folketrygdloven" not in out
    case = tmp_path / "case.yaml"
    case.write_text("start: 2027-01\nmonths: 2\nclient: {birth_date: 1990-01-01, benefits: {bostotte: {}}}\n"
                    "household: {municipality: '0301', rent_per_month: 9000}\n", encoding="utf-8")
    out = run("simulate", str(case), "--lang", "en").output
    assert "not set yet" in out and "()" not in out


# ------------------------------------------------------------------ issue 21: hostile input to the CLI (7, 8, 10)

CASE_HEAD = "schema: benefit-calc/case@1\nstart: 2026-01\nmonths: 12\nclient: {birth_date: 1990-01-01}\n"


def test_a_yaml_1_1_number_is_refused_naming_the_field(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(CASE_HEAD + "work:\n  - {from: 2026-01, hours_per_week: 1:30, hourly_wage: 200}\n")
    r = run("simulate", str(case), "--lang", "en")
    assert r.exit_code == 2, r.output
    assert "work[0].hours_per_week" in r.output and "'1:30'" in r.output


def test_an_unknown_key_reaches_the_terminal_escaped(tmp_path: Path) -> None:
    """ESC[2J cleared the terminal; ``months`` with a zero-width space looked like the allowed key."""
    for key, shown in [('"\\e[2J"', "'\\x1b[2J'"), ("months\u200b", "'months\\u200b'"),
                       ("mon\u202eths", "'mon\\u202eths'")]:
        case = tmp_path / "case.yaml"
        case.write_text(CASE_HEAD + f"{key}: 3\n", encoding="utf-8")
        r = CliRunner().invoke(main, ["simulate", str(case)], color=True)  # color: ANSI kept as it would be on a tty
        assert r.exit_code == 2, r.output
        assert shown in r.output, r.output
        assert not any(c in r.output for c in "\x1b\u200b\u202e"), repr(r.output)


def _limits() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _cli(*args: str):  # type: ignore[no-untyped-def]
    """The CLI in a child process with a time and memory limit: a regression that reads without end fails."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", "from benefit_calc.cli.main import main; main()", *args],
                          capture_output=True, text=True, timeout=180, preexec_fn=_limits)


UNIX = pytest.mark.skipif(sys.platform == "win32", reason="/dev/zero, FIFOs and resource limits are Unix")


@UNIX
def test_simulate_dev_zero_is_refused_not_read_without_end() -> None:
    r = _cli("simulate", "/dev/zero", "--lang", "en")
    assert r.returncode == 2, r.stderr[-500:]
    assert "larger than 1000 kB" in r.stderr, r.stderr[-500:]


@UNIX
def test_an_overlay_from_dev_zero_is_refused_not_read_without_end() -> None:
    r = _cli("simulate", EXAMPLE, "--overlay", "/dev/zero")
    assert r.returncode == 1, r.stderr[-500:]
    assert "zero" in r.stderr and "larger than 1000 kB" in r.stderr, r.stderr[-500:]


@UNIX
def test_batch_from_dev_zero_answers_one_line_too_large_and_ends() -> None:
    """A caseload is read line by line, each line cut one byte past the limit; /dev/zero is one endless line."""
    r = _cli("batch", "/dev/zero", "--jobs", "1", "--lang", "en")
    assert r.returncode == 0, r.stderr[-500:]
    answers = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(a["line"], a["problem"]["code"]) for a in answers] == [(1, "too_big")]
