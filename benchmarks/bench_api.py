"""Benchmark for issue 14: ``POST /simulate`` of the standard example under concurrent load, over loopback.

    uv run python benchmarks/bench_api.py           # 3000 requests per run (at most 30 s each), about 3 minutes
    uv run python benchmarks/bench_api.py --quick   # 500 requests per run (a smoke test)

Starts ``benefit-calc serve --workers 2`` (then ``--workers 1`` for comparison) on a free 127.0.0.1 port, waits
for ``GET /health``, warms it up, then sends a fixed number of requests over C = 4, 8 and 16 keep-alive
connections, one request at a time on each. The load generator is a minimal HTTP/1.1 client on asyncio's raw
streams (it shares the 2 cores with the server, so it must be light); every answer must be 200 with a JSON body,
anything else counts as an error.

Each worker keeps the connections it accepted. ``serve --workers N`` gives every worker its own listening socket
on the port (SO_REUSEPORT), and the kernel spreads new connections over them by a hash, so a split is usually even
but not always. With 2 workers the connections are opened two ways: balanced (the script sees which worker holds
each connection in /proc and opens another when one worker has its share — what a balancing proxy would give) and
all at once (the kernel's hash decides). (Before SO_REUSEPORT, uvicorn's workers shared one socket and all at
once often gave one worker every connection: 2 workers then ran like 1.)

Prints requests/s, p50/p90/p99 latency, errors, connections and CPU share per worker, and the CPU time the server
processes and the load generator spent per request (from /proc), next to the library's own time for the same case
in process: ``simulate`` + ``to_dict`` + compact ``json.dumps`` (warm, as ``bench_simulate.py`` times it), and the
same as a request does it (JSON body parsed, ``parse_case``, the case caches forgotten after each request). The
ratio is the framework's overhead. The calibration line also says how many cores' worth two busy processes get
(this VM's two vCPUs do not always give two). Targets with 2 workers: at least 300 requests/s and p99 under 50 ms.
Prints numbers; asserts nothing. The server is always stopped at the end, also on Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from bench_simulate import CASE, calibration  # noqa: E402

CONNECTIONS = (4, 8, 16)
TARGET_RATE, TARGET_P99 = 300.0, 50.0  # requests/s and ms, with 2 workers


# ------------------------------------------------------------------------------------------------- in process

def body_bytes() -> bytes:
    """The request body, built once: the standard example as JSON (dates as strings)."""
    return json.dumps({"case": yaml.safe_load(CASE.read_text(encoding="utf-8"))}, default=str).encode()


def in_process(body: bytes, runs: int) -> tuple[float, float]:
    """Median ms of (the library, the request path), timed in turn so that the VM's slow spells hit both alike:
    the library is simulate + to_dict + compact dumps with warm caches (as bench_simulate.py times simulate); the
    request path is the same from the body bytes as the server does it (safe JSON parse, parse_case, ...,
    forget_cases — so its simulate finds only the rule lookups by date remembered)."""
    from benefit_calc import load_rules, simulate
    from benefit_calc.case.model import parse_case
    from benefit_calc.core import safe_load

    rules = load_rules()
    case = parse_case(json.loads(body)["case"])

    def library() -> bytes:
        data = simulate(rules, case).to_dict()
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()

    def request_path() -> bytes:
        try:
            data = simulate(rules, parse_case(safe_load.parse(body, json_only=True)["case"])).to_dict()
            return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
        finally:
            rules.forget_cases()

    for _ in range(20):  # warm up
        request_path()
        library()
    lib, req = [], []
    for _ in range(runs):
        rules.forget_cases()  # as the previous request left them
        t = time.perf_counter()
        request_path()
        req.append(time.perf_counter() - t)
        library()  # fills the caches request_path forgot
        t = time.perf_counter()
        library()
        lib.append(time.perf_counter() - t)
    return statistics.median(lib) * 1000, statistics.median(req) * 1000


# ------------------------------------------------------------------------------------------------- the server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(port: int, workers: int) -> list[str]:
    args = ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    script = Path(sys.executable).with_name("benefit-calc")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-c", "from benefit_calc.cli import main; main()", *args]


class Server:
    """``benefit-calc serve`` in its own process group (Ctrl-C does not reach it; it is stopped in ``stop``)."""

    def __init__(self, workers: int) -> None:
        self.workers, self.port = workers, free_port()
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(server_command(self.port, workers), stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Seconds until GET /health answered 200."""
        t = time.perf_counter()
        while time.perf_counter() - t < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - t
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"no answer from /health in {timeout:.0f} s:\n{self.output()}")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def pids(self) -> list[int]:
        """The server process and its descendants (uvicorn's supervisor and workers)."""
        parents: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(parents.get(pid, []))
        return found

    def cpu_seconds(self) -> dict[int, float]:
        """User + system CPU seconds so far of each of the server's processes (Linux /proc; empty elsewhere)."""
        out = {}
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                out[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
            except (OSError, ValueError, IndexError):
                pass
        return out

    def workers_pids(self) -> list[int]:
        """The processes that answer requests: uvicorn's spawned workers, or the server itself with one worker."""
        found = []
        for pid in self.pids():
            try:
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    found.append(pid)
            except OSError:
                pass
        return found or [self.proc.pid]

    def owners(self, client_ports: list[int]) -> dict[int, int]:
        """Which worker holds the server end of each connection (client port → pid; Linux /proc, else empty)."""
        want = {f"{p:04X}": p for p in client_ports}
        port_of: dict[str, int] = {}
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                rows = Path(table).read_text().splitlines()[1:]
            except OSError:
                continue
            for row in rows:
                f = row.split()
                if len(f) > 9 and f[1].endswith(f":{self.port:04X}") and f[9] != "0":
                    client = want.get(f[2].rsplit(":", 1)[1])
                    if client is not None:
                        port_of[f"socket:[{f[9]}]"] = client
        found = {}
        for pid in self.workers_pids():
            try:
                fds = os.listdir(f"/proc/{pid}/fd")
            except OSError:
                continue
            for fd in fds:
                try:
                    client = port_of.get(os.readlink(f"/proc/{pid}/fd/{fd}"))
                except OSError:
                    continue
                if client is not None:
                    found[client] = pid
        return found

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
            except ProcessLookupError:
                pass
        try:  # workers left behind by a supervisor that died first
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.log.close()


# ------------------------------------------------------------------------------------------------- the load

Conn = tuple[asyncio.StreamReader, asyncio.StreamWriter]


def request_bytes(port: int, body: bytes) -> bytes:
    return (f"POST /simulate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
                   ) -> tuple[int, bytes, bool]:
    """One request on a keep-alive connection: (status, body, whether the server keeps the connection)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length, keep = -1, True
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"connection" and value.strip().lower() == b"close":
            keep = False
    if length < 0:
        raise ValueError("no Content-Length")
    return status, await reader.readexactly(length), keep


async def open_connections(server: Server, request: bytes, count: int, balanced: bool) -> tuple[list[Conn], list[int]]:
    """``count`` keep-alive connections, each answered once already, and how many of them each worker holds.

    Each worker keeps the connections it accepted, so the split depends on how they arrive (and on the kernel's
    SO_REUSEPORT hash). ``balanced``: opened one at a time, a connection that lands on a worker holding
    its share already is set aside (closed at the end) and another one opened — the split a balancing proxy or
    SO_REUSEPORT would give. Otherwise all are opened at once, as a client pool might on its first burst."""
    async def opened() -> Conn:
        return await asyncio.open_connection("127.0.0.1", server.port)

    def port(conn: Conn) -> int:
        return conn[1].get_extra_info("sockname")[1]

    if balanced:
        share = -(-count // server.workers)
        conns: list[Conn] = []
        spare: list[Conn] = []
        held: Counter[int] = Counter()
        for _ in range(10 * count):
            if len(conns) == count:
                break
            conn = await opened()
            await exchange(*conn, request)
            pid = server.owners([port(conn)]).get(port(conn), 0)
            if held[pid] < share or not pid:
                conns.append(conn)
                held[pid] += 1
            else:
                spare.append(conn)
        while len(conns) < count and spare:  # no balance after many tries: take what there is
            conns.append(spare.pop())
        for _, writer in spare:
            writer.close()
    else:
        conns = list(await asyncio.gather(*(opened() for _ in range(count))))
        await asyncio.gather(*(exchange(*conn, request) for conn in conns))
    owners = server.owners([port(c) for c in conns])
    split = Counter(owners.get(port(c), 0) for c in conns)
    return conns, sorted((split[pid] for pid in server.workers_pids()), reverse=True)


async def load(port: int, conns: list[Conn], request: bytes, total: int, limit: float
               ) -> tuple[list[float], Counter[str], float]:
    """``total`` requests (stopping after ``limit`` seconds) over the open keep-alive connections, one request at a
    time on each: (latencies of the answers in seconds, errors by kind, elapsed seconds). Closes the connections."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    issued = 0
    start = time.perf_counter()
    deadline = start + limit

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal issued
        try:
            while issued < total and time.perf_counter() < deadline:
                issued += 1
                t = time.perf_counter()
                try:
                    status, data, keep = await exchange(reader, writer, request)
                except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
                    errors[type(exc).__name__] += 1
                    keep = False
                else:
                    latencies.append(time.perf_counter() - t)
                    if status != 200:
                        errors[f"HTTP {status}"] += 1
                    elif not data.startswith(b"{"):
                        errors["not JSON"] += 1
                if not keep:
                    writer.close()
                    try:
                        reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    except OSError as exc:
                        errors[f"reconnect: {type(exc).__name__}"] += 1
                        return
        finally:
            writer.close()

    try:
        async with asyncio.timeout(limit + 35), asyncio.TaskGroup() as group:
            for conn in conns:
                group.create_task(client(*conn))
    except TimeoutError:
        errors["stuck past the time limit"] += 1
    return latencies, errors, time.perf_counter() - start


def _percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))] if sorted_values else float("nan")


