"""Bad documents never crash or hang a run (issue 9, item 4).

Each bad file is named on stderr with its reason and skipped; the run goes on and
the exit code follows the findings of the readable documents (CONTRACT.md); with
no readable document at all the exit code is 2.  Tests run as root here, so a
permission-denied file is simulated by patching ``os.open``.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck import load
from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext, finding
from factcheck.cli import main
from factcheck.model import Finding
from factcheck.rules.model import Rule

GOOD = "HONG KONG, 24 February 2021 - The park is home to around 900 companies. FIXME: confirm.\n"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def skipped(stderr: str) -> dict[str, str]:
    """path -> reason of every 'skipped' line."""
    return dict(re.findall(r"^factcheck: skipped (.+?): (.+)$", stderr, re.M))


def _fixme_check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    for document in ctx.documents.values():
        start = document.original.find("FIXME")
        if start >= 0:
            yield finding(rule, document.location(start, start + 5), "a FIXME is left in the text")


@pytest.fixture
def fixme_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A rules file whose one rule finds 'FIXME' (an error), so exit codes can follow findings."""
    check = types.SimpleNamespace(NAME="test-fixme", DESCRIPTION="finds FIXME", PARAMS={}, check=_fixme_check)
    monkeypatch.setitem(CHECKS, "test-fixme", check)
    pack = tmp_path / "rules" / "fixme.yaml"
    pack.parent.mkdir()
    pack.write_text(
        "rules:\n"
        "  - id: test-fixme\n"
        "    check: test-fixme\n"
        "    category: other\n"
        "    severity: error\n"
        "    message: a FIXME is left in the text\n"
        "    description: Finds FIXME left in a document.\n",
        encoding="utf-8",
    )
    return pack


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return root


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging for ever (a FIFO read blocks until a writer appears)."""

    def timeout(signum: int, frame: Any) -> None:
        raise TimeoutError("the run hung")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_bad_files_are_named_skipped_and_the_exit_code_follows_the_rest(docs: Path, fixme_rule: Path) -> None:
    (docs / "latin1.txt").write_bytes("Caf\xe9 revenue rose 12% in 2023".encode("latin-1"))
    (docs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (docs / "controls.md").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 200)
    (docs / "empty.html").write_bytes(b"")
    (docs / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    (docs / "utf16.txt").write_bytes("Over 1,000 visitors came in 2024.\n".encode("utf-16"))
    code, out, err = run(["check", "docs", "--rules", str(fixme_rule), "--format", "json"])
    assert code == 1  # the FIXME in good.txt is an error; the bad files do not change that
    assert skipped(err) == {
        "docs/binary.txt": "binary file (NUL bytes and no UTF-16 byte-order mark)",
        "docs/bom-only.txt": "empty file",
        "docs/controls.md": "binary file (too many control characters)",
        "docs/empty.html": "empty file",
        "docs/latin1.txt": "not valid UTF-8 (byte 0xe9 at offset 3); save it as UTF-8",
    }
    assert '"path": "docs/good.txt"' in out
    assert '"path": "docs/utf16.txt"' in out  # UTF-16 with a byte-order mark is text
    assert '"rule": "test-fixme"' in out


def test_without_findings_the_exit_code_is_0_despite_bad_files(docs: Path, fixme_rule: Path) -> None:
    (docs / "good.txt").write_text("The park is home to around 900 companies.\n", encoding="utf-8")
    (docs / "binary.txt").write_bytes(b"\x00" * 64)
    code, _out, err = run(["check", "docs", "--rules", str(fixme_rule)])
    assert code == 0
    assert skipped(err) == {"docs/binary.txt": "binary file (NUL bytes and no UTF-16 byte-order mark)"}


def test_no_readable_document_exits_2_and_still_names_each_file(docs: Path) -> None:
    (docs / "good.txt").unlink()
    (docs / "a.txt").write_bytes(b"\xc3\x28 abc")
    (docs / "b.md").write_bytes(b"")
    for command in (["check", "docs"], ["claims", "docs", "--format", "json"]):
        code, out, err = run(command)
        assert code == 2
        assert out == ""
        assert skipped(err) == {
            "docs/a.txt": "not valid UTF-8 (byte 0xc3 at offset 0); save it as UTF-8",
            "docs/b.md": "empty file",
        }
        assert err.endswith("factcheck: no readable document found in docs\n")


def test_a_missing_path_argument_is_named(docs: Path) -> None:
    code, _out, err = run(["claims", "docs", "nowhere.txt"])
    assert code == 0
    assert skipped(err) == {"nowhere.txt": "no such file or directory"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_txt_does_not_hang(docs: Path, alarm: None) -> None:
    os.mkfifo(docs / "pipe.txt")
    code, _out, err = run(["claims", "docs", "--format", "jsonl"])
    assert code == 0
    assert skipped(err) == {"docs/pipe.txt": "not a regular file (a FIFO, socket or device)"}
    # Named explicitly, too.
    code, _out, err = run(["claims", "docs/pipe.txt", "docs/good.txt"])
    assert code == 0
    assert skipped(err) == {"docs/pipe.txt": "not a regular file (a FIFO, socket or device)"}


def test_a_device_is_not_read(docs: Path, alarm: None) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    (docs / "zero.txt").symlink_to("/dev/zero")  # endless input behind a document's name
    code, _out, err = run(["claims", "docs"])
    assert code == 0
    assert skipped(err) == {"docs/zero.txt": "not a regular file (a FIFO, socket or device)"}


def test_symlink_loops_are_skipped_and_never_followed(docs: Path) -> None:
    (docs / "a.txt").symlink_to("b.txt")
    (docs / "b.txt").symlink_to("a.txt")
    (docs / "self.md").symlink_to("self.md")
    (docs / "dangling.txt").symlink_to("gone.txt")
    (docs / "sub").mkdir()
    (docs / "sub" / "up").symlink_to("..", target_is_directory=True)  # a directory loop
    (docs / "sub" / "inner.txt").write_text("In 2024 there were 12 parks.\n", encoding="utf-8")
    code, out, err = run(["claims", "docs", "--format", "json"])
    assert code == 0
    assert skipped(err) == {
        "docs/a.txt": "Too many levels of symbolic links",
        "docs/b.txt": "Too many levels of symbolic links",
        "docs/dangling.txt": "No such file or directory",
        "docs/self.md": "Too many levels of symbolic links",
    }
    paths = [document["path"] for document in json.loads(out)["documents"]]
    assert paths == ["docs/good.txt", "docs/sub/inner.txt"]  # found once, not again through sub/up


def test_a_directory_named_like_a_document(docs: Path) -> None:
    folder = docs / "notes.txt"
    folder.mkdir()
    (folder / "inside.md").write_text("Sales rose 12% in 2024.\n", encoding="utf-8")
    code, out, err = run(["claims", "docs", "--format", "json"])
    assert code == 0
    assert err == ""
    assert '"path": "docs/notes.txt/inside.md"' in out
    # load_file on such a folder (e.g. passed by a pre-commit hook) says why it is skipped.
    assert isinstance(load.load_one(folder, "docs/notes.txt"), load.Problem)
    assert str(load.load_one(folder, "docs/notes.txt")) == "docs/notes.txt: is a directory"


def test_a_file_that_disappears_between_discovery_and_loading(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (docs / "gone.txt").write_text("Revenue was HK$1.2 billion in 2023.\n", encoding="utf-8")
    discover = load.discover

    def discover_then_delete(*args: Any, **kwargs: Any) -> Any:
        files, problems = discover(*args, **kwargs)
        (docs / "gone.txt").unlink()
        return files, problems

    monkeypatch.setattr("factcheck.engine.discover", discover_then_delete)
    code, out, err = run(["claims", "docs", "--format", "json"])
    assert code == 0
    assert skipped(err) == {"docs/gone.txt": "No such file or directory"}
    assert '"path": "docs/good.txt"' in out


def test_a_file_that_becomes_unreadable_mid_run(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (docs / "locked.md").write_text("Over 13,000 people work there.\n", encoding="utf-8")
    real_open = os.open

    def deny(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("locked.md"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    code, out, err = run(["claims", "docs", "--format", "json"])
    assert code == 0
    assert skipped(err) == {"docs/locked.md": "Permission denied"}
    assert '"path": "docs/good.txt"' in out


def test_an_unreadable_folder_is_named(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (docs / "private").mkdir()
    (docs / "private" / "x.txt").write_text("12 parks\n", encoding="utf-8")
    real_scandir = os.scandir

    def deny(path: Any = ".") -> Any:
        if str(path).endswith("private"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    code, _out, err = run(["claims", "docs"])
    assert code == 0
    assert skipped(err) == {"docs/private": "Permission denied"}


def test_oversized_and_growing_files_are_cut_off(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_DOCUMENT_BYTES", 1000)
    (docs / "big.txt").write_text("9" * 1001, encoding="utf-8")
    code, _out, err = run(["claims", "docs"])
    assert code == 0
    assert skipped(err) == {"docs/big.txt": "too large (1001 bytes; the limit is 1000)"}


def test_odd_but_readable_text_is_loaded_with_exact_positions(docs: Path) -> None:
    text = "\u202eRTL override 12%\u202c and \u200b zero-width 3,000 \U0001f600 emoji 2024\r\nlast line 7\r"
    (docs / "odd.txt").write_bytes(text.encode("utf-8"))
    loaded = load.load_one(docs / "odd.txt", "docs/odd.txt")
    assert not isinstance(loaded, load.Problem)
    assert loaded.original == text.replace("\r\n", "\n").replace("\r", "\n")
    assert len(loaded.text) == len(loaded.original)
    start = loaded.original.index("3,000")
    assert loaded.position(start) == (1, start + 1)
    assert loaded.position(loaded.original.index("last")) == (2, 1)
