"""Headline, month table, action list and saved-case files (present/summary.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benefit_calc import load_case, load_rules, parse_case, simulate
from benefit_calc.present.summary import actions, case_text, headline, month_table, next_cliff, read_case_file
from benefit_calc.engine.registry import BENEFIT_PAYMENTS as BENEFIT_SCHEMES
from benefit_calc.core.errors import CaseError
from benefit_calc.words import LANGS

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
    assert head.text("nn").startswith("Med jobbplanen har hushaldet") and "i månaden etter skatt" in head.text("nn")


def test_month_table_columns_and_signs() -> None:
    result = simulate(RULES, load_case(EXAMPLES / "aap-barn-opptrapping.yaml"))
    rows = month_table(result, "nb")
    assert list(rows[0])[:3] == ["Måned", "Timer", "Lønn"] and "AAP" in rows[0] and "Barnetrygd" in rows[0]
    assert all(r["Skattetrekk"] <= 0 for r in rows)
    assert [r["Disponibelt"] for r in rows] == [m.disposable for m in result.months]
    assert list(month_table(result, "en")[0])[0] == "Month"
    assert list(month_table(result, "nn")[0]) == ["Månad", "Timar", "Løn", "AAP", "Barnetrygd", "Skattetrekk", "Oppgjer",
                                                  "Disponibelt"]


def test_actions_say_who_does_what_by_when() -> None:
    case = load_case(EXAMPLES / "uforetrygd-deltid.yaml")
    todo = actions(case, simulate(RULES, case), "nb")
    texts = " ".join(a.what for a in todo)
    assert "skattekortet" in texts and "forventet inntekt" in texts
    assert all(a.who and a.what and a.when for a in todo)
    aap = load_case(EXAMPLES / "aap-naer-grensen.yaml")
    assert any("meldekort" in a.what for a in actions(aap, simulate(RULES, aap), "nb"))
    nn = actions(aap, simulate(RULES, aap), "nn")
    assert ("Du", "Send meldekort kvar 14. dag med alle timane du har jobba", "kvar 14. dag") in [
        (a.who, a.what, a.when) for a in nn]
    assert any("skattekortet" in a.what and "trekkjer" in a.what for a in nn)


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


@pytest.mark.parametrize("lang", LANGS)
def test_month_table_headings_are_words_not_scheme_codes(lang: str) -> None:
    case = parse_case({"start": "2026-01", "months": 12,
                       "client": {"birth_date": "1984-11-02", "benefits": {
                           "uforetrygd": {"degree": 100, "ifu": 420000, "full_benefit": 277200, "granted": "2019-03-01"},
                           "overgangsstonad": {}, "bostotte": {}}},
                       "household": {"municipality": "5001", "rent_per_month": 8900,
                                     "partner": {"birth_date": "1985-01-01", "income_per_month": 15000},
                                     "children": [{"birth_date": "2018-01-01"}, {"birth_date": "2025-03-01"}]},
                       "work": [{"from": "2026-03", "hours_per_week": 12, "hourly_wage": 230}]})
    result = simulate(RULES, case)
    heads = list(month_table(result, lang)[0])
    assert len(heads) == 3 + len(result.benefit_names()) + 3 + 2  # every column kept: nothing named twice
    assert not set(heads) & {*BENEFIT_SCHEMES, "partner", "Kroner"}, heads
    assert {"nb": "Barnetillegg (uføretrygd)", "nn": "Barnetillegg (uføretrygd)",
            "en": "Child supplement (uføretrygd)"}[lang] in heads
    assert {"nb": "Bostøtte", "nn": "Bustøtte", "en": "Bostøtte"}[lang] in heads


def test_a_plan_outside_the_months_puts_no_set_up_advice_on_the_clients_list() -> None:
    """"Endre første måned …" is for whoever set up the calculation, not a thing for the client to do."""
    from benefit_calc import load_rules, parse_case, simulate
    from benefit_calc.present.summary import actions

    rules = load_rules()
    case = parse_case({"start": "2026-01", "months": 12, "client": {"birth_date": "1990-01-01",
                       "benefits": {"aap": {"basis_g": 2.5}}},
                       "work": [{"from": "2027-03", "hours_per_week": 10, "hourly_wage": 220}]})
    result = simulate(rules, case)
    assert {"work_outside_case", "work_none_in_case"} <= {w.code for w in result.warnings}
    assert not [a for a in actions(case, result, "nb") if "første måned" in a.what]
