"""Nothing lost or changed (issue 9, item 5).

Every command, in every output format, leaves every document, rules file and
config byte-for-byte as it was (same content, mode and modification time, and
no new or removed files next to them); reports are written atomically, so a
write interrupted half-way leaves the previous report intact.
"""

from __future__ import annotations

import errno
import hashlib
import importlib.util
import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from factcheck import atomic
from factcheck.cli import main
from factcheck.report import CHECK_FORMATS, CLAIM_FORMATS

REPO = Path(__file__).resolve().parent.parent
HTML_AVAILABLE = importlib.util.find_spec("factcheck.report.html") is not None


def snapshot(*roots: Path) -> dict[str, tuple[str, int, int]]:
    """path -> (sha256, mode, mtime_ns) of every file under ``roots`` (symlinks as their target text)."""
    state: dict[str, tuple[str, int, int]] = {}
    for root in roots:
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            info = path.lstat()
            if path.is_symlink():
                digest = "link:" + os.readlink(path)
            elif path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                digest = "dir"
            state[path.relative_to(root.parent).as_posix()] = (digest, info.st_mode, info.st_mtime_ns)
    return state


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "seeds", docs / "seeds")
    (docs / "crlf.txt").write_bytes(b"HONG KONG, 2 May 2023 - Over 1,000 companies.\r\nRevenue rose 12%.\r\n")
    (docs / "bom.md").write_bytes("\ufeff# Review\n\nThe park has **around 900** companies.\n".encode())
    (docs / "page.html").write_text(
        "<p>The corporation&#39;s 2,000 members raised US$5.6 billion in 2023.</p>\n", encoding="utf-8"
    )
    (docs / "zh.txt").write_text("2021年2月24日\n香港科學園有約900家科技公司。\n", encoding="utf-8")
    (docs / "latin1.txt").write_bytes("Caf\xe9 2,000".encode("latin-1"))
    (docs / "binary.txt").write_bytes(b"\x00\x01" * 100)
    (docs / "readonly.txt").write_text("In 2024 there were 12 parks.\n", encoding="utf-8")
    (docs / "readonly.txt").chmod(0o444)
    (docs / "link.txt").symlink_to("zh.txt")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "pack.yaml").write_text(
        "entities:\n  Hong Kong Science Park: {aliases: [Science Park, 科學園]}\n", encoding="utf-8"
    )
    (tmp_path / "factcheck.yaml").write_text(
        "paths: [docs]\nrules: [rules]\ndefault_currency: HKD\nexclude: [README.md]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def commands() -> list[list[str]]:
    runs: list[list[str]] = [["rules"]]
    for fmt in sorted(CHECK_FORMATS):
        runs.append(["check", "--format", fmt, "--fail-on", "never"])
        runs.append(["check", "docs", "--format", fmt, "--output", f"out/check.{fmt}"])
    reports = [arg for fmt in sorted(CHECK_FORMATS) for arg in ("--report", f"{fmt}:out/report.{fmt}")]
    runs.append(["check", *reports, "--focus", "docs/zh.txt"])
    if HTML_AVAILABLE:
        runs.append(["check", "--html", "out/report.html"])
        runs.append(["check", "--report", "html:out/second.html"])
    for fmt in sorted(CLAIM_FORMATS):
        runs.append(["claims", "--format", fmt])
        runs.append(["claims", "docs", "--format", fmt, "--output", f"out/claims.{fmt}"])
    return runs


def test_no_command_changes_a_document(workspace: Path) -> None:
    inputs = (workspace / "docs", workspace / "rules", workspace / "factcheck.yaml")
    before = snapshot(*inputs)
    assert "docs/seeds/000_88ca1b1a06dcdc28.txt" in before
    for argv in commands():
        out, err = io.StringIO(), io.StringIO()
        code = main(argv, stdout=out, stderr=err)
        assert code in (0, 1), (argv, err.getvalue())
        assert snapshot(*inputs) == before, argv
    written = sorted(path.name for path in (workspace / "out").iterdir())
    assert "check.json" in written
    assert "claims.csv" in written
    assert not [name for name in written if name.endswith(".tmp")]


def test_an_interrupted_report_write_keeps_the_previous_report(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = workspace / "out" / "check.json"
    report.parent.mkdir()
    assert main(["check", "--format", "json", "--output", "out/check.json", "--fail-on", "never"]) == 0
    previous = report.read_bytes()
    assert previous.startswith(b"{")
    real_fdopen = os.fdopen

    class HalfWriter:
        """Writes half of what it is given, then fails as a full disk would."""

        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return HalfWriter(handle) if mode == "wb" else handle  # documents are still read normally

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    (workspace / "docs" / "new.txt").write_text("A new document with 42 figures.\n", encoding="utf-8")
    err = io.StringIO()
    code = main(["check", "--format", "json", "--output", "out/check.json"], stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert "No space left on device" in err.getvalue()
    assert report.read_bytes() == previous
    assert sorted(path.name for path in report.parent.iterdir()) == ["check.json"]  # no temporary file left


def test_ctrl_c_during_a_write_keeps_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("previous", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)  # after the data is written, before the rename
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text_atomic(target, "new " * 10_000)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [path.name for path in tmp_path.iterdir()] == ["report.sarif"]
