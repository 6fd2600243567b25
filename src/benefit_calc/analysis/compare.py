"""Compare the case's work plan with each named scenario, month by month and in total (settlements included),
and explain every amount of one month.

``compare`` runs the same situation with each work plan; totals include the settlements of the simulated
years that fall after the horizon, so a plan that looks better now but brings restskatt later shows it.
``explain`` lists what lands in the account in a month: each payment with the tax withheld on it, the rule in
plain words, the parameter values used and their sources, and the settlements due that month.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import attrs

from benefit_calc.case.model import Case
from benefit_calc.engine.simulate import simulate
from benefit_calc.core.errors import CaseError
from benefit_calc.core.money import fmt
from benefit_calc.result.model import Result
from benefit_calc.rules.load import Ruleset
from benefit_calc.words import text
from benefit_calc.words.formats import day, month as month_in, number

PLAN = "Arbeidsplanen"  # the plan's name in the data (JSON, CSV); shown as ``compare.plan`` in each language


@attrs.frozen
class Comparison:
    names: tuple[str, ...]
    results: tuple[Result, ...]

    def total(self, r: Result) -> int:
        return r.household_total()

    def to_dict(self) -> dict[str, Any]:
        base = self.results[0]
        return {
            "schema": "benefit-calc/compare@1", "ruleset": base.ruleset,
            "scenarios": [{"name": n, "total": self.total(r), "difference": self.total(r) - self.total(base),
                           "wages": r.total("wages"), "tax_withheld": r.total("tax_withheld"),
                           "settlements_in_horizon": r.total("settlements"),
                           "settlements_after_horizon": r.later_settlements(),
                           "months": [{"month": f"{m.month:%Y-%m}", "hours": round(m.hours, 2), "wages": m.wages,
                                       "benefits": dict(m.benefits), "tax_withheld": m.tax_withheld,
                                       "settlements": m.settlements, "household_disposable": m.household_disposable}
                                      for m in r.months],
                           "warnings": [w.to_dict() for w in r.warnings]}
                          for n, r in zip(self.names, self.results)]}

    def to_csv(self) -> str:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["month", *self.names])
        for i, m in enumerate(self.results[0].months):
            w.writerow([f"{m.month:%Y-%m}", *(r.months[i].household_disposable for r in self.results)])
        w.writerow(["settlements_after_horizon", *(r.later_settlements() for r in self.results)])
        w.writerow(["total", *(self.total(r) for r in self.results)])
        return out.getvalue()

    def names_in(self, lang: str = "nb") -> tuple[str, ...]:
        """The names to show: the work plan's in ``lang``, each scenario's as the case names it."""
        return (text("compare.plan", lang), *self.names[1:])

    def to_table(self, lang: str = "nb") -> str:
        names = self.names_in(lang)
        width = max(12, *(len(n) for n in names)) + 2
        label = max(24, len(text("compare.after", lang)) + 2)

        def row(name: str, values: Any) -> str:
            return f"{name:<{label}}" + "".join(f"{fmt(v):>{width}}" for v in values)
        head = f"{text('compare.month', lang):<{label}}" + "".join(f"{n:>{width}}" for n in names)
        lines = [head, "-" * len(head)]
        for i, m in enumerate(self.results[0].months):
            lines.append(row(f"{m.month:%Y-%m}", (r.months[i].household_disposable for r in self.results)))
        lines.append(row(text("compare.after", lang), (r.later_settlements() for r in self.results)))
        lines.append(row(text("compare.sum", lang), (self.total(r) for r in self.results)))
        base = self.total(self.results[0])
        lines.append(row(text("compare.difference", lang), (self.total(r) - base for r in self.results)))
        lines += ["", text("compare.note", lang)]
        return "\n".join(lines)


def compare(rules: Ruleset, case: Case) -> Comparison:
    """The case's work plan and each of its scenarios, simulated in the same situation."""
    if not case.scenarios:
        raise CaseError.of("scenarios", "no_scenarios",
                           example='[{name: "20 timer", work: [{from: 2026-03, hours_per_week: 20, hourly_wage: 210}]}]')
    names = (PLAN, *(s.name for s in case.scenarios))
    results = (simulate(rules, case), *(simulate(rules, case, s.work) for s in case.scenarios))
    return Comparison(names, results)


def explain(result: Result, month: date, lang: str = "nb") -> dict[str, Any]:
    """Every amount that lands in ``month``, with its rule, parameter values and sources."""
    row = next((m for m in result.months if m.month == month), None)
    if row is None:
        first, last = result.months[0].month, result.months[-1].month
        raise CaseError.of("month", "month_outside", month=f"{month:%Y-%m}", first=f"{first:%Y-%m}", last=f"{last:%Y-%m}")
    items = []
    for p, w in result.payments_in(month):
        e = p.explain()
        items.append({"scheme": p.scheme, "paid_on": p.paid_on.isoformat(), "amount": p.amount, "tax_withheld": w,
                      "taxable": p.taxable, "earned": [p.earned_from.isoformat(), p.earned_to.isoformat()],
                      **e.to_dict(lang)})
    settlements = [s.to_dict() for s in result.settlements if s.month == month]
    return {"schema": "benefit-calc/explain@1", "month": f"{month:%Y-%m}", "lang": lang, "payments": items,
            "settlements": settlements, "tax_withheld": row.tax_withheld, "disposable": row.disposable,
            "partner_net": row.partner_net, "household_disposable": row.household_disposable,
            "warnings": [x.to_dict() for x in result.warnings if x.month == month]}


def explain_text(data: dict[str, Any]) -> str:
    """The explanation as plain text in its language (``data["lang"]``: nb, nn or en); each payment and settlement
    named in words ("Bostøtte", "Skatteoppgjøret for 2026"), each parameter value used by its label and in its unit
    ("Grunnbeløpet (G): 136 549 kr i året"), with the date it applies from, its source and its name in the rules."""
    from benefit_calc.analysis.cliffs import component_label
    from benefit_calc.analysis.sentences import settlement_name

    lang = data["lang"]

    def t(key: str, **args: Any) -> str:
        return text(f"explain_text.{key}", lang, **args)
    def kr(x: int) -> str:
        return number(x, lang, 0)

    lines = [t("title", month=month_in(date.fromisoformat(data["month"] + "-01"), lang)), ""]
    for it in data["payments"]:
        paid = {"part": component_label(it["scheme"], lang), "amount": kr(it["amount"]),
                "date": day(date.fromisoformat(it["paid_on"]), lang)}
        lines.append(t("paid_tax", tax=kr(it["tax_withheld"]), **paid) if it["tax_withheld"] else t("paid", **paid))
        lines.append(f"  {it['text']}")
        lines.append("  " + t("rule", rule=it["rule"], law=it["reference"]))
        for u in it["parameters"]:
            since = day(date.fromisoformat(u["valid_from"]), lang)
            lines.append("    " + t("value", label=u["label"], value=u["shown"], date=since, source=u["reference"],
                                    name=u["name"]))
    for s in data["settlements"]:
        name = settlement_name(s["scheme"], s["year"], lang)
        lines.append(t("settlement", name=name, amount=kr(s["amount"])))
    for w in data["warnings"]:
        message = w.get(f"message_{lang}") or w["message"]
        action = w.get(f"action_{lang}") or w["action"]
        lines.append(t("warning", message=message, action=action).rstrip())
    lines += ["", t("total", disposable=kr(data["disposable"]), partner=kr(data["partner_net"]),
                    household=kr(data["household_disposable"]))]
    return "\n".join(lines)
