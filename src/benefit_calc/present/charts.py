"""Chart specifications (Vega-Lite) for the app, as pure functions of results.

Both are plain Vega-Lite specifications (dicts) for ``st.vega_lite_chart``.

* :func:`month_chart`: stacked bars of what comes in each month — wages, each benefit — with tax withheld (and
  restskatt) below zero, and the household's disposable income as a line.
* :func:`sweep_chart`: disposable income a month against hours a week, with the plan's hours marked ("you are
  here") and each cliff marked and labelled.

Numbers use Norwegian formatting ("30 000 kr") through a Vega-Lite number locale, the same in every language; the
words (axis titles, the legend's component names, "you are here") come from the catalogue (``chart.*`` and
``component.*`` in ``words/<lang>/analysis.yaml``) in bokmål, nynorsk or English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from benefit_calc.analysis.cliffs import component_label
from benefit_calc.result.model import Result
from benefit_calc.words import text

if TYPE_CHECKING:
    from benefit_calc.analysis.sweep import Sweep

NB_LOCALE = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]}
KR = "$,.0f"  # with NB_LOCALE: 30 000 kr


def _t(key: str, lang: str, **args: Any) -> str:
    return text(f"chart.{key}", lang, **args)


def month_data(result: Result, lang: str = "nb") -> list[dict[str, Any]]:
    """Long-form rows (month, component, kroner) for the stacked chart; tax withheld is negative. Components are
    named in words in ``lang`` ("Bostøtte", not ``bostotte``)."""
    names = {k: component_label(k, lang) for k in ("wages", "partner", "tax", "settlements", *result.benefit_names())}
    rows: list[dict[str, Any]] = []
    for m in result.months:
        month = f"{m.month:%Y-%m}"
        if m.wages:
            rows.append({"month": month, "what": names["wages"], "kr": m.wages})
        for name, amount in m.benefits.items():
            if amount:
                rows.append({"month": month, "what": names[name], "kr": amount})
        if m.partner_net:
            rows.append({"month": month, "what": names["partner"], "kr": m.partner_net})
        if m.tax_withheld:
            rows.append({"month": month, "what": names["tax"], "kr": -m.tax_withheld})
        if m.settlements:
            rows.append({"month": month, "what": names["settlements"], "kr": m.settlements})
    return rows


def _config() -> dict[str, Any]:
    return {"locale": {"number": NB_LOCALE}}


def month_chart(result: Result, lang: str = "nb") -> dict[str, Any]:
    """Vega-Lite spec: stacked bars of what comes in (tax below zero) with the household's disposable income as a
    line. A plain dict (no Altair validation on every rerun: that alone took 50 ms)."""
    t = {k: _t(k, lang) for k in ("month", "amount", "what", "disposable")}
    line_data = [{"month": f"{m.month:%Y-%m}", "kr": m.household_disposable} for m in result.months]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "config": _config(),
        "layer": [
            {"data": {"values": month_data(result, lang)}, "mark": {"type": "bar"},
             "encoding": {
                 "x": {"field": "month", "type": "ordinal", "title": t["month"]},
                 "y": {"aggregate": "sum", "field": "kr", "type": "quantitative", "title": t["amount"],
                       "axis": {"format": KR}},
                 "color": {"field": "what", "type": "nominal", "title": t["what"]},
                 "tooltip": [{"field": "month", "type": "ordinal", "title": t["month"]},
                             {"field": "what", "type": "nominal", "title": t["what"]},
                             {"field": "kr", "type": "quantitative", "title": t["amount"], "format": KR}]}},
            {"data": {"values": line_data}, "mark": {"type": "line", "point": True, "color": "black"},
             "encoding": {
                 "x": {"field": "month", "type": "ordinal"},
                 "y": {"field": "kr", "type": "quantitative"},
                 "tooltip": [{"field": "month", "type": "ordinal", "title": t["month"]},
                             {"field": "kr", "type": "quantitative", "title": t["disposable"], "format": KR}]}},
        ],
    }


def sweep_data(sw: Sweep) -> list[dict[str, Any]]:
    months = len(sw.months)
    return [{"hours": s.hours, "kr": round(s.total / months), "wages": round(s.earnings() / months)} for s in sw.steps]


def sweep_chart(sw: Sweep, here: float, cliffs: Sequence[Any] = (), lang: str = "nb") -> dict[str, Any]:
    """Vega-Lite spec: disposable income a month against hours a week; the plan's hours ("you are here") as a red
    dashed rule, each cliff as an orange rule with its cause in the tooltip."""
    t = {k: _t(k, lang) for k in ("hours", "per_month", "wages", "here")}
    layers: list[dict[str, Any]] = [
        {"data": {"values": sweep_data(sw)}, "mark": {"type": "line", "point": True},
         "encoding": {
             "x": {"field": "hours", "type": "quantitative", "title": t["hours"]},
             "y": {"field": "kr", "type": "quantitative", "title": t["per_month"], "axis": {"format": KR},
                   "scale": {"zero": False}},
             "tooltip": [{"field": "hours", "type": "quantitative", "title": t["hours"]},
                         {"field": "kr", "type": "quantitative", "title": t["per_month"], "format": KR},
                         {"field": "wages", "type": "quantitative", "title": t["wages"], "format": KR}]}},
        {"data": {"values": [{"hours": here, "label": t["here"]}]},
         "mark": {"type": "rule", "color": "red", "strokeDash": [4, 3]},
         "encoding": {"x": {"field": "hours", "type": "quantitative"},
                      "tooltip": [{"field": "label", "type": "nominal"}]}},
    ]
    marks = [{"hours": c.hours_to, "label": _t("cliff", lang, part=component_label(c.cause, lang),
                                               h0=f"{c.hours_from:g}", h1=f"{c.hours_to:g}")}
             for c in cliffs if c.kind == "cliff"]
    if marks:
        layers.append({"data": {"values": marks}, "mark": {"type": "rule", "color": "orange"},
                       "encoding": {"x": {"field": "hours", "type": "quantitative"},
                                    "tooltip": [{"field": "label", "type": "nominal"}]}})
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "config": _config(), "layer": layers}
