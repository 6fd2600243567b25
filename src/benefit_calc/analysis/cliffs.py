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

from benefit_calc.analysis.sentences import PLATEAU_KEEP, Change, component_label, describe, hours, part_name
# component → (the rule parameter behind it, the rule in the catalogue: cliff.rule.<rule>.name/.what/.law), the same
# where it tapers off gradually (a plateau), and the rule behind a timing drop by its reason where it is not the
# component's own: each scheme declares its own (tax and wages too), the registry gathers them
from benefit_calc.engine.registry import CLIFF_CAUSES as CAUSES, TAPERS, TIMING_RULES
from benefit_calc.result.model import Result
from benefit_calc.rules.load import Ruleset
from benefit_calc.words import has, text
from benefit_calc.words.formats import month, number

if TYPE_CHECKING:  # imported where used: importing this module (for the words) must not load the sweep submodule,
    from benefit_calc.analysis.sweep import Sweep  # which would shadow the package's lazy ``benefit_calc.sweep`` function

TIMING_DROP = 1000  # kroner; with TIMING_SHARE, the smallest month-to-month drop reported as a timing cliff
TIMING_SHARE = 0.10


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


def _rule_numbers(rules: Ruleset, key: str, lang: str) -> dict[str, str]:
    """Numbers a rule's words name, from the rules as they stand now (never copied into the words), written the
    language's way."""
    latest = {n: p.values[-1].value for n, p in rules.parameters.items()
              if n in ("aap.normal_hours_per_period", "overgangsstonad.reduction_share", "overgangsstonad.free_income_g")}
    if key == "aap_grading":
        return {"hours": number(float(latest["aap.normal_hours_per_period"]), lang)}
    if key == "overgangsstonad":
        free = float(latest["overgangsstonad.free_income_g"])
        return {"share": f"{number(float(latest['overgangsstonad.reduction_share']) * 100, lang)} %",
                "free": "½" if free == 0.5 else number(free, lang)}
    return {}


def _rule(rules: Ruleset, cause: str, parameter: str, key: str, lang: str) -> _Rule:
    """The rule ``cliff.rule.<key>`` (or the generic words for a component without one) in ``lang``."""
    part = part_name(cause, lang)
    if not has(f"cliff.rule.{key}.what"):
        key = "other"
    name = text(f"cliff.rule.{key}.name", lang) if key != "other" else ""
    what = text(f"cliff.rule.{key}.what", lang, part=part, **_rule_numbers(rules, key, lang))
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


def _join(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


def _levels(sw: Sweep) -> list[int]:
    """The sweep's steps by rising hours, each with more gross wages than the one before (a repeated level, or one
    that adds no wages, is left out): every range a sentence states goes upwards."""
    out: list[int] = []
    for k in sorted(range(len(sw.steps)), key=lambda k: sw.hours[k]):
        if not out or (sw.hours[k] > sw.hours[out[-1]] and sw.steps[k].earnings() > sw.steps[out[-1]].earnings()):
            out.append(k)
    return out


def _taken(change: Change) -> dict[str, float]:
    """What each part takes over the change, in kroner (the largest names the cause)."""
    return {n: float(change.taken(n)) for n in change.parts if change.taken(n)}


def rate_cliffs(rules: Ruleset, sw: Sweep, lang: str = "nb") -> list[Cliff]:
    """Cliffs and plateaus over the horizon along the sweep's hours levels (in rising order)."""
    from benefit_calc.analysis.sweep import rate_between

    out: list[Cliff] = []
    order = _levels(sw)
    steps, levels = [sw.steps[k] for k in order], [sw.hours[k] for k in order]
    totals = [s.total for s in steps]
    i, n = 0, len(steps)
    while i + 1 < n:
        if totals[i + 1] < totals[i]:  # a cliff: income falls; it lasts while income keeps falling
            j = i + 1
            while j + 1 < n and totals[j + 1] < totals[j]:
                j += 1
            past = next((k for k in range(j, n) if totals[k] > totals[i]), None)
            change = Change.between(steps[i], steps[j])  # the numbers every sentence about this cliff says
            parts = _taken(change)
            name = _cause(rules, parts, lang).cause
            # a scheme that is only reduced (not lost) is the taper rule, not the limit
            before, after = (steps[i].part(name), steps[j].part(name)) if name else (0, 0)
            rule = _cause(rules, parts, lang, taper=bool(name) and after > before / 2)
            name = rule.cause
            h0 = hours(levels[i], lang)
            past_h = levels[past] if past is not None else None
            past_kr = round((steps[past].earnings() - steps[i].earnings()) / len(sw.months)) if past is not None else None
            msg = _join(describe(change, lang, rule.what, lost=name), rule.sentence(lang))
            action = (text("cliff.rate.action_past", lang, h0=h0, past=hours(past_h, lang), more=number(past_kr or 0, lang, 0))
                      if past_h is not None else text("cliff.rate.action_none", lang, h0=h0, top=hours(levels[-1], lang)))
            out.append(Cliff("cliff", name, rule.parameter, rule.law, msg, action, -change.net, levels[i], levels[j],
                             past_h, past_kr, rule=rule.name, source=rule.source))
            i = j
            continue
        rate = rate_between(steps[i], steps[i + 1])
        if rate.rate is not None and rate.rate > 1 - PLATEAU_KEEP:
            # extend while income does not fall and the run as a whole still keeps less than PLATEAU_KEEP
            j = i + 1
            while j + 1 < n and totals[j + 1] >= totals[j] and (rate_between(steps[i], steps[j + 1]).rate or 0) > 1 - PLATEAU_KEEP:
                j += 1
            change = Change.between(steps[i], steps[j])
            rule = _cause(rules, _taken(change), lang, taper=True)
            msg = _join(describe(change, lang, rule.what), rule.sentence(lang))
            out.append(Cliff("plateau", rule.cause, rule.parameter, rule.law, msg, text("cliff.plateau.action", lang),
                             change.gross - change.net, levels[i], levels[j], rule=rule.name, source=rule.source))
            i = j
            continue
        i += 1
    return out


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
        msg = _join(text("cliff.timing.message", lang, month=month(row.month, lang), drop=number(drop, lang, 0), why=why),
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
            return text("cliff.timing.why.refund_then_claim", lang, before=number(before, lang, 0), what_before=what_before,
                        owe=number(-now, lang, 0), what=what)
        return text("cliff.timing.why.claim", lang, owe=number(-now, lang, 0), what=what)
    if now == 0:
        return text("cliff.timing.why.refund_then_none", lang, before=number(before, lang, 0), what_before=what_before)
    return text("cliff.timing.why.smaller_refund", lang, before=number(before, lang, 0), what_before=what_before, after=number(now, lang, 0))


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
