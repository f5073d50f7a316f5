"""``check --focus``: the whole corpus is indexed, only findings touching the focus files are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.engine import focus_findings
from factcheck.model import Finding, Location, RelatedLocation, Severity
from tests import fakecheck
from tests.cli_support import run


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """docs/a.txt and docs/b.txt disagree on Budget; docs/c.txt agrees with a; notes/d.txt is outside paths."""
    monkeypatch.chdir(tmp_path)
    rules = fakecheck.install(monkeypatch, tmp_path)
    (tmp_path / "factcheck.yaml").write_text(f"paths: [docs/]\nrules: [{rules.name}]\n", "utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Annual figures of the park.\nBudget: 120\nStaff: 40\n", "utf-8")
    (docs / "b.txt").write_text("Revised figures.\nBudget: 150\n", "utf-8")
    (docs / "c.txt").write_text("Staff: 40\n", "utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "d.txt").write_text("Draft.\nStaff: 45\n", "utf-8")
    return tmp_path


def findings_of(out: str) -> list[dict[str, object]]:
    findings: list[dict[str, object]] = json.loads(out)["findings"]
    return findings


def test_full_run_reports_the_conflict_at_the_first_document(corpus: Path) -> None:
    code, out, _ = run("check", "--format", "json")
    assert code == 1
    [conflict] = findings_of(out)
    assert conflict["location"] == {
        "path": "docs/a.txt",
        "line": 2,
        "column": 9,
        "end_line": 2,
        "end_column": 12,
        "start": 36,
        "end": 39,
        "text": "120",
    }


def test_focus_on_the_primary_side_keeps_the_finding_as_it_is(corpus: Path) -> None:
    _, full, _ = run("check", "--format", "json")
    code, out, _ = run("check", "--focus", "docs/a.txt", "--format", "json")
    assert code == 1
    assert findings_of(out) == findings_of(full)


def test_focus_on_the_related_side_turns_the_finding_around(corpus: Path) -> None:
    _, full, _ = run("check", "--format", "json")
    code, out, _ = run("check", "--focus", "docs/b.txt", "--format", "json")
    assert code == 1
    [turned] = findings_of(out)
    [original] = findings_of(full)
    location = turned["location"]
    assert isinstance(location, dict)
    assert (location["path"], location["line"], location["column"], location["text"]) == ("docs/b.txt", 2, 9, "150")
    related = turned["related"]
    assert isinstance(related, list)
    assert [(item["path"], item["line"], item["text"]) for item in related] == [("docs/a.txt", 2, "120")]
    assert turned["message"] == f"docs/a.txt:2: {original['message']}"
    # Content-based fingerprints survive the turn, so a baseline made by CI still matches in the hook.
    assert turned["fingerprint"] == original["fingerprint"]


def test_focus_on_an_uninvolved_file_reports_nothing(corpus: Path) -> None:
    code, out, err = run("check", "--focus", "docs/c.txt", "--format", "json")
    assert code == 0
    assert findings_of(out) == []
    assert "0 errors" in err


def test_focus_file_outside_the_configured_paths_is_loaded_and_checked(corpus: Path) -> None:
    code, out, _ = run("check", "--focus", "notes/d.txt", "--format", "json")
    assert code == 1
    findings = findings_of(out)
    # Staff: 45 in notes/d.txt conflicts with both docs/a.txt and docs/c.txt (unchanged files).
    assert sorted((f["location"]["path"], f["related"][0]["path"]) for f in findings) == [  # type: ignore[index]
        ("notes/d.txt", "docs/a.txt"),
        ("notes/d.txt", "docs/c.txt"),
    ]
    documents = [document["path"] for document in json.loads(out)["documents"]]
    assert documents == ["docs/a.txt", "docs/b.txt", "docs/c.txt", "notes/d.txt"]


def test_focus_flag_without_files_takes_the_paths_as_focus_files(corpus: Path) -> None:
    """The hook's command line: ``factcheck check --focus [args] FILE ...``."""
    code, out, _ = run("check", "--focus", "--format", "json", "docs/b.txt")
    assert code == 1
    assert [f["location"]["path"] for f in findings_of(out)] == ["docs/b.txt"]  # type: ignore[index]


