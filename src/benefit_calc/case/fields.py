"""Read one field of a parsed case within its bounds (:mod:`benefit_calc.bounds`), naming it in any error.

Every reader takes the raw mapping, the key, the dotted path of the mapping (with list indices, for the
message) and the generic path of the field in :data:`~benefit_calc.bounds.BOUNDS` (for its kind and limits).
A rejected value is shown cut to about 60 characters, whatever it holds.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from benefit_calc.case.bounds import BOUNDS, Bound
from benefit_calc.case.declare import Input, checks, inputs, key
from benefit_calc.case.values import is_number, month_text, parse_month  # noqa: F401 (month_text: read from here)
from benefit_calc.core.errors import CaseError
from benefit_calc.core.safe_load import number_form, show, show_key
from benefit_calc.words import Text, has

_NORWEGIAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_NORWEGIAN_MONTH = re.compile(r"^\s*(\d{1,2})[./](\d{4})\s*$")


def _fmt(x: float) -> str:
    """A number for a message: whole numbers with spaces between thousands ("1 000 000"), others as written (an
    int too long for a float is shown cut, like any rejected value)."""
    if isinstance(x, int) and abs(x) >= 10**15:
        return show(x)
    if float(x).is_integer() and abs(x) < 10**15:
        return f"{int(x):,}".replace(",", " ")
    return f"{x:g}"


def where(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def mapping(raw: Any, path: str, allowed: Sequence[str]) -> Mapping[str, Any]:
    """``raw`` must be a mapping whose keys are all in ``allowed``."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise CaseError.of(path, "not_a_mapping" if path else "file_not_mapping", allowed=", ".join(allowed), found=show(raw))
    for key in raw:
        if key not in allowed:
            name = show_key(key)  # escaped: no ANSI escape reaches a terminal, no invisible character hides
            raise CaseError.of(where(path, name), "unknown_field", allowed=", ".join(allowed))
    return raw


def items(raw: Any, path: str, spec: str, what: str) -> list[Any]:
    """A list field within its count bound (checked before any item is read)."""
    b = BOUNDS[spec]
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise CaseError.of(path, "not_a_list", what=what)
    if len(raw) > b.high:
        raise CaseError.of(path, "list_too_long", count=len(raw), max=b.high, why=_why(b))
    return raw


def _missing(b: Bound, field: str) -> CaseError:
    return CaseError.of(field, {"month": "required_month", "date": "required_date"}.get(b.kind, "required"))


def _why(b: Bound) -> Text:
    return Text(f"why.{b.path}")


def _range(value: Any, b: Bound, field: str, shown: str) -> None:
    if b.low is not None and value < b.low:
        raise CaseError.of(field, "below", value=shown, limit=_limit(b.low, b), why=_why(b))
    if b.high is not None and value > b.high:
        raise CaseError.of(field, "above", value=shown, limit=_limit(b.high, b), why=_why(b))


def _limit(x: Any, b: Bound) -> str:
    if isinstance(x, date):
        return f"{x:%Y-%m}" if b.kind == "month" else x.isoformat()
    if isinstance(x, (int, float)) and has(f"unit.{b.unit}"):
        return Text("error.limit", value=_fmt(x), unit=Text(f"unit.{b.unit}"))
    return _fmt(x) if isinstance(x, (int, float)) else str(x)


def _given(raw: Mapping[str, Any], key: str, path: str, spec: str) -> tuple[Bound, str, Any]:
    """The field's bounds, its name where it was found, and its value (``None``: absent, allowed as it is optional)."""
    b, field = BOUNDS[spec], where(path, key)
    value = raw.get(key)
    if value is None and b.required:
        raise _missing(b, field)
    return b, field, value


def number(raw: Mapping[str, Any], key: str, path: str, spec: str) -> float | None:
    """A number within the field's bounds; ``None`` if absent and not required."""
    b, field, value = _given(raw, key, path, spec)
    if value is None:
        return None
    if number_form(value):  # 1:30, 012, 0xC8, 2_00: YAML 1.1 read them as numbers; the loader leaves them text
        raise CaseError.of(field, "number_form", value=show(value))
    if not is_number(value):
        raise CaseError.of(field, "not_a_number_text" if isinstance(value, str) else "not_a_number", value=show(value))
    _range(value, b, field, _fmt(value))
    return value


