"""Numbers and dates the way each language writes them, and numbers read the way people type them.

Writing: babel's locale data (nb_NO, nn_NO, en_GB — British English: day before month, like Norway) gives the
decimal sign, the grouping and the month names: ``18,75`` / ``18.75``, ``500 000`` / ``500,000``,
``januar 2027`` / ``January 2027``, ``05.01.2027`` / ``5 Jan 2027``. Babel groups Norwegian thousands with a
no-break space; we write an ordinary space instead, so a number can be searched for, copied and compared as typed
(the app's tables keep it on one line with CSS).

Texts take typed arguments — :class:`Month`, :class:`Day`, :class:`Num` — that are formatted in the language the
text is put in (``Text("note.x", month=Month(d)).in_("en")``), so a message made once by the engine reads right in
every language.

Reading: :func:`read_number` takes what a Norwegian (or English) user types into a number field — ``37,5``,
``220,50``, ``500 000``, ``18.75``, ``1.500,50``, ``kr 9 000`` — and refuses, with a reason, anything it cannot read
without guessing (``1.500``: one and a half, or fifteen hundred?).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import attrs
from babel import Locale
from babel.numbers import format_decimal

LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
MONTH_FORMAT = {"nb": "{name} {year}", "nn": "{name} {year}", "en": "{name} {year}"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["nb"])


@lru_cache(maxsize=4096)
def number(x: float, lang: str = "nb", decimals: int = 2, fixed: bool = False) -> str:
    """``x`` with up to ``decimals`` decimals (none shown when whole): 18,75 · 42 · 500 000 (nb); 18.75 (en).
    ``fixed``: always ``decimals`` decimals, as kroner and øre are written (1,10 · 0,80)."""
    pattern = "#,##0" + ("." + ("0" if fixed else "#") * decimals if decimals else "")
    return format_decimal(x, format=pattern, locale=_locale(lang)).replace("\u00a0", " ").replace("\u202f", " ")


def amount(x: float, lang: str = "nb") -> str:
    """Kroner as a wage is written: whole ``220``, or with øre always two decimals ``220,50`` (``220.50`` in English)."""
    return number(x, lang, 0) if float(x).is_integer() else number(x, lang, 2, fixed=True)


def kr(x: float, lang: str = "nb") -> str:
    """Whole kroner with the unit: ``12 345 kr`` (nb, nn), ``12,345 kr`` (en)."""
    return f"{number(round(x), lang, 0)} kr"


def signed_kr(x: float, lang: str = "nb") -> str:
    """``+1 730 kr`` / ``−1 730 kr`` (a real minus sign)."""
    return f"{'+' if x >= 0 else '−'}{kr(abs(x), lang)}"


@lru_cache(maxsize=None)
def _months(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    loc = Locale.parse(_locale(lang))
    wide = loc.months["stand-alone"]["wide"]
    short = loc.months["stand-alone"]["abbreviated"]
    return tuple(wide[k] for k in range(1, 13)), tuple(short[k] for k in range(1, 13))


def month(d: date, lang: str = "nb") -> str:
    """A calendar month in words: ``januar 2027`` (nb, nn), ``January 2027`` (en)."""
    return MONTH_FORMAT.get(lang, MONTH_FORMAT["nb"]).format(name=_months(lang)[0][d.month - 1], year=d.year)


def month_short(d: date, lang: str = "nb") -> str:
    """A month for a chart axis: ``jan 2027`` (nb, nn), ``Jan 2027`` (en)."""
    return f"{_months(lang)[1][d.month - 1]} {d.year}"


def day(d: date, lang: str = "nb") -> str:
    """A date: ``05.01.2027`` (nb, nn — as on NAV's letters), ``5 Jan 2027`` (en)."""
    if lang == "en":
        return f"{d.day} {_months(lang)[1][d.month - 1]} {d.year}"
    return f"{d:%d.%m.%Y}"


@attrs.frozen
class Month:
    """A text argument: a month, written in the text's language."""

    value: date

    def in_(self, lang: str) -> str:
        return month(self.value, lang)


@attrs.frozen
class Day:
    """A text argument: a date, written in the text's language."""

    value: date

    def in_(self, lang: str) -> str:
        return day(self.value, lang)


@attrs.frozen
class Num:
    """A text argument: a number (kroner, hours, a percentage), written in the text's language."""

    value: float
    decimals: int = 0

    def in_(self, lang: str) -> str:
        return number(self.value, lang, self.decimals)


class NumberNotRead(ValueError):
    """What was typed is not a number we can read without guessing; ``reason`` is a word key (``typed.*``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_UNIT = re.compile(r"^(kr\.?|nok)\s*|\s*(kr\.?|,-|nok|t|timer|%)$", re.IGNORECASE)
_PLAIN = re.compile(r"^\d+$")
_GROUPED = re.compile(r"^\d{1,3}([ ]\d{3})+$")  # 500 000 (spaces only between groups of three)
MAX_TYPED = 40  # characters: no number a person types into this form is longer


def read_number(typed: str, lang: str = "nb") -> float | None:
    """A number as a person types it. ``None`` for an empty field.

    Read: ``37,5`` and ``37.5`` (one decimal sign), ``500 000`` (spaces between groups of three), ``1.500,50`` and
    ``1,500.50`` (both signs: the last is the decimal sign, the other groups thousands), ``kr 9 000`` / ``9000 kr``.
    Refused (raises :class:`NumberNotRead`): a single ``.`` or ``,`` followed by exactly three digits after a
    number other than 0 (``1.500``, ``2,000``: a decimal or a thousands sign — we do not guess), a minus sign,
    letters, anything longer than a number. In English (``lang="en"``) a comma is never a decimal sign there, so
    ``2,000`` is two thousand, as the app shows it in English.
    """
    text = (typed or "").strip()
    if not text:
        return None
    if len(text) > MAX_TYPED:
        raise NumberNotRead("too_long")
    text = _UNIT.sub("", text.lower()).strip()
    if text.startswith(("-", "−", "–")):
        raise NumberNotRead("negative")
    text = _SPACES.sub(" ", text).strip()
    seps = [c for c in text if c in ",."]
    if not text or not re.fullmatch(r"[\d ,.]+", text) or not re.search(r"\d", text):
        raise NumberNotRead("not_number")
    if len(set(seps)) == 2:  # 1.500,50 or 1,500.50
        decimal_sign = text.rstrip("0123456789")[-1]
        group_sign = "." if decimal_sign == "," else ","
        whole, _, frac = text.rpartition(decimal_sign)
        if group_sign not in whole or decimal_sign in whole or not frac.isdigit():
            raise NumberNotRead("not_number")
        whole = whole.replace(group_sign, " ")
        if not (_GROUPED.match(whole) or _PLAIN.match(whole)):
            raise NumberNotRead("grouping")
        return float(whole.replace(" ", "") + "." + frac)
    if len(seps) > 1:  # 1.500.000: thousands marked with dots (or commas), never a decimal sign twice
        groups = text.replace(seps[0], " ")
        if not _GROUPED.match(groups):
            raise NumberNotRead("grouping")
        return float(groups.replace(" ", ""))
    whole, sign, frac = text.partition(seps[0]) if seps else (text, "", "")
    whole = whole.strip()
    if whole and not (_PLAIN.match(whole) or _GROUPED.match(whole)):
        raise NumberNotRead("grouping")
    if sign and not frac and whole:  # "3," or "3." : nothing after the sign
        return float(whole.replace(" ", ""))
    if sign:
        if not frac.isdigit():
            raise NumberNotRead("not_number")
        if len(frac) == 3 and whole.replace(" ", "").lstrip("0"):
            if lang == "en" and sign == "," and _PLAIN.match(whole):  # 2,000 in English: the thousands sign
                return float(whole + frac)
            raise NumberNotRead("ambiguous")
        return float((whole.replace(" ", "") or "0") + "." + frac)
    return float(whole.replace(" ", ""))
