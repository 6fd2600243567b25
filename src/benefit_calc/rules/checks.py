"""Checks of one dated rule value: its form for its kind, its numbers against its unit's domain
(:mod:`benefit_calc.units`), and an overlay table's shape against the bundled one. Used by
:mod:`benefit_calc.rules`; every problem raises a :class:`RulesError` naming file and key.
"""

from __future__ import annotations

from typing import Any, Mapping

from benefit_calc.rules import units
from benefit_calc.core.errors import RulesError
from benefit_calc.rules.model import Bracket, freeze
from benefit_calc.core.safe_load import show


def key_text(key: Any) -> str:
    """A key as it may appear in a message: itself if it is a short text, else cut like any rejected value."""
    return key if isinstance(key, str) and len(key) <= 60 else show(key)


def is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x == x and abs(x) != float("inf")


def check_domain(value: Any, kind: str, unit: str, positive: bool, file: str, key: str) -> None:
    """Every number in ``value`` must lie in its unit's domain (:mod:`benefit_calc.units`)."""
    if kind == "brackets":
        threshold_unit, rate_unit = units.split_unit(unit, kind)
        for i, b in enumerate(value):
            for part, u in ((b.threshold, threshold_unit), (b.rate, rate_unit)):
                problem = units.UNITS[u].problem(part)
                if problem:
                    raise RulesError(file, f"{key}[{i}]", problem)
        return
    if kind == "list":
        if unit == "list":  # names (kommunenummer, schemes)
            bad = next((x for x in value if not isinstance(x, str)), None)
            if bad is not None:
                raise RulesError(file, key, f"{show(bad)} is not a name; this list holds texts such as \"0301\"")
        elif not value or not all(is_number(x) for x in value):
            raise RulesError(file, key, f"must be a non-empty list of numbers in {unit}")
    numbers = [("", value)] if kind == "number" else units.numbers_in(value) if kind in ("table", "list") else []
    domain = units.UNITS[unit]
    for path, x in numbers:
        problem = domain.problem(x, positive)
        if problem:
            raise RulesError(file, f"{key}.{path}" if path else key, problem)


def same_shape(base: Any, new: Any, file: str, key: str, optional: tuple[str, ...] = ()) -> None:
    """An overlay's table must have the bundled table's keys (and only those, besides the parameter's
    ``optional_keys``), with the same kind of value under each."""
    if isinstance(base, Mapping):
        if not isinstance(new, Mapping):
            raise RulesError(file, key, "must be a mapping like the bundled value")
        extra = [k for k in new if k not in base and k not in optional]
        if extra:
            may = f"; it may add {', '.join(optional)}" if optional else ""
            raise RulesError(file, f"{key}.{key_text(extra[0])}", f"is not a key of the bundled table{may}")
        missing = [k for k in base if k not in new]
        if missing:
            keys = [str(k) for k in base]
            listed = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
            raise RulesError(file, key, f"leaves out {key_text(missing[0])!r}; the bundled value has {listed}")
        for k in base:
            same_shape(base[k], new[k], file, f"{key}.{k}")
        for k in optional:
            if k in new and not is_number(new[k]):
                raise RulesError(file, f"{key}.{k}", f"{show(new[k])} is not a number")
    elif isinstance(base, (list, tuple)):
        if not isinstance(new, (list, tuple)):
            raise RulesError(file, key, "must be a list like the bundled value")
        if base and new:
            for i, item in enumerate(new):
                same_shape(base[0], item, file, f"{key}[{i}]")
    elif is_number(base) and not is_number(new):
        raise RulesError(file, key, f"{show(new)} is not a number")


def check_value(kind: str, value: Any, file: str, key: str) -> Any:
    """Validate one dated value for its kind and return it in its frozen form."""
    if kind == "number":
        if not is_number(value):
            raise RulesError(file, key, f"{show(value)} is not a number")
        return value
    if kind == "brackets":
        if not isinstance(value, list) or not value:
            raise RulesError(file, key, "brackets are a non-empty list of {threshold, rate}")
        out = []
        for i, b in enumerate(value):
            if not isinstance(b, Mapping) or not is_number(b.get("threshold")) or not is_number(b.get("rate")):
                raise RulesError(file, f"{key}[{i}]", "a bracket needs a numeric threshold and rate")
            out.append(Bracket(threshold=b["threshold"], rate=b["rate"]))
        if any(a.threshold >= b.threshold for a, b in zip(out, out[1:])):
            raise RulesError(file, key, "bracket thresholds must rise strictly")
        return tuple(out)
    if kind == "table":
        if not isinstance(value, Mapping) or not value:
            raise RulesError(file, key, "a table is a non-empty mapping from category to value")
        for path, v in units.numbers_in(value):  # numbers anywhere inside must be finite
            if not is_number(v):
                raise RulesError(file, f"{key}.{path}", f"{show(v)} is not a finite number")
        for cat, v in value.items():
            if not (is_number(v) or isinstance(v, (str, list, Mapping))):
                raise RulesError(file, f"{key}.{key_text(cat)}", f"{show(v)} is not a number")
        return freeze(value)
    if kind == "list":
        if not isinstance(value, list):
            raise RulesError(file, key, "this value must be a list")
        return freeze(value)
    if not isinstance(value, str):
        raise RulesError(file, key, "this value must be text")
    return value
