"""Headline, month table, action list and saved-case files (app_model.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benefit_calc import load_case, load_rules, simulate
from benefit_calc.app_model import actions, case_text, headline, month_table, next_cliff, read_case_file
from benefit_calc.errors import CaseError

RULES = load_rules()
EXAMPLES = Path(__file__).parent.parent / "examples"


def test_headline_is_work_plan_against_no_work_after_tax() -> None:
    case = load_case(EXAMPLES / "sosialhjelp-finnmark.yaml")
    result = simulate(RULES, case)
    head = headline(RULES, case, result)
    none = simulate(RULES, case, ())
    assert head.with_work == result.household_total() and head.without_work == none.household_total()
    assert head.total == head.with_work - head.without_work
    assert head.per_month == round(head.total / case.months)
    assert f"{abs(head.per_month):,}".replace(",", " ") in head.text("nb")
    assert "a month" in head.text("en")


def test_month_table_columns_and_signs() -> None:
    result = simulate(RULES, load_case(EXAMPLES / "aap-barn-opptrapping.yaml"))
    rows = month_table(result, "nb")
    assert list(rows[0])[:3] == ["Måned", "Timer", "Lønn"] and "aap" in rows[0] and "barnetrygd" in rows[0]
    assert all(r["Skattetrekk"] <= 0 for r in rows)
    assert [r["Disponibelt"] for r in rows] == [m.disposable for m in result.months]
    assert list(month_table(result, "en")[0])[0] == "Month"


def test_actions_say_who_does_what_by_when() -> None:
    case = load_case(EXAMPLES / "uforetrygd-deltid.yaml")
    todo = actions(case, simulate(RULES, case), "nb")
    texts = " ".join(a.what for a in todo)
    assert "skattekortet" in texts and "forventet inntekt" in texts
    assert all(a.who and a.what and a.when for a in todo)
    aap = load_case(EXAMPLES / "aap-naer-grensen.yaml")
    assert any("meldekort" in a.what for a in actions(aap, simulate(RULES, aap), "nb"))


def test_case_file_round_trip_and_bad_files() -> None:
    case = load_case(EXAMPLES / "sosialhjelp-finnmark.yaml")
    assert read_case_file(case_text(case).encode()) == case
    with pytest.raises(CaseError, match="^file: is .* kB"):
        read_case_file(b"x" * 200_000)
    with pytest.raises(CaseError, match="^file: is not a case file: it is not UTF-8 text"):
        read_case_file(b"\xff\xfe not utf-8")
    with pytest.raises(CaseError, match="^file: is not a case file: it uses a YAML anchor"):
        read_case_file(b"start: &a 2026-03\nmonths: 1\nclient: {birth_date: *a}\n")
    with pytest.raises(CaseError, match="^file: is not a case file"):
        read_case_file(b"[1, 2, 3]")
    with pytest.raises(CaseError, match="^months"):
        read_case_file(b"start: 2026-03\nmonths: 0\nclient: {birth_date: 1990-01-01}\n")


def test_next_cliff_is_the_first_one_ahead() -> None:
    class C:  # minimal stand-ins for Cliff
        def __init__(self, kind: str, to: float) -> None:
            self.kind, self.hours_to = kind, to
    cliffs = [C("plateau", 5), C("cliff", 23), C("cliff", 31)]
    assert next_cliff(cliffs, 10).hours_to == 23 and next_cliff(cliffs, 23).hours_to == 31
    assert next_cliff(cliffs, 40) is None
