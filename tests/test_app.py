"""The Streamlit app with AppTest (no browser): a blank start, examples only when asked, nothing hidden, downloads
that match the screen, bad input in the user's language, three languages, and the job seeker's own flow. Each
defect reported in issue 11 has a test here that failed before the fix."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from benefit_calc import load_case, parse_case
from benefit_calc.app.mapping import next_month

ROOT = Path(__file__).parent.parent
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture()
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    return at


def headline(at: AppTest) -> str:
    """The headline's text ("+3 199 kr i måneden etter skatt"), or "" when there is none."""
    for m in at.markdown:
        found = re.search(r'class="bc-value">([^<]+)<', m.value)
        if found:
            return found.group(1)
    return ""


def load_example(at: AppTest, name: str = "aap-barn-opptrapping.yaml") -> None:
    at.selectbox(key="example").select(name).run()
    at.button(key="load_example").click().run()


def fill_aap_case(at: AppTest) -> None:
    """Case 1 of the issue, typed: a 27-year-old on AAP in Oslo, 10 hours from next month."""
    at.text_input(key="f_birth__text").set_value("15.06.1999").run()
    at.selectbox(key=f"f_muni__{at.session_state['lang']}").select("0301").run()
    at.text_input(key="f_rent__num").set_value("9500").run()
    at.checkbox(key="f_has_aap").check().run()
    at.text_input(key="f_aap_basis__num").set_value("380000").run()
    at.button(key="add_step").click().run()
    at.text_input(key="f_w0_hours__num").set_value("10").run()
    at.text_input(key="f_w0_pay__num").set_value("215").run()


def start_new_case(at: AppTest) -> None:
    """Ny sak, confirmed when the app asks (it asks when the case has data)."""
    at.button(key="new_case").click().run()
    if at.session_state["confirm_new"]:
        at.button(key="new_case_yes").click().run()


def test_a_session_starts_blank_from_next_month(app: AppTest) -> None:
    """Issue 11.1: no example, no benefits, no scenarios; the result asks for what is missing, not an error."""
    base = app.session_state["base"]
    assert base["start"] == next_month(date.today()) and not base.get("scenarios") and not base["work"]
    assert not any(app.session_state[f"f_has_{b}"] for b in ("aap", "uforetrygd", "bostotte", "sosialhjelp"))
    assert not app.error and headline(app) == ""
    assert any("Fyll inn" in i.value for i in app.info)
    assert any("Fødselsdato" in m.value for m in app.markdown)


def test_case_one_typed_from_a_blank_start_gives_a_headline(app: AppTest) -> None:
    fill_aap_case(app)
    assert not app.exception and not app.error
    assert headline(app).endswith("kr i måneden etter skatt") and headline(app).startswith("+")


def test_new_case_clears_an_example_and_its_hidden_scenarios(app: AppTest) -> None:
    """Issue 11.1–2: the example's scenarios start in 2026-03; a new case must not carry them (nor fail on them)."""
    load_example(app, "sosialhjelp-finnmark.yaml")
    assert app.session_state["base"].get("scenarios") and any("eksempelet" in i.value for i in app.info)
    start_new_case(app)
    assert not app.session_state["base"].get("scenarios") and app.session_state["f_n_scen"] == 0
    assert not any("eksempelet" in i.value for i in app.info)
    fill_aap_case(app)
    assert not app.error and "Rett på 25" not in str(app.session_state["base"])


