"""Hypothesis strategies for cases, shared by the test modules."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

# tax: a monthly trekkgrunnlag within the 2026 table's range, yearly incomes, and the years the rules cover
grunnlag_2026 = st.integers(min_value=0, max_value=200_000)
yearly_income = st.integers(min_value=0, max_value=3_000_000)
tax_years = st.sampled_from([2023, 2024, 2025, 2026])

# simulation months inside the years the rules cover (2023–2026, with projections after)
start_months = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(2023, 2026), st.integers(1, 12))
hours = st.one_of(st.sampled_from([0, 7.5, 10, 20, 22.5, 30, 37.5]), st.floats(0, 60, allow_nan=False).map(lambda h: round(h * 2) / 2))
hourly_wages = st.integers(150, 450)
birth_dates = st.dates(date(1960, 1, 1), date(2007, 12, 31))


@st.composite
def work_plans(draw: Any, start: str, months: int) -> list[dict[str, Any]]:
    """Rising work-plan steps (as case-file data) from ``start`` within ``months``."""
    y, m = (int(p) for p in start.split("-"))
    offsets = sorted(draw(st.sets(st.integers(0, months - 1), max_size=3)))
    steps = []
    for off in offsets:
        mm = m - 1 + off
        step: dict[str, Any] = {"from": f"{y + mm // 12:04d}-{mm % 12 + 1:02d}", "hours_per_week": draw(hours)}
        if draw(st.booleans()):
            step["hourly_wage"] = draw(hourly_wages)
        else:
            step["monthly_salary"] = draw(st.integers(0, 60000))
        if draw(st.booleans()):
            step["payday"] = draw(st.sampled_from(["same_month", "next_month"]))
        steps.append(step)
    return steps


@st.composite
def aap_cases(draw: Any, max_months: int = 24) -> dict[str, Any]:
    """A valid AAP case as case-file data."""
    start = draw(start_months)
    months = draw(st.integers(1, max_months))
    aap: dict[str, Any] = (
        {"basis_g": draw(st.floats(0, 8, allow_nan=False).map(lambda x: round(x, 4)))}
        if draw(st.booleans()) else {"basis": draw(st.integers(0, 1_200_000))})
    if draw(st.booleans()):
        aap["arbeidsevne"] = draw(st.integers(0, 60))
    if draw(st.booleans()):
        aap["yrkesskade"] = True
    children = [{"birth_date": d.isoformat()} for d in draw(st.lists(st.dates(date(2005, 1, 1), date(2026, 6, 1)), max_size=3))]
    case: dict[str, Any] = {
        "schema": "benefit-calc/case@1", "start": start, "months": months,
        "household": {"municipality": "0301", "rent_per_month": draw(st.integers(0, 20000)), "children": children},
        "client": {"birth_date": draw(birth_dates).isoformat(), "benefits": {"aap": aap}},
        "work": draw(work_plans(start, months)),
    }
    if draw(st.booleans()):
        case["tax"] = {"withholding": draw(st.sampled_from(["table_on_benefits", "table_on_wages"]))}
    return case


# anything a user might type: used to check that parsing raises our own error naming a field, never anything else
junk = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=12)),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)),
    max_leaves=10,
)


@st.composite
def mutated_cases(draw: Any) -> dict[str, Any]:
    """A valid case with one field replaced by junk or removed."""
    case = draw(aap_cases(max_months=12))
    paths = [("start",), ("months",), ("client", "birth_date"), ("client", "benefits", "aap"), ("work",),
             ("household", "municipality"), ("household", "children"), ("tax",), ("schema",), ("client",)]
    path = draw(st.sampled_from(paths))
    target = case
    for key in path[:-1]:
        target = target[key]
    if draw(st.booleans()):
        target[path[-1]] = draw(junk)
    else:
        target.pop(path[-1], None)
    return case


BENEFIT_BODIES = {
    "aap": st.builds(lambda g: {"basis_g": g}, st.floats(0, 7, allow_nan=False).map(lambda x: round(x, 3))),
    "dagpenger": st.builds(lambda b, h, e: {"basis": b, "normal_hours_per_week": h, "egenandel": e},
                           st.integers(150_000, 900_000), st.sampled_from([20, 30, 37.5, 45]), st.booleans()),
    "tiltakspenger": st.builds(lambda d: {"days_per_period": d} if d else {}, st.sampled_from([None, 5, 10])),
    "uforetrygd": st.builds(lambda deg, ifu, r: {"degree": deg, "ifu": ifu, "full_benefit": round(ifu * 0.66),
                                                 "granted": "2019-03-01", "reports_income": r},
                            st.sampled_from([40, 50, 100]), st.integers(300_000, 700_000),
                            st.sampled_from(["on_job_start", "never"])),
    "overgangsstonad": st.builds(lambda e, r: {"expected_income": e, "reports_income": r},
                                 st.integers(0, 300_000), st.sampled_from(["on_job_start", "never"])),
    "kvalifiseringsstonad": st.just({}),
}


@st.composite
def benefit_cases(draw: Any, max_months: int = 18) -> dict[str, Any]:
    """A valid case with one NAV income benefit (or overgangsstønad with uføretrygd), as case-file data."""
    case = draw(aap_cases(max_months=max_months))
    names = draw(st.sampled_from([["aap"], ["dagpenger"], ["tiltakspenger"], ["uforetrygd"], ["overgangsstonad"],
                                  ["kvalifiseringsstonad"], ["overgangsstonad", "uforetrygd"]]))
    case["client"]["benefits"] = {n: draw(BENEFIT_BODIES[n]) for n in names}
    return case


@st.composite
def sosialhjelp_cases(draw: Any, max_months: int = 12) -> dict[str, Any]:
    """A household on sosialhjelp (with or without bostøtte, partner and an NAV benefit), as case-file data."""
    case = draw(aap_cases(max_months=max_months))
    case["start"] = draw(st.builds(lambda m: f"2026-{m:02d}", st.integers(1, 12)))  # bostøtte is modelled from 2025-06
    case["work"] = draw(work_plans(case["start"], case["months"]))
    names = draw(st.sampled_from([[], ["aap"], ["dagpenger"], ["uforetrygd"], ["kvalifiseringsstonad"]]))
    benefits: dict[str, Any] = {n: draw(BENEFIT_BODIES[n]) for n in names}
    benefits["sosialhjelp"] = {"income_month": "same_month", "other_costs_per_month": draw(st.integers(0, 2000))}
    if draw(st.booleans()):
        benefits["bostotte"] = {}
    case["client"]["benefits"] = benefits
    case["household"]["municipality"] = draw(st.sampled_from(["0301", "4601", "1860", "5601"]))
    case["household"]["electricity_per_month"] = draw(st.integers(0, 2000))
    if draw(st.booleans()):
        case["household"]["partner"] = {"birth_date": "1990-01-01", "income_per_month": draw(st.integers(0, 40000))}
    return case
