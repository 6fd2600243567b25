"""Legal references in each language's own form (benefit_calc.words.laws): the law names of words/<lang>/laws.yaml,
matched case-insensitively, section numbers kept — on every reference of the registry and of every example's result."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benefit_calc.case.model import load_case
from benefit_calc.engine.registry import SCHEMES
from benefit_calc.engine.simulate import simulate
from benefit_calc.rules.load import load_rules
from benefit_calc.words.laws import legal_part, reference_in

RULES = load_rules()
SECTIONS = re.compile(r"§§?\s*[\d\-–]+(?:(?:,\s*|\s+(?:og|and|til|to)\s+)[\d\-–]+)*")
NB_LAW = re.compile(r"\w+(?:loven|forskriften)\b", re.IGNORECASE)
ANY_LAW = re.compile(r"\w+(?:loven|lova|forskriften|forskrifta)\b|\bforskrift om\b|\bkapittel\b|\bledd\b", re.IGNORECASE)


def references() -> list[str]:
    found = {RULES.legal_basis[f] for s in SCHEMES for f in s.parameter_files}
    for path in sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")):
        r = simulate(RULES, load_case(path))
        found |= {w.reference for w in r.warnings}
        for m in r.months:
            found |= {p.explain().reference for p, _ in r.payments_in(m.month)}
            found |= {legal_part(u.reference) for p, _ in r.payments_in(m.month) for u in p.explain().used}
    return sorted(f for f in found if f)


REFS = references()


def test_the_laws_the_user_found() -> None:
    assert reference_in("Sosialtjenesteloven § 18", "nn") == "Sosialtenestelova § 18"
    assert reference_in("Skatteloven §§ 6-32 og 15-4; folketrygdloven § 23-3; skattebetalingsloven kap. 5", "en") == (
        "The Taxation Act §§ 6-32 and 15-4; the National Insurance Act § 23-3; the Tax Payment Act chapter 5")
    assert reference_in("Bustøttelova; forskrift om bustøtte", "en") == "The Housing Allowance Act; the Housing Allowance Regulations"
    assert reference_in("FOLKETRYGDLOVEN § 11-12 første ledd", "nn") == "Folketrygdlova § 11-12 første ledd"
    assert reference_in("folketrygdlova § 4-15", "nb") == "folketrygdloven § 4-15"  # any language in, the one asked out
    assert reference_in("Rundskriv A-1/2022 (Statsforvalteren Innlandet)", "nn") == "Rundskriv A-1/2022 (Statsforvalteren Innlandet)"


def test_legal_part_keeps_the_laws_and_drops_code_and_notes() -> None:
    assert legal_part("Folketrygdloven § 11-23 andre ledd; Kelvin FastsettGrenseverdiArbeidRegel.kt") == (
        "Folketrygdloven § 11-23 andre ledd")
    assert legal_part("Forskrift om bustøtte § 4; Husbanken veileder 2.4.4 (read via a third-party copy, 2026)") == (
        "Forskrift om bustøtte § 4")
    assert legal_part("nav.no, Payment dates") == ""


def test_there_are_references_to_check() -> None:
    assert len(REFS) > 30 and any("Sosialtjenesteloven" in r for r in REFS)


@pytest.mark.parametrize("ref", REFS)
def test_every_reference_reads_in_each_language(ref: str) -> None:
    nn, en = reference_in(ref, "nn"), reference_in(ref, "en")
    assert not NB_LAW.search(nn), nn
    assert not ANY_LAW.search(en), en
    for out in (nn, en, reference_in(ref, "nb")):  # the numbers stay
        assert [re.sub(r"\D", "", s) for s in SECTIONS.findall(out)] == [re.sub(r"\D", "", s) for s in SECTIONS.findall(ref)]
