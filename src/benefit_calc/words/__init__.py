"""Every word a user sees, in bokmål, nynorsk and English: one catalogue, read from ``words/<lang>/*.yaml`` (shared
words, a file per topic and language) and ``words/schemes/<scheme>.yaml`` (a scheme's own words, each text
``{nb: …, nn: …, en: …}`` side by side, as rule labels are; docs/architecture.md, "Words").

A text is found by its key (``app.title``, ``warning.aap_work_limit``, ``field.work[].hours_per_week``) and
filled with named arguments (``{month}``); numbers and dates are formatted by the caller, the same in every
language (``12 000 kr``, ``03.2027``). ``tests/test_words.py`` fails when a key lacks a language or the
languages disagree on its arguments. Bokmål is the first language; a key missing in a language is an error,
not a silent fallback.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from benefit_calc.core.errors import use_words
from benefit_calc.core.safe_load import parse
from benefit_calc.words.formats import Day, Month, Num

LANGS = ("nb", "nn", "en")
NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def catalogue(lang: str) -> Mapping[str, str]:
    """Every text of ``lang``, by key (the files' nested keys joined with dots)."""
    if lang not in LANGS:
        raise ValueError(f"{lang!r} is not one of {', '.join(LANGS)}")
    out: dict[str, str] = {}
    for path in sorted((HERE / lang).glob("*.yaml")):
        _flatten(parse(path.read_bytes(), max_nodes=100_000), "", out, f"{lang}/{path.name}")
    for path in sorted((HERE / "schemes").glob("*.yaml")):
        _flatten(parse(path.read_bytes(), max_nodes=100_000), "", out, f"schemes/{path.name}", lang)
    return out


def _flatten(data: Any, prefix: str, out: dict[str, str], file: str, lang: str | None = None) -> None:
    """Add the texts of one file to ``out``. ``lang`` given: a scheme file, whose every text is a mapping
    ``{nb: …, nn: …, en: …}`` (all three), of which the text in ``lang`` is kept."""
    if data is None and not prefix:  # a file with nothing in it yet
        return
    if lang is not None and isinstance(data, Mapping) and any(str(k) in LANGS for k in data):
        langs = {str(k) for k in data}
        if langs != set(LANGS) or not all(isinstance(v, str) for v in data.values()):
            missing = [x for x in LANGS if x not in langs or not isinstance(data.get(x), str)]
            extra = sorted(langs - set(LANGS))
            raise ValueError(f"words/{file}: {prefix} must give a text in each of nb, nn and en"
                             + (f" (no {', '.join(missing)})" if missing else "")
                             + (f" (not a language: {', '.join(extra)})" if extra else ""))
        data = data[lang]
    elif lang is not None and isinstance(data, str):
        raise ValueError(f"words/{file}: {prefix} must give a text in each of nb, nn and en, not one text")
    if isinstance(data, Mapping):
        for k, v in data.items():
            _flatten(v, f"{prefix}.{k}" if prefix else str(k), out, file, lang)
    elif isinstance(data, str):
        if prefix in out:
            raise ValueError(f"words: {prefix} is written twice (again in {file})")
        out[prefix] = data
    else:
        raise ValueError(f"words/{file}: {prefix} is not a text")


def has(key: str) -> bool:
    return key in catalogue("nb")


def text(key: str, lang: str = "nb", /, **args: Any) -> str:
    """The text ``key`` in ``lang`` with ``args`` filled in."""
    template = catalogue(lang if lang in LANGS else "nb")[key]
    return template.format(**args) if args else template


def fields_of(template: str) -> set[str]:
    """The argument names a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Text(str):
    """A text in bokmål (it *is* that string, so it prints and compares as before) that can be put in any language:
    ``Text("note.meldeperiode_default", day="05.01.2026").in_("nn")``. Arguments are already formatted."""

    key: str
    args: dict[str, Any]

    def __new__(cls, key: str, /, **args: Any) -> "Text":
        self = super().__new__(cls, text(key, "nb", **{k: in_lang(v, "nb") for k, v in args.items()}))
        self.key, self.args = key, args
        return self

    def __reduce__(self) -> Any:  # copy and pickle as a Text, not as a plain str
        return (_make, (self.key, self.args))

    def in_(self, lang: str = "nb") -> str:
        return text(self.key, lang, **{k: in_lang(v, lang) for k, v in self.args.items()})

    def all(self) -> dict[str, str]:
        return {lang: self.in_(lang) for lang in LANGS}


def _make(key: str, args: dict[str, Any]) -> Text:
    return Text(key, **args)


def in_lang(value: Any, lang: str) -> Any:
    """``value`` in ``lang`` if it is a :class:`Text` or a typed argument (:class:`Month`, :class:`Day`,
    :class:`Num`: written the language's way), else as it is."""
    return value.in_(lang) if isinstance(value, (Text, Month, Day, Num)) else value


_INDEX = re.compile(r"\[(\d+)\]")
_PREFIXES = {"scenarios": "scenario", "work": "step", "children": "child"}


def field_label(path: str, lang: str = "nb") -> str:
    """A case field's label in ``lang`` from its dotted path: ``work[1].hours_per_week`` → "Timer i uka, trinn 2";
    ``scenarios[0].work[1].from`` → "Scenario 1, trinn 2: Fra måned". The path itself if it has no label."""
    scenario = ""
    if path.startswith("scenarios[") and ".work" in path:
        n = int(_INDEX.search(path).group(1)) + 1  # type: ignore[union-attr]
        scenario = text("prefix.scenario", lang, n=n) + ": "
        path = path.split(".", 1)[1]
    generic = _INDEX.sub("[]", path)
    key = f"field.{generic}"
    lists = re.findall(r"([a-z_]+)\[(\d+)\]$", path)
    if lists and lists[0][0] in _PREFIXES:  # a whole item: "Trinn 7", "Scenario 2: trinn 4"
        label = scenario + text(f"prefix.{_PREFIXES[lists[0][0]]}", lang, n=int(lists[0][1]) + 1)
        return label[:1].upper() + label[1:]
    if key not in catalogue(lang):
        return scenario + path
    label = text(key, lang)
    items = [(m.group(0), int(m.group(1))) for m in _INDEX.finditer(path)]
    if items:
        lists = re.findall(r"([a-z_]+)\[\d+\]", path)
        name = _PREFIXES.get(lists[-1]) if lists else None
        if name and generic.endswith("]") is False:
            label = f"{label}, {text(f'prefix.{name}', lang, n=items[-1][1] + 1)}"
    label = scenario + label
    return label[:1].upper() + label[1:]


class _ErrorWords:
    """How :class:`benefit_calc.core.errors.CaseError` is said: ``error.<key>`` filled in the language, the field
    by its label (registered with the errors module below this one, so core imports nothing above it)."""

    def problem(self, key: str, lang: str, values: Mapping[str, Any]) -> str:
        return text(f"error.{key}", lang, **{k: in_lang(v, lang) for k, v in values.items()})

    def label(self, field: str, lang: str) -> str:
        return field_label(field, lang)


use_words(_ErrorWords())
