"""Errors raised by benefit_calc.

Every error is a :class:`BenefitCalcError`, itself a :class:`ValueError`, and says in one plain sentence
which field (or which rule file and key) is wrong and what is allowed. Front ends print ``str(error)``;
nothing below them prints a traceback for these.
"""

from __future__ import annotations


class BenefitCalcError(ValueError):
    """Base class of every error this package raises on purpose."""


class CaseError(BenefitCalcError):
    """A case (input) field is missing or has a value that is not allowed.

    ``field`` is the dotted path of the field, e.g. ``work[1].hours_per_week``.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


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
