"""The case form: the situation (household, client, benefits as on the decision letters) and the settings a loaded
file brings that have no widget. The work plan and its alternatives are in :mod:`benefit_calc.app.plan`."""

from __future__ import annotations

from typing import Any

import streamlit as st

from benefit_calc.app.inputs import WIDGETS, Shown
from benefit_calc.app.mapping import BENEFITS, MAX_CHILDREN, hidden_settings, limits, remove_setting
from benefit_calc.words import field_label
from benefit_calc.app.common import (choice, date_field, kr, lang, lang_radio, load_into_form, month_name,
                                     months_around, t)
from benefit_calc.app.typed import number_field


def muni_name(code: str, munis: dict[str, str]) -> str:
    return f"{munis[code]} ({code})" if code in munis else (code or t("muni_none"))


def situation(counsellor: bool, munis: dict[str, str]) -> None:
    """Household, client and the benefits as on the client's decision letters."""
    st.caption(t("situation_help"))
    c1, c2, c3 = st.columns(3)
    start = st.session_state.get("f_start") or ""
    choice(c1, t("start"), months_around(start, 12, 24), "f_start", month_name, help=t("start_help"))
    number_field(c1, t("months"), "f_months", limits("months"), integer=True, help=t("months_help"))
    date_field(c1, t("birth"), "f_birth", help=t("birth_help"))
    codes = ["", *sorted(munis, key=lambda c: munis[c])]
    choice(c2, t("muni"), codes, "f_muni", lambda c: muni_name(c, munis), help=t("muni_help"))
    home_fields(c2)
    people_fields(c3, counsellor)
    st.header(t("benefits"))
    st.caption(t("benefits_help"))
    cols = st.columns(4)
    for j, name in enumerate(BENEFITS):
        cols[j % 4].checkbox(t(f"b_{name}"), key=f"f_has_{name}")
    for name in BENEFITS:
        if st.session_state[f"f_has_{name}"]:
            with st.expander(t(f"b_{name}"), expanded=True):
                benefit_fields(name, counsellor)
    if counsellor:
        with st.expander(t("more_settings")):
            date_field(st, t("melde"), "f_melde", help=t("melde_help"))
            choice(st, t("withholding"), ["default", "table_on_benefits", "table_on_wages"], "f_tax_withholding",
                   lambda x: t(f"wh_{x}"))
            number_field(st, t("table"), "f_tax_table", (0, 9999), integer=True, grouping=False, help=t("table_help"))


def home_fields(where: Any) -> None:
    """Where the household lives: rent and electricity a month (the municipality is chosen separately)."""
    number_field(where, t("rent"), "f_rent", limits("household.rent_per_month"), help=t("rent_help"))
    number_field(where, t("el"), "f_el", limits("household.electricity_per_month"))


def people_fields(where: Any, counsellor: bool) -> None:
    """Who the client lives with: a partner (birth date, income) and children (birth dates)."""
    where.checkbox(t("partner"), key="f_partner")
    if st.session_state["f_partner"]:
        date_field(where, t("partner_birth"), "f_partner_birth")
        number_field(where, t("partner_income"), "f_partner_income", limits("household.partner.income_per_month"),
                     help=t("partner_income_help"))
        if counsellor:
            number_field(where, t("partner_taxfree"), "f_partner_taxfree",
                         limits("household.partner.tax_free_per_month"))
    where.selectbox(t("n_children"), list(range(MAX_CHILDREN + 1)), key="f_n_children")
    for i in range(int(st.session_state["f_n_children"])):
        date_field(where, t("child", i=i + 1), f"f_child_{i}")


def benefit_fields(name: str, counsellor: bool) -> None:
    """The widgets of one benefit, as its class declares them (``Widget`` in case/benefits.py), in their order;
    consecutive widgets of one ``row`` share a pair of columns."""
    row, cols = "", None
    for s in WIDGETS[name]:
        if s.widget.counsellor and not counsellor:
            continue
        if s.widget.caption:
            st.caption(t(s.widget.caption))
        if s.widget.row != row or cols is None:
            row, cols = s.widget.row, st.columns(2) if s.widget.row else None
        _widget(s, cols[s.widget.col] if cols else st)


def _widget(s: Shown, where: Any) -> None:
    w, kind = s.widget, s.kind
    if kind == "basis":  # app.<key>_basis and app.<key>_help: the amount, in kroner or G
        a, b = where.columns([1, 2])
        lang_radio(a, t("unit"), ["kr", "G"], f"{s.key}_unit", horizontal=True,
                   names=lambda u: t("unit_kr") if u == "kr" else t("unit_g"), help=t("unit_help"))
        number_field(b, t(f"{w.key}_basis"), f"{s.key}_basis", limits(s.path, s.path.rsplit(".", 1)[0] + ".basis"),
                     help=t(f"{w.key}_help"))
        return
    label, help = t(w.word), t(f"{w.word}_help") if w.help else None
    if kind == "mapping":
        where.checkbox(label, key=s.key, help=help)
        if st.session_state[s.key]:
            cols = st.columns(2)
            for inner in s.nested:
                _widget(inner, cols[inner.widget.col])
    elif kind == "number":
        low, high = limits(s.path)
        number_field(where, label, s.key, (low if w.low is None else float(w.low), high),
                     integer=s.field.kind == "integer", optional=w.optional, help=help)
    elif kind == "date":
        date_field(where, label, s.key, help=help)
    elif kind == "check":
        where.checkbox(label, key=s.key, help=help)
    elif kind == "month":
        choice(where, label, months_around(st.session_state.get("f_start") or "", 12, 36), s.key, month_name)
    else:
        choice(where, label, list(s.options), s.key, lambda x: _option(s, x), help=help)


def _option(s: Shown, x: Any) -> str:
    """A choice's option in words: app.<names><option>, app.<names>n for a number, or a month by its name."""
    if isinstance(x, str) and (x in s.options or not s.widget.months):
        return t(f"{s.widget.names}{x}")
    if isinstance(x, (int, float)):
        return t(f"{s.widget.names}n", n=x)
    return month_name(x)


def hidden(raw: dict[str, Any]) -> None:
    """The settings a loaded file brings that the form has no field for: listed in words, each removable."""
    extra = hidden_settings(raw)
    if not extra:
        return
    with st.expander(t("hidden_title", n=len(extra)), expanded=True):
        st.caption(t("hidden_help"))
        for k, (path, value) in enumerate(extra):
            a, b = st.columns([4, 1])
            shown = value if not isinstance(value, (dict, list)) else _short(value)
            a.markdown(f"**{field_label(path, lang())}**: {shown}")
            if b.button(t("remove"), key=f"hidden_remove_{k}_{path}"):
                load_into_form(remove_setting(raw, path), st.session_state.get("example_loaded", ""))
                st.rerun()


def _short(value: Any) -> str:
    if isinstance(value, dict) and "hours_per_week" in value:
        pay = value.get("monthly_salary") or value.get("hourly_wage") or 0
        return t("hidden_step", month=month_name(str(value.get("from", ""))), hours=value.get("hours_per_week"),
                 pay=kr(pay))
    if isinstance(value, dict) and "name" in value:
        return str(value.get("name"))
    return str(value)[:80]
