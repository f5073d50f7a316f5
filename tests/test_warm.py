"""Warm runs: the run memo, near-linear cross-document checks, the fast JSON writer, focus runs.

A warm run must report exactly what a cold run reports; the conflict checks must flag exactly the
claims the pairwise definition flags, once each; the JSON writer must write json.dumps's bytes.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import generate_corpus
from factcheck import engine, worker
from factcheck.checks.alignment import claim_order, claim_period, interval, widen
from factcheck.config import load_config
from factcheck.engine import _RUN_MEMO_KEY, RunOptions, collect, focus_findings
from factcheck.index import periods_close
from factcheck.knowledge import Knowledge
from factcheck.model import Claim, Document, Finding, Location, Problem, RelatedLocation, Report, Severity
from factcheck.report import json_format
from factcheck.report.json_format import dumps_indented
from tests.cli_support import run
from tests.xdoc_support import Corpus

# -- the conflict checks: each claim flagged once, exactly the claims the pairwise definition flags ----------

_FIGURES = [
    ("over 2,000", 2000, "over"),
    ("around 900", 900, "about"),
    ("1,450", 1450, "exact"),
    ("2,046", 2046, "exact"),
]
_DATES = ["2024-03-14", "2023-06-30", "2024-05-02", "2024", None]


def _corpus(seed: int, documents: int = 40) -> Corpus:
    """Documents stating one fact (Northbridge Innovation Park's tech companies) with a few figures and dates."""
    chooser = random.Random(seed)
    corpus = Corpus()
    for number in range(documents):
        sentences = [chooser.choice(_FIGURES) for _ in range(chooser.randint(1, 2))]
        date = chooser.choice(_DATES)
        text = "".join(
            f"Northbridge Innovation Park is home to {written} tech companies. " for written, _, _ in sentences
        )
        doc = corpus.doc(f"d{number:02}.txt", f"NORTHBRIDGE - {text}\n", date=date)
        for occurrence, (written, value, qualifier) in enumerate(sentences, start=1):
            doc.claim(
                written,
                value,
                occurrence=sum(1 for other, _, _ in sentences[:occurrence] if other == written),
                qualifier=qualifier,
                entity="Northbridge Innovation Park",
                metric="tech companies",
                as_of=True if date else None,
            )
    return corpus


def _disagree(first: Claim, second: Claim) -> bool:
    a, b = interval(first), interval(second)
    assert a is not None and b is not None
    a, b = widen(a, 0.0), widen(b, 0.0)
    same_place = first.path == second.path and first.location.start == second.location.start
    return not same_place and (a[1] < b[0] or b[1] < a[0])


def _same_period(first: Claim, second: Claim) -> bool:
    one, other = claim_period(first), claim_period(second)
    if one is None or other is None:
        return first.path == second.path
    return periods_close(one, other, 0)


@pytest.mark.parametrize("seed", range(6))
def test_figure_conflict_flags_exactly_the_later_side_of_every_disagreeing_pair_once(seed: int) -> None:
    corpus = _corpus(seed)
    pairs = [
        tuple(sorted((first, second), key=claim_order))
        for first, second in itertools.combinations(corpus.claims, 2)
        if _same_period(first, second) and _disagree(first, second)
    ]
    assert pairs, "the corpus has conflicts"
    expected = {later.id: {earlier.id for earlier, other in pairs if other is later} for _, later in pairs}
    findings = corpus.run("figure-conflict")
    flagged = [finding.claims[0] for finding in findings]
    assert sorted(flagged) == sorted(expected)  # each flagged claim once: no finding per pair
    by_id = {claim.id: claim for claim in corpus.claims}
    for finding in findings:
        claim, others = finding.claims[0], finding.claims[1:]
        assert finding.location == by_id[claim].location
        assert set(others) <= expected[claim]
        # One other side per figure (interval, period) the claim disagrees with, each the first of its figure.
        figures = {(interval(by_id[other]), claim_period(by_id[other])) for other in expected[claim]}
        assert len(others) == len(figures)
        for other in others:
            same = [
                earlier
                for earlier in sorted(expected[claim], key=lambda item: claim_order(by_id[item]))
                if (interval(by_id[earlier]), claim_period(by_id[earlier]))
                == (interval(by_id[other]), claim_period(by_id[other]))
            ]
            assert same[0] == other
        assert [related.location for related in finding.related] == [by_id[other].location for other in others]
        assert by_id[others[0]].path in finding.message  # the message names the first other side


@pytest.mark.parametrize("seed", range(4))
def test_figure_undated_conflict_flags_exactly_the_undated_anchors(seed: int) -> None:
    corpus = _corpus(seed)
    anchors: dict[str, set[str]] = {}
    for first, second in itertools.combinations(sorted(corpus.claims, key=claim_order), 2):
        if first.path == second.path or not _disagree(first, second):
            continue
        if claim_period(first) is None and claim_period(second) is None:
            anchors.setdefault(second.id, set()).add(first.id)  # both undated: the later one
        elif claim_period(first) is None:
            anchors.setdefault(first.id, set()).add(second.id)
        elif claim_period(second) is None:
            anchors.setdefault(second.id, set()).add(first.id)
    findings = corpus.run("figure-undated-conflict")
    assert sorted(finding.claims[0] for finding in findings) == sorted(anchors)
    for finding in findings:
        assert set(finding.claims[1:]) <= anchors[finding.claims[0]]


def test_three_hundred_claims_of_two_figures_make_one_finding_per_minority_claim_not_per_pair() -> None:
    corpus = Corpus()
    for number in range(300):
        written, value, qualifier = _FIGURES[0] if number % 3 else _FIGURES[1]
        doc = corpus.doc(
            f"d{number:03}.txt",
            f"NORTHBRIDGE - Northbridge Innovation Park is home to {written} tech companies.\n",
            date="2024-03-14",
        )
        doc.claim(written, value, qualifier=qualifier, entity="Northbridge Innovation Park", metric="tech companies")
    findings = corpus.run("figure-conflict")
    assert len(findings) == 299  # every claim but the first disagrees with an earlier one: 20,000 pairs
    assert all(len(finding.related) == 1 for finding in findings)
    first = findings[0]
    assert (first.location.path, first.location.text) == ("d001.txt", "over 2,000")
    assert first.related[0].location.path == "d000.txt"


# -- the JSON writer -----------------------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=5), children, max_size=4)
        | st.tuples(children, children)
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_the_indented_writer_writes_json_dumps_bytes(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_the_indented_writer_handles_keys_json_dumps_converts() -> None:
    value = {1: "one", 2.5: [], None: {}, False: ["\u2028", "\ud800"], "é": float("nan")}
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


_TEXT = st.text(max_size=12)
_LOCATION = st.builds(
    Location,
    _TEXT,
    st.integers(1, 9),
    st.integers(1, 99),
    st.integers(1, 9),
    st.integers(1, 99),
    st.integers(0, 999),
    st.integers(0, 999),
    _TEXT,
)
_FINDING = st.builds(
    Finding,
    _TEXT,
    _TEXT,
    st.sampled_from(list(Severity)),
    _TEXT,
    _LOCATION,
    st.lists(st.builds(RelatedLocation, _LOCATION, _TEXT), max_size=3).map(tuple),
    st.lists(_TEXT, max_size=3).map(tuple),
    _TEXT,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_FINDING, max_size=4))
def test_the_json_report_is_json_dumps_of_its_data(findings: list[Finding]) -> None:
    report = Report(documents=(), claims=(), findings=tuple(findings), problems=(Problem("a\u00e9.txt", "binary"),))
    assert json_format.render(report) == json.dumps(json_format.check_json(report), ensure_ascii=False, indent=2) + "\n"


# -- warm runs on a generated corpus -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 documents of the benchmark corpus (each seed's figures, dates and names varied), with a config."""
    root = tmp_path_factory.mktemp("warm")
    generate_corpus(root / "corpus", 30, seed=3)
    rules = (Path(__file__).resolve().parents[1] / "rules").as_posix()
    (root / "factcheck.yaml").write_text(f"paths: [corpus/]\nrules: [{rules}]\ndefault_currency: HKD\n", "utf-8")
    return root


def _check(root: Path, cache: Path | None, *extra: str) -> str:
    cache_options = ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    config = str(root / "factcheck.yaml")
    code, out, err = run("check", "--config", config, "--format", "json", "--fail-on", "never", *cache_options, *extra)
    assert code == 0, err
    return out


def test_a_warm_run_reports_exactly_what_a_cold_run_reports(generated: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    uncached = _check(generated, None)
    cold = _check(generated, cache)
    memo = next((cache / "memos").rglob(f"{_RUN_MEMO_KEY}.json"))
    assert memo.is_file()  # the run memo was written
    warm = _check(generated, cache)
    assert json.loads(uncached)["findings"], "the corpus has findings"
    assert cold == uncached
    assert warm == cold
    # A damaged run memo is ignored, and rewritten whole.
    memo.write_bytes(memo.read_bytes()[:-100])
    assert _check(generated, cache) == cold
    assert _check(generated, cache) == cold
    assert memo.is_file()


def test_a_run_memo_of_another_corpus_is_not_reused(generated: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "corpus").mkdir()
    for path in (generated / "corpus").iterdir():
        (root / "corpus" / path.name).write_bytes(path.read_bytes())
    (root / "factcheck.yaml").write_text((generated / "factcheck.yaml").read_text("utf-8"), "utf-8")
    cache = tmp_path / "cache"
    before = json.loads(_check(root, cache))
    edited = sorted((root / "corpus").iterdir())[0]
    edited.write_text(
        edited.read_text("utf-8") + "\nAs at end-May 2024, HKSTP hosted over 9 companies in total.\n", "utf-8"
    )
    after = _check(root, cache)
    assert after == _check(root, None)  # what a run without any cache reports
    assert json.loads(after)["findings"] != before["findings"]


def test_a_focus_run_reports_what_a_full_run_reports_of_the_focus_file(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(generated)
    cache = tmp_path / "cache"
    full = json.loads(_check(generated, cache))
    findings = [_finding(item) for item in full["findings"]]
    paths = sorted({finding.location.path for finding in findings if finding.rule == "figure-conflict"})
    assert paths
    for path in paths[:2] + paths[-2:]:
        focused = json.loads(_check(generated, cache, "--focus", path))
        expected = [finding.to_json() for finding in focus_findings(findings, {path})]
        assert focused["findings"] == expected
        assert any(item["rule"] == "figure-conflict" for item in focused["findings"])


def _location(data: dict[str, Any]) -> Location:
    return Location(**{key: value for key, value in data.items() if key != "note"})


def _finding(data: dict[str, Any]) -> Finding:
    """A finding of a JSON report read back."""
    return Finding(
        rule=data["rule"],
        category=data["category"],
        severity=Severity(data["severity"]),
        message=data["message"],
        location=_location(data["location"]),
        related=tuple(RelatedLocation(_location(item), item["note"]) for item in data["related"]),
        claims=tuple(data["claims"]),
        fingerprint=data["fingerprint"],
    )


def _edited_project(generated: Path, tmp_path: Path) -> Path:
    """A copy of the generated project whose claims are cached, then one document edited."""
    root = tmp_path / "project"
    shutil.copytree(generated / "corpus", root / "corpus")
    (root / "factcheck.yaml").write_text((generated / "factcheck.yaml").read_text("utf-8"), "utf-8")
    _check(root, tmp_path / "cache")
    edited = sorted((root / "corpus").iterdir())[5]
    edited.write_text(
        edited.read_text("utf-8") + "\nAs at end-June 2024, the park hosted over 1,234 companies.\n", "utf-8"
    )
    return root


def _claims(root: Path, cache: Path | None) -> tuple[tuple[Claim, ...], int]:
    options = RunOptions(cache_dir=cache, use_cache=cache is not None)
    corpus = collect(load_config(root / "factcheck.yaml"), options)
    return corpus.claims, corpus.cache_stats.misses if corpus.cache_stats else -1


def test_an_edited_document_extracted_in_a_second_process_gives_the_same_claims(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _edited_project(generated, tmp_path)
    monkeypatch.setattr(engine, "_ASIDE_MIN_CACHED", 1)  # the corpus is small: extract aside all the same
    started: list[int] = []
    real = engine._extract_aside

    def spy(documents: Sequence[Document], knowledge: Knowledge, cached: int, process: object = None) -> object:
        result = real(documents, knowledge, cached, process)  # type: ignore[arg-type]
        started.append(len(documents) if result is not None else 0)
        return result

    monkeypatch.setattr(engine, "_extract_aside", spy)
    claims, misses = _claims(root, tmp_path / "cache")
    assert started == [1] and misses == 1
    assert claims == _claims(root, None)[0]
    assert any("1,234" in claim.location.text for claim in claims)


def test_a_failing_second_process_only_costs_speed(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _edited_project(generated, tmp_path)
    monkeypatch.setattr(engine, "_ASIDE_MIN_CACHED", 1)

    def broken(tasks: int, results: int) -> None:
        raise RuntimeError("worker died")

    monkeypatch.setattr(worker, "_serve", broken)  # the forked child runs the patched function
    claims, _ = _claims(root, tmp_path / "cache")
    assert claims == _claims(root, None)[0]


# -- a run memo hit reads no claims; the findings' JSON text is kept beside the memo ------------------------------


def _report(root: Path, cache: Path) -> Report:
    return engine.run_check(load_config(root / "factcheck.yaml"), RunOptions(cache_dir=cache, fail_on="never"))


def test_a_run_memo_hit_reads_no_claims_and_every_format_matches_a_run_without_cache(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(generated)
    cache = tmp_path / "cache"
    html = tmp_path / "report.html"
    expected = {name: _check(generated, None, "--format", name) for name in ("text", "json", "sarif", "junit")}
    _check(generated, None, "--html", str(tmp_path / "cold.html"))
    cold = _report(generated, cache)  # writes the claims, the run memo
    warm = _report(generated, cache)
    assert isinstance(warm.claims, engine.DeferredClaims)
    assert warm.claims.counts and sum(warm.claims.counts.values()) == len(cold.claims) == len(warm.claims)
    assert warm.findings == cold.findings
    assert warm.claims == cold.claims  # read on first use: the same claims, in the same order
    assert [claim.id for claim in warm.claims][:3] == [claim.id for claim in cold.claims][:3]
    for name, output in expected.items():
        assert _check(generated, cache, "--format", name) == output, name
    _check(generated, cache, "--html", str(html))
    assert html.read_text("utf-8") == (tmp_path / "cold.html").read_text("utf-8")
    # The JSON report of a memo hit uses the stored findings text, and reads no claim entry.
    again = _report(generated, cache)
    assert again.metadata["findings_text"].findings is again.findings
    assert json_format.render(again) == expected["json"]
    assert isinstance(again.claims, engine.DeferredClaims) and again.claims._claims is None  # still unread
    assert again.metadata  # (a full run's metadata: claim keys and the findings text)


def test_a_damaged_or_foreign_findings_text_is_ignored_and_rewritten(generated: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = _check(generated, None)
    assert _check(generated, cache) == expected
    blob = next((cache / "memos").rglob(f"{engine._RUN_TEXT_KEY}.json"))
    blob.write_bytes(blob.read_bytes()[:-50])  # truncated: the checksum fails
    assert _check(generated, cache) == expected
    assert blob.is_file()  # rewritten
    # Whole, but written for other findings (another digest): not used.
    from factcheck.cache import ClaimCache

    ClaimCache(cache).put_blob(engine._RUN_TEXT_KEY, b"0" * 64 + b" 1 x\n[]")
    assert _check(generated, cache) == expected
    assert _check(generated, cache) == expected


def test_a_baselined_run_with_a_run_memo_hit_writes_only_the_new_findings(generated: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    baseline = tmp_path / "baseline.json"
    full = json.loads(_check(generated, cache))
    config = str(generated / "factcheck.yaml")
    code, _, err = run("baseline", "create", "--config", config, "--cache-dir", str(cache), "--output", str(baseline))
    assert code == 0, err
    data = json.loads(baseline.read_text("utf-8"))
    data["findings"] = data["findings"][1:]  # one finding is new
    baseline.write_text(json.dumps(data), "utf-8")
    expected = _check(generated, None, "--baseline", str(baseline))
    assert _check(generated, cache, "--baseline", str(baseline)) == expected
    assert len(json.loads(expected)["findings"]) == 1
    assert json.loads(expected)["findings"][0] in full["findings"]


def test_pruning_after_a_run_memo_hit_keeps_the_claims_it_did_not_read(generated: Path, tmp_path: Path) -> None:
    import os
    import time

    cache = tmp_path / "cache"
    expected = _check(generated, cache)
    entries = list((cache / "entries").rglob("*.json"))
    assert entries
    old = time.time() - 60 * 24 * 3600
    for path in [*entries, cache / "last-prune"]:
        os.utime(path, (old, old))
    assert _check(generated, cache) == expected  # a memo hit: prunes (a day since the last), keeps the claims
    assert all(path.is_file() for path in entries)
    assert time.time() - (cache / "last-prune").stat().st_mtime < 3600


@pytest.mark.parametrize("cwd", [None, "/tmp", "/", "/tmp/warm"])
@pytest.mark.parametrize(
    "path", ["a/b", "/tmp/x", "/tmp/warm/corpus/a.txt", ".", "/", "/tmp", "../x", "a/../b", "./a", "/tmp/warmer/a"]
)
def test_display_path_is_relpath_with_forward_slashes(path: str, cwd: str | None) -> None:
    import os

    from factcheck.load import display_path

    base = Path(cwd) if cwd is not None else Path.cwd()
    expected = Path(os.path.relpath(Path(path).absolute(), base.absolute())).as_posix()
    assert display_path(Path(path), Path(cwd) if cwd is not None else None) == expected


def test_a_focus_run_starts_extracting_the_edited_file_before_loading_the_corpus(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _edited_project(generated, tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setattr(engine, "_ASIDE_MIN_CACHED", 1)
    edited = sorted(Path("corpus").iterdir())[5]
    started: list[list[str]] = []
    real = engine._extract_aside

    def spy(documents: Sequence[Document], knowledge: Knowledge, cached: int, process: object = None) -> object:
        started.append([document.path for document in documents])
        return real(documents, knowledge, cached, process)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_extract_aside", spy)
    loads: list[int] = []
    real_load = engine.load_documents

    def counting_load(files: Sequence[Path], *args: Any) -> Any:
        loads.append(len(files))
        return real_load(files, *args)

    monkeypatch.setattr(engine, "load_documents", counting_load)
    expected = _check(root, None, "--focus", edited.as_posix())
    loads.clear()
    assert _check(root, tmp_path / "cache", "--focus", edited.as_posix()) == expected
    assert started == [[edited.as_posix()]]  # once, for the edited file, before the corpus was loaded:
    assert loads == [1, 30]
    assert "1,234" in expected
    monkeypatch.setattr(engine, "load_documents", real_load)
    config = load_config(root / "factcheck.yaml")
    corpus = collect(config, RunOptions(cache_dir=tmp_path / "cache", focus=(edited,)))
    assert corpus.claims == collect(config, RunOptions(use_cache=False)).claims


def test_an_early_extraction_of_a_file_that_changed_since_is_not_used(generated: Path, tmp_path: Path) -> None:
    from factcheck.cache import ClaimCache
    from factcheck.load import document_from_text

    root = _edited_project(generated, tmp_path)
    config = load_config(root / "factcheck.yaml")
    documents = collect(config, RunOptions(use_cache=False)).documents
    knowledge = collect(config, RunOptions(use_cache=False)).knowledge
    edited = documents[5]
    stale = document_from_text(edited.original.replace("1,234", "4,321"), edited.path, edited.format)
    early = engine._extract_aside([stale], knowledge, 1000)
    assert early is not None
    claims = engine.extract_all(documents, knowledge, ClaimCache(tmp_path / "other"), early=([stale], early))
    assert claims == collect(config, RunOptions(use_cache=False)).claims
    assert not any("4,321" in claim.location.text for claim in claims)


def test_the_benchmark_edit_is_new_each_time(tmp_path: Path) -> None:
    import re

    from benchmarks.incremental import change_one_document

    document = tmp_path / "a.txt"
    document.write_text("HKSTP is a hub for over 2,000 tech companies.\n", "utf-8")
    texts = []
    for _ in range(3):
        change_one_document(document)
        texts.append(document.read_text("utf-8"))
    added = re.findall(r"hosted over (\d,\d{3}) companies", texts[-1])
    assert len(added) == 3 and texts[0] != texts[1] != texts[2]
    assert texts[-1].startswith("HKSTP is a hub for over 2,000 tech companies.\n\nAs at end-June 2024")
