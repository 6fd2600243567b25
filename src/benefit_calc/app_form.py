"""The app's form ↔ the case file: which widget holds which field, both ways.

``form_values(case)`` gives the widget values for a case (case-file data); ``case_data(base, values)`` puts the
widget values back into the case. Fields the form does not show (scenarios, AAP opptrapping, a step's payday …)
are kept from ``base`` untouched, so a saved case loads back exactly. Pure functions: unit-tested without a
browser.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, Mapping

from .bounds import BOUNDS

BENEFITS = ("aap", "uforetrygd", "dagpenger", "tiltakspenger", "kvalifiseringsstonad", "overgangsstonad",
            "bostotte", "sosialhjelp")
MAX_CHILDREN = int(BOUNDS["household.children"].high)
MAX_STEPS = 4


def limits(*paths: str) -> tuple[Any, Any]:
    """A widget's (min, max) from the bounds table: the widest range of the fields it can stand for (a basis in
    kroner or in G; an hourly wage or a monthly salary), so a case the parser accepts always fits the widget."""
    bounds = [BOUNDS[p] for p in paths]
    low, high = min(b.low for b in bounds), max(b.high for b in bounds)
    if isinstance(low, (int, float)) and not isinstance(low, bool):
        return float(low), float(high)
    return low, high


def _month(v: Any) -> str:
    if isinstance(v, date):
        return f"{v:%Y-%m}"
    return str(v) if v is not None else ""


def _day(v: Any, default: date) -> date:
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        return default


def form_values(case: Mapping[str, Any]) -> dict[str, Any]:
    """Widget key → value for ``case`` (case-file data as loaded from YAML/JSON or ``Case.to_dict``)."""
    hh = case.get("household") or {}
    client = case.get("client") or {}
    b = client.get("benefits") or {}
    v: dict[str, Any] = {
        "f_start": _month(case.get("start")), "f_months": int(case.get("months") or 12),
        "f_birth": _day(client.get("birth_date"), date(1990, 1, 1)),
        "f_muni": hh.get("municipality") or "", "f_rent": float(hh.get("rent_per_month") or 0),
        "f_el": float(hh.get("electricity_per_month") or 0),
        "f_partner": hh.get("partner") is not None,
        "f_partner_birth": _day((hh.get("partner") or {}).get("birth_date"), date(1990, 1, 1)),
        "f_partner_income": float((hh.get("partner") or {}).get("income_per_month") or 0),
        "f_n_children": len(hh.get("children") or []),
    }
    for i in range(MAX_CHILDREN):
        kids = hh.get("children") or []
        v[f"f_child_{i}"] = _day(kids[i].get("birth_date"), date(2018, 1, 1)) if i < len(kids) else date(2018, 1, 1)
    for name in BENEFITS:
        v[f"f_has_{name}"] = b.get(name) is not None
    aap = b.get("aap") or {}
    v["f_aap_unit"] = "G" if aap.get("basis_g") is not None else "kr"
    v["f_aap_basis"] = float(aap.get("basis_g") if aap.get("basis_g") is not None else aap.get("basis") or 0)
    ut = b.get("uforetrygd") or {}
    v.update({"f_ut_degree": float(ut.get("degree") or 100), "f_ut_ifu": float(ut.get("ifu") or 0),
              "f_ut_full": float(ut.get("full_benefit") or 0),
              "f_ut_granted": _day(ut.get("granted"), date(2020, 1, 1)), "f_ut_ieu": float(ut.get("ieu") or 0),
              "f_ut_reports": _month(ut.get("reports_income")) or "on_job_start"})
    dp = b.get("dagpenger") or {}
    v.update({"f_dp_unit": "G" if dp.get("basis_g") is not None else "kr",
              "f_dp_basis": float(dp.get("basis_g") if dp.get("basis_g") is not None else dp.get("basis") or 0),
              "f_dp_hours": float(dp.get("normal_hours_per_week") or 37.5)})
    v["f_tp_days"] = int((b.get("tiltakspenger") or {}).get("days_per_period") or 10)
    os_ = b.get("overgangsstonad") or {}
    v.update({"f_os_expected": float(os_.get("expected_income") or 0),
              "f_os_reports": _month(os_.get("reports_income")) or "on_job_start"})
    v["f_bs_heating"] = bool((b.get("bostotte") or {}).get("heating_in_rent") or False)
    sh = b.get("sosialhjelp") or {}
    v.update({"f_sh_income_month": sh.get("income_month") or "same_month",
              "f_sh_other": float(sh.get("other_costs_per_month") or 0)})
    work = case.get("work") or []
    v["f_steps"] = min(MAX_STEPS, len(work))
    for i in range(MAX_STEPS):
        step = work[i] if i < len(work) else {}
        v[f"f_w{i}_from"] = _month(step.get("from")) or _month(case.get("start"))
        v[f"f_w{i}_hours"] = float(step.get("hours_per_week") or 0)
        v[f"f_w{i}_salary"] = step.get("monthly_salary") is not None
        v[f"f_w{i}_pay"] = float(step.get("monthly_salary") if step.get("monthly_salary") is not None
                                 else step.get("hourly_wage") or 200)
    tax = case.get("tax") or {}
    v.update({"f_tax_withholding": tax.get("withholding") or "default", "f_tax_table": int(tax.get("table") or 0)})
    return v


def _num(x: float) -> int | float:
    """Whole numbers as int, so a saved case reads ``9000`` and not ``9000.0``."""
    return int(x) if float(x).is_integer() else float(x)


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` unless the value is the form's "not given" (keeps the file as small as it was)."""
    if value in (None, "", 0) and key not in target:
        return
    target[key] = value


