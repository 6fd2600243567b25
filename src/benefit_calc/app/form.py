"""The case form: the situation (household, client, benefits as on the decision letters) and the settings a loaded
file brings that have no widget. The work plan and its alternatives are in :mod:`benefit_calc.app.plan`."""

from __future__ import annotations

from typing import Any

import streamlit as st

from benefit_calc.app.mapping import BENEFITS, MAX_CHILDREN, UNTIL, hidden_settings, limits, remove_setting
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


def _basis(prefix: str, path: str) -> None:
    a, b = st.columns([1, 2])
    lang_radio(a, t("unit"), ["kr", "G"], f"f_{prefix}_unit", horizontal=True,
               names=lambda u: t("unit_kr") if u == "kr" else t("unit_g"), help=t("unit_help"))
    number_field(b, t(f"{prefix}_basis"), f"f_{prefix}_basis", limits(f"{path}.basis", f"{path}.basis_g"),
                 help=t(f"{prefix}_help"))


def benefit_fields(name: str, counsellor: bool) -> None:
    if name == "aap":
        _basis("aap", "client.benefits.aap")
        if counsellor:
            a, b = st.columns(2)
            a.checkbox(t("aap_yrkesskade"), key="f_aap_yrkesskade")
            number_field(b, t("aap_arbeidsevne"), "f_aap_arbeidsevne", limits("client.benefits.aap.arbeidsevne"),
                         help=t("aap_arbeidsevne_help"))
            st.checkbox(t("aap_opp"), key="f_aap_opp", help=t("aap_opp_help"))
            if st.session_state["f_aap_opp"]:
                a, b = st.columns(2)
                start = st.session_state.get("f_start") or ""
                choice(a, t("aap_opp_from"), months_around(start, 12, 36), "f_aap_opp_from", month_name)
                number_field(b, t("aap_opp_months"), "f_aap_opp_months",
                             limits("client.benefits.aap.opptrapping.months"), integer=True)
            a, b = st.columns(2)
            date_field(a, t("aap_granted"), "f_aap_granted", help=t("aap_granted_help"))
            number_field(b, t("aap_days_used"), "f_aap_days_used", limits("client.benefits.aap.days_used"),
                         integer=True, optional=True, help=t("aap_days_used_help"))
    elif name == "uforetrygd":
        st.caption(t("ut_help"))
        a, b = st.columns(2)
        number_field(a, t("ut_degree"), "f_ut_degree", limits("client.benefits.uforetrygd.degree"))
        number_field(a, t("ut_ifu"), "f_ut_ifu", (0.0, limits("client.benefits.uforetrygd.ifu")[1]))
        number_field(b, t("ut_full"), "f_ut_full", limits("client.benefits.uforetrygd.full_benefit"))
        date_field(b, t("ut_granted"), "f_ut_granted")
        if counsellor:
            number_field(a, t("ut_ieu"), "f_ut_ieu", limits("client.benefits.uforetrygd.ieu"))
            b.checkbox(t("ut_vta"), key="f_ut_vta")
        choice(st, t("reports"), ["on_job_start", "never"], "f_ut_reports", lambda x: t(f"rep_{x}")
               if x in ("on_job_start", "never") else month_name(x))
    elif name == "dagpenger":
        st.caption(t("dp_help_letter"))
        _basis("dp", "client.benefits.dagpenger")
        number_field(st, t("dp_hours"), "f_dp_hours", limits("client.benefits.dagpenger.normal_hours_per_week"))
        if counsellor:
            a, b = st.columns(2)
            choice(a, t("dp_weeks"), ["unknown", 52, 104], "f_dp_weeks",
                   lambda x: t("dp_weeks_unknown") if x == "unknown" else t("dp_weeks_n", n=x), help=t("dp_weeks_help"))
            date_field(b, t("dp_granted"), "f_dp_granted", help=t("dp_granted_help"))
    elif name == "tiltakspenger":
        number_field(st, t("tp_days"), "f_tp_days", limits("client.benefits.tiltakspenger.days_per_period"),
                     integer=True, help=t("tp_days_help"))
    elif name == "overgangsstonad":
        number_field(st, t("os_expected"), "f_os_expected", limits("client.benefits.overgangsstonad.expected_income"),
                     help=t("os_expected_help"))
        if counsellor:
            date_field(st, t("os_expected_from"), "f_os_expected_from", help=t("os_expected_from_help"))
        date_field(st, t("os_first_granted"), "f_os_first_granted", help=t("os_first_granted_help"))
        st.checkbox(t("os_special_care"), key="f_os_special_care", help=t("os_special_care_help"))
        choice(st, t("reports"), ["on_job_start", "never"], "f_os_reports", lambda x: t(f"rep_{x}")
               if x in ("on_job_start", "never") else month_name(x))
    elif name == "bostotte":
        st.checkbox(t("bs_heating"), key="f_bs_heating")
    elif name == "sosialhjelp":
        choice(st, t("sh_income_month"), ["same_month", "next_month"], "f_sh_income_month", lambda x: t(f"im_{x}"),
               help=t("sh_income_month_help"))
        number_field(st, t("sh_other"), "f_sh_other", limits("client.benefits.sosialhjelp.other_costs_per_month"),
                     help=t("sh_other_help"))
        st.checkbox(t("sh_shared"), key="f_sh_shared")
    if counsellor and name in UNTIL:
        date_field(st, t("until"), f"f_{name}_until", help=t("until_help"))


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
