"""The work plan and its alternatives: steps (from month, hours typed or dragged, pay), added and removed with
buttons; named alternatives to compare, each open while it is renamed."""

from __future__ import annotations

from typing import Any

import streamlit as st

from benefit_calc.app.common import choice, lang, lang_radio, month_name, months_around, num, t
from benefit_calc.app.mapping import MAX_SCENARIOS, MAX_STEPS, PAYDAYS, SCENARIO_STEPS, limits
from benefit_calc.app.typed import forget_typed, number_field, shown_number
from benefit_calc.case.bounds import BOUNDS

HOURS_TOP = float(BOUNDS["work[].hours_per_week"].warn_above or 60)


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


def step_fields(prefix: str, i: int, label: str, counsellor: bool, plan: bool) -> None:
    """One step of a plan or alternative: from month (warned at the field when after the case's last month), hours,
    hourly wage or monthly salary (warned when no job pays that an hour), and for the counsellor's plan when the
    pay comes and holiday pay."""
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
                 limits("work[].hourly_wage", "work[].monthly_salary"), money=True)
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
            step_fields("f_", i, t("step", i=i + 1), counsellor, plan=True)
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
                step_fields(f"f_s{j}_", i, t("scenario_step", j=j + 1, i=i + 1), False, plan=False)
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
