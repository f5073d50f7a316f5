"""The claim cache: lossless entries, keys, corruption, two processes at once, pruning, no spaCy when warm."""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.cache import (
    ClaimCache,
    DamagedEntry,
    claim_from_json,
    claim_to_json,
    decode_entry,
    encode_entry,
    entry_key,
)
from factcheck.config import Config, load_config
from factcheck.engine import RunOptions, collect, extract_all
from factcheck.knowledge import Entity, Knowledge, Metric
from factcheck.load import DocumentMeta, document_from_text
from factcheck.model import Claim, Document, Location
from factcheck.progress import terminal_progress

TEXT = "Northbridge, 3 March 2024 - The park hosts over 2,000 firms, of which around 900 are R&D firms.\n"


def sample_claims(path: str = "docs/a.txt") -> tuple[Claim, ...]:
    whole = Location(path, 1, 44, 1, 60, 43, 59, "over 2,000 firms")
    part = Location(path, 1, 71, 1, 81, 70, 80, "around 900")
    return (
        Claim(
            f"{path}#1",
            whole,
            "count",
            2000,
            2000.5,
            None,
            "over",
            entity="Northbridge Park",
            metric="firms",
            as_of="2024-03-03",
            flags=("total",),
            sentence_start=0,
            sentence_end=97,
        ),
        Claim(
            f"{path}#2",
            part,
            "count",
            900,
            810.0,
            990.0,
            "about",
            metric="r&d firms",
            as_of="2024-03-03",
            part_of=f"{path}#1",
            flags=("share", "joined"),
            sentence_start=0,
            sentence_end=97,
        ),
        Claim(
            f"{path}#3",
            Location(path, 1, 14, 1, 26, 13, 25, "3 March 2024"),
            "date",
            "2024-03-03",
            "2024-03-03",
            "2024-03-03",
            "exact",
            lang="en",
            base_value=1.5e-3,
            base_unit="meter ** 2",
        ),
    )


def test_claim_json_round_trip_is_lossless() -> None:
    for claim in sample_claims():
        data = json.loads(json.dumps(claim_to_json(claim)))
        again = claim_from_json(data)
        assert again == claim
        assert type(again.value) is type(claim.value) and type(again.lower) is type(claim.lower)
        assert isinstance(again.flags, tuple)


_numbers = st.one_of(st.none(), st.integers(-(10**18), 10**18), st.floats(allow_nan=False), st.text(max_size=10))


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(max_size=30),
    value=_numbers,
    lower=_numbers,
    upper=_numbers,
    flags=st.lists(st.text(max_size=8), max_size=3),
    part_of=st.one_of(st.none(), st.text(max_size=12)),
    offsets=st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)),
)
def test_claim_json_round_trip_of_arbitrary_values(
    text: str,
    value: float | int | str | None,
    lower: float | int | str | None,
    upper: float | int | str | None,
    flags: list[str],
    part_of: str | None,
    offsets: tuple[int, int],
) -> None:
    claim = Claim(
        "x#1",
        Location("x", 1, 1, 1, 2, 0, 1, text),
        "number",
        value,
        lower,
        upper,
        "exact",
        part_of=part_of,
        flags=tuple(flags),
        sentence_start=offsets[0],
        sentence_end=offsets[1],
    )
    key = "k" * 64
    [again] = decode_entry(encode_entry(key, [claim]), key)
    assert again == claim
    assert [type(again.value), type(again.lower), type(again.upper)] == [type(value), type(lower), type(upper)]


def document(text: str = TEXT, path: str = "docs/a.txt", **meta: str) -> Document:
    return document_from_text(text, path, "text", DocumentMeta(**meta))


def test_key_changes_with_everything_extraction_depends_on() -> None:
    knowledge = Knowledge()
    digest = knowledge.extraction_digest()
    base = entry_key(document(), digest)
    assert base == entry_key(document(), digest)
    variants = [
        entry_key(document(TEXT + "More."), digest),
        entry_key(document(path="docs/b.txt"), digest),  # claim ids contain the path
        entry_key(document(date="2023-01-01"), digest),
        entry_key(document(currency="USD"), digest),
        entry_key(document(lang="zh"), digest),
        entry_key(document_from_text(TEXT, "docs/a.txt", "markdown"), digest),
        entry_key(document(), Knowledge(entities=(Entity("Northbridge Park", ("Northbridge",)),)).extraction_digest()),
        entry_key(document(), Knowledge(metrics=(Metric("firms", ("companies",)),)).extraction_digest()),
        entry_key(document(), Knowledge(default_currency="HKD").extraction_digest()),
        entry_key(document(), Knowledge(about_tolerance=0.2).extraction_digest()),
    ]
    assert len({base, *variants}) == len(variants) + 1


