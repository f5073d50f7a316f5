"""Check memos in the claim cache: a warm run re-checks only what changed and reports the same findings."""

from __future__ import annotations

import io
import json
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.cache import CheckMemo, ClaimCache, finding_from_json, finding_to_json
from factcheck.checks import CHECKS, name_variant
from factcheck.checks.base import CheckContext, rule_digest
from factcheck.cli import main
from factcheck.model import Finding, Location, RelatedLocation, Severity
from factcheck.rules.model import Rule

DOCUMENTS = {
    "a.txt": (
        "The Tseung Kwan O campus opened in 2019.\n"
        "Funding reached HK$46 bilion, a total of projects not yet counted.\n"
        "The park celebrated its 25thth anniversary.\n"
    ),
    "b.txt": (
        "Tseung Kwan O hosts the Advanced Manufacturing Centre.\n"
        "Tenants at Tseung Kwan O grew to 14,0000 staff in the 1&T sector.\n"
    ),
    "c.txt": "A new plant at Tseung Kwan O will open next year.\n",
    "d.txt": "The Tsang Kwan O site is the largest.\n",
}
DOCUMENT_SCOPED = ("blank-figure", "magnitude-typo", "malformed-number", "ocr-artifact")


def run(*argv: str) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--format", "json", "--fail-on", "never", *argv], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    report: dict[str, Any] = json.loads(out.getvalue())
    return report


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.yaml").write_text("paths: [docs/]\nrules: [rules.yaml]\n", "utf-8")
    (tmp_path / "rules.yaml").write_text(
        "rules:\n"
        "  - id: scale-typo-strict\n"
        "    check: magnitude-typo\n"
        "    category: magnitude-typo\n"
        "    severity: info\n"
        "    params: {scale_words: [million]}\n",
        "utf-8",
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in DOCUMENTS.items():
        (docs / name).write_text(text, "utf-8")
    return tmp_path


def spans(report: dict[str, Any], rule: str) -> list[tuple[str, str]]:
    return [(f["location"]["path"], f["location"]["text"]) for f in report["findings"] if f["rule"] == rule]


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The documents each document-scoped check and name-variant's per-document scan actually read."""
    seen: dict[str, list[str]] = {}
    for name in DOCUMENT_SCOPED:
        module = CHECKS[name]

        def check(rule: Rule, ctx: CheckContext, module: Any = module) -> Iterator[Finding]:
            seen.setdefault(rule.id, []).extend(sorted(ctx.documents))
            return module.check(rule, ctx)  # type: ignore[no-any-return]

        wrapper = types.SimpleNamespace(
            NAME=module.NAME, DESCRIPTION=module.DESCRIPTION, PARAMS=module.PARAMS, SCOPE="document", check=check
        )
        monkeypatch.setitem(CHECKS, name, wrapper)
    scan = name_variant._Names._scan

    def counted(self: name_variant._Names, text: str) -> list[tuple[str, int, list[int]]]:
        seen.setdefault("name-variant", []).append(text.split("\n")[0])
        return scan(self, text)

    monkeypatch.setattr(name_variant._Names, "_scan", counted)
    return seen


def test_warm_cold_and_uncached_runs_report_the_same(corpus: Path) -> None:
    cold = run()
    assert (corpus / ".factcheck_cache" / "memos").is_dir()
    warm = run()
    uncached = run("--no-cache")
    assert warm == cold == uncached
    assert spans(cold, "blank-figure") == [("docs/a.txt", "a total of")]
    assert spans(cold, "magnitude-typo") == [("docs/a.txt", "bilion")]
    assert spans(cold, "malformed-number") == [("docs/a.txt", "25thth"), ("docs/b.txt", "14,0000")]
    assert spans(cold, "ocr-artifact") == [("docs/b.txt", "1&T")]
    assert spans(cold, "name-variant") == [("docs/d.txt", "Tsang Kwan O")]
    [variant] = [f for f in cold["findings"] if f["rule"] == "name-variant"]
    assert variant["related"][0]["path"] == "docs/a.txt"
    assert (variant["location"]["start"], variant["location"]["end"]) == (4, 16)


def test_a_warm_run_rechecks_only_the_edited_document(corpus: Path, scanned: dict[str, list[str]]) -> None:
    cold = run()
    assert scanned["blank-figure"] == ["docs/a.txt", "docs/b.txt", "docs/c.txt", "docs/d.txt"]
    assert len(scanned["name-variant"]) == 4
    scanned.clear()
    assert run() == cold
    assert scanned == {}  # nothing changed: every document's work came from the memos
    (corpus / "docs" / "c.txt").write_text("A new plant at Tseung Kwan O will open in 2026.\n", "utf-8")
    edited = run()
    for rule in (*DOCUMENT_SCOPED, "scale-typo-strict"):
        assert scanned[rule] == ["docs/c.txt"], rule
    assert scanned["name-variant"] == ["A new plant at Tseung Kwan O will open in 2026."]
    assert spans(edited, "name-variant") == spans(cold, "name-variant")
    scanned.clear()
    assert run("--focus", "docs/c.txt") == run("--focus", "docs/c.txt", "--no-cache")


def test_a_damaged_memo_is_ignored_and_rebuilt(corpus: Path) -> None:
    cold = run()
    memos = sorted((corpus / ".factcheck_cache" / "memos").rglob("*.json"))
    assert len(memos) >= 4 * (len(DOCUMENT_SCOPED) + 2)  # 4 documents x (scoped rules + strict rule + names)
    for path in memos:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])  # truncated, as by a crash or a full disk
    assert run() == cold
    rebuilt = sorted((corpus / ".factcheck_cache" / "memos").rglob("*.json"))
    assert rebuilt == memos
    assert all(json.loads(path.read_bytes().partition(b"\n")[0])["key"] == path.stem for path in rebuilt)
    assert run() == cold


