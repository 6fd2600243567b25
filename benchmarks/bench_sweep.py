"""Benchmark for issue 5: the 41-step hours sweep, in-process and as a whole CLI process, with peak memory.

    uv run python benchmarks/bench_sweep.py

Targets: in-process warm, a 41-step sweep (0–40 h) of a 24-month case with AAP, bostøtte, sosialhjelp,
barnetrygd and tax under 50 ms; ``benefit-calc sweep CASE --hours 0:40:1 --format json`` as a new process under
1 s; that process's peak memory under 150 MB. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_simulate import calibration

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "sosialhjelp-finnmark.yaml"  # 24 months: AAP, bostøtte, sosialhjelp, barnetrygd, tax


def in_process(runs: int = 25) -> tuple[float, float, float]:
    """(median, fastest) of a warm sweep, and the first (cold-cache) sweep, in seconds."""
    from benefit_calc import load_case, load_rules
    from benefit_calc.analysis.sweep import sweep

    rules, case = load_rules(), load_case(CASE)
    hours = list(range(41))
    t = time.perf_counter()
    sweep(rules, case, hours)
    first = time.perf_counter() - t
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        sweep(rules, case, hours)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), first


def whole_process(runs: int = 7) -> tuple[float, float]:
    """(median wall time, peak RSS in MB) of the CLI sweep as a new process."""
    exe = Path(sys.executable).parent / "benefit-calc"
    cmd = [str(exe), "sweep", str(CASE), "--hours", "0:40:1", "--format", "json"]
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    times, peak = [], 0.0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return statistics.median(times), peak / 1024  # ru_maxrss is in kB on Linux


if __name__ == "__main__":
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"calibration (3M-step Python loop): {calibration() * 1000:.0f} ms")
    median, fastest, first = in_process()
    print(f"sweep 0–40 h (41 simulations), 24-month case, in-process warm: median {median * 1000:.1f} ms, "
          f"fastest {fastest * 1000:.1f} ms (target < 50 ms); first sweep after loading {first * 1000:.0f} ms")
    wall, peak = whole_process()
    print(f"benefit-calc sweep --hours 0:40:1 --format json, whole process: median {wall * 1000:.0f} ms "
          f"(target < 1000 ms), peak memory {peak:.0f} MB (target < 150 MB)")
