"""``benefit-calc site build DIR``: a self-contained static folder that runs the engine in the browser (docs/browser.md).

What the folder holds, all served from its own origin:

- ``pyodide/``: Pyodide's core from the npm registry (``npm pack pyodide@PYODIDE_VERSION``);
- ``wheels/``: pure wheels of what the engine imports at run time (``RUNTIME``: attrs, babel — the words'
  number formatting, its locale data cut to the locales the words use — and PyYAML), micropip to install them, a pure PyYAML wheel built from its sdist with
  ``PYYAML_FORCE_LIBYAML=0`` (PyPI has no pure PyYAML wheel), and this package's own wheel, made from the
  installed package and its bundled rules (so a build works from a wheel install as well as a checkout);
- ``index.html``, ``page.js``, ``style.css`` (the page), ``benefit-calc.js`` (the embedding API),
  ``worker.js`` (the engine in a Web Worker), ``words.json`` (the page's words in nb, nn and en);
- ``manifest.json``: every file with its size and sha256.

Downloads happen here, at build time only, into a cache (``--cache``, default ``~/.cache/benefit-calc/site``), so a
second build downloads nothing; each file from the package index (fetched by ``pip download``, from the index pip
is set up for) is checked against the sha256 pinned here. The page fetches nothing from anywhere but its own
origin, and its Content-Security-Policy (``CSP``) says so.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Callable

import click

from benefit_calc.cli.common import LANG, Fail
from benefit_calc.cli.main import main
from benefit_calc.words import LANGS, catalogue, text

PYODIDE_VERSION = "314.0.8"  # Python 3.14; only Pyodide's core is on npm, which is all this needs
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
# The third-party modules the engine imports at run time (simulate_data, sweep_data and the words), by
# distribution, with the wheel's pinned version; tests/test_site.py checks this against what CPython imports.
RUNTIME = {"attrs": "26.1.0", "babel": "2.19.0"}
# babel's locale data is 10.5 of its 11 MB; the site keeps the locales words/formats.py uses (nb_NO, nn_NO, en_GB)
# and their parents, which is all it reads (tests/test_site.py checks which files the engine opens).
BABEL_LOCALES = ("root", "no", "nb", "nb_NO", "nn", "nn_NO", "en", "en_001", "en_GB")
PYYAML_VERSION = "6.0.4"
MICROPIP_VERSION = "0.11.1"
# the files the build takes from the package index, each by its sha256 (a new version: a new hash here)
SHA256 = {
    "attrs-26.1.0-py3-none-any.whl": "c647aa4a12dfbad9333ca4e71fe62ddc36f4e63b2d260a37a8b83d2f043ac309",
    "babel-2.19.0-py3-none-any.whl": "6d49734aed1d595b2c065d012174df8c83964692f26fc461702281634dd7555b",
    "micropip-0.11.1-py3-none-any.whl": "768de165adb8e66906039d8fec4127a57f522dfdf8e6fbff877a4616941ecfd3",
    "pyyaml-6.0.4.tar.gz": "e24bf71af8a432d7808fabff134d38dfe16d3cbb41f2873bb4b1e42422de0a1a",
}
STATIC = Path(__file__).resolve().parent.parent / "site"
STATIC_FILES = ("index.html", "page.js", "style.css", "benefit-calc.js", "worker.js")
# Only this site's own files; Pyodide compiles WebAssembly ('wasm-unsafe-eval'), and nothing else is allowed.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
       "img-src 'self'; style-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'")
# Left out of the site's own wheel: the PDF's fonts (no PDF in the browser yet) and this folder.
OWN_WHEEL_SKIP = ("present/fonts/", "site/")
MANIFEST = "manifest.json"


class SiteError(Exception):
    """A build step failed; the message is one sentence in the language asked for."""


def default_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "benefit-calc" / "site"


def pypi_file(name: str, version: str, kind: str, cache: Path, lang: str, say: Callable[[str], None]) -> Path:
    """A file of ``name==version`` from the package index — the pure wheel (``kind="wheel"``) or the sdist — from
    the cache or downloaded into it by ``pip download`` (pip knows the index this machine is set up for), checked
    against the sha256 pinned in :data:`SHA256`."""
    folder = cache / "pypi"
    marker = folder / f"{name}-{version}.{kind}"
    if marker.is_file():
        path = folder / marker.read_text(encoding="utf-8").strip()
        if path.is_file():
            say(text("site.cached", lang, what=path.name))
            return path
    what, where = f"{name} {version}", text("site.index", lang)
    pip = shutil.which("pip3") or shutil.which("pip")
    if pip is None:
        raise SiteError(text("site.fetch_failed", lang, what=what, where=where, reason="pip was not found"))
    say(text("site.fetch", lang, what=what, where=where))
    form = (["--only-binary=:all:", "--platform", "any", "--python-version", "3.14", "--implementation", "py",
             "--abi", "none"] if kind == "wheel" else ["--no-binary=:all:"])
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([pip, "download", "--quiet", "--no-deps", "--disable-pip-version-check", *form,
                               "-d", tmp, f"{name}=={version}"], capture_output=True, text=True, timeout=600)
        found = [p for p in Path(tmp).iterdir() if p.name.endswith("-none-any.whl" if kind == "wheel" else ".tar.gz")]
        if done.returncode != 0 or len(found) != 1:
            reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            raise SiteError(text("site.fetch_failed", lang, what=what, where=where, reason=reason))
        data = found[0].read_bytes()
        if hashlib.sha256(data).hexdigest() != SHA256.get(found[0].name):
            raise SiteError(text("site.fetch_failed", lang, what=found[0].name, where=where,
                                 reason="its sha256 is not the one pinned in benefit_calc/cli/site.py"))
        folder.mkdir(parents=True, exist_ok=True)
        path = Path(shutil.copy2(found[0], folder / found[0].name))
    marker.write_text(path.name, encoding="utf-8")
    return path


def pyodide_core(cache: Path, lang: str, say: Callable[[str], None]) -> Path:
    """The folder of Pyodide's core files, from the cache or unpacked from ``npm pack pyodide@PYODIDE_VERSION``."""
    folder = cache / f"pyodide-{PYODIDE_VERSION}"
    if all((folder / f).is_file() for f in PYODIDE_FILES):
        say(text("site.cached", lang, what=f"pyodide {PYODIDE_VERSION}"))
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise SiteError(text("site.no_npm", lang))
    say(text("site.fetch", lang, what=f"pyodide {PYODIDE_VERSION}", where="npm"))
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", "--silent", f"pyodide@{PYODIDE_VERSION}"], cwd=tmp, capture_output=True,
                              text=True, timeout=600)
        tgz = Path(tmp) / f"pyodide-{PYODIDE_VERSION}.tgz"
        if done.returncode != 0 or not tgz.is_file():
            reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            raise SiteError(text("site.npm_failed", lang, version=PYODIDE_VERSION, reason=reason))
        part = Path(tempfile.mkdtemp(dir=cache.mkdir(parents=True, exist_ok=True) or cache))
        with tarfile.open(tgz) as tar:
            for name in PYODIDE_FILES:
                member = tar.getmember(f"package/{name}")
                src = tar.extractfile(member)
                assert src is not None
                (part / name).write_bytes(src.read())
        if folder.exists():
            shutil.rmtree(folder)
        part.rename(folder)
    return folder


