"""Skatteetaten's withholding tables (``beregnTabelltrekk``), reproduced with Java's doubles and ``Math.round``.

The rule in plain words (skattebetalingsloven § 5-6; Skatteetaten's trekkrutine, constants by year in
``rules/no/skatt.yaml``): the payment is banded (100 kr for monthly, 50 kr for 14-day pay), annualised (× 12.12
/ 26.26), taxed with the table's 88 % minstefradrag and the table's extra deduction or addition, and divided by
10.5 / 23 — because June (holiday pay) and half of December are trekkfri. 2023–2024 tables take a flat rate
above their top.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Sequence

from benefit_calc.core.errors import CaseError
from benefit_calc.rules.load import Ruleset


def jround(x: float) -> int:
    """Java's ``Math.round``: half up, also for negative numbers (Python's ``round`` is half to even).

    Computed without adding 0.5 in floating point, which can itself round (0.49999999999999994 + 0.5 == 1.0).
    """
    whole = math.floor(x)
    return whole + 1 if x - whole >= 0.5 else whole




def trinnskatt(brackets: Sequence[object], income: float) -> float:
    """Unrounded trinnskatt: each bracket's rate on the part of ``income`` above its threshold, up to the next."""
    tax = 0.0
    for i, b in enumerate(brackets):
        if income < b.threshold:  # type: ignore[attr-defined]
            break
        top = brackets[i + 1].threshold if i + 1 < len(brackets) else None  # type: ignore[attr-defined]
        upper = income if top is None or income < top else top
        tax += (upper - b.threshold) * b.rate  # type: ignore[attr-defined]
    return tax


# ------------------------------------------------------------------------------------------ assessment


def table_deduction(rules: Ruleset, table: int, day: date) -> int:
    """The extra yearly deduction (negative: addition) a table number stands for, in any year's numbering."""
    seen = []
    for dv in rules.param("skatt.table_numbering").values:
        n = dv.value
        base, step, amount = int(n["base"]), int(n["number_step"]), int(n["amount_step"])
        seen.append(f"{base}, {n['deduction_first']}–{n['deduction_last']}, {n['addition_first']}–{n['addition_last']}")
        if table == base:
            return 0
        if n["deduction_first"] <= table <= n["deduction_last"] and (table - base) % step == 0:
            return (table - base) // step * amount
        first = int(n["addition_first"])
        if first <= table <= n["addition_last"] and (table - first) % step == 0:
            return -((table - first) // step + 1) * amount
    raise CaseError.of("tax.table", "table_unknown", table=table, allowed="; ".join(seen))


def table_withholding(rules: Ruleset, table: int, base: int, period: str, day: date) -> int:
    """Skatteetaten's ``beregnTabelltrekk`` for an ordinary table on a payment of ``base`` kroner."""
    if base <= 0:
        return 0
    v = lambda name: rules.value(f"skatt.{name}", day)  # noqa: E731
    per = v("table_periods")[period]
    band, max_base = int(per["band"]), int(per["max_base"])
    banded = base // band * band + band // 2
    excess_rate = float(v("table_excess_rate"))
    excess = 0
    if excess_rate > 0 and banded >= max_base:  # 2023–2024: flat rate above the table's top
        excess = jround((banded - max_base) * excess_rate)
        banded = max_base
    pi = jround(banded * float(per["income"]))
    mf = min(max(min(jround(pi * float(v("table_minstefradrag_rate"))), int(v("table_minstefradrag_max"))), 0), pi)
    alm = pi - mf - table_deduction(rules, table, day) - int(v("personfradrag"))
    kommune = jround(alm * float(v("skattore"))) if alm > 0 else 0
    felles = jround(alm * float(v("fellesskatt"))) if alm >= 0 else 0
    trinn = jround(trinnskatt(v("trinnskatt"), pi))
    lower, rate, phase = int(v("trygdeavgift_lower_limit")), float(v("trygdeavgift_rate")), float(v("trygdeavgift_phase_in"))
    limit = jround(lower * phase / (phase - rate))
    trygd = 0 if pi < lower else jround(pi * rate) if pi > limit else jround((pi - lower) * phase)
    trekk = jround((kommune + felles + trinn + trygd) / float(per["withholding"])) + excess
    return trekk if excess else min(trekk, base)
