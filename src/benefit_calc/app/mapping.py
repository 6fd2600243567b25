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

from benefit_calc.case.bounds import BOUNDS
from benefit_calc.case.model import SCHEMA
from benefit_calc.engine.registry import INPUTS, WITH_END

BENEFITS = INPUTS  # the benefits a case can have, in the registry's order
UNTIL = WITH_END  # benefits with an end date
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


def _month(v: Any) -> str:
    if isinstance(v, date):
        return f"{v:%Y-%m}"
    return str(v) if v is not None else ""


def _day(v: Any) -> date | None:
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        return None


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
    hh = case.get("household") or {}
    client = case.get("client") or {}
    b = client.get("benefits") or {}
    partner = hh.get("partner") or {}
    kids = hh.get("children") or []
    v: dict[str, Any] = {
        "f_start": _month(case.get("start")), "f_months": int(case.get("months") or 12),
        "f_birth": _day(client.get("birth_date")),
        "f_muni": hh.get("municipality") or "", "f_rent": float(hh.get("rent_per_month") or 0),
        "f_el": float(hh.get("electricity_per_month") or 0),
        "f_partner": hh.get("partner") is not None, "f_partner_birth": _day(partner.get("birth_date")),
        "f_partner_income": float(partner.get("income_per_month") or 0),
        "f_partner_taxfree": float(partner.get("tax_free_per_month") or 0),
        "f_n_children": len(kids), "f_melde": _day(case.get("meldeperiode_start")),
    }
    for i in range(MAX_CHILDREN):
        v[f"f_child_{i}"] = _day(kids[i].get("birth_date")) if i < len(kids) else None
    for name in BENEFITS:
        v[f"f_has_{name}"] = b.get(name) is not None
    for name in UNTIL:
        v[f"f_{name}_until"] = _day((b.get(name) or {}).get("until"))
    aap = b.get("aap") or {}
    opp = aap.get("opptrapping") or {}
    v.update({"f_aap_unit": "G" if aap.get("basis_g") is not None else "kr",
              "f_aap_basis": float(aap.get("basis_g") if aap.get("basis_g") is not None else aap.get("basis") or 0),
              "f_aap_yrkesskade": bool(aap.get("yrkesskade")), "f_aap_arbeidsevne": float(aap.get("arbeidsevne") or 0),
              "f_aap_opp": bool(opp), "f_aap_opp_from": _month(opp.get("from")) or _month(case.get("start")),
              "f_aap_opp_months": int(opp.get("months") or 6), "f_aap_granted": _day(aap.get("granted")),
              "f_aap_days_used": aap.get("days_used")})
    ut = b.get("uforetrygd") or {}
    v.update({"f_ut_degree": float(ut.get("degree") or 100), "f_ut_ifu": float(ut.get("ifu") or 0),
              "f_ut_full": float(ut.get("full_benefit") or 0),
              "f_ut_granted": _day(ut.get("granted")), "f_ut_ieu": float(ut.get("ieu") or 0),
              "f_ut_vta": bool(ut.get("vta")), "f_ut_reports": _month(ut.get("reports_income")) or "on_job_start"})
    dp = b.get("dagpenger") or {}
    v.update({"f_dp_unit": "G" if dp.get("basis_g") is not None else "kr",
              "f_dp_basis": float(dp.get("basis_g") if dp.get("basis_g") is not None else dp.get("basis") or 0),
              "f_dp_hours": float(dp.get("normal_hours_per_week") or 37.5),
              "f_dp_weeks": dp.get("weeks") if dp.get("weeks") in (52, 104) else "unknown",
              "f_dp_granted": _day(dp.get("granted"))})
    v["f_tp_days"] = int((b.get("tiltakspenger") or {}).get("days_per_period") or 10)
    os_ = b.get("overgangsstonad") or {}
    v.update({"f_os_expected": float(os_.get("expected_income") or 0),
              "f_os_expected_from": _day(os_.get("expected_income_from")),
              "f_os_first_granted": _day(os_.get("first_granted")), "f_os_special_care": bool(os_.get("special_care")),
              "f_os_reports": _month(os_.get("reports_income")) or "on_job_start"})
    v["f_bs_heating"] = bool((b.get("bostotte") or {}).get("heating_in_rent") or False)
    sh = b.get("sosialhjelp") or {}
    v.update({"f_sh_income_month": sh.get("income_month") or "same_month",
              "f_sh_other": float(sh.get("other_costs_per_month") or 0), "f_sh_shared": bool(sh.get("shared_housing"))})
    work = case.get("work") or []
    v["f_steps"] = min(MAX_STEPS, len(work))
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
    tax = case.get("tax") or {}
    v.update({"f_tax_withholding": tax.get("withholding") or "default", "f_tax_table": int(tax.get("table") or 0)})
    return v


