"""Checks of one dated rule value: its form for its kind, its numbers against its unit's domain
(:mod:`benefit_calc.units`), an overlay table's shape against the bundled one, and the entries the engine reads
inside a table, list or text parameter against the parameter's declared shape (:data:`SHAPES`). Used by
:mod:`benefit_calc.rules`; every problem raises a :class:`RulesError` naming file and key.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Mapping, Sequence

import attrs

from benefit_calc.rules import units
from benefit_calc.core.errors import RulesError
from benefit_calc.rules.model import Bracket, freeze
from benefit_calc.core.safe_load import show, show_key


def key_text(key: Any) -> str:
    """A key as it may appear in a message: itself if it is short, printable text, else escaped and cut like any
    rejected value (:func:`benefit_calc.core.safe_load.show_key`: no terminal escape or invisible character)."""
    return show_key(key)


def is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x == x and abs(x) != float("inf")


def check_domain(value: Any, kind: str, unit: str, positive: bool, file: str, key: str, shaped: bool = False) -> None:
    """Every number in ``value`` must lie in its unit's domain (:mod:`benefit_calc.units`); in a parameter with a
    shape (``shaped``, :data:`SHAPES`) the shape gives each entry its unit instead."""
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
    if shaped and kind in ("table", "list"):
        return
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


# ------------------------------------------------------------------------------------------ shapes
#
# What the engine reads inside a table, list or text parameter, declared once per parameter: each entry's unit
# (a table of mixed units such as ``skatt.table_periods``), its choices (``utbetaling.roll``: before or after),
# the form of a name (a kommunenummer, a month-day) and how many items a list may have. The loader checks every
# dated value of these parameters against its shape — in the bundled rules and in every overlay alike — so a
# value the engine would refuse (or be broken by) is refused at load, naming the file or overlay and the key.

# the kinds of payment a rule may name (``sosialhjelp.not_counted``): the ``Pays.kind`` of every scheme, given by
# the registry when it is built (:func:`use_payment_kinds`; importing the package builds it before any rules load),
# so a new scheme's payments need no line here
PAYMENT_KINDS: list[str] = []


def use_payment_kinds(kinds: Any) -> None:
    """Say which kinds of payment the schemes make (the engine's registry calls this)."""
    PAYMENT_KINDS[:] = sorted(kinds)
MAX_CLOSED_DAYS = 30  # weekdays a year a rule may close besides weekends and public holidays (today: 24 December)


@attrs.frozen
class Num:
    """A number in ``unit``'s domain (narrowed by ``low``/``high``; ``positive``: the engine divides by it)."""

    unit: str
    positive: bool = False
    low: float | None = None
    high: float | None = None
    what: str = ""
    whole: bool = False  # a whole number even where the unit has fractions (a tax-table band of kroner)

    def domain(self) -> units.Domain:
        d = units.UNITS[self.unit].bounded(self.low, self.high, self.what)
        return attrs.evolve(d, whole=True) if self.whole else d


@attrs.frozen
class Choice:
    """One of the texts ``choices``."""

    choices: Sequence[str]  # a tuple, or a list filled later (PAYMENT_KINDS)


@attrs.frozen
class Name:
    """A text matching ``pattern`` (a kommunenummer, a month-day), described as ``what``."""

    pattern: str
    what: str
    month_day: bool = False  # also a day that exists in a leap year


@attrs.frozen
class ParamOf:
    """The name of a parameter of rule file ``file`` (``uforetrygd.applied_late`` names them)."""

    file: str


@attrs.frozen
class Each:
    """A mapping whose every value is ``value``; with ``key``, every key is checked too."""

    value: Any
    key: Any = None


@attrs.frozen
class Fields:
    """A mapping with these keys (those in ``optional`` may be left out), each with its own shape."""

    fields: Mapping[str, Any]
    optional: tuple[str, ...] = ()


@attrs.frozen
class ListOf:
    """A list of ``item``s, ``low`` to ``high`` of them; ``unique``: no item twice; ``rising``: the field of a mapping
    item that must rise strictly, starting at ``start`` (``sosialhjelp.rates`` children: from_age 0, 6, 11)."""

    item: Any
    low: int = 0
    high: int = 10_000
    unique: bool = False
    rising: str = ""
    start: float | None = None


_KOMMUNE = Name(r"\d{4}", "a kommunenummer of four digits such as '0301'")
_MONTH_KEY = Name(r"(?:[1-9]|1[0-2])", "a month 1–12")
_HOURS_KEY = Num("hours/week")  # a key that is a number of hours a week (kontantstotte.barnehage_share)
_TEXT = Name(r"\S.{0,199}", "a non-empty text")

# shapes a rule file may name for a parameter of its own (``shape: kommunenumre``): a new scheme's list of
# municipalities needs no line in SHAPES
NAMED_SHAPES: dict[str, Any] = {
    "kommunenumre": ListOf(_KOMMUNE, unique=True),
    "texts": ListOf(_TEXT, unique=True),
}

SHAPES: dict[str, Any] = {
    "bostotte.municipality_group": Each(ListOf(_KOMMUNE, unique=True)),
    "kommunenummer.numbers": Each(_TEXT, key=_KOMMUNE),
    "kommunenummer.renumbered_2024": Each(_KOMMUNE, key=_KOMMUNE),
    "kommuner.tiltakssone": ListOf(_KOMMUNE, unique=True),
    "kommuner.svalbard": ListOf(_KOMMUNE, unique=True),
    "kontantstotte.barnehage_share": Each(Num("fraction"), key=_HOURS_KEY),
    "skatt.table_periods": Each(Fields({
        "income": Num("factor", positive=True, low=1, high=366, what="1 to 366 periods a year"),
        "withholding": Num("factor", positive=True, low=1, high=366, what="1 to 366 periods a year"),
        "band": Num("NOK", positive=True, high=100_000, what="a whole number of kroner 1 to 100 000", whole=True),
        "max_base": Num("NOK/month", positive=True)})),
    "skatt.table_numbering": Fields({
        **{k: Num("table number") for k in ("base", "deduction_first", "deduction_last", "addition_first",
                                            "addition_last")},
        "number_step": Num("count", positive=True), "amount_step": Num("NOK/year", positive=True)}),
    "skatt.withholding_calendar": Each(Fields({
        "june_free_payments": Num("count", high=31, what="a whole number of payments 0–31"),
        "december_free_payments": Num("count", high=31, what="a whole number of payments 0–31"),
        "june_share": Num("fraction"), "december_share": Num("fraction")},
        optional=("june_free_payments", "december_free_payments", "june_share", "december_share"))),
    "skatt.settlement_restskatt_months": ListOf(Num("month of year"), low=1, high=12, unique=True),
    "sosialhjelp.rates": Fields({
        "single": Num("NOK/month"), "couple": Num("NOK/month"), "shared_housing": Num("NOK/month"),
        "single_with_children": Num("NOK/month"),
        "children": ListOf(Fields({"from_age": Num("years"), "amount": Num("NOK/month")}), low=1, high=30,
                           rising="from_age", start=0)}, optional=("single_with_children",)),
    "sosialhjelp.not_counted": ListOf(Choice(PAYMENT_KINDS), unique=True),
    "sosialhjelp.proposed_changes": ListOf(Choice(("barnetrygd_counted",)), unique=True),
    # the readings of G in schemes/uforetrygd_year.py (READINGS)
    "uforetrygd.free_amount_g_reading": Choice(("january", "may", "month_weighted")),
    "uforetrygd.applied_late": Each(Fields({"paid_from_month": Num("month of year"),
                                            "earlier_months": Choice(("at_once", "spread"))}), key=ParamOf("uforetrygd")),
    "utbetaling.bank_closed_days": ListOf(Name(r"\d\d-\d\d", "a month-day such as '12-24'", month_day=True),
                                          high=MAX_CLOSED_DAYS, unique=True),
    "utbetaling.roll": Each(Choice(("before", "after"))),
    "utbetaling.special_days": Each(Each(Num("day of month"), key=_MONTH_KEY)),
    "overgangsstonad.new_rules_in_force": Num("count", high=1, what="0 (not in force) or 1 (in force)"),
}


def _number(x: Any) -> str:
    return f"{x:g}" if is_number(x) else show(x)


def check_shape(shape: Any, value: Any, file: str, key: str, names: Any = ()) -> None:
    """``value`` (a frozen rule value) must have ``shape``; ``names`` holds the parameter names known (for
    :class:`ParamOf`). Iterative: a stack of (shape, value, key)."""
    stack = [(shape, value, key)]
    while stack:
        spec, v, at = stack.pop()
        if isinstance(spec, Num):
            if isinstance(v, str) and spec is _HOURS_KEY:  # a key: a number written as text
                try:
                    v = float(v)
                except ValueError:
                    raise RulesError(file, at, f"{show(v)} is not a number of hours") from None
            problem = spec.domain().problem(v, spec.positive)
            if problem:
                raise RulesError(file, at, problem)
        elif isinstance(spec, Choice):
            if not isinstance(v, str) or v not in spec.choices:
                raise RulesError(file, at, f"{show(v)} is not one of {', '.join(spec.choices)}")
        elif isinstance(spec, Name):
            if not isinstance(v, str) or not re.fullmatch(spec.pattern, v):
                raise RulesError(file, at, f"{show(v)} is not {spec.what}")
            if spec.month_day:
                try:
                    date(2024, int(v[:2]), int(v[3:]))
                except ValueError:
                    raise RulesError(file, at, f"{show(v)} is not {spec.what} (no such day)") from None
        elif isinstance(spec, ParamOf):
            if not isinstance(v, str) or f"{spec.file}.{v}" not in names:
                raise RulesError(file, at, f"{show(v)} is not a parameter of {spec.file}")
        elif isinstance(spec, Each):
            if not isinstance(v, Mapping) or not v:
                raise RulesError(file, at, "must be a non-empty mapping")
            for k, x in reversed(v.items()):  # reversed onto the stack: the first problem in the text is named
                stack.append((spec.value, x, f"{at}.{key_text(k)}"))
                if spec.key is not None:
                    stack.append((spec.key, k, f"{at}.{key_text(k)}"))
        elif isinstance(spec, Fields):
            if not isinstance(v, Mapping):
                raise RulesError(file, at, f"must be a mapping with {', '.join(spec.fields)}")
            extra = [k for k in v if k not in spec.fields]
            if extra:
                raise RulesError(file, f"{at}.{key_text(extra[0])}", f"is not one of {', '.join(spec.fields)}")
            missing = [k for k in spec.fields if k not in v and k not in spec.optional]
            if missing:
                raise RulesError(file, at, f"leaves out {missing[0]!r}")
            stack.extend((spec.fields[k], x, f"{at}.{k}") for k, x in reversed(v.items()))
        elif isinstance(spec, ListOf):
            if not isinstance(v, (list, tuple)):
                raise RulesError(file, at, "must be a list")
            if not spec.low <= len(v) <= spec.high:
                raise RulesError(file, at, f"has {len(v)} items; it may have {spec.low} to {spec.high}")
            if spec.unique and len(set(map(repr, v))) != len(v):
                raise RulesError(file, at, "names an item twice")
            stack.extend((spec.item, v[i], f"{at}[{i}]") for i in reversed(range(len(v))))
            if spec.rising:
                firsts = [x.get(spec.rising) if isinstance(x, Mapping) else None for x in v]
                if all(is_number(x) for x in firsts):
                    if spec.start is not None and firsts and firsts[0] != spec.start:
                        raise RulesError(file, f"{at}[0].{spec.rising}", f"{_number(firsts[0])} must be "
                                         f"{_number(spec.start)} (the first item)")
                    if any(a >= b for a, b in zip(firsts, firsts[1:])):
                        raise RulesError(file, at, f"{spec.rising} must rise strictly from item to item")
        else:  # pragma: no cover - a shape of this module
            raise TypeError(spec)


# ------------------------------------------------------------------------------------------ between parameters
#
# Rules that tie two parameters together on a date; checked after the bundled rules are loaded and again after
# each overlay (which may change either), so the engine never meets a pair it cannot use — and never blames the
# case for it (a default tax table the numbering does not know came out as an error in the case's ``tax.table``).


def _table_known(table: Any, numbering: Mapping[str, Any]) -> bool:
    """``table`` is a table of ``numbering`` (as ``schemes.tax_table.table_deduction`` reads it)."""
    n = numbering
    base, step = n["base"], n["number_step"]
    return table == base or (n["deduction_first"] <= table <= n["deduction_last"] and (table - base) % step == 0) or (
        n["addition_first"] <= table <= n["addition_last"] and (table - n["addition_first"]) % step == 0)


def _new_rules(values: Mapping[str, Any]) -> str | None:
    flag, limit = values["overgangsstonad.new_rules_in_force"], values["overgangsstonad.new_rules_child_age_limit_months"]
    if flag == 1 and limit is None:
        return "is 1 (the new rules in force) on a day overgangsstonad.new_rules_child_age_limit_months has no value"
    return None


def _default_table(values: Mapping[str, Any]) -> str | None:
    table, numbering = values["skatt.default_table"], values["skatt.table_numbering"]
    if table is not None and numbering is not None and not _table_known(table, numbering):
        return (f"the default table {_number(table)} is not a table of skatt.table_numbering in force then "
                f"(base {_number(numbering['base'])})")
    return None


def _numbering(values: Mapping[str, Any]) -> str | None:
    n = values["skatt.table_numbering"]
    base, step = n["base"], n["number_step"]
    if n["deduction_first"] != base + step:  # the engine counts deduction tables up from the base by the step
        return f"deduction_first must be base + number_step ({_number(base + step)})"
    if n["deduction_last"] < n["deduction_first"] or (n["deduction_last"] - base) % step:
        return "deduction_last must be deduction_first or above it by whole steps of number_step"
    if n["addition_last"] < n["addition_first"] or (n["addition_last"] - n["addition_first"]) % step:
        return "addition_last must be addition_first or above it by whole steps of number_step"
    if n["deduction_first"] <= n["addition_first"] <= n["deduction_last"] or (
            n["addition_first"] <= base <= n["addition_last"]):
        return "the base, the deduction tables and the addition tables must not overlap"
    return None


# (parameters read together, the check of their values on one day: a problem or None)
BETWEEN: tuple[tuple[tuple[str, ...], Any], ...] = (
    (("overgangsstonad.new_rules_in_force", "overgangsstonad.new_rules_child_age_limit_months"), _new_rules),
    (("skatt.table_numbering",), _numbering),
    (("skatt.default_table", "skatt.table_numbering"), _default_table),
)


def check_between(params: Mapping[str, Any], touched: Any = None, label: str = "", prefix: str = "") -> None:
    """Each :data:`BETWEEN` rule on every day one of its parameters changes. ``touched``: the parameters an overlay
    changed (only rules with one of them are checked, and the error names the overlay ``label`` and the first
    of them); without it, the bundled rules (the error names the first parameter's file)."""
    for names, check in BETWEEN:
        if any(n not in params for n in names) or (touched is not None and not any(n in touched for n in names)):
            continue
        days = sorted({v.valid_from for n in names for v in params[n].values})
        for day in days:
            values = {}
            for n in names:
                p = params[n]
                at = [v for v in p.values if v.valid_from <= day]
                values[n] = at[-1].value if at else None
            problem = check(values)
            if problem:
                name = next((n for n in names if touched is None or n in touched))
                valid = max((v.valid_from for v in params[name].values if v.valid_from <= day), default=day)
                if touched is None:
                    raise RulesError(params[name].file, f"{name.split('.', 1)[1]}.values.{valid}", problem)
                raise RulesError(label, f"{prefix}{name}.values.{valid}", problem)
