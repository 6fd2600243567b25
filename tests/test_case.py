"""The case contract: loading, clear errors naming the field, and exact round-trips."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings

from benefit_calc.case.model import Case, load_case, parse_case
from benefit_calc.core.errors import BenefitCalcError, CaseError

from .strategies import aap_cases, benefit_cases, mutated_cases

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
MINIMAL = {"start": "2026-01", "months": 12, "client": {"birth_date": "1990-01-01", "benefits": {"aap": {"basis_g": 3}}}}


def with_(path: str, value: object) -> dict:
    case = json.loads(json.dumps(MINIMAL))
    *head, last = path.split(".")
    target = case
    for key in head:
        target = target.setdefault(key, {})
    target[last] = value
    return case


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_load_and_round_trip(path: Path) -> None:
    case = load_case(path)
    assert isinstance(case, Case)
    assert load_case(case.to_dict()) == case
    assert load_case(json.dumps(case.to_dict())) == case
    assert load_case(yaml.safe_dump(case.to_dict(), allow_unicode=True)) == case


def test_design_example_parses() -> None:
    """The case of the input contract (docs/architecture.md §5) (with the benefits this version models) loads as written."""
    text = """
schema: benefit-calc/case@1
start: 2026-01
months: 12
household:
  municipality: "0301"
  rent_per_month: 9000
  electricity_per_month: 800
  partner: null
  children: [{birth_date: 2019-05-01}]
client:
  birth_date: 1995-06-15
  benefits:
    aap: {basis_g: 2.8}
work:
  - {from: 2026-03, hours_per_week: 10, hourly_wage: 210}
  - {from: 2026-06, hours_per_week: 20, hourly_wage: 210}
scenarios:
  - {name: "20 timer fra mars", work: [{from: 2026-03, hours_per_week: 20, hourly_wage: 210}]}