def test_put_then_get(tmp_path: Path) -> None:
    cache = ClaimCache(tmp_path / "cache")
    key = entry_key(document(), Knowledge().extraction_digest())
    assert cache.get(key) is None
    cache.put(key, sample_claims())
    assert ClaimCache(tmp_path / "cache").get(key) == sample_claims()
    assert (tmp_path / "cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache.stats.hits, cache.stats.misses, cache.stats.written) == (0, 1, 1)


class Counting:
    """A BatchExtractor that records which documents it was asked to extract."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(
        self, documents: Sequence[Document], knowledge: Knowledge, progress: object
    ) -> Iterator[tuple[Claim, ...]]:
        for item in documents:
            self.seen.append(item.path)
            yield sample_claims(item.path)


def test_extract_all_extracts_only_what_the_cache_lacks(tmp_path: Path) -> None:
    documents = [document(path="a.txt"), document(path="b.txt"), document(TEXT + "New.", path="c.txt")]
    cache = ClaimCache(tmp_path)
    first = Counting()
    claims = extract_all(documents[:2], Knowledge(), cache, extractor=first)
    assert first.seen == ["a.txt", "b.txt"]
    second = Counting()
    again = extract_all(documents, Knowledge(), ClaimCache(tmp_path), extractor=second)
    assert second.seen == ["c.txt"]
    assert again[:6] == claims and [claim.id for claim in again[6:]] == ["c.txt#1", "c.txt#2", "c.txt#3"]
    third = Counting()
    extract_all(documents, Knowledge(default_currency="USD"), ClaimCache(tmp_path), extractor=third)
    assert third.seen == ["a.txt", "b.txt", "c.txt"]  # a changed rule pack invalidates every entry


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated mid-write (a crash, a full disk)
        lambda data: b"",
        lambda data: data.replace(b"2000", b"3000"),  # edited: the checksum no longer matches
        lambda data: b"\x00\xff garbage\n{]",
        lambda data: data.replace(b'"format":1', b'"format":99'),
    ],
)
def test_damaged_entry_is_ignored_and_rebuilt(tmp_path: Path, damage: object) -> None:
    documents = [document(path="a.txt")]
    extract_all(documents, Knowledge(), ClaimCache(tmp_path), extractor=Counting())
    [entry] = (tmp_path / "entries").rglob("*.json")
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    cache = ClaimCache(tmp_path)
    rebuild = Counting()
    claims = extract_all(documents, Knowledge(), cache, extractor=rebuild)
    assert rebuild.seen == ["a.txt"]
    assert claims == sample_claims("a.txt")
    assert (cache.stats.damaged, cache.stats.written) == (1, 1)
    assert ClaimCache(tmp_path).get(entry.stem) == sample_claims("a.txt")


def test_entry_under_another_key_is_rejected() -> None:
    data = encode_entry("a" * 64, sample_claims())
    with pytest.raises(DamagedEntry):
        decode_entry(data, "b" * 64)


def test_unwritable_cache_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n")
    cache = ClaimCache(blocker)
    claims = extract_all([document(path="a.txt")], Knowledge(), cache, extractor=Counting())
    assert claims == sample_claims("a.txt")
    assert cache.stats.write_errors == 1


def _hammer(directory: str, worker: int, rounds: int) -> tuple[int, int]:
    """Write and read the same entries as the other worker; return (hits, damaged)."""
    cache = ClaimCache(Path(directory))
    hits = 0
    for round_ in range(rounds):
        for number in range(8):
            path = f"doc{number}.txt"
            key = f"{number:064x}"
            if (round_ + worker + number) % 2:
                cache.put(key, sample_claims(path))
            found = cache.get(key)
            if found is not None:
                assert found == sample_claims(path)
                hits += 1
    return hits, cache.stats.damaged


def test_two_processes_at_once_never_corrupt_the_cache(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.starmap(_hammer, [(str(tmp_path), 0, 150), (str(tmp_path), 1, 150)])
    assert all(damaged == 0 for _, damaged in results)
    assert all(hits > 0 for hits, _ in results)
    cache = ClaimCache(tmp_path)
    for number in range(8):
        assert cache.get(f"{number:064x}") == sample_claims(f"doc{number}.txt")
    assert not [path for path in (tmp_path / "entries").rglob("*") if path.name.endswith(".tmp")]


def test_two_cli_runs_at_once_share_one_cache(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for number in range(30):
        (docs / f"d{number:02}.txt").write_text(f"Release {number}.\nThe park hosts {100 + number} firms.\n", "utf-8")
    command = [sys.executable, "-m", "factcheck", "check", "docs", "--format", "json", "--cache-dir", "cache"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    runs = [
        subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err.decode() for _, err in outputs]
    assert outputs[0][0] == outputs[1][0]
    warm = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=300, check=True)
    assert warm.stdout == outputs[0][0]
    assert len(list((tmp_path / "cache" / "entries").rglob("*.json"))) == 30


def test_prune_removes_unused_entries_then_the_oldest_beyond_the_size_cap(tmp_path: Path) -> None:
    cache = ClaimCache(tmp_path, max_age_days=30, max_bytes=10**9)
    now = time.time()
    for number, age_days in enumerate([0, 1, 10, 40, 400]):
        key = f"{number:064x}"
        cache.put(key, sample_claims())
        path = tmp_path / "entries" / key[:2] / f"{key}.json"
        os.utime(path, (now - age_days * 86400, now - age_days * 86400))
    stale_temporary = tmp_path / "entries" / "00" / ".leftover.json.tmp"
    stale_temporary.write_text("half")
    os.utime(stale_temporary, (now - 7200, now - 7200))
    assert cache.prune(now=now) == 3
    left = sorted(path.stem[-1] for path in (tmp_path / "entries").rglob("*.json"))
    assert left == ["0", "1", "2"]
    assert cache.prune(now=now + 60) == 0  # at most once a day
    size = (tmp_path / "entries" / "00" / f"{0:064x}.json").stat().st_size
    capped = ClaimCache(tmp_path, max_bytes=size)
    assert capped.prune(now=now + 60, force=True) == 2
    assert [path.stem[-1] for path in (tmp_path / "entries").rglob("*.json")] == ["0"]  # the most recently used


def test_no_cache_and_cache_dir_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    collect(Config(), RunOptions(paths=(Path("a.txt"),), use_cache=False))
    assert not (tmp_path / ".factcheck_cache").exists()
    corpus = collect(Config(), RunOptions(paths=(Path("a.txt"),), cache_dir=tmp_path / "elsewhere"))
    assert corpus.cache_stats is not None and corpus.cache_stats.written == 1
    assert (tmp_path / "elsewhere" / "entries").is_dir()
    assert not (tmp_path / ".factcheck_cache").exists()


def test_default_cache_is_beside_the_config_and_config_cache_dir_is_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    (project / "docs" / "sub").mkdir(parents=True)
    (project / "docs" / "a.txt").write_text(TEXT, "utf-8")
    (project / "factcheck.yaml").write_text("paths: [docs/]\n", "utf-8")
    monkeypatch.chdir(project / "docs" / "sub")
    config = load_config()
    collect(config, RunOptions())
    assert (project / ".factcheck_cache" / "entries").is_dir()
    (project / "factcheck.yaml").write_text("paths: [docs/]\ncache_dir: build/claims\n", "utf-8")
    collect(load_config(), RunOptions())
    assert (project / "build" / "claims" / "entries").is_dir()


RUN_AND_REPORT = """
import io, sys
from factcheck.cli import main
from factcheck.engine import collect, RunOptions
from factcheck.config import load_config
code = main(["claims", *sys.argv[1:]], stdout=io.StringIO(), stderr=io.StringIO())
spacy_loaded = "spacy" in sys.modules
stats = collect(load_config(), RunOptions()).cache_stats
print(code, stats.hits, stats.misses, spacy_loaded)
"""


def test_warm_run_does_not_import_spacy(tmp_path: Path) -> None:
    for number, seed in enumerate(sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))):
        (tmp_path / f"s{number}.txt").write_text(seed.read_text("utf-8"), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}

    def run(*options: str) -> list[str]:
        command = [sys.executable, "-c", RUN_AND_REPORT, *options]
        result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=300, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    # Cold: every document is extracted, which needs spaCy (the control for the assertion below).
    assert run() == ["0", "5", "0", "True"]  # the second, in-process collect() already hits
    # Warm: every document comes from the cache, and spaCy is never imported.
    assert run() == ["0", "5", "0", "False"]
    # --no-cache extracts again.
    assert run("--no-cache") == ["0", "5", "0", "True"]


MARKDOWN = "---\ndate: 2024-05-01\n---\n# Park news\n\nThe park hosts **over 2,000** firms ([source](https://x.org/2,000)).\n\n科技園有超過2,000家公司。\n"


@pytest.mark.parametrize(
    ("text", "fmt", "meta"),
    [
        (TEXT, "text", DocumentMeta()),
        (MARKDOWN, "markdown", DocumentMeta(currency="HKD")),
        ("<p>HK$350&nbsp;million</p>\r\n<p>第二段 20 週年</p>", "html", DocumentMeta(date="2021-02-24", lang="mixed")),
    ],
)
def test_loaded_documents_are_memoised_exactly(tmp_path: Path, text: str, fmt: str, meta: DocumentMeta) -> None:
    fresh = document_from_text(text, "docs/x", fmt, meta)
    first = ClaimCache(tmp_path)
    assert first.build_document(text, "docs/x", fmt, meta) == fresh
    second = ClaimCache(tmp_path)
    memo = second.build_document(text, "docs/x", fmt, meta)
    assert memo == fresh
    assert (second.stats.document_hits, second.stats.document_misses) == (1, 0)
    # The memo is keyed by the text, not the path: a copy elsewhere is served from it too, under its own path.
    assert second.build_document(text, "other/y", fmt, meta) == document_from_text(text, "other/y", fmt, meta)
    # Other metadata, another entry.
    other = DocumentMeta(date="1999-12-31")
    assert second.build_document(text, "docs/x", fmt, other) == document_from_text(text, "docs/x", fmt, other)
    assert second.stats.document_misses == 1
    # A file name that dates the document is part of the key: the memo never serves another file's date.
    dated = second.build_document(text, "docs/2020-01-31-x", fmt, meta)
    assert dated == document_from_text(text, "docs/2020-01-31-x", fmt, meta)
    assert second.stats.document_misses == 2


def test_damaged_document_memo_is_rebuilt(tmp_path: Path) -> None:
    ClaimCache(tmp_path).build_document(MARKDOWN, "a.md", "markdown", None)
    [entry] = (tmp_path / "documents").rglob("*.json")
    header, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    data["line_starts"] = [0, 4]  # consistent checksum, wrong content: still refused
    forged = json.dumps(data).encode()
    header_data = json.loads(header)
    header_data["sha256"] = hashlib.sha256(forged).hexdigest()
    entry.write_bytes(json.dumps(header_data).encode() + b"\n" + forged)
    cache = ClaimCache(tmp_path)
    assert cache.build_document(MARKDOWN, "a.md", "markdown", None) == document_from_text(MARKDOWN, "a.md", "markdown")
    assert (cache.stats.damaged, cache.stats.document_misses) == (1, 1)
    assert ClaimCache(tmp_path).build_document(MARKDOWN, "a.md", "markdown", None).line_starts[:2] == (0, 4)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_only_for_long_runs(tmp_path: Path) -> None:
    assert terminal_progress(io.StringIO()) is None
    stream = Terminal()
    progress = terminal_progress(stream)
    assert progress is not None
    for done in range(11):
        progress(done, 10)
    assert stream.getvalue() == ""  # 10 documents: no bar
    documents = [document(TEXT + f"Item {number}.", path=f"d{number}.txt") for number in range(25)]
    extract_all(documents, Knowledge(), ClaimCache(tmp_path), progress, extractor=extract_local_counting)
    drawn = stream.getvalue()
    assert drawn.startswith("\rextracting:") and "/25 [" in drawn
    assert drawn.endswith("\r") and drawn.rsplit("\r", 2)[1].strip() == ""  # leave=False: the bar is wiped at the end
    stream.truncate(0)
    extract_all(documents, Knowledge(), ClaimCache(tmp_path), progress, extractor=extract_local_counting)
    assert stream.getvalue() == ""  # all cached: nothing to extract, no bar


def extract_local_counting(
    documents: Sequence[Document], knowledge: Knowledge, progress: Callable[[int, int], None] | None
) -> Iterator[tuple[Claim, ...]]:
    for done, item in enumerate(documents, start=1):
        yield sample_claims(item.path)
        if progress is not None:
            progress(done, len(documents))