def pure_pyyaml(cache: Path, lang: str, say: Callable[[str], None]) -> Path:
    """A pure-Python PyYAML wheel: its sdist built with the libyaml extension switched off."""
    built = cache / "built"
    wheels = sorted(built.glob(f"pyyaml-{PYYAML_VERSION}-py3-none-any.whl")) if built.is_dir() else []
    if wheels:
        say(text("site.cached", lang, what=wheels[0].name))
        return wheels[0]
    sdist = pypi_file("pyyaml", PYYAML_VERSION, "sdist", cache, lang, say)
    say(text("site.build", lang, what=f"pyyaml {PYYAML_VERSION} (PYYAML_FORCE_LIBYAML=0)"))
    env = {**os.environ, "PYYAML_FORCE_LIBYAML": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(sdist) as tar:
            tar.extractall(tmp, filter="data") if sys.version_info >= (3, 12) else tar.extractall(tmp)  # noqa: S202
        src = next(Path(tmp).glob("pyyaml-*"))
        out = Path(tmp) / "out"
        uv = shutil.which("uv")
        cmd = ([uv, "build", "--wheel", "--quiet", "--out-dir", str(out), str(src)] if uv else
               [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(src)])
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        found = sorted(out.glob("*.whl")) if out.is_dir() else []
        if done.returncode != 0 or not found:
            reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            raise SiteError(text("site.build_failed", lang, what=f"pyyaml {PYYAML_VERSION}", reason=reason))
        if not found[0].name.endswith("-py3-none-any.whl"):
            raise SiteError(text("site.build_failed", lang, what=f"pyyaml {PYYAML_VERSION}",
                                 reason=f"{found[0].name} is not a pure wheel"))
        built.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(found[0], built / found[0].name))


