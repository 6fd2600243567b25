"""Read untrusted YAML or JSON text into plain data, within bounds (case files, rule files and overlays).

A case file or an overlay may come from anyone, so reading one must never use more time or memory than its
size warrants (docs/input.md):

- **no anchors, aliases or tags** (``&a``, ``*a``, ``!!python/…``): a case or rule file never needs them, and
  aliases let 444 bytes stand for a billion values;
- **nesting at most** :data:`MAX_DEPTH` **levels and at most** :data:`MAX_NODES` **values**;
- **no key written twice** in one mapping (YAML and JSON would silently keep the last);
- **dates stay text**: the fields that hold dates parse them and name the field in any error (YAML's own date
  reading fails on ``2026-02-30`` with no field named);
- **numbers only as a person writes them**: ``12``, ``-3``, ``37.5``, ``.5`` (and ``1.0e+20``, the form PyYAML
  writes a large or small float in, so a case the package saved reads back). YAML 1.1's other forms stay text —
  sexagesimal ``1:30`` (90), octal ``012`` (10), ``0o12``, hex ``0xC8``, binary ``0b11``, ``2_00`` and ``1_000.5``
  with underscores, a leading zero ``012.5`` — so the field that wants a number refuses them by name
  (:func:`number_form` tells them apart from other text); ``1e3`` was text in YAML 1.1 and stays text;
- numbers too long for Python (``int`` over 4 300 digits) or not finite are refused where they are read.

A file or stream is read with :func:`read_bounded`: never more than its limit and one byte, whatever size the
system says it has (``/dev/zero``, a pipe and ``/proc`` files say 0).

Anything refused raises :class:`DocumentError` with the line where it was found; the callers turn it into a
:class:`~benefit_calc.errors.CaseError` or :class:`~benefit_calc.errors.RulesError`.
"""

from __future__ import annotations

import json
import os
import re
import reprlib
from typing import IO, Any

import yaml

from benefit_calc.core.errors import BenefitCalcError

MAX_BYTES = 1_000_000  # a case file is a few kilobytes; the largest bundled rule file is under 100 kB
MAX_DEPTH = 24  # a case nests 6 levels (client.benefits.aap.opptrapping.from), a rule file 8
MAX_NODES = 20_000  # values (scalars, lists, mappings, keys) in one document: a full case has under 3 000;
#                     PyYAML builds about 100 000 a second here, so this bounds the time to read any file
SHOWN = 60  # characters of a rejected value an error message shows

try:  # the C parser is several times faster where libyaml is available
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the platform's PyYAML build
    _Base = yaml.SafeLoader

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
# the numbers a person writes (YAML 1.1's own resolvers also take 1:30, 012, 0xC8, 0b11, 2_00 and 1_000.5)
_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"""^(?:[-+]?(?:0|[1-9][0-9]*)\.[0-9]*(?:[eE][-+][0-9]+)?  # 37.5, 12., 1.0e+20
                               |[-+]?\.[0-9]+                                    # .5, -.5
                               |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""", re.X)  # refused where read
# what YAML 1.1 (or a programmer) reads as a number but this loader leaves as text: for the error at the field
_NUMBER_FORM = re.compile(r"""^[-+]?(?:0[bB][0-1_]+|0[oO]?[0-7_]+|0[xX][0-9a-fA-F_]+   # binary, octal, hex
                                   |[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?      # sexagesimal 1:30
                                   |[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?   # 2_00, 012.5, 1e3
                                   |\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?)$""", re.X)


class DocumentError(BenefitCalcError):
    """The text is not a document this package reads: ``line`` (1-based, or 0) and ``problem`` in plain words."""

    def __init__(self, problem: str, line: int = 0, key: str = "", **args: Any) -> None:
        self.problem = problem  # English
        self.line = line
        self.key = key  # ``doc.<key>`` in the word catalogue, for the other languages
        self.values = args
        super().__init__(f"{problem} (line {line})" if line else problem)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that refuses a key written twice and leaves dates as text."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_TIMESTAMP, _INT, _FLOAT)]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }
    for _first in "-+0123456789":
        yaml_implicit_resolvers.setdefault(_first, []).append((_INT, _PLAIN_INT))
    for _first in "-+0123456789.":
        yaml_implicit_resolvers.setdefault(_first, []).append((_FLOAT, _PLAIN_FLOAT))
    del _first


