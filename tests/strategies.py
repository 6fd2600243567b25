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
    case["start"] = draw(st.builds(lambda m: f"2026-{m:02d}", st.integers(1, 12)))  # tests may shift it back
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


# ------------------------------------------------------------------------------------------------ hostile input
# Cases and overlays as a careless or hostile person writes them: every field of the bounds table at and beyond
# its edges, wrong types, unknown keys, and text-level tricks (aliases, tags, duplicate keys, deep nesting, long
# numbers, bad bytes). Used by tests/test_hostile.py: only the project's own errors may come out.

def _full_case(draw: Any) -> dict[str, Any]:
    """A valid case with every part filled: a household with partner and children, a plan, scenarios, tax."""
    case = draw(aap_cases(max_months=60))
    combos = [["aap", "bostotte", "sosialhjelp"], ["dagpenger", "bostotte"], ["tiltakspenger", "sosialhjelp"],
              ["uforetrygd", "bostotte"], ["overgangsstonad", "uforetrygd"], ["kvalifiseringsstonad", "bostotte"]]
    names = draw(st.sampled_from(combos))
    bodies = {"bostotte": st.just({"heating_in_rent": False}), "sosialhjelp": st.just({"other_costs_per_month": 500}),
              **BENEFIT_BODIES}
    case["client"]["benefits"] = {n: draw(bodies[n]) for n in names}
    case["household"]["partner"] = {"birth_date": "1985-05-05", "income_per_month": 20000, "tax_free_per_month": 100}
    case["household"]["electricity_per_month"] = 900
    case["scenarios"] = [{"name": "Alternativ", "work": draw(work_plans(case["start"], case["months"]))}]
    case["tax"] = {"frikort": False}
    return case