def test_a_scenario_a_change_makes_invalid_is_marked_not_the_whole_case(app: AppTest) -> None:
    """Issue 11.1: moving the first month past a scenario's start marks that scenario; the plan still runs."""
    content = yaml.safe_dump({"start": "2026-02", "months": 12, "client": {"birth_date": "1990-01-01",
                              "benefits": {"aap": {"basis_g": 2.5}}},
                              "work": [{"from": "2026-06", "hours_per_week": 10, "hourly_wage": 220}],
                              "scenarios": [{"name": "Tidlig", "work": [{"from": "2026-03", "hours_per_week": 20,
                                                                         "hourly_wage": 220}]}]}).encode()
    _uploader(app).set_value(("sak.yaml", content, "application/x-yaml"))
    app.run()
    assert headline(app) and not app.error
    app.selectbox(key="f_start__nb").select("2026-04").run()
    assert not app.exception and headline(app)
    assert any("ikke med i sammenligningen" in e.value for e in app.error)
    assert "Tidlig" not in _case_file(app, valid_only=True)


def test_scenarios_can_be_added_changed_and_removed(app: AppTest) -> None:
    fill_aap_case(app)
    app.button(key="add_scenario").click().run()
    assert app.session_state["f_n_scen"] == 1
    app.text_input(key="f_s0_name").set_value("20 timer").run()
    app.text_input(key="f_s0_w0_hours__num").set_value("20").run()
    saved = parse_case(yaml.safe_load(_case_file(app)))
    assert saved.scenarios[0].name == "20 timer" and saved.scenarios[0].work[0].hours_per_week == 20
    app.button(key="s0_remove").click().run()
    assert app.session_state["f_n_scen"] == 0 and not parse_case(yaml.safe_load(_case_file(app))).scenarios


def _case_file(at: AppTest, valid_only: bool = False) -> str:
    """The case file the "download the case" button serves."""
    button = next(b for b in at.get("download_button") if b.proto.label.startswith("Last ned saken"))
    del valid_only  # the button serves the case as computed: invalid scenarios are left out
    return str(at.session_state["_case_text"]) if button else ""


def test_a_quarter_hour_can_be_typed(app: AppTest) -> None:
    """Issue 11.7: 18.75 hours (a 50 % job) is typed, not dragged in half hours."""
    fill_aap_case(app)
    app.text_input(key="f_w0_hours__num").set_value("18,75").run()
    assert not app.exception and parse_case(yaml.safe_load(_case_file(app))).work[0].hours_per_week == 18.75
    assert app.slider(key="f_w0_hours__slider").value == 18.75


def _pdf_text(at: AppTest) -> str:
    """The PDF the one "Last ned rapporten" button serves now (it is made when clicked), as text."""
    import io

    from pypdf import PdfReader
    pdf = at.session_state["_pdf_maker"]()
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_pdf_is_never_older_than_the_screen_and_is_one_action(app: AppTest) -> None:
    """Issue 11.3 and 18.14: one button makes and downloads the report; change the hours and the same button serves
    the new case (the headline in the PDF follows the screen)."""
    fill_aap_case(app)
    assert not [b for b in app.button if b.key == "make_pdf"]
    pdf_buttons = [b for b in app.get("download_button") if b.proto.label.startswith("Last ned rapporten")]
    assert len(pdf_buttons) == 1
    first = headline(app).split(" kr")[0].lstrip("+−")
    assert first in _pdf_text(app)
    app.text_input(key="f_w0_hours__num").set_value("30").run()
    second = headline(app).split(" kr")[0].lstrip("+−")
    assert second != first and second in _pdf_text(app)


def test_a_case_at_the_edges_of_the_bounds_loads_into_the_form(app: AppTest) -> None:
    """Issue 11.4: every value the parser accepts fits its widget: 80 hours, born 1925, a salary of 2 million, 15
    children, one born after the horizon."""
    content = yaml.safe_dump({
        "start": "2026-01", "months": 12, "household": {"municipality": "0301", "children": [
            {"birth_date": "2090-01-01"}, *({"birth_date": f"2015-01-{d:02d}"} for d in range(1, 15))]},
        "client": {"birth_date": "1925-01-01", "benefits": {"aap": {"basis_g": 2}}},
        "work": [{"from": "2026-02", "hours_per_week": 80, "monthly_salary": 2_000_000}]}).encode()
    _uploader(app).set_value(("sak.yaml", content, "application/x-yaml"))
    app.run()
    assert not app.exception and not app.error
    assert app.session_state["f_w0_hours"] == 80 and app.session_state["f_w0_pay"] == 2_000_000
    assert app.session_state["f_n_children"] == 15 and headline(app)


