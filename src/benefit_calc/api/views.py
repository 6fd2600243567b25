"""What the GET endpoints show besides the rules' stamp: a parameter with every dated value, and the docs page."""

from __future__ import annotations

import html
from typing import Any

from benefit_calc.rules.model import Ruleset


def supported(r: Ruleset) -> dict[str, str] | None:
    return None if r.supported is None else {"from": f"{r.supported[0]:%Y-%m}", "to": f"{r.supported[1]:%Y-%m}"}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "threshold") and hasattr(value, "rate"):
        return {"threshold": value.threshold, "rate": value.rate}
    return value


def parameter_data(p: Any) -> dict[str, Any]:
    """Every dated value of a parameter with its source, status and note (OpenFisca's /parameter, per date)."""
    refs = [{"title": r.title, "url": r.url} for r in p.references]
    return {"name": p.name, "file": p.file, "unit": p.unit, "kind": p.kind, "description": p.description,
            "label": dict(p.label), "references": refs, "verified": p.verified.isoformat() if p.verified else None,
            "renewed": f"{p.renewed[0]:02d}-{p.renewed[1]:02d}" if p.renewed else None, "note": p.note,
            "values": [{"valid_from": v.valid_from.isoformat(), "value": _plain(v.value), "status": v.status,
                        "references": [{"title": r.title, "url": r.url} for r in v.references], "note": v.note}
                       for v in p.values]}


_DOCS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>benefit_calc API</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}}
code,pre{{background:#f3f3f3;padding:.1rem .3rem}}pre{{padding:1rem;overflow:auto}}h2{{margin-top:2rem}}</style>
</head><body><main><h1>benefit_calc HTTP API</h1><p>{desc}</p>
<p>The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
Send <code>Accept-Language: nb</code>, <code>nn</code> or <code>en</code>. Errors are
<code>application/problem+json</code> (RFC 9457) with the field's path.</p>{paths}
<h2>Example</h2><pre>curl -s localhost:8000/simulate -H 'Content-Type: application/json' \\
  -d '{{"case": {{"start": "2026-01", "months": 12, "client": {{"birth_date": "1990-05-01",
       "benefits": {{"aap": {{"basis_g": 3}}}}}}, "work": [{{"from": "2026-03", "hours_per_week": 10,
       "hourly_wage": 200}}]}}}}'</pre></main></body></html>"""


def docs_page(spec: dict[str, Any]) -> str:
    rows = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            rows.append(f"<h2><code>{method.upper()} {html.escape(path)}</code></h2><p>{html.escape(op['summary'])}</p>")
    return _DOCS.format(desc=html.escape(spec["info"]["description"]), paths="".join(rows))
