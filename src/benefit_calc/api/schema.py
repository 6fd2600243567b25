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
from typing import Any, Sequence

from benefit_calc.analysis.sweep import MAX_STEPS
from benefit_calc.case.bounds import BOUNDS, Bound
from benefit_calc.words import LANGS

# what the parser takes, as patterns (ASCII digits only: Python's \d would also match other scripts' digits):
# a month 1900-01…2100-12 (YYYY-MM, or its first day YYYY-MM-01); a real date 1900-01-01…2100-12-31
_YEAR = r"(?:19[0-9]{2}|20[0-9]{2}|2100)"
MONTH = rf"^{_YEAR}-(?:0[1-9]|1[0-2])(?:-01)?$"
DAY = (rf"^(?:{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
       r"|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:0[048]|[2468][048]|[13579][26]))"
       r"-02-29)$")


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
        if b.path == "household.municipality":  # a kommunenummer: four ASCII digits
            return {"type": "string", "pattern": "^[0-9]{4}$", "description": "a kommunenummer, four digits"}
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


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with every field that is not required also taking ``null`` (the parser reads null as not given),
    all the way down."""
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        nullable(schema["items"])
    for key in ("anyOf", "allOf"):
        for sub in schema.get(key, ()):
            nullable(sub)
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        nullable(prop)
        if name not in required:
            schema["properties"][name] = {"anyOf": [prop, {"type": "null"}]}
    return schema


def _node() -> dict[str, Any]:
    return {"type": "object", "properties": {}, "additionalProperties": False}


def months_pattern(first: date, last: date) -> str:
    """A pattern matching the months ``first``…``last`` (YYYY-MM, or YYYY-MM-01) and no other."""
    years = []
    for year in range(first.year, last.year + 1):
        lo = first.month if year == first.year else 1
        hi = last.month if year == last.year else 12
        months = "0[1-9]|1[0-2]" if (lo, hi) == (1, 12) else "|".join(f"{m:02d}" for m in range(lo, hi + 1))
        years.append(f"{year}-(?:{months})")
    return f"^(?:{'|'.join(years)})(?:-01)?$"


def case_schema(supported: tuple[date, date] | None = None, municipalities: Sequence[str] = ()
                ) -> dict[str, Any]:
    """JSON Schema of a case file (``benefit-calc/case@1``) from the bounds table; ``supported``: the first and last
    month a case may start in under the rules served, ``municipalities``: today's kommunenummer (the parser refuses
    others)."""
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
    if municipalities:
        root["properties"]["household"]["properties"]["municipality"] = {
            "type": "string", "enum": list(municipalities), "description": "today's kommunenummer (GET /rules/"
            "kommunenummer.numbers)"}
    if supported is not None:
        root["properties"]["start"] = {"type": "string", "pattern": months_pattern(*supported), "description": (
            f"the first month, YYYY-MM, from {supported[0]:%Y-%m} to {supported[1]:%Y-%m} (the months the rules "
            "cover)")}
    root["properties"]["client"]["properties"]["benefits"].setdefault("additionalProperties", False)
    for benefit in ("bostotte",):  # switched on by an empty mapping
        root["properties"]["client"]["properties"]["benefits"]["properties"].setdefault(benefit, _node())
    nullable(root)
    root["properties"]["schema"] = {"type": "string", "enum": ["benefit-calc/case@1"]}  # given, it must be this
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
SWEEP = {"type": "object", "required": ["schema", "ruleset", "months", "wage", "steps", "cliffs"],
         "properties": {"schema": _STR, "ruleset": {"type": "object"}, "months": {"type": "array", "items": _STR},
                        "wage": _NUM,
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


def overlay_schema(names: Sequence[str] = ()) -> dict[str, Any]:
    """An overlay as the API takes it: an overlay file's mapping, or that mapping as YAML text. Its shape is stated
    here (a ``parameters`` mapping of the rules' names, each with dated ``values``); each value is then checked
    against the rule it changes (kind, unit, domain: ``GET /rules/{name}``), which a JSON Schema cannot say."""
    body = {"type": "object", "required": ["values"], "properties": {
        "values": {"type": "object", "minProperties": 1, "propertyNames": {"pattern": DAY},
                   "description": "valid-from date → value, in rising order, each checked as the rule's values are"}}}
    params: dict[str, Any] = {"type": "object", "additionalProperties": body,
                              "description": "rule name (file.parameter, see GET /rules) → its new values"}
    if names:
        params["propertyNames"] = {"enum": list(names)}
    mapping = {"type": "object", "required": ["parameters"], "additionalProperties": False,
               "properties": {"parameters": params, "meta": {"description": "free notes on the overlay"}}}
    text = {"type": "string", "minLength": 1, "maxLength": 100_000,
            "description": "the same mapping as YAML text (an overlay file's content)"}
    return {"anyOf": [mapping, text]}


def _overlays() -> dict[str, Any]:
    return {"type": "array", "maxItems": 5, "description": (
        "What-if rule overlays, each as an overlay file's mapping ({parameters: {...}}) or its YAML text; checked "
        "as overlay files are"), "items": {"$ref": "#/components/schemas/Overlay"}}


def request_schema(extra: dict[str, Any] | None = None, required: tuple[str, ...] = (),
                   case: dict[str, Any] | None = None) -> dict[str, Any]:
    props = {"case": case or {"$ref": "#/components/schemas/Case"}, "overlays": _overlays(), **(extra or {})}
    return nullable({"type": "object", "required": ["case", *required], "properties": props,
                     "additionalProperties": False})


_LEVEL = r" *(?:100(?:\.0*)?|[0-9]{1,2}(?:\.[0-9]*)?) *"  # hours a week, 0–100
HOURS = {"anyOf": [{"type": "string", "description": (
                        "start:stop:step (stop included; stop not below start, step above 0, at most "
                        f"{MAX_STEPS} levels) or a list 0,10,20"),
                    "pattern": f"^(?:{_LEVEL}:{_LEVEL}:{_LEVEL}|{_LEVEL}(?:,{_LEVEL}){{0,{MAX_STEPS - 1}}})$",
                    "maxLength": 200},
                   {"type": "array", "items": {"type": "number", "minimum": 0,
                                               "maximum": BOUNDS["work[].hours_per_week"].high},
                    "minItems": 1, "maxItems": MAX_STEPS}]}


# What this document states of each field: a case refused 422 with one of these codes does not fit it (a test
# checks that a request that fits is never refused so). Any other refusal of a request that fits is one of the
# rules a JSON Schema cannot state, which the 422 response's description lists.
SCHEMA_CODES = (
    "schema", "unknown_field", "required", "required_month", "required_date", "client_required", "not_a_mapping",
    "not_a_list", "list_too_long", "too_long", "not_text", "not_bool", "not_a_number", "not_a_number_text",
    "not_whole", "below", "above", "not_one_of", "not_a_month", "not_a_month_fix", "not_a_date", "not_a_date_fix",
    "municipality_number", "municipality_format", "municipality_unknown", "start_unsupported", "no_scenarios",
)
BEYOND_SCHEMA = (
    "A request that fits this document can still be refused 422 for what a JSON Schema cannot state: rules between "
    "fields of a case (a birth date after the start, a step before the start or out of order, a wage for hours, "
    "one of basis and basis_g, a meldeperiode that starts on a Monday, fields that go together; the problem's code "
    "names the rule); the levels of a range of hours (stop below start, more than 201 levels: code hours_format, "
    "hours_levels) and a sweep without a wage; an overlay's content checked against the rules it changes (type urn:benefit-calc:bad-overlay, or "
    "bad-request with code overlay_kind when its YAML text is not a mapping); the explained month outside the "
    "case's months; and a case the law cannot calculate (type urn:benefit-calc:cannot-calculate). The problem names "
    "the field.")


def _problems(*codes: int) -> dict[str, Any]:
    why = {400: "The body is not JSON, or not the JSON this endpoint takes.",
           404: "Not found.", 413: ("The body is larger than 1 MB or holds too many values, or the request asks for "
                                    "more months of calculation than the work budget (type "
                                    "urn:benefit-calc:too-much-work)."),
           422: "A field of the case (or an overlay) is not allowed; the problem names it. " + BEYOND_SCHEMA,
           503: ("The calculation took longer than the server's time limit, or too many requests are waiting for "
                 "a calculation (type urn:benefit-calc:busy).")}
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


def openapi(version: str, names: Sequence[str] = (), supported: tuple[date, date] | None = None,
            municipalities: Sequence[str] = ()) -> dict[str, Any]:
    """The OpenAPI 3.1 document (``names``: the rules' parameter names, which an overlay may change; ``supported``:
    the months a case may start in)."""
    # a list's items are each checked on their own and answered in the list (a problem each: the list is 200),
    # so the list takes any item; the description says what an item should be
    batch = {"type": "array", "minItems": 1, "maxItems": 1000, "items": {
        "description": "a request object as for one case ({case, overlays}); an item that is not one gets its own "
                       "problem in the answer"}}
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
                            request_schema({"hours": HOURS, "wage": {
                                "type": "number", "exclusiveMinimum": 0,
                                "maximum": BOUNDS["work[].hourly_wage"].high}}), SWEEP),
            "/compare": _post("The work plan against each scenario in the case", request_schema(
                case={"allOf": [{"$ref": "#/components/schemas/Case"}, {
                    "required": ["scenarios"], "properties": {"scenarios": {"type": "array", "minItems": 1}},
                    "description": "a case with at least one scenario"}]}), COMPARE),
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
        "components": {"schemas": {"Case": case_schema(supported, municipalities), "Overlay": overlay_schema(names),
                                   "Result": RESULT, "Problem": PROBLEM}},
    }
