"""words.formats: numbers and dates each language's way, and numbers read as people type them (issue 18)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given

from benefit_calc.words import Text
from benefit_calc.words.formats import Day, Month, Num, NumberNotRead, amount, day, kr, month, month_short, number, read_number
from tests.strategies import typed_amounts


@pytest.mark.parametrize(("typed", "value"), [
    ("37,5", 37.5), ("37.5", 37.5), ("220,50", 220.5), ("500 000", 500000), ("500\u00a0000", 500000),
    ("18.75", 18.75), ("1.500,50", 1500.5), ("1,500.50", 1500.5), ("1.500.000", 1500000), ("kr 9 000", 9000),
    ("9000 kr", 9000), ("9 000,-", 9000), ("0,125", 0.125), ("3,", 3), ("", None), ("  ", None), ("1 000,5", 1000.5),
])
def test_what_people_type_is_read_right(typed: str, value: float | None) -> None:
    assert read_number(typed) == value


@pytest.mark.parametrize(("typed", "reason"), [
    ("1.500", "ambiguous"), ("2,000", "ambiguous"), ("ti", "not_number"), ("-5", "negative"), ("−5", "negative"),
    ("12 34", "grouping"), ("5 00", "grouping"), ("1e5", "not_number"), ("1.5.0", "grouping"), ("x" * 41, "too_long"),
    ("1,2,3", "grouping"), ("1.2,3.4", "not_number"),
])
def test_what_cannot_be_read_without_guessing_is_refused_with_a_reason(typed: str, reason: str) -> None:
    with pytest.raises(NumberNotRead) as exc:
        read_number(typed)
    assert exc.value.reason == reason


def test_in_english_a_comma_before_three_digits_groups_thousands() -> None:
    assert read_number("2,000", "en") == 2000 and read_number("380,000", "en") == 380000
    with pytest.raises(NumberNotRead):
        read_number("1.500", "en")  # a point before three digits is still a guess


@given(typed_amounts())
def test_every_number_as_shown_is_read_back_to_itself(case: tuple[float, str]) -> None:
    """What the app shows in a field (the language's way) reads back to the same number when typed again."""
    value, lang = case
    assert read_number(number(value, lang), lang) == value


def test_numbers_and_dates_in_each_language() -> None:
    assert number(18.75, "nb") == "18,75" and number(18.75, "en") == "18.75" and number(42.0, "nn") == "42"
    assert number(500000, "nb") == "500 000" and number(500000, "en") == "500,000"
    assert number(1.1, "nb", 2, fixed=True) == "1,10"
    assert kr(12345.4, "nb") == "12 345 kr" and kr(12345, "en") == "12,345 kr"
    d = date(2027, 1, 5)
    assert month(d, "nb") == "januar 2027" and month(d, "nn") == "januar 2027" and month(d, "en") == "January 2027"
    assert day(d, "nb") == "05.01.2027" and day(d, "en") == "5 Jan 2027"
    assert month_short(d, "en") == "Jan 2027" and month_short(d, "nb").startswith("jan")


def test_typed_arguments_are_written_in_the_texts_language() -> None:
    said = Text("app.plan_step", hours=Num(18.75, 2), month=Month(date(2027, 3, 1)), pay="x")
    assert said == "18,75 timer i uka fra mars 2027 (x)"
    assert said.in_("en") == "18.75 hours a week from March 2027 (x)"
    assert Text("app.typed_range", low=Day(date(2027, 1, 5)), high=Num(1000)).in_("en").endswith(
        "between 5 Jan 2027 and 1,000. The calculation waits until it is fixed.")


def test_a_wage_with_ore_is_written_with_two_decimals() -> None:
    assert amount(220.5, "nb") == "220,50" and amount(220.5, "en") == "220.50" and amount(215, "nn") == "215"
