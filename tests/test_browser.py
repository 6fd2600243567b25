"""The app in a real browser: Debian's Chromium driven by Playwright (no browser download), axe-core for WCAG.

Starts ``streamlit run streamlit_app.py`` on a free 127.0.0.1 port and types the three sessions of issue 11 from a
blank start, as a counsellor or a job seeker would: a 27-year-old on AAP in Oslo stepping 10 → 20 hours (bokmål,
then the PDF, whose headline must equal the screen's); a 23-year-old on sosialhjelp and bostøtte in Bergen (in
nynorsk); a single mother of two on overgangsstønad taking a 50 % job (job-seeker mode, on a 390 × 844 phone).
axe-core (bundled by axe-playwright-python) runs on every tab in both modes and fails on any serious or critical
violation. Skipped where no Chromium is found (``.ci/run`` installs Debian's ``chromium``, so CI runs it).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from datetime import date
from typing import Any

import pytest

from benefit_calc.app.mapping import next_month
from benefit_calc.core.money import fmt

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)")
SLOW = 60_000  # ms: a generous wait for a rerun on a busy 2-core machine (not a timing assertion)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
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


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"])
        yield b
        b.close()


def _open(browser: Any, server: str, width: int = 1400, height: int = 1000) -> Any:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.goto(server)
    expect(page.locator("h1").first).to_be_visible(timeout=SLOW)
    return page


def _settle(page: Any) -> None:
    """Wait until Streamlit has finished the rerun the last input started."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=SLOW)


def _type(page: Any, role: str, name: str, value: str) -> None:
    box = page.get_by_role(role, name=name, exact=True).first
    box.fill(value)
    box.press("Tab")
    _settle(page)


def _tab(page: Any, name: str) -> None:
    """Open a tab and wait for the rerun it starts (the app keeps the open tab across a language change)."""
    page.get_by_role("tab", name=name).click()
    _settle(page)


def _choose(page: Any, name: str, option: str) -> None:
    page.get_by_role("combobox", name=name, exact=True).first.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    _settle(page)


def _tick(page: Any, name: str) -> None:
    page.get_by_text(name, exact=True).first.click()
    _settle(page)


def _headline(page: Any) -> str:
    from playwright.sync_api import expect

    value = page.locator(".bc-value").first
    expect(value).to_be_visible(timeout=SLOW)
    return str(value.inner_text())


def _axe(page: Any, where: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, f"{where}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['help']} — "
                                            f"{[n['target'] for n in v['nodes']][:3]}" for v in bad)


def _pdf_has(page: Any, shown: str, tmp_path: Path, name: str, button: str = "Last ned rapporten (PDF)") -> str:
    """Download the PDF (one button: made when clicked) and find the screen's headline amount (with its sign) in
    it; returns the PDF's text."""
    from pypdf import PdfReader

    with page.expect_download(timeout=SLOW) as info:
        page.get_by_role("button", name=button).click()
    pdf = tmp_path / name
    info.value.save_as(pdf)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages))
    amount = shown.replace("\u00a0", " ").split(" kr")[0]
    sign = "+" if amount.startswith("+") else "−"
    assert amount.lstrip("+−") in text, (amount, text[:400])
    assert (sign == "+") == ("mer" in text or "meir" in text or "more" in text), text[:400]
    return text


def _engine_headline(case: dict[str, Any], lang: str) -> tuple[int, str]:
    from benefit_calc import load_rules, parse_case, simulate
    from benefit_calc.present.summary import headline
    from benefit_calc.core.money import fmt
    from benefit_calc.words import text

    rules = load_rules()
    c = parse_case(case)
    head = headline(rules, c, simulate(rules, c))
    return head.per_month, f"{'+' if head.per_month >= 0 else '−'}{fmt(abs(head.per_month))} kr {text('app.per_month', lang)}"


