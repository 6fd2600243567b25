"""Reading untrusted YAML and JSON within bounds (benefit_calc.safe_load)."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benefit_calc.core.safe_load import MAX_BYTES, MAX_DEPTH, MAX_NODES, SHOWN, DocumentError, parse, show


@pytest.mark.parametrize(("text", "words"), [
    ("a: &x 1\nb: *x\n", "anchor (&name)"),
    ("a: [1]\nb: *x\n", "YAML alias (*name)"),  # refused before anyone looks up what it points to
    ("a: !!python/object/apply:os.system [true]\n", "YAML tag"),
    ("a: !!binary aGk=\n", "YAML tag"),
    ("a: 1\na: 2\n", "writes the key 'a' twice"),
    ('{"a": 1, "a": 2}', "writes the key 'a' twice"),
    ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), f"more than {MAX_DEPTH} levels"),
    ('{"a": ' + "[" * 5000 + "]" * 5000 + "}", f"more than {MAX_DEPTH} levels"),
    ("- 1\n" * (MAX_NODES + 1), "values"),
    ("a: " + "9" * 5000, "cannot be read"),
    ('{"a": ' + "9" * 5000 + "}", "cannot be read"),
    ('{"a": "\\ud800"}', "not valid Unicode"),
    ("a: 1\x00", "NUL"),
    ("a: [1, 2", "not valid YAML"),
    ('{"a": 1,}', "not valid JSON"),
    ("x" * 1_000_001, "larger than 1000 kB"),
    ("? [a, b]\n: 1\n", "list or mapping as a key"),
])
def test_refused_with_a_plain_reason(text: str, words: str) -> None:
    with pytest.raises(DocumentError) as exc:
        parse(text)
    assert words in str(exc.value)


def test_bytes_must_be_utf8_and_a_bom_is_fine() -> None:
    with pytest.raises(DocumentError, match="not UTF-8"):
        parse(b"a: \xff\xfe")
    assert parse("\ufeffa: 1".encode()) == {"a": 1}


def test_dates_stay_text_and_plain_values_load() -> None:
    assert parse("d: 2026-02-30\nm: 2026-01\nn: 1.5\nb: true\nz: null\ns: '0301'") == {
        "d": "2026-02-30", "m": "2026-01", "n": 1.5, "b": True, "z": None, "s": "0301"}
    assert parse('{"start": "2026-01", "months": 12}') == {"start": "2026-01", "months": 12}


def test_brackets_inside_json_strings_do_not_count_as_nesting() -> None:
    assert parse('{"a": "' + "[" * 100 + '"}') == {"a": "[" * 100}


def test_the_line_of_the_problem_is_named() -> None:
    with pytest.raises(DocumentError) as exc:
        parse("a: 1\nb: 2\nb: 3\n")
    assert exc.value.line == 3


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=500), st.binary(max_size=50)),
                    lambda c: st.one_of(st.lists(c, max_size=50), st.dictionaries(st.text(max_size=20), c, max_size=50)),
                    max_leaves=200))
def test_show_is_short_whatever_it_is_given(value: object) -> None:
    assert len(show(value)) <= SHOWN


def test_show_bounds_a_billion_laughs_without_expanding_it() -> None:
    inner: list = ["lol"] * 9
    for _ in range(30):
        inner = [inner] * 9  # 9**30 leaves if expanded
    assert len(show(inner)) <= SHOWN


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_or_gives_a_document_error(text: str) -> None:
    try:
        parse(text)
    except DocumentError:
        pass


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.one_of(st.integers(), st.text(alphabet="[]{}\"\\ab", max_size=6)),
                    lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(st.text(alphabet="[]{}\"a", max_size=3),
                                                                                c, max_size=3)), max_leaves=30),
       st.integers(0, 8))
def test_the_json_depth_check_agrees_with_the_parsed_depth(value: object, limit: int) -> None:
    import json

    from benefit_calc.core.safe_load import _deeper_than

    assert _deeper_than(json.dumps(value), limit) == (_depth(value) > limit)


# ------------------------------------------------------------------ issue 21 item 7: numbers as a person writes them

YAML_11_FORMS = ["1:30", "1:30.5", "012", "0o12", "0xC8", "0b11", "2_00", "1_000.5", "012.5", "-012", "+0xC8", "1e3"]


def _loaders() -> list[type]:
    """The loader in use (libyaml's C parser where PyYAML has it) and the pure-Python SafeLoader it falls back to,
    each with the resolvers of ours."""
    import yaml

    from benefit_calc.core.safe_load import _Loader

    bases = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
    return [type(f"Ours{b.__name__}", (b,), {"yaml_implicit_resolvers": _Loader.yaml_implicit_resolvers})
            for b in bases]


@pytest.mark.parametrize("form", YAML_11_FORMS)
def test_yaml_1_1_number_forms_stay_text(form: str) -> None:
    """``hours_per_week: 1:30`` was 90, ``012`` was 10, ``0xC8`` and ``2_00`` were 200: now text, for the field to
    refuse by name — in the C loader and the pure one, as a value and as a key."""
    import yaml

    from benefit_calc.core.safe_load import number_form

    assert parse(f"a: {form}\n") == {"a": form}
    assert parse(f"{form}: a\n") == {form: "a"}
    for loader in _loaders():
        assert yaml.load(f"a: {form}\n", Loader=loader) == {"a": form}, loader
    assert number_form(form)


@pytest.mark.parametrize(("form", "value"), [
    ("12", 12), ("-3", -3), ("+12", 12), ("0", 0), ("37.5", 37.5), ("0.5", 0.5), (".5", 0.5), ("-.5", -0.5),
    ("12.", 12.0), ("1.0e+20", 1e20), ("1.0e-09", 1e-9), ("-0.0", 0.0),
])
def test_plain_numbers_are_still_numbers(form: str, value: float) -> None:
    import yaml

    from benefit_calc.core.safe_load import number_form

    got = parse(f"a: {form}\n")["a"]
    assert got == value and type(got) is type(value)
    for loader in _loaders():
        assert yaml.load(f"a: {form}\n", Loader=loader) == {"a": value}
    assert not number_form(form)


def test_json_numbers_are_unchanged() -> None:
    assert parse('{"a": 1e3, "b": 12.5e-1, "c": -3}') == {"a": 1000.0, "b": 1.25, "c": -3}


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False)))
def test_a_number_pyyaml_writes_reads_back_as_that_number(x: float) -> None:
    """A case the package saves (present/summary.py writes YAML with PyYAML) reads back: 1e-05 is written 1.0e-05."""
    import yaml

    assert parse(yaml.safe_dump({"a": x})) == {"a": x}


# ------------------------------------------------------------------ issue 21 item 8: keys and values shown escaped

@pytest.mark.parametrize(("key", "visible"), [
    ("months\u200b", "\\u200b"),  # zero-width space: would look like "months"
    ("mon\u202eths", "\\u202e"),  # right-to-left override
    ("\x1b[2J", "\\x1b"),  # ANSI: clears the terminal
    ("a\u3164b", "\\u3164"),  # a blank letter repr keeps
    ("x\ufeff", "\\ufeff"),
])
def test_a_key_is_shown_with_its_invisible_characters_escaped(key: str, visible: str) -> None:
    from benefit_calc.core.safe_load import show_key

    for shown in (show_key(key), show(key), show({key: 1})):
        assert visible in shown and not any(c in shown for c in "\x1b\u200b\u202e\u3164\ufeff"), shown


def test_a_plain_key_is_shown_as_it_is() -> None:
    from benefit_calc.core.safe_load import show_key

    assert [show_key(k) for k in ("months", "barnehage_hours_per_week", "ø")] == [
        "months", "barnehage_hours_per_week", "ø"]
    assert show_key("x" * 100).startswith("'xxx") and len(show_key("x" * 100)) <= SHOWN


# ------------------------------------------------------------------ issue 21 item 10: never more than the limit read

class _Endless:
    """A stream without end, counting what was read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        assert n is not None and n >= 0, "asked for everything"
        self.read_bytes += n
        return b"a" * n


UNIX = pytest.mark.skipif(sys.platform == "win32", reason="/dev/zero, FIFOs and resource limits are Unix")


@UNIX
def test_reading_stops_one_byte_past_the_limit() -> None:
    from benefit_calc.core.safe_load import read_bounded

    endless = _Endless()
    assert len(read_bounded(endless, 1000)) == 1001 and endless.read_bytes == 1001  # type: ignore[arg-type]
    assert len(read_bounded("/dev/zero", MAX_BYTES)) == MAX_BYTES + 1
    assert read_bounded(__file__, 10**7) == open(__file__, "rb").read()
