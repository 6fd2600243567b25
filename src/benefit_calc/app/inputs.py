"""The benefit widgets of the form as the benefits declare them (``Widget`` in case/benefits.py), and their
values both ways: the widget values of a benefit in a case, and the case fields the widgets write back.

One rule for every plain field: the form shows the field's value (or the widget's default); a value the user has
not changed leaves the field as the file had it; a changed one is written, or the field left out when the widget
says "not given" (an empty date, an unticked box, the ``absent`` choice, 0 where 0 means none). Required fields
are always written. Two widgets are composite: ``basis`` (kroner or G, one amount) and ``mapping`` (a checkbox and
the widgets of the class it holds, as the opptrapping period).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

import attrs

from benefit_calc.case.benefits import Benefits
from benefit_calc.case.declare import Input, Widget, inputs, key

B = "client.benefits"
_KINDS = {"number": "number", "integer": "number", "date": "date", "boolean": "check", "choice": "choice"}


@attrs.frozen
class Shown:
    """One widget of a benefit: the field's key in the case, its generic path, its declaration and the widgets
    inside it (a ``mapping``)."""

    name: str
    path: str
    field: Input
    widget: Widget
    nested: tuple[Shown, ...] = ()

    @property
    def kind(self) -> str:
        return self.widget.kind or _KINDS[self.field.kind]

    @property
    def key(self) -> str:
        return f"f_{self.widget.key}"

    @property
    def options(self) -> tuple[Any, ...]:
        return self.widget.options or self.field.options


def _widgets(cls: type, path: str) -> tuple[Shown, ...]:
    out = []
    for a, i in inputs(cls):
        if i.form is not None:
            p = f"{path}.{key(a, i)}"
            nested = _widgets(i.of, p) if i.kind == "mapping" else ()  # type: ignore[arg-type]
            out.append(Shown(key(a, i), p, i, i.form, nested))
    return tuple(sorted(out, key=lambda s: s.widget.order))


WIDGETS: dict[str, tuple[Shown, ...]] = {a.name: _widgets(a.metadata["input"].of, f"{B}.{a.name}")
                                         for a in attrs.fields(Benefits)}


def month_value(v: Any) -> str:
    if isinstance(v, date):
        return f"{v:%Y-%m}"
    return str(v) if v is not None else ""


def day_value(v: Any) -> date | None:
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        return None


def num(x: Any) -> Any:
    """Whole numbers as int, so a saved case reads ``9000`` and not ``9000.0``. A text (what the user typed into a
    number field and could not be read) goes into the case as it is, so the parser refuses it at its field."""
    if x is None or isinstance(x, str):
        return x
    return int(x) if float(x).is_integer() else float(x)


def whole(x: Any) -> Any:
    """A whole number from a field, or the text typed there as it is (refused by the parser at its field)."""
    return int(x) if isinstance(x, (int, float)) and float(x).is_integer() else x


def iso(d: Any) -> Any:
    return d.isoformat() if isinstance(d, date) else d


def shown_value(s: Shown, x: Any, start: Any = None) -> Any:
    """The widget's value for the case value ``x`` (``start``: the case's first month)."""
    w = s.widget
    if s.kind == "number":
        return x if w.optional else (int if s.field.kind == "integer" else float)(x or w.default or 0)
    if s.kind == "date":
        return day_value(x)
    if s.kind == "check":
        return bool(x)
    if s.kind == "month":
        return month_value(x) or month_value(start)
    if w.months:
        return month_value(x) or w.default
    return x if x in s.options else w.default


def case_value(s: Shown, v: Any) -> Any:
    """The case value for the widget value ``v``; ``None``: the field is left out."""
    if s.kind == "number":
        c = None if v is None else whole(v) if s.field.kind == "integer" else num(v)
        return (c or None) if s.widget.zero_is_none else c
    if s.kind == "date":
        return iso(v)
    if s.kind == "check":
        return True if v else None
    return None if v == s.widget.absent else v


def values(name: str, body: Mapping[str, Any], start: Any) -> dict[str, Any]:
    """Widget key → value for the benefit ``name`` as ``body`` (its mapping in the case; empty if none) has it."""
    v: dict[str, Any] = {}
    for s in WIDGETS[name]:
        if s.kind == "basis":
            g = body.get("basis_g")
            v[f"{s.key}_unit"] = "G" if g is not None else "kr"
            v[f"{s.key}_basis"] = float(g if g is not None else body.get("basis") or 0)
        elif s.kind == "mapping":
            inner = body.get(s.name) or {}
            v[s.key] = bool(inner)
            v.update({t.key: shown_value(t, inner.get(t.name), start) for t in s.nested})
        else:
            v[s.key] = shown_value(s, body.get(s.name), start)
    return v


def put(name: str, body: dict[str, Any], v: Mapping[str, Any], counsellor: bool) -> None:
    """Write the widget values ``v`` of the benefit ``name`` into ``body``; the counsellor's widgets only in the
    counsellor's mode (in self-service their fields stay as they were)."""
    for s in WIDGETS[name]:
        if counsellor or not s.widget.counsellor:
            _put(s, body, v)


def _put(s: Shown, body: dict[str, Any], v: Mapping[str, Any]) -> None:
    if s.kind == "basis":
        body.pop("basis", None)
        body.pop("basis_g", None)
        body["basis_g" if v[f"{s.key}_unit"] == "G" else "basis"] = num(v[f"{s.key}_basis"])
    elif s.kind == "mapping":
        inner = dict(body.get(s.name) or {}) if v[s.key] else None
        for t in s.nested if inner is not None else ():
            _put(t, inner, v)  # type: ignore[arg-type]
        _set(body, s.name, inner)
    elif s.field.required or shown_value(s, body.get(s.name)) != v[s.key]:
        _set(body, s.name, case_value(s, v[s.key]), s.field.required)


def _set(body: dict[str, Any], name: str, value: Any, required: bool = False) -> None:
    """Set or leave out the field; a field the file did not have is not added as 0 or false unless required."""
    if value is None or (value in ("", 0, False) and name not in body and not required):
        body.pop(name, None)
    else:
        body[name] = value


def shown_paths() -> set[str]:
    """The generic paths of the benefit fields the form shows (in the counsellor's mode)."""
    out: set[str] = set()
    todo = [s for shown in WIDGETS.values() for s in shown]
    while todo:
        s = todo.pop()
        todo += s.nested
        if s.kind == "basis":
            out |= {s.path, s.path.rsplit(".", 1)[0] + ".basis"}
        elif s.kind != "mapping" and not (s.kind == "choice" and s.field.kind != "choice"):
            out.add(s.path)  # a choice of some of a number's values (dagpenger weeks) still lists the others
    return out
