"""Barnetrygd and kontantstøtte (family.py), checked against the rates in NAV's familie-ba-sak SatsService.kt and
familie-ks-sak Sats.kt and the month rules in their tidslinje code (first month after birth, last month before 18;
Finnmarkstillegg per child from October 2025)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from benefit_calc import parse_case, simulate
from benefit_calc.rules import load_rules

RULES = load_rules()


def run(children: list[dict[str, Any]], muni: str = "0301", start: str = "2025-09", months: int = 8, **hh: Any) -> dict:
    case = parse_case({"start": start, "months": months,
                       "household": {"municipality": muni, "children": children, **hh},
                       "client": {"birth_date": "1990-01-01"}})
    return {m.month: m.benefits for m in simulate(RULES, case).months}


def test_ordinary_rate_by_date_and_utvidet_for_a_single_provider() -> None:
    months = run([{"birth_date": "2015-05-05"}])
    assert months[date(2026, 1, 1)]["barnetrygd"] == 1968 + 2516  # SatsService: ORBA 1 968, utvidet 2 516
    assert months[date(2026, 2, 1)]["barnetrygd"] == 2012 + 2572  # from 2026-02-01
    with_partner = run([{"birth_date": "2015-05-05"}], partner={"birth_date": "1988-01-01"})
    assert with_partner[date(2026, 2, 1)]["barnetrygd"] == 2012


def test_finnmarkstillegg_per_child_from_october_2025_in_the_zone_only() -> None:
    kids = [{"birth_date": "2015-05-05"}, {"birth_date": "2018-01-10"}]
    alta = run(kids, "5601", partner={"birth_date": "1988-01-01"})
    oslo = run(kids, "0301", partner={"birth_date": "1988-01-01"})
    assert alta[date(2025, 9, 1)]["barnetrygd"] == oslo[date(2025, 9, 1)]["barnetrygd"] == 2 * 1968
    assert alta[date(2025, 10, 1)]["barnetrygd"] == 2 * (1968 + 500)
    assert alta[date(2026, 2, 1)]["barnetrygd"] == 2 * (2012 + 512)
    assert oslo[date(2026, 2, 1)]["barnetrygd"] == 2 * 2012
    lyngen = run(kids, "5536", partner={"birth_date": "1988-01-01"})  # Nord-Troms is in the zone; Tromsø is not
    tromso = run(kids, "5501", partner={"birth_date": "1988-01-01"})
    assert lyngen[date(2026, 2, 1)]["barnetrygd"] - tromso[date(2026, 2, 1)]["barnetrygd"] == 2 * 512


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


def test_kontantstotte_example_from_navs_rules() -> None:
    """familie-ks-sak (2025 law): born 15 January 2024 → paid February to August 2025."""
    months = run([{"birth_date": "2024-01-15"}], start="2025-01", months=9, partner={"birth_date": "1988-01-01"})
    paid = [m for m, b in sorted(months.items()) if b.get("kontantstotte")]
    assert (paid[0], paid[-1], len(paid)) == (date(2025, 2, 1), date(2025, 8, 1), 7)