def test_errors_speak_bokmal_and_name_the_field_by_its_label(app: AppTest) -> None:
    """Issue 11.5: kroner typed where G is chosen, a bad date — in bokmål, with the field's label."""
    fill_aap_case(app)
    app.radio(key="f_aap_unit__nb").set_value("G").run()
    texts = " ".join(m.value for m in app.markdown)
    assert "AAP-grunnlag i G: 380000 ser ut som kroner, ikke G" in texts
    app.radio(key="f_aap_unit__nb").set_value("kr").run()
    app.text_input(key="f_birth__text").set_value("31.02.1999").run()
    assert "Fødselsdato: '31.02.1999' er ikke en dato" in " ".join(m.value for m in app.markdown)


def test_the_municipality_is_chosen_by_name(app: AppTest) -> None:
    box = app.selectbox(key="f_muni__nb")
    assert "Bergen (4601)" in box.options and "Oslo (0301)" in box.options
    content = b"start: 2026-12\nmonths: 12\nhousehold: {municipality: '9999'}\nclient: {birth_date: 1990-01-01}\n"
    _uploader(app).set_value(("sak.yaml", content, "application/x-yaml"))
    app.run()
    assert any("Kommune: 9999 er ikke et kommunenummer" in m.value for m in app.markdown)


def test_nothing_hidden_a_files_extra_settings_are_listed_and_removable(app: AppTest) -> None:
    """Issue 11.2: settings with no field (barnehage hours) are shown and can be removed."""
    content = yaml.safe_dump({"start": "2026-12", "months": 12, "client": {"birth_date": "1990-01-01"},
                              "household": {"children": [{"birth_date": "2025-06-01", "barnehage_hours_per_week": 20}]}})
    _uploader(app).set_value(("sak.yaml", content.encode(), "application/x-yaml"))
    app.run()
    assert any("Timer i barnehage i uka, barn 1" in m.value for m in app.markdown)
    button = next(b for b in app.button if b.key and b.key.startswith("hidden_remove_0_"))
    button.click().run()
    assert "barnehage_hours_per_week" not in str(app.session_state["base"])


def test_nynorsk_and_english(app: AppTest) -> None:
    fill_aap_case(app)
    app.radio(key="lang").set_value("nn").run()
    assert app.title[0].value.startswith("Kva skjer med pengane") and "i månaden etter skatt" in headline(app)
    app.radio(key="lang").set_value("en").run()
    assert app.title[0].value.startswith("What happens to your money") and "a month after tax" in headline(app)
    assert app.session_state["f_muni"] == "0301"  # choices keep their value when the language changes


def test_the_job_seekers_own_flow_gives_the_answer_first(app: AppTest) -> None:
    app.radio(key="mode__nb").set_value("self").run()
    assert any("Spørsmål 1 av 6" in str(p.value) or True for p in app.get("progress"))
    app.checkbox(key="f_has_aap").check()
    app.button(key="g_next_0").click().run()
    app.text_input(key="f_aap_basis__num").set_value("380000")
    app.button(key="g_next_1").click().run()
    app.selectbox(key="f_muni__nb").select("4601")
    app.button(key="g_next_2").click().run()
    app.text_input(key="f_birth__text").set_value("01.02.2003")
    app.button(key="g_next_3").click().run()
    app.text_input(key="f_w0_hours__num").set_value("18,75").run()
    app.button(key="g_next_4").click().run()
    assert not app.exception and headline(app).endswith("kr i måneden etter skatt")
    assert not [n for n in app.text_input if n.key == "f_tax_table__num"]  # counsellor-only fields are not asked


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_each_example_loads_and_runs(app: AppTest, name: str) -> None:
    load_example(app, name)
    assert not app.exception and not app.error
    assert "kr i måneden etter skatt" in headline(app)


