"""benefit_calc — the counselling app: Situasjon → Jobbplan → Resultat → Sammenlign → Rapport.

Thin: widgets → the library (``benefit_calc``) → charts, tables and downloads. Every number comes from the
engine; the form ↔ case mapping, the headline, the action list, the charts and the PDF are pure functions in
the package and tested there. Nothing is stored on the server: the case lives in this browser session only,
and a user keeps it by downloading it. Only the public rules are shared by all sessions. The words are in
``benefit_calc.app_text``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import attrs
import streamlit as st

from benefit_calc import BenefitCalcError, load_rules, parse_case, simulate, sweep
from benefit_calc.app_form import BENEFITS, MAX_CHILDREN, MAX_STEPS, case_data, form_values, limits
from benefit_calc.bounds import BOUNDS
from benefit_calc.case import read_case_text
from benefit_calc.app_model import actions, case_text, headline, month_table, next_cliff, plan_hours, read_case_file
from benefit_calc.app_text import PLAIN, TEXT
from benefit_calc.charts import month_chart, sweep_chart
from benefit_calc.cliffs import rate_cliffs, timing_cliffs
from benefit_calc.compare import compare, explain, explain_text
from benefit_calc.money import fmt

RUN_STARTED = time.perf_counter()  # a rerun's server-side time, from here (imports are cached after the first run)
EXAMPLES = Path(__file__).parent / "examples"
DEFAULT_EXAMPLE = "aap-barn-opptrapping.yaml"


@st.cache_resource
def rules():  # type: ignore[no-untyped-def]
    """The public rules, loaded once for all sessions."""
    return load_rules()


def session_rules():  # type: ignore[no-untyped-def]
    """The rules with caches of this session's own: what the engine remembers is keyed by parts of the case, so it
    must not be shared between users. It goes when the session ends."""
    if "rules" not in st.session_state:
        st.session_state["rules"] = rules().with_own_caches()
    return st.session_state["rules"]


CHOICES = ("f_ut_reports", "f_os_reports", "f_sh_income_month", "f_tax_withholding")  # see choice()


def load_into_form(raw: dict[str, Any]) -> None:
    """Make ``raw`` (case-file data) the session's case and set every widget from it."""
    st.session_state["base"] = raw
    for key, value in form_values(raw).items():
        st.session_state[key] = value
    for key in CHOICES:
        for code in TEXT:
            st.session_state.pop(f"{key}__{code}", None)
    st.session_state.pop("pdf", None)


def choice(where: Any, label: str, options: list[str], key: str, names: dict[str, str]) -> None:
    """A selectbox whose option names follow the language. Streamlit keeps a widget's option names when only the
    language changes, so the widget's key carries the language and the value itself lives in ``key``."""
    widget = f"{key}__{st.session_state.get('lang', 'nb')}"
    value = st.session_state.get(key, options[0])
    if widget not in st.session_state:
        st.session_state[widget] = value
    if value not in options:  # e.g. "reports income from 2026-05" in a loaded case
        options = [*options, value]
    st.session_state[key] = where.selectbox(label, options, key=widget, format_func=lambda x: names.get(x, x))


DATES = dict(zip(("min_value", "max_value"), limits("client.birth_date")), format="DD.MM.YYYY")  # bounds.py


def session_sweep(rules_: Any, case: Any) -> Any:
    """The 0–40 h sweep, made again only when something other than the work plan's hours changes (it replaces the
    plan with one job per hours level): moving the hours slider reuses it. Kept in this session only."""
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


def kr(x: float) -> str:
    return f"{fmt(x)} kr"


st.set_page_config(page_title="Jobb og ytelser", layout="wide")
if "base" not in st.session_state:
    load_into_form(read_case_text((EXAMPLES / DEFAULT_EXAMPLE).read_bytes()))
# Streamlit forgets the value of a widget that is not shown in a run (an unticked benefit's fields, a removed
# step); writing the values back first keeps them, so ticking the benefit again brings its figures back
for key in form_values(st.session_state["base"]):
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]