def _edges(b: Any) -> tuple[list[Any], list[Any]]:
    """Values at the edges of one bound (allowed), and beyond them or of the wrong type (refused)."""
    wrong: list[Any] = [None, True, [], {}, "", " ", "x" * 300, [1, 2], {"a": 1}, -1, 10**30, 1e308, -1e308,
                        float("nan"), float("inf"), "1e308", "12,5", "NaN"]
    if b.kind in ("number", "integer"):
        lo, hi = b.low, b.high
        inside = [lo, hi, (lo + hi) / 2 if b.kind == "number" else (lo + hi) // 2, lo + 1 if lo + 1 <= hi else lo]
        if b.warn_above is not None:
            inside.append(b.warn_above + 1)
        return inside, [lo - 1, hi + 1, hi * 10, 0.5 if b.kind == "integer" else lo - 0.01, 10**300, *wrong]
    if b.kind in ("date", "month"):
        fmt = (lambda d: f"{d:%Y-%m}") if b.kind == "month" else (lambda d: d.isoformat())
        inside = [fmt(b.low), fmt(b.high), "2026-06" if b.kind == "month" else "2026-06-15", "2023-01-01"[:len(fmt(b.low))]]
        return inside, ["1899-12-31", "2101-01-01", "9999-12-31", "0001-01-01", "2026-02-30", "2026-13", "12.2026",
                        "31.12.2026", 20260101, *wrong]
    if b.kind == "list":
        return [[]], [[{}] * (b.high + 1), [None] * 3, "list", {"a": 1}, [[[[]]]], *wrong]
    if b.kind == "choice":
        return list(b.options), ["other", *wrong]
    if b.kind == "boolean":
        return [True, False], wrong
    return ["0301", "5601", "2100"], [*wrong, "0000", "9999", "3005", "abcd"]


def _set(case: dict[str, Any], path: str, value: Any) -> None:
    """Set a generic bounds path (``work[].hours_per_week``) in ``case``, creating what is missing."""
    parts = path.replace("[]", ".[]").split(".")
    target: Any = case
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if part == "[]":
            continue
        if not isinstance(target, dict):
            return
        if nxt == "[]":
            lst = target.get(part)
            if not isinstance(lst, list) or not lst or not isinstance(lst[0], dict):
                lst = target[part] = [{}]
            target = lst[0]
        else:
            if not isinstance(target.get(part), dict):
                target[part] = {}
            target = target[part]
    if isinstance(target, dict):
        target[parts[-1]] = value


@st.composite
def hostile_cases(draw: Any) -> dict[str, Any]:
    """A full valid case with one to three fields set at or beyond their bounds (or removed), and maybe a stray key."""
    import copy

    from benefit_calc.case.bounds import BOUNDS

    case = copy.deepcopy(_full_case(draw))  # st.just() bodies are shared objects: never mutate them in place
    have = case["client"]["benefits"]
    fields = sorted((b for b in BOUNDS.values()  # the fields of benefits the case has (others would only be refused)
                     if not b.path.startswith("client.benefits.") or b.path.split(".")[2] in have), key=lambda x: x.path)
    for _ in range(draw(st.integers(1, 3))):
        b = draw(st.sampled_from(fields))
        inside, beyond = _edges(b)
        # two in three at an allowed edge, so most hostile cases reach the engine (where crashes hide)
        _set(case, b.path, draw(st.sampled_from(inside if draw(st.integers(0, 2)) < 2 else beyond)))
    if draw(st.integers(0, 9)) == 9:  # (hypothesis leans to small integers: 0 comes often, 9 seldom)
        _set(case, draw(st.sampled_from(["colour", "client.benefits.aap.grunlag", "household.kids", "work[].hours"])), 1)
    return case


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@st.composite
def hostile_texts(draw: Any) -> str | bytes:
    """A case file as text with a YAML/JSON trick in it (aliases, tags, duplicate keys, nesting, long numbers, bytes)."""
    head = "schema: benefit-calc/case@1\nstart: 2026-01\nclient: {birth_date: 1990-01-01}\n"
    laughs = "months:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    options: list[str | bytes] = [
        head + laughs,
        head + "months: 12\nmonths: 1\n",
        head + "months: &m 12\nwork: *m\n",
        head + "months: !!python/object/apply:os.system ['true']\n",
        head + "months: !!binary aGVsbG8=\n",
        head + "months: !!timestamp 2026-01-01\n",
        head + f"months: {_nested(draw(st.integers(20, 2000)))}\n",
        '{"schema": "benefit-calc/case@1", "months": ' + _nested(draw(st.integers(20, 5000))) + "}",
        '{"start": "2026-01", "months": 12, "months": 1, "client": {"birth_date": "1990-01-01"}}',
        '{"start": "2026-01", "months": ' + "9" * draw(st.integers(4000, 6000)) + "}",
        head + "months: " + "9" * draw(st.integers(4000, 6000)) + "\n",
        '{"start": "2026-01", "months": 1e400, "client": {"birth_date": "1990-01-01"}}',
        '{"start": "2026-01", "months": NaN, "client": {"birth_date": "1990-01-01"}}',
        '{"start": "2026-01", "months": 12, "client": {"birth_date": "\\ud800"}}',
        head.encode() + b"months: \xff\xfe\n",
        head + "months: 12\x00\n",
        "\ufeff" + head + "months: 12\n",
        head + "months: 12\n---\nmonths: 3\n",
        head + "? [a, b]\n: 1\nmonths: 12\n",
        head + "months: 12\nwork:\n" + "".join(f"  - {{from: 2026-{(i % 12) + 1:02d}, hours_per_week: 10, "
                                                "hourly_wage: 200}\n" for i in range(draw(st.integers(73, 400)))),
        head + "months: 12\nhousehold:\n  children:\n" + "  - {birth_date: 2020-01-01}\n" * draw(st.integers(16, 3000)),
        head + "months: 12\nscenarios:\n" + "  - {name: x, work: []}\n" * draw(st.integers(21, 2000)),
        draw(st.text(max_size=200)),
        draw(st.binary(max_size=200)),
    ]
    return draw(st.sampled_from(options))


