"""benefit_calc: what happens to the money of people on Norwegian benefits when they start working.

    from benefit_calc import load_rules, load_case, simulate, sweep, compare
    result = simulate(load_rules(), load_case("examples/aap-ung-minsteytelse.yaml"))

Pure functions over frozen attrs classes; a Ruleset loaded once serves any number of calls.
"""

from typing import TYPE_CHECKING, Any

from benefit_calc.case.model import Case, load_case, parse_case
from benefit_calc.engine.simulate import simulate
from benefit_calc.core.errors import BenefitCalcError, CalculationError, CaseError, RulesError
from benefit_calc.result.model import Result
from benefit_calc.rules.load import Ruleset, load_rules

if TYPE_CHECKING:
    from benefit_calc.analysis.compare import compare, explain
    from benefit_calc.analysis.sweep import sweep

_LAZY = {"compare": "analysis.compare", "explain": "analysis.compare", "sweep": "analysis.sweep"}  # imported when first used: faster CLI start


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "BenefitCalcError", "CalculationError", "Case", "CaseError", "Result", "Ruleset", "RulesError",
    "compare", "explain", "load_case", "load_rules", "parse_case", "simulate", "sweep",
]
