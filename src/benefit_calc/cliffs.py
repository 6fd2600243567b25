"""Cliffs and plateaus: where more work gives less (or almost no) more money, why, and how far it is to get past.

* **Rate cliffs** come from a sweep: a step up in hours after which the household's disposable income over the
  horizon (settlements included) is lower; the cliff is *past* at the first hours level where income is back
  above the level before it. **Plateaus** are runs of steps where the household keeps less than
  ``PLATEAU_KEEP`` of each extra krone earned (EMTR above 1 − PLATEAU_KEEP).
* **Timing cliffs** come from one simulation: a month in which disposable income drops sharply from the month
  before because of *when* money is paid — after a month with three meldekort payments, bostøtte reacting a
  month late, feriepenger, restskatt or an etteroppgjør.

Each is attributed to the component that takes most, and through ``CAUSES`` to the rule parameter behind it
(its legal reference comes from the rule file).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from .money import fmt
from .result import Result
from .rules import Ruleset
from .sweep import Sweep, rate_between

PLATEAU_KEEP = 0.10  # presentation threshold, not a legal value: "keeps less than 10 øre of each krone"
TIMING_DROP = 1000  # kroner; with TIMING_SHARE, the smallest month-to-month drop reported as a timing cliff
TIMING_SHARE = 0.10

# component → (parameter behind it, what it does in bokmål, in English)
CAUSES: dict[str, tuple[str, str, str]] = {
    "aap": ("aap.max_work_share", "AAP reduseres med arbeidstimene og faller helt bort for en meldeperiode der "
            "arbeidet er over grensen", "AAP is reduced by the hours worked and lost for a whole meldeperiode when "
            "work is over the limit"),
    "dagpenger": ("dagpenger.max_work_share", "dagpengene reduseres med arbeidstimene og faller bort over grensen",
                  "dagpenger is reduced by the hours worked and lost above the limit"),
    "uforetrygd": ("uforetrygd.income_ceiling_share", "uføretrygden reduseres for inntekt over fribeløpet og "
                   "stanser ved inntektstaket", "uføretrygd is reduced for income above the free amount and stops "
                   "at the income ceiling"),
    "barnetillegg_uforetrygd": ("uforetrygd.barnetillegg_reduction_share", "barnetillegget til uføretrygd "
                                "reduseres med inntekten", "the uføretrygd child supplement is reduced by income"),
    "overgangsstonad": ("overgangsstonad.reduction_share", "overgangsstønaden reduseres med 45 % av inntekt over et "
                        "halvt G", "overgangsstønad is reduced by 45 % of income above half a G"),
    "kvalifiseringsstonad": ("kvalifiseringsstonad.full_time_hours_per_week", "kvalifiseringsstønaden reduseres i "
                             "forhold til arbeidstimene", "kvalifiseringsstønad is reduced in proportion to hours"),
    "bostotte": ("bostotte.egenandel_steps", "egenandelen i bostøtten øker med inntekten, og bostøtten faller bort "
                 "under minstebeløpet", "the bostøtte egenandel rises with income, and bostøtte stops below the "
                 "minimum payment"),
    "sosialhjelp": ("sosialhjelp.rates", "sosialhjelpen reduseres krone for krone med netto inntekt",
                    "sosialhjelp is reduced krone for krone by net income"),
    "tax": ("skatt.trinnskatt", "skatten øker med inntekten (trygdeavgift, trinnskatt, 22 %)",
            "tax rises with income (social security contribution, bracket tax, 22 %)"),
    "settlements": ("skatt.settlement_restskatt_months", "for lite skattetrekk gir restskatt året etter",
                    "too little withheld gives restskatt the year after"),
    "settlements_after_horizon": ("skatt.settlement_restskatt_months", "skatteoppgjøret året etter",
                                  "the tax settlement the year after"),
}

# what each component is called in a sentence
PART_NAMES: dict[str, dict[str, str]] = {
    "nb": {"aap": "AAP", "dagpenger": "dagpenger", "tiltakspenger": "tiltakspenger", "uforetrygd": "uføretrygd",
           "barnetillegg_uforetrygd": "barnetillegg til uføretrygd", "overgangsstonad": "overgangsstønad",
           "kvalifiseringsstonad": "kvalifiseringsstønad", "bostotte": "bostøtte", "sosialhjelp": "sosialhjelp",
           "barnetrygd": "barnetrygd", "kontantstotte": "kontantstøtte", "tax": "skatt",
           "settlements": "skatteoppgjør i perioden", "settlements_after_horizon": "skatteoppgjør etter perioden",
           "partner": "partnerens inntekt", "wages": "lønn"},
    "en": {"aap": "AAP", "dagpenger": "dagpenger", "tiltakspenger": "tiltakspenger", "uforetrygd": "uføretrygd",
           "barnetillegg_uforetrygd": "uføretrygd child supplement", "overgangsstonad": "overgangsstønad",
           "kvalifiseringsstonad": "kvalifiseringsstønad", "bostotte": "bostøtte", "sosialhjelp": "sosialhjelp",
           "barnetrygd": "child benefit", "kontantstotte": "cash-for-care benefit", "tax": "tax",
           "settlements": "tax settlement in the period", "settlements_after_horizon": "tax settlement after the period",
           "partner": "partner's income", "wages": "wages"},
}


def part_name(name: str, lang: str) -> str:
    return PART_NAMES[lang].get(name, name)


# where a scheme tapers off gradually, the plateau has a different rule from the cliff
TAPERS: dict[str, tuple[str, str, str]] = {
    "aap": ("aap.normal_hours_per_period", "AAP reduseres med arbeidstimene (timer delt på 75 per meldeperiode)",
            "AAP is reduced by the hours worked (hours divided by 75 per meldeperiode)"),
    "dagpenger": ("dagpenger.days_per_year", "dagpengene reduseres med arbeidstimene i forhold til vanlig arbeidstid",
                  "dagpenger is reduced by the hours worked relative to normal working hours"),
}


@attrs.frozen
class Cliff:
    kind: str  # "cliff" | "plateau" | "timing"
    cause: str  # the component that takes most
    parameter: str
    reference: str
    message: str
    action: str
    loss: int  # kroner: what is lost (cliff, timing) or how little is kept (plateau)
    hours_from: float | None = None
    hours_to: float | None = None
    past_hours: float | None = None  # the hours level where income is back above the level before the cliff
    past_wages: int | None = None  # how much more gross wage a month that takes (against hours_from)
    month: date | None = None  # timing cliffs

    def to_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat()[:7] if isinstance(v, date) else v) for k, v in attrs.asdict(self).items()}


def _cause(rules: Ruleset, parts: dict[str, float], lang: str, taper: bool = False) -> tuple[str, str, str, str]:
    """(component, parameter, reference, what it does) for the component that takes most."""
    if not parts:
        return "", "", "", ""
    name = max(parts, key=lambda k: parts[k])
    param, nb, en = (TAPERS.get(name) if taper else None) or CAUSES.get(name, ("", name, name))
    ref = ""
    if param and param in rules.parameters:
        refs = rules.param(param).references
        ref = refs[0].title if refs else ""
    return name, param, ref, nb if lang == "nb" else en


def _breakdown(parts: dict[str, float], lang: str) -> str:
    """"Of each extra krone: 59 øre aap, 29 øre sosialhjelp, …" for the parts that take 5 øre or more."""
    big = sorted(((v, k) for k, v in parts.items() if v >= 0.05), reverse=True)
    if not big:
        return ""
    items = ", ".join(f"{v * 100:.0f} øre {part_name(k, lang)}" for v, k in big)
    return f" Av hver ekstra krone i lønn går {items}." if lang == "nb" else f" Of each extra krone of wages: {items}."


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
            name = _cause(rules, parts, lang)[0]
            # a scheme that is only reduced (not lost) is the taper rule, not the limit
            before, after = (sw.steps[i].part(name), sw.steps[i + 1].part(name)) if name else (0, 0)
            name, param, ref, what = _cause(rules, parts, lang, taper=bool(name) and after > before / 2)
            loss = totals[i] - min(totals[i + 1:j + 1])
            h0, h1 = sw.hours[i], sw.hours[i + 1]
            past_h = sw.hours[past] if past is not None else None
            past_kr = round((sw.steps[past].earnings() - sw.steps[i].earnings()) / len(sw.months)) if past is not None else None
            months = len(sw.months)
            lost_part = before - after
            if lang == "nb":
                msg = (f"Fra {h0:g} til {h1:g} timer i uka får husstanden {fmt(loss)} kr mindre over perioden "
                       f"({fmt(loss / months)} kr i måneden i snitt): {what}"
                       + (f" ({part_name(name, lang)} går fra {fmt(before / months)} til {fmt(after / months)} kr i "
                          "måneden i snitt)."
                          if lost_part > 0 else ".") + (_breakdown(parts, lang) if max(parts.values(), default=0) < 1 else ""))
                action = (f"Hold deg på {h0:g} timer, eller gå opp til minst {past_h:g} timer (ca. {fmt(past_kr or 0)} kr "
                          f"mer i lønn i måneden) for å få mer enn ved {h0:g} timer." if past_h is not None else
                          f"Hold deg på {h0:g} timer; ingen timetall opp til {sw.hours[-1]:g} gir mer.")
            else:
                msg = (f"From {h0:g} to {h1:g} hours a week the household gets {fmt(loss)} kr less over the period "
                       f"({fmt(loss / months)} kr a month on average): {what}"
                       + (f" ({part_name(name, lang)} goes from {fmt(before / months)} to {fmt(after / months)} kr a "
                          "month on average)."
                          if lost_part > 0 else ".") + (_breakdown(parts, lang) if max(parts.values(), default=0) < 1 else ""))
                action = (f"Stay at {h0:g} hours, or go up to at least {past_h:g} hours (about {fmt(past_kr or 0)} kr more "
                          f"wages a month) to have more than at {h0:g}."
                          if past_h is not None else f"Stay at {h0:g} hours; no level up to {sw.hours[-1]:g} gives more.")
            out.append(Cliff("cliff", name, param, ref, msg, action, loss, h0, h1, past_h, past_kr))
            i = j
            continue
        rate = sw.emtr(i)
        if rate is not None and rate.rate is not None and rate.rate > 1 - PLATEAU_KEEP:
            # extend while income does not fall and the run as a whole still keeps less than PLATEAU_KEEP
            j = i + 1
            while j + 1 < n and totals[j + 1] >= totals[j] and _span_rate(sw, i, j + 1)[0] > 1 - PLATEAU_KEEP:
                j += 1
            whole = _span_rate(sw, i, j)
            name, param, ref, what = _cause(rules, whole[1], lang, taper=True)
            kept = totals[j] - totals[i]
            gross = sw.steps[j].earnings() - sw.steps[i].earnings()
            h0, h1 = sw.hours[i], sw.hours[j]
            if lang == "nb":
                msg = (f"Fra {h0:g} til {h1:g} timer i uka øker lønna med {fmt(gross)} kr over perioden, men husstanden "
                       f"beholder bare {fmt(kept)} kr ({(1 - whole[0]) * 100:.0f} øre per krone): {what}."
                       + _breakdown(whole[1], lang))
                action = "Regn med at flere timer her mest gir erfaring og opptjening, ikke mer penger nå."
            else:
                msg = (f"From {h0:g} to {h1:g} hours a week wages rise by {fmt(gross)} kr over the period, but the "
                       f"household keeps only {fmt(kept)} kr ({(1 - whole[0]) * 100:.0f} øre per krone): {what}."
                       + _breakdown(whole[1], lang))
                action = "More hours here mostly bring experience and pension rights, not more money now."
            out.append(Cliff("plateau", name, param, ref, msg, action, gross - kept, h0, h1))
            i = j
            continue
        i += 1
    return out


def _span_rate(sw: Sweep, i: int, j: int) -> tuple[float, dict[str, float]]:
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
        why, why_en = _timing_reason(result, prev, row, name)
        param, _, _ = CAUSES.get(name, ("", "", ""))
        ref = rules.param(param).references[0].title if param in rules.parameters and rules.param(param).references else ""
        if lang == "nb":
            msg = f"I {row.month:%m.%Y} får husstanden {fmt(drop)} kr mindre enn måneden før: {why}"
            action = "Sett av penger fra måneden før, så du har nok når denne måneden kommer."
        else:
            msg = f"In {row.month:%m.%Y} the household gets {fmt(drop)} kr less than the month before: {why_en}"
            action = "Put money aside from the month before so this month is covered."
        out.append(Cliff("timing", name, param, ref, msg, action, drop, month=row.month))
    return out


def _timing_reason(result: Result, prev: Any, row: Any, name: str) -> tuple[str, str]:
    if name in ("aap", "dagpenger") and _meldekort_payments(result, prev, name) >= 3:
        return (f"forrige måned kom det tre utbetalinger av {part_name(name, 'nb')}, denne måneden to.",
                f"last month brought three {part_name(name, 'en')} payments, this month two.")
    if name == "bostotte":
        return ("bostøtten regnes av inntekten som ble utbetalt måneden før, og den var høyere.",
                "bostøtte is computed from the income paid the month before, which was higher.")
    if name == "settlements":
        return ("skatteoppgjøret eller et etteroppgjør krever penger tilbake denne måneden.",
                "the tax settlement or an etteroppgjør claims money back this month.")
    if name == "wages" and prev.holiday_pay:
        return ("forrige måned kom feriepengene.", "last month brought the holiday pay.")
    if name == "tax" and prev.month.month in (6, 12):
        return ("skattetrekket er tilbake til vanlig etter juni/desember med lite eller halvt trekk.",
                "tax withholding is back to normal after June/December with little or half withholding.")
    return (f"{part_name(name, 'nb')} er lavere enn måneden før.", f"{part_name(name, 'en')} is lower than the month before.")


def _meldekort_payments(result: Result, row: Any, scheme: str) -> int:
    return sum(1 for i in row.payment_index if result.payments[i].scheme == scheme)
