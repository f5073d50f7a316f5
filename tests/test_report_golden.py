"""Golden files: every format rendered from one fixed Report. Refresh with ``pytest --update-golden``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.model import Report
from factcheck.report import CHECK_FORMATS, html

GOLDEN = Path(__file__).parent / "golden"

#: format name -> golden file name
FILES = {
    "text": "sample.txt",
    "json": "sample.json",
    "sarif": "sample.sarif",
    "github": "sample.github.txt",
    "junit": "sample.junit.xml",
    "html": "sample.html",
}


def _without_assets(page: str) -> str:
    """The page with the inlined stylesheet and script (tested on their own) and their CSP hashes elided."""
    page = re.sub(r"<style>.*?</style>", "<style>/* audit.css */</style>", page, count=1, flags=re.S)
    page = re.sub(r"<script>.*?</script>", "<script>/* audit.js */</script>", page, count=1, flags=re.S)
    return re.sub(r"sha256-[A-Za-z0-9+/=]+", "sha256-…", page)


def _render(name: str, report: Report) -> str:
    return _without_assets(html.render(report)) if name == "html" else CHECK_FORMATS[name](report)


def test_every_format_has_a_golden_file() -> None:
    assert set(FILES) == {*CHECK_FORMATS, "html"}


@pytest.mark.parametrize("name", sorted(FILES))
def test_golden(name: str, sample_report: Report, update_golden: bool) -> None:
    path = GOLDEN / FILES[name]
    rendered = _render(name, sample_report)
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing: run pytest --update-golden"
    expected = path.read_text(encoding="utf-8")
    assert rendered == expected, f"{name} output changed: review it and run pytest --update-golden"


@pytest.mark.parametrize("name", sorted(FILES))
def test_rendering_is_deterministic(name: str, sample_report: Report) -> None:
    from tests.conftest import build_sample_report

    assert _render(name, sample_report) == _render(name, build_sample_report())
