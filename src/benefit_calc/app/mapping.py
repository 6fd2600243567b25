"""The app's form ↔ the case file: which widget holds which field, both ways.

``form_values(case)`` gives the widget values for a case (case-file data); ``case_data(base, values)`` puts the
widget values back into the case. Fields the form does not show are kept from ``base`` untouched, so a saved case
loads back exactly — and :func:`hidden_settings` lists them, so nothing that changes a number is hidden from the
counsellor (each can be removed with :func:`remove_setting`). ``new_case`` is the blank start. Pure functions:
unit-tested without a browser.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any, Mapping

from benefit_calc.app.inputs import day_value as _day, iso as _iso, month_value as _month, num as _num, whole as _int
from benefit_calc.app.inputs import put, shown_paths, values
from benefit_calc.case.bounds import BOUNDS
from benefit_calc.case.model import SCHEMA
from benefit_calc.engine.registry import INPUTS

BENEFITS = INPUTS  # the benefits a case can have, in the registry's order
MAX_CHILDREN = int(BOUNDS["household.children"].high)
MAX_STEPS = 6  # steps the form shows; a loaded plan may have more (kept, and listed as hidden settings)
MAX_SCENARIOS = 4
SCENARIO_STEPS = 3
PAYDAYS = ("default", "same_month", "next_month")


def limits(*paths: str) -> tuple[Any, Any]:
    """A widget's (min, max) from the bounds table: the widest range of the fields it can stand for (a basis in
    kroner or in G; an hourly wage or a monthly salary), so a case the parser accepts always fits the widget."""
    bounds = [BOUNDS[p] for p in paths]
    low, high = min(b.low for b in bounds), max(b.high for b in bounds)
    if isinstance(low, (int, float)) and not isinstance(low, bool):
        return float(low), float(high)
    return low, high


def next_month(today: date) -> str:
    return f"{today.year + today.month // 12}-{today.month % 12 + 1:02d}"


def new_case(today: date) -> dict[str, Any]:
    """The blank case a new session starts with: next month, a year ahead, nobody's data, no benefits, no plan."""
    return {"schema": SCHEMA, "start": next_month(today), "months": 12, "client": {}, "household": {}, "work": []}


def _steps(prefix: str, work: list[Any], n: int, start: Any) -> dict[str, Any]:
    v: dict[str, Any] = {}
    for i in range(n):
        step = work[i] if i < len(work) and isinstance(work[i], Mapping) else {}
        v[f"{prefix}w{i}_from"] = _month(step.get("from")) or _month(start)
        v[f"{prefix}w{i}_hours"] = float(step.get("hours_per_week") or 0)
        v[f"{prefix}w{i}_salary"] = step.get("monthly_salary") is not None
        v[f"{prefix}w{i}_pay"] = float(step.get("monthly_salary") if step.get("monthly_salary") is not None
                                       else step.get("hourly_wage") or 0)
    return v


def form_values(case: Mapping[str, Any]) -> dict[str, Any]:
    """Widget key → value for ``case`` (case-file data as loaded from YAML/JSON or ``Case.to_dict``)."""
    client = case.get("client") or {}
    b = client.get("benefits") or {}
    v: dict[str, Any] = {"f_start": _month(case.get("start")), "f_months": int(case.get("months") or 12),
                         "f_birth": _day(client.get("birth_date")), "f_melde": _day(case.get("meldeperiode_start"))}
    v.update(_household_values(case.get("household") or {}))
    for name in BENEFITS:  # each benefit's widgets as its class declares them (app/inputs.py)
        v[f"f_has_{name}"] = b.get(name) is not None
        v.update(values(name, b.get(name) or {}, case.get("start")))
    v.update(_plan_values(case))
    tax = case.get("tax") or {}
    v.update({"f_tax_withholding": tax.get("withholding") or "default", "f_tax_table": int(tax.get("table") or 0)})
    return v


def _household_values(hh: Mapping[str, Any]) -> dict[str, Any]:
    partner = hh.get("partner") or {}
    kids = hh.get("children") or []
    v: dict[str, Any] = {
        "f_muni": hh.get("municipality") or "", "f_rent": float(hh.get("rent_per_month") or 0),
        "f_el": float(hh.get("electricity_per_month") or 0),
        "f_partner": hh.get("partner") is not None, "f_partner_birth": _day(partner.get("birth_date")),
        "f_partner_income": float(partner.get("income_per_month") or 0),
        "f_partner_taxfree": float(partner.get("tax_free_per_month") or 0), "f_n_children": len(kids),
    }
    for i in range(MAX_CHILDREN):
        v[f"f_child_{i}"] = _day(kids[i].get("birth_date")) if i < len(kids) else None
    return v