def test_case_one_aap_in_oslo_from_a_blank_start(server: str, browser: Any, tmp_path: Path) -> None:
    """A counsellor types case 1 (AAP in Oslo, 10 → 20 hours, 220,50 kr an hour typed with a decimal comma) from Ny
    sak, checks the headline against the engine, downloads the PDF and finds the same headline in it; the open tab
    survives a language change, an alternative stays open while it is renamed; axe on every tab."""
    from playwright.sync_api import expect

    page = _open(browser, server)
    page.get_by_role("button", name="Ny sak").click()
    _settle(page)
    _type(page, "textbox", "Fødselsdato", "15.06.1999")
    _choose(page, "Kommune", "Oslo")
    _type(page, "textbox", "Husleie i måneden (kr)", "9 500")
    _tick(page, "AAP (arbeidsavklaringspenger)")
    _type(page, "textbox", "AAP-grunnlag", "380 000")
    _axe(page, "Situasjon")
    _tab(page, "Jobbplan")
    page.get_by_role("button", name="Legg til et trinn").click()
    _settle(page)
    _type(page, "textbox", "Trinn 1: timer i uka", "10")
    _type(page, "textbox", "Trinn 1: timelønn (kr)", "220,50")
    page.get_by_role("button", name="Legg til et trinn").click()
    _settle(page)
    _type(page, "textbox", "Trinn 2: timer i uka", "20")
    _axe(page, "Jobbplan")
    _tab(page, "Resultat")
    shown = _headline(page)
    assert re.fullmatch(r"[+−]\d[\d\s]* kr i måneden etter skatt", shown.replace("\u00a0", " ")), shown
    per_month, _ = _engine_headline({"start": next_month(date.today()), "months": 12,
                                     "client": {"birth_date": "1999-06-15", "benefits": {"aap": {"basis": 380000}}},
                                     "household": {"municipality": "0301", "rent_per_month": 9500},
                                     "work": [{"from": next_month(date.today()), "hours_per_week": 10,
                                               "hourly_wage": 220.5},
                                              {"from": _month_after(next_month(date.today())), "hours_per_week": 20,
                                               "hourly_wage": 220.5}]}, "nb")
    assert shown.replace("\u00a0", " ").startswith(f"{'+' if per_month >= 0 else '−'}{fmt(abs(per_month))} kr"), shown
    expect(page.get_by_text("Uten jobb", exact=False).first).to_be_visible()
    _axe(page, "Resultat")
    # the language changes, the tab stays
    page.get_by_text("Nynorsk", exact=True).click()
    _settle(page)
    expect(page.get_by_role("tab", name="Resultat", selected=True)).to_be_visible(timeout=SLOW)
    page.get_by_text("Bokmål", exact=True).click()
    _settle(page)
    _tab(page, "Sammenlign")
    page.get_by_role("button", name="Legg til et alternativ").click()
    _settle(page)
    name = page.get_by_role("textbox", name="Navn på alternativ 1", exact=True)
    name.fill("Full jobb")
    name.press("Tab")
    _settle(page)
    expect(page.get_by_role("textbox", name="Navn på alternativ 1", exact=True)).to_be_visible(timeout=SLOW)
    _axe(page, "Sammenlign")
    _tab(page, "Rapport")
    _axe(page, "Rapport")
    pdf = _pdf_has(page, shown, tmp_path, "rapport1.pdf")
    assert "Full jobb" in pdf and "Uten jobb" in pdf  # the alternative and the baseline are in the PDF
    # change the hours: the same button now serves the new case
    _tab(page, "Jobbplan")
    _type(page, "textbox", "Trinn 2: timer i uka", "30")
    _tab(page, "Resultat")
    new = _headline(page)
    assert new != shown
    _tab(page, "Rapport")
    _pdf_has(page, new, tmp_path, "rapport1b.pdf")
    page.screenshot(path=str(tmp_path / "case1.png"))
    page.close()


def _month_after(month: str) -> str:
    y, m = (int(p) for p in month.split("-"))
    return f"{y + m // 12}-{m % 12 + 1:02d}"


