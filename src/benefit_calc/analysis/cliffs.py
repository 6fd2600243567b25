"""Cliffs and plateaus: where more work gives less (or almost no) more money, why, and how far it is to get past.

* **Rate cliffs** come from a sweep: a step up in hours after which the household's disposable income over the
  horizon (settlements included) is lower; the cliff is *past* at the first hours level where income is back
  above the level before it. **Plateaus** are runs of steps where the household keeps less than
  ``PLATEAU_KEEP`` of each extra krone earned (EMTR above 1 − PLATEAU_KEEP).
* **Timing cliffs** come from one simulation: a month in which disposable income drops sharply from the month
  before because of *when* money is paid — after a month with three meldekort payments, bostøtte reacting a
  month late, feriepenger, restskatt or an etteroppgjør.

Each is attributed to the component that takes most, and through ``CAUSES`` to the rule behind it: the rule's name,
what it does and the law by its title come from the word catalogue (``cliff.rule.<rule>`` in
``words/<lang>/analysis.yaml``); the rule parameter (``aap.max_work_share``) and the rule file's own reference are
kept in separate fields for the counsellor and the developer, never in the sentence.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from benefit_calc.core.money import fmt
from benefit_calc.engine.registry import CLIFF_CAUSES
from benefit_calc.result.model import Result
from benefit_calc.rules.load import Ruleset
from benefit_calc.words import has, text

if TYPE_CHECKING:  # imported where used: importing this module (for the words) must not load the sweep submodule,
    from benefit_calc.analysis.sweep import Sweep  # which would shadow the package's lazy ``benefit_calc.sweep`` function

PLATEAU_KEEP = 0.10  # presentation threshold, not a legal value: "keeps less than 10 øre of each krone"
TIMING_DROP = 1000  # kroner; with TIMING_SHARE, the smallest month-to-month drop reported as a timing cliff
TIMING_SHARE = 0.10

# component → (the rule parameter behind it, the rule in the catalogue: cliff.rule.<rule>.name/.what/.law): the
# schemes declare theirs in the registry; tax and settlements are not schemes
CAUSES: dict[str, tuple[str, str]] = {
    **CLIFF_CAUSES,
    "tax": ("skatt.trinnskatt", "tax"),
    "settlements": ("skatt.settlement_restskatt_months", "settlements"),
    "settlements_after_horizon": ("skatt.settlement_restskatt_months", "settlements_after_horizon"),
}

# where a scheme tapers off gradually, the plateau has a different rule from the cliff
TAPERS: dict[str, tuple[str, str]] = {
    "aap": ("aap.normal_hours_per_period", "aap_grading"),
    "dagpenger": ("dagpenger.days_per_year", "dagpenger_grading"),
}

# the rule behind a timing cliff, by its reason, where it is not the component's own (CAUSES)
TIMING_RULES = {("three_payments", "aap"): "aap_meldekort", ("three_payments", "dagpenger"): "dagpenger_meldekort",
                ("holiday_pay", "wages"): "holiday_pay", ("tax", "tax"): "tax_withholding"}


def component_label(name: str, lang: str = "nb") -> str:
    """What a part of the money is called as a column heading or chart legend ("Bostøtte", "Lønn")."""
    key = f"component.{name}"
    return text(key, lang) if has(key) else name


def part_name(name: str, lang: str) -> str:
    """What a part of the money is called inside a sentence ("bostøtte", "lønn")."""
    key = f"part.{name}"
    return text(key, lang) if has(key) else name


@attrs.frozen
class Cliff:
    kind: str  # "cliff" | "plateau" | "timing"
    cause: str  # the component that takes most (a code: "aap")
    parameter: str  # the rule parameter behind it, for the counsellor and the developer ("aap.max_work_share")
    reference: str  # the law by its title, in the message's language ("folketrygdloven § 11-23")
    message: str  # for people: what happens, the rule in words and the law by its title
    action: str
    loss: int  # kroner: what is lost (cliff, timing) or how little is kept (plateau)
    hours_from: float | None = None
    hours_to: float | None = None
    past_hours: float | None = None  # the hours level where income is back above the level before the cliff
    past_wages: int | None = None  # how much more gross wage a month that takes (against hours_from)
    month: date | None = None  # timing cliffs
    rule: str = ""  # the rule named in words ("arbeidsgrensen for AAP")
    source: str = ""  # the rule file's reference for the parameter (may name NAV's source code), for the developer

    def to_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat()[:7] if isinstance(v, date) else v) for k, v in attrs.asdict(self).items()}


@attrs.frozen
class _Rule:
    cause: str
    parameter: str
    name: str  # the rule in words
    what: str  # what it does (the end of a sentence)
    law: str  # the law by its title, "" if none
    source: str  # the rule file's reference title

    def sentence(self, lang: str) -> str:
        if not self.name:
            return ""
        if self.law:
            return text("cliff.rule_sentence", lang, rule=self.name, law=self.law)
        return text("cliff.rule_sentence_no_law", lang, rule=self.name)


def _rule_numbers(rules: Ruleset, key: str) -> dict[str, str]:
    """Numbers a rule's words name, from the rules as they stand now (never copied into the words)."""
    latest = {n: p.values[-1].value for n, p in rules.parameters.items()
              if n in ("aap.normal_hours_per_period", "overgangsstonad.reduction_share", "overgangsstonad.free_income_g")}
    if key == "aap_grading":
        return {"hours": f"{latest['aap.normal_hours_per_period']:g}"}
    if key == "overgangsstonad":
        free = float(latest["overgangsstonad.free_income_g"])
        return {"share": f"{float(latest['overgangsstonad.reduction_share']) * 100:g} %",
                "free": "½" if free == 0.5 else f"{free:g}"}
    return {}