def _plan_values(case: Mapping[str, Any]) -> dict[str, Any]:
    """The work plan's steps and the alternatives' names and steps."""
    work = case.get("work") or []
    v: dict[str, Any] = {"f_steps": min(MAX_STEPS, len(work))}
    v.update(_steps("f_", work, MAX_STEPS, case.get("start")))
    for i in range(MAX_STEPS):
        step = work[i] if i < len(work) and isinstance(work[i], Mapping) else {}
        v[f"f_w{i}_payday"] = step.get("payday") or "default"
        v[f"f_w{i}_holiday"] = step.get("holiday_pay") is not False
    scenarios = case.get("scenarios") or []
    v["f_n_scen"] = min(MAX_SCENARIOS, len(scenarios))
    for j in range(MAX_SCENARIOS):
        s = scenarios[j] if j < len(scenarios) and isinstance(scenarios[j], Mapping) else {}
        sw = s.get("work") or []
        v[f"f_s{j}_name"] = str(s.get("name") or "")
        v[f"f_s{j}_steps"] = max(1, min(SCENARIO_STEPS, len(sw))) if s else 1
        v.update(_steps(f"f_s{j}_", sw, SCENARIO_STEPS, case.get("start")))
    return v


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` unless the value is the form's "not given" (keeps the file as small as it was)."""
    if value in (None, "", 0, False) and key not in target:
        return
    if value in (None, ""):
        target.pop(key, None)
        return
    target[key] = value


def _work(old: list[Any], v: Mapping[str, Any], prefix: str, n: int) -> list[dict[str, Any]]:
    steps = []
    for i in range(n):
        step = dict(old[i]) if i < len(old) and isinstance(old[i], Mapping) else {}
        step["from"] = v[f"{prefix}w{i}_from"]
        step["hours_per_week"] = _num(v[f"{prefix}w{i}_hours"])
        step.pop("hourly_wage", None)
        step.pop("monthly_salary", None)
        step["monthly_salary" if v[f"{prefix}w{i}_salary"] else "hourly_wage"] = _num(v[f"{prefix}w{i}_pay"])
        steps.append(step)
    return steps


def case_data(base: Mapping[str, Any], v: Mapping[str, Any], counsellor: bool = True) -> dict[str, Any]:
    """``base`` with the form's fields replaced by the widget values ``v``."""
    case = copy.deepcopy(dict(base))
    case["start"] = v["f_start"]
    case["months"] = _int(v["f_months"])
    _household(case, v)
    client = case.get("client") if isinstance(case.get("client"), dict) else {}
    case["client"] = client
    _put(client, "birth_date", _iso(v["f_birth"]))
    b = dict(client.get("benefits") or {})
    for name in BENEFITS:  # each benefit's widgets as its class declares them (app/inputs.py)
        if v[f"f_has_{name}"]:
            b[name] = body = dict(b.get(name) or {})
            put(name, body, v, counsellor)
        else:
            b.pop(name, None)
    if b or "benefits" in client:
        client["benefits"] = b
    _plan(case, v, counsellor)
    if counsellor:
        _settings(case, v)
    return case


def _household(case: dict[str, Any], v: Mapping[str, Any]) -> None:
    hh = case.get("household") if isinstance(case.get("household"), dict) else {}
    case["household"] = hh
    _put(hh, "municipality", v["f_muni"] or None)
    _put(hh, "rent_per_month", _num(v["f_rent"]))
    _put(hh, "electricity_per_month", _num(v["f_el"]))
    if v["f_partner"]:
        partner = dict(hh.get("partner") or {})
        _put(partner, "birth_date", _iso(v["f_partner_birth"]))
        _put(partner, "income_per_month", _num(v["f_partner_income"]))
        _put(partner, "tax_free_per_month", _num(v["f_partner_taxfree"]))
        hh["partner"] = partner
    else:
        hh.pop("partner", None)
    kids = list(hh.get("children") or [])
    new_kids = []
    for i in range(int(v["f_n_children"])):
        kid = dict(kids[i]) if i < len(kids) and isinstance(kids[i], Mapping) else {}
        _put(kid, "birth_date", _iso(v[f"f_child_{i}"]))
        new_kids.append(kid)
    if new_kids or "children" in hh:
        hh["children"] = new_kids
    if not hh:
        case.pop("household", None)


def _plan(case: dict[str, Any], v: Mapping[str, Any], counsellor: bool) -> None:
    """The work plan and the alternatives; steps and alternatives beyond the form's stay as they were."""
    work = list(case.get("work") or [])
    steps = _work(work, v, "f_", int(v["f_steps"]))
    if counsellor:
        for i, step in enumerate(steps):
            _put(step, "payday", None if v[f"f_w{i}_payday"] == "default" else v[f"f_w{i}_payday"])
            _put(step, "holiday_pay", None if v[f"f_w{i}_holiday"] and "holiday_pay" not in step
                 else bool(v[f"f_w{i}_holiday"]))
    if len(steps) == MAX_STEPS:  # steps the form cannot show stay as they were
        steps += work[MAX_STEPS:]
    case["work"] = steps
    scenarios = list(case.get("scenarios") or [])
    shown = []
    for j in range(int(v["f_n_scen"])):
        s = dict(scenarios[j]) if j < len(scenarios) and isinstance(scenarios[j], Mapping) else {}
        s["name"] = v[f"f_s{j}_name"]
        s["work"] = _work(list(s.get("work") or []), v, f"f_s{j}_", int(v[f"f_s{j}_steps"]))
        shown.append(s)
    if len(shown) == MAX_SCENARIOS:
        shown += scenarios[MAX_SCENARIOS:]
    if shown or "scenarios" in case:
        case["scenarios"] = shown


def _settings(case: dict[str, Any], v: Mapping[str, Any]) -> None:
    """The counsellor's settings: the meldeperiode anchor and the tax card."""
    _put(case, "meldeperiode_start", _iso(v["f_melde"]))
    tax = dict(case.get("tax") or {})
    if v["f_tax_withholding"] == "default":
        tax.pop("withholding", None)
    else:
        tax["withholding"] = v["f_tax_withholding"]
    if v["f_tax_table"] not in (None, 0, 0.0):
        tax["table"] = _int(v["f_tax_table"])
    else:
        tax.pop("table", None)
    if tax:
        case["tax"] = tax
    else:
        case.pop("tax", None)


# ------------------------------------------------------------------------------ what the form does not show

_SHOWN = {  # generic paths of the fields the form shows (counsellor mode); list items beyond the form's are hidden
    "schema", "start", "months", "meldeperiode_start", "client.birth_date", "household.municipality",
    "household.rent_per_month", "household.electricity_per_month", "household.partner.birth_date",
    "household.partner.income_per_month", "household.partner.tax_free_per_month", "household.children[].birth_date",
    "work[].from", "work[].hours_per_week", "work[].hourly_wage", "work[].monthly_salary", "work[].payday",
    "work[].holiday_pay", "scenarios[].name", "scenarios[].work[].from", "scenarios[].work[].hours_per_week",
    "scenarios[].work[].hourly_wage", "scenarios[].work[].monthly_salary", "tax.withholding", "tax.table",
    *shown_paths(),
}
_LIMITS = {"work": MAX_STEPS, "scenarios": MAX_SCENARIOS, "scenarios[].work": SCENARIO_STEPS,
           "household.children": MAX_CHILDREN}
_INDEX = re.compile(r"\[\d+\]")


def _leaves(value: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, Mapping):
        if not value and path:
            return [(path, value)]
        return [leaf for k, v in value.items() for leaf in _leaves(v, f"{path}.{k}" if path else str(k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, f"{path}[{i}]")]
    return [(path, value)]


def hidden_settings(case: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The settings of ``case`` that change a number but have no widget in the form (a loaded file's extras):
    (path, value) pairs, e.g. ``("household.children[0].barnehage_hours_per_week", 20)``, or a whole step or
    scenario beyond those the form shows (``("work[6]", {...})``)."""
    out: list[tuple[str, Any]] = []
    for name, limit in (("work", MAX_STEPS), ("scenarios", MAX_SCENARIOS)):
        items = case.get(name) or []
        out += [(f"{name}[{i}]", items[i]) for i in range(limit, len(items))]
    for j, s in enumerate((case.get("scenarios") or [])[:MAX_SCENARIOS]):
        steps = (s.get("work") or []) if isinstance(s, Mapping) else []
        out += [(f"scenarios[{j}].work[{i}]", steps[i]) for i in range(SCENARIO_STEPS, len(steps))]
    for path, value in _leaves({k: v for k, v in case.items() if k not in ("work", "scenarios")}):
        generic = _INDEX.sub("[]", path)
        if generic not in _SHOWN and not (isinstance(value, Mapping) and not value):
            out.append((path, value))
    for name in ("work", "scenarios"):
        for i, item in enumerate((case.get(name) or [])[:_LIMITS[name]]):
            for path, value in _leaves(item, f"{name}[{i}]"):
                if name == "scenarios" and ".work[" in path and int(re.findall(r"\[(\d+)\]", path)[1]) >= SCENARIO_STEPS:
                    continue
                if _INDEX.sub("[]", path) not in _SHOWN:
                    out.append((path, value))
    return out


def remove_setting(case: Mapping[str, Any], path: str) -> dict[str, Any]:
    """``case`` without the setting at ``path`` (a leaf, a list item or a mapping), as new data."""
    out = copy.deepcopy(dict(case))
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    target: Any = out
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    if last.startswith("["):
        del target[int(last[1:-1])]
    else:
        target.pop(last, None)
    return out
