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

from benefit_calc.present.summary import Headline, actions, month_table, month_table_text
from benefit_calc.case.model import Case
from benefit_calc.analysis.cliffs import TIMING_DROP, component_label, part_name
from benefit_calc.analysis.compare import compare
from benefit_calc.analysis.sentences import settlement_groups, settlement_name, settlement_parts
from benefit_calc.result.model import Result, Settlement
from benefit_calc.rules.load import Ruleset
from benefit_calc.schemes.zones import municipalities
from benefit_calc.words.laws import legal_in
from benefit_calc.words import field_label, has, in_lang, text
from benefit_calc.words.formats import amount, day, month, number, signed_kr


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


def fmt(x: float, lang: str = "nb") -> str:
    """Whole kroner the language's way (12 345 / 12,345)."""
    return number(round(x), lang, 0)


def inputs_lines(case: Case, lang: str, places: Mapping[str, str] | None = None) -> list[str]:
    """The case in words, a line each: the period, the household (rent and electricity included; the municipality
    by its name when ``places`` maps numbers to names), each benefit with its fields by their labels, the tax card
    and the work plan."""
    hh = case.household
    lines = [_t("line.period", lang, start=month(case.start, lang), months=case.months,
                born=day(case.client.birth_date, lang))]
    parts = []
    if hh.municipality:
        name = (places or {}).get(hh.municipality)
        parts.append(_t("line.municipality", lang, number=f"{name} ({hh.municipality})" if name else hh.municipality))
    if hh.rent_per_month:
        parts.append(_t("line.rent", lang, amount=fmt(hh.rent_per_month, lang)))
    if hh.electricity_per_month:
        parts.append(_t("line.electricity", lang, amount=fmt(hh.electricity_per_month, lang)))
    if hh.children:
        parts.append(_t("line.children_one" if len(hh.children) == 1 else "line.children", lang, n=len(hh.children)))
    if hh.partner:
        income = hh.partner.income_per_month
        parts.append(_t("line.partner_income", lang, amount=fmt(income, lang)) if income else _t("line.partner", lang))
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
        args = {"month": month(step.start, lang), "hours": number(float(step.hours_per_week), lang)}
        line = (_t("line.work_hourly", lang, wage=amount(step.hourly_wage, lang), **args)
                if step.hourly_wage is not None else
                _t("line.work_salary", lang, salary=fmt(step.monthly_salary or 0, lang), **args))
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
    """A case value in words, the language's way: yes/no, "samme måned" for ``same_month``, "mars 2026" for a month,
    3,4 for a decimal, 12 000 for kroner (3.4 and 12,000 in English)."""
    if isinstance(v, bool):
        return _t("answer_yes" if v else "answer_no", lang)
    if isinstance(v, (int, float)):
        return number(v, lang, 4)
    if isinstance(v, date):
        return day(v, lang)
    if isinstance(v, str):
        if has(f"report.option.{v}"):
            return _t(f"option.{v}", lang)
        if m := _DAY.match(v):
            return day(date(int(m[1]), int(m[2]), int(m[3])), lang)
        if m := _MONTH.match(v):
            return month(date(int(m[1]), int(m[2]), 1), lang)
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
        why = ", ".join(f"{part_name(k, lang)} {'+' if v > 0 else '−'}{fmt(abs(v), lang)}" for _, k, v in top)
        out.append(_t("change_up" if diff > 0 else "change_down", lang, month=month(row.month, lang),
                      amount=fmt(abs(diff), lang), why=why))
    return out


def alternatives_rows(rules: Ruleset, case: Case, lang: str) -> list[dict[str, str]]:
    """The compared alternatives (the case's scenarios) against the plan: the household's money over the period
    (later settlements included), a month on average, and the difference from the plan."""
    if not case.scenarios:
        return []
    cmp = compare(rules, case)
    base = cmp.total(cmp.results[0])
    cols = {k: _t(f"alt.{k}", lang) for k in ("name", "total", "per_month", "diff")}
    return [{cols["name"]: name, cols["total"]: f"{fmt(cmp.total(r), lang)} kr",
             cols["per_month"]: f"{fmt(cmp.total(r) / case.months, lang)} kr",
             cols["diff"]: "" if k == 0 else signed_kr(cmp.total(r) - base, lang)}
            for k, (name, r) in enumerate(zip(cmp.names_in(lang), cmp.results))]


