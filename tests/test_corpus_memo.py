"""The corpus memo: one cache entry for the loaded documents, never stale, damage-proof; digests once per run."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import factcheck.cache
from factcheck.atomic import write_text_atomic
from factcheck.cache import ClaimCache, CorpusMemo, corpus_memo_key, document_digest, entry_key
from factcheck.load import DocumentMeta, _read_regular_file, discover, document_from_text, load_documents
from factcheck.load.text import _CONTROL, _control_count, decode
from factcheck.model import Document
from tests.cli_support import run

DOCUMENTS = {
    "news/a.txt": "Northbridge, 3 March 2024 - The park hosts over 2,000 firms, of which around 900 are R&D firms.\n",
    "news/b.md": "---\ndate: 2024-05-01\n---\n# Park news\n\nThe park hosts **over 2,100** firms ([source](https://x.org/2)).\n",
    "news/c.html": "<p>The park hosts over 1,900 firms.</p>\r\n<p>HK$350&nbsp;million 第二段 20 週年</p>\r\n",
    "news/2023-06-30-d.txt": "\ufeffThe park hosted over 1,800 firms.\n\n科技園有超過1,800家公司。\n",
    "zh/e.txt": "香港科技園公司於2001年成立，園區現有超過2,000家科企。\n",
}


def _project(root: Path) -> Path:
    for name, text in DOCUMENTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(text.encode("utf-8"))
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = _project(tmp_path / "project")
    monkeypatch.chdir(root)
    yield root


def _load(
    cache_dir: Path | None, metadata: dict[str, DocumentMeta] | None = None
) -> tuple[tuple[Document, ...], ClaimCache | None]:
    files, _ = discover([Path(".")])
    if cache_dir is None:
        return load_documents(files, metadata).documents, None
    cache = ClaimCache(cache_dir)
    return load_documents(files, metadata, cache.build_document, cache.corpus_memo).documents, cache


def _same_as_uncached(cache_dir: Path, metadata: dict[str, DocumentMeta] | None = None) -> ClaimCache:
    """Load with the cache and assert every Document is, field by field, what a load without one gives."""
    cached, cache = _load(cache_dir, metadata)
    fresh, _ = _load(None, metadata)
    assert [document.path for document in cached] == [document.path for document in fresh]
    for ours, theirs in zip(cached, fresh, strict=True):
        for field in dataclasses.fields(Document):
            assert getattr(ours, field.name) == getattr(theirs, field.name), (ours.path, field.name)
        assert ours == theirs
    assert cache is not None
    for document in cached:  # the digest the memo served is the document's own
        assert cache.document_digest(document) == document_digest(document)
    return cache


def test_a_warm_load_reads_one_memo_and_gives_the_same_documents(project: Path, tmp_path: Path) -> None:
    cold = _same_as_uncached(tmp_path / "cache")
    assert (cold.stats.corpus_hits, cold.stats.document_misses, cold.stats.corpus_writes) == (0, 5, 1)
    warm = _same_as_uncached(tmp_path / "cache")
    assert (warm.stats.corpus_hits, warm.stats.document_hits, warm.stats.document_misses) == (5, 0, 0)
    assert warm.stats.corpus_writes == 0  # nothing changed: not written again
    markdown = next(document for document in _load(tmp_path / "cache")[0] if document.path == "news/b.md")
    assert markdown.text != markdown.original and markdown.text.index("over 2,100") == markdown.original.index(
        "over 2,100"
    )
    assert markdown.date == "2024-05-01" and markdown.line_starts[:3] == (0, 4, 21)


def test_an_edit_that_keeps_size_and_mtime_is_never_served_stale(project: Path, tmp_path: Path) -> None:
    _same_as_uncached(tmp_path / "cache")
    path = project / "news" / "a.txt"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"2,000", b"3,000"))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the mtime set back
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    cache = _same_as_uncached(tmp_path / "cache")
    assert (cache.stats.corpus_hits, cache.stats.document_misses, cache.stats.corpus_writes) == (4, 1, 1)
    document = next(document for document in _load(tmp_path / "cache")[0] if document.path == "news/a.txt")
    assert document.original.index("over 3,000") == 43
    # Back to the first bytes (a memo of that version is in documents/): still exactly the file's document.
    path.write_bytes(DOCUMENTS["news/a.txt"].encode())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _same_as_uncached(tmp_path / "cache").stats.corpus_hits == 4


def test_additions_removals_and_renames(project: Path, tmp_path: Path) -> None:
    _same_as_uncached(tmp_path / "cache")
    (project / "news" / "f.txt").write_text("The park hosts over 2,200 firms.\n", "utf-8")
    added = _same_as_uncached(tmp_path / "cache")
    assert (added.stats.corpus_hits, added.stats.document_misses) == (5, 1)
    (project / "zh" / "e.txt").unlink()
    assert _same_as_uncached(tmp_path / "cache").stats.corpus_hits == 5
    # A rename: the same bytes under a name that dates the document. The path is the record's key.
    (project / "news" / "a.txt").rename(project / "news" / "2022-01-31-a.txt")
    renamed = _same_as_uncached(tmp_path / "cache")
    assert renamed.stats.corpus_hits == 4
    dated = next(document for document in _load(tmp_path / "cache")[0] if document.path == "news/2022-01-31-a.txt")
    assert dated.date == "2024-03-03"  # the dateline wins over the file name, as without a cache
    (project / "news" / "2022-01-31-a.txt").rename(project / "news" / "a.txt")
    assert _same_as_uncached(tmp_path / "cache").stats.corpus_hits == 5


def test_metadata_changes_reload_only_that_document(project: Path, tmp_path: Path) -> None:
    _same_as_uncached(tmp_path / "cache")
    dated = {"news/a.txt": DocumentMeta(date="2020-02-02")}
    cache = _same_as_uncached(tmp_path / "cache", dated)
    assert (cache.stats.corpus_hits, cache.stats.document_misses) == (4, 1)
    assert _same_as_uncached(tmp_path / "cache", dated).stats.corpus_hits == 5
    for meta in (DocumentMeta(date="2020-02-03"), DocumentMeta(lang="zh"), DocumentMeta(currency="USD")):
        assert _same_as_uncached(tmp_path / "cache", {"news/a.txt": meta}).stats.corpus_hits == 4
    assert _same_as_uncached(tmp_path / "cache").stats.corpus_hits == 4  # the metadata removed again


def _memo_file(cache_dir: Path) -> Path:
    key = corpus_memo_key()
    return cache_dir / "documents" / key[:2] / f"{key}.json"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-40] + bytes([data[-40] ^ 1]) + data[-39:],  # a flipped bit in the line starts
        lambda data: b"",
        lambda data: b"{}\n" + data,  # another header
    ],
)
def test_a_damaged_corpus_memo_is_ignored_and_rewritten(project: Path, tmp_path: Path, damage: object) -> None:
    _same_as_uncached(tmp_path / "cache")
    memo = _memo_file(tmp_path / "cache")
    memo.write_bytes(damage(memo.read_bytes()))  # type: ignore[operator]
    cache = _same_as_uncached(tmp_path / "cache")
    assert (cache.stats.corpus_hits, cache.stats.document_hits) == (0, 5)  # from the documents/ memo
    assert cache.stats.corpus_writes == 1
    assert _same_as_uncached(tmp_path / "cache").stats.corpus_hits == 5


def test_a_forged_record_with_a_valid_checksum_is_refused(project: Path, tmp_path: Path) -> None:
    _same_as_uncached(tmp_path / "cache")
    memo = _memo_file(tmp_path / "cache")
    _header, body = memo.read_bytes().split(b"\n", 1)
    index, blob = body.split(b"\n", 1)
    data = json.loads(index)
    records = data["documents"]
    for record in records.values():
        record[16] += 1  # one line start more than the text has
    forged = json.dumps(data).encode() + b"\n" + blob
    cache = ClaimCache(tmp_path / "cache")
    cache._write(cache.documents, corpus_memo_key(), forged)
    again = _same_as_uncached(tmp_path / "cache")
    assert again.stats.corpus_hits == 0 and again.stats.damaged == 5
    # Another document's line starts, a masked text of another length. (What the checksum vouches for is not
    # checked further: a masked text of the right length at a wrong offset would be served, as from documents/.)
    index, blob = _memo_file(tmp_path / "cache").read_bytes().split(b"\n", 1)[1].split(b"\n", 1)
    data = json.loads(index)
    records = data["documents"]
    records["news/a.txt"][15:17], records["zh/e.txt"][15:17] = records["zh/e.txt"][15:17], records["news/a.txt"][15:17]
    records["news/b.md"][14] -= 1
    cache._write(cache.documents, corpus_memo_key(), json.dumps(data).encode() + b"\n" + blob)
    again = _same_as_uncached(tmp_path / "cache")
    assert again.stats.corpus_hits == 2 and again.stats.damaged == 3


def test_records_of_files_no_run_loads_are_dropped_after_some_writes(project: Path, tmp_path: Path) -> None:
    _same_as_uncached(tmp_path / "cache")
    (project / "zh" / "e.txt").unlink()
    for number in range(factcheck.cache._CORPUS_KEEP + 1):
        (project / "news" / "a.txt").write_text(f"The park hosts over {3000 + number} firms.\n", "utf-8")
        _same_as_uncached(tmp_path / "cache")
    memo = CorpusMemo(ClaimCache(tmp_path / "cache"))
    assert sorted(memo._records) == ["news/2023-06-30-d.txt", "news/a.txt", "news/b.md", "news/c.html"]


def _load_while_editing(root: str, worker: int, rounds: int) -> tuple[int, int]:
    """Edit this worker's file and load the corpus through the shared memo; return (corpus hits, damaged)."""
    os.chdir(root)
    hits = damaged = 0
    path = Path("news/a.txt" if worker == 0 else "zh/e.txt")
    for number in range(rounds):
        write_text_atomic(path, f"Round {number}: the park hosts over {1000 + number} firms.\n")
        documents, cache = _load(Path("cache"))
        assert cache is not None and len(documents) == len(DOCUMENTS)
        for document in documents:  # the other worker's file may change under us: each is true to its own text
            assert document == document_from_text(document.original, document.path, document.format)
            assert cache.document_digest(document) == document_digest(document)
        hits += cache.stats.corpus_hits
        damaged += cache.stats.damaged
    return hits, damaged


