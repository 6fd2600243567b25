"""Zones a municipality belongs to (``rules/no/kommuner.yaml``): the tiltakssone in Finnmark and Nord-Troms.

The zone is read from ``household.municipality`` and holds for the whole simulation (a move is not modelled).
The number must be one of today's kommunenummer (``rules/no/kommunenummer.yaml``, the newest table): every rule
file names municipalities by today's numbers, and a counsellor reads the number off today's letters. A number
replaced in 2024 is refused with its new number.
"""

from __future__ import annotations

from datetime import date

from benefit_calc.case.model import Case
from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import Ruleset


def in_tiltakssone(rules: Ruleset, municipality: str | None, day: date) -> bool:
    """True when ``municipality`` is in Finnmark or the seven Nord-Troms municipalities of the tiltakssone."""
    return municipality is not None and municipality in rules.value("kommuner.tiltakssone", day)


def municipalities(rules: Ruleset) -> dict[str, str]:
    """Today's kommunenummer → name (the newest table in ``kommunenummer.numbers``)."""
    return dict(rules.param("kommunenummer.numbers").values[-1].value)


def check_municipality(rules: Ruleset, muni: str) -> None:
    """Refuse a number that is not one of today's kommunenummer, naming the new number of a renumbered one."""
    param = rules.param("kommunenummer.numbers")
    if muni in param.values[-1].value:
        return
    renumbered = rules.param("kommunenummer.renumbered_2024").values[-1]
    older = next((v.value[muni] for v in reversed(param.values[:-1]) if muni in v.value), None)
    if muni in renumbered.value:
        new = renumbered.value[muni]
        raise CaseError.of("household.municipality", "municipality_renumbered", value=muni, old_name=older, new=new,
                           new_name=param.values[-1].value.get(new, ""), day=f"{renumbered.valid_from:%d.%m.%Y}")
    if older is not None:
        raise CaseError.of("household.municipality", "municipality_gone", value=muni, old_name=older)
    raise CaseError.of("household.municipality", "municipality_unknown", value=muni)


def check_supported(rules: Ruleset, case: Case) -> None:
    """Refuse unknown municipalities and those whose special rules are not modelled (Svalbard), naming the field."""
    muni = case.household.municipality
    if muni is not None:
        check_municipality(rules, muni)
    if muni is not None and muni in rules.value("kommuner.svalbard", case.start):
        raise CaseError.of("household.municipality", "svalbard", value=muni)
