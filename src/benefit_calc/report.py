"""The client's report: a PDF in plain bokmål (or English) to take home.

Inputs and where they came from, the headline, the month table, what changes when, the risks (warnings with
their legal source), an action list (who does what by when) and the settlements next year; stamped with the
ruleset version and the date. Made with fpdf2 and the bundled DejaVu Sans font, so æ, ø and å render.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

from fpdf import FPDF

from .app_model import Headline, actions, month_table
from .case import Case
from .cliffs import TIMING_DROP
from .money import fmt
from .result import Result

T = {
    "nb": {"title": "Hva skjer med pengene når du begynner å jobbe?", "made": "Laget", "rules": "Regelverk",
           "inputs": "Det vi regnet med", "source": "Tallene er hentet fra vedtakene og opplysningene du ga.",
           "headline": "Kort fortalt", "table": "Måned for måned (kroner)", "changes": "Hva endrer seg når",
           "risks": "Risiko og ting å passe på", "todo": "Hva gjør hvem, og når", "who": "Hvem", "what": "Hva",
           "when": "Når", "settle": "Skatteoppgjør og etteroppgjør", "refund": "til gode", "owe": "å betale",
           "none": "Ingen.", "note": "Dette er en beregning, ikke et vedtak: de endelige beløpene kan være andre. NAV, "
           "Husbanken, kommunen og Skatteetaten avgjør dem.", "start": "Start", "months": "Måneder", "born": "Født",
           "benefits": "Ytelser", "household": "Husstand", "work": "Jobbplan", "hours": "timer i uka",
           "from": "fra", "kr_hour": "kr i timen", "kr_month": "kr i måneden", "children": "barn", "rent": "husleie",
           "partner": "partner"},
    "en": {"title": "What happens to your money when you start working?", "made": "Made", "rules": "Rules",
           "inputs": "What we assumed", "source": "The figures come from the decision letters and what you told us.",
           "headline": "In short", "table": "Month by month (kroner)", "changes": "What changes when",
           "risks": "Risks and things to watch", "todo": "Who does what, and when", "who": "Who", "what": "What",
           "when": "When", "settle": "Tax and benefit settlements", "refund": "refund", "owe": "to pay",
           "none": "None.", "note": "This is a calculation, not a decision. NAV, Husbanken, the municipality and the "
           "Tax Administration decide the final amounts.", "start": "Start", "months": "Months", "born": "Born",
           "benefits": "Benefits", "household": "Household", "work": "Work plan", "hours": "hours a week",
           "from": "from", "kr_hour": "kr an hour", "kr_month": "kr a month", "children": "children", "rent": "rent",
           "partner": "partner"},
}


def _font_path(name: str) -> str:
    return str(resources.files("benefit_calc").joinpath("fonts", name))


class _Pdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font("DejaVu", "", _font_path("DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", _font_path("DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=14)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("DejaVu", "", 7)
        self.cell(0, 5, f"{self.footer_text} · {self.page_no()}", align="C")


def inputs_lines(case: Case, lang: str) -> list[str]:
    t = T[lang]
    hh = case.household
    lines = [f"{t['start']}: {case.start:%m.%Y}, {t['months']}: {case.months}. {t['born']}: {case.client.birth_date:%d.%m.%Y}."]
    parts = []
    if hh.municipality:
        parts.append(f"kommune {hh.municipality}")
    if hh.rent_per_month:
        parts.append(f"{t['rent']} {fmt(hh.rent_per_month)} kr")
    if hh.children:
        parts.append(f"{len(hh.children)} {t['children']}")
    if hh.partner:
        parts.append(t["partner"])
    if parts:
        lines.append(f"{t['household']}: " + ", ".join(parts) + ".")
    benefits = case.client.benefits
    names = FIELDS[lang]
    for name in benefits.names():
        value = getattr(benefits, name)
        fields = {k: v for k, v in _fields(value).items() if v is not None}
        lines.append(f"{t['benefits']}: {name}" + (": " if fields else "")
                     + ", ".join(f"{names.get(k, k)} {_show(v, lang)}" for k, v in fields.items()) + ".")
    for step in case.work:
        pay = (f"{fmt(step.hourly_wage)} {t['kr_hour']}" if step.hourly_wage is not None else
               f"{fmt(step.monthly_salary or 0)} {t['kr_month']}")
        lines.append(f"{t['work']}: {t['from']} {step.start:%m.%Y} {step.hours_per_week:g} {t['hours']}, {pay}.")
    return lines


def _fields(value: Any) -> dict[str, Any]:
    import attrs
    return attrs.asdict(value, recurse=False) if attrs.has(type(value)) else {}


# what the fields of a benefit are called in the report
FIELDS = {
    "nb": {"basis_g": "grunnlag (G)", "basis": "grunnlag (kr)", "opptrapping": "opptrapping", "start": "fra",
           "months": "måneder", "until": "til", "arbeidsevne": "fastsatt arbeidsevne (%)", "yrkesskade": "yrkesskade",
           "barnetillegg": "barnetillegg", "normal_hours_per_week": "vanlig arbeidstid (t/uke)",
           "egenandel": "egenandel", "days_per_period": "dager per meldeperiode", "degree": "uføregrad (%)",
           "ifu": "IFU (kr)", "ieu": "IEU (kr)", "full_benefit": "uføretrygd ved 100 % (kr)", "granted": "innvilget",
           "vta": "VTA", "reports_income": "melder inntekt", "expected_income": "forventet inntekt (kr)",
           "heating_in_rent": "oppvarming i husleia", "income_month": "inntekt teller i",
           "other_costs_per_month": "andre utgifter (kr/mnd)", "shared_housing": "bofellesskap"},
    "en": {"basis_g": "basis (G)", "basis": "basis (kr)", "opptrapping": "step-up period", "start": "from",
           "months": "months", "until": "until", "arbeidsevne": "assessed work capacity (%)",
           "yrkesskade": "occupational injury", "barnetillegg": "child supplement",
           "normal_hours_per_week": "normal hours a week", "egenandel": "waiting days",
           "days_per_period": "days per meldeperiode", "degree": "degree (%)", "ifu": "IFU (kr)", "ieu": "IEU (kr)",
           "full_benefit": "uføretrygd at 100 % (kr)", "granted": "granted", "vta": "VTA",
           "reports_income": "reports income", "expected_income": "expected income (kr)",
           "heating_in_rent": "heating in the rent", "income_month": "income counts in",
           "other_costs_per_month": "other costs (kr a month)", "shared_housing": "shared housing"},
}


def _show(v: Any, lang: str = "nb") -> str:
    if isinstance(v, bool):
        return ("ja" if v else "nei") if lang == "nb" else ("yes" if v else "no")
    if isinstance(v, (int, float)) and abs(v) >= 1000:
        return fmt(v)
    if isinstance(v, float):
        return f"{v:g}".replace(".", ",") if lang == "nb" else f"{v:g}"
    if isinstance(v, date):
        return f"{v:%d.%m.%Y}"
    fields = _fields(v)
    if fields:  # e.g. the AAP opptrapping: "fra 01.09.2026, måneder 12"
        return "(" + ", ".join(f"{FIELDS[lang].get(k, k)} {_show(x, lang)}" for k, x in fields.items() if x is not None) + ")"
    return str(v)


def changes_lines(result: Result, lang: str) -> list[str]:
    """Months where the household's income moves by ``TIMING_DROP`` kroner or more, and why (which parts moved)."""
    out = []
    for prev, row in zip(result.months, result.months[1:]):
        diff = row.household_disposable - prev.household_disposable
        if abs(diff) < TIMING_DROP:
            continue
        moved = {k: row.benefits.get(k, 0) - prev.benefits.get(k, 0) for k in {*row.benefits, *prev.benefits}}
        moved["lønn" if lang == "nb" else "wages"] = row.wages - prev.wages
        moved["skatt" if lang == "nb" else "tax"] = prev.tax_withheld - row.tax_withheld
        top = sorted(((abs(v), k, v) for k, v in moved.items() if v), reverse=True)[:3]
        why = ", ".join(f"{k} {'+' if v > 0 else '−'}{fmt(abs(v))}" for _, k, v in top)
        word = ("opp" if diff > 0 else "ned") if lang == "nb" else ("up" if diff > 0 else "down")
        out.append(f"{row.month:%m.%Y}: {word} {fmt(abs(diff))} kr ({why}).")
    return out


