"""Helpers of the attribution tests: extract a text and check every claim's position."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main
from factcheck.extract import extract_document
from factcheck.knowledge import Knowledge
from factcheck.load import DocumentMeta, document_from_text
from factcheck.model import Claim


def extracted(text: str, date: str | None, knowledge: Knowledge) -> list[Claim]:
    """The claims of ``text`` (a document dated ``date``); each claim's text is where its offsets say."""
    document = document_from_text(text, "t.txt", meta=DocumentMeta(date=date))
    claims = list(extract_document(document, knowledge))
    for claim in claims:
        assert claim.location.text == document.original[claim.location.start : claim.location.end]
    return claims


def find(claims: list[Claim], text: str) -> Claim:
    """The one claim whose text is ``text``."""
    matches = [claim for claim in claims if claim.location.text == text]
    assert len(matches) == 1, [(c.location.text, c.kind) for c in claims]
    return matches[0]


def corpus_findings(corpus: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The errors and warnings of a check of a copy of ``corpus`` (in ``folder/corpus``) with the built-in pack."""
    shutil.copytree(corpus, folder / "corpus")
    config = folder / "factcheck.yaml"
    config.write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "corpus", "--config", str(config), "--format", "json", "--fail-on", "never", "--no-cache"]
    assert main(argv, stdout=out, stderr=err) == 0, err.getvalue()
    findings: list[dict[str, Any]] = json.loads(out.getvalue())["findings"]
    return [finding for finding in findings if finding["severity"] in ("error", "warning")]


def places(findings: list[dict[str, Any]]) -> set[tuple[str, str, int, int, str]]:
    """(rule, path in the corpus, line, column, text) of each finding."""
    return {
        (
            finding["rule"],
            finding["location"]["path"].removeprefix("corpus/"),
            finding["location"]["line"],
            finding["location"]["column"],
            finding["location"]["text"],
        )
        for finding in findings
    }
