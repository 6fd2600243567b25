"""The fixed vocabulary of units a rule parameter may have, and the values each unit allows.

A parameter's ``unit`` must be one of :data:`UNITS`; the loader checks every dated value against its unit's
domain (a day of the month is a whole number 1–28, a fraction lies in 0–1, an amount of money lies between 0 and
a bound no household or law comes near), so an overlay that passes loading cannot break or mislead the arithmetic
later: every unit has a lowest and a highest value, and counts, days, months and bands are whole numbers. A
parameter the engine divides by says ``positive: true`` in its rule file and must then be at least its unit's
``least`` (1 kr, 1 day, 1 hour: a divisor of 1e-300 is above 0 but no rule). Brackets give two units, ``threshold,
rate`` (e.g. ``NOK/year, fraction``); tables and lists apply their unit to every number inside them, unless the
parameter has a shape (:data:`benefit_calc.rules.checks.SHAPES`) that gives each entry its own unit or choices.

The highest values are not legal numbers (those are in ``rules/``): they are far above any value the law has had
or may plausibly get (G is 136 549 kr; the bound on a yearly amount is 10 million kr), and low enough that every
amount the engine computes from them stays an ordinary number (1e300 kr would overflow the rounding to øre).
"""

from __future__ import annotations

from typing import Any

import attrs

from benefit_calc.words import has, text


@attrs.frozen
class Domain:
    """The values a unit allows: ``low``/``high`` inclusive bounds, ``whole`` for whole numbers only, ``least`` the
    smallest value of a parameter the engine divides by (``positive``)."""

    low: float | None = None
    high: float | None = None
    whole: bool = False
    what: str = ""  # the domain in words, for the error
    least: float = 0.0  # a positive parameter's smallest value (whole units: 1)

    def problem(self, x: Any, positive: bool = False) -> str | None:
        """Why ``x`` is not allowed, or ``None`` when it is."""
        if not isinstance(x, (int, float)) or isinstance(x, bool) or x != x or x in (float("inf"), float("-inf")):
            return f"{x!r} is not a finite number"
        if self.whole and x != int(x):
            return f"{x:g} is not a whole number ({self.what})"
        if positive and x <= 0:
            return f"{x:g} must be above 0 (the engine divides by it)"
        if (self.low is not None and x < self.low) or (self.high is not None and x > self.high):
            return f"{x:g} is outside {self.what}"
        least = max(self.least, 1.0 if self.whole else 0.0)
        if positive and x < least:
            return f"{x:g} must be at least {least:g} (the engine divides by it)"
        return None

    def bounded(self, low: float | None = None, high: float | None = None, what: str = "") -> "Domain":
        """This domain narrowed (a table entry that is a count of payments in a month: 0–31)."""
        return attrs.evolve(self, low=self.low if low is None else low, high=self.high if high is None else high,
                            what=what or self.what)


# the realistic range of each unit: far above anything the law has had, low enough that every amount computed from
# it stays an ordinary number (docs/input.md §4a has the table and the reasons)
UNITS: dict[str, Domain] = {
    "NOK": Domain(0, 1_000_000, False, "0 to 1 000 000 kroner", least=1),  # a sum: a rounding step, a minimum
    "NOK/day": Domain(0, 50_000, False, "0 to 50 000 kroner a day", least=1),
    "NOK/month": Domain(0, 1_000_000, False, "0 to 1 000 000 kroner a month", least=1),
    "NOK/year": Domain(0, 10_000_000, False, "0 to 10 000 000 kroner a year", least=1),
    "G": Domain(0, 20, False, "0 to 20 G", least=0.01),
    "fraction": Domain(0, 1, False, "0 to 1", least=0.0001),
    "factor": Domain(0, 1000, False, "0 to 1 000", least=0.01),
    "percent": Domain(0, 100, False, "0 to 100 %", least=0.01),
    "day of month": Domain(1, 28, True, "a day 1–28 (a day every month has)"),
    "month of year": Domain(1, 12, True, "a month 1–12"),
    "days": Domain(0, 366, True, "a whole number of days 0–366"),
    "banking days": Domain(0, 30, True, "a whole number of banking days 0–30"),
    "weekdays": Domain(0, 5000, True, "a whole number of weekdays 0–5000"),
    "weeks": Domain(0, 520, True, "a whole number of weeks 0–520"),
    "months": Domain(0, 120, True, "a whole number of months 0–120"),
    "years": Domain(0, 120, True, "a whole number of years 0–120"),
    "count": Domain(0, 100, True, "a whole number 0 to 100"),
    "hours": Domain(0, 24 * 14, False, "0 to 336 hours (a meldeperiode)", least=1),
    "hours/week": Domain(0, 168, False, "0 to 168 hours a week", least=1),
    "table number": Domain(1, 9999, True, "a table number 1–9999"),
    "list": Domain(),  # names (kommunenummer, schemes): checked by the parameter's shape (rules/checks.py)
    "table": Domain(),  # a table of mixed entries: checked by the parameter's shape (rules/checks.py)
}