def sources(result: Result, lang: str) -> list[str]:
    """The legal sources behind the warnings, each once, in the language's own form (for the "Kilder" list)."""
    out: list[str] = []
    for w in result.warnings:
        law = legal_in(w.reference, lang)
        if law and law not in out:
            out.append(law)
    return out


def build_pdf(case: Case, result: Result, head: Headline, lang: str = "nb", made: date | None = None,
              rules: Ruleset | None = None) -> bytes:
    """The report as PDF bytes, in ``lang`` (nb, nn or en). Given ``rules``, the municipality is named and the
    case's alternatives are compared with the plan."""
    made = made or date.today()
    stamp = result.ruleset
    pdf = _Pdf(_t("footer", lang, date=day(made, lang), id=stamp["id"], version=stamp["version"],
                  sha=stamp["sha256"][:12]) + (f" + {', '.join(stamp['overlays'])}" if stamp["overlays"] else ""))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    _line(pdf, 8, _t("title", lang))
    pdf.set_font("DejaVu", "", 9)
    _line(pdf, 5, _t("stamp", lang, date=day(made, lang), id=stamp["id"], version=stamp["version"])
          + " " + _t("note", lang))
    _section(pdf, _t("headline", lang))
    pdf.set_font("DejaVu", "B", 11)
    _line(pdf, 6, head.text(lang))
    pdf.set_font("DejaVu", "", 10)
    _line(pdf, 6, head.compared(lang))
    _section(pdf, _t("inputs", lang))
    pdf.set_font("DejaVu", "", 9)
    _line(pdf, 5, _t("source", lang))
    for line in inputs_lines(case, lang, municipalities(rules) if rules is not None else None):
        _line(pdf, 5, "• " + line)
    _section(pdf, _t("notes", lang))
    pdf.set_font("DejaVu", "", 9)
    for note in result.notes or ():
        _line(pdf, 5, "• " + in_lang(note, lang))
    if not result.notes:
        _line(pdf, 5, _t("none", lang))
    _section(pdf, _t("table", lang))
    _line(pdf, 5, _t("table_baseline", lang))
    _table(pdf, month_table_text(month_table(result, lang, head.baseline), lang, unit=False))
    alternatives = alternatives_rows(rules, case, lang) if rules is not None else []
    if alternatives:
        _section(pdf, _t("alternatives", lang))
        _table(pdf, alternatives)
    _section(pdf, _t("changes", lang))
    pdf.set_font("DejaVu", "", 9)
    for line in changes_lines(result, lang) or [_t("none", lang)]:
        _line(pdf, 5, "• " + line)
    _section(pdf, _t("risks", lang))
    pdf.set_font("DejaVu", "", 9)
    for w in result.warnings or ():
        _line(pdf, 5, f"• {f'{month(w.month, lang)}: ' if w.month else ''}{w.message_in(lang)}")
    if not result.warnings:
        _line(pdf, 5, _t("none", lang))
    _section(pdf, _t("todo", lang))
    pdf.set_font("DejaVu", "", 9)
    for a in actions(case, result, lang):
        _line(pdf, 5, "☐ " + (_t("todo_line_when", lang, who=a.who, what=a.what, when=a.when) if a.when else
                              _t("todo_line", lang, who=a.who, what=a.what)))
    _section(pdf, _t("settle", lang))
    pdf.set_font("DejaVu", "", 9)
    for scheme, year, kind, parts in settlement_groups(result.settlements or ()):
        args = {"name": settlement_name(scheme, year, lang), "amount": fmt(abs(sum(s.amount for s in parts)), lang)}
        _line(pdf, 5, "• " + (_t("owe_split", lang, **args, parts=settlement_parts(
            parts, lambda kr: f"{fmt(kr, lang)} kr", lambda m: month(m, lang), lang)) if len(parts) > 1 else
            _t(kind, lang, **args, month=month(parts[0].month, lang))))
    if not result.settlements:
        _line(pdf, 5, _t("none", lang))
    laws = sources(result, lang)
    if laws:
        _section(pdf, _t("sources", lang))
        pdf.set_font("DejaVu", "", 8)
        for law in laws:
            _line(pdf, 4.5, "• " + law)
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
        texts = [str(v) for v in row.values()]
        for text_, w in zip(texts, widths):
            pdf.cell(w, 5, text_, border=1, align="R" if text_[:1].isdigit() or text_[:1] == "-" else "L")
        pdf.ln()
