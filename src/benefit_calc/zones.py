"""Zones a municipality belongs to (``rules/no/kommuner.yaml``): the tiltakssone in Finnmark and Nord-Troms.

The zone is read from ``household.municipality`` and holds for the whole simulation (a move is not modelled).
"""

from __future__ import annotations

from datetime import date

from .case import Case
from .errors import CaseError
from .rules import Ruleset


def in_tiltakssone(rules: Ruleset, municipality: str | None, day: date) -> bool:
    """True when ``municipality`` is in Finnmark or the seven Nord-Troms municipalities of the tiltakssone."""
    return municipality is not None and municipality in rules.value("kommuner.tiltakssone", day)


def check_supported(rules: Ruleset, case: Case) -> None:
    """Refuse municipalities whose special rules are not modelled (Svalbard), naming the field."""
    muni = case.household.municipality
    if muni is not None and muni in rules.value("kommuner.svalbard", case.start):
        raise CaseError("household.municipality", f"{muni} is Svalbard, whose own tax rules (svalbardskatteloven) "
                        "are not modelled; use the mainland municipality if the client is taxed there")
