"""The client's register: every text a job seeker reads from a simulation of every example — warnings (message and
action), notes, payment explanations with the values they used, settlements, the action list and the PDF — carries
no machine-room words (a snake_case key, a file name, a dotted parameter key, English words in Norwegian) in bokmål
and nynorsk, and no Norwegian law words or table words in English.

The counsellor's detail (the CLI's ``explain``, a parameter's ``name`` and ``reference``) may keep keys and sources;
it is not read here.
"""

from __future__ import annotations

import io
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pytest
from pypdf import PdfReader

from benefit_calc.analysis.compare import explain
from benefit_calc.case.model import Case, load_case
from benefit_calc.engine.simulate import simulate
from benefit_calc.present.summary import actions, headline
from benefit_calc.result.model import Result
from benefit_calc.rules.load import load_rules
from benefit_calc.words import in_lang, text

RULES = load_rules()
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
FILE = re.compile(r"\b\w+\.(?:yaml|py|json|kt)\b")
DOTTED = re.compile(r"\b[a-z_]+\.[a-z_]+\b")
ABBREVIATIONS = {"f.eks", "bl.a", "t.o.m", "m.m", "o.l", "nav.no", "skatteetaten.no", "husbanken.no", "lovdata.no",
                 "regjeringen.no"}
ENGLISH = re.compile(r"\b(?:per year|the|and|commit|reference|before|single|couple|children|rows|via|copy|too little)\b",
                     re.IGNORECASE)
NORWEGIAN = re.compile(r"\w*(?:loven|lova)\b|\brader\b|\bmåned\w*", re.IGNORECASE)


@lru_cache(maxsize=None)
def run(path: Path) -> tuple[Case, Result]:
    case = load_case(path)
    return case, simulate(RULES, case)


def texts(case: Case, result: Result, lang: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the result a client reads in ``lang``."""
    for w in result.warnings:
        yield f"warning {w.code}", w.message_in(lang)
        yield f"warning {w.code} action", w.action_in(lang)
        yield f"warning {w.code} reference", w.reference_in(lang)
    for n in result.notes:
        yield "note", in_lang(n, lang)
    for a in actions(case, result, lang):
        yield "action", f"{a.what} {a.when}"
    for m in result.months:
        data = explain(result, m.month, lang)
        for p in data["payments"]:
            yield f"explanation {p['scheme']}", p["text"]
            yield f"explanation {p['scheme']} reference", p["reference"]
            for u in p["parameters"]:  # what a person sees of a value: its label, the value and the law
                yield f"value {u['name']}", f"{u['label']}: {u['shown']} ({u['law']})"
        for s in data["settlements"]:
            name = (text("settlement.skatt", lang, year=s["year"]) if s["scheme"] == "skatt" else
                    text("settlement.other", lang, part=text(f"part.{s['scheme']}", lang), year=s["year"]))
            yield "settlement", name


def problems(found: str, lang: str) -> list[str]:
    if lang == "en":
        return [m.group(0) for m in NORWEGIAN.finditer(found)]
    out = [m.group(0) for m in SNAKE.finditer(found)] + [m.group(0) for m in FILE.finditer(found)]
    out += [m.group(0) for m in DOTTED.finditer(found) if m.group(0).lower() not in ABBREVIATIONS]
    out += [m.group(0) for m in ENGLISH.finditer(found)]
    return out


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_text_a_client_reads_is_in_the_clients_words(path: Path, lang: str) -> None:
    case, result = run(path)
    bad = {}
    for where, found in texts(case, result, lang):
        wrong = problems(found, lang)
        if wrong:
            bad.setdefault(where, (wrong, found))
    assert not bad, "\n".join(f"{k}: {w} in {t!r}" for k, (w, t) in bad.items())


def test_the_checks_catch_what_the_user_found() -> None:
    # the words a user found on the screens and in the PDF before this test
    assert problems("oppgi meldeperiode_start for klientens egen syklus", "nb") == ["meldeperiode_start"]
    assert problems("Uføretrygd: before; barnetrygd: 1 rader", "nn") == ["before"]
    assert problems("(aap.normal_hours_per_period: 75)", "nb")[:1] == ["normal_hours_per_period"]
    assert "aap.normal_hours_per_period" in problems("(aap.normal_hours_per_period: 75)", "nb")
    assert problems("Husbanken veileder (read via a third-party copy)", "nb") == ["via", "copy"]
    assert problems("Kelvin Aldersvilkåret.kt", "nb") == ["Aldersvilkåret.kt"]
    assert problems("For 2027 47 171 kr too little tax", "nb") == ["too little"]
    assert problems("Skatteloven §§ 6-32 og 15-4", "en") == ["Skatteloven"]
    assert problems("Sosialtenestelova § 18; 3 rader", "en") == ["Sosialtenestelova", "rader"]
    assert problems("se nav.no, f.eks. meldekortet", "nb") == []


def pdf_text(path: Path, lang: str) -> str:
    from benefit_calc.present.report import build_pdf  # noqa: PLC0415 — the PDF only where it is read

    case, result = run(path)
    pdf = build_pdf(case, result, headline(RULES, case, result), lang, made=date(2026, 11, 23), rules=RULES)
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_pdf_is_in_the_clients_words(path: Path, lang: str) -> None:
    found = problems(pdf_text(path, lang), lang)
    assert not found, found
