"""``benefit-calc serve`` (the HTTP API under uvicorn) and ``benefit-calc batch`` (a caseload, one answer a line)."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any, Iterator

import click

from benefit_calc.cli.common import LANG, OVERLAY_OPT, RULES_OPT, bounded_overlays, guard
from benefit_calc.cli.main import main
from benefit_calc.core.errors import CaseError

MAX_LINE = 1_000_000  # bytes in one line of a batch file: the API's body limit
MAX_SKIP = 64 * MAX_LINE  # bytes of one overlong line skipped before the caseload is taken to have ended


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only; 0.0.0.0 to accept others).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes; each runs at most one large calculation at a time (use the number of cores).")
@click.option("--cors-origin", "cors", multiple=True, help="A web origin allowed to call the API from a browser "
              "(may be repeated); none by default.")
@click.option("--time-limit", default=30.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds a request may compute before it is answered 503.")
@LANG
@RULES_OPT
@guard
def serve(host: str, port: int, workers: int, cors: tuple[str, ...], time_limit: float, lang: str,
          rules_dir: str | None) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json, a page at /docs). Nothing sent to it is stored or logged.
    With --workers N each worker listens on its own socket on the same port (SO_REUSEPORT), so the kernel spreads
    connections evenly."""
    from benefit_calc.rules.load import load_rules

    load_rules(rules_dir)  # a broken rule folder is reported here, once, not by every worker
    os.environ["BENEFIT_CALC_TIME_LIMIT"] = str(time_limit)
    os.environ["BENEFIT_CALC_CORS"] = ",".join(cors)
    if rules_dir:
        os.environ["BENEFIT_CALC_RULES"] = str(Path(rules_dir).resolve())
    _listening_socket(host, port, share=False).close()  # free and allowed (nothing else, not even another server
    # of ours sharing the port): said once, in our words, before any worker starts
    if workers == 1 or not hasattr(socket, "SO_REUSEPORT"):
        _serve_one(host, port, workers)
        return
    # one listening socket per worker on the same port (SO_REUSEPORT): the kernel spreads new connections over
    # them; uvicorn's own --workers share one socket, and connections opened together then often all go to one
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_serve_one, args=(host, port, 1, True), daemon=False) for _ in range(workers)]
    for p in procs:
        p.start()

    def stop(*_: Any) -> None:
        for p in procs:
            if p.is_alive():
                p.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        for p in procs:
            p.join()
    except KeyboardInterrupt:
        stop()
        for p in procs:
            p.join(10)