with st.sidebar:
    lang = st.radio("Språk / Language", ["nb", "en"], key="lang", horizontal=True,
                    format_func=lambda x: {"nb": "Bokmål", "en": "English"}[x])
    t = TEXT[lang]
    # labels in both languages, so the choice stays shown when the language changes
    mode = st.radio("Modus / Mode", ["counsellor", "self"], key="mode",
                    format_func=lambda x: {"counsellor": "Jobbspesialist / Job specialist",
                                           "self": "Jobbsøker / Job seeker"}[x])
    counsellor = mode == "counsellor"
    if not counsellor:
        t = {**t, **PLAIN[lang]}
    example = st.selectbox(t["example"], sorted(p.name for p in EXAMPLES.glob("*.yaml")), key="example")
    if st.button(t["load_example"], key="load_example"):
        load_into_form(read_case_text((EXAMPLES / example).read_bytes()))
        st.rerun()
    upload = st.file_uploader(t["upload"], type=["yaml", "yml", "json"], key="upload")
    if upload is not None and st.session_state.get("uploaded") != upload.file_id:
        st.session_state["uploaded"] = upload.file_id
        try:
            loaded = read_case_file(upload.getvalue())
        except BenefitCalcError as exc:
            st.error(f"{t['error']}: {exc}")
        else:
            load_into_form(loaded.to_dict())
            st.success(t["loaded"])
            st.rerun()
    st.caption(t["privacy"])

st.title(t["title"])
st.caption(t["intro"])
tabs = st.tabs(t["tabs"])

with tabs[0]:  # Situasjon
    c1, c2, c3 = st.columns(3)
    c1.text_input(t["start"], key="f_start")
    c1.number_input(t["months"], *map(int, limits("months")), step=1, key="f_months")
    c1.date_input(t["birth"], key="f_birth", **DATES)
    c2.text_input(t["muni"], key="f_muni", help=t["muni_help"], max_chars=4)
    c2.number_input(t["rent"], *limits("household.rent_per_month"), step=500.0, key="f_rent", format="%.0f")
    c2.number_input(t["el"], *limits("household.electricity_per_month"), step=100.0, key="f_el", format="%.0f")
    c3.checkbox(t["partner"], key="f_partner")
    if st.session_state["f_partner"]:
        c3.date_input(t["partner_birth"], key="f_partner_birth", **DATES)
        c3.number_input(t["partner_income"], *limits("household.partner.income_per_month"), step=1000.0,
                        key="f_partner_income", format="%.0f")
    c3.number_input(t["n_children"], 0, MAX_CHILDREN, step=1, key="f_n_children")
    for i in range(int(st.session_state["f_n_children"])):
        c3.date_input(t["child"].format(i=i + 1), key=f"f_child_{i}", **DATES)
    st.subheader(t["benefits"])
    cols = st.columns(4)
    for j, name in enumerate(BENEFITS):
        cols[j % 4].checkbox(t[name], key=f"f_has_{name}")
    if st.session_state["f_has_aap"]:
        with st.expander(t["aap"], expanded=True):
            st.radio(t["unit"], ["kr", "G"], key="f_aap_unit", horizontal=True)
            st.number_input(t["aap_basis"], *limits("client.benefits.aap.basis", "client.benefits.aap.basis_g"),
                            key="f_aap_basis", help=t["aap_help"])
    if st.session_state["f_has_uforetrygd"]:
        with st.expander(t["uforetrygd"], expanded=True):
            st.caption(t["ut_help"])
            a, b2 = st.columns(2)
            a.number_input(t["ut_degree"], *limits("client.benefits.uforetrygd.degree"), key="f_ut_degree")
            a.number_input(t["ut_ifu"], 0.0, limits("client.benefits.uforetrygd.ifu")[1], step=10_000.0, key="f_ut_ifu",
                           format="%.0f")
            b2.number_input(t["ut_full"], *limits("client.benefits.uforetrygd.full_benefit"), step=10_000.0, key="f_ut_full",
                            format="%.0f")
            b2.date_input(t["ut_granted"], key="f_ut_granted", **DATES)
            if counsellor:
                a.number_input(t["ut_ieu"], *limits("client.benefits.uforetrygd.ieu"), step=10_000.0, key="f_ut_ieu",
                               format="%.0f")
            choice(b2, t["reports"], ["on_job_start", "never"], "f_ut_reports", t)
    if st.session_state["f_has_dagpenger"]:
        with st.expander(t["dagpenger"], expanded=True):
            st.caption(t["dp_help"])
            st.radio(t["unit"], ["kr", "G"], key="f_dp_unit", horizontal=True)
            st.number_input(t["dp_basis"], *limits("client.benefits.dagpenger.basis", "client.benefits.dagpenger.basis_g"),
                            key="f_dp_basis")
            st.number_input(t["dp_hours"], *limits("client.benefits.dagpenger.normal_hours_per_week"), key="f_dp_hours")
    if st.session_state["f_has_tiltakspenger"]:
        st.number_input(t["tp_days"], *map(int, limits("client.benefits.tiltakspenger.days_per_period")), key="f_tp_days")
    if st.session_state["f_has_overgangsstonad"]:
        with st.expander(t["overgangsstonad"], expanded=True):
            st.number_input(t["os_expected"], *limits("client.benefits.overgangsstonad.expected_income"), step=10_000.0,
                            key="f_os_expected", format="%.0f")
            choice(st, t["reports"], ["on_job_start", "never"], "f_os_reports", t)
    if st.session_state["f_has_bostotte"]:
        st.checkbox(t["bs_heating"], key="f_bs_heating")
    if st.session_state["f_has_sosialhjelp"]:
        with st.expander(t["sosialhjelp"], expanded=True):
            choice(st, t["sh_income_month"], ["same_month", "next_month"], "f_sh_income_month", t)
            st.number_input(t["sh_other"], *limits("client.benefits.sosialhjelp.other_costs_per_month"), step=100.0,
                            key="f_sh_other", format="%.0f")

