"""benefit_calc: what happens to the money of people on Norwegian benefits when they start working.

    from benefit_calc import load_rules, load_case, simulate, sweep, compare
    result = simulate(load_rules(), load_case("examples/aap-ung-minsteytelse.yaml"))

Pure functions over frozen attrs classes; a Ruleset loaded once serves any number of calls.
"""

from .case import Case, load_case, parse_case
from .compare import compare, explain
from .engine import simulate
from .errors import BenefitCalcError, CalculationError, CaseError, RulesError
from .result import Result
from .rules import Ruleset, load_rules
from .sweep import sweep

__all__ = [
    "BenefitCalcError", "CalculationError", "Case", "CaseError", "Result", "Ruleset", "RulesError",
    "compare", "explain", "load_case", "load_rules", "parse_case", "simulate", "sweep",
]