"""
    case = load_case(text)
    assert case.start == date(2026, 1, 1) and case.months == 12
    assert case.work[1].hours_per_week == 20 and case.work[1].start == date(2026, 6, 1)
    assert case.household.children[0].birth_date == date(2019, 5, 1)
    assert case.client.benefits.aap is not None and case.client.benefits.aap.basis_g == 2.8
    assert case.scenarios[0].name == "20 timer fra mars"
    assert case.end == date(2027, 1, 1)


@pytest.mark.parametrize(("case", "field", "words"), [
    (with_("work", [{"from": "2026-03", "hours_per_week": 180, "hourly_wage": 200}]), "work[0].hours_per_week", "100 hours a week"),
    (with_("work", [{"from": "2026-03", "hours_per_week": 10}]), "work[0].hourly_wage", "required"),
    (with_("work", [{"from": "2026-03", "hours_per_week": 10, "hourly_wage": 200, "monthly_salary": 9}]),
     "work[0].monthly_salary", "not both"),
    (with_("work", [{"from": "2025-12", "hours_per_week": 10, "hourly_wage": 200}]), "work[0].from", "before"),
    (with_("work", [{"from": "2026-05", "hours_per_week": 1, "hourly_wage": 1},
                    {"from": "2026-04", "hours_per_week": 1, "hourly_wage": 1}]), "work[1].from", "rising"),
    (with_("work", [{"from": "March", "hours_per_week": 1, "hourly_wage": 1}]), "work[0].from", "YYYY-MM"),
    (with_("months", 61), "months", "60"),
    (with_("months", 0), "months", "below"),
    (with_("start", "2026-13"), "start", "YYYY-MM"),
    (with_("client.birth_date", "15.06.1995"), "client.birth_date", "write 1995-06-15"),
    (with_("start", "12.2026"), "start", "write 2026-12"),
    (with_("start", 10.2020), "start", "write 2020-10"),  # YAML reads 10.2020 as the number 10.202
    (with_("household.municipality", 4601), "household.municipality", 'in quotes, e.g. "4601"'),
    (with_("client.birth_date", "2026-02-30"), "client.birth_date", "not a date"),
    (with_("client.birth_date", "2026-05-01"), "client.birth_date", "not before the case's start"),
    (with_("client.birth_date", "1899-12-31"), "client.birth_date", "lowest allowed value 1900-01-01"),
    (with_("start", "2101-01"), "start", "highest allowed value 2100-12"),
    (with_("household.children", [{"birth_date": "2020-01-01"}] * 16), "household.children", "at most 15"),
    (with_("work", [{"from": "2026-03", "hours_per_week": 1, "hourly_wage": 1e308}]), "work[0].hourly_wage",
     "highest allowed value 100 000 kr an hour"),
    (with_("client.benefits.aap", {"basis_g": 350000}), "client.benefits.aap.basis_g", "looks like kroner, not G"),
    (with_("client.benefits.aap", {"basis_g": 25}), "client.benefits.aap.basis_g", "kroner go in basis"),
    (with_("household.partner", {"birth_date": "2030-01-01"}), "household.partner.birth_date", "not before"),
    (with_("client.benefits.aap", {"basis_g": 2, "basis": 300000}), "client.benefits.aap.basis_g", "exactly one"),
    (with_("client.benefits.aap", {"basis_g": "high"}), "client.benefits.aap.basis_g", "not a number"),
    (with_("client.benefits.aap", {"basis_g": 2, "arbeidsevne": 120}), "client.benefits.aap.arbeidsevne", "120"),
    (with_("client.benefits.sosialhjelp", {"income_month": "later"}), "client.benefits.sosialhjelp.income_month", "same_month"),
    (with_("client.benefits.uforetrygd", {"degree": 100}), "client.benefits.uforetrygd.ifu", "required"),
    (with_("client.benefits.uforetrygd", {"degree": 50, "ifu": 400000, "ieu": 450000, "full_benefit": 264000,
                                          "granted": "2020-01-01"}), "client.benefits.uforetrygd.ieu", "lower than ifu"),
    (with_("client.benefits.uforetrygd", {"degree": 50, "ifu": 400000, "full_benefit": 264000, "granted": "2020-01-01",
                                          "reports_income": "sometimes"}), "client.benefits.uforetrygd.reports_income",
     "on_job_start, never or a month"),
    (with_("client.benefits.dagpenger", {"basis": 400000}), "client.benefits.dagpenger.normal_hours_per_week", "required"),
    (with_("client.benefits.tiltakspenger", {"days_per_period": 15}), "client.benefits.tiltakspenger.days_per_period", "15"),
    (with_("household.municipality", 301), "household.municipality", "is a number; write the kommunenummer in quotes"),
    (with_("household.municipality", "Bergen"), "household.municipality", "four-digit"),
    (with_("tax", {"withholding": "both"}), "tax.withholding", "table_on_benefits"),
    (with_("colour", "blue"), "colour", "not a known field"),
    (with_("meldeperiode_start", "2026-01-06"), "meldeperiode_start", "Monday"),
    (with_("schema", "benefit-calc/case@9"), "schema", "not supported"),
])
def test_bad_input_names_the_field(case: dict, field: str, words: str) -> None:
    with pytest.raises(CaseError) as exc:
        parse_case(case)
    assert exc.value.field == field
    assert str(exc.value).startswith(field + ":")
    assert words in str(exc.value)


def test_bad_yaml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match=r"not valid YAML: .* \(line 2\)"):
        load_case("start: [2026\nmonths: 3")
    with pytest.raises(CaseError, match="cannot be read"):
        load_case(tmp_path / "missing.yaml")
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 1_100_000)
    with pytest.raises(CaseError, match="larger than"):
        load_case(big)


@settings(max_examples=150, deadline=None)
@given(aap_cases())
def test_any_valid_case_round_trips_exactly(data: dict) -> None:
    case = parse_case(data)
    assert parse_case(case.to_dict()) == case
    assert parse_case(json.loads(json.dumps(case.to_dict()))) == case


@settings(max_examples=300, deadline=None)
@given(mutated_cases())
def test_broken_input_raises_only_our_error_naming_a_field(data: dict) -> None:
    try:
        parse_case(data)
    except CaseError as exc:
        assert exc.field or "schema" in str(exc) or str(exc)
        assert isinstance(exc, BenefitCalcError) and isinstance(exc, ValueError)


@settings(max_examples=100, deadline=None)
@given(benefit_cases())
def test_every_benefit_round_trips_exactly(data: dict) -> None:
    case = parse_case(data)
    assert parse_case(case.to_dict()) == case


# ------------------------------------------------------------------ issue 21: hostile input to case files (7, 8, 10)

HEAD = "schema: benefit-calc/case@1\nstart: 2026-01\nmonths: 12\nclient: {birth_date: 1990-01-01}\n"


@pytest.mark.parametrize("form", ["1:30", "012", "0o12", "0xC8", "0b11", "2_00", "1_000.5", "1:30.5", "1e3"])
def test_a_number_not_written_as_a_person_writes_it_is_refused_at_the_field(form: str) -> None:
    """``hours_per_week: 1:30`` was 90 hours (base 60), ``012`` 10, ``0xC8`` and ``2_00`` 200."""
    text = HEAD + f"work:\n  - {{from: 2026-01, hours_per_week: {form}, hourly_wage: 200}}\n"
    with pytest.raises(CaseError) as exc:
        load_case(text)
    assert exc.value.field == "work[0].hours_per_week"
    assert exc.value.key == "number_form" and f"'{form}'" in str(exc.value)
    for lang in ("nb", "nn", "en"):
        message = exc.value.message(lang, path=True)
        assert "work[0].hours_per_week" in message and f"'{form}'" in message and "1:30" in message


def test_plain_numbers_in_a_case_file_still_read() -> None:
    case = load_case(HEAD + "work:\n  - {from: 2026-01, hours_per_week: .5, hourly_wage: 200.}\n"
                     "  - {from: 2026-02, hours_per_week: 37.5, hourly_wage: 1.95e+2}\n")
    assert [(w.hours_per_week, w.hourly_wage) for w in case.work] == [(0.5, 200.0), (37.5, 195.0)]


def test_an_unquoted_kommunenummer_with_a_leading_zero_is_the_kommune() -> None:
    """``municipality: 0301`` was octal 193; it is now the text 0301 (Oslo), as a person meant it."""
    case = load_case(HEAD.replace("client:", "household: {municipality: 0301}\nclient:"))
    assert case.household.municipality == "0301"


@pytest.mark.parametrize(("key", "shown"), [
    ("months\u200b", "'months\\u200b'"),  # zero-width space: looked like the allowed key "months"
    ("mon\u202eths", "'mon\\u202eths'"),  # right-to-left override
    ("\x1b[2J", "'\\x1b[2J'"),  # ANSI: cleared the terminal
    ("a\u3164b", "'a\\u3164b'"),
])
def test_an_unknown_key_is_named_escaped(key: str, shown: str) -> None:
    for where, data in [("", {**MINIMAL, key: 3}),
                        ("client.", {**MINIMAL, "client": {**MINIMAL["client"], key: 3}}),  # type: ignore[dict-item]
                        ("work[0].", {**MINIMAL, "work": [{"from": "2026-01", key: 1}]})]:
        with pytest.raises(CaseError) as exc:
            parse_case(data)
        assert exc.value.field == where + shown and exc.value.key == "unknown_field"
        for message in (str(exc.value), *(exc.value.message(lang, path=True) for lang in ("nb", "nn", "en"))):
            assert shown in message and key not in message, message
            assert not any(c in message for c in "\x1b\u200b\u202e\u3164"), message


def _hard_limits() -> None:
    """For a child process: a regression may not eat the machine's memory (reading /dev/zero to its end)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


