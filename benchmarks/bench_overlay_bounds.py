"""Issue 21: every rule parameter at and just beyond its unit's bounds, on every example — only our own errors.

    uv run python benchmarks/bench_overlay_bounds.py

For each of the bundled parameters, each leaf the engine reads (a number, a choice, a name, a list: see
``tests/strategies.py`` ``bound_variants``; at most 8 leaves of a long register) is set to its low and high bound,
just below and above them, to 1e±300 and, where it must be whole or above 0, to a fraction or a tiny divisor; and
every number of the parameter at once to its low and to its high. Each variant is laid over the rules as the overlay
``bounds.yaml`` (as the HTTP API does, ``rules.overlaid``), once from 2023-01-01 (the first supported month) and
once from 2026-01-01:

- a value beyond the bounds must be refused at load with a RulesError naming the overlay and the parameter;
- an accepted value is simulated on every example in ``examples/`` that reads the parameter (the others cannot
  change), writing the result as JSON; only BenefitCalcError may come out, and none of them a RulesError that
  blames a bundled file (the overlay passed the checks, so the engine must not find a bound).

Prints the counts and every internal error; exits 1 if there is any.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benefit_calc import load_case, load_rules, simulate  # noqa: E402
from benefit_calc.core.errors import BenefitCalcError, RulesError  # noqa: E402
from benefit_calc.rules.load import overlaid  # noqa: E402
from benefit_calc.rules.model import tracing  # noqa: E402
from tests.strategies import BOUND_DATES, BOUND_LABEL, bound_overlay, bound_variants  # noqa: E402


def main() -> int:
    rules = load_rules()
    cases = [(p.name, load_case(p)) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    reads: dict[str, set[str]] = {}
    for name, case in cases:
        with tracing() as seen:
            simulate(rules.with_own_caches(), case)
        reads[name] = set(seen)
    only = {a for a in sys.argv[1:] if not a.startswith("-")}
    counts = {"variants": 0, "refused": 0, "accepted": 0, "runs": 0, "own errors": 0, "internal": 0,
              "beyond accepted": 0, "bundled blamed": 0}
    problems: list[str] = []
    own: dict[str, list[str]] = {}  # the errors the engine gave for accepted values, each once (to read)
    t0 = time.perf_counter()
    for pname, p in rules.parameters.items():
        if only and pname not in only:
            continue
        for (what, value, within), when in ((v, d) for v in bound_variants(p) for d in BOUND_DATES):
            what = f"{what} from {when}"
            counts["variants"] += 1
            try:
                mine = overlaid(rules, [(BOUND_LABEL, bound_overlay(pname, value, when))])
            except RulesError as exc:
                counts["refused"] += 1
                if exc.file != BOUND_LABEL or pname not in exc.key:
                    problems.append(f"{pname} {what}: refused without naming overlay and key: {exc}")
                continue
            except Exception as exc:  # noqa: BLE001
                counts["internal"] += 1
                problems.append(f"{pname} {what}: load: {type(exc).__name__}: {exc}")
                continue
            counts["accepted"] += 1
            if not within:
                counts["beyond accepted"] += 1
                problems.append(f"{pname} {what}: a value beyond the bounds was accepted")
            for ex, case in cases:
                if pname not in reads[ex]:
                    continue
                counts["runs"] += 1
                try:
                    json.dumps(simulate(mine, case).to_dict())
                except RulesError as exc:
                    counts["own errors"] += 1
                    if BOUND_LABEL not in exc.file:
                        counts["bundled blamed"] += 1
                        problems.append(f"{pname} {what} on {ex}: the engine blames {exc}")
                except BenefitCalcError as exc:
                    counts["own errors"] += 1
                    own.setdefault(f"{pname}: {type(exc).__name__}: {str(exc)[:150]}", []).append(f"{what} on {ex}")
                except Exception as exc:  # noqa: BLE001
                    counts["internal"] += 1
                    where = traceback.extract_tb(exc.__traceback__)[-1]
                    problems.append(f"{pname} {what} on {ex}: {type(exc).__name__}: {str(exc)[:120]} "
                                    f"({Path(where.filename).name}:{where.lineno})")
    print(json.dumps(counts), f"{time.perf_counter() - t0:.1f} s")
    if "-v" in sys.argv or only:
        for text, where in own.items():
            print(f"own error ({len(where)}×, e.g. {where[0]}): {text}")
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
