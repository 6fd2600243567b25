"""The table of bounds every case field is read with (benefit_calc.bounds)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from benefit_calc import parse_case
from benefit_calc.case.bounds import BOUNDS, FIRST_DATE, LAST_DATE, KINDS
from benefit_calc.core.errors import CaseError

BASE = {"start": "2026-01", "months": 12, "client": {"birth_date": "1990-01-01"}}


def test_every_bound_is_complete() -> None:
    for path, b in BOUNDS.items():
        assert b.kind in KINDS and b.why, path
        if b.kind in ("number", "integer", "list"):
            assert b.low is not None and b.high is not None and b.low <= b.high, path
        if b.kind in ("date", "month"):
            assert FIRST_DATE <= b.low < b.high <= LAST_DATE, path
        if b.kind == "choice":
            assert b.options, path
        if b.warn_above is not None:
            assert b.low < b.warn_above < b.high, path


def test_every_field_the_parser_reads_has_a_bound() -> None:
    """Each key the parser allows has a row (or is a mapping of rows): the table is the one source of limits."""
    from benefit_calc.case import benefits as benefit_inputs

    readers = {"aap": ("basis_g", "basis", "yrkesskade", "arbeidsevne", "until", "barnetillegg"),
               "uforetrygd": ("degree", "ifu", "ieu", "full_benefit", "granted", "vta", "reports_income",
                              "barnetillegg"),
               "dagpenger": ("basis", "basis_g", "normal_hours_per_week", "until", "egenandel", "barnetillegg")}
    for scheme, keys in readers.items():
        for key in keys:
            assert f"client.benefits.{scheme}.{key}" in BOUNDS
    assert {a.name for a in attrs.fields(benefit_inputs.Benefits)} >= {"aap", "uforetrygd", "dagpenger"}


@pytest.mark.parametrize("path", [p for p, b in BOUNDS.items() if b.kind in ("number", "integer")
                                  and p.startswith(("work[]", "household.rent", "household.electricity"))])
def test_numbers_at_the_edges_pass_and_beyond_are_refused(path: str) -> None:
    b = BOUNDS[path]
    key = path.split(".")[-1]

    def case(value: float) -> dict:
        if path.startswith("work[]"):
            step = {"from": "2026-01", "hours_per_week": 10, "hourly_wage": 200, key: value}
            if key == "monthly_salary":
                step.pop("hourly_wage")
            return {**BASE, "work": [step]}
        return {**BASE, "household": {key: value}}

    parse_case(case(b.low))
    parse_case(case(b.high))
    with pytest.raises(CaseError) as exc:
        parse_case(case(b.high + 1))
    assert exc.value.field.endswith(key) and "highest allowed value" in str(exc.value) and b.why in str(exc.value)


def test_dates_outside_1900_to_2100_are_refused_by_name() -> None:
    with pytest.raises(CaseError, match="household.children\\[0\\].birth_date: 2101-01-01 is above"):
        parse_case({**BASE, "household": {"children": [{"birth_date": "2101-01-01"}]}})
    assert parse_case({**BASE, "household": {"children": [{"birth_date": "2100-12-31"}]}}).household.children[0] \
        .birth_date == date(2100, 12, 31)


def test_lists_are_counted_before_they_are_read() -> None:
    with pytest.raises(CaseError, match="work: has 73 entries; at most 72"):
        parse_case({**BASE, "work": [None] * 73})
    with pytest.raises(CaseError, match="scenarios: has 21 entries; at most 20"):
        parse_case({**BASE, "scenarios": [None] * 21})