def _thaw(value: Any) -> Any:
    """A rule value as plain YAML-able data (the loaded rules hold read-only dicts and tuples)."""
    if isinstance(value, dict):
        return {str(k): _thaw(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_thaw(v) for v in value]
    if hasattr(value, "threshold"):
        return {"threshold": value.threshold, "rate": value.rate}
    return value


@st.composite
def hostile_overlays(draw: Any, parameters: dict[str, Any]) -> Any:
    """An overlay (as data) that sets one bundled parameter to an edge value of its unit, or breaks the format."""
    name = draw(st.sampled_from(sorted(parameters)))
    p = parameters[name]
    last = _thaw(p.values[-1].value)
    when = draw(st.sampled_from(["2023-01-01", "2025-06-01", "2026-01-01", "2026-07-01"]))
    if p.kind == "number":
        value: Any = draw(st.sampled_from([0, 1, 0.5, 1e-9, 28, 100, 1000, 10**7, 10**9, -1, last, 2 * last]))
    elif p.kind == "brackets":
        value = draw(st.sampled_from([[{"threshold": 0, "rate": 0}], [{"threshold": 0, "rate": 1}],
                                      [{"threshold": 10**9, "rate": 0.5}], [{"threshold": 0, "rate": -0.1}]]))
    elif p.kind == "table":
        value = last
        key = draw(st.sampled_from(sorted(value)))
        choice = draw(st.integers(0, 3))
        if choice == 0:
            value.pop(key)
        elif choice == 1:
            value[key] = 0
        elif choice == 2:
            value[key] = [] if not isinstance(value[key], (list, tuple)) else [0]
        else:
            value["extra"] = 1
    elif p.kind == "list":
        value = draw(st.sampled_from([[], ["0301"], [0], [99], ["aap", "x"]]))
    else:
        value = draw(st.sampled_from(["", "text", 1]))
    body: dict[str, Any] = {"values": {when: value}}
    trick = draw(st.integers(0, 7))
    if trick == 0:
        return {"paramters": {name: body}}
    if trick == 1:
        return {"parameters": {name + "x": {**body, "description": "d", "unit": "NOK", "reference": ["r"]}}}
    if trick == 2:
        return {"parameters": {name: {**body, "kind": "text"}}}
    if trick == 3:
        return {"parameters": {name: {**body, "unit": "furlongs"}}}
    return {"parameters": {name: body}}


# a change in hours for the cliff and sweep sentences (analysis.sentences.Change, as keyword arguments): rising hours
# (quarters and hundredths), rising wages, and parts that take or give — a few kroner, about the wage rise, or many
# times it — sometimes adding up to exactly the wage rise (the household gets no more)
CHANGE_PARTS = ("aap", "dagpenger", "uforetrygd", "bostotte", "sosialhjelp", "barnetrygd", "tax", "settlements",
                "settlements_after_horizon", "partner", "unknown_part")


@st.composite
def changes(draw: Any) -> dict[str, Any]:
    h0 = draw(st.integers(0, 6000)) / 100
    h1 = h0 + draw(st.one_of(st.integers(25, 2000).map(lambda k: k / 100), st.sampled_from([0.01, 0.25, 1.0])))
    gross = draw(st.one_of(st.integers(1, 500), st.integers(500, 600_000)))
    before = draw(st.integers(0, 2_000_000))
    names = draw(st.lists(st.sampled_from(CHANGE_PARTS), unique=True, max_size=6))
    parts: dict[str, tuple[int, int]] = {}
    for name in names:
        level = draw(st.integers(-400_000, 1_500_000))
        taken = draw(st.one_of(st.integers(-50, 50), st.integers(-gross // 4, gross), st.integers(-3 * gross, 12 * gross)))
        parts[name] = (level, level - taken)
    if names and draw(st.booleans()):  # the first part takes what the others leave of the wage rise: net 0
        rest = sum(b - a for n, (b, a) in parts.items() if n != names[0])
        level = parts[names[0]][0]
        parts[names[0]] = (level, level - (gross - rest))
    return {"hours_from": h0, "hours_to": h1, "months": draw(st.integers(1, 60)), "wages": (before, before + gross),
            "parts": parts}


@st.composite
def typed_amounts(draw: st.DrawFn) -> tuple[float, str]:
    """A number a person might type into the app (whole kroner up to ten million, or hours and wages with up to
    two decimals) and a language."""
    cents = draw(st.integers(min_value=0, max_value=1_000_000_000))
    value = cents / 100 if draw(st.booleans()) else float(cents // 100)
    return value, draw(st.sampled_from(["nb", "nn", "en"]))


# ------------------------------------------------------------------------------------------ overlay bounds
# Every number, choice, name and list the engine reads in a parameter (its "leaves", found from the parameter's
# unit, kind and shape: benefit_calc.rules.checks.SHAPES), and each leaf's extremes: at its unit's bounds (which
# the loader may take) and just beyond them (which it must refuse). Used by tests/test_overlay_bounds.py and
# benchmarks/bench_overlay_bounds.py.

import re  # noqa: E402

from benefit_calc.rules import checks as _checks  # noqa: E402
from benefit_calc.rules.units import UNITS as _UNITS  # noqa: E402

BOUND_LABEL = "bounds.yaml"
BOUND_DATE = "2023-01-01"  # the first month the rules support: the value holds in every month of every example


def _leaves(p: Any) -> list[tuple[tuple[Any, ...], Any, Any]]:
    """(path into the value, leaf, its shape or domain) for every leaf of ``p``'s last value; leaf is "num"
    (with (Domain, positive)), "text" (a choice or a name) or "list" (with its ListOf)."""
    value, shape = _thaw(p.values[-1].value), _checks.SHAPES.get(p.name) or _checks.NAMED_SHAPES.get(p.shape)
    if p.kind == "number" and shape is None:
        return [((), "num", (_UNITS[p.unit], p.positive))]
    if p.kind == "brackets":
        tu, ru = (u.strip() for u in p.unit.split(","))
        return [((i, k), "num", (_UNITS[u], False)) for i, _ in enumerate(value) for k, u in (("threshold", tu), ("rate", ru))]
    out: list[tuple[tuple[Any, ...], Any, Any]] = []
    stack: list[tuple[tuple[Any, ...], Any, Any]] = [((), shape, value)]
    while stack:
        path, spec, v = stack.pop()
        if spec is None:  # no shape: every number by the unit
            if isinstance(v, dict):
                stack.extend((path + (k,), None, x) for k, x in v.items())
            elif isinstance(v, list):
                stack.extend((path + (i,), None, x) for i, x in enumerate(v))
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                out.append((path, "num", (_UNITS[p.unit], p.positive)))
        elif isinstance(spec, _checks.Num):
            out.append((path, "num", (spec.domain(), spec.positive)))
        elif isinstance(spec, (_checks.Choice, _checks.Name, _checks.ParamOf)):
            out.append((path, "text", spec))
        elif isinstance(spec, _checks.Each):
            stack.extend((path + (k,), spec.value, x) for k, x in v.items())
        elif isinstance(spec, _checks.Fields):
            stack.extend((path + (k,), spec.fields[k], x) for k, x in v.items())
        elif isinstance(spec, _checks.ListOf):
            out.append((path, "list", spec))
            stack.extend((path + (i,), spec.item, x) for i, x in enumerate(v))
    return sorted(out, key=lambda leaf: [str(x) for x in leaf[0]])


def _num_extremes(domain: Any, positive: bool) -> list[tuple[str, float, bool]]:
    """(what, value, within the bounds) for a number leaf."""
    low = domain.low if domain.low is not None else 0
    least = max(domain.least, 1.0 if domain.whole else 0.0) if positive else low
    high = domain.high if domain.high is not None else 1e300
    step = 1 if domain.whole else max(abs(high) * 1e-9, 1e-9)
    out = [("low", max(low, least), True), ("high", high, True), ("below low", low - step, False),
           ("above high", high + step, False), ("huge", 1e300, False), ("minus huge", -1e300, False)]
    if positive:
        out.append(("tiny divisor", 1e-300 if not domain.whole else 0, False))
    if domain.whole:
        out.append(("not whole", low + 0.5, False))
    return [(w, int(x) if domain.whole and x == int(x) and abs(x) < 1e15 else x, ok) for w, x, ok in out]


def _many(spec: Any, n: int) -> list[Any]:
    """``n`` distinct items a list of ``spec`` may hold (as far as its item allows)."""
    item = spec.item
    if isinstance(item, _checks.Name) and item.month_day:
        from datetime import date as _date, timedelta as _td
        return [(_date(2024, 1, 2) + _td(days=i)).strftime("%m-%d") for i in range(n)]
    if isinstance(item, _checks.Name):
        return [f"{5601 + i:04}" for i in range(n)]
    if isinstance(item, _checks.Num):
        lo = int(item.domain().low or 0)
        return [lo + i for i in range(n)]
    if isinstance(item, _checks.Choice):
        return list(item.choices)[:n]
    return []


def _put(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    inner = value
    for k in path[:-1]:
        inner = inner[k]
    inner[path[-1]] = new
    return value


def bound_variants(p: Any, max_leaves: int = 8) -> list[tuple[str, Any, bool]]:
    """(what, overlay value, within the bounds) for every leaf of parameter ``p`` at and beyond its bounds, and the
    value with every number leaf at once at its low and at its high. "Within" is a value each leaf allows; the
    loader may still refuse it for a rule between leaves (bracket thresholds rise)."""
    base = p.values[-1].value
    out: list[tuple[str, Any, bool]] = []
    leaves = _leaves(p)
    if len(leaves) > max_leaves:  # a long register (357 kommunenummer): leaves spread over it
        leaves = [leaves[i * len(leaves) // max_leaves] for i in range(max_leaves)]
    for path, leaf, spec in leaves:
        where = ".".join(map(str, path)) or "value"
        if leaf == "num":
            for what, x, ok in _num_extremes(*spec):
                out.append((f"{where} {what}", _put(_thaw(base), path, x), ok))
        elif leaf == "text":
            bad = "sideways" if not isinstance(spec, _checks.Name) or not re.fullmatch(spec.pattern, "sideways") else ""
            out.append((f"{where} unknown text", _put(_thaw(base), path, bad), False))
            out.append((f"{where} a number", _put(_thaw(base), path, 7), False))
            if isinstance(spec, _checks.Choice):
                out.extend((f"{where} = {c}", _put(_thaw(base), path, c), True) for c in spec.choices)
        else:
            top = min(spec.high, 40)
            many = _many(spec, top)
            if len(many) >= spec.low:
                out.append((f"{where} {len(many)} items", _put(_thaw(base), path, many), True))
            if spec.high < 10_000:
                more = _many(spec, spec.high + 1)
                if len(more) == spec.high + 1:
                    out.append((f"{where} {len(more)} items", _put(_thaw(base), path, more), False))
            if spec.low > 0:
                out.append((f"{where} empty", _put(_thaw(base), path, []), False))
            out.append((f"{where} not a list", _put(_thaw(base), path, "x"), False))
    for which in ("low", "high"):
        value, nums = _thaw(base), [(path, spec) for path, leaf, spec in leaves if leaf == "num"]
        for path, spec in nums:
            x = next(x for w, x, _ in _num_extremes(*spec) if w == which)
            value = _put(value, path, x)
        if nums:
            out.append((f"every number {which}", value, True))
    return out


BOUND_DATES = (BOUND_DATE, "2026-01-01")  # from the first supported month, or from a year on (after an earlier value)


def bound_overlay(name: str, value: Any, when: str = BOUND_DATE) -> dict[str, Any]:
    return {"parameters": {name: {"values": {when: value}}}}


@st.composite
def overlays_at_bounds(draw: Any, parameters: dict[str, Any]) -> tuple[str, str, dict[str, Any], bool]:
    """(parameter, what, overlay document, within the bounds): one parameter with one leaf at or beyond a bound."""
    name = draw(st.sampled_from(sorted(parameters)))
    variants = bound_variants(parameters[name])
    what, value, ok = draw(st.sampled_from(variants))
    return name, what, bound_overlay(name, value, draw(st.sampled_from(BOUND_DATES))), ok
