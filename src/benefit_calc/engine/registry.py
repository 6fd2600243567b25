"""Every scheme, found where it is declared: the ``SCHEME`` at the foot of each module in
:mod:`benefit_calc.schemes` (:class:`benefit_calc.schemes.declare.Scheme`).

The engine (which schemes run, in which phase and order, which payments each may read, what is refused together),
tax withholding (through the payments the declarations stamp), the analysis (cliffs, tapers, timing rules), the
month table, the charts and the app read this table; nothing else lists schemes. The table is checked when it is
built (as Kelvin's ``sjekkAvhengighet``): a scheme that needs one that does not run before it, an unknown
exclusion or payer, a payment kind declared twice — each stops the package from loading, naming the scheme.
Adding a scheme: docs/adding-a-scheme.md.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from benefit_calc import schemes as _package
from benefit_calc.rules.checks import use_payment_kinds
from benefit_calc.schemes.declare import (AFTER_TAX, BEFORE_TAX, EVERYTHING, PHASES, TAX, TAXABLE, WAGES, Pays,
                                          Scheme)

__all__ = ["AFTER_TAX", "BEFORE_TAX", "TAX", "WAGES", "Pays", "Scheme", "SCHEMES", "BY_ID", "active"]

SHARED_RULE_FILES = ("grunnbelop", "kommuner", "utbetaling")  # G; the municipality's zone and cap group; payment days


class RegistryError(Exception):
    """A declaration that cannot run as declared (a developer's mistake, found when the package loads)."""


def _discover() -> tuple[Scheme, ...]:
    found = []
    for info in pkgutil.iter_modules(_package.__path__):
        module = importlib.import_module(f"{_package.__name__}.{info.name}")
        scheme = getattr(module, "SCHEME", None)
        if isinstance(scheme, Scheme):
            found.append(scheme)
    return tuple(sorted(found, key=lambda s: (PHASES.index(s.phase), s.order, s.id)))


def _needed(scheme: Scheme, before: tuple[Scheme, ...]) -> frozenset[str]:
    """The ids of the schemes whose payments ``scheme`` reads (every one it needs runs before it)."""
    ids: set[str] = set()
    for need in scheme.needs:
        if need == EVERYTHING:
            ids.update(s.id for s in before)
        elif need == TAXABLE:
            ids.update(s.id for s in before if any(p.taxable for p in s.pays))
        elif need in {s.id for s in before}:
            ids.add(need)
        else:
            raise RegistryError(f"{scheme.id} needs {need!r}, which is not a scheme that runs before it")
    return frozenset(ids)


def check(table: tuple[Scheme, ...]) -> dict[str, frozenset[str]]:
    """Check the declarations against each other; give what each scheme reads (by id)."""
    ids = [s.id for s in table]
    if len(set(ids)) != len(ids):
        raise RegistryError(f"a scheme id is declared twice: {ids}")
    kinds = [k for s in table for k in s.payments]
    if len(set(kinds)) != len(kinds):
        raise RegistryError(f"a payment kind is declared twice: {kinds}")
    reads = {}
    for i, s in enumerate(table):
        if s.phase not in PHASES or s.rhythm not in ("meldekort", "monthly"):
            raise RegistryError(f"{s.id}: phase {s.phase!r} or rhythm {s.rhythm!r} is not one the engine knows")
        for other in s.excludes:
            if other not in ids:
                raise RegistryError(f"{s.id} excludes {other!r}, which is not a scheme")
        reads[s.id] = _needed(s, table[:i])
        if TAXABLE in s.needs:  # a scheme that counts taxable income must come after every one that pays some
            late = [t.id for t in table[i + 1:] if t.phase == s.phase and any(p.taxable for p in t.pays)]
            if late:
                raise RegistryError(f"{s.id} needs all taxable income but runs before {late}")
    for phase in (WAGES, TAX):
        if sum(s.phase == phase for s in table) != 1:
            raise RegistryError(f"exactly one scheme runs in the {phase} phase")
    return reads


SCHEMES: tuple[Scheme, ...] = _discover()  # in the order they run
READS: dict[str, frozenset[str]] = check(SCHEMES)
BY_ID = {s.id: s for s in SCHEMES}
WAGES_SCHEME = next(s for s in SCHEMES if s.phase == WAGES)
TAX_SCHEME = next(s for s in SCHEMES if s.phase == TAX)
BENEFITS: tuple[Scheme, ...] = tuple(s for s in SCHEMES if s.phase in (BEFORE_TAX, AFTER_TAX))
PAYS: dict[str, Pays] = {p.kind: p for s in SCHEMES for p in s.pays}  # payment kind → its declaration
use_payment_kinds(PAYS)  # the kinds a rule may name (sosialhjelp.not_counted), checked when rules load
PART_OF: dict[str, str] = {p.kind: s.id for s in SCHEMES for p in s.pays}  # payment kind → its scheme

BENEFIT_PAYMENTS: tuple[str, ...] = tuple(p.kind for s in SCHEMES for p in s.pays if p.row == "benefits")
INPUTS: tuple[str, ...] = tuple(s.input for s in SCHEMES if s.input)  # the benefits a case can have
MELDEKORT: frozenset[str] = frozenset(s.input for s in SCHEMES if s.rhythm == "meldekort" and s.input)
WITH_END: tuple[str, ...] = tuple(s.input for s in SCHEMES if s.has_end and s.input)
EXCLUDED: tuple[tuple[str, str], ...] = tuple((s.id, other) for s in SCHEMES for other in s.excludes)
CLIFF_CAUSES: dict[str, tuple[str, str]] = {c: (param, rule) for s in SCHEMES for c, param, rule in s.cliffs}
TAPERS: dict[str, tuple[str, str]] = {c: (param, rule) for s in SCHEMES for c, param, rule in s.tapers}
TIMING_RULES: dict[tuple[str, str], str] = {(reason, c): rule for s in SCHEMES for reason, c, rule in s.timing}
COUNTED: tuple[str, ...] = tuple(dict.fromkeys(p.counted_in for p in PAYS.values() if p.counted_in))


def active(case: Any, phase: str = BEFORE_TAX) -> list[Scheme]:
    """The schemes of ``phase`` that apply to ``case`` (a benefit it has, or one that always runs)."""
    have = set(case.client.benefits.names())
    return [s for s in SCHEMES if s.phase == phase and (s.input is None or s.input in have)]


def shown_payments(case: Any) -> tuple[str, ...]:
    """The payment columns a case shows from its first month (the benefits it has), before any is paid."""
    have = set(case.client.benefits.names())
    return tuple(p.kind for s in SCHEMES if s.input in have for p in s.pays if p.row == "benefits")
