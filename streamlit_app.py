"""benefit_calc — the counselling app: Situasjon → Jobbplan → Resultat → Sammenlign → Rapport.

Thin: widgets → the library (``benefit_calc``) → charts, tables and downloads. Every number comes from the
engine; the form ↔ case mapping, the headline, the action list, the charts and the PDF are pure functions in
the package and tested there. Nothing is stored on the server: the case lives in this browser session only,
and a user keeps it by downloading it. Only the public rules are cached (shared by all sessions).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import streamlit as st
import yaml

from benefit_calc import BenefitCalcError, load_rules, parse_case, simulate, sweep
from benefit_calc.app_form import BENEFITS, MAX_CHILDREN, MAX_STEPS, case_data, form_values
from benefit_calc.app_model import actions, case_text, headline, month_table, next_cliff, plan_hours, read_case_file
from benefit_calc.charts import month_chart, sweep_chart
from benefit_calc.cliffs import rate_cliffs, timing_cliffs
from benefit_calc.compare import compare, explain, explain_text
from benefit_calc.money import fmt

RUN_STARTED = time.perf_counter()  # a rerun's server-side time, from here (imports are cached after the first run)
EXAMPLES = Path(__file__).parent / "examples"
DEFAULT_EXAMPLE = "aap-barn-opptrapping.yaml"

TEXT = {
    "nb": {
        "title": "Hva skjer med pengene når du begynner å jobbe?",
        "intro": "Fyll inn situasjonen slik den står i vedtakene, legg inn en jobbplan, og se måned for måned hva som "
                 "kommer inn på kontoen — med skatt, bostøtte og oppgjøret året etter.",
        "lang": "Språk", "mode": "Modus", "counsellor": "Jobbspesialist (alle felter, kilder)",
        "self": "Jobbsøker (enklere)", "example": "Eksempel", "load_example": "Last eksempelet",
        "upload": "Last opp en lagret sak (.yaml)", "download_case": "Last ned saken (.yaml)",
        "loaded": "Saken er lastet.", "tabs": ["Situasjon", "Jobbplan", "Resultat", "Sammenlign", "Rapport"],
        "start": "Første måned (ÅÅÅÅ-MM)", "months": "Antall måneder", "birth": "Fødselsdato",
        "muni": "Kommunenummer (4 siffer)", "muni_help": "Står på skattekortet og i kommunens brev, f.eks. 0301 for Oslo.",
        "rent": "Husleie i måneden (kr)", "el": "Strøm i måneden (kr)", "partner": "Har ektefelle eller samboer",
        "partner_birth": "Partnerens fødselsdato", "partner_income": "Partnerens bruttoinntekt i måneden (kr)",
        "n_children": "Antall barn i husstanden", "child": "Barn {i}: fødselsdato", "benefits": "Ytelser i dag",
        "aap": "AAP (arbeidsavklaringspenger)", "uforetrygd": "Uføretrygd", "dagpenger": "Dagpenger",
        "tiltakspenger": "Tiltakspenger", "kvalifiseringsstonad": "Kvalifiseringsstønad (KVP)",
        "overgangsstonad": "Overgangsstønad", "bostotte": "Bostøtte (Husbanken)", "sosialhjelp": "Økonomisk sosialhjelp",
        "unit": "Grunnlaget er oppgitt i", "aap_basis": "AAP-grunnlag",
        "aap_help": "Står i vedtaket om AAP som «grunnlaget for beregningen» (kroner i året) — eller i G.",
        "ut_degree": "Uføregrad (%)", "ut_ifu": "Inntekt før uførhet, IFU (kr i året)",
        "ut_full": "Uføretrygd ved 100 % (kr i året)", "ut_granted": "Innvilget fra", "ut_ieu": "Inntekt etter uførhet, IEU",
        "ut_help": "Tallene står i vedtaket om uføretrygd, under «Slik har vi beregnet uføretrygden din».",
        "reports": "Melder inntekt til NAV", "dp_basis": "Dagpengegrunnlag", "dp_hours": "Fastsatt arbeidstid (timer i uka)",
        "dp_help": "Står i vedtaket om dagpenger (grunnlag og «fastsatt arbeidstid»).",
        "tp_days": "Dager med tiltakspenger per meldeperiode", "os_expected": "Inntekt NAV regner med i året (kr)",
        "bs_heating": "Oppvarming er med i husleia", "sh_income_month": "Lønn teller i", "sh_other": "Andre godkjente utgifter i måneden (kr)",
        "same_month": "samme måned", "next_month": "måneden etter", "on_job_start": "når jobben starter",
        "never": "aldri", "steps": "Antall trinn i jobbplanen", "step": "Trinn {i}", "from": "Fra måned (ÅÅÅÅ-MM)",
        "hours": "Timer i uka", "salary": "Fast månedslønn", "wage": "Timelønn (kr)", "month_salary": "Månedslønn (kr)",
        "tax": "Skattekort", "withholding": "Hvem har tabellkortet", "default": "standard (NAV har tabell)",
        "table_on_benefits": "NAV har tabellkort", "table_on_wages": "arbeidsgiver har tabellkort",
        "table": "Tabellnummer (0 = standard)", "headline": "Med jobbplanen", "per_month": "i måneden etter skatt",
        "chart": "Hva kommer inn hver måned", "table_title": "Måned for måned", "periods": "Meldeperioder",
        "warnings": "Varsler", "todo": "Hva du kan gjøre", "source": "Kilde", "settlements": "Skatteoppgjør og etteroppgjør",
        "explain": "Forklar en måned", "month": "Måned", "no_warnings": "Ingen varsler.", "scenarios": "Scenarioer i saken",
        "no_scenarios": "Saken har ingen scenarioer å sammenligne; timesveipet under viser alternativene.",
        "sweep": "Timer i uka og hva du sitter igjen med", "here_is": "Du er her: {h:g} timer i uka.",
        "next_cliff": "Neste kant", "no_cliff": "Ingen kant opp til 40 timer i uka.", "timing": "Måneder med brå fall",
        "report": "Rapport", "make_pdf": "Lag rapport (PDF)", "download_pdf": "Last ned rapporten (PDF)",
        "download_csv": "Last ned månedstabellen (CSV)", "actions": "Hva gjør hvem, og når", "error": "Feil i saken",
        "crash": "Noe gikk galt i beregningen. Sjekk tallene, eller last ned saken og send den til oss.",
        "privacy": "Ingenting lagres på serveren. Last ned saken hvis du vil fortsette senere.",
        "better": "bedre", "worse": "dårligere", "refund": "til gode", "owe": "å betale",
    },
    "en": {
        "title": "What happens to your money when you start working?",
        "intro": "Enter the situation as the decision letters state it, add a work plan, and see month by month what "
                 "lands in the account — with tax, housing allowance and next year's settlement.",
        "lang": "Language", "mode": "Mode", "counsellor": "Job specialist (all fields, sources)",
        "self": "Job seeker (simpler)", "example": "Example", "load_example": "Load the example",
        "upload": "Upload a saved case (.yaml)", "download_case": "Download the case (.yaml)",
        "loaded": "The case is loaded.", "tabs": ["Situation", "Work plan", "Result", "Compare", "Report"],
        "start": "First month (YYYY-MM)", "months": "Number of months", "birth": "Date of birth",
        "muni": "Municipality number (4 digits)", "muni_help": "On the tax card and the municipality's letters, e.g. 0301 for Oslo.",
        "rent": "Rent a month (kr)", "el": "Electricity a month (kr)", "partner": "Has a spouse or partner",
        "partner_birth": "Partner's date of birth", "partner_income": "Partner's gross income a month (kr)",
        "n_children": "Children in the household", "child": "Child {i}: date of birth", "benefits": "Benefits today",
        "aap": "AAP (work assessment allowance)", "uforetrygd": "Uføretrygd (disability benefit)",
        "dagpenger": "Dagpenger (unemployment benefit)", "tiltakspenger": "Tiltakspenger",
        "kvalifiseringsstonad": "Kvalifiseringsstønad (KVP)", "overgangsstonad": "Overgangsstønad (single parent)",
        "bostotte": "Bostøtte (housing allowance)", "sosialhjelp": "Social assistance (sosialhjelp)",
        "unit": "The basis is given in", "aap_basis": "AAP basis",
        "aap_help": "In the AAP decision letter as «grunnlaget for beregningen» (kroner a year) — or in G.",
        "ut_degree": "Degree of disability (%)", "ut_ifu": "Income before disability, IFU (kr a year)",
        "ut_full": "Uføretrygd at 100 % (kr a year)", "ut_granted": "Granted from", "ut_ieu": "Income after disability, IEU",
        "ut_help": "In the uføretrygd decision letter, under «Slik har vi beregnet uføretrygden din».",
        "reports": "Reports income to NAV", "dp_basis": "Dagpenger basis", "dp_hours": "Normal working hours a week",
        "dp_help": "In the dagpenger decision letter (basis and «fastsatt arbeidstid»).",
        "tp_days": "Days with tiltakspenger per meldeperiode", "os_expected": "Income NAV expects a year (kr)",
        "bs_heating": "Heating is included in the rent", "sh_income_month": "Wages count in", "sh_other": "Other accepted costs a month (kr)",
        "same_month": "the same month", "next_month": "the month after", "on_job_start": "when the job starts",
        "never": "never", "steps": "Steps in the work plan", "step": "Step {i}", "from": "From month (YYYY-MM)",
        "hours": "Hours a week", "salary": "Fixed monthly salary", "wage": "Hourly wage (kr)", "month_salary": "Monthly salary (kr)",
        "tax": "Tax card", "withholding": "Who has the table card", "default": "default (NAV has the table)",
        "table_on_benefits": "NAV has the table card", "table_on_wages": "the employer has the table card",
        "table": "Table number (0 = default)", "headline": "With the work plan", "per_month": "a month after tax",
        "chart": "What comes in each month", "table_title": "Month by month", "periods": "Meldeperioder",
        "warnings": "Warnings", "todo": "What you can do", "source": "Source", "settlements": "Settlements",
        "explain": "Explain a month", "month": "Month", "no_warnings": "No warnings.", "scenarios": "Scenarios in the case",
        "no_scenarios": "The case has no scenarios to compare; the hours sweep below shows the alternatives.",
        "sweep": "Hours a week and what you keep", "here_is": "You are here: {h:g} hours a week.",
        "next_cliff": "Next cliff", "no_cliff": "No cliff up to 40 hours a week.", "timing": "Months with sudden drops",
        "report": "Report", "make_pdf": "Make the report (PDF)", "download_pdf": "Download the report (PDF)",
        "download_csv": "Download the month table (CSV)", "actions": "Who does what, and when", "error": "Error in the case",
        "crash": "Something went wrong in the calculation. Check the figures, or download the case and send it to us.",
        "privacy": "Nothing is stored on the server. Download the case if you want to continue later.",
        "better": "better", "worse": "worse", "refund": "refund", "owe": "to pay",
    },
}


# plainer words for a job seeker on their own (self-service mode)
PLAIN = {
    "nb": {"intro": "Skriv inn det du får fra NAV i dag og hvor mye du vil jobbe. Da ser du hva du får inn på "
                    "kontoen hver måned, etter skatt.",
           "unit": "Tallet i vedtaket er i", "aap_basis": "Grunnlaget fra AAP-vedtaket",
           "ut_ifu": "Inntekt før du ble ufør (IFU, står i vedtaket)", "dp_hours": "Vanlig arbeidstid før (timer i uka)",
           "muni": "Kommunenummer (står på skattekortet)"},
    "en": {"intro": "Enter what you get from NAV today and how much you want to work. You will see what lands in "
                    "your account each month, after tax.",
           "unit": "The figure in the decision letter is in", "aap_basis": "The basis in the AAP decision letter",
           "ut_ifu": "Income before disability (IFU, in the decision letter)",
           "dp_hours": "Usual working hours before (hours a week)", "muni": "Municipality number (on the tax card)"},
}


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


DATES = {"min_value": date(1930, 1, 1), "max_value": date(2100, 12, 31), "format": "DD.MM.YYYY"}


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
    load_into_form(yaml.safe_load((EXAMPLES / DEFAULT_EXAMPLE).read_text(encoding="utf-8")))

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
        load_into_form(yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8")))
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
    c1.number_input(t["months"], 1, 60, step=1, key="f_months")
    c1.date_input(t["birth"], key="f_birth", **DATES)
    c2.text_input(t["muni"], key="f_muni", help=t["muni_help"], max_chars=4)
    c2.number_input(t["rent"], 0.0, 1_000_000.0, step=500.0, key="f_rent", format="%.0f")
    c2.number_input(t["el"], 0.0, 1_000_000.0, step=100.0, key="f_el", format="%.0f")
    c3.checkbox(t["partner"], key="f_partner")
    if st.session_state["f_partner"]:
        c3.date_input(t["partner_birth"], key="f_partner_birth", **DATES)
        c3.number_input(t["partner_income"], 0.0, 10_000_000.0, step=1000.0, key="f_partner_income", format="%.0f")
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
            st.number_input(t["aap_basis"], 0.0, 10_000_000.0, key="f_aap_basis", help=t["aap_help"])
    if st.session_state["f_has_uforetrygd"]:
        with st.expander(t["uforetrygd"], expanded=True):
            st.caption(t["ut_help"])
            a, b2 = st.columns(2)
            a.number_input(t["ut_degree"], 1.0, 100.0, key="f_ut_degree")
            a.number_input(t["ut_ifu"], 0.0, 100_000_000.0, step=10_000.0, key="f_ut_ifu", format="%.0f")
            b2.number_input(t["ut_full"], 0.0, 100_000_000.0, step=10_000.0, key="f_ut_full", format="%.0f")
            b2.date_input(t["ut_granted"], key="f_ut_granted", **DATES)
            if counsellor:
                a.number_input(t["ut_ieu"], 0.0, 100_000_000.0, step=10_000.0, key="f_ut_ieu", format="%.0f")
            choice(b2, t["reports"], ["on_job_start", "never"], "f_ut_reports", t)
    if st.session_state["f_has_dagpenger"]:
        with st.expander(t["dagpenger"], expanded=True):
            st.caption(t["dp_help"])
            st.radio(t["unit"], ["kr", "G"], key="f_dp_unit", horizontal=True)
            st.number_input(t["dp_basis"], 0.0, 10_000_000.0, key="f_dp_basis")
            st.number_input(t["dp_hours"], 0.5, 168.0, key="f_dp_hours")
    if st.session_state["f_has_tiltakspenger"]:
        st.number_input(t["tp_days"], 1, 14, key="f_tp_days")
    if st.session_state["f_has_overgangsstonad"]:
        with st.expander(t["overgangsstonad"], expanded=True):
            st.number_input(t["os_expected"], 0.0, 100_000_000.0, step=10_000.0, key="f_os_expected", format="%.0f")
            choice(st, t["reports"], ["on_job_start", "never"], "f_os_reports", t)
    if st.session_state["f_has_bostotte"]:
        st.checkbox(t["bs_heating"], key="f_bs_heating")
    if st.session_state["f_has_sosialhjelp"]:
        with st.expander(t["sosialhjelp"], expanded=True):
            choice(st, t["sh_income_month"], ["same_month", "next_month"], "f_sh_income_month", t)
            st.number_input(t["sh_other"], 0.0, 1_000_000.0, step=100.0, key="f_sh_other", format="%.0f")

with tabs[1]:  # Jobbplan
    st.number_input(t["steps"], 0, MAX_STEPS, step=1, key="f_steps")
    for i in range(int(st.session_state["f_steps"])):
        st.markdown(f"**{t['step'].format(i=i + 1)}**")
        a, b2, c = st.columns(3)
        a.text_input(t["from"], key=f"f_w{i}_from")
        b2.slider(t["hours"], 0.0, 40.0, step=0.5, key=f"f_w{i}_hours", format="%.1f")
        c.checkbox(t["salary"], key=f"f_w{i}_salary")
        c.number_input(t["month_salary"] if st.session_state[f"f_w{i}_salary"] else t["wage"], 0.0, 1_000_000.0,
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
