"""The job seeker's own flow: one plain question at a time, and the answer first.

It fills the same case as the counsellor's form (the same widget keys), so a job seeker can save the case and
bring it to a session, and a counsellor can switch mode without losing anything.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from benefit_calc.app.mapping import BENEFITS, MAX_CHILDREN, limits
from benefit_calc.app.common import choice, date_field, lang_radio, month_name, months_around, t
from benefit_calc.app.form import benefit_fields, hours_field, muni_name, new_step
from benefit_calc.app.pages import (Computed, benefit_ends_box, downloads, headline, next_cliff_box, settlements,
                                    warnings_list)

STEPS = ("g_money", "g_letters", "g_home", "g_people", "g_job", "g_answer")


def _nav(k: int) -> None:
    a, b = st.columns(2)
    if k > 0 and a.button(t("back"), key=f"g_back_{k}"):
        st.session_state["guided_step"] = k - 1
        st.rerun()
    if k < len(STEPS) - 1 and b.button(t("next"), key=f"g_next_{k}", type="primary"):
        st.session_state["guided_step"] = k + 1
        st.rerun()


def flow(munis: dict[str, str], computed: Callable[[], tuple[Computed | None, list[str]]]) -> None:
    """Render the current question (or the answer) with its progress and buttons."""
    k = int(st.session_state.get("guided_step", 0))
    st.progress((k + 1) / len(STEPS), text=t("g_progress", k=k + 1, n=len(STEPS)))
    st.header(t(f"{STEPS[k]}_q"))
    st.caption(t(f"{STEPS[k]}_help"))
    if STEPS[k] == "g_money":
        for name in BENEFITS:
            st.checkbox(t(f"b_{name}"), key=f"f_has_{name}", help=t(f"explain_{name}"))
    elif STEPS[k] == "g_letters":
        chosen = [n for n in BENEFITS if st.session_state.get(f"f_has_{n}")]
        if not chosen:
            st.write(t("g_no_benefits"))
        for name in chosen:
            st.markdown(f"**{t(f'b_{name}')}**")
            benefit_fields(name, counsellor=False)
    elif STEPS[k] == "g_home":
        codes = ["", *sorted(munis, key=lambda c: munis[c])]
        choice(st, t("muni"), codes, "f_muni", lambda c: muni_name(c, munis), help=t("muni_help"))
        st.number_input(t("rent"), *limits("household.rent_per_month"), step=500.0, key="f_rent", format="%.0f")
        st.number_input(t("el"), *limits("household.electricity_per_month"), step=100.0, key="f_el", format="%.0f")
    elif STEPS[k] == "g_people":
        date_field(st, t("birth"), "f_birth", help=t("birth_help"))
        st.checkbox(t("partner"), key="f_partner")
        if st.session_state["f_partner"]:
            date_field(st, t("partner_birth"), "f_partner_birth")
            st.number_input(t("partner_income"), *limits("household.partner.income_per_month"), step=1000.0,
                            key="f_partner_income", format="%.0f", help=t("partner_income_help"))
        st.number_input(t("n_children"), 0, MAX_CHILDREN, step=1, key="f_n_children")
        for i in range(int(st.session_state["f_n_children"])):
            date_field(st, t("child", i=i + 1), f"f_child_{i}")
    elif STEPS[k] == "g_job":
        if not int(st.session_state.get("f_steps") or 0):
            new_step("f_", 0)
            st.session_state["f_steps"] = 1
        start = st.session_state.get("f_start") or ""
        choice(st, t("g_job_from"), months_around(start, 0, 24, [st.session_state.get("f_w0_from")]), "f_w0_from",
               month_name)
        hours_field(st, t("g_job_hours"), "f_w0_hours")
        lang_radio(st, t("g_job_pay_kind"), [False, True], "f_w0_salary", horizontal=True,
                   names=lambda s: t("pay_month") if s else t("pay_hour"))
        st.number_input(t("pay_month") if st.session_state["f_w0_salary"] else t("pay_hour"),
                        *limits("work[].hourly_wage", "work[].monthly_salary"), step=5.0, key="f_w0_pay",
                        format="%.2f")
    else:
        answer(computed)
    _nav(k)


def answer(computed: Callable[[], tuple[Computed | None, list[str]]]) -> None:
    """The answer: how much more (or less) a month, then only what matters to this person."""
    c, missing = computed()
    if c is None:
        st.warning(t("g_missing"))
        for m in missing:
            st.markdown(f"• {m}")
        return
    headline(c)
    benefit_ends_box(c)
    here = float(c.case.work[-1].hours_per_week) if c.case.work else 0.0
    next_cliff_box(c, here)
    warnings_list(c.result, counsellor=False)
    settlements(c.result)
    st.header(t("g_keep"))
    downloads(c)
    st.caption(t("g_more"))
