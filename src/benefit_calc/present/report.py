"""The client's report: a PDF in plain bokmål, nynorsk or English to take home.

Inputs and where they came from, what the calculation takes for granted (the result's notes), the headline, the
month table, what changes when, the risks (warnings with their legal source), an action list (who does what by
when) and the settlements next year; stamped with the ruleset version and the date. Every word comes from the
catalogue (``report.*`` in ``words/<lang>/report.yaml``, the case fields' labels and the component names); numbers
are written the same in every language ("30 000", "3,4"). Made with fpdf2 and the bundled DejaVu Sans font, so æ, ø
and å render.
"""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from typing import Any, Mapping

from fpdf import FPDF

from benefit_calc.present.summary import Headline, actions, month_table
from benefit_calc.case.model import Case
from benefit_calc.analysis.cliffs import TIMING_DROP, component_label, part_name
from benefit_calc.core.money import fmt
from benefit_calc.result.model import Result, Settlement
from benefit_calc.words import field_label, has, in_lang, text


def _t(key: str, lang: str, /, **args: Any) -> str:
    return text(f"report.{key}", lang, **args)


def _font_path(name: str) -> str:
    return str(resources.files("benefit_calc.present").joinpath("fonts", name))


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
    """The case in words, a line each: the period, the household (rent and electricity included), each benefit with
    its fields by their labels, the tax card and the work plan."""
    hh = case.household
    lines = [_t("line.period", lang, start=f"{case.start:%m.%Y}", months=case.months,
                born=f"{case.client.birth_date:%d.%m.%Y}")]
    parts = []
    if hh.municipality:
        parts.append(_t("line.municipality", lang, number=hh.municipality))
    if hh.rent_per_month:
        parts.append(_t("line.rent", lang, amount=fmt(hh.rent_per_month)))
    if hh.electricity_per_month:
        parts.append(_t("line.electricity", lang, amount=fmt(hh.electricity_per_month)))
    if hh.children:
        parts.append(_t("line.children_one" if len(hh.children) == 1 else "line.children", lang, n=len(hh.children)))
    if hh.partner:
        income = hh.partner.income_per_month
        parts.append(_t("line.partner_income", lang, amount=fmt(income)) if income else _t("line.partner", lang))
    if hh.utvidet_barnetrygd:
        parts.append(_t("line.utvidet", lang))
    if parts:
        lines.append(_t("line.household", lang, items=", ".join(parts)))
    data = case.to_dict()
    benefits = data.get("client", {}).get("benefits", {})
    for name in case.client.benefits.names():
        fields = _field_items(benefits.get(name) or {}, f"client.benefits.{name}", lang)
        lines.append(_t("line.benefit", lang, name=component_label(name, lang))
                     + (f" ({'; '.join(fields)})" if fields else "") + ".")
    tax = _field_items(data.get("tax") or {}, "tax", lang)
    if tax:
        lines.append(f"{_t('line.tax', lang)}: {'; '.join(tax)}.")
    for step, raw in zip(case.work, data.get("work", ())):
        args = {"month": f"{step.start:%m.%Y}", "hours": _show(float(step.hours_per_week), lang)}
        line = (_t("line.work_hourly", lang, wage=fmt(step.hourly_wage), **args) if step.hourly_wage is not None else
                _t("line.work_salary", lang, salary=fmt(step.monthly_salary or 0), **args))
        extra = _field_items({k: v for k, v in raw.items() if k in ("payday", "holiday_pay")}, "work[]", lang)
        lines.append(line + (f" ({'; '.join(extra)})" if extra else "") + ".")
    return lines


def _field_items(values: Mapping[str, Any], prefix: str, lang: str) -> list[str]:
    """"Label: value" for each field of a part of the case file (nested parts by their own labels)."""
    out = []
    for key, value in values.items():
        path = f"{prefix}.{key}"
        if isinstance(value, Mapping):
            out += _field_items(value, path, lang)
            continue
        label = field_label(path, lang)
        out.append(_t("line.field", lang, label=key if label == path else label, value=_show(value, lang)))
    return out


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _show(v: Any, lang: str = "nb") -> str:
    """A case value in words, the same number format in every language: yes/no, "samme måned" for ``same_month``,
    03.2026 for a month, 3,4 for a decimal, 12 000 for kroner."""
    if isinstance(v, bool):
        return _t("answer_yes" if v else "answer_no", lang)
    if isinstance(v, (int, float)) and abs(v) >= 1000:
        return fmt(v)
    if isinstance(v, float):
        return f"{v:g}".replace(".", ",")
    if isinstance(v, date):
        return f"{v:%d.%m.%Y}"
    if isinstance(v, str):
        if has(f"report.option.{v}"):
            return _t(f"option.{v}", lang)
        if m := _DAY.match(v):
            return f"{m[3]}.{m[2]}.{m[1]}"
        if m := _MONTH.match(v):
            return f"{m[2]}.{m[1]}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_show(x, lang) for x in v)
    return str(v)


