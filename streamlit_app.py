"""benefit_calc — the counselling app.

Two ways in: the job specialist's form (Situasjon → Jobbplan → Resultat → Sammenlign → Rapport) and the job
seeker's own guided flow (one question at a time, the answer first). A session starts blank ("Ny sak");
examples load only when asked. Thin: widgets → the library → charts, tables and downloads; the pages live in
``benefit_calc.app``, the words in the catalogue (``benefit_calc.words``, bokmål, nynorsk, English). Nothing is
stored on the server: the case lives in this browser session only, and a user keeps it by downloading it.
Only the public rules are shared by all sessions.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import attrs
import streamlit as st

from benefit_calc import BenefitCalcError, CaseError, parse_case, simulate, sweep
from benefit_calc.app.mapping import MAX_SCENARIOS, case_data, form_values, new_case
from benefit_calc.present.summary import headline, read_case_file
from benefit_calc.case.model import read_case_text
from benefit_calc.analysis.cliffs import rate_cliffs
from benefit_calc.app import form, guided, pages, plan
from benefit_calc.app.common import EXAMPLES, lang, load_into_form, public_rules, end_of_run, lang_radio, session_rules, t
from benefit_calc.app.typed import sync_typed, typed_problems
from benefit_calc.words import LANGS, NAMES, text
from benefit_calc.schemes.zones import municipalities

RUN_STARTED = time.perf_counter()  # a rerun's server-side time, from here (imports are cached after the first run)
CSS = """
<style>
.bc-headline {display:flex; flex-wrap:wrap; gap:.25rem .75rem; align-items:baseline; margin:.25rem 0 .5rem}
.bc-headline .bc-label {font-size:1rem}
.bc-headline .bc-value {font-size:clamp(1.4rem, 6vw, 2.4rem); font-weight:700; overflow-wrap:anywhere}
.bc-table {overflow-x:auto; max-width:100%}
.bc-table table {border-collapse:collapse; font-variant-numeric:tabular-nums}
.bc-table caption {text-align:left; font-weight:600; padding:.25rem 0}
.bc-table th, .bc-table td {padding:.2rem .6rem; text-align:right; border-bottom:1px solid #ddd; white-space:nowrap}
.bc-table th[scope=row], .bc-table th[scope=col]:first-child {text-align:left; position:sticky; left:0; background:#fff}
div[data-baseweb="slider"] div[role="slider"] {width:24px; height:24px}
[data-testid="stCaptionContainer"] {opacity:1 !important; color:#4a4a4a !important}
[data-testid="stSliderTickBar"], [data-testid="stSliderTickBar"] * {opacity:1 !important; color:#4a4a4a !important}
[data-testid="stSliderThumbValue"] {color:#a4161a !important}
[data-testid="stNumberInputStepUp"], [data-testid="stNumberInputStepDown"] {display:none}
h2 {font-size:1.5rem !important}
@media (max-width: 640px) { h1 {font-size:1.5rem !important} .block-container {padding:1rem .75rem} }
</style>
"""


def session_sweep(rules_: Any, case: Any) -> Any:
    """The 0–40 h sweep, made again only when something other than the work plan's hours changes (it replaces the
    plan with one job per hours level): moving the hours reuses it. Kept in this session only."""
    wage = sweep_wage(case)
    template = next((s for s in case.work if s.hourly_wage), None)  # the sweep takes its wage, payday, holiday pay
    key = (attrs.evolve(case, work=(), scenarios=()), wage,
           (template.hourly_wage, template.payday, template.holiday_pay) if template else None)
    kept = st.session_state.get("_sweep")
    if kept is None or kept[0] != key:
        kept = st.session_state["_sweep"] = (key, sweep(rules_, case, [float(h) for h in range(0, 41)], wage))
    return kept[1]


def sweep_wage(case: Any) -> float | None:
    """The plan's hourly wage, or a monthly salary turned into one at the plan's hours (52 weeks / 12 months)."""
    if any(s.hourly_wage for s in case.work):
        return None
    step = next((s for s in case.work if s.monthly_salary and s.hours_per_week), None)
    return round(step.monthly_salary * 12 / 52 / step.hours_per_week, 2) if step else 200.0


def compute(counsellor: bool) -> tuple[pages.Computed | None, list[str], dict[int, str], int]:
    """The case as shown → the engine. Returns (what to show, what is missing or wrong, invalid scenarios by index,
    how many invalid scenarios were left out). A scenario a change makes invalid is marked, never the whole case."""
    base = st.session_state["base"]
    values = {k: st.session_state.get(k, v) for k, v in form_values(base).items()}
    typed = typed_problems()
    if typed:  # a number that could not be read: nothing is computed from the one that was there before
        return None, typed, {}, 0
    raw = case_data(base, values, counsellor)
    scenarios = raw.pop("scenarios", None) or []
    try:
        parse_case(raw)
    except CaseError as exc:
        return None, [exc.message(lang())], {}, 0
    valid, problems = [], {}
    filler = {"name": "-", "work": []}
    for j, s in enumerate(scenarios):
        try:
            parse_case({**raw, "scenarios": [filler] * j + [s]})
            valid.append(s)
        except CaseError as exc:
            if j < MAX_SCENARIOS:
                problems[j] = exc.message(lang()).split(": ", 1)[-1] if ": " in exc.message(lang()) else exc.message(lang())
    try:
        case = parse_case({**raw, "scenarios": valid} if valid else raw)
        rules_ = session_rules()
        result = simulate(rules_, case)
        sw = session_sweep(rules_, case)
        return (pages.Computed(case, result, headline(rules_, case, result), sw, rate_cliffs(rules_, sw, lang()),
                               rules_), [], problems, len(scenarios) - len(valid))
    except CaseError as exc:
        return None, [exc.message(lang())], problems, 0
    except BenefitCalcError:
        return None, [t("rules_problem")], problems, 0


def top_bar() -> bool:
    """Language, who is using the tool, and a new case: at the top of the page, where a phone shows them."""
    a, b, c = st.columns([2, 2, 1])
    a.radio("Språk / Mål / Language", list(LANGS), key="lang", horizontal=True, format_func=lambda x: NAMES[x])
    mode = lang_radio(b, t("mode"), ["counsellor", "self"], "mode", horizontal=True,
                      names=lambda x: t("mode_counsellor") if x == "counsellor" else t("mode_self"))
    if c.button(t("new_case"), key="new_case", type="primary", help=t("new_case_help")):
        if has_data():
            st.session_state["confirm_new"] = True  # a filled case is not thrown away on one click
        else:
            load_into_form(new_case(date.today()))
            st.rerun()
    if st.session_state.get("confirm_new"):
        st.warning(t("new_case_confirm"))
        yes, no = st.columns(2)
        if yes.button(t("new_case_yes"), key="new_case_yes", type="primary"):
            st.session_state["confirm_new"] = False
            load_into_form(new_case(date.today()))
            st.rerun()
        if no.button(t("new_case_no"), key="new_case_no"):
            st.session_state["confirm_new"] = False
            st.rerun()
    return mode == "counsellor"


def has_data() -> bool:
    """Whether the session holds anything a new case would throw away: a loaded file, or any field changed from a
    blank start."""
    blank = form_values(new_case(date.today()))
    base = st.session_state["base"]
    if {k: v for k, v in base.items() if k not in ("start",)} != {k: v for k, v in new_case(date.today()).items()
                                                                  if k != "start"}:
        return True
    return any(st.session_state.get(k, v) != v for k, v in blank.items() if k != "f_start")


TABS = ("situation", "plan", "result", "compare", "report")


def tab_labels() -> list[str]:
    """The tabs in the session's language, the open one kept when the language changes (Streamlit knows a tab by
    its label, so the label of the open tab is put back in the new language)."""
    labels = [t(f"tab_{k}") for k in TABS]
    open_ = st.session_state.get("tabs")
    if open_ is not None and st.session_state.get("_tabs_lang") != lang():
        # new labels make a new widget, which would open the first tab: give it the open one (even where its
        # label is the same word in both languages, "Resultat")
        known = {text(f"app.tab_{k}", lg): k for lg in LANGS for k in TABS}
        if open_ in known:
            st.session_state["tabs"] = t(f"tab_{known[open_]}")
    st.session_state["_tabs_lang"] = lang()
    return labels


def sidebar() -> None:
    """Examples, a saved case, and what happens to the data."""
    with st.sidebar:
        with st.expander(t("examples")):
            example = st.selectbox(t("example"), sorted(p.name for p in EXAMPLES.glob("*.yaml")), key="example")
            if st.button(t("load_example"), key="load_example"):
                load_into_form(read_case_text((EXAMPLES / example).read_bytes()), example)
                st.rerun()
        upload = st.file_uploader(t("upload"), type=["yaml", "yml", "json"], key="upload", help=t("upload_help"))
        if upload is not None and st.session_state.get("uploaded") != upload.file_id:
            st.session_state["uploaded"] = upload.file_id
            try:
                loaded = read_case_file(upload.getvalue())
            except CaseError as exc:
                st.error(exc.message(lang()))
            else:
                load_into_form(loaded.to_dict())
                st.session_state["just_loaded"] = True
                st.rerun()
        if st.session_state.pop("just_loaded", False):
            st.success(t("loaded"))
        st.caption(t("privacy"))


st.set_page_config(page_title="Jobb og penger", layout="wide")
st.markdown(CSS, unsafe_allow_html=True)
if "base" not in st.session_state:
    load_into_form(new_case(date.today()))
# Streamlit forgets the value of a widget that is not shown in a run (an unticked benefit's fields, a removed
# step); writing the values back first keeps them, so ticking the benefit again brings its figures back
for key in form_values(st.session_state["base"]):
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]

sidebar()
st.title(t("title"))
counsellor = top_bar()
sync_typed()
munis = municipalities(public_rules())
if st.session_state.get("example_loaded"):
    st.info(t("example_banner", name=st.session_state["example_loaded"]))
try:
    computed, missing, problems, dropped = compute(counsellor)
except Exception:  # a bug of ours: a plain message, never a traceback in the browser, and nothing logged
    computed, missing, problems, dropped = None, [t("crash")], {}, 0

if not counsellor:
    st.caption(t("intro_self"))
    guided.flow(munis, lambda: (computed, missing))
else:
    st.caption(t("intro"))
    tabs = st.tabs(tab_labels(), key="tabs", on_change="rerun")
    with tabs[0]:
        form.hidden(st.session_state["base"])
        form.situation(counsellor, munis)
    with tabs[1]:
        plan.work_plan(counsellor)
    if computed is None:
        for tab in tabs[2:]:
            with tab:
                st.info(t("fill_in"))
                for m in missing:
                    st.markdown(f"• {m}")
        with tabs[3]:
            plan.scenarios(problems)
    else:
        with tabs[2]:
            pages.result_tab(computed, counsellor)
        with tabs[3]:
            pages.compare_tab(computed, problems, plan.scenarios)
        with tabs[4]:
            pages.report_tab(computed, counsellor, dropped)

end_of_run()
st.session_state["_run_ms"] = (time.perf_counter() - RUN_STARTED) * 1000  # no personal data: one number
