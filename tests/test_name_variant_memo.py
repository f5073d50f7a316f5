"""name-variant's corpus memo and its --focus shortcut: the findings are always those of a run without either.

The corpus memo keeps the sums of every document's names and the comparisons made; a run where a few
documents changed updates it document by document. These tests edit, add and remove documents in many
random orders and compare each run with and without the memo, and each focus run with the full run's
findings turned to the focus.
"""

from __future__ import annotations

import os
import random
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.cache import CheckMemo, ClaimCache
from factcheck.checks import name_variant
from factcheck.checks.base import CheckContext
from factcheck.engine import focus_findings
from factcheck.index import build_index
from factcheck.knowledge import Knowledge, NameSpec
from factcheck.load import document_from_text
from factcheck.model import Finding, Severity
from factcheck.rules.model import Rule

RULE = Rule("name-variant", "name-variant", "name-variant", Severity.WARNING, "")
KNOWLEDGE = Knowledge(
    names=(NameSpec("Hong Kong Science Park", ("Hongkong Science Park",)),),
    distinct=(("Kowloon Bay", "Kowloon Tong"),),
)
INDEX = build_index((), KNOWLEDGE)
#: Sentences a document is made of: established names, their variants (a few spelling pairs, a missing
#: connector, a listed variant), and look-alikes that are never variants (contrasts, plurals, distinct pairs).
SENTENCES = (
    "Tseung Kwan O hosts the Advanced Manufacturing Centre.",
    "The Tsang Kwan O site is the largest.",
    "Tenants at Tseung Kwan O grew in number.",
    "Visitors came to the Advanced Manufacturing Center in May.",
    "Cyberport Innovation Hub opened a new wing.",
    "The Cyberport Inovation Hub was busy.",
    "Kowloon East and Kowloon West both grew.",
    "Hongkong Science Park held a fair.",
    "Hong Kong Science Park held a fair.",
    "The Innovation and Technology Commission funded it.",
    "Innovation Technology Commission staff agreed.",
    "Dr Sunny Chai spoke at Kowloon Bay.",
    "Dr Sunny Chaii spoke at Kowloon Tong.",
    "Science Parks across Asia grew, said Dr Sunny Chai.",
    "Tseung Kwan O and Tseung Kwan O Industrial Estate are near.",
    "The Tseung Kwan 0 Industrial Estate is new.",
)


def text_of(rng: random.Random) -> str:
    return "\n".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6))) + "\n"


def context(texts: dict[str, str], memo: CheckMemo | None, focus: set[str] | None = None) -> CheckContext:
    documents = {path: document_from_text(text, path, "text", None) for path, text in texts.items()}
    return CheckContext(
        documents=documents,
        claims=(),
        claims_by_path={},
        index=INDEX,
        knowledge=KNOWLEDGE,
        memo=memo,
        focus=frozenset(focus) if focus is not None else None,
    )


def findings(texts: dict[str, str], memo: CheckMemo | None = None, focus: set[str] | None = None) -> list[Finding]:
    found = list(name_variant.check(RULE, context(texts, memo, focus)))
    if focus is not None:
        return focus_findings(found, focus)
    return sorted(found, key=Finding.sort_key)


