"""``benefit-calc site build`` and the page it writes (docs/browser.md).

The fast tests need no network: the page's Content-Security-Policy, that the site's wheels are exactly what the
engine imports, this package's own wheel, the manifest, and the one-line errors when npm or PyPI cannot be reached.

The browser test builds the site once per session (downloads cached in ``~/.cache/benefit-calc/site``, or
``BENEFIT_CALC_SITE_CACHE``, so a rerun downloads nothing), serves it on 127.0.0.1 with the page's CSP also as a
header (so the worker runs under it too), and opens it in Debian's Chromium through Playwright. Every request to
anywhere but that server is aborted and recorded; there must be none. Two examples are simulated in the page and
must give the same result contract as CPython (``simulate_data``, what ``--format json`` prints); likewise a sweep
and a bad case's error. Generous waits (not timing assertions): the first load on a busy 2-core machine is slow.
Skipped where no Chromium is found; when the registries cannot be reached the build fails and says which.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from benefit_calc.cli import main
from benefit_calc.cli import site as site_cli

ROOT = Path(__file__).parent.parent
EXAMPLES = ("aap-ung-minsteytelse.yaml", "dagpenger-deltid.yaml")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
LOAD = 180_000  # ms: the first load (Pyodide, the wheels, the rules) on a busy 2-core machine; not an assertion
CALL = 120_000  # ms: one call


# --- fast: no network, no browser -------------------------------------------------------------------------------

def test_the_page_allows_only_its_own_origin() -> None:
    html = site_cli.render("index.html", ["x.whl"], "micropip.whl")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert meta and meta.group(1) == site_cli.CSP
    sources = {s for d in site_cli.CSP.split(";") for s in d.split()[1:]}
    assert sources == {"'self'", "'none'", "'wasm-unsafe-eval'"}  # no host, no scheme, no 'unsafe-eval'/'unsafe-inline'
    assert "{{" not in html and '<html lang="nb">' in html
    assert "<script>" not in html and "style=" not in html  # nothing inline: the CSP would block it


def test_no_file_of_the_page_names_another_origin() -> None:
    for name in site_cli.STATIC_FILES:
        src = (site_cli.STATIC / name).read_text(encoding="utf-8")
        assert not re.search(r"https?://|//cdn|googleapis", src), name


def test_the_worker_installs_the_wheels_it_is_given() -> None:
    js = site_cli.render("worker.js", ["a-1-py3-none-any.whl", "b-2-py3-none-any.whl"], "micropip-0.11.1-py3-none-any.whl")
    assert 'const WHEELS = ["a-1-py3-none-any.whl", "b-2-py3-none-any.whl"];' in js
    assert 'const MICROPIP = "micropip-0.11.1-py3-none-any.whl";' in js


def test_the_pages_words_are_in_every_language() -> None:
    words = site_cli.page_words()
    assert set(words) == {"nb", "nn", "en"} and words["nb"]["loading"] == "Laster kalkulatoren …"
    assert set(words["nb"]) == set(words["nn"]) == set(words["en"])
    used = set(re.findall(r'data-words="(\w+)"', (site_cli.STATIC / "index.html").read_text(encoding="utf-8")))
    used |= set(re.findall(r'say\("(\w+)"', (site_cli.STATIC / "page.js").read_text(encoding="utf-8")))
    assert used <= set(words["nb"]), used - set(words["nb"])


def test_the_sites_wheels_are_what_the_engine_imports() -> None:
    """Run simulate and sweep (the worker's two answers) in a fresh CPython and list the third-party modules it
    imported: the site must ship exactly those (plus PyYAML, built apart, and benefit_calc)."""
    code = """
import builtins, os, sys, json
before = set(sys.modules)
opened, real_open = set(), builtins.open
def watch(f, *a, **k):
    if str(f).endswith(".dat"):
        opened.add(os.path.basename(str(f))[:-4])
    return real_open(f, *a, **k)
builtins.open = watch
from benefit_calc.case.model import load_case
from benefit_calc.rules.load import load_rules
from benefit_calc.present.outputs import simulate_data, sweep_data
from benefit_calc.analysis.sweep import parse_hours
from benefit_calc.analysis.cliffs import component_label
from benefit_calc.words import text
r = load_rules()
for name in %r:
    c = load_case(open("examples/" + name, encoding="utf-8").read())
    json.dumps(simulate_data(r, c))
    for lang in ("nb", "nn", "en"):
        json.dumps(sweep_data(r, c, parse_hours("0:20:10"), 200, lang))
        component_label("aap", lang), text("month_table.month", lang)
tops = {m.split(".")[0] for m in sys.modules if m not in before}
print(json.dumps([sorted(t for t in tops if t not in sys.stdlib_module_names and not t.startswith("_")),
                  sorted(opened - {"global"})]))
""" % (EXAMPLES,)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    imported_list, locales = json.loads(out)
    assert set(locales) <= set(site_cli.BABEL_LOCALES) and "nn_NO" in locales  # the trimmed babel has them all
    imported = set(imported_list) - {"cython_runtime"}  # a C-extension artefact, not a module of ours to ship
    shipped = {"attrs": {"attr", "attrs"}, "babel": {"babel"}}
    assert set(site_cli.RUNTIME) == set(shipped)
    assert imported == set().union(*shipped.values()) | {"yaml", "benefit_calc"}


def test_the_own_wheel_holds_the_package_and_its_rules(tmp_path: Path) -> None:
    wheel = site_cli.own_wheel(tmp_path)
    assert re.fullmatch(r"benefit_calc-[\w.]+-py3-none-any\.whl", wheel.name)
    names = zipfile.ZipFile(wheel).namelist()
    assert "benefit_calc/_rules/no/ruleset.yaml" in names
    assert "benefit_calc/engine/simulate.py" in names and "benefit_calc/words/nb/site.yaml" in names
    assert not any("__pycache__" in n or n.startswith(("benefit_calc/present/fonts/", "benefit_calc/site/"))
                   for n in names)
    record = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("/RECORD"))).decode()
    assert len(record.splitlines()) == len(names)
    assert site_cli.own_wheel(tmp_path).read_bytes() == wheel.read_bytes()  # the same bytes each time


def test_the_manifest_lists_every_file_with_its_size(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.js").write_text("x" * 1000)
    (tmp_path / "index.html").write_text("<!doctype html>")
    data = site_cli.manifest(tmp_path)
    assert [f["path"] for f in data["files"]] == ["a/x.js", "index.html"]
    assert data["bytes"] == 1015 and data["files"][0]["gzip_bytes"] < 100 and data["csp"] == site_cli.CSP


def _fake_pyodide(cache: Path) -> None:
    folder = cache / f"pyodide-{site_cli.PYODIDE_VERSION}"
    folder.mkdir(parents=True)
    for name in site_cli.PYODIDE_FILES:
        (folder / name).write_text("")


def test_a_registry_out_of_reach_is_one_line_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_pyodide(tmp_path / "cache")
    for name, value in (("PIP_CONFIG_FILE", os.devnull), ("PIP_INDEX_URL", "http://127.0.0.1:9/simple"),  # no one there
                        ("PIP_FIND_LINKS", ""), ("PIP_RETRIES", "0"), ("PIP_TIMEOUT", "5")):
        monkeypatch.setenv(name, value)
    r = CliRunner().invoke(main, ["site", "build", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")])
    assert r.exit_code == 1
    last = r.output.strip().splitlines()[-1]
    assert last.startswith("Feil: kunne ikke hente attrs 26.1.0 fra pakkeregisteret: ")
    assert "Traceback" not in r.output and not (tmp_path / "out").exists()


def test_no_npm_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm there
    r = CliRunner().invoke(main, ["site", "build", str(tmp_path / "out"), "--cache", str(tmp_path / "c"), "--lang", "en"])
    assert r.exit_code == 1
    assert r.output.strip().splitlines()[-1] == ("Error: npm was not found; it is needed to fetch Pyodide from the "
                                                 "npm registry (install Node.js)")


def test_a_folder_that_is_not_a_site_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    r = CliRunner().invoke(main, ["site", "build", str(tmp_path), "--cache", str(tmp_path / "c"), "--lang", "en"])
    assert r.exit_code == 1 and "is not empty and is not a site built before" in r.output
    assert (tmp_path / "mine.txt").read_text() == "keep me"


# --- the site in a browser --------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    site = tmp_path_factory.mktemp("site") / "new" / "out"  # a folder whose parent does not exist yet
    cache = Path(os.environ.get("BENEFIT_CALC_SITE_CACHE") or site_cli.default_cache())
    r = CliRunner().invoke(main, ["site", "build", str(site), "--cache", str(cache)])
    assert r.exit_code == 0, r.output
    return {"dir": site, "manifest": json.loads((site / "manifest.json").read_text(encoding="utf-8"))}


def test_the_built_site_has_every_part(built: dict[str, Any]) -> None:
    paths = {f["path"] for f in built["manifest"]["files"]}
    assert {"index.html", "page.js", "style.css", "benefit-calc.js", "worker.js", "words.json",
            "pyodide/pyodide.mjs", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip"} <= paths
    wheels = sorted(p.split("/")[1].split("-")[0] for p in paths if p.startswith("wheels/"))
    assert wheels == ["attrs", "babel", "benefit_calc", "micropip", "pyyaml"]
    assert all(p.endswith("-none-any.whl") for p in paths if p.startswith("wheels/"))
    for f in built["manifest"]["files"]:
        assert (built["dir"] / f["path"]).stat().st_size == f["bytes"]


def test_a_second_build_downloads_nothing_and_writes_the_same_files(built: dict[str, Any], tmp_path: Path) -> None:
    cache = Path(os.environ.get("BENEFIT_CALC_SITE_CACHE") or site_cli.default_cache())
    r = CliRunner().invoke(main, ["site", "build", str(tmp_path / "again"), "--cache", str(cache), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "Fetching" not in r.output and "from the cache" in r.output
    again = json.loads((tmp_path / "again" / "manifest.json").read_text(encoding="utf-8"))
    assert again["files"] == built["manifest"]["files"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".whl": "application/zip",
                      ".json": "application/json"}

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", site_cli.CSP)  # the worker runs under it as well
        super().end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def browser_page(built: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(built["dir"])))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    outside: list[str] = []
    seen: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        ctx = browser.new_context()

        def route(r: Any) -> None:
            seen.append(r.request.url)
            if r.request.url.startswith(origin):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)  # the context's routes see the worker's requests too
        page = ctx.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(origin)
        page.wait_for_function("() => window.benefitCalc.state !== 'loading'", timeout=LOAD)  # a function: the CSP
        # forbids evaluating a string as JavaScript, Playwright's own predicates too
        ready = page.evaluate("() => window.benefitCalc.ready.then(r => r, e => ({error: e.message}))")
        try:
            yield {"page": page, "ready": ready, "outside": outside, "seen": seen, "errors": errors, "origin": origin}
        finally:
            browser.close()
            server.shutdown()


def _call(page: Any, js: str, arg: Any) -> Any:
    """``page.evaluate`` of a call that gives a promise, with a guard against a hang (an error after CALL ms, so a
    stuck worker fails the test instead of stopping the run; not a timing assertion)."""
    return page.evaluate(f"""arg => Promise.race([({js})(arg),
        new Promise((_, no) => setTimeout(() => no(new Error("no answer after {CALL} ms")), {CALL}))])""", arg)


def _cpython(name: str) -> dict[str, Any]:
    """What ``benefit-calc simulate FILE --format json`` prints, as data."""
    r = CliRunner().invoke(main, ["simulate", str(ROOT / "examples" / name), "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_the_page_loads_from_its_own_origin_only(browser_page: dict[str, Any]) -> None:
    assert "error" not in browser_page["ready"], browser_page["ready"]
    assert browser_page["ready"]["versions"]["pyodide"] == site_cli.PYODIDE_VERSION
    print("\nready:", browser_page["ready"])
    assert browser_page["outside"] == []
    # the worker's requests pass through the same route, so one to elsewhere would have been caught
    assert any("/wheels/babel-" in u for u in browser_page["seen"])
    assert any(u.endswith("/pyodide/pyodide.asm.wasm") for u in browser_page["seen"])


@pytest.mark.parametrize("name", EXAMPLES)
def test_simulate_in_the_browser_equals_the_cli_json(browser_page: dict[str, Any], name: str) -> None:
    page = browser_page["page"]
    case = (ROOT / "examples" / name).read_text(encoding="utf-8")
    got = _call(page, "c => window.benefitCalc.simulate(c, {lang: 'nb'})", case)
    want = _cpython(name)
    assert got["months"] == want["months"]
    assert got == want  # the whole result contract, the ruleset's sha256 too
    assert browser_page["outside"] == []


def test_sweep_in_the_browser_equals_cpython(browser_page: dict[str, Any]) -> None:
    from benefit_calc.case.model import load_case
    from benefit_calc.present.outputs import sweep_data
    from benefit_calc.rules.load import load_rules
    from benefit_calc.analysis.sweep import parse_hours

    case = (ROOT / "examples" / EXAMPLES[0]).read_text(encoding="utf-8")
    got = _call(browser_page["page"], "c => window.benefitCalc.sweep(c, {lang: 'nn', hours: '0:30:10'})", case)
    want = json.loads(json.dumps(sweep_data(load_rules(), load_case(case), parse_hours("0:30:10"), None, "nn")))
    assert got == want


def test_a_bad_case_rejects_with_the_cli_sentence(browser_page: dict[str, Any]) -> None:
    from benefit_calc.case.model import load_case
    from benefit_calc.core.errors import CaseError

    bad = "schema: benefit-calc/case@1\nstart: 2026-13\nmonths: 12\n"
    with pytest.raises(CaseError) as exc:
        load_case(bad)
    got = _call(browser_page["page"],
                "c => window.benefitCalc.simulate(c, {lang: 'en'}).then(() => null, e => ({kind: e.kind, message: e.message}))", bad)
    assert got == {"kind": "case", "message": exc.value.message("en", path=True)}


def test_the_page_shows_the_month_table_and_changes_language(browser_page: dict[str, Any]) -> None:
    page = browser_page["page"]
    page.select_option("#lang", "en")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.focus("#run")
    page.keyboard.press("Enter")  # usable from the keyboard
    page.wait_for_selector("#out table tbody tr", timeout=CALL)
    page.wait_for_function("() => document.getElementById('status').textContent === 'Done.'", timeout=CALL)
    assert page.locator("#out table tbody tr").count() == 12
    assert page.inner_text("#out caption") == "Month by month (NOK)"
    assert page.locator("#out th[scope=col]").first.inner_text() == "Month"
    assert browser_page["outside"] == [] and browser_page["errors"] == []
