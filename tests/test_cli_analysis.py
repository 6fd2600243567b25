"""``benefit-calc sweep | compare | explain``: formats, languages and exit codes."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from benefit_calc.cli.main import main

CASE = "examples/sosialhjelp-finnmark.yaml"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_sweep_json_has_every_step_rates_and_cliffs() -> None:
    r = run("sweep", CASE, "--hours", "0:30:5", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["schema"] == "benefit-calc/sweep@1" and [s["hours"] for s in data["steps"]] == [0, 5, 10, 15, 20, 25, 30]
    assert data["steps"][0]["ptr"]["rate"] is None and data["steps"][-1]["emtr"] is None
    assert any(c["kind"] == "cliff" and c["parameter"] == "aap.max_work_share" for c in data["cliffs"])


def test_sweep_table_and_csv_and_english() -> None:
    table = run("sweep", CASE, "--hours", "0,10,20,30")
    assert table.exit_code == 0 and "PTR" in table.output and "OECD" in table.output
    english = run("sweep", CASE, "--hours", "20,25", "--lang", "en")
    assert "Cliffs and plateaus" in english.output and "hours a week" in english.output
    assert "[cliff]" in english.output and "the National Insurance Act § 11-23" in english.output
    assert "aap.max_work_share" not in english.output and ".kt" not in english.output
    nynorsk = run("sweep", CASE, "--hours", "0:30:5", "--lang", "nn")
    assert nynorsk.exit_code == 0 and "Kantar og flate parti:" in nynorsk.output and "[flatt parti]" in nynorsk.output
    assert "Timeløn 215 kr; snitt over 24 månader" in nynorsk.output and "folketrygdlova § 11-23" in nynorsk.output
    assert nynorsk.output.splitlines()[0].split()[:2] == ["Timar", "Løn/mnd."]
    rows = list(csv.reader(io.StringIO(run("sweep", CASE, "--hours", "0,10", "--format", "csv").output)))
    assert rows[0][0] == "hours" and rows[0][-3:] == ["disposable", "ptr", "emtr"] and len(rows) == 3


def test_sweep_bad_hours_and_wage_exit_2_naming_the_field() -> None:
    r = run("sweep", CASE, "--hours", "0:40")
    assert r.exit_code == 2 and "hours" in r.output and "Traceback" not in r.output
    r = run("sweep", CASE, "--wage", "-5")
    assert r.exit_code == 2 and "wage" in r.output


def test_compare_formats() -> None:
    r = run("compare", CASE)
    assert r.exit_code == 0 and "Rett på 25 timer fra februar" in r.output and "brå fall" in r.output
    data = json.loads(run("compare", CASE, "--format", "json").output)
    assert len(data["scenarios"]) == 2 and "timing_cliffs" in data["scenarios"][0]
    nn = run("compare", CASE, "--lang", "nn")
    assert nn.exit_code == 0 and "Arbeidsplanen: månader med brå fall" in nn.output and "Skilnad" in nn.output
    en = run("compare", CASE, "--lang", "en")
    assert "The work plan: months with sudden drops" in en.output and "Difference" in en.output
    no_scen = run("compare", "examples/aap-ung-minsteytelse.yaml")
    assert no_scen.exit_code == 2 and "scenarios" in no_scen.output


def test_explain_month_in_both_languages_and_bad_month() -> None:
    nb = run("explain", CASE, "--month", "2027-03")
    en = run("explain", CASE, "--month", "2027-03", "--lang", "en")
    assert nb.exit_code == en.exit_code == 0
    assert "Alt som kommer inn i mars 2027" in nb.output and "hjemmel" in nb.output
    assert "Everything that lands in March 2027" in en.output and "legal basis" in en.output
    nn = run("explain", CASE, "--month", "2027-03", "--lang", "nn")
    assert nn.exit_code == 0 and "Alt som kjem inn i mars 2027" in nn.output and "heimel" in nn.output
    assert "\nAAP: 8 770 kr utbetalt 02.03.2027, skattetrekk 765 kr" in nn.output and "hushaldet:" in nn.output
    assert json.loads(run("explain", CASE, "--month", "2027-03", "--format", "json").output)["lang"] == "nb"
    bad = run("explain", CASE, "--month", "2027-13")
    assert bad.exit_code == 2 and "Måned (month)" in bad.output
    outside = run("explain", CASE, "--month", "2031-01", "--lang", "en")
    assert outside.exit_code == 2 and "outside" in outside.output


def test_report_writes_a_pdf_in_each_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader
    out = tmp_path / "rapport.pdf"
    r = run("report", CASE, "-o", str(out), "--lang", "en")
    assert r.exit_code == 0, r.output
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "What happens to your money" in text
    r = run("report", CASE, "-o", str(out), "--lang", "nn")
    assert r.exit_code == 0, r.output
    assert "Kva skjer med pengane" in PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    bad = run("report", CASE, "-o", str(tmp_path / "no" / "such" / "dir" / "x.pdf"))
    assert bad.exit_code == 2 and "output" in bad.output and "Traceback" not in bad.output
