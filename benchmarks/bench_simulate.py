"""Benchmark for issue 2: prints the median time of ``simulate`` and of the whole CLI process.

    uv run python benchmarks/bench_simulate.py

Targets: in-process warm simulate of a 24-month AAP case under 5 ms; whole process
``benefit-calc simulate examples/… --format json`` under 0.5 s. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "aap-barn-opptrapping.yaml"  # 24 months, AAP with children, ramp-up, opptrapping


def calibration() -> float:
    """Seconds for a plain 3-million-step Python loop: a yardstick for how fast this machine is today."""
    t = time.perf_counter()
    x = 0
    for i in range(3_000_000):
        x += i
    return time.perf_counter() - t


def in_process(runs: int = 300, without_children: bool = False) -> tuple[float, float]:
    import attrs

    from benefit_calc import load_case, load_rules, simulate

    rules, case = load_rules(), load_case(CASE)
    if without_children:  # AAP and tax only (no barnetrygd/barnetillegg)
        case = attrs.evolve(case, household=attrs.evolve(case.household, children=()))
    for _ in range(10):  # warm up
        simulate(rules, case)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        simulate(rules, case)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def whole_process(runs: int = 15, bytecode_cache: bool = True) -> float:
    """Median wall time of the CLI as a new process; with or without Python's bytecode cache (.pyc files)."""
    exe = Path(sys.executable).parent / "benefit-calc"
    cmd = [str(exe), "simulate", str(CASE), "--format", "json"]
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # a normal machine: the first run writes .pyc files, later runs use them
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


if __name__ == "__main__":
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    print(f"calibration (3M-step Python loop): {calibration() * 1000:.0f} ms")
    median, fastest = in_process()
    print(f"simulate, 24-month AAP case, in-process warm median: {median * 1000:.2f} ms, fastest {fastest * 1000:.2f} ms"
          " (target < 5 ms)")
    median, fastest = in_process(without_children=True)
    print(f"  same case without its two children (AAP and tax only): median {median * 1000:.2f} ms, "
          f"fastest {fastest * 1000:.2f} ms")
    print(f"benefit-calc simulate --format json, whole process median: {whole_process() * 1000:.0f} ms (target < 500 ms)")
    print(f"  same, with PYTHONDONTWRITEBYTECODE=1 (no .pyc cache, every start recompiles): "
          f"{whole_process(bytecode_cache=False) * 1000:.0f} ms")
