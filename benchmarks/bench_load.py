"""Benchmark for issue 21 (the load test): the heaviest requests the API allows, from several clients at once,
against ``benefit-calc serve --workers 2``, while /health and a small request are asked for all along.

    uv run python benchmarks/bench_load.py             # 4 heavy clients, 3 requests each
    uv run python benchmarks/bench_load.py --clients 8 --rounds 2

The heaviest allowed requests are at the work budget (``WORK_BUDGET`` months of calculation, api/app.py):
``POST /simulate`` with 250 different five-year cases, with 1 000 fifteen-month cases (the most cases a list may
hold), and with five-year cases of the largest valid shape (72 work steps, 15 children, a partner, three benefits:
as many as a body may hold, about 170 within 100 000 values); a list one case past the budget is refused 413 up
front. The script

1. times each heavy request alone and reads the worker's peak memory (VmHWM) and memory after (VmRSS) from /proc;
2. sends them from ``--clients`` clients at once (``--rounds`` each) while a probe asks ``GET /health`` and a
   one-year ``POST /simulate`` every 0.2 s, and prints the probe's latencies (median, p99, max);
3. prints every worker's VmRSS after the load and its VmHWM (the peak over the whole run).

Targets: /health and the small request under 1 s throughout; every worker's memory back under 200 MB after, and
its peak under 200 MB. Prints numbers; asserts nothing. The server is stopped at the end, also on Ctrl-C.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
HOURLY = json.loads(json.dumps(yaml.safe_load((ROOT / "examples" / "aap-ung-minsteytelse.yaml").read_text(
    encoding="utf-8")), default=str))


def cases(n: int, months: int) -> bytes:
    """``n`` different cases (birth dates differ, so the engine remembers nothing between them)."""
    return json.dumps([{"case": {**HOURLY, "months": months, "client": {
        **HOURLY["client"], "birth_date": f"19{50 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}"}}}
        for i in range(n)]).encode()


def largest() -> bytes:
    """As many different five-year cases of the largest valid shape as a body may hold (bench_hostile.py: 72 work
    steps, 15 children, a partner, AAP, bostøtte and sosialhjelp; no scenarios, which /simulate does not
    calculate)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_hostile import _largest_valid

    case = json.loads(_largest_valid())
    del case["scenarios"]
    from benefit_calc.api.app import MAX_BODY, MAX_VALUES
    from benefit_calc.core import safe_load

    def body(n: int) -> bytes:
        born = [f"19{50 + i % 40}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)]
        return json.dumps([{"case": {**case, "client": {**case["client"], "birth_date": b}}} for b in born]).encode()

    def fits(n: int) -> bool:  # within 1 MB and the 100 000 values a body may hold
        try:
            safe_load.parse(body(n), max_bytes=MAX_BODY, max_nodes=MAX_VALUES, json_only=True)
            return True
        except safe_load.DocumentError:
            return False

    n = 1
    while n < 250 and fits(n + 1):
        n += 1
    return body(n)



SMALL = json.dumps({"case": {**HOURLY, "months": 12}}).encode()


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, float, int]:
    """(status, seconds, bytes of the answer), on a new connection."""
    t = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
        r = conn.getresponse()
        n = len(r.read())
        return r.status, time.perf_counter() - t, n
    finally:
        conn.close()


def memory(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def workers(parent: int) -> list[int]:
    """The server's worker processes: its children (not multiprocessing's resource tracker)."""
    out = []
    for d in Path("/proc").iterdir():
        try:
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) if d.name.isdigit() else -1
            if ppid == parent and b"resource_tracker" not in (d / "cmdline").read_bytes():
                out.append(int(d.name))
        except OSError:
            continue
    return sorted(out)


def start(workers_n: int) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli = str(Path(sys.executable).with_name("benefit-calc"))
    proc = subprocess.Popen([cli, "serve", "--port", str(port), "--workers", str(workers_n), "--time-limit", "120"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    for _ in range(300):
        try:
            if request(port, "GET", "/health")[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    return proc, port


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    heavy = {"250 five-year cases": cases(250, 60), "1 000 fifteen-month cases": cases(1000, 15),
             "five-year cases of the largest shape": largest()}
    over = cases(251, 60)
    proc, port = start(2)
    try:
        pids = workers(proc.pid)
        for _ in range(8):  # every worker imports the engine and answers once
            request(port, "POST", "/simulate", SMALL)
        print(f"server pid {proc.pid}, workers {pids}: " + ", ".join(
            f"{p}: {memory(p)[0]:.0f} MB" for p in pids))
        status, took, _ = request(port, "POST", "/simulate", over)
        print(f"251 five-year cases (over the budget): {status} in {took * 1000:.0f} ms")
        for name, body in heavy.items():
            before = {p: memory(p) for p in pids}
            status, took, size = request(port, "POST", "/simulate", body)
            after = {p: memory(p) for p in pids}
            busy = max(pids, key=lambda p: after[p][1] - before[p][1])
            print(f"{name} ({len(body) / 1000:.0f} kB): {status}, {took:.2f} s, answer {size / 1e6:.1f} MB; "
                  f"worker {busy}: peak {after[busy][1]:.0f} MB (before {before[busy][1]:.0f}), "
                  f"after {after[busy][0]:.0f} MB")

        probes: dict[str, list[float]] = {"GET /health": [], "POST /simulate (one year)": []}
        errors: list[str] = []
        heavy_times: list[float] = []
        done = threading.Event()

        def client(k: int) -> None:
            for r in range(args.rounds):
                body = list(heavy.values())[(k + r) % len(heavy)]
                status, took, _ = request(port, "POST", "/simulate", body)
                heavy_times.append(took)
                if status != 200:
                    errors.append(f"heavy {status}")

        def probe() -> None:
            while not done.is_set():
                for label, (method, path, body) in (("GET /health", ("GET", "/health", None)),
                                                    ("POST /simulate (one year)", ("POST", "/simulate", SMALL))):
                    status, took, _ = request(port, method, path, body)
                    probes[label].append(took)
                    if status != 200:
                        errors.append(f"{label} {status}")
                time.sleep(0.2)

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        prober = threading.Thread(target=probe)
        t = time.perf_counter()
        prober.start()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        done.set()
        prober.join()
        wall = time.perf_counter() - t
        print(f"\n{args.clients} clients x {args.rounds} heavy requests: {wall:.1f} s; each heavy request "
              f"median {statistics.median(heavy_times):.2f} s, max {max(heavy_times):.2f} s; errors: {errors or 0}")
        for label, xs in probes.items():
            xs.sort()
            print(f"  {label:28} n={len(xs):3d}  median {statistics.median(xs) * 1000:6.0f} ms  "
                  f"p99 {xs[min(len(xs) - 1, int(len(xs) * 0.99))] * 1000:6.0f} ms  max {xs[-1] * 1000:6.0f} ms")
        time.sleep(1)
        print("after the load: " + ", ".join(f"worker {p}: {memory(p)[0]:.0f} MB now, peak {memory(p)[1]:.0f} MB"
                                             for p in pids))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
        lines = err.decode(errors="replace").splitlines()
        print(f"server log: {len(lines)} lines" + (": " + " | ".join(lines[:6]) if lines else ""))


if __name__ == "__main__":
    main()