def _num(x: Any) -> Any:
    """Whole numbers as int, so a saved case reads ``9000`` and not ``9000.0``. A text (what the user typed into a
    number field and could not be read) goes into the case as it is, so the parser refuses it at its field."""
    if x is None or isinstance(x, str):
        return x
    return int(x) if float(x).is_integer() else float(x)


def _int(x: Any) -> Any:
    """A whole number from a field, or the text typed there as it is (refused by the parser at its field)."""
    return int(x) if isinstance(x, (int, float)) and float(x).is_integer() else x


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` unless the value is the form's "not given" (keeps the file as small as it was)."""
    if value in (None, "", 0, False) and key not in target:
        return
    if value in (None, ""):
        target.pop(key, None)
        return
    target[key] = value


def _iso(d: Any) -> Any:
    return d.isoformat() if isinstance(d, date) else d


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
    client = case.get("client") if isinstance(case.get("client"), dict) else {}
    case["client"] = client
    _put(client, "birth_date", _iso(v["f_birth"]))
    b = dict(client.get("benefits") or {})
    for name in BENEFITS:
        if not v[f"f_has_{name}"]:
            b.pop(name, None)
            continue
        body = dict(b.get(name) or {})
        _benefit(name, body, v, counsellor)
        if counsellor and name in UNTIL:
            _put(body, "until", _iso(v[f"f_{name}_until"]))
        b[name] = body
    if b or "benefits" in client:
        client["benefits"] = b
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
    if counsellor:
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
    return case


def _benefit(name: str, body: dict[str, Any], v: Mapping[str, Any], counsellor: bool) -> None:
    if name == "aap":
        body.pop("basis", None)
        body.pop("basis_g", None)
        body["basis_g" if v["f_aap_unit"] == "G" else "basis"] = _num(v["f_aap_basis"])
        if counsellor:
            _put(body, "yrkesskade", True if v["f_aap_yrkesskade"] else None)
            _put(body, "arbeidsevne", _num(v["f_aap_arbeidsevne"]) or None)
            _put(body, "opptrapping", {"from": v["f_aap_opp_from"], "months": _int(v["f_aap_opp_months"])}
                 if v["f_aap_opp"] else None)
            _put(body, "granted", _iso(v["f_aap_granted"]))
            _put(body, "days_used", None if v["f_aap_days_used"] is None else _int(v["f_aap_days_used"]))
    elif name == "dagpenger":
        body.pop("basis", None)
        body.pop("basis_g", None)
        body["basis_g" if v["f_dp_unit"] == "G" else "basis"] = _num(v["f_dp_basis"])
        body["normal_hours_per_week"] = _num(v["f_dp_hours"])
        if counsellor:
            if v["f_dp_weeks"] != "unknown" or body.get("weeks") in (52, 104):
                _put(body, "weeks", None if v["f_dp_weeks"] == "unknown" else int(v["f_dp_weeks"]))
            _put(body, "granted", _iso(v["f_dp_granted"]))
    elif name == "uforetrygd":
        body.update({"degree": _num(v["f_ut_degree"]), "ifu": _num(v["f_ut_ifu"]),
                     "full_benefit": _num(v["f_ut_full"])})
        _put(body, "granted", _iso(v["f_ut_granted"]))
        if counsellor:
            _put(body, "ieu", _num(v["f_ut_ieu"]) or None)
            _put(body, "vta", True if v["f_ut_vta"] else None)
        _put(body, "reports_income", None if v["f_ut_reports"] == "on_job_start" and "reports_income" not in body
             else v["f_ut_reports"])
    elif name == "tiltakspenger":
        _put(body, "days_per_period", None if v["f_tp_days"] == 10 and "days_per_period" not in body
             else _int(v["f_tp_days"]))
    elif name == "overgangsstonad":
        _put(body, "expected_income", _num(v["f_os_expected"]))
        if counsellor:
            _put(body, "expected_income_from", _iso(v["f_os_expected_from"]))
        _put(body, "first_granted", _iso(v["f_os_first_granted"]))
        _put(body, "special_care", True if v["f_os_special_care"] else None)
        _put(body, "reports_income", None if v["f_os_reports"] == "on_job_start" and "reports_income" not in body
             else v["f_os_reports"])
    elif name == "bostotte":
        _put(body, "heating_in_rent", True if v["f_bs_heating"] else (False if "heating_in_rent" in body else None))
    elif name == "sosialhjelp":
        _put(body, "income_month", None if v["f_sh_income_month"] == "same_month" and "income_month" not in body
             else v["f_sh_income_month"])
        _put(body, "other_costs_per_month", _num(v["f_sh_other"]))
        _put(body, "shared_housing", True if v["f_sh_shared"] else None)


# ------------------------------------------------------------------------------ what the form does not show

_SHOWN = {  # generic paths of the fields the form shows (counsellor mode); list items beyond the form's are hidden
    "schema", "start", "months", "meldeperiode_start", "client.birth_date", "household.municipality",
    "household.rent_per_month", "household.electricity_per_month", "household.partner.birth_date",
    "household.partner.income_per_month", "household.partner.tax_free_per_month", "household.children[].birth_date",
    "work[].from", "work[].hours_per_week", "work[].hourly_wage", "work[].monthly_salary", "work[].payday",
    "work[].holiday_pay", "scenarios[].name", "scenarios[].work[].from", "scenarios[].work[].hours_per_week",
    "scenarios[].work[].hourly_wage", "scenarios[].work[].monthly_salary", "tax.withholding", "tax.table",
    "client.benefits.aap.basis", "client.benefits.aap.basis_g", "client.benefits.aap.yrkesskade",
    "client.benefits.aap.arbeidsevne", "client.benefits.aap.opptrapping.from", "client.benefits.aap.opptrapping.months",
    "client.benefits.aap.granted", "client.benefits.aap.days_used", "client.benefits.dagpenger.granted",
    "client.benefits.uforetrygd.degree", "client.benefits.uforetrygd.ifu", "client.benefits.uforetrygd.ieu",
    "client.benefits.uforetrygd.full_benefit", "client.benefits.uforetrygd.granted", "client.benefits.uforetrygd.vta",
    "client.benefits.uforetrygd.reports_income", "client.benefits.dagpenger.basis", "client.benefits.dagpenger.basis_g",
    "client.benefits.dagpenger.normal_hours_per_week", "client.benefits.tiltakspenger.days_per_period",
    "client.benefits.overgangsstonad.expected_income", "client.benefits.overgangsstonad.reports_income",
    "client.benefits.overgangsstonad.expected_income_from", "client.benefits.overgangsstonad.first_granted",
    "client.benefits.overgangsstonad.special_care",
    "client.benefits.bostotte.heating_in_rent", "client.benefits.sosialhjelp.income_month",
    "client.benefits.sosialhjelp.other_costs_per_month", "client.benefits.sosialhjelp.shared_housing",
    *(f"client.benefits.{b}.until" for b in UNTIL),
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
