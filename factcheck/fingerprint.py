"""Content-based fingerprints: stable when other parts of the file change."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from factcheck.model import Document, Finding

_SPACE = re.compile(r"\s+")


def _context(document: Document | None, start: int, end: int) -> str:
    """The finding's line(s), whitespace folded: what the finding is about, not where it is."""
    if document is None:
        return ""
    text = document.original
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    return _SPACE.sub(" ", text[line_start:line_end]).strip()


def with_fingerprints(findings: Iterable[Finding], documents: Mapping[str, Document]) -> list[Finding]:
    """Give each finding a sha256 of rule, path, its text and line content, and its related texts.

    Identical findings on identical lines get an occurrence number, so each stays distinct.
    """
    seen: dict[str, int] = {}
    result: list[Finding] = []
    for finding in findings:
        loc = finding.location
        parts = [
            finding.rule,
            loc.path,
            _SPACE.sub(" ", loc.text),
            _context(documents.get(loc.path), loc.start, loc.end),
        ]
        parts.extend(f"{related.location.path}|{_SPACE.sub(' ', related.location.text)}" for related in finding.related)
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
        occurrence = seen.get(digest, 0)
        seen[digest] = occurrence + 1
        if occurrence:
            digest = hashlib.sha256(f"{digest}:{occurrence}".encode()).hexdigest()
        result.append(
            Finding(
                finding.rule,
                finding.category,
                finding.severity,
                finding.message,
                finding.location,
                finding.related,
                finding.claims,
                digest,
            )
        )
    return result