def integer(raw: Mapping[str, Any], key: str, path: str, spec: str) -> int | None:
    value = number(raw, key, path, spec)
    if value is not None and value != int(value):
        raise CaseError.of(where(path, key), "not_whole", value=_fmt(value))
    return None if value is None else int(value)


def boolean(raw: Mapping[str, Any], key: str, path: str, spec: str) -> bool | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, bool):
        raise CaseError.of(where(path, key), "not_bool", value=show(value))
    return value


def choice(raw: Mapping[str, Any], key: str, path: str, spec: str) -> str | None:
    b = BOUNDS[spec]
    value = raw.get(key)
    if value is not None and value not in b.options:
        raise CaseError.of(where(path, key), "not_one_of", value=show(value), options=", ".join(b.options))
    return value


def text(raw: Mapping[str, Any], key: str, path: str, spec: str) -> str | None:
    b, field, value = _given(raw, key, path, spec)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CaseError.of(field, "not_text", value=show(value))
    if len(value) > b.high:
        raise CaseError.of(field, "too_long", max=b.high)
    return value


def day(raw: Mapping[str, Any], key: str, path: str, spec: str) -> date | None:
    """A date written ``YYYY-MM-DD`` within the field's bounds."""
    b, field, value = _given(raw, key, path, spec)
    if value is None:
        return None
    parsed = _as_date(value)
    if parsed is None:
        m = _NORWEGIAN_DATE.match(value) if isinstance(value, str) else None
        if m:
            raise CaseError.of(field, "not_a_date_fix", value=show(value),
                               fix=f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}")
        raise CaseError.of(field, "not_a_date", value=show(value))
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
    b, field, value = _given(raw, key, path, spec)
    if value is None:
        return None
    parsed = parse_month(value)
    if parsed is None:
        if isinstance(value, float) and is_number(value):  # YAML reads 12.2026 as a number
            value = f"{value:.4f}"
        m = _NORWEGIAN_MONTH.match(value) if isinstance(value, str) else None
        if m:
            raise CaseError.of(field, "not_a_month_fix", value=show(value), fix=f"{m.group(2)}-{int(m.group(1)):02d}")
        raise CaseError.of(field, "not_a_month", value=show(value))
    _range(parsed, b, field, month_text(parsed))
    return parsed




# --------------------------------------------------------------------- a declared class (case/declare.py), read

_READERS = {"number": number, "integer": integer, "boolean": boolean, "choice": choice, "text": text, "date": day,
            "month": month}


def declared(cls: type, raw: Any, path: str, spec: str) -> Any:
    """``raw`` (found at ``path``, generic path ``spec``) read as the declared class ``cls``: each field by its kind
    within its bound, its hooks where it declares them, each :class:`~benefit_calc.case.declare.Check` as soon as
    its fields are read."""
    fields = inputs(cls)
    m = mapping(raw, path, [key(a, i) for a, i in fields])
    values: dict[str, Any] = {}
    for a, i in fields:
        values[a.name] = _read(i, m, key(a, i), path, f"{spec}.{key(a, i)}")
        for c in checks(cls):
            if a.name in c.fields and all(n in values for n in c.fields):
                c.test(values, path)
    return cls(**values)


def _read(i: Input, m: Mapping[str, Any], k: str, path: str, spec: str) -> Any:
    value = m.get(k)
    if i.before is not None:
        i.before(value, where(path, k))
    if i.read is not None:
        return i.read(value, where(path, k), BOUNDS[spec])
    if i.kind == "mapping":
        return None if value is None else declared(i.of, value, where(path, k), spec)  # type: ignore[arg-type]
    if i.kind == "list":
        read = _READERS[i.item.kind]  # type: ignore[union-attr]
        return tuple(read({f"{k}[{n}]": x}, f"{k}[{n}]", path, f"{spec}[]")
                     for n, x in enumerate(items(value, where(path, k), spec, i.what)))
    return _READERS[i.kind](m, k, path, spec)