def _rule(rules: Ruleset, cause: str, parameter: str, key: str, lang: str) -> _Rule:
    """The rule ``cliff.rule.<key>`` (or the generic words for a component without one) in ``lang``."""
    part = part_name(cause, lang)
    if not has(f"cliff.rule.{key}.what"):
        key = "other"
    name = text(f"cliff.rule.{key}.name", lang) if key != "other" else ""
    what = text(f"cliff.rule.{key}.what", lang, part=part, **_rule_numbers(rules, key))
    law = text(f"cliff.rule.{key}.law", lang) if has(f"cliff.rule.{key}.law") else ""
    source = ""
    if parameter and parameter in rules.parameters:
        refs = rules.param(parameter).references
        source = refs[0].title if refs else ""
    return _Rule(cause, parameter, name, what, law, source)


def _cause(rules: Ruleset, parts: dict[str, float], lang: str, taper: bool = False) -> _Rule:
    """The rule behind the component that takes most."""
    if not parts:
        return _Rule("", "", "", "", "", "")
    name = max(parts, key=lambda k: parts[k])
    param, key = (TAPERS.get(name) if taper else None) or CAUSES.get(name, ("", ""))
    return _rule(rules, name, param, key, lang)


def _breakdown(parts: dict[str, float], lang: str) -> str:
    """"Of each extra krone the household loses 59 øre in AAP, 29 øre in sosialhjelp, …" for the parts that take
    5 øre or more."""
    big = sorted(((v, k) for k, v in parts.items() if v >= 0.05), reverse=True)
    if not big:
        return ""
    items = ", ".join(text("cliff.breakdown_item", lang, ore=f"{v * 100:.0f}", part=part_name(k, lang)) for v, k in big)
    total = sum(v for v, _ in big)
    if round(total * 100) > 100:  # the parts add to more than the krone earned: say so, not as øre of a krone
        return text("cliff.breakdown_over", lang, items=items, total=f"{total:.2f}".replace(".", "," if lang != "en" else "."))
    return text("cliff.breakdown", lang, items=items)


