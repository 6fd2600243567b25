"""Exact money arithmetic shared by the schemes: Decimal from rule values, and NAV's usual half-up kroner."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def dec(x: object) -> Decimal:
    """A rule value or input as an exact Decimal (via its text, so 0.1 stays 0.1)."""
    return Decimal(str(x))


def kroner(x: Decimal) -> int:
    """Round to whole kroner, half up."""
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fmt(n: int | float) -> str:
    """Kroner for a Norwegian sentence: thousands separated by a space (12 345)."""
    return f"{round(n):,}".replace(",", " ")
