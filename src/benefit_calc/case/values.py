"""Pure tests of a raw case value, shared by the field readers (:mod:`benefit_calc.case.fields`) and the hooks a
benefit declares (:mod:`benefit_calc.case.benefits`): is it a number, is it a month."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def is_number(x: Any) -> bool:
    """A finite int or float."""
    if isinstance(x, float):
        return x == x and x not in (float("inf"), float("-inf"))
    return isinstance(x, int) and not isinstance(x, bool)


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
