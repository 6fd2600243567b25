"""The case form: situation, work plan, scenarios, and the settings a loaded file brings that have no widget."""

from __future__ import annotations

from typing import Any

import streamlit as st

from benefit_calc.app.mapping import (BENEFITS, MAX_CHILDREN, MAX_SCENARIOS, MAX_STEPS, PAYDAYS, SCENARIO_STEPS, UNTIL, hidden_settings,
                        limits, remove_setting)
from benefit_calc.case.bounds import BOUNDS
from benefit_calc.words import field_label
from benefit_calc.app.common import choice, date_field, forget_typed, kr, num, number_field, shown_number, lang, lang_radio, load_into_form, month_name, months_around, t

HOURS_TOP = float(BOUNDS["work[].hours_per_week"].warn_above or 60)


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


def _slid(slider: str, key: str) -> None:
    """The slider moved: its value becomes the hours, and the text box shows it."""
    st.session_state[key] = st.session_state[slider]
    st.session_state.get("_typed_errors", {}).pop(key, None)
    st.session_state[f"{key}__num"] = st.session_state[f"{key}__num__seen"] = shown_number(st.session_state[slider])


def hours_field(where: Any, label: str, key: str) -> None:
    """Hours a week: typed the Norwegian way to the quarter hour (18,75 for 50 %), or dragged on a slider (0–60,
    more when typed)."""
    slider = f"{key}__slider"
    value = st.session_state.get(key)
    a, b = where.columns([1, 2])
    number_field(a, label, key, limits("work[].hours_per_week"), help=t("hours_help"))
    if isinstance(value, (int, float)):
        value = float(value)
        top = max(HOURS_TOP, value)
        if st.session_state.get(slider) != value:
            st.session_state[slider] = min(value, top)
        b.slider(label + " " + t("slider_suffix"), 0.0, top, step=0.25, key=slider, format="%.2f",
                 on_change=_slid, args=(slider, key), label_visibility="collapsed")


def _step(prefix: str, i: int, label: str, counsellor: bool, plan: bool) -> None:
    start = st.session_state.get("f_start") or ""
    a, b, c = st.columns([1, 2, 1])
    chosen = choice(a, t("step_from", step=label),
                    months_around(start, 0, 72, [st.session_state.get(f"{prefix}w{i}_from")]), f"{prefix}w{i}_from",
                    month_name)
    months = st.session_state.get("f_months")
    if start and chosen and isinstance(months, int):
        last = months_around(start, 0, max(0, months - 1))[-1]
        if chosen > last:  # the step starts after the last month: it changes nothing in the calculation
            a.warning(t("step_after_case", last=month_name(last)), icon="⚠️")
    hours_field(b, t("step_hours", step=label), f"{prefix}w{i}_hours")
    lang_radio(c, t("step_pay_kind", step=label), [False, True], f"{prefix}w{i}_salary", horizontal=True,
               names=lambda s: t("pay_month") if s else t("pay_hour"))
    salary = st.session_state[f"{prefix}w{i}_salary"]
    number_field(c, t("step_month_salary", step=label) if salary else t("step_wage", step=label), f"{prefix}w{i}_pay",
                 limits("work[].hourly_wage", "work[].monthly_salary"))
    pay, hours = st.session_state.get(f"{prefix}w{i}_pay"), st.session_state.get(f"{prefix}w{i}_hours")
    if isinstance(pay, (int, float)) and isinstance(hours, (int, float)) and pay and hours:
        per_hour = pay * 12 / 52 / hours if salary else pay
        bound = BOUNDS["work[].hourly_wage"]
        if not (bound.warn_below or 0) <= per_hour <= (bound.warn_above or per_hour):
            c.warning(t("wage_odd", wage=num(per_hour)), icon="⚠️")  # beside the field; the result says it too
    if plan and counsellor:
        d, e = st.columns(2)
        choice(d, t("step_payday", step=label), list(PAYDAYS), f"f_w{i}_payday", lambda x: t(f"payday_{x}"))
        e.checkbox(t("step_holiday", step=label), key=f"f_w{i}_holiday")


def work_plan(counsellor: bool) -> None:
    """The work plan: steps from a month on; add and remove steps."""
    st.caption(t("plan_help"))
    n = int(st.session_state.get("f_steps") or 0)
    for i in range(n):
        with st.container(border=True):
            st.markdown(f"**{t('step', i=i + 1)}**")
            _step("f_", i, t("step", i=i + 1), counsellor, plan=True)
    a, b = st.columns(2)
    if n < MAX_STEPS and a.button(t("add_step"), key="add_step"):
        new_step("f_", n)
        st.session_state["f_steps"] = n + 1
        st.rerun()
    if n and b.button(t("remove_step", i=n), key="remove_step"):
        st.session_state["f_steps"] = n - 1
        st.rerun()


