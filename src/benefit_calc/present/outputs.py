"""The machine-readable answers every front end gives: one function per command, each returning plain data.

The CLI (``--format json``), the HTTP API and the batch command all call these, so the three give the same JSON
for the same case (tests/test_api.py checks it for every example).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from benefit_calc.case.model import Case
from benefit_calc.core.errors import CaseError
from benefit_calc.rules.model import Ruleset


def simulate_data(rules: Ruleset, case: Case) -> dict[str, Any]:
    """The result contract (docs/architecture.md §5): month rows, meldeperioder, years, settlements, warnings."""
    from benefit_calc.engine.simulate import simulate

    return simulate(rules, case).to_dict()


def sweep_data(rules: Ruleset, case: Case, hours: Sequence[float], wage: float | None, lang: str) -> dict[str, Any]:
    """Disposable income and PTR/EMTR by scheme for each hours level, with the cliffs explained in ``lang``."""
    from benefit_calc.analysis.cliffs import rate_cliffs
    from benefit_calc.analysis.sweep import sweep

    sw = sweep(rules, case, hours, wage)
    return sw.to_dict() | {"cliffs": [c.to_dict() for c in rate_cliffs(rules, sw, lang)]}


def compare_data(rules: Ruleset, case: Case, lang: str) -> dict[str, Any]:
    """The work plan against each scenario, with each one's timing cliffs in ``lang``."""
    from benefit_calc.analysis.cliffs import timing_cliffs
    from benefit_calc.analysis.compare import compare

    cmp = compare(rules, case)
    timing = {n: timing_cliffs(rules, r, lang) for n, r in zip(cmp.names, cmp.results)}
    data = cmp.to_dict()
    for sc in data["scenarios"]:
        sc["timing_cliffs"] = [c.to_dict() for c in timing[sc["name"]]]
    return data


def explain_data(rules: Ruleset, case: Case, month_text: Any, lang: str) -> dict[str, Any]:
    """Every amount in one month (``YYYY-MM``) with its rule, parameter values and legal reference, in ``lang``."""
    from benefit_calc.analysis.compare import explain
    from benefit_calc.case import fields
    from benefit_calc.engine.simulate import simulate

    month: date | None = fields.parse_month(month_text)
    if month is None:
        raise CaseError.of("month", "give_month")
    return explain(simulate(rules, case), month, lang)


def report_pdf(rules: Ruleset, case: Case, lang: str) -> bytes:
    """The client's report as PDF bytes."""
    from benefit_calc.engine.simulate import simulate
    from benefit_calc.present.report import build_pdf
    from benefit_calc.present.summary import headline

    result = simulate(rules, case)
    return build_pdf(case, result, headline(rules, case, result), lang, rules=rules)