def trimmed_babel(cache: Path, lang: str, say: Callable[[str], None]) -> Path:
    """babel's wheel from PyPI with only ``BABEL_LOCALES`` in its locale data (and its RECORD rewritten)."""
    built = cache / "built" / "babel-trimmed"
    path = built / f"babel-{RUNTIME['babel']}-py3-none-any.whl"
    if path.is_file():
        say(text("site.cached", lang, what=f"{path.name} ({', '.join(BABEL_LOCALES)})"))
        return path
    wheel = pypi_file("babel", RUNTIME["babel"], "wheel", cache, lang, say)
    say(text("site.build", lang, what=f"babel {RUNTIME['babel']} ({', '.join(BABEL_LOCALES)})"))
    keep = {f"babel/locale-data/{name}.dat" for name in BABEL_LOCALES}
    files: list[tuple[zipfile.ZipInfo, bytes]] = []
    with zipfile.ZipFile(wheel) as z:
        record_name = next(n for n in z.namelist() if n.endswith(".dist-info/RECORD"))
        for info in z.infolist():
            name = info.filename
            if name == record_name or (name.startswith("babel/locale-data/") and name not in keep):
                continue
            files.append((info, z.read(info)))
    record = "".join(f"{i.filename},{_record_hash(d)},{len(d)}\n" for i, d in files) + f"{record_name},,\n"
    built.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in files:
            out.writestr(info, data, zipfile.ZIP_DEFLATED)
        out.writestr(record_name, record)
    part.rename(path)
    return path


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def own_wheel(out: Path) -> Path:
    """This package's wheel, made from the installed package and the rules it reads (as ``benefit_calc/_rules``,
    the layout of ``uv build``): the same files whether installed from a wheel or run from a checkout."""
    from benefit_calc.rules.load import default_rules_dir

    version = importlib.metadata.version("benefit-calc")
    package = Path(__file__).resolve().parent.parent
    files: list[tuple[str, bytes]] = []
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package).as_posix()
        if path.is_file() and "__pycache__" not in rel and not rel.endswith(".pyc") and not rel.startswith("_rules/") \
                and not rel.startswith(OWN_WHEEL_SKIP):
            files.append((f"benefit_calc/{rel}", path.read_bytes()))
    rules = default_rules_dir()
    for path in sorted(rules.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            files.append((f"benefit_calc/_rules/{path.relative_to(rules).as_posix()}", path.read_bytes()))
    info = f"benefit_calc-{version}.dist-info"
    files.append((f"{info}/METADATA", f"Metadata-Version: 2.1\nName: benefit-calc\nVersion: {version}\n".encode()))
    files.append((f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: benefit-calc site build\nRoot-Is-Purelib: true\n"
                                   b"Tag: py3-none-any\n"))
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in files) + f"{info}/RECORD,,\n"
    files.append((f"{info}/RECORD", record.encode()))
    path = out / f"benefit_calc-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # the same bytes for the same files
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            z.writestr(entry, data)
    return path


def page_words() -> dict[str, dict[str, str]]:
    """The page's words (``site.page.*``) in each language."""
    return {lang: {k[len("site.page."):]: v for k, v in catalogue(lang).items() if k.startswith("site.page.")}
            for lang in LANGS}