with tabs[1]:  # Jobbplan
    st.number_input(t["steps"], 0, MAX_STEPS, step=1, key="f_steps")
    for i in range(int(st.session_state["f_steps"])):
        st.markdown(f"**{t['step'].format(i=i + 1)}**")
        a, b2, c = st.columns(3)
        a.text_input(t["from"], key=f"f_w{i}_from")
        low, high = limits("work[].hours_per_week")  # 0–60 (the plausible edge), up to 100 when a case needs it
        high = min(high, max(float(BOUNDS["work[].hours_per_week"].warn_above or high), st.session_state[f"f_w{i}_hours"]))
        b2.slider(t["hours"], low, high, step=0.5, key=f"f_w{i}_hours", format="%.1f")
        c.checkbox(t["salary"], key=f"f_w{i}_salary")
        c.number_input(t["month_salary"] if st.session_state[f"f_w{i}_salary"] else t["wage"],
                       *limits("work[].hourly_wage", "work[].monthly_salary"),
                       key=f"f_w{i}_pay")
    if counsellor:
        st.subheader(t["tax"])
        choice(st, t["withholding"], ["default", "table_on_benefits", "table_on_wages"], "f_tax_withholding", t)
        st.number_input(t["table"], 0, 9999, key="f_tax_table")

# widgets not shown in this run (an unticked benefit, a hidden child) keep the case's own values
values = {k: st.session_state.get(k, v) for k, v in form_values(st.session_state["base"]).items()}
try:
    raw = case_data(st.session_state["base"], values, counsellor)
    case = parse_case(raw)
    R = session_rules()
    result = simulate(R, case)
    head = headline(R, case, result)
    sw = session_sweep(R, case)
    cliffs = rate_cliffs(R, sw, lang)
except BenefitCalcError as exc:
    for tab in tabs[2:]:
        tab.error(f"{t['error']}: {exc}")
    st.sidebar.error(f"{t['error']}: {exc}")
    st.stop()
except Exception:  # a bug of ours: a plain message, never a traceback in the browser
    st.error(t["crash"])
    st.stop()

