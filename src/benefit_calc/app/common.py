"""Session state and small widgets shared by the app's pages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

import streamlit as st

from benefit_calc.app.mapping import form_values
from benefit_calc.words import formats
from benefit_calc.rules.load import Ruleset, load_rules
from benefit_calc.words import LANGS, text
from benefit_calc.words.formats import number

ROOT = Path(__file__).resolve().parent.parent.parent.parent
EXAMPLES = ROOT / "examples"


@st.cache_resource
def public_rules() -> Ruleset:
    """The public rules, loaded once for all sessions."""
    return load_rules()


def session_rules() -> Ruleset:
    """The rules with caches of this session's own: what the engine remembers is keyed by parts of the case, so it
    must not be shared between users. It goes when the session ends."""
    if "rules" not in st.session_state:
        st.session_state["rules"] = public_rules().with_own_caches()
    return st.session_state["rules"]  # type: ignore[no-any-return]


def lang() -> str:
    value = st.session_state.get("lang", "nb")
    return value if value in LANGS else "nb"


def t(key: str, /, **args: Any) -> str:
    """The app's text ``app.<key>`` in the session's language."""
    return text(f"app.{key}", lang(), **args)


def kr(x: float) -> str:
    """Kroner in the session's language: ``12 345 kr`` (nb, nn), ``12,345 kr`` (en)."""
    return formats.kr(x, lang())


def signed_kr(x: float) -> str:
    return formats.signed_kr(x, lang())


def num(x: float, decimals: int = 2) -> str:
    """A number the language's way: ``18,75`` (nb, nn), ``18.75`` (en); no decimals shown when whole."""
    return number(x, lang(), decimals)


def month_name(value: str | date) -> str:
    """``2026-12`` (or a date) → "desember 2026" (nb/nn) / "December 2026" (en)."""
    if isinstance(value, date):
        return formats.month(value, lang())
    try:
        year, month = (int(p) for p in value.split("-"))
        return formats.month(date(year, month, 1), lang())
    except (ValueError, KeyError):
        return value


def day_text(d: date) -> str:
    """A date the language's way: ``05.01.2027`` (nb, nn), ``5 Jan 2027`` (en)."""
    return formats.day(d, lang())


def months_around(center: str, before: int, after: int, keep: Iterable[str] = ()) -> list[str]:
    """Month options "YYYY-MM" from ``before`` months before ``center`` to ``after`` months after (plus ``keep``)."""
    try:
        y, m = (int(p) for p in center.split("-"))
    except ValueError:
        today = date.today()
        y, m = today.year, today.month
    out = []
    for k in range(-before, after + 1):
        n = y * 12 + m - 1 + k
        out.append(f"{n // 12:04d}-{n % 12 + 1:02d}")
    for extra in keep:
        if extra and extra not in out:
            out.append(extra)
    return sorted(out)


def _shown(value: Any) -> str:
    return f"{value:%d.%m.%Y}" if isinstance(value, date) else (value or "")


def load_into_form(raw: dict[str, Any], example: str = "") -> None:
    """Make ``raw`` (case-file data) the session's case and set every widget from it."""
    st.session_state["base"] = raw
    st.session_state["example_loaded"] = example
    for key in [k for k in st.session_state if isinstance(k, str) and k.endswith(tuple(f"__{c}" for c in LANGS))]:
        del st.session_state[key]  # language-keyed selectboxes start again from their value
    for key, value in form_values(raw).items():
        st.session_state[key] = value
        st.session_state.pop(f"{key}__slider", None)
        if isinstance(value, date) or value is None:  # a date field: its text box shows the new value
            st.session_state[f"{key}__text"] = st.session_state[f"{key}__text__seen"] = _shown(value)
        st.session_state.pop(f"{key}__num", None)  # a number field: made again from the value
    st.session_state["_typed_errors"] = {}
    for key in [k for k in st.session_state if isinstance(k, str) and re.fullmatch(r"_s\d+_open", k)]:
        del st.session_state[key]  # alternatives' open folds belong to the case that had them
    for key in ("_sweep", "guided_step"):
        st.session_state.pop(key, None)


def end_of_run() -> None:
    """Remember which value-holding widgets this run drew (see :func:`sync_typed`)."""
    st.session_state["_drawn_last"] = st.session_state.get("_drawn_now", set())


def write_help(where: Any, help: str | None) -> None:
    """For the job seeker (often on a phone, where a "?" needs a precise tap and its tooltip covers the field), a
    field's help is written under it; for the counsellor it stays behind the "?"."""
    if help and st.session_state.get("mode") == "self":
        where.caption(help)


def drawn(widget: str) -> None:
    st.session_state.setdefault("_drawn_now", set()).add(widget)


def choice(where: Any, label: str, options: list[str], key: str, names: Callable[[str], str], **kw: Any) -> str:
    """A selectbox whose option names follow the language. Streamlit keeps a widget's option names when only the
    language changes, so the widget's key carries the language and the value itself lives in ``key``."""
    widget = f"{key}__{lang()}"
    value = st.session_state.get(key, options[0])
    if value not in options:  # e.g. "reports income from 2026-05" in a loaded case
        options = [*options, value]
    if widget not in st.session_state or st.session_state[widget] not in options:
        st.session_state[widget] = value
    shown = {o: names(o) for o in options}  # in this run's language, even if asked later (AppTest does)
    shown_help = kw.pop("help", None)
    st.session_state[key] = where.selectbox(label, options, key=widget, format_func=lambda o: shown.get(o, str(o)),
                                            help=None if st.session_state.get("mode") == "self" else shown_help,
                                            **kw)
    write_help(where, shown_help)
    drawn(widget)
    return st.session_state[key]  # type: ignore[no-any-return]


def lang_radio(where: Any, label: str, options: list[Any], key: str, names: Callable[[Any], str], **kw: Any) -> Any:
    """A radio whose option names follow the language (like :func:`choice`): Streamlit keeps a radio's value as
    its shown name, so the widget's key carries the language and the value itself lives in ``key``."""
    widget = f"{key}__{lang()}"
    value = st.session_state.get(key, options[0])
    if value not in options:
        value = options[0]
    if widget not in st.session_state or st.session_state[widget] not in options:
        st.session_state[widget] = value
    shown = {o: names(o) for o in options}
    shown_help = kw.pop("help", None)
    st.session_state[key] = where.radio(label, options, key=widget, format_func=lambda o: shown.get(o, str(o)),
                                        help=None if st.session_state.get("mode") == "self" else shown_help, **kw)
    write_help(where, shown_help)
    drawn(widget)
    return st.session_state[key]


_DATE = re.compile(r"^\s*(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})\s*$")


def parse_day(typed: str) -> date | str | None:
    """A date typed as 15.06.1995 (or 1995-06-15); the text itself when it is not one (the parser names it)."""
    typed = (typed or "").strip()
    if not typed:
        return None
    m = _DATE.match(typed)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.fromisoformat(typed)
    except ValueError:
        return typed


def date_field(where: Any, label: str, key: str, help: str | None = None) -> None:
    """A date typed as dd.mm.åååå (no English calendar, quick by keyboard); the value lives in ``key`` (set from
    the text by :func:`sync_typed`)."""
    widget = f"{key}__text"
    if widget not in st.session_state:
        st.session_state[widget] = st.session_state[f"{widget}__seen"] = _shown(st.session_state.get(key))
    where.text_input(label, key=widget, placeholder=t("date_placeholder"),
                     help=None if st.session_state.get("mode") == "self" else help)
    write_help(where, help)
    drawn(widget)