def split_unit(unit: str, kind: str) -> tuple[str, ...]:
    """The unit's parts: two for brackets (``threshold, rate``), one otherwise."""
    parts = tuple(p.strip() for p in unit.split(","))
    return parts if kind == "brackets" else (unit.strip(),)


def unknown_unit(unit: str, kind: str) -> str | None:
    """Why ``unit`` is not in the vocabulary for a parameter of ``kind``, or ``None``."""
    parts = split_unit(unit, kind)
    if kind == "brackets" and len(parts) != 2:
        return f"{unit!r}: brackets give two units, 'threshold, rate' (e.g. 'NOK/year, fraction')"
    bad = [p for p in parts if p not in UNITS]
    if bad:
        return f"{bad[0]!r} is not a unit; allowed: {', '.join(UNITS)}"
    return None


def numbers_in(value: Any) -> list[tuple[str, Any]]:
    """Every number in a table or list value with the key path that leads to it (iteratively, no recursion)."""
    out: list[tuple[str, Any]] = []
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, v = stack.pop()
        if isinstance(v, dict):
            stack.extend((f"{path}.{k}" if path else str(k), x) for k, x in v.items())
        elif isinstance(v, (list, tuple)):
            stack.extend((f"{path}[{i}]", x) for i, x in enumerate(v))
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out.append((path, v))
    return out


LIST_SHOWN = 6  # items of a list shown before "… (n in all)"


def value_text(value: Any, unit: str, kind: str, lang: str = "nb") -> str:
    """A rule value as a person reads it in ``lang``: ``136 549 kr i året``, ``66 %``, ``2,041 G``, ``den 20.``; a
    bracket schedule step by step; a table entry by entry, a long list shortened and a nested table by its size.
    Words from the catalogue (``rule_unit.*``; a table's keys ``rule_key.*`` or a scheme's ``part.*``, a word
    value ``rule_value.*``): no key of the rule file reaches a person."""

    def number(x: Any, scale: int = 1) -> str:
        if isinstance(x, str):
            return word(x, "rule_value")
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            return str(x)
        y = round(x * scale, 2 if scale != 1 else 4)
        if y == int(y):
            return f"{int(y):,}".replace(",", " ")
        shown = f"{y:,.4f}".rstrip("0").replace(",", " ")
        return shown if lang == "en" else shown.replace(".", ",")

    def word(x: str, group: str) -> str:
        """A table key or word value in words (``single`` → "enslig"; a scheme by its name); numbers as they are."""
        key = "".join(c if c.isalnum() else "_" for c in x.lower())
        for k in (f"{group}.{key}", f"part.{key}"):
            if has(k):
                return text(k, lang)
        return x

    def one(x: Any, part: str) -> str:
        if part not in UNITS or part in ("list", "table") or isinstance(x, bool) or not isinstance(x, (int, float)):
            return number(x)
        key = "".join(c if c.isalnum() else "_" for c in part.lower())
        return text(f"rule_unit.{key}", lang, n=number(x, 100 if part == "fraction" else 1))

    def items(xs: list[str], sep: str = ", ") -> str:
        if not xs:
            return text("rule_unit.none", lang)
        if len(xs) <= LIST_SHOWN:
            return sep.join(xs)
        return text("rule_unit.more", lang, items=sep.join(xs[:LIST_SHOWN]), count=len(xs))

    def inner(x: Any) -> str:  # a value inside a table: a plain list in brackets, anything deeper by its size
        if isinstance(x, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in x):
            return f"({items([one(v, unit) for v in x])})"
        if isinstance(x, (list, tuple, dict)):
            return text("rule_unit.rows_one", lang) if len(x) == 1 else text("rule_unit.rows", lang, count=len(x))
        return one(x, unit)

    parts = split_unit(unit, kind)
    if kind == "brackets" and isinstance(value, (list, tuple)):
        return "; ".join(text("rule_unit.bracket", lang, threshold=one(getattr(b, "threshold", 0), parts[0]),
                              rate=one(getattr(b, "rate", 0), parts[-1])) for b in value)
    if isinstance(value, dict):
        return items([f"{word(str(k), 'rule_key')}: {inner(v)}" for k, v in value.items()], "; ")
    if isinstance(value, (list, tuple)):
        return items([inner(v) if isinstance(v, (list, tuple, dict)) else one(v, parts[0]) for v in value])
    return one(value, parts[0])
