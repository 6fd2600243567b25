"""A case field declared once: what it may hold (its row in :data:`~benefit_calc.case.bounds.BOUNDS`), how it is
read, and how the app's form shows it.

A benefit's input is one frozen attrs class (:mod:`benefit_calc.case.benefits`) whose fields are made by
:func:`field`; each carries an :class:`Input` in its metadata. From it come the bounds rows (:func:`rows`), the
parser (``fields.declared``, one generic function for every plain field), the OpenAPI schema (through the bounds),
and the form's widgets and the form ↔ case mapping (``app/form.py``, ``app/mapping.py``, through :class:`Widget`).
What one field cannot say is declared beside it as a small hook: ``before`` (a check of the raw value),
``read`` (a reader of its own), or a :class:`Check` in the class's ``CHECKS`` (a rule between fields).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Mapping

import attrs

KINDS = ("number", "integer", "month", "date", "text", "choice", "boolean", "list", "mapping")

FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2100, 12, 31)
MONEY_MONTH = 10_000_000  # kroner a month: ten times a top salary; more is a slip (an extra zero or a yearly figure)
MONEY_YEAR = 100_000_000  # kroner a year: 10⁸, beyond any income a benefit is computed from


@attrs.frozen
class Bound:
    """What one case field may hold: its kind, unit and limits; ``warn_above`` marks the plausible edge. The reason for
    the limits is in the word catalogue (``why.<path>``), in every language."""

    path: str
    kind: str
    unit: str = ""
    low: Any = None
    high: Any = None
    required: bool = False
    warn_above: float | None = None
    options: tuple[str, ...] = ()
    warn_below: float | None = None  # the plausible lower edge (a value under it is possible but unlikely)

    def __attrs_post_init__(self) -> None:
        assert self.kind in KINDS, self.kind

    @property
    def why(self) -> str:
        """Why the limits are where they are, in English (``why.<path>`` in the word catalogue has every language)."""
        from benefit_calc.words import text

        return text(f"why.{self.path}", "en")


@attrs.frozen
class Widget:
    """How the app's form shows a field. The widget's key is ``f_<key>``; its label is ``app.<label or key>``.

    ``kind`` is the field's own kind (number, integer, date, boolean, choice) unless it says ``basis`` (the kroner-
    or-G pair: this field, ``basis_g``, with its sibling ``basis``, as a unit radio and one amount), ``month`` (a month
    near the case's start) or ``mapping`` (a checkbox, then the widgets of the class the field holds).
    """

    key: str
    order: int  # its place among the benefit's widgets
    kind: str = ""
    label: str = ""
    help: bool = False  # app.<label>_help is its help text
    counsellor: bool = False  # shown, and written back, only in the counsellor's mode
    default: Any = None  # the widget's value when the case has none
    options: tuple[Any, ...] = ()  # a choice's options (default: the field's)
    absent: Any = None  # the option that means "not given": the field is left out of the case
    months: bool = False  # a choice that may also hold a month (shown by its name)
    names: str = ""  # option names: app.<names><option>, app.<names>n for a number
    zero_is_none: bool = False  # 0 in the widget leaves the field out
    optional: bool = False  # a number field that may be left empty
    low: Any = None  # the widget's lowest value when not the field's
    row: str = ""  # consecutive widgets with the same row share one pair of columns
    col: int = 0
    caption: str = ""  # app.<caption> is written above it

    @property
    def word(self) -> str:
        return self.label or self.key


@attrs.frozen
class Input:
    """A field's declaration: its bound (kind, unit, limits, …) and how it is read and shown."""

    kind: str
    unit: str = ""
    low: Any = None
    high: Any = None
    required: bool = False
    warn_above: float | None = None
    options: tuple[str, ...] = ()
    warn_below: float | None = None
    key: str = ""  # its key in the case file, when not the attribute's name
    of: type | None = None  # kind "mapping": the declared class it holds (no bounds row of its own)
    item: Input | None = None  # kind "list": each item
    what: str = ""  # kind "list": what it holds, for "not a list"
    before: Callable[[Any, str], None] | None = None  # (raw value, field) → raises CaseError
    read: Callable[[Any, str, Bound], Any] | None = None  # (raw value, field, bound) → value, instead of the kind's
    form: Widget | None = None
    # the rules a date reaches: (parameter, years before) — the engine reads the parameter on this date (or on
    # 1 January that many years before), so the date must not come before the parameter's first value
    reaches: tuple[tuple[str, int], ...] = ()

    def bound(self, path: str) -> Bound:
        return Bound(path, self.kind, self.unit, self.low, self.high, self.required, self.warn_above, self.options,
                     self.warn_below)


@attrs.frozen
class Check:
    """A rule between fields of one class, tested as soon as all of ``fields`` are read: ``test(values, path)``
    raises a CaseError (``values``: attribute name → value read)."""

    fields: tuple[str, ...]
    test: Callable[[Mapping[str, Any], str], None]


def field(kind: str, unit: str = "", low: Any = None, high: Any = None, *, default: Any = None,
          required: bool = False, **kw: Any) -> Any:
    """An attrs field declared as a case field; a required one has no default."""
    meta = {"input": Input(kind, unit, low, high, required, **kw)}
    return attrs.field(metadata=meta) if required else attrs.field(default=default, metadata=meta)


def day(*, required: bool = False, form: Widget | None = None, reaches: tuple[tuple[str, int], ...] = ()) -> Any:
    """A date field, 1900–2100 (and no earlier than the first value of a rule it ``reaches``)."""
    return field("date", "date", FIRST_DATE, LAST_DATE, required=required, form=form, reaches=reaches)


def flag(form: Widget | None = None) -> Any:
    return field("boolean", form=form)


def inputs(cls: type) -> list[tuple[attrs.Attribute, Input]]:  # type: ignore[type-arg]
    """The declared fields of ``cls``, in the case file's order (the class's ``FILE_ORDER`` when its constructor
    order differs: required fields come first there)."""
    found = {a.name: (a, a.metadata["input"]) for a in attrs.fields(cls) if "input" in a.metadata}
    order = getattr(cls, "FILE_ORDER", None) or tuple(found)
    return [found[n] for n in order]


def key(a: attrs.Attribute, i: Input) -> str:  # type: ignore[type-arg]
    return i.key or a.name


def checks(cls: type) -> tuple[Check, ...]:
    return getattr(cls, "CHECKS", ())  # type: ignore[no-any-return]


def rows(cls: type, path: str) -> list[Bound]:
    """The bounds rows of the declared class ``cls`` at the generic ``path``."""
    out: list[Bound] = []
    for a, i in inputs(cls):
        p = f"{path}.{key(a, i)}"
        if i.kind == "mapping":
            out += rows(i.of, p)  # type: ignore[arg-type]
            continue
        out.append(i.bound(p))
        if i.item is not None:
            out.append(i.item.bound(f"{p}[]"))
    return out