@pytest.fixture
def sums(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many documents each full sum of a run with a cache read (it had no usable corpus memo)."""
    calls: list[int] = []
    full_sum = name_variant._Names._sum

    def counted(self: name_variant._Names, selected: list[object]) -> None:
        if self.ctx.memo is not None:
            calls.append(len(selected))
        full_sum(self, selected)  # type: ignore[arg-type]

    monkeypatch.setattr(name_variant._Names, "_sum", counted)
    return calls


def edits(seed: int, steps: int) -> Iterator[tuple[dict[str, str], str]]:
    """A corpus of a dozen documents, then ``steps`` edits: (the corpus after, the path touched)."""
    rng = random.Random(seed)
    texts = {f"doc{number:02d}.txt": text_of(rng) for number in range(12)}
    yield dict(texts), "doc00.txt"
    for _ in range(steps):
        action = rng.random()
        path = rng.choice(sorted(texts))
        if action < 0.15 and len(texts) > 2:
            del texts[path]  # removed
        elif action < 0.3:
            path = f"doc{rng.randint(0, 30):02d}.txt"  # added (or replaced)
            texts[path] = text_of(rng)
        elif action < 0.5:
            texts[path] += rng.choice(SENTENCES) + "\n"  # a sentence appended
        elif action < 0.6:
            texts[path] = texts[path].replace("\n", " Nothing new.\n", 1)  # names unchanged, text changed
        else:
            texts[path] = text_of(rng)  # rewritten
        yield dict(texts), path


@pytest.mark.parametrize("seed", range(6))
def test_updated_memo_finds_what_a_run_without_it_finds(tmp_path: Path, seed: int, sums: list[int]) -> None:
    memo = CheckMemo(ClaimCache(tmp_path / "cache"))
    reported = 0
    for step, (texts, touched) in enumerate(edits(seed, 25)):
        expected = findings(texts)
        reported += len(expected)
        if step % 3 == 1:  # a pre-commit run first: it updates the memo too
            focus = {touched} if touched in texts else {min(texts)}
            assert findings(texts, memo, focus) == focus_findings(expected, focus), (seed, step)
        assert findings(texts, memo) == expected, (seed, step)
    assert reported > 100  # the corpora have variants to find
    assert sums == [12]  # the first run sums every document; later ones update the memo


def test_the_findings_are_the_expected_ones(tmp_path: Path) -> None:
    texts = {
        "a.txt": "Tseung Kwan O hosts the Advanced Manufacturing Centre.\nTenants at Tseung Kwan O grew.\n",
        "b.txt": "Tseung Kwan O is near.\nThe Advanced Manufacturing Centre opened.\n",
        "c.txt": "The Tsang Kwan O site is the largest.\nVisitors came to the Advanced Manufacturing Center.\n",
        "d.txt": "Hongkong Science Park held a fair.\n",
    }
    memo = CheckMemo(ClaimCache(tmp_path))
    expected = findings(texts)
    assert [(f.location.path, f.location.start, f.location.text) for f in expected] == [
        ("c.txt", 4, "Tsang Kwan O"),
        ("c.txt", 59, "Advanced Manufacturing Center"),
        ("d.txt", 0, "Hongkong Science Park"),
    ]
    assert [r.location.path for f in expected[:2] for r in f.related] == ["a.txt", "a.txt"]
    assert findings(texts, memo) == expected  # writes the memo
    assert findings(texts, memo) == expected  # reads it
    # The focus is where the preferred spelling is first written: the variants elsewhere are turned around.
    turned = findings(texts, memo, {"a.txt"})
    assert [(f.location.path, f.location.text) for f in turned] == [
        ("a.txt", "Tseung Kwan O"),
        ("a.txt", "Advanced Manufacturing Centre"),
    ]
    assert turned == findings(texts, None, {"a.txt"}) == focus_findings(expected, {"a.txt"})
    assert findings(texts, None, {"b.txt"}) == []


def test_a_damaged_or_foreign_corpus_memo_is_ignored(tmp_path: Path, sums: list[int]) -> None:
    cache = ClaimCache(tmp_path)
    rng = random.Random(11)
    texts = {f"doc{number}.txt": text_of(rng) for number in range(12)}
    expected = findings(texts)
    assert len(expected) >= 5
    names = name_variant._Names(RULE, context(texts, CheckMemo(cache)))
    names.collect()
    key = names.corpus_key
    assert findings(texts, CheckMemo(cache)) == expected
    entry = cache.memos / key[:2] / f"{key}.json"
    stored = cache.get_memo(key)
    assert sorted(stored) == ["best", "blocks", "documents", "kept", "names"]
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])  # truncated
    sums.clear()
    assert findings(texts, CheckMemo(cache)) == expected
    assert sums == [len(texts)]  # summed again, and stored again
    rebuilt = cache.get_memo(key)
    assert rebuilt.pop("kept") >= stored.pop("kept")
    assert rebuilt == stored
    for foreign in ({"documents": 5}, [1, 2], {"documents": [], "names": {"A B": "x"}, "blocks": {}, "best": {}}):
        cache.put_memo(key, foreign)  # a well-formed entry of another shape
        assert findings(texts, CheckMemo(cache)) == expected
    sums.clear()
    assert findings(texts, CheckMemo(cache)) == expected
    assert sums == []


def test_a_pruned_document_memo_means_summing_again(tmp_path: Path, sums: list[int]) -> None:
    cache = ClaimCache(tmp_path)
    rng = random.Random(11)
    texts = {f"doc{number}.txt": text_of(rng) for number in range(12)}
    findings(texts, CheckMemo(cache))
    memo = CheckMemo(cache)
    old_key = memo.key(
        context(texts, memo).documents["doc1.txt"], name_variant.NAME, str(name_variant._MEMO_VERSION), _digest(texts)
    )
    (cache.memos / old_key[:2] / f"{old_key}.json").unlink()  # pruned: its names cannot be subtracted
    texts["doc1.txt"] = "The Tseung Kwan O site is the largest.\n"
    sums.clear()
    assert findings(texts, CheckMemo(cache)) == findings(texts)
    assert sums == [len(texts)]


def _digest(texts: dict[str, str]) -> str:
    return name_variant._Names(RULE, context(texts, None)).digest


def test_many_changes_are_summed_again_with_the_same_findings(
    tmp_path: Path, sums: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(name_variant, "_MAX_CHANGED", 2)
    monkeypatch.setattr(name_variant, "_MAX_CHANGED_SHARE", 0.0)
    memo = CheckMemo(ClaimCache(tmp_path))
    rng = random.Random(7)
    texts = {f"doc{number:02d}.txt": text_of(rng) for number in range(10)}
    assert findings(texts, memo) == findings(texts)
    for path in ("doc03.txt", "doc05.txt"):
        texts[path] = text_of(rng)
    sums.clear()
    assert findings(texts, memo) == findings(texts)
    assert sums == []  # two documents changed: updated
    for path in ("doc01.txt", "doc02.txt", "doc08.txt"):
        texts[path] = text_of(rng)
    sums.clear()
    assert findings(texts, memo) == findings(texts)
    assert sums == [10]  # three changed: more than allowed


def test_an_edit_of_the_first_document_refills_the_kept_places(tmp_path: Path, sums: list[int]) -> None:
    """A common name's first places are kept; when they go, the next ones are read from the other documents."""
    memo = CheckMemo(ClaimCache(tmp_path))
    texts = {f"doc{number}.txt": "Tseung Kwan O is here. Tseung Kwan O again.\n" for number in range(5)}
    texts["doc5.txt"] = "The Tsang Kwan O site.\n"
    findings(texts, memo)
    texts["doc0.txt"] = "Nothing to see.\n"  # held two of the three kept places of Tseung Kwan O
    sums.clear()
    [variant] = findings(texts, memo)
    assert sums == []
    assert (variant.location.path, variant.location.text) == ("doc5.txt", "Tsang Kwan O")
    assert [(r.location.path, r.location.start) for r in variant.related] == [("doc1.txt", 0)]
    assert [variant] == findings(texts)
    del texts["doc1.txt"]
    assert findings(texts, memo) == findings(texts)
    assert [r.location.path for f in findings(texts, memo) for r in f.related] == ["doc2.txt"]
    assert sums == []


def test_focus_runs_compare_only_what_can_touch_the_focus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    texts = {f"doc{number:02d}.txt": text_of(rng) for number in range(30)}
    full = findings(texts)
    compared: list[str] = []
    best = name_variant._Names._best

    def counted(self: name_variant._Names, written: str, count: int, established: object) -> object:
        compared.append(written)
        return best(self, written, count, established)  # type: ignore[arg-type]

    monkeypatch.setattr(name_variant._Names, "_best", counted)
    findings(texts)
    everything = len(compared)
    for path in sorted(texts)[-5:]:
        compared.clear()
        assert findings(texts, None, {path}) == focus_findings(full, {path})
        assert len(compared) <= everything
    memo = CheckMemo(ClaimCache(tmp_path))
    findings(texts, memo)
    compared.clear()
    assert findings(texts, memo, {"doc29.txt"}) == focus_findings(full, {"doc29.txt"})
    assert findings(texts, memo) == full
    assert compared == []  # every comparison was remembered


@pytest.mark.parametrize("seed", range(3))
def test_established_names_keep_the_order_of_a_full_sum(seed: int) -> None:
    """The closest of equally close names is the first one summed; the memo keeps that order by first use."""
    rng = random.Random(seed)
    texts = {f"doc{number:02d}.txt": text_of(rng) for number in range(1, 20)}
    names = name_variant._Names(RULE, context(texts, None))
    names.collect()
    established = [name for names_ in names._established().values() for name, _ in names_]
    summed = [name for name in names.counts if name in established]
    assert sorted(summed, key=lambda name: names.occurrences[name][0]) == summed
    assert len(summed) >= 5


def test_the_documents_memos_are_marked_as_used_once_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs served by the corpus memo do not read the documents' memos; pruning must not take them."""
    cache = ClaimCache(tmp_path)
    rng = random.Random(5)
    texts = {f"doc{number}.txt": text_of(rng) for number in range(6)}
    expected = findings(texts, CheckMemo(cache))
    memos = sorted(cache.memos.rglob("*.json"))
    assert len(memos) == 7  # six documents and the corpus

    def age(days: float) -> None:
        for path in memos:
            os.utime(path, (time.time() - days * 86400, time.time() - days * 86400))

    def oldest() -> float:
        return (time.time() - min(path.stat().st_mtime for path in memos)) / 86400

    age(10)
    assert findings(texts, CheckMemo(cache)) == expected
    assert oldest() > 9  # marked less than a day ago: nothing to do
    later = time.time() + 2 * 86400
    monkeypatch.setattr(name_variant, "time", types.SimpleNamespace(time=lambda: later))
    assert findings(texts, CheckMemo(cache)) == expected
    assert oldest() < 1
    age(10)
    assert findings(texts, CheckMemo(cache)) == expected
    assert oldest() > 9
