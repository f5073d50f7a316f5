"""The benchmark scripts keep working (tiny inputs; nothing here is timed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import extract as bench_extract


def test_extract_benchmark_quick(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_extract.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "words/s" in out and "b/a = " in out


def test_extract_benchmark_corpus_and_result(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("HKSTP is a hub for over 2,000 tech companies as of June 2024.\n", encoding="utf-8")
    documents = bench_extract.corpus(0.0005, tmp_path)
    assert len(documents) >= 8 and len({document.path for document in documents}) == len(documents)
    result = bench_extract.run(documents)
    assert result.claims == 2 * len(documents)
    assert result.words == 13 * len(documents)
    assert result.ratio > 0
    assert "b/a" in bench_extract.report(result)