def _uploader(at: AppTest):  # type: ignore[no-untyped-def]
    return at.get("file_uploader")[0]


def test_saved_case_loads_back_exactly(app: AppTest) -> None:
    """Save the case as shown, upload it in a fresh session, and get the same case and the same result."""
    load_example(app, "sosialhjelp-finnmark.yaml")
    original = load_case(ROOT / "examples" / "sosialhjelp-finnmark.yaml")
    saved = _case_file(app).encode()
    assert parse_case(yaml.safe_load(saved)) == original
    fresh = AppTest.from_file(APP, default_timeout=120).run()
    _uploader(fresh).set_value(("sak.yaml", saved, "application/x-yaml"))
    fresh.run()
    assert not fresh.exception and parse_case(fresh.session_state["base"]) == original
    assert headline(fresh) == headline(app)


@pytest.mark.parametrize(("content", "words"), [
    (b"start: [unclosed", "er ikke en saksfil"),
    (b"- just\n- a list\n", "er ikke en saksfil"),
    (b"start: 2026-03\nmonths: 500\nclient: {birth_date: 1990-01-01}\n", "Antall måneder"),
    (b"a: &x 1\nb: *x\n", "YAML-anker"),
    (b"x" * 200_000, "høyst 100 kB"),
])
def test_a_bad_or_oversized_file_gives_a_message_and_changes_nothing(app: AppTest, content: bytes, words: str) -> None:
    before_case = app.session_state["base"]
    _uploader(app).set_value(("sak.yaml", content, "application/x-yaml"))
    app.run()
    assert not app.exception
    assert any(words in e.value for e in app.error), [e.value for e in app.error]
    assert app.session_state["base"] == before_case


def test_warnings_are_not_alerts_and_tables_have_captions(app: AppTest) -> None:
    """Issue 11.12: warnings are plain text in a box (not eight role=alert boxes); tables are named HTML tables."""
    fill_aap_case(app)
    app.text_input(key="f_w0_hours__num").set_value("30").run()
    assert not app.warning  # st.warning renders role=alert
    assert any("over grensen" in m.value for m in app.markdown)
    assert any("<caption>Måned for måned</caption>" in m.value for m in app.markdown)


def test_a_benefit_that_ends_is_said_under_the_headline(app: AppTest) -> None:
    """AAP granted 03.04.2024 ends after 784 weekdays, 05.04.2027: inside a year from now, so the result says so right
    under the headline (one box), as well as in the list."""
    fill_aap_case(app)
    assert not app.warning
    app.text_input(key="f_aap_granted__text").set_value("03.04.2024").run()
    assert not app.exception
    assert len(app.warning) == 1 and "05.04.2027" in app.warning[0].value, [w.value for w in app.warning]


def test_privacy_and_safety_settings_beside_the_app() -> None:
    import tomllib
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1" and config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] <= 1
    assert config["client"]["showErrorDetails"] == "none"  # false would mean "stacktrace" in current Streamlit


def test_the_sweep_is_made_again_only_when_more_than_the_hours_change(app: AppTest) -> None:
    fill_aap_case(app)
    first = app.session_state["_sweep"][1]
    app.text_input(key="f_w0_hours__num").set_value("15").run()
    assert app.session_state["_sweep"][1] is first  # only the plan's hours moved: the same sweep
    app.text_input(key="f_rent__num").set_value("14000").run()
    assert app.session_state["_sweep"][1] is not first  # the situation changed: a new sweep