def number_form(value: Any) -> bool:
    """True when ``value`` is text that YAML 1.1 (or a programming language) would read as a number but a person
    does not write one so: ``1:30``, ``012``, ``0o12``, ``0xC8``, ``0b11``, ``2_00``, ``1_000.5``, ``1e3``."""
    if not isinstance(value, str) or len(value) > 100:
        return False
    value = value.strip()
    return bool(_NUMBER_FORM.match(value)) and not (_PLAIN_INT.match(value) or _PLAIN_FLOAT.match(value))


def _no_duplicates(loader: Any, node: Any, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            if key in seen:
                raise DocumentError(f"writes the key {show(key)} twice in one mapping", key_node.start_mark.line + 1,
                                    "duplicate", name=show(key))
            seen.add(key)
        except TypeError:  # an unhashable key (a list or mapping used as a key)
            raise DocumentError("uses a list or mapping as a key; keys are names", key_node.start_mark.line + 1,
                                "key_not_name") from None
    return loader.construct_mapping(node, deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


_repr = reprlib.Repr()
_repr.maxlevel, _repr.maxdict, _repr.maxlist, _repr.maxtuple, _repr.maxset = 2, 4, 4, 4, 4
_repr.maxstring = _repr.maxother = _repr.maxlong = SHOWN
# whitespace other than a space, format and bidi characters, and the blank ones repr keeps (U+3164 …)
_INVISIBLE = re.compile(r"[^\S ]|[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                        r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]")


def show(value: Any) -> str:
    """``repr(value)`` cut to about :data:`SHOWN` characters, in bounded time and memory whatever the value. Control,
    format and bidi characters come out as escapes (``\\x1b``, ``\\u200b``, ``\\u202e``), as do the few blank ones
    ``repr`` keeps (``\\u3164``)."""
    text = _INVISIBLE.sub(_escape, _repr.repr(value))
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def show_key(key: Any) -> str:
    """A key from the input as a message may name it: itself when it is short, printable text in which nothing is
    invisible, else quoted, escaped and cut like any rejected value (:func:`show`) — so an ANSI escape
    (``ESC[2J``) cannot reach a terminal, and ``months\\u200b`` or a right-to-left mark cannot pass for an allowed
    key."""
    if isinstance(key, str) and 0 < len(key) <= 40 and key.isprintable() and not _INVISIBLE.search(key):
        return key
    return show(key)


def read_bounded(source: str | os.PathLike[str] | IO[bytes], limit: int = MAX_BYTES) -> bytes:
    """The bytes of a file (a path) or a binary stream (left open), never more than ``limit`` + 1: a caller refuses
    a result longer than ``limit`` as too large. The size the system gives is not trusted (``/dev/zero``, a pipe,
    a FIFO and ``/proc`` files say 0). An :class:`OSError` is the caller's to name."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as stream:
            return read_bounded(stream, limit)
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = source.read(min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _line(mark: Any) -> int:
    return mark.line + 1 if mark is not None else 0


def _scan(text: str, max_nodes: int) -> None:
    """Refuse aliases, anchors, tags, deep nesting and too many values before anything is built."""
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            kind = type(event)
            if kind is yaml.AliasEvent:
                raise DocumentError("uses a YAML alias (*name); write the value out instead",
                                    _line(event.start_mark), "alias")
            if kind in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                nodes += 1
                if event.anchor is not None:
                    raise DocumentError("uses a YAML anchor (&name); write the value out instead",
                                        _line(event.start_mark), "anchor")
                if event.tag is not None:
                    raise DocumentError(f"uses a YAML tag ({show(event.tag)}); plain values only",
                                        _line(event.start_mark), "tag", tag=show(event.tag))
                if nodes > max_nodes:
                    raise DocumentError(f"has more than {max_nodes:,} values".replace(",", " "),
                                        _line(event.start_mark), "too_many", max=f"{max_nodes:,}".replace(",", " "))
                if kind is not yaml.ScalarEvent:
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise DocumentError(f"nests lists and mappings more than {MAX_DEPTH} levels deep",
                                            _line(event.start_mark), "too_deep", max=MAX_DEPTH)
            elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc) from None


def _yaml_problem(exc: yaml.YAMLError) -> DocumentError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or "cannot be read"
    return DocumentError(f"is not valid YAML: {problem}", _line(mark), "bad_yaml", why=problem)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DocumentError(f"writes the key {show(key)} twice in one mapping", 0, "duplicate", name=show(key))
        out[key] = value
    return out


def _check_json(data: Any, max_nodes: int) -> None:
    """Depth and size bounds for parsed JSON, without recursion."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    nodes = 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            raise DocumentError(f"has more than {max_nodes:,} values".replace(",", " "), 0, "too_many",
                                max=f"{max_nodes:,}".replace(",", " "))
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise DocumentError(f"holds text that is not valid Unicode: {show(value)}", 0, "bad_unicode",
                                    value=show(value)) from None
        elif isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise DocumentError(f"nests lists and mappings more than {MAX_DEPTH} levels deep", 0, "too_deep",
                                    max=MAX_DEPTH)
            stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))
            if isinstance(value, dict):
                stack.extend((k, depth) for k in value)


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_OPEN_CLOSE = str.maketrans("[]{}", "()()")