def changes_lines(result: Result, lang: str) -> list[str]:
    """Months where the household's income moves by ``TIMING_DROP`` kroner or more, and why (which parts moved)."""
    out = []
    for prev, row in zip(result.months, result.months[1:]):
        diff = row.household_disposable - prev.household_disposable
        if abs(diff) < TIMING_DROP:
            continue
        moved = {k: row.benefits.get(k, 0) - prev.benefits.get(k, 0) for k in {*row.benefits, *prev.benefits}}
        moved["wages"] = row.wages - prev.wages
        moved["tax"] = prev.tax_withheld - row.tax_withheld
        top = sorted(((abs(v), k, v) for k, v in moved.items() if v), reverse=True)[:3]
        why = ", ".join(f"{part_name(k, lang)} {'+' if v > 0 else '−'}{fmt(abs(v))}" for _, k, v in top)
        out.append(_t("change_up" if diff > 0 else "change_down", lang, month=f"{row.month:%m.%Y}",
                      amount=fmt(abs(diff)), why=why))
    return out


def settlement_name(s: Settlement, lang: str) -> str:
    """"Skatteoppgjøret for 2026", "Etteroppgjøret for uføretrygd for 2026"."""
    if s.scheme == "skatt":
        return text("settlement.skatt", lang, year=s.year)
    return text("settlement.other", lang, part=part_name(s.scheme, lang), year=s.year)


_SOURCE_CODE = re.compile(r"\.(kt|java|py)\b|\bKelvin\b|\bdp-behandling\b|\bfamilie-ef-sak\b")


def _law(reference: str) -> str:
    """A warning's legal source for people: the parts of the reference that name NAV's source code left out."""
    parts = [p.strip() for p in reference.split(";")]
    kept = [p for p in parts if p and not _SOURCE_CODE.search(p)]
    return "; ".join(kept)


def build_pdf(case: Case, result: Result, head: Headline, lang: str = "nb", made: date | None = None) -> bytes:
    """The report as PDF bytes, in ``lang`` (nb, nn or en)."""
    made = made or date.today()
    stamp = result.ruleset
    pdf = _Pdf(_t("footer", lang, date=f"{made:%d.%m.%Y}", id=stamp["id"], version=stamp["version"],
                  sha=stamp["sha256"][:12]) + (f" + {', '.join(stamp['overlays'])}" if stamp["overlays"] else ""))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    _line(pdf, 8, _t("title", lang))
    pdf.set_font("DejaVu", "", 9)
    _line(pdf, 5, _t("stamp", lang, date=f"{made:%d.%m.%Y}", id=stamp["id"], version=stamp["version"])
          + " " + _t("note", lang))
    _section(pdf, _t("headline", lang))
    pdf.set_font("DejaVu", "B", 11)
    _line(pdf, 6, head.text(lang))
    _section(pdf, _t("inputs", lang))
    pdf.set_font("DejaVu", "", 9)
    _line(pdf, 5, _t("source", lang))
    for line in inputs_lines(case, lang):
        _line(pdf, 5, "• " + line)
    _section(pdf, _t("notes", lang))
    pdf.set_font("DejaVu", "", 9)
    for note in result.notes or ():
        _line(pdf, 5, "• " + in_lang(note, lang))
    if not result.notes:
        _line(pdf, 5, _t("none", lang))
    _section(pdf, _t("table", lang))
    _table(pdf, month_table(result, lang))
    _section(pdf, _t("changes", lang))
    pdf.set_font("DejaVu", "", 9)
    for line in changes_lines(result, lang) or [_t("none", lang)]:
        _line(pdf, 5, "• " + line)
    _section(pdf, _t("risks", lang))
    pdf.set_font("DejaVu", "", 9)
    for w in result.warnings or ():
        law = _law(w.reference)
        _line(pdf, 5, f"• {f'{w.month:%m.%Y}: ' if w.month else ''}{w.message_in(lang)}" + (f" ({law})" if law else ""))
    if not result.warnings:
        _line(pdf, 5, _t("none", lang))
    _section(pdf, _t("todo", lang))
    pdf.set_font("DejaVu", "", 9)
    for a in actions(case, result, lang):
        _line(pdf, 5, "☐ " + (_t("todo_line_when", lang, who=a.who, what=a.what, when=a.when) if a.when else
                              _t("todo_line", lang, who=a.who, what=a.what)))
    _section(pdf, _t("settle", lang))
    pdf.set_font("DejaVu", "", 9)
    for s in result.settlements or ():
        _line(pdf, 5, "• " + _t("refund" if s.amount > 0 else "owe", lang, name=settlement_name(s, lang),
                                amount=fmt(abs(s.amount)), month=f"{s.month:%m.%Y}"))
    if not result.settlements:
        _line(pdf, 5, _t("none", lang))
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
    for h, w in zip(heads, widths):  # a long heading ("Barnetillegg (uføretrygd)") in a smaller font, not cut
        pdf.set_font("DejaVu", "B", size)
        fit = size
        while fit > 5 and pdf.get_string_width(str(h)) > w - 2:
            fit -= 0.5
            pdf.set_font("DejaVu", "B", fit)
        label = str(h)
        while pdf.get_string_width(label) > w - 2 and len(label) > 4:
            label = label[:-2] + "…"
        pdf.cell(w, 5, label, border=1)
    pdf.ln()
    pdf.set_font("DejaVu", "", size)
    for row in rows:
        texts = [fmt(v) if isinstance(v, int) and not isinstance(v, bool) else
                 f"{v:.1f}".replace(".", ",") if isinstance(v, float) else str(v) for v in row.values()]
        for text_, w in zip(texts, widths):
            pdf.cell(w, 5, text_, border=1, align="R" if text_[:1].isdigit() or text_[:1] == "-" else "L")
        pdf.ln()