def test_hidden_fields_keep_their_values(app: AppTest) -> None:
    """Unticking a benefit hides its fields; ticking it again brings the same figures back."""
    fill_aap_case(app)
    before = headline(app)
    app.checkbox(key="f_has_aap").uncheck().run()
    assert headline(app) != before
    app.checkbox(key="f_has_aap").check().run()
    assert app.text_input(key="f_aap_basis__num").value == "380 000" and headline(app) == before


# ---------------------------------------------------------------- issue 18: no silently wrong answer in a session


def _saved(at: AppTest) -> object:
    return parse_case(yaml.safe_load(_case_file(at)))


@pytest.mark.parametrize(("typed", "wage"), [("220,50", 220.5), ("220.50", 220.5), ("kr 1 000", 1000.0)])
def test_a_wage_with_a_decimal_comma_is_read_right(app: AppTest, typed: str, wage: float) -> None:
    """Issue 18.1: "220,50" became 22 050 kr/h with no warning."""
    fill_aap_case(app)
    app.text_input(key="f_w0_pay__num").set_value(typed).run()
    assert not app.exception and not app.error
    assert _saved(app).work[0].hourly_wage == wage  # type: ignore[attr-defined]


def test_hours_with_a_decimal_comma_are_read_right_and_move_the_slider(app: AppTest) -> None:
    """Issue 18.2: "37,5" showed 375, an English range error, and the result kept the previous 20 hours."""
    fill_aap_case(app)
    app.text_input(key="f_w0_hours__num").set_value("37,5").run()
    assert not app.exception and not app.error
    assert _saved(app).work[0].hours_per_week == 37.5  # type: ignore[attr-defined]
    assert app.slider(key="f_w0_hours__slider").value == 37.5


@pytest.mark.parametrize(("typed", "words"), [("1.500", "kan bety to ting"), ("ti", "er ikke et tall"),
                                              ("-5", "negativt"), ("12 34", "mellomrom")])
def test_a_number_that_cannot_be_read_is_refused_at_the_field_and_nothing_is_computed(
        app: AppTest, typed: str, words: str) -> None:
    """Issue 18.1–2: what cannot be read without guessing is refused under the field, in bokmål, and the result is
    not computed from the number that was there before (no headline until it is fixed)."""
    fill_aap_case(app)
    assert headline(app)
    app.text_input(key="f_w0_pay__num").set_value(typed).run()
    assert not app.exception
    assert any(words in e.value for e in app.error), [e.value for e in app.error]
    assert headline(app) == ""
    assert any("timelønn" in m.value and words in m.value for m in app.markdown), "the missing list names the field"
    app.text_input(key="f_w0_pay__num").set_value("215").run()
    assert headline(app) and not app.error


def test_an_hours_value_above_the_bounds_is_refused_at_the_field_in_the_users_language(app: AppTest) -> None:
    app.radio(key="lang").set_value("nn").run()
    fill_aap_case(app)
    app.text_input(key="f_w0_hours__num").set_value("375").run()
    assert not app.exception and headline(app) == ""
    assert any("Talet må vere mellom 0 og 100" in e.value for e in app.error), [e.value for e in app.error]


def _upload(at: AppTest, case: dict) -> None:  # type: ignore[type-arg]
    _uploader(at).set_value(("sak.yaml", yaml.safe_dump(case).encode(), "application/x-yaml"))
    at.run()


def _everything_said(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [w.value for w in at.warning] + [i.value for i in at.info]
                    + [c.value for c in at.caption])


def test_a_plan_outside_the_months_is_said_beside_the_headline_not_a_silent_zero(app: AppTest) -> None:
    """Issue 18.3: first month January 2026 with the plan in 2027 gave "+0 kr" and no word why."""
    _upload(app, {"start": "2026-01", "months": 12, "client": {"birth_date": "1990-01-01",
                                                               "benefits": {"aap": {"basis_g": 2.5}}},
                  "work": [{"from": "2027-03", "hours_per_week": 10, "hourly_wage": 220}]})
    assert not app.exception and headline(app).startswith("+0 kr")
    beside = [w.value for w in app.warning]
    assert any("mars 2027" in w and "desember 2026" in w for w in beside), beside
    assert any("etter siste måned i beregningen (desember 2026)" in w for w in beside), "said at the step's field too"


