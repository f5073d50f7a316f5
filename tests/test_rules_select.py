"""A text check's rule can be narrowed to some documents with select: {path: glob, lang: ...}."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext
from factcheck.index import build_index
from factcheck.load import document_from_text
from factcheck.rules import load_ruleset

REPO = Path(__file__).resolve().parent.parent


def test_select_by_path_glob_and_lang() -> None:
    ruleset = load_ruleset([REPO / "tests" / "rules" / "packs" / "drafts-only.yaml"])
    rule = next(rule for rule in ruleset.rules if rule.id == "draft-placeholders")
    text = "Revenue reached HK$XX million.\n"
    documents = {path: document_from_text(text, path) for path in ("drafts/a.txt", "final/b.txt", "drafts/sub/c.txt")}
    ctx = CheckContext(documents, (), {}, build_index((), ruleset.knowledge), ruleset.knowledge)
    found = [finding.location.path for finding in CHECKS[rule.check].check(rule, ctx)]
    assert found == ["drafts/a.txt", "drafts/sub/c.txt"]  # fnmatch's * crosses folders
    zh_only = dataclasses.replace(rule, select={"lang": "zh"})
    assert list(CHECKS[rule.check].check(zh_only, ctx)) == []
