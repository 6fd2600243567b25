"""Load times of the static site (``benefit-calc site build``, docs/browser.md) in headless Chromium.

    uv run python benchmarks/bench_site.py [--runs 3] [--site DIR]

Builds the site (downloads cached as the CLI caches them) unless ``--site`` names one built before, serves it on
127.0.0.1 and, per run, opens it in a fresh browser context (cold: no HTTP cache), then reloads it in the same
context (warm: the browser's HTTP cache). Prints for each: the page-ready wall time (``goto`` until
``benefitCalc.ready``), the worker's own steps (Pyodide, wheels, import + rules), the first simulate and the next
simulate of the standard example, and a sweep 0–40 h; and the download size (files, bytes, gzip estimate). Every
request to anywhere but that server is aborted and counted.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "aap-ung-minsteytelse.yaml"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".whl": "application/zip"}

    def log_message(self, *args: Any) -> None:
        pass


def timed(page: Any, js: str, arg: Any) -> float:
    t = time.perf_counter()
    page.evaluate(js, arg)
    return time.perf_counter() - t


def one(page: Any, origin: str, case: str) -> dict[str, float]:
    t = time.perf_counter()
    page.goto(origin)
    page.wait_for_function("() => window.benefitCalc.state !== 'loading'", timeout=300_000)
    ready = page.evaluate("() => window.benefitCalc.ready")
    out = {"ready_s": time.perf_counter() - t, **{"worker_" + k.replace("_ms", "_s"): v / 1000 for k, v in ready["timings"].items()}}
    out["first_simulate_s"] = timed(page, "c => window.benefitCalc.simulate(c, {lang: 'nb'})", case)
    out["next_simulate_s"] = timed(page, "c => window.benefitCalc.simulate(c, {lang: 'nb'})", case)
    out["sweep_0_40_s"] = timed(page, "c => window.benefitCalc.sweep(c, {lang: 'nb', hours: '0:40:1'})", case)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--site", default="")
    a = ap.parse_args()
    if a.site:
        site = Path(a.site)
    else:
        from benefit_calc.cli.site import build, default_cache

        site = Path(tempfile.mkdtemp()) / "site"
        build(site, default_cache(), say=lambda line: print(line, file=sys.stderr))
    data = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    case = CASE.read_text(encoding="utf-8")
    outside: list[str] = []
    rows: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for _ in range(a.runs):
            ctx = browser.new_context()
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(origin)
                      else (outside.append(r.request.url), r.abort()))
            page = ctx.new_page()
            rows["cold"].append(one(page, origin, case))
            rows["warm"].append(one(page, origin, case))
            ctx.close()
        browser.close()
    server.shutdown()
    print(f"site: {len(data['files'])} files, {data['bytes'] / 1e6:.1f} MB, gzip estimate {data['gzip_bytes'] / 1e6:.1f} MB")
    for kind, runs in rows.items():
        print(f"{kind} ({len(runs)} runs): " + ", ".join(
            f"{k} {min(r[k] for r in runs):.2f}–{max(r[k] for r in runs):.2f} (median {statistics.median(r[k] for r in runs):.2f})"
            for k in runs[0]))
    print("requests outside the site:", outside or "none")


if __name__ == "__main__":
    main()