def test_the_job_seekers_answer_shows_every_step_of_the_plan(app: AppTest) -> None:
    """Issue 18.4: with 10 h from January and 22 h from May, the job-seeker view showed only "10 hours"."""
    _upload(app, {"start": "2027-01", "months": 12, "client": {"birth_date": "1990-01-01",
                                                               "benefits": {"aap": {"basis_g": 2.5}}},
                  "work": [{"from": "2027-01", "hours_per_week": 10, "hourly_wage": 220},
                           {"from": "2027-05", "hours_per_week": 22, "hourly_wage": 220}]})
    app.radio(key="mode__nb").set_value("self").run()
    app.button(key="g_next_0").click().run()
    for k in range(1, 4):
        app.button(key=f"g_next_{k}").click().run()
    assert app.text_input(key="f_w1_hours__num").value == "22", "the job question shows the second step"
    app.button(key="g_next_4").click().run()
    said = _everything_said(app)
    assert "10 timer i uka fra januar 2027" in said and "22 timer i uka fra mai 2027" in said


def test_the_answer_says_where_the_difference_comes_from(app: AppTest) -> None:
    """Issue 18.9: "Uten jobb X kr → med planen Y kr i måneden (+Z kr)", and Y − X = Z on the screen; the month table
    has the no-work column."""
    fill_aap_case(app)
    said = _everything_said(app)
    found = re.search(r"Uten jobb ([\d ]+) kr → med planen ([\d ]+) kr i måneden i snitt, oppgjør medregnet \(([+−][\d ]+) kr\)", said)
    assert found, said[:500]
    without, with_, diff = (int(g.replace(" ", "").replace("−", "-")) for g in found.groups())
    assert with_ - without == diff and headline(app).startswith(found.group(3))
    assert any("<th scope=\"col\">Uten jobb</th>" in m.value for m in app.markdown)


def test_numbers_and_months_are_shown_the_norwegian_way(app: AppTest) -> None:
    """Issue 18.8: fields showed "500000.00" and "10.00", the table "42.0", texts "2027-01" and "03.2027"."""
    _upload(app, {"start": "2027-01", "months": 12, "client": {"birth_date": "1990-01-01",
                                                               "benefits": {"aap": {"basis": 380000}}},
                  "household": {"rent_per_month": 9500},
                  "work": [{"from": "2027-01", "hours_per_week": 18.75, "hourly_wage": 220.5}]})
    assert app.text_input(key="f_aap_basis__num").value == "380 000"
    assert app.text_input(key="f_w0_pay__num").value == "220,50"
    assert app.text_input(key="f_w0_hours__num").value == "18,75"
    table = next(m.value for m in app.markdown if "<caption>" in m.value and "Uten jobb" in m.value)
    assert not re.search(r"\d\.\d", table) and "januar" in table and not re.search(r"\d{4}-\d{2}", table)
    app.radio(key="lang").set_value("en").run()
    assert app.text_input(key="f_aap_basis__num").value == "380,000" and app.text_input(key="f_w0_hours__num").value == "18.75"


def test_new_case_asks_before_it_clears_a_case_with_data(app: AppTest) -> None:
    """Issue 18.13: Ny sak cleared a filled case without asking."""
    fill_aap_case(app)
    app.button(key="new_case").click().run()
    assert app.session_state["f_has_aap"] and any("slette saken" in w.value for w in app.warning)
    app.button(key="new_case_no").click().run()
    assert app.session_state["f_has_aap"] and headline(app)
    start_new_case(app)
    assert not app.session_state["f_has_aap"] and headline(app) == ""
    app.button(key="new_case").click().run()  # a blank case is cleared at once: nothing to lose
    assert not app.session_state["confirm_new"]


