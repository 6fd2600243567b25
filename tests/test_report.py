"""The PDF report (report.py): its text in bokmål, nynorsk and English, æøå, the amounts, the stamp, the inputs and
assumptions in words and the action list."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from benefit_calc import load_case, load_rules, simulate
from benefit_calc.present.summary import headline
from benefit_calc.core.money import fmt
from benefit_calc.words.formats import number
from benefit_calc.present.report import build_pdf, changes_lines, inputs_lines
from benefit_calc.words import LANGS, in_lang

RULES = load_rules()
CASE = load_case(Path(__file__).parent.parent / "examples" / "sosialhjelp-finnmark.yaml")
RESULT = simulate(RULES, CASE)
HEAD = headline(RULES, CASE, RESULT)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def words_of(text: str) -> str:
    """The text with its line breaks and runs of spaces as single spaces (a paragraph wraps in the PDF)."""
    return " ".join(text.split())


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
    flat = words_of(text)
    assert "municipality 5601" in flat and "kommune" not in flat and "Tax settlement for 2027" in flat
    assert "skatt 20" not in flat and "same_month" not in flat and "Wages count in: the same month" in flat


def test_nynorsk_report() -> None:
    flat = words_of(text_of(build_pdf(CASE, RESULT, HEAD, "nn", made=date(2026, 11, 23))))
    for part in ("Kva skjer med pengane når du byrjar å jobbe?", "Det vi har rekna med", "Føresetnader i utrekninga",
                 "Månad for månad", "Kva endrar seg når", "Kven gjer kva, og når", "Skatteoppgjer og etteroppgjer",
                 "Laga 23.11.2026", "Hushald: kommune 5601", "Yting: Bustøtte", "Løn tel i: same månad",
                 "Skatteoppgjeret for 2027", "Bustøtte", "Disponibelt"):
        assert part in flat, part
    assert "same_month" not in flat and "bostotte" not in flat


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_lists_every_assumption_and_the_electricity_cost(lang: str) -> None:
    assert RESULT.notes and CASE.household.electricity_per_month
    flat = words_of(text_of(build_pdf(CASE, RESULT, HEAD, lang, made=date(2026, 11, 23))))
    for note in RESULT.notes:
        assert words_of(in_lang(note, lang)) in flat, note
    electricity = {"nb": "strøm {} kr i måneden", "nn": "straum {} kr i månaden", "en": "electricity {} kr a month"}
    assert electricity[lang].format(number(CASE.household.electricity_per_month, lang)) in flat
    assert "same_month" not in flat and ".kt" not in flat


def test_inputs_and_changes_lines() -> None:
    lines = inputs_lines(CASE, "nb")
    assert any("kommune 5601" in line for line in lines) and "Ytelse: AAP (AAP-grunnlag i G: 2,041)." in lines
    assert any("strøm 1 200 kr i måneden" in line for line in lines)
    assert any("215 kr i timen" in line for line in lines)
    changes = changes_lines(RESULT, "nb")
    assert changes and all(":" in c and "kr" in c for c in changes)
    assert all(code not in c for c in changes_lines(RESULT, "en") for code in ("aap", "bostotte", "lønn", "skatt"))
    assert changes_lines(RESULT, "nn")[0].startswith("mars 2027: opp ") and "løn +" in changes_lines(RESULT, "nn")[0]


def test_inputs_read_as_words_not_code() -> None:
    case = load_case(Path(__file__).parent.parent / "examples" / "aap-barn-opptrapping.yaml")
    lines = " ".join(inputs_lines(case, "nb"))
    assert "AAP-grunnlag i G: 3,4; Opptrapping fra måned: september 2026; Opptrapping, antall måneder: 12" in lines
    assert "datetime" not in lines and "Opptrapping(" not in lines and "basis_g" not in lines
    assert "AAP basis in G: 3.4" in " ".join(inputs_lines(case, "en"))
    assert "AAP-grunnlag i G: 3,4; Opptrapping frå månad: september 2026" in " ".join(inputs_lines(case, "nn"))
    assert "Sosialhjelp (Lønn teller i: samme måned)" in " ".join(inputs_lines(CASE, "nb"))


def test_the_report_says_where_the_difference_comes_from_and_carries_the_alternatives() -> None:
    """Issue 18.9 and 18.13: the no-work baseline beside the headline and as a column; the compared alternatives
    (the case's scenarios) with their totals and difference from the plan; the sources listed once at the end."""
    from benefit_calc import load_rules
    from benefit_calc.present.summary import headline

    rules = load_rules()
    case = load_case(Path(__file__).parent.parent / "examples" / "sosialhjelp-finnmark.yaml")
    assert case.scenarios
    result = simulate(rules, case)
    head = headline(rules, case, result)
    flat = words_of(text_of(build_pdf(case, result, head, "nb", made=date(2026, 11, 23), rules=rules)))
    assert head.compared("nb") in flat and "Uten jobb" in flat
    assert "Alternativene vi sammenlignet" in flat
    for s in case.scenarios:
        assert s.name in flat, s.name
    assert "Kilder (lover og regler)" in flat
    without = words_of(text_of(build_pdf(case, result, head, "nb", made=date(2026, 11, 23))))
    assert "Alternativene vi sammenlignet" not in without  # no rules given: nothing compared, nothing invented


def test_a_ferietillegg_after_the_period_is_said_as_money_paid_out_not_a_refund() -> None:
    """Issue 19: a later ferietillegg is a payment; "til gode" and "Etteroppgjøret for …" are a refund's words."""
    from benefit_calc import parse_case
    from benefit_calc.present.summary import headline as head_of

    rules = load_rules()
    case = parse_case({"start": "2026-01", "months": 12, "client": {"birth_date": "1980-01-01", "benefits": {
        "dagpenger": {"basis": 380000, "normal_hours_per_week": 37.5, "until": "2026-02-26"}}}})
    result = simulate(rules, case)
    assert "dagpenger_ferietillegg" in [s.scheme for s in result.settlements if not s.in_horizon]
    flat = words_of(text_of(build_pdf(case, result, head_of(rules, case, result), "nb", made=date(2026, 11, 23))))
    assert "Ferietillegget på dagpengene for 2026: 4 245 kr utbetales, mai 2027." in flat, flat[-600:]


def test_restskatt_paid_in_two_parts_is_one_line_in_the_pdf() -> None:
    """The PDF listed "Skatteoppgjøret for 2026: 17 635 kr å betale, august 2027." and again for September."""
    case = load_case(Path(__file__).parent.parent / "examples" / "overgangsstonad-jobb.yaml")
    result = simulate(RULES, case)
    shown = words_of(text_of(build_pdf(case, result, headline(RULES, case, result), "nb", made=date(2026, 12, 8))))
    assert "35 269 kr å betale, fordelt på 17 635 kr i august 2027 og 17 634 kr i september 2027" in shown, shown[-900:]
    assert "17 635 kr å betale, august 2027" not in shown
