"""unread-figures: an English sentence holding more numbers than extraction reads.

Extraction reads at most ``MAX_ANCHORS`` digit runs in a sentence, and ``MAX_ANCHORS_LONG`` per
piece of a sentence longer than ``LONG_SENTENCE`` characters (``factcheck.extract.pipeline``): that
bounds its time on a one-line table export or an OCR run-on. The numbers past the limit are never
extracted, so no rule checks them; this says where that happens instead of passing over it in
silence. It recounts on the text exactly what extraction counts (the same sentences, the same
digit-run pattern), so it needs no claims. Chinese text has a bound of its own and is not covered.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

from factcheck.checks.base import CheckContext, Param
from factcheck.checks.textscan import documents, message, report
from factcheck.model import Document, Finding
from factcheck.rules.model import Rule

NAME = "unread-figures"
#: Findings in a document depend on that document alone (a --focus run checks only the focus files).
SCOPE = "document"
#: Reads the documents only, never claims: a run may check it before the claims are extracted.
READS_CLAIMS = False
DESCRIPTION = (
    "An English sentence with more numbers than extraction reads (48 in a sentence, 16 per 2,000 "
    "characters of one longer than 1,000 characters: a one-line table export or an OCR run-on). The "
    "numbers past the limit are not extracted, so no rule checks them. Reported at the first unread number."
)
PARAMS: Mapping[str, Param] = {}


def _english_spans(document: Document) -> list[tuple[int, int]]:
    """Where extraction reads ``document`` as English (the whole text when it has no segments, as it does)."""
    if not document.segments:
        return [] if document.lang == "zh" else [(0, len(document.text))]
    return [(segment.start, segment.end) for segment in document.segments if segment.lang != "zh"]


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    # Extraction's own counting (a light module: no spaCy), imported on use.
    from factcheck.extract.pipeline import DIGIT_RUN, anchor_limit, sentence_spans

    for document in documents(ctx, rule):
        text = document.text
        for start, end in _english_spans(document):
            for sentence_start, sentence_end in sentence_spans(text[start:end]):
                low, high = start + sentence_start, start + sentence_end
                limit = anchor_limit(high - low)
                unread = itertools.islice(DIGIT_RUN.finditer(text, low, high), limit, None)
                first = next(unread, None)
                if first is None:
                    continue
                count = 1 + sum(1 for _ in unread)
                default = (
                    f"{count} more number{'s' if count > 1 else ''} in this sentence than extraction reads "
                    f"({limit} in {high - low:,} characters): from here on, figures are not checked"
                )
                text_of = message(rule, default, unread=count, read=limit, length=high - low)
                yield report(rule, document, first.start(), first.end(), text_of)