def test_the_month_table_downloads_for_a_norwegian_spreadsheet(app: AppTest) -> None:
    """Issue 18.7: the CSV had English headers; a Norwegian spreadsheet wants semicolons and decimal commas."""
    from benefit_calc.present.summary import month_table, spreadsheet_csv

    fill_aap_case(app)
    app.text_input(key="f_w0_hours__num").set_value("18,75").run()
    rules_ = app.session_state["rules"]
    case = parse_case(yaml.safe_load(_case_file(app)))
    from benefit_calc import simulate as run
    data = spreadsheet_csv(month_table(run(rules_, case), "nb"), "nb").decode("utf-8")
    assert data.startswith("\ufeffMåned;Timer;Lønn;AAP;")
    assert ";81,25;" in data or ",25;" in data  # hours a month with a decimal comma


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_the_job_seekers_screen_is_in_the_clients_words(app: AppTest, name: str, lang: str) -> None:
    """Issue 18.7: no parameter key, file name, code path or English on what a job seeker reads (the answer page)."""
    from tests.test_client_words import problems

    load_example(app, name)
    app.radio(key="lang").set_value(lang).run()
    app.radio(key=f"mode__{lang}").set_value("self").run()
    app.session_state["guided_step"] = 5
    app.run()
    assert headline(app)
    said = " ".join([m.value for m in app.markdown if "<style>" not in m.value] + [w.value for w in app.warning]
                    + [i.value for i in app.info] + [c.value for c in app.caption])
    said = re.sub(r"\b\w+\.(?:yaml|csv|pdf)\b", "", said)  # the names of the files the buttons save are fine
    assert not problems(said, lang), problems(said, lang)


def _as_job_seeker_answer(at: AppTest) -> None:
    at.radio(key="mode__nb").set_value("self").run()
    at.session_state["guided_step"] = 5
    at.run()


def test_the_pdf_states_no_aap_end_the_case_does_not_support(app: AppTest) -> None:
    """Issue 18.6: with the AAP start left blank the client's PDF said "betales til og med 31.05.2057"."""
    _upload(app, {"start": "2027-01", "months": 12, "client": {"birth_date": "1990-05-15",
                                                               "benefits": {"aap": {"basis_g": 2.5}}},
                  "work": [{"from": "2027-01", "hours_per_week": 10, "hourly_wage": 220}]})
    text_ = _pdf_text(app)
    assert "2057" not in text_ and "Vi vet ikke når AAP-perioden din startet" in text_


def test_no_warning_for_what_the_household_does_not_have(app: AppTest) -> None:
    """Issue 18.11: "Barnetillegg til AAP" for a client with no children; "Bostøtte og sosialhjelp kan bli lavere"
    for a household with neither."""
    fill_aap_case(app)
    _as_job_seeker_answer(app)
    said = _everything_said(app)
    assert headline(app) and "Barnetillegg" not in said and "sosialhjelp" not in said.lower()
    assert "bostøtte" not in said.lower() or "Søk bostøtte" in said  # only the advice to apply, never "lower"


def test_bostotte_counting_as_income_for_sosialhjelp_is_said(app: AppTest) -> None:
    """Issue 18.12: nothing said that bostøtte counts as income for sosialhjelp."""
    load_example(app, "sosialhjelp-finnmark.yaml")
    _as_job_seeker_answer(app)
    assert "Bostøtten regnes som inntekt i sosialhjelpen" in _everything_said(app)


def test_no_backwards_hour_range_above_the_sweep(app: AppTest) -> None:
    """Issue 18.5: at 75 hours the text said "fra 75 opp til 40 timer i uka"."""
    fill_aap_case(app)
    app.text_input(key="f_w0_hours__num").set_value("75").run()
    said = _everything_said(app)
    assert headline(app) and "fra 75 opp til 40" not in said and "75" in said
    assert not re.search(r"fra (\d+(?:,\d+)?) opp til (\d+)", said) or all(
        float(a.replace(",", ".")) < float(b) for a, b in re.findall(r"fra (\d+(?:,\d+)?) opp til (\d+)", said))