def _deeper_than(text: str, depth: int) -> bool:
    """True when JSON ``text`` nests lists and mappings more than ``depth`` deep (strings skipped), in C-speed
    passes: keep only the brackets, then remove the innermost pairs ``()`` once per level."""
    shape = _NOT_BRACKETS.sub("", _JSON_STRING.sub("", text)).translate(_OPEN_CLOSE)
    for _ in range(depth):
        shorter = shape.replace("()", "")
        if shorter == shape:
            return False
        shape = shorter
    return "()" in shape


def parse(source: str | bytes, *, max_bytes: int = MAX_BYTES, max_nodes: int = MAX_NODES,
          json_only: bool = False) -> Any:
    """Parse YAML or JSON (JSON when the text starts with ``{``, or always with ``json_only``, as an HTTP body is)
    within the bounds above."""
    if len(source) > max_bytes:
        raise DocumentError(f"is larger than {max_bytes // 1000} kB; a case or rule file is far smaller", 0, "too_big",
                            kb=max_bytes // 1000)
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DocumentError("is not UTF-8 text", 0, "not_utf8") from None
    else:
        text = source
    if "\x00" in text:
        raise DocumentError("is not a text file (it holds a NUL character)", 0, "nul")
    try:
        if json_only or text.lstrip().startswith("{"):
            if _deeper_than(text, MAX_DEPTH):
                raise DocumentError(f"nests lists and mappings more than {MAX_DEPTH} levels deep", 0, "too_deep",
                                    max=MAX_DEPTH)
            try:
                data = json.loads(text, object_pairs_hook=_json_pairs)
            except json.JSONDecodeError as exc:
                raise DocumentError(f"is not valid JSON: {exc.msg}", exc.lineno, "bad_json", why=exc.msg) from None
            _check_json(data, max_nodes)
            return data
        _scan(text, max_nodes)
        try:
            return yaml.load(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            raise _yaml_problem(exc) from None
    except DocumentError:
        raise
    except (ValueError, OverflowError, RecursionError, MemoryError) as exc:
        # e.g. an integer of more than 4 300 digits (Python refuses to convert it)
        raise DocumentError(f"holds a value that cannot be read ({type(exc).__name__})", 0, "unreadable_value",
                            why=type(exc).__name__) from None
