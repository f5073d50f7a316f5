"""Extract stage: Document -> claims (the NLP pass).

Each language segment of a document goes to its language's extractor
(``extract.en`` on ``spacy.blank("en")``; ``extract.zh`` on regular expressions
over the text, without spaCy: nothing in it reads tokens).  spaCy is imported only
inside this package, and only when an English segment actually needs extracting (a
warm cache never pays for it).
"""

from __future__ import annotations

from factcheck.extract.records import replace
from factcheck.knowledge import Knowledge
from factcheck.model import Claim, Document, Segment

#: Bump when extraction output changes, so cached claims are rebuilt.
EXTRACTOR_VERSION = "en-8"


def extract_document(document: Document, knowledge: Knowledge) -> tuple[Claim, ...]:
    """Every figure and date stated in ``document``, in document order, with ids ``path#n``."""
    from factcheck.extract import en  # zh (and numpy) only for documents with Chinese

    claims: list[Claim] = []
    segments = document.segments
    if not segments and document.text.strip():
        # A text with figures but no letters ("1 234 567") is still a text: one segment of the document's language.
        segments = (Segment(0, len(document.text), "zh" if document.lang == "zh" else "en"),)
    if not segments:
        return ()
    for segment in segments:
        if segment.lang == "zh":
            from factcheck.extract import zh

            extractor = zh.extract_segment
        else:
            extractor = en.extract_segment
        claims.extend(extractor(document, segment.start, segment.end, knowledge))
    claims.sort(key=lambda claim: (claim.location.start, claim.location.end))
    renumbered: list[Claim] = []
    ids = {claim.id: f"{document.path}#{number}" for number, claim in enumerate(claims, start=1)}
    for claim in claims:
        part_of = ids.get(claim.part_of) if claim.part_of else None
        renumbered.append(replace(claim, id=ids[claim.id], part_of=part_of))
    return tuple(renumbered)