def test_changing_a_rules_params_invalidates_its_memos(corpus: Path) -> None:
    assert spans(run(), "scale-typo-strict") == []  # only "million" is a scale word for this rule
    rules = corpus / "rules.yaml"
    rules.write_text(rules.read_text("utf-8").replace("[million]", "[billion]"), "utf-8")
    assert spans(run(), "scale-typo-strict") == [("docs/a.txt", "bilion")]


def test_a_memo_key_depends_on_the_document_and_the_rule(tmp_path: Path) -> None:
    from factcheck.load import document_from_text

    memo = CheckMemo(ClaimCache(tmp_path))
    rule = Rule("r", "magnitude-typo", "magnitude-typo", Severity.ERROR, "", params={"threshold": 85})
    stricter = Rule("r", "magnitude-typo", "magnitude-typo", Severity.ERROR, "", params={"threshold": 90})
    described = Rule(
        "r", "magnitude-typo", "magnitude-typo", Severity.ERROR, "", "a new description", {"threshold": 85}
    )
    a = document_from_text("HK$46 bilion.\n", "a.txt", "text", None)
    edited = document_from_text("HK$47 bilion.\n", "a.txt", "text", None)
    moved = document_from_text("HK$46 bilion.\n", "b.txt", "text", None)
    key = memo.key(a, rule_digest(rule))
    assert key == memo.key(a, rule_digest(described))  # the description does not change findings
    assert (
        len(
            {
                key,
                memo.key(a, rule_digest(stricter)),
                memo.key(edited, rule_digest(rule)),
                memo.key(moved, rule_digest(rule)),
            }
        )
        == 4
    )
    assert memo.get(key) is None
    memo.put(key, [1, [2, "x"]])
    assert memo.get(key) == [1, [2, "x"]]


def test_findings_round_trip_through_json() -> None:
    here = Location("a.txt", 1, 5, 1, 17, 4, 16, "Tsang Kwan O")
    there = Location("b.txt", 2, 1, 2, 14, 20, 33, "Tseung Kwan O")
    finding = Finding(
        "name-variant",
        "name-variant",
        Severity.WARNING,
        "'Tsang Kwan O' ...",
        here,
        (RelatedLocation(there, "x"),),
        ("a.txt#1",),
    )
    assert finding_from_json(json.loads(json.dumps(finding_to_json(finding)))) == finding


def test_findings_cut_short_by_a_time_budget_are_not_memoised(corpus: Path, scanned: dict[str, list[str]]) -> None:
    rules = corpus / "rules.yaml"
    rules.write_text(
        rules.read_text("utf-8") + "  - id: ocr-no-time\n"
        "    check: ocr-artifact\n"
        "    category: ocr-artifact\n"
        "    severity: info\n"
        "    params: {budget_seconds: 0, substitutions: [{find: '1&T', means: 'I&T'}]}\n",
        "utf-8",
    )
    first = run()
    assert spans(first, "ocr-no-time") == []  # the budget ran out before the first match
    scanned.clear()
    assert run() == first
    assert scanned == {"ocr-no-time": ["docs/a.txt", "docs/b.txt", "docs/c.txt", "docs/d.txt"]}
