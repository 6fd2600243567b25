"""Read one field of a parsed case within its bounds (:mod:`benefit_calc.bounds`), naming it in any error.

Every reader takes the raw mapping, the key, the dotted path of the mapping (with list indices, for the
message) and the generic path of the field in :data:`~benefit_calc.bounds.BOUNDS` (for its kind and limits).
A rejected value is shown cut to about 60 characters, whatever it holds.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from .bounds import BOUNDS, Bound
from .errors import CaseError
from .safe_load import show

_NORWEGIAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_NORWEGIAN_MONTH = re.compile(r"^\s*(\d{1,2})[./](\d{4})\s*$")


def is_number(x: Any) -> bool:
    """A finite int or float."""
    if isinstance(x, float):
        return x == x and x not in (float("inf"), float("-inf"))
    return isinstance(x, int) and not isinstance(x, bool)


def _fmt(x: float) -> str:
    """A number for a message: ``:g`` (an int too long for a float is shown cut, like any rejected value)."""
    return f"{x:g}" if isinstance(x, float) or abs(x) < 10**15 else show(x)


def where(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def mapping(raw: Any, path: str, allowed: Sequence[str]) -> Mapping[str, Any]:
    """``raw`` must be a mapping whose keys are all in ``allowed``."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        what = "" if path else "the case file "
        raise CaseError(path, f"{what}must be a mapping with the keys {', '.join(allowed)} (found {show(raw)})")
    for key in raw:
        if key not in allowed:
            name = key if isinstance(key, str) and len(key) <= 40 else show(key)
            raise CaseError(where(path, name), f"is not a known field; allowed here: {', '.join(allowed)}")
    return raw


def items(raw: Any, path: str, spec: str, what: str) -> list[Any]:
    """A list field within its count bound (checked before any item is read)."""
    b = BOUNDS[spec]
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise CaseError(path, f"must be a list of {what}")
    if len(raw) > b.high:
        raise CaseError(path, f"has {len(raw)} entries; at most {b.high} are allowed ({b.why})")
    return raw


def _missing(b: Bound, field: str) -> CaseError:
    hint = {"month": " (a month, YYYY-MM)", "date": " (a date, YYYY-MM-DD)"}.get(b.kind, "")
    return CaseError(field, f"is required{hint}")


def _range(value: Any, b: Bound, field: str, shown: str) -> None:
    if b.low is not None and value < b.low:
        raise CaseError(field, f"{shown} is below the lowest allowed value {_limit(b.low, b)} ({b.why})")
    if b.high is not None and value > b.high:
        raise CaseError(field, f"{shown} is above the highest allowed value {_limit(b.high, b)} ({b.why})")


def _limit(x: Any, b: Bound) -> str:
    if isinstance(x, date):
        return f"{x:%Y-%m}" if b.kind == "month" else x.isoformat()
    unit = b.unit if b.unit and b.unit not in ("count", "characters") else ""
    return f"{x:g} {unit}".strip() if isinstance(x, (int, float)) else str(x)


def number(raw: Mapping[str, Any], key: str, path: str, spec: str) -> float | None:
    """A number within the field's bounds; ``None`` if absent and not required."""
    b, field = BOUNDS[spec], where(path, key)
    value = raw.get(key)
    if value is None:
        if b.required:
            raise _missing(b, field)
        return None
    if not is_number(value):
        raise CaseError(field, f"{show(value)} is not a number" + (" (write it without spaces or units)"
                                                                      if isinstance(value, str) else ""))
    _range(value, b, field, _fmt(value))
    return value


def integer(raw: Mapping[str, Any], key: str, path: str, spec: str) -> int | None:
    value = number(raw, key, path, spec)
    if value is not None and value != int(value):
        raise CaseError(where(path, key), f"{_fmt(value)} is not a whole number")
    return None if value is None else int(value)


def boolean(raw: Mapping[str, Any], key: str, path: str, spec: str) -> bool | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, bool):
        raise CaseError(where(path, key), f"{show(value)} is not true or false")
    return value


def choice(raw: Mapping[str, Any], key: str, path: str, spec: str) -> str | None:
    b = BOUNDS[spec]
    value = raw.get(key)
    if value is not None and value not in b.options:
        raise CaseError(where(path, key), f"{show(value)} is not one of {', '.join(b.options)}")
    return value


def text(raw: Mapping[str, Any], key: str, path: str, spec: str) -> str | None:
    b, field = BOUNDS[spec], where(path, key)
    value = raw.get(key)
    if value is None:
        if b.required:
            raise _missing(b, field)
        return None
    if not isinstance(value, str) or not value.strip():
        raise CaseError(field, f"{show(value)} is not a non-empty text")
    if len(value) > b.high:
        raise CaseError(field, f"is longer than {b.high} characters")
    return value


def day(raw: Mapping[str, Any], key: str, path: str, spec: str) -> date | None:
    """A date written ``YYYY-MM-DD`` within the field's bounds."""
    b, field = BOUNDS[spec], where(path, key)
    value = raw.get(key)
    if value is None:
        if b.required:
            raise _missing(b, field)
        return None
    parsed = _as_date(value)
    if parsed is None:
        hint = "write YYYY-MM-DD"
        m = _NORWEGIAN_DATE.match(value) if isinstance(value, str) else None
        if m:
            hint = f"write {m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
        raise CaseError(field, f"{show(value)} is not a date ({hint})")
    _range(parsed, b, field, parsed.isoformat())
    return parsed


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def month(raw: Mapping[str, Any], key: str, path: str, spec: str) -> date | None:
    """A month written ``YYYY-MM`` (or a first-of-month date) within the field's bounds; its first day."""
    b, field = BOUNDS[spec], where(path, key)
    value = raw.get(key)
    if value is None:
        if b.required:
            raise _missing(b, field)
        return None
    parsed = parse_month(value)
    if parsed is None:
        hint = "write YYYY-MM"
        if isinstance(value, float) and is_number(value):  # YAML reads 12.2026 as a number
            value = f"{value:.4f}"
        m = _NORWEGIAN_MONTH.match(value) if isinstance(value, str) else None
        if m:
            hint = f"write {m.group(2)}-{int(m.group(1)):02d}"
        raise CaseError(field, f"{show(value)} is not a month ({hint})")
    _range(parsed, b, field, month_text(parsed))
    return parsed


def parse_month(value: Any) -> date | None:
    """``YYYY-MM`` (or a first-of-month date, as text or a date) as the month's first day; ``None`` if not one."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value if value.day == 1 else None
    if isinstance(value, str) and len(value) in (7, 10):
        parts = value.split("-")
        if len(parts) == 3 and parts[2] == "01":  # a first-of-month date written as text
            parts = parts[:2]
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2 and all(p.isascii() and p.isdigit() for p in parts):
            year, mon = int(parts[0]), int(parts[1])
            if 1 <= year and 1 <= mon <= 12:
                return date(year, mon, 1)
    return None


def month_text(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"
