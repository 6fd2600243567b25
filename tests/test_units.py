"""The unit vocabulary of rule parameters, each unit's domain, and values as people read them (benefit_calc.rules.units)."""

from __future__ import annotations

import pytest

from benefit_calc import load_rules
from benefit_calc.rules.model import Bracket
from benefit_calc.rules.units import LIST_SHOWN, UNITS, numbers_in, split_unit, unknown_unit, value_text
from benefit_calc.words import LANGS

RULES = load_rules()


def test_every_bundled_parameter_uses_the_vocabulary() -> None:
    for name, p in RULES.parameters.items():
        assert unknown_unit(p.unit, p.kind) is None, name


def test_domains() -> None:
    assert UNITS["day of month"].problem(28) is None
    assert "whole number" in UNITS["day of month"].problem(20.5)
    assert "outside" in UNITS["day of month"].problem(31)
    assert "outside" in UNITS["fraction"].problem(1.2)
    assert "above 0" in UNITS["NOK/year"].problem(0, positive=True)
    assert UNITS["NOK/year"].problem(0) is None
    assert "finite" in UNITS["G"].problem(float("nan"))


def test_brackets_have_two_units_and_numbers_are_found_everywhere() -> None:
    assert split_unit("NOK/year, fraction", "brackets") == ("NOK/year", "fraction")
    assert "two units" in unknown_unit("NOK/year", "brackets")
    assert sorted(v for _, v in numbers_in({"a": [1, {"b": 2}], "c": "x"})) == [1, 2]


@pytest.mark.parametrize("lang", LANGS)
def test_every_unit_reads_as_words(lang: str) -> None:
    for unit in UNITS:
        shown = value_text(3, unit, "number", lang)
        assert "3" in shown and "{" not in shown, (unit, shown)


def test_values_in_their_unit() -> None:
    assert value_text(136549, "NOK/year", "number") == "136 549 kr i året"
    assert value_text(136549, "NOK/year", "number", "en") == "136 549 kr a year"
    assert value_text(0.66, "fraction", "number") == "66 %"
    assert value_text(2 / 3, "fraction", "number", "nn") == "66,67 %"  # two decimals of a percent
    assert value_text(2.041, "G", "number") == "2,041 G" and value_text(2.041, "G", "number", "en") == "2.041 G"
    assert value_text(20, "day of month", "number") == "den 20."
    steps = (Bracket(226100, 0.017), Bracket(318300, 0.04))
    assert value_text(steps, "NOK/year, fraction", "brackets") == "over 226 100 kr i året: 1,7 %; over 318 300 kr i året: 4 %"
    table = {"single": 8350, "children": [{"from_age": 0, "amount": 4050}, {"from_age": 6, "amount": 4150}]}
    assert value_text(table, "NOK/month", "table") == "enslig: 8 350 kr i måneden; barn: 2 verdier"
    assert value_text(table, "NOK/month", "table", "nn") == "einsleg: 8 350 kr i månaden; barn: 2 verdiar"
    # a scheme by its name, a word value in words, one row as one value (was "uforetrygd: before", "1 rader")
    assert value_text({"uforetrygd": "before", "bostotte": [1]}, "table", "table") == "uføretrygd: dagen før; bostøtte: (1)"
    assert value_text({"barnetrygd": [{"a": 1}]}, "table", "table") == "barnetrygd: 1 verdi"
    assert value_text({"unknown_key": 1}, "count", "table") == "unknown_key: 1"  # an unknown key shows (tests catch it)
    many = [f"56{i:02}" for i in range(25)]
    shown = value_text(many, "list", "list", "en")
    assert shown.count(",") == LIST_SHOWN - 1 and shown.endswith("(25 in all)")
    assert value_text([], "list", "list") == "ingen" and value_text([], "list", "list", "en") == "none"
    assert value_text({"oslo": ["0301"], "city": ["4601", "5001"]}, "list", "table") == "Oslo: (0301); storbyene: (4601, 5001)"


@pytest.mark.parametrize("lang", LANGS)
def test_every_bundled_value_reads_as_words(lang: str) -> None:
    """No Python shapes ({'…': …}, Bracket(…), [..]) reach a person, whatever the parameter."""
    for name, p in RULES.parameters.items():
        for v in p.values:
            shown = value_text(v.value, p.unit, p.kind, lang)
            assert shown and not any(c in shown for c in "{}[]'") and "Bracket" not in shown, (name, shown)
