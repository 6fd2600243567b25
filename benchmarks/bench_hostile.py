"""Benchmark for issue 10: hostile files up to the size limit are refused or simulated in bounded time and memory.

    uv run python benchmarks/bench_hostile.py

Builds a corpus of hostile case files in benchmarks/out/hostile/ (billion laughs in known fields, 100 000 aliased
children, 15 000 work steps, 1 000 scenarios, nesting, long numbers, megabyte strings, and the largest *valid*
case: 60 months, 72 steps, 20 scenarios of 72 steps, 15 children) and measures each two ways:

- in process: ``load_case`` + ``simulate`` (+ ``compare`` when it has scenarios), wall time and tracemalloc peak;
- whole process: ``benefit-calc simulate FILE`` (and ``compare``) as a subprocess, wall time and peak RSS.

Targets: every file under 1 s and 200 MB. Then the cold start: whole-process ``simulate`` of the first example
with ``PYTHONDONTWRITEBYTECODE=1`` (median of 5; target under 0.3 s). Prints numbers; asserts nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "hostile"
HEAD = "schema: benefit-calc/case@1\nstart: 2026-01\nmonths: 12\nclient: {birth_date: 1990-01-01}\n"
LIMIT = 1_000_000


def _laughs(field: str) -> str:
    head = {"months": HEAD.replace("months: 12\n", ""), "start": HEAD.replace("start: 2026-01\n", "")}.get(field, HEAD)
    body = "x:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    return head + body + {"months": "months: *a8\n", "start": "start: *a8\n",
                          "municipality": "household: {municipality: *a8}\n",
                          "name": "scenarios: [{name: *a8, work: []}]\n"}[field]


def _fit(unit: str, head: str = HEAD, tail: str = "") -> str:
    """``head`` + as many ``unit`` as fit under the size limit."""
    return head + unit * ((LIMIT - len(head) - len(tail) - 10) // len(unit)) + tail


def _largest_valid() -> str:
    steps = [{"from": f"{2026 + i // 12}-{i % 12 + 1:02d}", "hours_per_week": 5 + i % 30, "hourly_wage": 200 + i}
             for i in range(72)]
    case = {"schema": "benefit-calc/case@1", "start": "2026-01", "months": 60,
            "household": {"municipality": "0301", "rent_per_month": 12000, "electricity_per_month": 900,
                          "partner": {"birth_date": "1985-01-01", "income_per_month": 20000},
                          "children": [{"birth_date": f"{2010 + i}-03-0{1 + i % 9}"} for i in range(15)]},
            "client": {"birth_date": "1990-01-01", "benefits": {"aap": {"basis_g": 2.5}, "bostotte": {},
                                                                 "sosialhjelp": {}}},
            "work": steps, "scenarios": [{"name": f"Alternativ {k}", "work": steps} for k in range(20)]}
    return json.dumps(case)


def corpus() -> dict[str, str]:
    return {
        "laughs-months.yaml": _laughs("months"),
        "laughs-start.yaml": _laughs("start"),
        "laughs-municipality.yaml": _laughs("municipality"),
        "laughs-scenario-name.yaml": _laughs("name"),
        "aliased-children-400kB.yaml": HEAD + "c: &c {birth_date: 2020-01-01}\nhousehold:\n  children:\n"
                                       + "  - *c\n" * 100_000,
        "work-15000-steps.yaml": HEAD + "work:\n" + "".join(
            f"  - {{from: {2026 + i // 12}-{i % 12 + 1:02d}, hours_per_week: 10, hourly_wage: 200}}\n"
            for i in range(15_000)),
        "scenarios-1000.yaml": HEAD + "scenarios:\n" + "  - {name: x, work: [{from: 2026-02, hours_per_week: 10, "
                                                      "hourly_wage: 200}]}\n" * 1000,
        "children-1MB.yaml": _fit("  - {birth_date: 2020-01-01}\n", HEAD + "household:\n  children:\n"),
        "nested-yaml-1MB.yaml": _fit("[", HEAD + "months: "),
        "nested-json-1MB.json": '{"months": ' + "[" * 499_990 + "]" * 499_990 + "}",
        "long-numbers.json": '{"start": "2026-01", "months": ' + "9" * 4299 + ', "client": {"birth_date": "1990-01-01"}}',
        "megabyte-name.yaml": HEAD + "scenarios: [{name: '" + "x" * 999_000 + "', work: []}]\n",
        "unknown-keys-json.json": json.dumps({f"k{i}": i for i in range(60_000)}),
        "comment-1MB.yaml": _fit("# " + "x" * 78 + "\n"),
        "largest-valid.json": _largest_valid(),
    }


def _use(rules: object, path: Path) -> str:
    from benefit_calc import BenefitCalcError, compare, load_case, simulate

    try:
        case = load_case(path)
        simulate(rules, case)  # type: ignore[arg-type]
        if case.scenarios:
            compare(rules, case)  # type: ignore[arg-type]
        return "simulated"
    except BenefitCalcError as exc:
        return f"refused: {str(exc)[:70]}"


def in_process(path: Path) -> tuple[float, float, str]:
    """Median wall time of 3 runs (no tracing), then the tracemalloc peak of one more."""
    from benefit_calc import load_rules

    rules = load_rules()
    times = []
    for _ in range(3):
        t = time.perf_counter()
        outcome = _use(rules.with_own_caches(), path)
        times.append(time.perf_counter() - t)
    tracemalloc.start()
    _use(rules.with_own_caches(), path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 1e6, outcome


def whole_process(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Wall seconds, exit code and this child's peak RSS in MB (a fresh interpreter per call)."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], capture_output=True); "
            "print(time.perf_counter() - t, r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    wall, rc, rss = out.stdout.split()
    return float(wall), int(rc), int(rss) / 1024


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cli = str(Path(sys.executable).with_name("benefit-calc"))
    print(f"{'file':28} {'bytes':>9}  {'in-process s':>12} {'peak MB':>8}  {'CLI s':>6} {'RSS MB':>7} exit  outcome")
    worst_t = worst_m = worst_cli = worst_rss = 0.0
    for name, text in corpus().items():
        path = OUT / name
        path.write_text(text, encoding="utf-8")
        elapsed, peak, outcome = in_process(path)
        command = "compare" if name.startswith(("scenarios", "largest")) else "simulate"
        wall, rc, rss = whole_process([cli, command, str(path), "--format", "json"])
        worst_t, worst_m = max(worst_t, elapsed), max(worst_m, peak)
        worst_cli, worst_rss = max(worst_cli, wall), max(worst_rss, rss)
        print(f"{name:28} {path.stat().st_size:9d}  {elapsed:12.3f} {peak:8.1f}  {wall:6.2f} {rss:7.0f} {rc:4d}  {outcome}")
    print(f"\nworst in process: {worst_t:.3f} s, {worst_m:.1f} MB traced; worst CLI: {worst_cli:.2f} s, {worst_rss:.0f} MB RSS")

    first = sorted((ROOT / "examples").glob("*.yaml"))[0]
    for label, env in (("PYTHONDONTWRITEBYTECODE=1", {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}),
                       ("bytecode may be written", {k: v for k, v in os.environ.items()
                                                    if k != "PYTHONDONTWRITEBYTECODE"})):
        times = [whole_process([cli, "simulate", str(first), "--format", "json"], env)[0] for _ in range(5)]
        print(f"cold start, {label}: simulate {first.name}: median {statistics.median(times):.3f} s "
              f"(runs {', '.join(f'{x:.3f}' for x in times)})")


if __name__ == "__main__":
    main()
