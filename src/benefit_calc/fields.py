"""Small helpers that read one field of a parsed case and name it in any error."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Sequence

from .errors import CaseError


def is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x == x and abs(x) != float("inf")


def mapping(raw: Any, path: str, allowed: Sequence[str]) -> Mapping[str, Any]:
    """``raw`` must be a mapping whose keys are all in ``allowed``."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise CaseError(path, f"must be a mapping with the keys {', '.join(allowed)}")
    for key in raw:
        if key not in allowed:
            where = f"{path}.{key}" if path else str(key)
            raise CaseError(where, f"is not a known field; allowed here: {', '.join(allowed)}")
    return raw


def number(raw: Mapping[str, Any], key: str, path: str, *, low: float | None = None, high: float | None = None,
           required: bool = False, why_high: str = "") -> float | None:
    """A number within [low, high]; ``None`` if absent and not required."""
    where = f"{path}.{key}" if path else key
    value = raw.get(key)
    if value is None:
        if required:
            raise CaseError(where, "is required")
        return None
    if not is_number(value):
        raise CaseError(where, f"{value!r} is not a number")
    if low is not None and value < low:
        raise CaseError(where, f"{value} is below the lowest allowed value {low}")
    if high is not None and value > high:
        raise CaseError(where, f"{value} is {why_high or f'above the highest allowed value {high}'}")
    return value


def integer(raw: Mapping[str, Any], key: str, path: str, *, low: int, high: int, required: bool = False) -> int | None:
    value = number(raw, key, path, low=low, high=high, required=required)
    if value is not None and value != int(value):
        raise CaseError(f"{path}.{key}" if path else key, f"{value} is not a whole number")
    return None if value is None else int(value)


def boolean(raw: Mapping[str, Any], key: str, path: str, default: bool | None) -> bool | None:
    value = raw.get(key, default)
    if value is not None and not isinstance(value, bool):
        raise CaseError(f"{path}.{key}" if path else key, f"{value!r} is not true or false")
    return value


def choice(raw: Mapping[str, Any], key: str, path: str, options: Sequence[str]) -> str | None:
    value = raw.get(key)
    if value is not None and value not in options:
        raise CaseError(f"{path}.{key}" if path else key, f"{value!r} is not one of {', '.join(options)}")
    return value


def text(raw: Mapping[str, Any], key: str, path: str, *, required: bool = False, max_len: int = 200) -> str | None:
    value = raw.get(key)
    where = f"{path}.{key}" if path else key
    if value is None:
        if required:
            raise CaseError(where, "is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise CaseError(where, f"{value!r} is not a non-empty text")
    if len(value) > max_len:
        raise CaseError(where, f"is longer than {max_len} characters")
    return value


def day(raw: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> date | None:
    value = raw.get(key)
    where = f"{path}.{key}" if path else key
    if value is None:
        if required:
            raise CaseError(where, "is required (a date, YYYY-MM-DD)")
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise CaseError(where, f"{value!r} is not a date (write YYYY-MM-DD)")


def month(raw: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> date | None:
    """A month written ``YYYY-MM`` (or a first-of-month date); returned as its first day."""
    value = raw.get(key)
    where = f"{path}.{key}" if path else key
    if value is None:
        if required:
            raise CaseError(where, "is required (a month, YYYY-MM)")
        return None
    if isinstance(value, date) and value.day == 1:
        return value
    if isinstance(value, str):
        try:
            parts = value.split("-")
            if len(parts) == 3 and parts[2] == "01":  # a first-of-month date written as text
                parts = parts[:2]
            year, mon = parts
            if len(year) == 4 and len(mon) == 2:
                return date(int(year), int(mon), 1)
        except ValueError:
            pass
    raise CaseError(where, f"{value!r} is not a month (write YYYY-MM)")


def month_text(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"