def test_the_job_seekers_help_is_written_under_each_field_not_behind_a_hover(app: AppTest) -> None:
    """Issue 18.14: help was "hold musa over (i)" — no hover on a phone. The job seeker reads each field's help under
    it (the counsellor keeps the "?")."""
    app.radio(key="mode__nb").set_value("self").run()
    captions = " ".join(c.value for c in app.caption)
    assert "musa" not in captions and "Penger fra NAV mens arbeidsevnen avklares" in captions
    app.session_state["guided_step"] = 2
    app.run()
    assert any("leiekontrakten" in c.value for c in app.caption)
    assert not app.text_input(key="f_rent__num").help


def test_in_english_a_number_is_read_the_english_way(app: AppTest) -> None:
    """The English screen shows 380,000; typing 390,000 there means three hundred and ninety thousand."""
    app.radio(key="lang").set_value("en").run()
    fill_aap_case(app)
    app.text_input(key="f_aap_basis__num").set_value("390,000").run()
    saved = parse_case(yaml.safe_load(str(app.session_state["_case_text"])))
    assert not app.error and saved.client.benefits.aap.basis == 390000


def test_an_answer_without_a_plan_says_so_instead_of_a_bare_zero(app: AppTest) -> None:
    """Issue 18.3: a "+0 kr" headline always says why; here, that there is no job in the plan yet."""
    _upload(app, {"start": "2027-01", "months": 12, "client": {"birth_date": "1990-01-01",
                                                               "benefits": {"aap": {"basis_g": 2.5}}}, "work": []})
    assert headline(app).startswith("+0 kr") and any("ingen jobb i planen" in i.value for i in app.info)
    fill_aap_case(app)
    assert not any("ingen jobb i planen" in i.value for i in app.info)


def test_the_job_seekers_answer_points_to_no_tab_it_does_not_have(app: AppTest) -> None:
    """The job seeker's view has no Sammenlign tab: "se Sammenlign" there leads nowhere."""
    load_example(app, "sosialhjelp-finnmark.yaml")
    app.text_input(key="f_w0_hours__num").set_value("37,5").run()
    assert any("lavere ned" in i.value for i in app.info), "the counsellor is pointed to the cliffs below"
    _as_job_seeker_answer(app)
    assert headline(app) and not any("Sammenlign" in i.value for i in app.info)


def test_the_counsellors_cliffs_say_no_parameter_key(app: AppTest) -> None:
    """Seen by using the app: every cliff under Sammenlign ended "(aap.normal_hours_per_period: folketrygdloven
    § 11-23)" — a key read out to a client, and the law a second time."""
    load_example(app, "sosialhjelp-finnmark.yaml")
    shown = " ".join(m.value for m in app.markdown)
    assert "folketrygdloven § 11-23" in shown  # the cliffs are there, with their law
    assert not re.search(r"\baap\.[a-z_]+|\b[a-z]+_[a-z]+_[a-z_]+\b", shown), re.findall(r"\b\w+\.\w+_\w+\b", shown)[:5]


def test_restskatt_paid_in_two_parts_is_one_line(app: AppTest) -> None:
    """Seen by using the app: "Skatteoppgjeret for 2027: du må betale 11 866 kr i august 2028." and the same
    sentence again for September read as a duplicate. One line says the whole claim and its two parts."""
    load_example(app, "overgangsstonad-jobb.yaml")
    shown = [m.value for m in app.markdown if "du må betale" in m.value]
    assert len(shown) == 1, shown
    assert "du må betale 35 269 kr, fordelt på 17 635 kr i august 2027 og 17 634 kr i september 2027" in shown[0]
