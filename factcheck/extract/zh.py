"""Chinese extraction (placeholder until the Chinese NLP pass lands)."""

from __future__ import annotations

from factcheck.knowledge import Knowledge
from factcheck.model import Claim, Document


def extract_segment(document: Document, start: int, end: int, knowledge: Knowledge) -> list[Claim]:
    """Claims in ``document.text[start:end]``; ids must be unique within the document."""
    return []