def render(name: str, wheels: list[str], micropip: str) -> str:
    """One of the page's files with its placeholders filled: the CSP and the bokmål words in index.html, the
    wheels in worker.js."""
    src = (STATIC / name).read_text(encoding="utf-8")
    if name == "index.html":
        src = src.replace("{{csp}}", CSP)
        for key, value in page_words()["nb"].items():
            src = src.replace("{{page." + key + "}}", value)
    elif name == "worker.js":
        src = src.replace("{{wheels}}", json.dumps(wheels)).replace("{{micropip}}", json.dumps(micropip))
    if "{{" in src:
        raise AssertionError(f"{name}: a placeholder was not filled")
    return src


def manifest(site: Path) -> dict[str, Any]:
    """Every file of the site with its size, its gzip size (level 6, as web servers use) and sha256."""
    files = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != MANIFEST):
        data = path.read_bytes()
        files.append({"path": path.relative_to(site).as_posix(), "bytes": len(data),
                      "gzip_bytes": len(gzip.compress(data, 6, mtime=0)), "sha256": hashlib.sha256(data).hexdigest()})
    return {"pyodide": PYODIDE_VERSION, "benefit_calc": importlib.metadata.version("benefit-calc"),
            "csp": CSP, "babel_locales": list(BABEL_LOCALES), "files": files, "bytes": sum(f["bytes"] for f in files),
            "gzip_bytes": sum(f["gzip_bytes"] for f in files)}


def build(site: Path, cache: Path, lang: str = "nb", say: Callable[[str], None] = print) -> dict[str, Any]:
    """Write the static site into ``site`` (created, or replaced if it holds a site built before); gives the
    manifest. Raises :class:`SiteError` with one sentence when a download or a build step fails."""
    if site.exists() and any(site.iterdir()) and not (site / MANIFEST).is_file():
        raise SiteError(text("site.not_site", lang, dir=site))
    cache.mkdir(parents=True, exist_ok=True)
    core = pyodide_core(cache, lang, say)
    wheels = [trimmed_babel(cache, lang, say) if name == "babel" else pypi_file(name, version, "wheel", cache, lang, say)
              for name, version in RUNTIME.items()]
    micropip = pypi_file("micropip", MICROPIP_VERSION, "wheel", cache, lang, say)
    pyyaml = pure_pyyaml(cache, lang, say)
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))  # beside it: renamed into place at the end
    try:
        (tmp / "pyodide").mkdir()
        (tmp / "wheels").mkdir()
        for name in PYODIDE_FILES:
            shutil.copy2(core / name, tmp / "pyodide" / name)
        for wheel in [*wheels, micropip, pyyaml]:
            shutil.copy2(wheel, tmp / "wheels" / wheel.name)
        say(text("site.build", lang, what="benefit_calc wheel"))
        own = own_wheel(tmp / "wheels")
        installed = [w.name for w in wheels] + [pyyaml.name, own.name]
        for name in STATIC_FILES:
            (tmp / name).write_text(render(name, installed, micropip.name), encoding="utf-8")
        (tmp / "words.json").write_text(json.dumps(page_words(), ensure_ascii=False), encoding="utf-8")
        data = manifest(tmp)
        (tmp / MANIFEST).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        if site.exists():
            shutil.rmtree(site)
        tmp.rename(site)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return data


@main.group()
def site() -> None:
    """Build the calculator as a static web site that runs in the browser."""


@site.command("build")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for downloads, reused by the next build (default: ~/.cache/benefit-calc/site).")
@LANG
def site_build(directory: str, cache_dir: str | None, lang: str) -> None:
    """Write DIRECTORY: Pyodide, the wheels, the rules and a page, for any static web server. Downloads from the
    npm registry and PyPI happen now, once; the page fetches nothing from anywhere but its own origin."""
    site_dir = Path(directory).resolve()
    try:
        data = build(site_dir, Path(cache_dir) if cache_dir else default_cache(), lang,
                     lambda line: click.echo(line, err=True))
    except SiteError as exc:
        raise Fail(str(exc), 1, lang) from None
    click.echo(text("site.done", lang, files=len(data["files"]), mb=f"{data['bytes'] / 1e6:.1f}",
                    gzip_mb=f"{data['gzip_bytes'] / 1e6:.1f}", dir=site_dir))
    click.echo(text("site.serve", lang, dir=site_dir))