def cores_worth(n: int | None = None) -> float:
    """How many cores' worth of CPU the machine gives ``n`` busy processes at once (a VM's vCPUs may share a core):
    n × the time of the calibration loop alone / the wall time of n of them in parallel, best of 3."""
    import multiprocessing

    n = n or os.cpu_count() or 1
    alone = min(calibration() for _ in range(3))
    with multiprocessing.get_context("fork").Pool(n) as pool:
        walls = []
        for _ in range(3):
            t = time.perf_counter()
            pool.map(_calibrate, range(n))
            walls.append(time.perf_counter() - t)
    return n * alone / min(walls)


def _calibrate(_: int) -> float:
    return calibration()


def _runner() -> tuple[asyncio.Runner, str]:
    try:
        import uvloop

        return asyncio.Runner(loop_factory=uvloop.new_event_loop), "uvloop"
    except ImportError:
        return asyncio.Runner(), "asyncio's default loop"


def run_server(workers: int, body: bytes, total: int, limit: float, warmup: int, library_ms: float,
               request_ms: float) -> None:
    server = Server(workers)
    runner, loop_name = _runner()
    try:
        ready = server.wait_ready()
        print(f"\n--workers {workers} (port {server.port}; /health answered {ready:.1f} s after start; "
              f"load generator on {loop_name})")
        request = request_bytes(server.port, body)
        with runner:
            conns, split = runner.run(open_connections(server, request, max(CONNECTIONS), True))
            _, errors, _ = runner.run(load(server.port, conns, request, warmup, 60))
            print(f"  warm-up: {warmup} requests over {max(CONNECTIONS)} connections "
                  f"({'/'.join(map(str, split))} a worker), errors {sum(errors.values())}")
            modes = [(True, "connections balanced over the workers")]
            if workers > 1:
                modes.append((False, "connections opened all at once (the kernel's SO_REUSEPORT hash decides)"))
            for balanced, label in modes:
                if workers > 1:
                    print(f"  {label}:")
                for c in CONNECTIONS:
                    conns, split = runner.run(open_connections(server, request, c, balanced))
                    cpu0, own0 = server.cpu_seconds(), time.process_time()
                    latencies, errors, elapsed = runner.run(load(server.port, conns, request, total, limit))
                    cpu1, own1 = server.cpu_seconds(), time.process_time()
                    n = len(latencies)
                    latencies.sort()
                    ms = [_percentile(latencies, q) * 1000 for q in (0.5, 0.9, 0.99)]
                    rate = n / elapsed if elapsed else float("nan")
                    line = (f"  C={c:2d}: {n} answers in {elapsed:5.2f} s = {rate:4.0f} requests/s, latency p50 "
                            f"{ms[0]:5.1f} ms, p90 {ms[1]:5.1f} ms, p99 {ms[2]:5.1f} ms, errors {sum(errors.values())}")
                    if errors:
                        line += f" ({', '.join(f'{k}: {v}' for k, v in errors.items())})"
                    if workers == 2:
                        line += f"  (target ≥ {TARGET_RATE:.0f}/s, p99 < {TARGET_P99:.0f} ms)"
                    print(line)
                    used = {pid: cpu1[pid] - cpu0.get(pid, 0.0) for pid in cpu1}
                    if n and used:
                        server_ms = sum(used.values()) * 1000 / n
                        per_worker = sorted((used.get(pid, 0.0) / (sum(used.values()) or 1)
                                             for pid in server.workers_pids()), reverse=True)
                        print(f"        server CPU per request {server_ms:.1f} ms = {server_ms / library_ms:.1f} × the "
                              f"library's {library_ms:.1f} ms, {server_ms / request_ms:.1f} × the request path's "
                              f"{request_ms:.1f} ms; load generator {(own1 - own0) * 1000 / n:.2f} ms; "
                              f"connections a worker {'/'.join(map(str, split))}, its share of the server's CPU "
                              f"{'/'.join(f'{x:.0%}' for x in per_worker)}")
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="500 requests per run (a smoke test)")
    args = parser.parse_args()
    total, limit, warmup, runs = (500, 10.0, 100, 50) if args.quick else (3000, 30.0, 200, 200)

    import platform

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    cores = cores_worth()
    print(f"calibration (3M-step Python loop): {calibration() * 1000:.0f} ms; {os.cpu_count()} of them at once run "
          f"as fast as {cores:.1f} cores would")
    body = body_bytes()
    library_ms, request_ms = in_process(body, runs)
    print(f"in process, {CASE.name} ({len(body)} bytes of JSON), median of {runs}:")
    print(f"  simulate + to_dict + compact json.dumps, warm: {library_ms:.2f} ms "
          f"(at most {1000 / library_ms:.0f}/s a core; {cores * 1000 / library_ms:.0f}/s on {cores:.1f} cores)")
    print(f"  the same as a request does it (JSON parse, parse_case, case caches forgotten after): {request_ms:.2f} ms "
          f"(at most {1000 / request_ms:.0f}/s a core; {cores * 1000 / request_ms:.0f}/s on {cores:.1f} cores)")
    print(f"load: {total} requests per run (at most {limit:.0f} s) after a {warmup}-request warm-up, "
          f"C keep-alive connections over 127.0.0.1")
    for workers in (2, 1):
        run_server(workers, body, total, limit, warmup, library_ms, request_ms)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("\ninterrupted; the server was stopped", file=sys.stderr)
        sys.exit(130)
