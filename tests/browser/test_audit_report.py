"""The HTML audit report in headless Chromium: no console errors, working filters, timelines, no XSS."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main
from factcheck.model import Report
from factcheck.report import html
from tests.browser.conftest import console_errors

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]


def _open(browser: Any, report: Report, folder: Path, name: str = "audit.html") -> Path:
    path = folder / name
    path.write_text(html.render(report), encoding="utf-8")
    return _load(browser, path)


def _load(browser: Any, path: Path) -> Path:
    console_errors(browser)  # drain entries of earlier pages
    browser.get(path.resolve().as_uri())
    return path


def _screenshot(browser: Any, folder: Path, name: str) -> Path:
    """Full-page screenshot into the test's folder (and $FACTCHECK_SCREENSHOTS, e.g. reports/screenshots, if set)."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(int(height), 900), 8000))
    path = folder / f"{name}.png"
    assert browser.save_screenshot(str(path))
    browser.set_window_size(1280, 900)
    extra = os.environ.get("FACTCHECK_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / path.name)
    assert path.stat().st_size > 10_000
    return path


def _visible_findings(browser: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    return [
        item.get_attribute("id") for item in browser.find_elements(By.CSS_SELECTOR, "li.finding") if item.is_displayed()
    ]


def _select(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, element_id)).select_by_value(value)


def test_page_loads_cleanly_and_filters_work(browser: Any, sample_report: Report, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, sample_report, tmp_path)
    assert console_errors(browser) == []
    assert browser.find_element(By.ID, "verdict").text == "FAIL"
    assert browser.find_element(By.ID, "filters").is_displayed()
    everything = _visible_findings(browser)
    assert everything == [f"f-{n}" for n in range(1, 7)]
    status = browser.find_element(By.ID, "filter-status")
    assert status.text == "Showing 6 of 6 findings"

    _select(browser, "filter-severity", "error")
    errors = _visible_findings(browser)
    assert len(errors) == 2
    assert all(browser.find_element(By.ID, anchor).get_attribute("data-severity") == "error" for anchor in errors)
    assert status.text == "Showing 2 of 6 findings"

    _select(browser, "filter-category", "conflict")
    (conflict,) = _visible_findings(browser)
    assert "Cyberport start-ups" in browser.find_element(By.ID, conflict).text

    browser.find_element(By.ID, "filter-reset").click()
    assert _visible_findings(browser) == everything

    _select(browser, "filter-document", "d-3")  # the bilingual guide
    (bilingual,) = _visible_findings(browser)
    assert browser.find_element(By.ID, bilingual).get_attribute("data-category") == "bilingual"
    _select(browser, "filter-document", "")

    search = browser.find_element(By.ID, "filter-text")
    search.send_keys("Looks VARIANT")
    (variant,) = _visible_findings(browser)
    assert browser.find_element(By.ID, variant).get_attribute("data-category") == "name-variant"
    search.clear()
    search.send_keys("no such words anywhere")
    assert _visible_findings(browser) == []
    assert browser.find_element(By.ID, "no-match").is_displayed()
    browser.find_element(By.ID, "filter-reset").click()
    assert _visible_findings(browser) == everything
    assert console_errors(browser) == []
    _screenshot(browser, tmp_path, "audit-sample")


def test_timelines_and_chinese_render(browser: Any, sample_report: Report, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, sample_report, tmp_path)
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 4
    for chart in charts:
        assert chart.size["width"] > 300 and chart.size["height"] > 100
    hkstp = browser.find_element(By.ID, "t-3")
    assert hkstp.find_element(By.TAG_NAME, "figcaption").text.startswith("HKSTP · companies")
    labels = [label.text for label in hkstp.find_elements(By.CSS_SELECTOR, "text.value-label")]
    assert labels == ["≈900", ">1,000", ">2,000", ">1,800"]
    conflicts = browser.find_elements(By.CSS_SELECTOR, "#t-2 a.point.conflict")
    assert len(conflicts) == 2
    chinese = browser.find_elements(By.CSS_SELECTOR, '.excerpt [lang="zh-Hant"]')
    assert any("超過1,800家科技公司" in element.text for element in chinese)
    mark = browser.find_element(By.CSS_SELECTOR, '#f-1 .excerpt [lang="zh-Hant"] mark')
    assert mark.text == "超過1,800家科技公司"
    assert mark.size["width"] > 50  # rendered glyphs, not an empty box
    hkstp.screenshot(str(tmp_path / "timeline-hkstp.png"))
    assert (tmp_path / "timeline-hkstp.png").stat().st_size > 5_000
    assert console_errors(browser) == []


def test_keyboard_navigation(browser: Any, sample_report: Report, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, sample_report, tmp_path)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    assert active.is_displayed()  # the skip link shows itself when focused
    active.send_keys(Keys.ENTER)
    assert browser.execute_script("return location.hash") == "#findings"
    # The filters are reachable by keyboard too.
    for _ in range(6):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.get_attribute("id") == "filter-severity":
            break
    assert browser.switch_to.active_element.get_attribute("id") == "filter-severity"
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    # Every claim link in a timeline is a focusable link to its row in the claims table.
    points = browser.find_elements(By.CSS_SELECTOR, "svg.chart a")
    assert points and all((point.get_dom_attribute("href") or "").startswith("#c-") for point in points)
    browser.execute_script("arguments[0].focus()", points[0])
    assert browser.switch_to.active_element == points[0]


def test_xss_corpus_executes_nothing(browser: Any, xss_report: Report, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    _open(browser, xss_report, tmp_path, "xss.html")
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    assert browser.execute_script("return typeof window.__xss") == "undefined"
    # The payloads are shown as text.
    page_text = browser.find_element(By.TAG_NAME, "body").text
    assert "</script><script>window.__xss=3;alert(3)</script>" in page_text
    assert '<img src=x onerror="window.__xss=2;alert(2)">' in page_text
    assert browser.find_elements(By.CSS_SELECTOR, "img, iframe, object, embed") == []
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 2  # the JSON data and the filter script
    # The embedded JSON survives intact.
    data = browser.execute_script("return JSON.parse(document.getElementById('factcheck-data').textContent)")
    assert data["claims"][1]["text"] == "about 700 staff </script><script>window.__xss=3;alert(3)</script>"
    _screenshot(browser, tmp_path, "audit-xss")
    # Typing a payload into the filter does not run it either.
    browser.find_element(By.ID, "filter-text").send_keys('<img src=x onerror="window.__xss=12">')
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    assert browser.execute_script("return typeof window.__xss") == "undefined"
    # Clicking a link from the document text goes nowhere dangerous: there is none.
    hrefs = [link.get_attribute("href") or "" for link in browser.find_elements(By.CSS_SELECTOR, "a")]
    assert not any(href.startswith("javascript:") for href in hrefs)
    assert console_errors(browser) == []


def test_cli_audit_report_of_the_seed_corpus(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `make audit` writes for the seed corpus (plus one hostile file) loads cleanly, lists every
    document and charts the HKSTP company count over time."""
    from selenium.webdriver.common.by import By

    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "seeds", corpus / "seeds")
    shutil.copytree(REPO / "rules", corpus / "rules")
    shutil.copy(REPO / "factcheck.yaml", corpus / "factcheck.yaml")
    (corpus / "seeds" / "hostile.md").write_text(
        "# Release <script>window.__xss=1</script>\n\nOver 100 firms <img src=x onerror=window.__xss=2>.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(corpus)
    code = main(["check", "--fail-on", "never", "--html", "out/audit.html", "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    paths = [document["path"] for document in data["documents"]]
    assert {f"seeds/{seed.name}" for seed in (REPO / "seeds").glob("*.txt")} | {"seeds/hostile.md"} == set(paths)
    _load(browser, corpus / "out" / "audit.html")
    assert console_errors(browser) == []
    summaries = browser.find_elements(By.CSS_SELECTOR, "details.document summary .path")
    assert [summary.text for summary in summaries] == paths
    assert browser.execute_script("return typeof window.__xss") == "undefined"
    titles = [caption.text for caption in browser.find_elements(By.CSS_SELECTOR, "figure.timeline > figcaption strong")]
    assert "HKSTP · companies" in titles
    chart = browser.find_elements(By.CSS_SELECTOR, "figure.timeline")[titles.index("HKSTP · companies")]
    dates = {
        tick.text for tick in chart.find_elements(By.CSS_SELECTOR, "text.tick-label") if tick.text[:2] in ("19", "20")
    }
    assert len(dates) >= 2, dates
    _screenshot(browser, tmp_path, "audit-seeds")


def test_readable_with_javascript_off(browser: Any, sample_report: Report, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        _open(browser, sample_report, tmp_path)
        assert browser.execute_script("return document.body.className") == "no-js"  # our script did not run
        assert not browser.find_element(By.ID, "filters").is_displayed()
        assert [item.is_displayed() for item in browser.find_elements(By.CSS_SELECTOR, "li.finding")] == [True] * 6
        assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) == 4
        assert console_errors(browser) == []
        _screenshot(browser, tmp_path, "audit-no-js")
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_csp_blocks_an_injected_script_and_the_console_check_sees_it(
    browser: Any, sample_report: Report, tmp_path: Path
) -> None:
    """Defence in depth: were an escaping bug to let a script through, the CSP would block it, and the
    console check the other tests rely on would report it."""
    page = html.render(sample_report).replace("<main", '<script>window.__xss = "ran"</script><main', 1)
    path = tmp_path / "injected.html"
    path.write_text(page, encoding="utf-8")
    _load(browser, path)
    assert browser.execute_script("return typeof window.__xss") == "undefined"
    errors = console_errors(browser)
    assert any("Content Security Policy" in entry["message"] for entry in errors), errors
