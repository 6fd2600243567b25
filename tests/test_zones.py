"""Municipalities: today's official kommunenummer (rules/no/kommunenummer.yaml) and the zones (benefit_calc.zones)."""

from __future__ import annotations

import pytest

from benefit_calc import load_rules, parse_case, simulate
from benefit_calc.core.errors import CaseError
from benefit_calc.schemes.zones import municipalities

RULES = load_rules()


def _run(muni: str) -> None:
    simulate(RULES, parse_case({"start": "2026-01", "months": 2, "client": {"birth_date": "1990-01-01"},
                                "household": {"municipality": muni}}))


def test_the_official_list_has_357_municipalities_and_svalbard() -> None:
    """SSB Klass 131: 356 municipalities from 2020, 357 from 2024 (Haram split from Ålesund); 2100 Svalbard is kept
    in both so that its own refusal is reached."""
    values = RULES.param("kommunenummer.numbers").values
    assert [len(v.value) for v in values] == [357, 358]
    today = municipalities(RULES)
    assert today["0301"] == "Oslo" and today["4601"] == "Bergen" and today["1580"] == "Haram"
    assert today["5501"] == "Tromsø" and "5401" not in today


@pytest.mark.parametrize(("muni", "words"), [
    ("9999", "9999 is not a kommunenummer"),
    ("0000", "0000 is not a kommunenummer"),
    ("3005", "3005 (Drammen) was replaced by 3301 (Drammen) on 01.01.2024; write 3301"),
    ("5401", "5401 (Tromsø) was replaced by 5501"),
    ("2100", "Svalbard"),
])
def test_unknown_and_old_numbers_are_refused_by_name(muni: str, words: str) -> None:
    with pytest.raises(CaseError) as exc:
        _run(muni)
    assert exc.value.field == "household.municipality" and words in str(exc.value)


def test_todays_numbers_run() -> None:
    for muni in ("0301", "4601", "5601", "1508", "1580", "3301"):
        _run(muni)