def new_step(prefix: str, i: int) -> None:
    """A new step continues the one before (a month later, the same pay), or starts the plan in its first month."""
    if i:
        before = st.session_state.get(f"{prefix}w{i - 1}_from") or st.session_state.get("f_start") or ""
        options = months_around(before, 0, 1)
        st.session_state[f"{prefix}w{i}_from"] = options[1] if len(options) > 1 else before
        for k in ("hours", "salary", "pay"):
            st.session_state[f"{prefix}w{i}_{k}"] = st.session_state.get(f"{prefix}w{i - 1}_{k}")
    else:
        st.session_state[f"{prefix}w{i}_from"] = st.session_state.get("f_start") or ""
        st.session_state[f"{prefix}w{i}_hours"] = 10.0
        st.session_state[f"{prefix}w{i}_salary"] = False
        st.session_state[f"{prefix}w{i}_pay"] = 200.0
    st.session_state.pop(f"{prefix}w{i}_hours__slider", None)
    st.session_state.pop(f"{prefix}w{i}_from__{lang()}", None)
    forget_typed([f"{prefix}w{i}_hours", f"{prefix}w{i}_pay"])


def scenarios(problems: dict[int, str]) -> None:
    """Named alternatives to the plan: add, change and remove them; an invalid one is marked, not the whole case."""
    n = int(st.session_state.get("f_n_scen") or 0)
    for j in range(n):
        name = st.session_state.get(f"f_s{j}_name") or t("scenario", j=j + 1)
        # the name is the expander's label, and a new label makes a new expander (closed): the open state is kept
        # under our own key and given back to it, so the alternative stays open while it is renamed
        remembered = st.session_state.get(f"_s{j}_open")
        if remembered is not None:
            st.session_state[f"f_s{j}__open"] = remembered or j in problems
        fold = st.expander(name, expanded=j in problems or not st.session_state.get(f"f_s{j}_name"),
                           key=f"f_s{j}__open", on_change="rerun")
        st.session_state[f"_s{j}_open"] = fold.open
        with fold:
            st.text_input(t("scenario_name", j=j + 1), key=f"f_s{j}_name", max_chars=100)
            if j in problems:
                st.error(t("scenario_invalid", problem=problems[j]), icon="⚠️")
            for i in range(int(st.session_state.get(f"f_s{j}_steps") or 1)):
                _step(f"f_s{j}_", i, t("scenario_step", j=j + 1, i=i + 1), False, plan=False)
            a, b, c = st.columns(3)
            steps = int(st.session_state.get(f"f_s{j}_steps") or 1)
            if steps < SCENARIO_STEPS and a.button(t("add_step"), key=f"s{j}_add_step"):
                new_step(f"f_s{j}_", steps)
                st.session_state[f"f_s{j}_steps"] = steps + 1
                st.rerun()
            if steps > 1 and b.button(t("remove_step", i=steps), key=f"s{j}_remove_step"):
                st.session_state[f"f_s{j}_steps"] = steps - 1
                st.rerun()
            if c.button(t("remove_scenario"), key=f"s{j}_remove"):
                _remove_scenario(j, n)
                st.rerun()
    if n < MAX_SCENARIOS and st.button(t("add_scenario"), key="add_scenario"):
        _add_scenario(n)
        st.rerun()


def _add_scenario(n: int) -> None:
    """A new scenario starts as a copy of the plan's first step (or 20 hours from the first month)."""
    st.session_state[f"f_s{n}_name"] = t("scenario", j=n + 1)
    st.session_state[f"f_s{n}_steps"] = 1
    if int(st.session_state.get("f_steps") or 0):
        for k in ("from", "hours", "salary", "pay"):
            st.session_state[f"f_s{n}_w0_{k}"] = st.session_state.get(f"f_w0_{k}")
    else:
        new_step(f"f_s{n}_", 0)
        st.session_state[f"f_s{n}_w0_hours"] = 20.0
    st.session_state.pop(f"f_s{n}_w0_hours__slider", None)
    forget_typed([f"f_s{n}_w0_hours", f"f_s{n}_w0_pay"])
    st.session_state["f_n_scen"] = n + 1
    st.session_state[f"_s{n}_open"] = True  # a new alternative opens, ready to be named and changed


def _remove_scenario(j: int, n: int) -> None:
    for k in range(j, n - 1):  # move the later ones up
        for key in [f"f_s{k + 1}_name", f"f_s{k + 1}_steps",
                    *(f"f_s{k + 1}_w{i}_{f}" for i in range(SCENARIO_STEPS) for f in ("from", "hours", "salary", "pay"))]:
            st.session_state[key.replace(f"f_s{k + 1}_", f"f_s{k}_", 1)] = st.session_state.get(key)
    for i in range(SCENARIO_STEPS):
        for k in range(j, n):
            st.session_state.pop(f"f_s{k}_w{i}_hours__slider", None)
            st.session_state.pop(f"f_s{k}_w{i}_from__{lang()}", None)
            forget_typed([f"f_s{k}_w{i}_hours", f"f_s{k}_w{i}_pay"])
    for k in range(j, n):  # the open folds move up with their alternatives
        st.session_state[f"_s{k}_open"] = st.session_state.get(f"_s{k + 1}_open")
    st.session_state["f_n_scen"] = n - 1
    base = dict(st.session_state["base"])
    if isinstance(base.get("scenarios"), list) and j < len(base["scenarios"]):
        base["scenarios"] = [s for k, s in enumerate(base["scenarios"]) if k != j]
        st.session_state["base"] = base


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
