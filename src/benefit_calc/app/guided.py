"""The job seeker's own flow: one plain question at a time, and the answer first.

It fills the same case as the counsellor's form (the same widget keys), so a job seeker can save the case and
bring it to a session, and a counsellor can switch mode without losing anything.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from benefit_calc.app.mapping import BENEFITS
from benefit_calc.app.common import choice, date_field, t
from benefit_calc.app.form import benefit_fields, home_fields, muni_name, people_fields
from benefit_calc.app.plan import new_step, work_plan
from benefit_calc.app.pages import (Computed, benefit_ends_box, downloads, headline, next_cliff_box, plan_text, settlements,
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
        for name in BENEFITS:  # what each is, written under it: a phone has no hover, and a tap should not be needed
            st.checkbox(t(f"b_{name}"), key=f"f_has_{name}")
            st.caption(t(f"explain_{name}"))
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
        home_fields(st)
    elif STEPS[k] == "g_people":
        date_field(st, t("birth"), "f_birth", help=t("birth_help"))
        people_fields(st, counsellor=False)
    elif STEPS[k] == "g_job":
        if not int(st.session_state.get("f_steps") or 0):
            new_step("f_", 0)
            st.session_state["f_steps"] = 1
        work_plan(counsellor=False)
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
    st.markdown(plan_text(c.case))  # every step of the plan the answer is for, said before the answer
    headline(c)
    benefit_ends_box(c)
    here = float(c.case.work[-1].hours_per_week) if c.case.work else 0.0
    next_cliff_box(c, here, counsellor=False)
    warnings_list(c.result, counsellor=False)
    settlements(c.result)
    st.header(t("g_keep"))
    downloads(c)
    st.caption(t("g_more"))
