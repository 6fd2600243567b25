"""The unit vocabulary of rule parameters and each unit's domain (benefit_calc.units)."""

from __future__ import annotations

from benefit_calc import load_rules
from benefit_calc.rules.units import UNITS, numbers_in, split_unit, unknown_unit

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
