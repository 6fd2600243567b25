"""Errors raised by benefit_calc.

Every error is a :class:`BenefitCalcError`, itself a :class:`ValueError`, and says in one plain sentence
which field (or which rule file and key) is wrong and what is allowed. Front ends print ``str(error)``;
nothing below them prints a traceback for these.
"""

from __future__ import annotations

from typing import Any


class BenefitCalcError(ValueError):
    """Base class of every error this package raises on purpose."""


class _Untranslated:
    """The words an error is said in, until the word catalogue (:mod:`benefit_calc.words`, which sits above this
    module and registers itself with :func:`use_words` when it is imported) is there: the key and the path as
    they are. Core imports nothing of the package above it."""

    def problem(self, key: str, lang: str, values: dict[str, Any]) -> str:
        return key

    def label(self, field: str, lang: str) -> str:
        return field


WORDS: Any = _Untranslated()


def use_words(words: Any) -> None:
    """Say errors with ``words`` (an object with ``problem(key, lang, values)`` and ``label(field, lang)``)."""
    global WORDS
    WORDS = words


class CaseError(BenefitCalcError):
    """A case (input) field is missing or has a value that is not allowed.

    ``field`` is the dotted path of the field, e.g. ``work[1].hours_per_week``. ``str(error)`` is
    ``"<field>: <problem in English>"``; :meth:`message` gives it in bokmål, nynorsk or English with the field
    named by its label ("Timer i uka, trinn 2"), from the word catalogue (:mod:`benefit_calc.words`).
    """

    def __init__(self, field: str, problem: str, key: str = "", args: dict[str, Any] | None = None) -> None:
        self.field = field
        self.problem = problem
        self.key = key
        self.values = args or {}
        super().__init__(f"{field}: {problem}" if field else problem)

    @classmethod
    def of(cls, field: str, key: str, /, **args: Any) -> "CaseError":
        """The error ``error.<key>`` of the catalogue, filled with ``args`` (texts may be catalogue Texts)."""
        return cls(field, WORDS.problem(key, "en", args), key, args)

    def message(self, lang: str = "nb", path: bool = False) -> str:
        """One sentence in ``lang``: the field's label (and its path, for the CLI), then the problem."""
        problem = WORDS.problem(self.key, lang, self.values) if self.key else self.problem
        if not self.field:
            return problem[:1].upper() + problem[1:]
        label = WORDS.label(self.field, lang)
        return f"{label} ({self.field}): {problem}" if path and label != self.field else f"{label}: {problem}"


class RulesError(BenefitCalcError):
    """A rule file is broken or a rule was asked for where it has no value.

    ``file`` names the rule file, ``key`` the key path inside it.
    """

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}: {key}" if key else file
        super().__init__(f"{where}: {problem}")


class CalculationError(BenefitCalcError):
    """The calculation cannot be done for this case (e.g. a combination the law excludes)."""
