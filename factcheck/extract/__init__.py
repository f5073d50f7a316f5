"""Extract stage: Document -> claims (the NLP pass).

spaCy is imported only inside this package, and only when a document actually
needs extracting (a warm cache never pays for it).
"""

from __future__ import annotations

from factcheck.knowledge import Knowledge
from factcheck.model import Claim, Document

#: Bump when extraction output changes, so cached claims are rebuilt.
EXTRACTOR_VERSION = "0"


def extract_document(document: Document, knowledge: Knowledge) -> tuple[Claim, ...]:
    """Every figure and date stated in ``document``, in document order."""
    return ()