def case_data(base: Mapping[str, Any], v: Mapping[str, Any], counsellor: bool = True) -> dict[str, Any]:
    """``base`` with the form's fields replaced by the widget values ``v``."""
    case = copy.deepcopy(dict(base))
    case["start"] = v["f_start"]
    case["months"] = int(v["f_months"])
    hh = case.setdefault("household", {}) or {}
    case["household"] = hh
    _put(hh, "municipality", v["f_muni"] or None)
    _put(hh, "rent_per_month", _num(v["f_rent"]))
    _put(hh, "electricity_per_month", _num(v["f_el"]))
    if v["f_partner"]:
        partner = hh.get("partner") or {}
        partner["birth_date"] = v["f_partner_birth"]
        _put(partner, "income_per_month", _num(v["f_partner_income"]))
        hh["partner"] = partner
    else:
        hh.pop("partner", None)
    kids = list(hh.get("children") or [])
    n = int(v["f_n_children"])
    new_kids = []
    for i in range(n):
        kid = dict(kids[i]) if i < len(kids) else {}
        kid["birth_date"] = v[f"f_child_{i}"]
        new_kids.append(kid)
    if new_kids or "children" in hh:
        hh["children"] = new_kids
    client = case.setdefault("client", {})
    client["birth_date"] = v["f_birth"]
    b = dict(client.get("benefits") or {})
    for name in BENEFITS:
        if not v[f"f_has_{name}"]:
            b.pop(name, None)
            continue
        body = dict(b.get(name) or {})
        _benefit(name, body, v, counsellor)
        b[name] = body
    client["benefits"] = b
    work = list(case.get("work") or [])
    steps = []
    for i in range(int(v["f_steps"])):
        step = dict(work[i]) if i < len(work) else {}
        step["from"] = v[f"f_w{i}_from"]
        step["hours_per_week"] = _num(v[f"f_w{i}_hours"])
        step.pop("hourly_wage", None)
        step.pop("monthly_salary", None)
        step["monthly_salary" if v[f"f_w{i}_salary"] else "hourly_wage"] = _num(v[f"f_w{i}_pay"])
        steps.append(step)
    if len(steps) == MAX_STEPS:  # steps the form cannot show stay as they were
        steps += work[MAX_STEPS:]
    case["work"] = steps
    if counsellor:
        tax = dict(case.get("tax") or {})
        if v["f_tax_withholding"] == "default":
            tax.pop("withholding", None)
        else:
            tax["withholding"] = v["f_tax_withholding"]
        if v["f_tax_table"]:
            tax["table"] = int(v["f_tax_table"])
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
    elif name == "dagpenger":
        body.pop("basis", None)
        body.pop("basis_g", None)
        body["basis_g" if v["f_dp_unit"] == "G" else "basis"] = _num(v["f_dp_basis"])
        body["normal_hours_per_week"] = _num(v["f_dp_hours"])
    elif name == "uforetrygd":
        body.update({"degree": _num(v["f_ut_degree"]), "ifu": _num(v["f_ut_ifu"]),
                     "full_benefit": _num(v["f_ut_full"]), "granted": v["f_ut_granted"]})
        if counsellor:
            _put(body, "ieu", _num(v["f_ut_ieu"]) or None)
        _put(body, "reports_income", None if v["f_ut_reports"] == "on_job_start" and "reports_income" not in body
             else v["f_ut_reports"])
    elif name == "tiltakspenger":
        _put(body, "days_per_period", None if int(v["f_tp_days"]) == 10 and "days_per_period" not in body
             else int(v["f_tp_days"]))
    elif name == "overgangsstonad":
        _put(body, "expected_income", _num(v["f_os_expected"]))
        _put(body, "reports_income", None if v["f_os_reports"] == "on_job_start" and "reports_income" not in body
             else v["f_os_reports"])
    elif name == "bostotte":
        _put(body, "heating_in_rent", True if v["f_bs_heating"] else (False if "heating_in_rent" in body else None))
    elif name == "sosialhjelp":
        _put(body, "income_month", None if v["f_sh_income_month"] == "same_month" and "income_month" not in body
             else v["f_sh_income_month"])
        _put(body, "other_costs_per_month", _num(v["f_sh_other"]))