def _listening_socket(host: str, port: int, share: bool = True) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if share and hasattr(socket, "SO_REUSEPORT"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise CaseError.of("port", "cannot_listen", host=host, port=port, why=exc.strerror or str(exc)) from None
    return sock


def _serve_one(host: str, port: int, workers: int, own_socket: bool = False) -> None:
    """One uvicorn server: on its own SO_REUSEPORT socket (a worker of ``--workers N``), or uvicorn's usual way."""
    import uvicorn

    from benefit_calc.api.http import protocol_class

    # malformed HTTP answered as a problem, nothing logged per request (api/http.py); no websockets
    config = dict(factory=True, access_log=False, server_header=False, log_level="warning",
                  timeout_graceful_shutdown=5, http=protocol_class(), ws="none")
    if not own_socket:
        uvicorn.run("benefit_calc.api.app:create_app", host=host, port=port, workers=workers, **config)
        return
    sock = _listening_socket(host, port)
    sock.listen(2048)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers
    server = uvicorn.Server(uvicorn.Config("benefit_calc.api.app:create_app", host=host, port=port, **config))
    server.run(sockets=[sock])


# ------------------------------------------------------------------------------------------------- batch

_RULES: Any = None


def _start_worker(rules_dir: str | None, overlays: tuple[str, ...]) -> None:
    global _RULES
    from benefit_calc.rules.load import load_rules

    _RULES = load_rules(rules_dir, overlays)


def _answer_lines(job: tuple[list[tuple[int, bytes]], str]) -> list[str]:
    from benefit_calc.api.app import batch_item, dumps
    from benefit_calc.api.problems import from_error
    from benefit_calc.core import safe_load

    lines, lang = job
    out = []
    for number, raw in lines:
        try:
            item = safe_load.parse(raw, max_bytes=MAX_LINE, json_only=True)
            if isinstance(item, dict) and "case" not in item:
                item = {"case": item}  # a line may be the case itself
            answer = batch_item(_RULES, lang, item)
        except Exception as exc:  # noqa: BLE001 — one line's problem does not stop the caseload
            answer = {"problem": from_error(exc, lang).to_dict(lang)}
        finally:
            _RULES.forget_cases()
        out.append(dumps({"line": number, **answer}).decode())
    return out


def _lines(source: Any) -> Iterator[bytes]:
    """Each line of a caseload, never more than :data:`MAX_LINE` and one byte of it (the line is then answered as
    too large); the rest of a longer line is skipped in bounded reads, and a line still going after
    :data:`MAX_SKIP` bytes ends the caseload (``/dev/zero`` is one endless line; issue 21, item 10)."""
    while True:
        raw = source.readline(MAX_LINE + 1)
        if not raw:
            return
        yield raw
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            skipped = 0
            while True:
                rest = source.readline(1 << 16)
                if not rest or rest.endswith(b"\n"):
                    break
                skipped += len(rest)
                if skipped > MAX_SKIP:
                    return


def _count_lines(path: str) -> int | None:
    """Lines of a regular file, for the progress bar, read in blocks; ``None`` for a pipe, a FIFO or a device,
    which would be used up or never end."""
    if not os.path.isfile(path):
        return None
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def _chunks(source: Any, size: int) -> Iterator[list[tuple[int, bytes]]]:
    chunk: list[tuple[int, bytes]] = []
    for number, raw in enumerate(_lines(source), 1):
        chunk.append((number, raw))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@main.command()
@click.argument("cases_file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-",
              show_default=True, help="Where to write the answers (one JSON line each).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Processes (default: every core).")
@LANG
@RULES_OPT
@OVERLAY_OPT
@guard
def batch(cases_file: str, output: str, jobs: int | None, lang: str, rules_dir: str | None,
          overlays: tuple[str, ...]) -> None:
    """Simulate every case of CASES_FILE (JSON Lines: a case, or {"case": …, "overlays": […]}, a line) and write
    one answer a line, in order: {"line": n, "result": …} or {"line": n, "problem": …} naming the field. All cores are used;
    a progress bar shows on a terminal."""
    from benefit_calc.rules.load import load_rules

    bounded_overlays(overlays)
    load_rules(rules_dir, overlays)  # a broken overlay stops here, with its file named
    jobs = jobs or os.cpu_count() or 1
    try:
        source = sys.stdin.buffer if cases_file == "-" else open(cases_file, "rb")  # noqa: SIM115
    except OSError as exc:
        raise CaseError.of("", "file_unreadable", name=cases_file, why=exc.strerror or str(exc)) from None
    total = None if cases_file == "-" else _count_lines(cases_file)
    sink = click.open_file(output, "w", encoding="utf-8")
    shown = sys.stderr.isatty()
    ctx = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    with source, sink, ctx.Pool(jobs, _start_worker, (rules_dir, overlays)) as pool, click.progressbar(
            length=total or 0, file=sys.stderr if shown else open(os.devnull, "w"), label="batch") as bar:
        chunks = _chunks(source, 16)
        while True:  # a window at a time, so a caseload of any length is read as it is answered
            window = list(itertools.islice(chunks, jobs * 4))
            if not window:
                break
            for lines in pool.imap(_answer_lines, [(c, lang) for c in window]):
                for line in lines:
                    sink.write(line + "\n")
                bar.update(len(lines))
