"""benefit_calc — placeholder app (issue 6 builds the full counselling flow).

Runs ``simulate`` on a bundled example case and shows the month table. Nothing is stored on the server.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from benefit_calc import BenefitCalcError, load_case, load_rules, simulate

EXAMPLES = Path(__file__).parent / "examples"


@st.cache_resource
def rules():  # type: ignore[no-untyped-def]
    return load_rules()  # the rules are public and the same for every user; no personal data is cached


st.set_page_config(page_title="Jobb og ytelser", layout="wide")
st.title("Hva skjer med pengene når du begynner å jobbe?")
st.caption("Foreløpig versjon: viser et eksempel. Full veiviser kommer.")
names = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
choice = st.selectbox("Eksempel", names)
try:
    result = simulate(rules(), load_case(EXAMPLES / choice))
except BenefitCalcError as exc:
    st.error(str(exc))
else:
    rows = [{"Måned": m.month.strftime("%Y-%m"), "Timer": m.hours, "Lønn": m.wages, **m.benefits,
             "Skattetrekk": m.tax_withheld, "Oppgjør": m.settlements, "Disponibelt": m.disposable}
            for m in result.months]
    st.dataframe(rows, hide_index=True)
    for w in result.warnings:
        st.warning(f"{w.message} ({w.reference}) {w.action}")
