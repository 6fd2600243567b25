"""One real-browser pass: the app in Debian's Chromium driven by Playwright (no browser download).

Starts ``streamlit run streamlit_app.py`` on a free 127.0.0.1 port, loads an example case, moves the hours slider
with the keyboard and sees the headline change, makes and downloads the PDF report, and saves a screenshot.
Skipped where no Chromium is found (``.ci/run`` installs Debian's ``chromium``, so CI runs it).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server():  # type: ignore[no-untyped-def]
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the app did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])  # type: ignore[union-attr]
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def expected_headline(example: str, hours: float) -> str:
    """The headline the app must show for ``example`` with the first step at ``hours`` (from the library)."""
    import yaml

    from benefit_calc import load_rules, parse_case, simulate
    from benefit_calc.app_form import case_data, form_values
    from benefit_calc.app_model import headline
    from benefit_calc.money import fmt

    raw = yaml.safe_load((ROOT / "examples" / example).read_text(encoding="utf-8"))
    values = form_values(raw)
    values["f_w0_hours"] = hours
    rules = load_rules()
    case = parse_case(case_data(raw, values))
    head = headline(rules, case, simulate(rules, case))
    return f"{'+' if head.per_month >= 0 else '−'}{fmt(abs(head.per_month))} kr i måneden etter skatt"


def test_counsellor_session_in_a_real_browser(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    example = "aap-naer-grensen.yaml"
    at_start, after_keys = expected_headline(example, 22.0), expected_headline(example, 25.0)
    assert at_start != after_keys

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.goto(server)
        expect(page.get_by_text("Hva skjer med pengene når du begynner å jobbe?").first).to_be_visible(timeout=60_000)

        # enter a case: load the AAP example close to the work limit from the sidebar
        page.get_by_label("Eksempel").click()
        page.get_by_role("option", name=example).click()
        page.get_by_role("button", name="Last eksempelet").click()
        metric = page.get_by_test_id("stMetricValue").first
        page.get_by_role("tab", name="Resultat").click()
        expect(metric).to_have_text(at_start, timeout=120_000)  # the example's own numbers, from the engine

        # move the hours slider with the keyboard (6 × 0.5 h: 22 → 25 h) and see the numbers change to match
        page.get_by_role("tab", name="Jobbplan").click()
        slider = page.get_by_role("slider").first
        expect(slider).to_have_value(re.compile(r"^22(\.0)?$"), timeout=60_000)
        slider.focus()
        for _ in range(6):
            page.keyboard.press("ArrowRight")
        expect(slider).to_have_value(re.compile(r"^25(\.0)?$"), timeout=60_000)
        page.get_by_role("tab", name="Resultat").click()
        expect(metric).to_have_text(after_keys, timeout=120_000)

        # make the report and download the PDF
        page.get_by_role("tab", name="Rapport").click()
        page.get_by_role("button", name="Lag rapport (PDF)").click()
        download_button = page.get_by_role("button", name="Last ned rapporten (PDF)")
        expect(download_button).to_be_visible(timeout=60_000)
        with page.expect_download() as info:
            download_button.click()
        pdf = tmp_path / "rapport.pdf"
        info.value.save_as(pdf)
        assert pdf.read_bytes()[:5] == b"%PDF-"

        page.get_by_role("tab", name="Resultat").click()
        shot = tmp_path / "resultat.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        browser.close()