with tabs[2]:  # Resultat
    st.metric(t["headline"], f"{'+' if head.per_month >= 0 else '−'}{kr(abs(head.per_month))} {t['per_month']}",
              help=head.text(lang))
    st.write(head.text(lang))
    here = plan_hours(case)
    cliff = next_cliff(cliffs, here)
    st.info(f"{t['next_cliff']}: {cliff.message} {cliff.action}" if cliff else t["no_cliff"])
    st.subheader(t["chart"])
    st.vega_lite_chart(month_chart(result, lang), width="stretch")
    st.subheader(t["table_title"])
    st.dataframe([{k: (kr(v) if isinstance(v, int) and k not in ("Timer", "Hours") else v) for k, v in row.items()}
                  for row in month_table(result, lang)], hide_index=True, width="stretch")
    if result.periods:
        with st.expander(t["periods"]):
            st.dataframe([p.to_dict() for p in result.periods], hide_index=True)
    st.subheader(t["warnings"])
    for w in result.warnings:
        st.warning(f"{f'{w.month:%m.%Y}: ' if w.month else ''}{w.message_in(lang)}\n\n**{t['todo']}:** {w.action_in(lang)}"
                   f"\n\n{t['source']}: {w.reference}")
    if not result.warnings:
        st.write(t["no_warnings"])
    st.subheader(t["settlements"])
    for s in result.settlements:
        st.write(f"{s.month:%m.%Y} — {s.scheme} {s.year}: {kr(abs(s.amount))} {t['refund'] if s.amount > 0 else t['owe']}")
    if counsellor:
        with st.expander(t["explain"]):
            month = st.selectbox(t["month"], [m.month for m in result.months], key="explain_month",
                                 format_func=lambda d: f"{d:%Y-%m}")
            st.text(explain_text(explain(result, month, lang)))

with tabs[3]:  # Sammenlign
    st.subheader(t["sweep"])
    st.caption(t["here_is"].format(h=here))
    st.vega_lite_chart(sweep_chart(sw, here, cliffs, lang), width="stretch")
    for c in cliffs:
        (st.error if c.kind == "cliff" else st.info)(f"{c.message} {c.action}"
                                                      + (f" ({c.parameter}: {c.reference})" if counsellor else ""))
    st.subheader(t["scenarios"])
    if case.scenarios:
        cmp = compare(R, case)
        st.dataframe([{"": n, "sum": kr(cmp.total(r)), "±": kr(cmp.total(r) - cmp.total(cmp.results[0]))}
                      for n, r in zip(cmp.names, cmp.results)], hide_index=True)
        st.dataframe([{t["month"]: f"{m.month:%Y-%m}", **{n: kr(r.months[i].household_disposable)
                                                          for n, r in zip(cmp.names, cmp.results)}}
                      for i, m in enumerate(cmp.results[0].months)], hide_index=True, width="stretch")
    else:
        st.write(t["no_scenarios"])
    drops = timing_cliffs(R, result, lang)
    if drops:
        st.subheader(t["timing"])
        for d in drops:
            st.warning(f"{d.message} {d.action}")

with tabs[4]:  # Rapport
    st.subheader(t["actions"])
    for a in actions(case, result, lang):
        st.checkbox(f"{a.who}: {a.what}" + (f" — {a.when}" if a.when else ""), key=f"todo_{hash(a)}")
    if st.button(t["make_pdf"], key="make_pdf"):
        from benefit_calc.report import build_pdf
        st.session_state["pdf"] = build_pdf(case, result, head, lang)
    if st.session_state.get("pdf"):
        st.download_button(t["download_pdf"], st.session_state["pdf"], "rapport.pdf", "application/pdf", key="dl_pdf")
    st.download_button(t["download_csv"], result.to_csv(), "maaneder.csv", "text/csv", key="dl_csv")
    st.download_button(t["download_case"], case_text(case), "sak.yaml", "application/x-yaml", key="dl_case")

st.session_state["_run_ms"] = (time.perf_counter() - RUN_STARTED) * 1000  # no personal data: one number
