"""Legal references in each language's own form: ``Sosialtjenesteloven § 18`` reads ``Sosialtenestelova § 18`` in
nynorsk and ``The Social Services Act § 18`` in English.

A reference (a warning's ``reference``, an explanation's, a scheme's legal basis in the registry) is written once, in
bokmål, by the engine. :func:`reference_in` finds in it every name of a law or regulation and every other word of a
reference (``kapittel``, ``første ledd``, ``og``) named in ``words/<lang>/laws.yaml`` — in any of the three
languages, case-insensitively — and writes it the way ``lang`` does. Section numbers, ``§`` and ``§§`` and anything
it does not know (a circular's number, a source's name) stay as they are. A name at the start of the reference (or
written with a capital) keeps its capital.
"""

from __future__ import annotations

import re
from functools import lru_cache

from benefit_calc.words import LANGS, catalogue

GROUPS = ("law", "law_word")  # the key groups of words/<lang>/laws.yaml


@lru_cache(maxsize=None)
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern matching every known form (longest first) and the key each form belongs to."""
    forms: dict[str, str] = {}
    for lang in LANGS:
        for key, value in catalogue(lang).items():
            if key.split(".", 1)[0] in GROUPS:
                forms.setdefault(value.lower(), key)
    alternatives = sorted(forms, key=len, reverse=True)
    pattern = "|".join(rf"(?<![\w]){re.escape(f)}(?![\w])" for f in alternatives)
    return re.compile(pattern, re.IGNORECASE), forms


def reference_in(reference: str, lang: str) -> str:
    """``reference`` with its laws and reference words in ``lang`` (nb, nn or en); numbers and unknown words kept."""
    if not reference:
        return reference
    pattern, forms = _table()
    words = catalogue(lang if lang in LANGS else "nb")

    def one(m: re.Match[str]) -> str:
        found = m.group(0)
        out = words[forms[found.lower()]]
        return out[:1].upper() + out[1:] if found[:1].isupper() else out

    return pattern.sub(one, reference)


SECTION = r"(?:\s+(?:§§?|kap\.|kapittel)\s*[\w\-–.]+(?:(?:,\s*|\s+(?:og|til)\s+)[\w\-–.]+)*)?"
LEDD = r"(?:\s+(?:første|andre|tredje|fjerde|femte|sjette)\s+ledd)?"


@lru_cache(maxsize=None)
def _legal() -> re.Pattern[str]:
    laws = sorted({v.lower() for lang in LANGS for k, v in catalogue(lang).items() if k.startswith("law.")},
                  key=len, reverse=True)
    names = "|".join(re.escape(n) for n in laws)
    return re.compile(rf"(?<![\w])(?:{names})(?![\w]){SECTION}{LEDD}", re.IGNORECASE)


def legal_part(source: str) -> str:
    """The laws and regulations a source names, with their sections, and nothing else: ``Folketrygdloven § 11-23
    andre ledd; Kelvin FastsettGrenseverdiArbeidRegel.kt`` → ``Folketrygdloven § 11-23 andre ledd``; a source
    naming no law (a web page, NAV's code) gives ``""``. What a person is shown of a rule's source; the whole
    source is for the counsellor."""
    found = [m.group(0) for part in source.split(";") for m in [_legal().search(part)] if m]
    return "; ".join(found)


def legal_in(source: str, lang: str) -> str:
    """What a person is shown of a source: its laws with their sections (:func:`legal_part`) in ``lang``'s own form
    (:func:`reference_in`) — for a warning's reference and a rule value's source alike."""
    return reference_in(legal_part(source), lang)
