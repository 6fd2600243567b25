"""Kvalifiseringsstønad: 2 G (2.041 G from 1 July 2024), 2/3 under 25, reduced by hours of paid work.

Sources: nav.no "Kvalifiseringsstønad og andre økonomiske ordninger" (2 G, 2/3 under 25, "reduseres tilsvarende,
beregnet i forhold til antall timer i inntektsgivende arbeid", krone for krone for dagpenger); regjeringen.no
(about 5 000 kr more a year from 1 July 2024, as AAP); nav.no/kvalifiseringsprogrammet/en (2,041 G = NOK 253,141
and later NOK 265,657; under 25 NOK 168,761 / 177,104; barnetillegg NOK 37, later 38 a day). Amounts below are
worked by hand in the comments.
"""

from __future__ import annotations

from datetime import date

import pytest

from benefit_calc import parse_case, simulate
from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import load_rules

RULES = load_rules()


def case(birth: str = "1990-01-01", work: list | None = None, children: list | None = None, **benefits: object) -> dict:
    return {"start": "2026-01", "months": 6, "client": {"birth_date": birth,
            "benefits": {"kvalifiseringsstonad": {}, **benefits}}, "household": {"children": children or []},
            "work": work or []}


def test_full_rate_paid_the_month_after() -> None:
    """25+: 2.041 × 130 160 / 12 = 22 138.05 → 22 138 for January 2026, due 15 February (a Sunday): paid Friday 13."""
    res = simulate(RULES, parse_case(case()))
    feb = res.months[1]
    assert feb.benefits["kvalifiseringsstonad"] == 22138
    pay = [p for p in res.payments if p.scheme == "kvalifiseringsstonad" and p.earned_from == date(2026, 1, 1)]
    assert [(p.paid_on, p.amount) for p in pay] == [(date(2026, 2, 13), 22138)]
    # May 2026 at the new G: 2.041 × 136 549 / 12 = 23 225.04 → 23 225, paid in June
    assert res.months[5].benefits["kvalifiseringsstonad"] == 23225


@pytest.mark.parametrize(("day", "full", "young"), [(date(2024, 7, 1), 253_141, 168_761),
                                                    (date(2025, 6, 1), 265_657, 177_104)])
def test_yearly_amounts_nav_publishes(day: date, full: int, young: int) -> None:
    """nav.no/kvalifiseringsprogrammet/en: "2,041 times … G, which currently corresponds to NOK 253,141" (G 124 028)
    and "NOK 265,657" (G 130 160); under 25 "2/3 of the full benefit, i.e. NOK 168,761" / "NOK 177,104"."""
    yearly = RULES.value("kvalifiseringsstonad.annual_g", day) * RULES.value("grunnbelop.g", day)
    assert round(yearly) == full
    assert round(yearly * RULES.value("kvalifiseringsstonad.under_25_share", day)) == young


def test_barnetillegg_nav_publishes() -> None:
    # the page that gives NOK 253,141 (G 124 028: until April 2025) says NOK 37 a day; the later one NOK 38
    assert RULES.value("kvalifiseringsstonad.barnetillegg_per_day", date(2025, 3, 1)) == 37
    assert RULES.value("kvalifiseringsstonad.barnetillegg_per_day", date(2026, 3, 1)) == 38


def test_under_25_gets_two_thirds() -> None:
    """2/3 × 2.041 × 130 160 / 12 = 14 758.70 → 14 759."""
    res = simulate(RULES, parse_case(case(birth="2002-06-01")))
    assert res.months[1].benefits["kvalifiseringsstonad"] == 14759


def test_hours_of_work_reduce_in_proportion() -> None:
    """15 h a week in March 2026 (22 weekdays: 66 h) of full time 37.5 × 22 / 5 = 165 h = 40 % → 22 138 × 0.6 = 13 283."""
    work = [{"from": "2026-03", "hours_per_week": 15, "hourly_wage": 200}]
    res = simulate(RULES, parse_case(case(work=work)))
    april = next(m for m in res.months if m.month == date(2026, 4, 1))
    assert april.benefits["kvalifiseringsstonad"] == 13283


def test_barnetillegg_per_weekday() -> None:
    """One child, January 2026: 22 weekdays × 38 kr = 836 kr (rate assumed equal to AAP's; see the rule file)."""
    res = simulate(RULES, parse_case(case(children=[{"birth_date": "2019-01-01"}])))
    assert res.months[1].benefits["kvalifiseringsstonad"] == 22138 + 836


def test_kvp_is_taxable_and_not_combinable_with_aap() -> None:
    res = simulate(RULES, parse_case(case()))
    assert res.months[1].taxable_income == 22138
    with pytest.raises(CaseError) as exc:
        simulate(RULES, parse_case(case(aap={"basis_g": 3})))
    assert exc.value.field == "client.benefits.kvalifiseringsstonad" and "with AAP" in str(exc.value)