def _join(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


def rate_cliffs(rules: Ruleset, sw: Sweep, lang: str = "nb") -> list[Cliff]:
    """Cliffs and plateaus over the horizon along the sweep's hours levels."""
    out: list[Cliff] = []
    totals = [s.total for s in sw.steps]
    i, n = 0, len(sw.steps)
    while i + 1 < n:
        if totals[i + 1] < totals[i]:  # a cliff: income falls; it lasts while income keeps falling
            j = i + 1
            while j + 1 < n and totals[j + 1] < totals[j]:
                j += 1
            past = next((k for k in range(j, n) if totals[k] > totals[i]), None)
            rate = sw.emtr(i)
            parts = dict(rate.parts) if rate else {}
            name = _cause(rules, parts, lang).cause
            # a scheme that is only reduced (not lost) is the taper rule, not the limit
            before, after = (sw.steps[i].part(name), sw.steps[i + 1].part(name)) if name else (0, 0)
            rule = _cause(rules, parts, lang, taper=bool(name) and after > before / 2)
            name = rule.cause
            loss = totals[i] - min(totals[i + 1:j + 1])
            h0, h1 = sw.hours[i], sw.hours[i + 1]
            past_h = sw.hours[past] if past is not None else None
            past_kr = round((sw.steps[past].earnings() - sw.steps[i].earnings()) / len(sw.months)) if past is not None else None
            months = len(sw.months)
            lost_part = before - after
            args = {"h0": f"{h0:g}", "h1": f"{h1:g}", "loss": fmt(loss), "avg": fmt(loss / months), "what": rule.what}
            msg = (text("cliff.rate.message_lost", lang, part=part_name(name, lang), before=fmt(before / months),
                        after=fmt(after / months), **args)
                   if lost_part > 0 else text("cliff.rate.message", lang, **args))
            msg = _join(msg, _breakdown(parts, lang) if max(parts.values(), default=0) < 1 else "", rule.sentence(lang))
            action = (text("cliff.rate.action_past", lang, h0=f"{h0:g}", past=f"{past_h:g}", more=fmt(past_kr or 0))
                      if past_h is not None else text("cliff.rate.action_none", lang, h0=f"{h0:g}", top=f"{sw.hours[-1]:g}"))
            out.append(Cliff("cliff", name, rule.parameter, rule.law, msg, action, loss, h0, h1, past_h, past_kr,
                             rule=rule.name, source=rule.source))
            i = j
            continue
        rate = sw.emtr(i)
        if rate is not None and rate.rate is not None and rate.rate > 1 - PLATEAU_KEEP:
            # extend while income does not fall and the run as a whole still keeps less than PLATEAU_KEEP
            j = i + 1
            while j + 1 < n and totals[j + 1] >= totals[j] and _span_rate(sw, i, j + 1)[0] > 1 - PLATEAU_KEEP:
                j += 1
            whole = _span_rate(sw, i, j)
            rule = _cause(rules, whole[1], lang, taper=True)
            kept = totals[j] - totals[i]
            gross = sw.steps[j].earnings() - sw.steps[i].earnings()
            h0, h1 = sw.hours[i], sw.hours[j]
            msg = _join(text("cliff.plateau.message", lang, h0=f"{h0:g}", h1=f"{h1:g}", gross=fmt(gross), kept=fmt(kept),
                             ore=f"{(1 - whole[0]) * 100:.0f}", what=rule.what),
                        _breakdown(whole[1], lang), rule.sentence(lang))
            out.append(Cliff("plateau", rule.cause, rule.parameter, rule.law, msg, text("cliff.plateau.action", lang),
                             gross - kept, h0, h1, rule=rule.name, source=rule.source))
            i = j
            continue
        i += 1
    return out


def _span_rate(sw: Sweep, i: int, j: int) -> tuple[float, dict[str, float]]:
    from benefit_calc.analysis.sweep import rate_between

    r = rate_between(sw.steps[i], sw.steps[j])
    return (r.rate or 0.0), dict(r.parts)


def timing_cliffs(rules: Ruleset, result: Result, lang: str = "nb") -> list[Cliff]:
    """Months where the household's disposable income drops sharply because of when money is paid."""
    out = []
    rows = result.months
    for prev, row in zip(rows, rows[1:]):
        drop = prev.household_disposable - row.household_disposable
        if drop < max(TIMING_DROP, TIMING_SHARE * abs(prev.household_disposable)):
            continue
        deltas = {k: prev.benefits.get(k, 0) - row.benefits.get(k, 0) for k in {*prev.benefits, *row.benefits}}
        deltas["tax"] = row.tax_withheld - prev.tax_withheld
        deltas["settlements"] = prev.settlements - row.settlements
        deltas["wages"] = prev.wages - row.wages
        name = max(deltas, key=lambda k: deltas[k])
        reason, why = _timing_reason(result, prev, row, name, lang)
        param, key = CAUSES.get(name, ("", ""))
        if reason == "settlement" and not _settled_schemes(result, prev.month, row.month) & {"skatt"}:
            key = ""  # an etteroppgjør from NAV alone: not the tax rules
        own = TIMING_RULES.get((reason, name))  # a rule of its own: the component's parameter is not its source
        rule = _rule(rules, name, "" if own else param, own or key, lang)
        msg = _join(text("cliff.timing.message", lang, month=f"{row.month:%m.%Y}", drop=fmt(drop), why=why),
                    rule.sentence(lang))
        out.append(Cliff("timing", name, param, rule.law, msg, text("cliff.timing.action", lang), drop,
                         month=row.month, rule=rule.name, source=rule.source))
    return out


def _timing_reason(result: Result, prev: Any, row: Any, name: str, lang: str = "nb") -> tuple[str, str]:
    """(the kind of reason, the reason in words) for the drop from ``prev`` to ``row`` led by ``name``."""
    if name in ("aap", "dagpenger") and _meldekort_payments(result, prev, name) >= 3:
        return "three_payments", text("cliff.timing.why.three_payments", lang, part=part_name(name, lang))
    if name == "bostotte":
        return "bostotte", text("cliff.timing.why.bostotte", lang)
    if name == "settlements":
        return "settlement", _settlement_reason(result, prev, row, lang)
    if name == "wages" and prev.holiday_pay:
        return "holiday_pay", text("cliff.timing.why.holiday_pay", lang)
    if name == "tax" and prev.month.month in (6, 12):
        return "tax", text("cliff.timing.why.tax", lang)
    return "lower", text("cliff.timing.why.lower", lang, part=part_name(name, lang))


def _settlement_reason(result: Result, prev: Any, row: Any, lang: str) -> str:
    """The settlements of the month before and of this month, worded by their sign: a refund last month and none
    (or a smaller one) now is not a claim; only a negative settlement this month is money to pay."""
    before, now = prev.settlements, row.settlements
    what_before = _settled(result, prev.month, lang, refunds=True)
    what = _settled(result, row.month, lang, refunds=False)
    if now < 0:
        if before > 0:
            return text("cliff.timing.why.refund_then_claim", lang, before=fmt(before), what_before=what_before,
                        owe=fmt(-now), what=what)
        return text("cliff.timing.why.claim", lang, owe=fmt(-now), what=what)
    if now == 0:
        return text("cliff.timing.why.refund_then_none", lang, before=fmt(before), what_before=what_before)
    return text("cliff.timing.why.smaller_refund", lang, before=fmt(before), what_before=what_before, after=fmt(now))


def _settled(result: Result, month: date, lang: str, refunds: bool) -> str:
    """Which settlements a month's refunds (or claims) come from, in words: the tax settlement, NAV's etteroppgjør,
    or both."""
    schemes = {s.scheme for s in result.settlements if s.month == month and (s.amount > 0) == refunds and s.amount}
    tax, nav = "skatt" in schemes, bool(schemes - {"skatt"})
    return text(f"cliff.timing.settled.{'both' if tax and nav else 'nav' if nav else 'skatt'}", lang)


def _settled_schemes(result: Result, *months: date) -> set[str]:
    return {s.scheme for s in result.settlements if s.month in months and s.amount}


def _meldekort_payments(result: Result, row: Any, scheme: str) -> int:
    return sum(1 for i in row.payment_index if result.payments[i].scheme == scheme)