def test_focus_on_non_documents_skips_the_work(corpus: Path) -> None:
    (corpus / "README.md").write_text("Budget: 999\n", "utf-8")
    (corpus / "factcheck.yaml").write_text("paths: [docs/]\nrules: [test-rules.yaml]\nexclude: [README.md]\n", "utf-8")
    (corpus / "LICENSE").write_text("Budget: 998\n", "utf-8")
    code, out, _ = run("check", "--focus", "README.md", "LICENSE", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["findings"] == [] and data["summary"]["documents"] == 0


def test_focus_on_a_missing_file_is_reported_and_the_run_goes_on(corpus: Path) -> None:
    code, out, err = run("check", "--focus", "docs/b.txt", "docs/gone.txt", "--format", "json")
    assert code == 1
    assert "skipped docs/gone.txt: no such file or directory" in err
    assert len(findings_of(out)) == 1


def _location(path: str, start: int, text: str) -> Location:
    return Location(path, 1, start + 1, 1, start + 1 + len(text), start, start + len(text), text)


def test_focus_findings_turns_to_the_first_related_location_in_focus() -> None:
    primary = _location("a.txt", 0, "120")
    other = RelatedLocation(_location("b.txt", 5, "150"), "other value")
    focused = RelatedLocation(_location("c.txt", 7, "130"), "other value")
    finding = Finding("r", "conflict", Severity.WARNING, "120 here", primary, (other, focused), ("a.txt#1",), "f" * 64)
    [turned] = focus_findings([finding], {"c.txt"})
    assert turned.location == focused.location
    assert turned.related == (other, RelatedLocation(primary, "raised here"))
    assert turned.message == "a.txt:1: 120 here"
    assert (turned.fingerprint, turned.claims, turned.severity) == ("f" * 64, ("a.txt#1",), Severity.WARNING)
    assert focus_findings([finding], {"a.txt"}) == [finding]
    assert focus_findings([finding], {"d.txt"}) == []


def test_document_scoped_checks_see_only_the_focus_documents(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check type declaring SCOPE = "document" is run on the focus files only; corpus-scoped ones on all."""
    import types
    from collections.abc import Iterator

    from factcheck.checks import CHECKS
    from factcheck.checks.base import CheckContext, finding
    from factcheck.rules.model import Rule

    seen: list[list[str]] = []

    def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
        seen.append(sorted(ctx.documents))
        for path in sorted(ctx.documents):
            document = ctx.documents[path]
            start = document.original.find("Staff")
            if start >= 0:
                yield finding(rule, document.location(start, start + 5), "staff line")

    scoped = types.SimpleNamespace(
        NAME="test-staff-lines", DESCRIPTION="test", PARAMS={}, SCOPE="document", check=check
    )
    monkeypatch.setitem(CHECKS, "test-staff-lines", scoped)
    with (corpus / "test-rules.yaml").open("a", encoding="utf-8") as rules:
        rules.write("  - id: staff-lines\n    check: test-staff-lines\n    category: other\n    severity: info\n")
    code, out, _ = run("check", "--focus", "docs/c.txt", "--format", "json")
    assert code == 0
    assert seen == [["docs/c.txt"]]
    assert [(f["rule"], f["location"]["path"]) for f in findings_of(out)] == [("staff-lines", "docs/c.txt")]  # type: ignore[index]
    seen.clear()
    _, full, _ = run("check", "--format", "json")
    # c.txt's findings of this rule are memoised in the cache by the focus run: only a and b are scanned.
    assert seen == [["docs/a.txt", "docs/b.txt"]]
    staff = [f["location"]["path"] for f in findings_of(full) if f["rule"] == "staff-lines"]  # type: ignore[index]
    assert staff == ["docs/a.txt", "docs/c.txt"]
