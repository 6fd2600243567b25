"""Reading untrusted YAML and JSON within bounds (benefit_calc.safe_load)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benefit_calc.core.safe_load import MAX_DEPTH, MAX_NODES, SHOWN, DocumentError, parse, show


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