def test_case_two_sosialhjelp_in_bergen_in_nynorsk(server: str, browser: Any, tmp_path: Path) -> None:
    """Case 2 in nynorsk: a 23-year-old on sosialhjelp and bostøtte in Bergen, 10 hours a week at 200,50 kr."""
    page = _open(browser, server)
    page.get_by_text("Nynorsk", exact=True).click()
    _settle(page)
    page.get_by_role("button", name="Ny sak").click()
    _settle(page)
    _type(page, "textbox", "Fødselsdato", "02.03.2003")
    _choose(page, "Kommune", "Bergen")
    _type(page, "textbox", "Husleige i månaden (kr)", "8000")
    _type(page, "textbox", "Straum i månaden (kr)", "700")
    _tick(page, "Bustøtte (Husbanken)")
    _tick(page, "Økonomisk sosialhjelp")
    _tab(page, "Jobbplan")
    page.get_by_role("button", name="Legg til eit trinn").click()
    _settle(page)
    _type(page, "textbox", "Trinn 1: timar i veka", "10")
    _type(page, "textbox", "Trinn 1: timeløn (kr)", "200,50")
    _tab(page, "Resultat")
    shown = _headline(page)
    assert shown.replace("\u00a0", " ").endswith("kr i månaden etter skatt"), shown
    _axe(page, "Resultat (nn)")
    body = page.locator("body").inner_text()
    assert "dere" not in body and "Feil" not in body and "bustøtta" in body.lower()  # bostøtte counts for sosialhjelp
    _tab(page, "Rapport")
    _pdf_has(page, shown, tmp_path, "rapport2.pdf", "Last ned rapporten (PDF)")
    page.close()


def test_case_three_single_mother_as_a_job_seeker_on_a_phone(server: str, browser: Any, tmp_path: Path) -> None:
    """Case 3 on a 390 × 844 screen in job-seeker mode: two children, overgangsstønad, a 50 % job (18,75 hours,
    typed with a decimal comma) and more hours later: a two-step plan, every step said with the answer. The answer
    is visible without sideways scrolling."""
    page = _open(browser, server, 390, 844)
    page.get_by_text("Jobbsøker (steg for steg)").click()
    _settle(page)
    page.get_by_role("button", name="Ny sak").click()
    _settle(page)
    _tick(page, "Overgangsstønad")
    _axe(page, "Jobbsøker, spørsmål 1")
    page.get_by_role("button", name="Neste").click()
    _settle(page)
    _axe(page, "Jobbsøker, spørsmål 2")
    _type(page, "textbox", "Inntekt NAV regner med i året (kr)", "0")
    page.get_by_role("button", name="Neste").click()
    _settle(page)
    _axe(page, "Jobbsøker, spørsmål 3")
    _choose(page, "Kommune", "Trondheim")
    _type(page, "textbox", "Husleie i måneden (kr)", "11 000")
    page.get_by_role("button", name="Neste").click()
    _settle(page)
    _axe(page, "Jobbsøker, spørsmål 4")
    _type(page, "textbox", "Fødselsdato", "10.10.1992")
    _choose(page, "Antall barn som bor hjemme", "2")
    _type(page, "textbox", "Barn 1: fødselsdato", "01.05.2020")
    _type(page, "textbox", "Barn 2: fødselsdato", "01.09.2023")
    page.get_by_role("button", name="Neste").click()
    _settle(page)
    _axe(page, "Jobbsøker, spørsmål 5")
    _type(page, "textbox", "Trinn 1: timer i uka", "18,75")
    _type(page, "textbox", "Trinn 1: timelønn (kr)", "230")
    page.get_by_role("button", name="Legg til et trinn").click()
    _settle(page)
    _type(page, "textbox", "Trinn 2: timer i uka", "30")
    page.get_by_role("button", name="Neste").click()
    _settle(page)
    shown = _headline(page)
    assert shown.replace("\u00a0", " ").endswith("kr i måneden etter skatt")
    body = page.locator("body").inner_text()
    assert "18,75 timer i uka fra" in body and "30 timer i uka fra" in body  # both steps, said with the answer
    box = page.locator(".bc-value").first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # the answer fits the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling
    _axe(page, "Jobbsøker svar")
    page.screenshot(path=str(tmp_path / "case3-phone.png"), full_page=True)
    _pdf_has(page, shown, tmp_path, "rapport3.pdf")
    page.close()