def build_pdf(case: Case, result: Result, head: Headline, lang: str = "nb", made: date | None = None) -> bytes:
    """The report as PDF bytes."""
    t = T[lang]
    made = made or date.today()
    stamp = result.ruleset
    pdf = _Pdf(f"{t['made']} {made:%d.%m.%Y} · {t['rules']} {stamp['id']} {stamp['version']} "
               f"(sha256 {stamp['sha256'][:12]})" + (f" + {', '.join(stamp['overlays'])}" if stamp["overlays"] else ""))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    _line(pdf, 8, t["title"])
    pdf.set_font("DejaVu", "", 9)
    _line(pdf, 5, f"{t['made']} {made:%d.%m.%Y}. {t['rules']} {stamp['id']} {stamp['version']}. {t['note']}")
    _section(pdf, t["headline"])
    pdf.set_font("DejaVu", "B", 11)
    _line(pdf, 6, head.text(lang))
    _section(pdf, t["inputs"])
    pdf.set_font("DejaVu", "", 9)
    _line(pdf, 5, t["source"])
    for line in inputs_lines(case, lang):
        _line(pdf, 5, "• " + line)
    _section(pdf, t["table"])
    _table(pdf, month_table(result, lang))
    _section(pdf, t["changes"])
    pdf.set_font("DejaVu", "", 9)
    for line in changes_lines(result, lang) or [t["none"]]:
        _line(pdf, 5, "• " + line)
    _section(pdf, t["risks"])
    for w in result.warnings or ():
        pdf.set_font("DejaVu", "", 9)
        _line(pdf, 5, f"• {f'{w.month:%m.%Y}: ' if w.month else ''}{w.message_in(lang)} ({w.reference})")
    if not result.warnings:
        _line(pdf, 5, t["none"])
    _section(pdf, t["todo"])
    pdf.set_font("DejaVu", "", 9)
    for a in actions(case, result, lang):
        _line(pdf, 5, f"☐ {a.who}: {a.what}" + (f" — {t['when'].lower()}: {a.when}" if a.when else ""))
    _section(pdf, t["settle"])
    pdf.set_font("DejaVu", "", 9)
    for s in result.settlements or ():
        word = t["refund"] if s.amount > 0 else t["owe"]
        _line(pdf, 5, f"• {s.scheme} {s.year}: {fmt(abs(s.amount))} kr {word}, {s.month:%m.%Y}.")
    if not result.settlements:
        _line(pdf, 5, t["none"])
    return bytes(pdf.output())


def _line(pdf: FPDF, height: float, text: str) -> None:
    """A paragraph across the page, then on to the next line at the left margin."""
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def _section(pdf: FPDF, title: str) -> None:
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 11)
    _line(pdf, 7, title)


def _table(pdf: FPDF, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    heads = list(rows[0])
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    widths = [usable / len(heads)] * len(heads)
    size = 7 if len(heads) > 9 else 8
    pdf.set_font("DejaVu", "B", size)
    for h, w in zip(heads, widths):
        pdf.cell(w, 5, str(h)[:18], border=1)
    pdf.ln()
    pdf.set_font("DejaVu", "", size)
    for row in rows:
        texts = [fmt(v) if isinstance(v, int) and not isinstance(v, bool) else
                 f"{v:.1f}".replace(".", ",") if isinstance(v, float) else str(v) for v in row.values()]
        for text, w in zip(texts, widths):
            pdf.cell(w, 5, text, border=1, align="R" if text[:1].isdigit() or text[:1] == "-" else "L")
        pdf.ln()
