"""The OpenAPI document of the HTTP API, made from the contracts the package already has.

* The case schema is generated from :data:`benefit_calc.case.bounds.BOUNDS` — the one table the case parser reads —
  so the schema cannot drift from what the parser accepts (kinds, limits, required fields, choices; every
  mapping closed, as the parser refuses unknown fields).
* The answer schemas follow the ``to_dict`` of the result, sweep and compare contracts; tests validate every
  example's answer against them.
* Errors are RFC 9457 problem details with the field's path.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from benefit_calc.analysis.sweep import MAX_STEPS
from benefit_calc.case.bounds import BOUNDS, Bound
from benefit_calc.words import LANGS

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
DAY = r"^\d{4}-\d{2}-\d{2}$"


def _scalar(b: Bound) -> dict[str, Any]:
    if b.kind == "number":
        out: dict[str, Any] = {"type": "number"}
    elif b.kind == "integer":
        out = {"type": "integer"}
    elif b.kind == "boolean":
        return {"type": "boolean"}
    elif b.kind == "month":
        return {"type": "string", "pattern": MONTH, "description": "a month, YYYY-MM"}
    elif b.kind == "date":
        return {"type": "string", "pattern": DAY, "description": "a date, YYYY-MM-DD"}
    elif b.kind == "choice":
        if b.path.endswith("reports_income"):  # or the month the income is reported in
            return {"anyOf": [{"type": "string", "enum": list(b.options)}, {"type": "string", "pattern": MONTH}]}
        return {"type": "string", "enum": list(b.options)}
    else:  # text
        out = {"type": "string"}
        if isinstance(b.low, int):
            out["minLength"] = b.low
        if isinstance(b.high, int):
            out["maxLength"] = b.high
        return out
    if isinstance(b.low, (int, float)) and not isinstance(b.low, date):
        out["minimum"] = b.low
    if isinstance(b.high, (int, float)) and not isinstance(b.high, date):
        out["maximum"] = b.high
    if b.unit:
        out["description"] = b.unit
    return out


def _node() -> dict[str, Any]:
    return {"type": "object", "properties": {}, "additionalProperties": False}


def case_schema() -> dict[str, Any]:
    """JSON Schema of a case file (``benefit-calc/case@1``) from the bounds table."""
    root = _node()
    root["properties"]["schema"] = {"type": "string", "enum": ["benefit-calc/case@1"]}
    for path, b in sorted(BOUNDS.items()):
        if path.startswith("scenarios[].work"):
            continue
        node, parts = root, path.split(".")
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            name, is_list = (part[:-2], True) if part.endswith("[]") else (part, False)
            props = node["properties"]
            if last and not is_list:
                if b.kind == "list":
                    props.setdefault(name, {"type": "array"})
                    props[name]["maxItems"] = b.high
                    props[name].setdefault("items", _node())
                else:
                    props[name] = _scalar(b)
                if b.required:
                    node.setdefault("required", []).append(name)
                continue
            if is_list:
                arr = props.setdefault(name, {"type": "array", "items": _node()})
                if last:  # a list of scalars (``incomes_before[]``)
                    arr["items"] = _scalar(b)
                    continue
                node = arr["items"]
            else:
                node = props.setdefault(name, _node())
    scenario = root["properties"]["scenarios"]["items"]
    scenario["properties"]["work"] = root["properties"]["work"]
    root["required"] = ["start", "months", "client"]
    root["properties"]["client"]["properties"]["benefits"].setdefault("additionalProperties", False)
    for benefit in ("bostotte",):  # switched on by an empty mapping
        root["properties"]["client"]["properties"]["benefits"]["properties"].setdefault(benefit, _node())
    return root


PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "a URN naming the kind of problem"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "what is wrong and what is allowed, in the request's language"},
        "field": {"type": ["string", "null"], "description": "the path of the field, e.g. work[1].hours_per_week"},
        "code": {"type": ["string", "null"], "description": "the error's key in the word catalogue"},
        "lang": {"type": "string", "enum": list(LANGS)},
    },
}

_INT = {"type": "integer"}
_NUM = {"type": "number"}
_STR = {"type": "string"}
_MONTH_ROW = {"type": "object", "required": ["month", "wages", "benefits", "tax_withheld", "disposable"],
              "properties": {"month": _STR, "hours": _NUM, "wages": _INT, "holiday_pay": _INT,
                             "benefits": {"type": "object", "additionalProperties": _INT}, "taxable_income": _INT,
                             "tax_withheld": _INT, "settlements": _INT, "disposable": _INT, "aap_payments": _INT,
                             "partner_net": _INT, "household_disposable": _INT}}
_WARNING = {"type": "object", "required": ["code", "message"],
            "properties": {"code": _STR, "month": {"type": ["string", "null"]}, "message": _STR, "reference": _STR,
                           "action": _STR, "message_en": _STR, "action_en": _STR, "message_nn": _STR,
                           "action_nn": _STR}}
RESULT = {
    "type": "object",
    "required": ["schema", "ruleset", "months", "periods", "years", "settlements", "warnings", "notes"],
    "properties": {
        "schema": _STR,
        "ruleset": {"type": "object", "required": ["id", "version", "sha256"]},
        "months": {"type": "array", "items": _MONTH_ROW},
        "periods": {"type": "array", "items": {"type": "object", "required": ["benefit", "start", "end", "amount"]}},
        "years": {"type": "array", "items": {"type": "object", "required": ["year", "tax_assessed", "settlement"]}},
        "settlements": {"type": "array", "items": {"type": "object", "required": ["scheme", "year", "amount"]}},
        "warnings": {"type": "array", "items": _WARNING},
        "notes": {"type": "array", "items": _STR},
        "notes_nn": {"type": "array", "items": _STR},
        "notes_en": {"type": "array", "items": _STR},
        "meldeperiode_start": _STR,
    },
}
SWEEP = {"type": "object", "required": ["hours", "wage", "steps", "cliffs"],
         "properties": {"hours": {"type": "array", "items": _NUM}, "wage": _NUM,
                        "steps": {"type": "array", "items": {"type": "object"}},
                        "cliffs": {"type": "array", "items": {"type": "object"}}}}
COMPARE = {"type": "object", "required": ["scenarios"],
           "properties": {"scenarios": {"type": "array", "items": {"type": "object", "required": ["name"]}}}}
EXPLAIN = {"type": "object", "required": ["month"], "properties": {"month": _STR}}
VALUE = {"type": "object", "required": ["valid_from", "value", "status"],
         "properties": {"valid_from": _STR, "value": {}, "status": _STR,
                        "references": {"type": "array", "items": {"type": "object"}}, "note": _STR}}
PARAMETER = {"type": "object", "required": ["name", "file", "unit", "kind", "label", "values"],
             "properties": {"name": _STR, "file": _STR, "unit": _STR, "kind": _STR, "description": _STR,
                            "label": {"type": "object"}, "values": {"type": "array", "items": VALUE},
                            "references": {"type": "array", "items": {"type": "object"}},
                            "verified": {"type": ["string", "null"]}, "renewed": {"type": ["string", "null"]},
                            "note": _STR}}
RULES = {"type": "object", "required": ["id", "version", "sha256", "parameters"],
         "properties": {"id": _STR, "version": _STR, "sha256": _STR, "supported": {"type": ["object", "null"]},
                        "parameters": {"type": "array", "items": {"type": "object",
                                                                   "required": ["name", "unit", "label"]}}}}
HEALTH = {"type": "object", "required": ["status", "rules"],
          "properties": {"status": {"type": "string", "enum": ["ok"]}, "rules": {"type": "object"}}}


def _overlays() -> dict[str, Any]:
    return {"type": "array", "maxItems": 5, "description": (
        "What-if rule overlays, each as an overlay file's mapping ({parameters: {...}}) or its YAML text; checked "
        "as overlay files are"), "items": {"anyOf": [{"type": "object"}, {"type": "string", "maxLength": 100_000}]}}


def request_schema(extra: dict[str, Any] | None = None, required: tuple[str, ...] = ()) -> dict[str, Any]:
    props = {"case": {"$ref": "#/components/schemas/Case"}, "overlays": _overlays(), **(extra or {})}
    return {"type": "object", "required": ["case", *required], "properties": props, "additionalProperties": False}


HOURS = {"anyOf": [{"type": "string", "description": "start:stop:step (stop included) or a list 0,10,20",
                    "maxLength": 200},
                   {"type": "array", "items": {"type": "number", "minimum": 0,
                                               "maximum": BOUNDS["work[].hours_per_week"].high},
                    "minItems": 1, "maxItems": MAX_STEPS}]}


def _problems(*codes: int) -> dict[str, Any]:
    why = {400: "The body is not JSON, or not the JSON this endpoint takes.",
           404: "Not found.", 413: "The body is larger than 1 MB or holds too many values.",
           422: "A field of the case (or an overlay) is not allowed; the problem names it.",
           503: "The calculation took longer than the server's time limit."}
    return {str(c): {"description": why[c], "content": {"application/problem+json": {
        "schema": {"$ref": "#/components/schemas/Problem"}}}} for c in codes}


def _post(summary: str, body: dict[str, Any], answer: dict[str, Any] | None, media: str = "application/json"
          ) -> dict[str, Any]:
    ok = {"description": "The answer.", "content": {media: {"schema": answer} if answer else {
        "schema": {"type": "string", "format": "binary"}}}}
    return {"post": {"summary": summary, "parameters": [_LANG_HEADER],
                     "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
                     "responses": {"200": ok, **_problems(400, 413, 422, 503)}}}


_LANG_HEADER = {"name": "Accept-Language", "in": "header", "required": False, "schema": {"type": "string"},
                "description": "nb (default), nn or en: the language of texts and problems"}


def openapi(version: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document."""
    batch = {"type": "array", "minItems": 1, "maxItems": 1000, "items": request_schema()}
    simulate_body = {"anyOf": [request_schema(), batch]}
    batch_answer = {"type": "array", "items": {"type": "object", "properties": {
        "result": {"$ref": "#/components/schemas/Result"}, "problem": {"$ref": "#/components/schemas/Problem"}}}}
    get = {"parameters": [_LANG_HEADER]}
    return {
        "openapi": "3.1.0",
        "info": {"title": "benefit_calc", "version": version, "description": (
            "Month-by-month money for people on Norwegian benefits who start working: wages, NAV benefits, "
            "bostøtte, sosialhjelp, tax and next year's settlements, every amount with its rule. Nothing sent is "
            "stored or logged.")},
        "paths": {
            "/simulate": _post("Simulate a case month by month (or a list of cases: one answer each, in order)",
                               simulate_body, {"anyOf": [{"$ref": "#/components/schemas/Result"}, batch_answer]}),
            "/sweep": _post("Disposable income and effective tax rates for each number of hours a week",
                            request_schema({"hours": HOURS, "wage": {"type": "number", "exclusiveMinimum": 0,
                                                                     "maximum": 100_000}}), SWEEP),
            "/compare": _post("The work plan against each scenario in the case", request_schema(), COMPARE),
            "/explain": _post("Every amount in one month with its rule, values and legal reference",
                              request_schema({"month": {"type": "string", "pattern": MONTH}}, ("month",)), EXPLAIN),
            "/report": _post("The client's report as a PDF", request_schema(), None, "application/pdf"),
            "/rules": {"get": {**get, "summary": "The rules: version, stamp and every parameter",
                               "responses": {"200": {"description": "The rules.", "content": {
                                   "application/json": {"schema": RULES}}}}}},
            "/rules/{name}": {"get": {"summary": "One parameter with every dated value and its source",
                                      "parameters": [_LANG_HEADER, {"name": "name", "in": "path", "required": True,
                                                                    "schema": {"type": "string", "maxLength": 200}}],
                                      "responses": {"200": {"description": "The parameter.", "content": {
                                          "application/json": {"schema": PARAMETER}}}, **_problems(404)}}},
            "/health": {"get": {"summary": "The server is up; the rules it uses",
                                "responses": {"200": {"description": "Up.", "content": {
                                    "application/json": {"schema": HEALTH}}}}}},
        },
        "components": {"schemas": {"Case": case_schema(), "Result": RESULT, "Problem": PROBLEM}},
    }
