"""Texts made of other texts, each part put in the language the whole is put in (see :class:`benefit_calc.words.Text`)."""

from __future__ import annotations

from typing import Any

from benefit_calc.words import Text, in_lang


class Joined(Text):
    """Texts (or typed arguments: Month, Day, Num) joined with ``sep``, each in the language the whole is put in."""

    def __new__(cls, items: tuple[Any, ...], sep: str) -> "Joined":
        self = str.__new__(cls, sep.join(in_lang(t, "nb") for t in items))
        self.key, self.args, self.items, self.sep = "", {}, items, sep
        return self

    def in_(self, lang: str = "nb") -> str:
        return self.sep.join(in_lang(t, lang) for t in self.items)

    def __reduce__(self) -> object:
        return (Joined, (self.items, self.sep))