def test_two_processes_writing_the_corpus_memo_at_once(project: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.starmap(_load_while_editing, [(str(project), 0, 40), (str(project), 1, 40)])
    assert all(damaged == 0 for _, damaged in results)
    assert all(hits > 0 for hits, _ in results)
    assert not [path for path in (project / "cache").rglob("*") if path.name.endswith(".tmp")]
    _same_as_uncached(project / "cache")


def test_reports_are_the_same_with_the_corpus_memo(project: Path, tmp_path: Path) -> None:
    def check(*extra: str) -> str:
        code, out, err = run("check", ".", "--format", "json", "--fail-on", "never", *extra)
        assert code == 0, err
        return out

    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert check(*cache) == check("--no-cache")
    assert check(*cache) == check("--no-cache")
    path = project / "news" / "a.txt"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"2,000", b"9,000"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert check(*cache) == check("--no-cache")
    assert check(*cache, "--focus", "news/a.txt") == check("--no-cache", "--focus", "news/a.txt")
    assert not (project / ".factcheck_cache").exists()  # --no-cache: no memo of any kind


def test_each_document_is_hashed_once_per_run_and_not_at_all_when_warm(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = factcheck.cache.document_digest

    def counting(document: Document) -> str:
        calls.append(document.path)
        return real(document)

    monkeypatch.setattr(factcheck.cache, "document_digest", counting)
    options = ["check", ".", "--format", "json", "--fail-on", "never", "--cache-dir", str(tmp_path / "cache")]
    for extra in ([], ["--focus", "news/a.txt"]):
        calls.clear()
        assert run(*options, *extra)[0] == 0
        assert sorted(calls) == sorted(set(calls))  # at most once each (a cold run: once each)
    (project / "news" / "a.txt").write_text("The park hosts over 2,500 firms.\n", "utf-8")
    calls.clear()
    assert run(*options, "--focus", "news/a.txt")[0] == 0
    assert calls == ["news/a.txt"]  # the edited document, once
    for extra in ([], ["--focus", "news/a.txt"], ["--focus", "news/b.md"]):
        calls.clear()
        assert run(*options, *extra)[0] == 0
        assert calls == []  # every document came from the corpus memo, with its digest


def test_the_cache_entry_key_is_the_module_entry_key(project: Path, tmp_path: Path) -> None:
    documents, cache = _load(tmp_path / "cache")
    assert cache is not None
    for document in documents:
        assert cache.entry_key(document, "k") == entry_key(document, "k") != entry_key(document, "other")
    edited = dataclasses.replace(documents[0], date="1999-01-01")
    assert cache.entry_key(edited, "k") != cache.entry_key(documents[0], "k")


@given(st.text(alphabet=st.sampled_from("ab 科\x00\x01\x08\t\n\r\x0b\x0c\x0e\x1a\x1b\x1c\x1f\x7f\udc80"), max_size=60))
def test_control_characters_are_counted_as_the_regex_counts_them(text: str) -> None:
    assert _control_count(text) == len(_CONTROL.findall(text))


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_decode_reads_newlines_as_text_mode_does(newline: bytes) -> None:
    data = b"line one" + newline + "第二行".encode() + newline
    assert decode(data) == "line one\n第二行\n"
    assert decode(b"\xef\xbb\xbf" + data) == "line one\n第二行\n"
    assert decode("\ufeffline\r\nx".encode("utf-16")) == "line\nx"


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, (1 << 20) + 3, 3 * (1 << 20)])
def test_files_are_read_whole(tmp_path: Path, size: int) -> None:
    data = bytes(re.sub(rb"[^a-z]", b"x", os.urandom(size)))
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    assert _read_regular_file(path) == data
