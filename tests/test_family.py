"""Barnetrygd and kontantstøtte (family.py), checked against the rates in NAV's familie-ba-sak SatsService.kt and
familie-ks-sak Sats.kt and the month rules in their tidslinje code (first month after birth, last month before 18;
Finnmarkstillegg per child from October 2025). NAV's published rates and its kontantstøtte example are whole-case
tests in tests/schemes/family.yaml; the tests here check the month rules around them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from benefit_calc import parse_case, simulate
from benefit_calc.rules.load import load_rules

RULES = load_rules()


def run(children: list[dict[str, Any]], muni: str = "0301", start: str = "2025-09", months: int = 8, **hh: Any) -> dict:
    case = parse_case({"start": start, "months": months,
                       "household": {"municipality": muni, "children": children, **hh},
                       "client": {"birth_date": "1990-01-01"}})
    return {m.month: m.benefits for m in simulate(RULES, case).months}


@pytest.mark.parametrize(("birth", "first", "last"), [
    ("2025-10-15", date(2025, 11, 1), None),  # born in October: paid from November
    ("2008-03-10", None, date(2026, 2, 1)),  # turns 18 in March 2026: February is the last month
])
def test_first_and_last_month(birth: str, first: date | None, last: date | None) -> None:
    months = run([{"birth_date": birth}], partner={"birth_date": "1988-01-01"})
    paid = sorted(m for m, b in months.items() if b.get("barnetrygd"))
    if first:
        assert paid[0] == first
    if last:
        assert paid[-1] == last


def test_kontantstotte_7500_graded_by_barnehage_hours() -> None:
    # born 2025-01-20 (2025 rules): months after 12 months until the month before 20 months → Feb–Aug 2026
    full = run([{"birth_date": "2025-01-20"}], start="2026-01", months=9, partner={"birth_date": "1988-01-01"})
    assert [full[date(2026, m, 1)].get("kontantstotte", 0) for m in range(1, 10)] == [0] + [7500] * 7 + [0]
    part = run([{"birth_date": "2025-01-20", "barnehage_hours_per_week": 10}], start="2026-02", months=1,
               partner={"birth_date": "1988-01-01"})
    assert part[date(2026, 2, 1)]["kontantstotte"] == 4500  # 9–16 hours: 60 %