UNIX = pytest.mark.skipif(sys.platform == "win32", reason="/dev/zero, FIFOs and resource limits are Unix")


@UNIX
def test_dev_zero_is_read_no_further_than_the_limit() -> None:
    """``/dev/zero`` says its size is 0; reading it to its end never ends. In a child process with a time and a
    memory limit, so a regression fails instead of hanging."""
    import subprocess
    import sys

    code = ("from pathlib import Path\nfrom benefit_calc.case.model import load_case\n"
            "from benefit_calc.core.errors import CaseError\n"
            "try:\n    load_case(Path('/dev/zero'))\nexcept CaseError as exc:\n    print(exc.key, exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         preexec_fn=_hard_limits)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.startswith("file_too_big") and "1000 kB" in out.stdout, out.stdout


@UNIX
def test_a_fifo_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    """A FIFO (size 0) fed without end by a writer: the case loader stops one byte past the limit."""
    import os
    import threading

    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    written = [0]

    def writer() -> None:
        block = b"#" * 65536
        try:
            with open(fifo, "wb") as f:
                while written[0] < 50_000_000:  # bounded, so a regression ends too
                    f.write(block)
                    written[0] += len(block)
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    with pytest.raises(CaseError) as exc:
        load_case(fifo)
    thread.join(30)
    assert exc.value.key == "file_too_big"
    assert written[0] < 3_000_000, written[0]  # the limit, one byte, and what the pipe held
