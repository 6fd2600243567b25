"""What people type into the app: numbers read the Norwegian way, dates, and the sync that makes a typed value the
case's value in the same run (Streamlit would otherwise hand it over a run late)."""

from __future__ import annotations

from typing import Any, Iterable

import streamlit as st

from benefit_calc.app.common import drawn, lang, parse_day, t, write_help
from benefit_calc.words.formats import NumberNotRead, amount, number, read_number


def sync_typed() -> None:
    """Before anything is computed: what the user just typed or chose becomes the case's value in this run (the
    widgets that hold it are drawn later in the script, so their values would otherwise arrive a run late). Only
    the widgets drawn in the last run count: Streamlit may hand back a default for one that was not drawn."""
    last = st.session_state.get("_drawn_last", set())
    st.session_state["_drawn_now"] = set()
    for widget in last:
        if widget not in st.session_state:
            continue
        if widget.endswith("__text"):
            if st.session_state[widget] != st.session_state.get(f"{widget}__seen"):
                st.session_state[widget[: -len("__text")]] = parse_day(st.session_state[widget])
                st.session_state[f"{widget}__seen"] = st.session_state[widget]
        elif widget.endswith("__num"):
            _sync_number(widget)
        elif widget.endswith(f"__{lang()}"):
            st.session_state[widget[: -len(f"__{lang()}")]] = st.session_state[widget]


def _sync_number(widget: str) -> None:
    """A number field's text → its value. Read the Norwegian way (``37,5``, ``500 000``; see
    :func:`benefit_calc.words.formats.read_number`); what cannot be read becomes the value as typed (a text), so
    the case is refused at that field instead of being computed from the number that was there before."""
    typed = st.session_state[widget]
    if typed == st.session_state.get(f"{widget}__seen"):
        return
    st.session_state[f"{widget}__seen"] = typed
    key = widget[: -len("__num")]
    spec = st.session_state.get("_num_specs", {}).get(widget, {})
    errors = st.session_state.setdefault("_typed_errors", {})
    errors.pop(key, None)
    try:
        value = read_number(typed, lang())
    except NumberNotRead as exc:
        errors[key] = (exc.reason, typed)
        st.session_state[key] = typed
        return
    if value is None:
        value = None if spec.get("optional") else 0.0
    elif spec.get("integer") and not float(value).is_integer():
        errors[key] = ("whole", typed)
        st.session_state[key] = typed
        return
    st.session_state[key] = int(value) if spec.get("integer") and value is not None else value


def forget_typed(keys: Iterable[str]) -> None:
    """Number fields whose values were set by the app (a new step, a moved scenario): their text boxes are made
    again from the values, and what was typed wrong there before is forgotten."""
    errors = st.session_state.get("_typed_errors", {})
    for key in keys:
        st.session_state.pop(f"{key}__num", None)
        errors.pop(key, None)


def typed_problems() -> list[str]:
    """What the user typed that could not be read, each naming its field: the case is not computed until fixed."""
    labels = st.session_state.get("_num_labels", {})
    return [f"{labels.get(key, key)}: {typed_message(reason, typed)}"
            for key, (reason, typed) in st.session_state.get("_typed_errors", {}).items()
            if isinstance(st.session_state.get(key), str)]


def typed_message(reason: str, typed: str) -> str:
    return t(f"typed_{reason}", typed=typed[:40])


def shown_number(value: Any, decimals: int = 2, grouping: bool = True, money: bool = False) -> str:
    """What a number field shows for ``value``: the language's way (``500 000``, ``18,75``; kroner with øre as
    ``220,50``); a text as it is."""
    if value is None or isinstance(value, str):
        return value or ""
    text_ = amount(float(value), lang()) if money else number(float(value), lang(), decimals)
    if grouping:
        return text_
    return text_.replace(" ", "").replace(",", "") if lang() == "en" else text_.replace(" ", "")  # a table number


def number_field(where: Any, label: str, key: str, bounds: tuple[Any, Any], *, decimals: int = 2,
                 integer: bool = False, optional: bool = False, grouping: bool = True, money: bool = False,
                 help: str | None = None) -> None:
    """A number typed as a Norwegian (or English) user types it, in a text box: ``37,5``, ``220,50``, ``500 000``
    and ``18.75`` all read right; anything else is refused right under the field, in the user's language, and the
    case waits for it (see :func:`_sync_number`). The value lives in ``key``; ``bounds`` (from ``case/bounds.py``)
    are checked at the field too."""
    widget = f"{key}__num"
    value = st.session_state.get(key)
    errors = st.session_state.setdefault("_typed_errors", {})
    if widget not in st.session_state or (st.session_state.get(f"{widget}__lang") != lang() and key not in errors):
        st.session_state[widget] = st.session_state[f"{widget}__seen"] = shown_number(value, decimals, grouping, money)
    st.session_state[f"{widget}__lang"] = lang()
    st.session_state.setdefault("_num_specs", {})[widget] = {"integer": integer, "optional": optional}
    st.session_state.setdefault("_num_labels", {})[key] = label
    where.text_input(label, key=widget, help=None if st.session_state.get("mode") == "self" else help, max_chars=40,
                     placeholder=t("number_placeholder_int" if integer else "number_placeholder"))
    write_help(where, help)
    drawn(widget)
    low, high = bounds
    if key in errors and isinstance(value, str):
        where.error(typed_message(*errors[key]), icon="⚠️")
    elif isinstance(value, (int, float)) and not (low <= value <= high):
        where.error(t("typed_range", low=shown_number(low, decimals, grouping),
                      high=shown_number(high, decimals, grouping)), icon="⚠️")
