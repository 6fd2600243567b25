"""The PDF report (report.py): its text in bokmål and English, æøå, the amounts, the stamp and the action list."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from benefit_calc import load_case, load_rules, simulate
from benefit_calc.app_model import headline
from benefit_calc.money import fmt
from benefit_calc.report import build_pdf, changes_lines, inputs_lines

RULES = load_rules()
CASE = load_case(Path(__file__).parent.parent / "examples" / "sosialhjelp-finnmark.yaml")
RESULT = simulate(RULES, CASE)
HEAD = headline(RULES, CASE, RESULT)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_bokmal_report_has_every_part_and_renders_aeoeaa() -> None:
    pdf = build_pdf(CASE, RESULT, HEAD, "nb", made=date(2026, 11, 23))
    assert pdf[:5] == b"%PDF-"
    text = text_of(pdf)
    for part in ("Hva skjer med pengene når du begynner å jobbe?", "Kort fortalt", "Det vi regnet med",
                 "Måned for måned", "Hva endrer seg når", "Risiko og ting å passe på", "Hva gjør hvem, og når",
                 "Skatteoppgjør og etteroppgjør", "skattekortet", "23.11.2026"):
        assert part in text, part
    assert f"Regelverk {RESULT.ruleset['id']} {RESULT.ruleset['version']}" in text
    assert "æ" in text and "ø" in text and "å" in text
    first = RESULT.months[0]
    assert fmt(first.disposable) in text  # the month table's amounts, Norwegian format
    assert fmt(abs(HEAD.per_month)) in text


def test_english_report() -> None:
    text = text_of(build_pdf(CASE, RESULT, HEAD, "en", made=date(2026, 11, 23)))
    assert "What happens to your money when you start working?" in text and "Who does what, and when" in text
    assert "tax card" in text


def test_inputs_and_changes_lines() -> None:
    lines = inputs_lines(CASE, "nb")
    assert any("kommune 5601" in line for line in lines) and any("aap" in line for line in lines)
    assert any("215 kr i timen" in line for line in lines)
    changes = changes_lines(RESULT, "nb")
    assert changes and all(":" in c and "kr" in c for c in changes)


def test_inputs_read_as_words_not_code() -> None:
    case = load_case(Path(__file__).parent.parent / "examples" / "aap-barn-opptrapping.yaml")
    lines = " ".join(inputs_lines(case, "nb"))
    assert "grunnlag (G) 3,4" in lines and "opptrapping (fra 01.09.2026, måneder 12)" in lines
    assert "datetime" not in lines and "Opptrapping(" not in lines and "basis_g" not in lines
    assert "basis (G) 3.4" in " ".join(inputs_lines(case, "en"))
