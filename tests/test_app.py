"""The Streamlit app through every step with AppTest (no browser): inputs change results, the AAP limit warns,
bad input gives a message (never a traceback), a saved case loads back exactly, both languages and modes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from benefit_calc import load_case, parse_case

ROOT = Path(__file__).parent.parent
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture()
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    return at


def headline(at: AppTest) -> str:
    return at.metric[0].value


def test_every_step_renders_with_the_default_example(app: AppTest) -> None:
    assert app.title[0].value.startswith("Hva skjer med pengene")
    assert [t.label for t in app.tabs] == ["Situasjon", "Jobbplan", "Resultat", "Sammenlign", "Rapport"]
    assert "kr i måneden etter skatt" in headline(app)
    assert len(app.get("vega_lite_chart")) == 2  # month chart and hours sweep
    assert app.dataframe  # the month table
    assert app.button(key="make_pdf")


def test_more_hours_change_the_result(app: AppTest) -> None:
    before = headline(app)
    app.slider(key="f_w0_hours").set_value(15.0).run()
    assert not app.exception and headline(app) != before


def test_hours_over_the_aap_limit_warn(app: AppTest) -> None:
    for i in range(int(app.number_input(key="f_steps").value)):
        app.slider(key=f"f_w{i}_hours").set_value(30.0)
    app.run()
    texts = " ".join(w.value for w in app.warning)
    assert "over grensen" in texts and "Folketrygdloven § 11-23" in texts


def test_bad_input_gives_a_message_naming_the_field(app: AppTest) -> None:
    app.text_input(key="f_start").set_value("2026-13").run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error)
    assert "start" in errors and "2026-13" in errors
    app.text_input(key="f_start").set_value("2026-02").run()
    assert not app.error or all("start" not in e.value for e in app.error)


def test_benefit_toggle_and_household_inputs_feed_the_engine(app: AppTest) -> None:
    app.checkbox(key="f_has_bostotte").check().run()
    assert not app.exception
    table = app.dataframe[0].value
    assert "bostotte" in table.columns
    app.number_input(key="f_rent").set_value(0.0).run()
    assert not app.exception


def test_english_and_self_service_mode(app: AppTest) -> None:
    app.radio(key="lang").set_value("en").run()
    assert app.title[0].value.startswith("What happens to your money")
    assert "a month after tax" in headline(app)
    app.radio(key="mode").set_value("self").run()
    assert not app.exception
    labels = [n.label for n in app.number_input]
    assert "Table number (0 = default)" not in labels  # counsellor-only input hidden
    assert any("lands in your account" in c.value for c in app.caption)  # plainer words


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_each_example_loads_and_runs(app: AppTest, name: str) -> None:
    app.selectbox(key="example").select(name).run()
    app.button(key="load_example").click().run()
    assert not app.exception
    assert not [e.value for e in app.error if "Feil" in e.value]
    assert "kr i måneden etter skatt" in headline(app)


def _uploader(at: AppTest):  # type: ignore[no-untyped-def]
    return at.get("file_uploader")[0]


def test_saved_case_loads_back_exactly(app: AppTest) -> None:
    """Download the case (the bytes the download button serves), upload them in a fresh session, and get the
    same case and the same result."""
    app.selectbox(key="example").select("sosialhjelp-finnmark.yaml").run()
    app.button(key="load_example").click().run()
    from benefit_calc.app_model import case_text
    original = load_case(ROOT / "examples" / "sosialhjelp-finnmark.yaml")
    saved = case_text(parse_case(app.session_state["base"])).encode()
    assert parse_case(yaml.safe_load(saved)) == original
    fresh = AppTest.from_file(APP, default_timeout=120).run()
    before = headline(fresh)
    _uploader(fresh).set_value(("sak.yaml", saved, "application/x-yaml"))
    fresh.run()
    assert not fresh.exception
    assert parse_case(fresh.session_state["base"]) == original
    assert headline(fresh) == headline(app) != before


@pytest.mark.parametrize(("content", "words"), [
    (b"start: [unclosed", "not a case file"),
    (b"- just\n- a list\n", "not a case file"),
    (b"start: 2026-03\nmonths: 500\nclient: {birth_date: 1990-01-01}\n", "months"),
    (b"x" * 200_000, "at most"),
])
def test_a_bad_or_oversized_file_gives_a_message_and_changes_nothing(app: AppTest, content: bytes, words: str) -> None:
    before_case, before = app.session_state["base"], headline(app)
    _uploader(app).set_value(("sak.yaml", content, "application/x-yaml"))
    app.run()
    assert not app.exception
    assert any(words in e.value for e in app.error), [e.value for e in app.error]
    assert app.session_state["base"] == before_case and headline(app) == before


def test_a_case_at_the_edges_of_the_bounds_loads_into_the_form(app: AppTest) -> None:
    """Every value the parser accepts fits its widget (the widgets take their ranges from bounds.py): 80 hours a
    week, a client born in 1925, a salary of 2 million, 15 children, one born after the horizon."""
    content = yaml.safe_dump({
        "start": "2026-01", "months": 12, "household": {"municipality": "0301", "children": [
            {"birth_date": "2090-01-01"}, *({"birth_date": f"2015-01-{d:02d}"} for d in range(1, 15))]},
        "client": {"birth_date": "1925-01-01", "benefits": {"aap": {"basis_g": 2}}},
        "work": [{"from": "2026-02", "hours_per_week": 80, "monthly_salary": 2_000_000}]}).encode()
    _uploader(app).set_value(("sak.yaml", content, "application/x-yaml"))
    app.run()
    assert not app.exception and not app.error
    assert app.session_state["f_w0_hours"] == 80 and app.session_state["f_w0_pay"] == 2_000_000
    assert app.session_state["f_n_children"] == 15


def test_report_button_makes_a_pdf(app: AppTest) -> None:
    app.button(key="make_pdf").click().run()
    assert not app.exception
    pdf = app.session_state["pdf"]
    assert pdf[:5] == b"%PDF-"
    assert any(b.proto.label.startswith("Last ned rapporten") for b in app.get("download_button"))


def test_privacy_and_safety_settings_beside_the_app() -> None:
    import tomllib
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1" and config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] <= 1
    assert config["client"]["showErrorDetails"] == "none"  # false would mean "stacktrace" in current Streamlit


def test_the_sweep_is_made_again_only_when_more_than_the_hours_change(app: AppTest) -> None:
    first = app.session_state["_sweep"][1]
    app.slider(key="f_w0_hours").set_value(15.0).run()
    assert app.session_state["_sweep"][1] is first  # only the plan's hours moved: the same sweep
    app.number_input(key="f_rent").set_value(14000.0).run()
    assert app.session_state["_sweep"][1] is not first  # the situation changed: a new sweep


def test_a_choice_keeps_its_value_and_speaks_the_new_language(app: AppTest) -> None:
    app.selectbox(key="f_tax_withholding__nb").select("table_on_wages").run()
    assert app.session_state["f_tax_withholding"] == "table_on_wages"
    app.radio(key="lang").set_value("en").run()
    box = app.selectbox(key="f_tax_withholding__en")
    assert box.value == "table_on_wages" and "the employer has the table card" in box.options
    assert not app.exception


def test_no_work_steps_and_a_monthly_salary_both_run(app: AppTest) -> None:
    app.number_input(key="f_steps").set_value(0).run()
    assert not app.exception and "0 kr i måneden etter skatt" in headline(app)
    app.number_input(key="f_steps").set_value(1).run()
    app.checkbox(key="f_w0_salary").check().run()
    app.number_input(key="f_w0_pay").set_value(15000.0).run()
    assert not app.exception and not [e for e in app.error if "Feil" in e.value]


def test_hidden_fields_keep_their_values(app: AppTest) -> None:
    """Unticking a benefit (or removing a step) hides its fields; ticking it again brings the same figures back."""
    before = headline(app)
    basis = app.number_input(key="f_aap_basis").value
    app.checkbox(key="f_has_aap").uncheck().run()
    assert headline(app) != before
    app.checkbox(key="f_has_aap").check().run()
    assert app.number_input(key="f_aap_basis").value == basis and headline(app) == before
