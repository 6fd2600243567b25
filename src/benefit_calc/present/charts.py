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
from benefit_calc.words.formats import month_short, number

if TYPE_CHECKING:
    from benefit_calc.analysis.sweep import Sweep

NB_LOCALE = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]}
KR = "$,.0f"  # with NB_LOCALE: 30 000 kr


def _t(key: str, lang: str, **args: Any) -> str:
    return text(f"chart.{key}", lang, **args)


# One colour per part of the money, the same in every chart and case (light blue is never "Lønn" in one case and
# "Skattetrekk" in another). Colour-blind-safe where it matters: wages dark blue, tax red-brown, the NAV benefits
# distinct hues; a part not listed gets grey.
COLOURS = {
    "wages": "#1f4e79", "holiday_pay": "#4a7fb0", "aap": "#e69f00", "dagpenger": "#cc79a7",
    "dagpenger_ferietillegg": "#e7a8cf", "tiltakspenger": "#8c6d31", "uforetrygd": "#009e73", "barnetillegg_uforetrygd": "#66c2a5",
    "overgangsstonad": "#b07aa1", "kvalifiseringsstonad": "#56b4e9", "bostotte": "#f0c05a", "sosialhjelp": "#9c9ede",
    "barnetrygd": "#7f7f7f", "kontantstotte": "#bcbd22", "partner": "#a6a6a6", "tax": "#a4161a",
    "settlements": "#d55e00",
}
OTHER = "#c7c7c7"


def _parts(result: Result) -> list[str]:
    return ["wages", *result.benefit_names(), "partner", "tax", "settlements"]


def colour_scale(parts: Sequence[str], lang: str = "nb") -> dict[str, Any]:
    """A Vega-Lite colour scale that gives each part of the money its own fixed colour (:data:`COLOURS`)."""
    return {"domain": [component_label(p, lang) for p in parts], "range": [COLOURS.get(p, OTHER) for p in parts]}


def month_data(result: Result, lang: str = "nb") -> list[dict[str, Any]]:
    """Long-form rows (month, component, kroner) for the stacked chart; tax withheld is negative. Components are
    named in words in ``lang`` ("Bostøtte", not ``bostotte``); months carry their label in ``lang``
    ("jan 2027") beside the sortable ``YYYY-MM``."""
    names = {k: component_label(k, lang) for k in _parts(result)}
    rows: list[dict[str, Any]] = []
    for m in result.months:
        month = f"{m.month:%Y-%m}"
        label = month_short(m.month, lang)
        if m.wages:
            rows.append({"month": month, "label": label, "what": names["wages"], "kr": m.wages})
        for name, amount in m.benefits.items():
            if amount:
                rows.append({"month": month, "label": label, "what": names[name], "kr": amount})
        if m.partner_net:
            rows.append({"month": month, "label": label, "what": names["partner"], "kr": m.partner_net})
        if m.tax_withheld:
            rows.append({"month": month, "label": label, "what": names["tax"], "kr": -m.tax_withheld})
        if m.settlements:
            rows.append({"month": month, "label": label, "what": names["settlements"], "kr": m.settlements})
    return rows


EN_LOCALE = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", "\u00a0kr"]}


def _config(lang: str = "nb") -> dict[str, Any]:
    return {"locale": {"number": EN_LOCALE if lang == "en" else NB_LOCALE}}


def _month_axis(result: Result, lang: str, title: str) -> dict[str, Any]:
    """Months on the x axis in order, labelled the language's way ("jan 2027") instead of "2027-01"."""
    labels = {f"{m.month:%Y-%m}": month_short(m.month, lang) for m in result.months}
    expr = " : ".join(f"datum.value == '{k}' ? '{v}'" for k, v in labels.items()) + " : datum.value"
    return {"field": "month", "type": "ordinal", "title": title, "sort": list(labels),
            "axis": {"labelExpr": expr, "labelAngle": -45}}


def month_chart(result: Result, lang: str = "nb", baseline: Sequence[int] = ()) -> dict[str, Any]:
    """Vega-Lite spec: stacked bars of what comes in (tax below zero), each part in its fixed colour, with the
    household's disposable income as a black line and, given ``baseline`` (the same without work), a dashed grey
    line: the gap between the two lines is what the plan gives. A plain dict (no Altair validation on every rerun:
    that alone took 50 ms)."""
    t = {k: _t(k, lang) for k in ("month", "amount", "what", "disposable", "with_plan", "baseline")}
    x = _month_axis(result, lang, t["month"])
    parts = [p for p in _parts(result) if any(_amount(m, p) for m in result.months)]
    line_data = [{"month": f"{m.month:%Y-%m}", "label": month_short(m.month, lang), "kr": m.household_disposable,
                  "line": t["with_plan"]} for m in result.months]
    if len(baseline) == len(result.months):
        line_data += [{"month": f"{m.month:%Y-%m}", "label": month_short(m.month, lang), "kr": b,
                       "line": t["baseline"]} for m, b in zip(result.months, baseline)]
    lines = [t["with_plan"], t["baseline"]]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "config": _config(lang),
        "resolve": {"scale": {"color": "independent", "strokeDash": "independent"}},
        "layer": [
            {"data": {"values": month_data(result, lang)}, "mark": {"type": "bar"},
             "encoding": {
                 "x": x,
                 "y": {"aggregate": "sum", "field": "kr", "type": "quantitative", "title": t["amount"],
                       "axis": {"format": KR}},
                 "color": {"field": "what", "type": "nominal", "title": t["what"],
                           "scale": colour_scale(parts, lang)},
                 "tooltip": [{"field": "label", "type": "nominal", "title": t["month"]},
                             {"field": "what", "type": "nominal", "title": t["what"]},
                             {"field": "kr", "type": "quantitative", "title": t["amount"], "format": KR}]}},
            {"data": {"values": line_data}, "mark": {"type": "line", "point": True},
             "encoding": {
                 "x": {"field": "month", "type": "ordinal", "sort": x["sort"]},
                 "y": {"field": "kr", "type": "quantitative"},
                 "color": {"field": "line", "type": "nominal", "title": t["disposable"],
                           "scale": {"domain": lines, "range": ["#000000", "#6b6b6b"]}},
                 "strokeDash": {"field": "line", "type": "nominal", "title": t["disposable"],  # one legend with the colour
                                "scale": {"domain": lines, "range": [[1, 0], [6, 4]]}},
                 "tooltip": [{"field": "label", "type": "nominal", "title": t["month"]},
                             {"field": "line", "type": "nominal", "title": t["what"]},
                             {"field": "kr", "type": "quantitative", "title": t["disposable"], "format": KR}]}},
        ],
    }


def _amount(m: Any, part: str) -> int:
    return {"wages": m.wages, "partner": m.partner_net, "tax": m.tax_withheld,
            "settlements": m.settlements}.get(part, m.benefits.get(part, 0))


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
                                               h0=number(c.hours_from, lang), h1=number(c.hours_to, lang))}
             for c in cliffs if c.kind == "cliff"]
    if marks:
        layers.append({"data": {"values": marks}, "mark": {"type": "rule", "color": "orange"},
                       "encoding": {"x": {"field": "hours", "type": "quantitative"},
                                    "tooltip": [{"field": "label", "type": "nominal"}]}})
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "config": _config(lang), "layer": layers}
