"""name-variant: a near-miss spelling of a name the corpus or the packs know.

Known names come from two places:

* the packs' ``names``: canonical spellings (always preferred) and their listed ``variants``
  (always reported);
* the corpus itself: a capitalised name of two or more words written the same way at least
  ``min_count`` times is *established*; a near-identical name written at most ``max_variant_count``
  times, and ``prefer_ratio`` times less often, is a variant ("Tsang Kwan O" once against
  "Tseung Kwan O" four times). A British/American spelling difference ("Centre"/"Center") needs
  only ``min_count_spelling`` uses of the preferred form.

Never reported: pairs declared ``distinct`` in the packs; differences of case only ("INNOPARK" /
"InnoPark": house style, not a misspelling) or of punctuation only ("Dr." / "Dr"); plurals
("Science Park" / "Science Parks"); a name glued to the next word ("Hong Kongto": not a spelling);
differing words that are contrasts (North/South, East/West, months, numbers, roman numerals); and
differing words more than ``max_edits`` edits apart or shorter than ``min_token_length``
("Lee" / "Leung" are different people); acronyms that differ (HKPC / HKSTPC); names starting
with a sentence-initial function word ("The", "In").
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from factcheck.checks.base import CheckContext, Param, finding, param, rule_digest
from factcheck.checks.textscan import documents, message
from factcheck.model import Document, Finding, Location, RelatedLocation
from factcheck.rules.model import Rule
from factcheck.rules.types import StrList, StrPairs

NAME = "name-variant"
DESCRIPTION = (
    "A near-miss spelling of a known name: a name from the packs' `names`, or a capitalised name the "
    "corpus writes one way several times and another way once ('Tseung Kwan O' x4 vs 'Tsang Kwan O'). "
    "Case-only differences, plurals and pairs declared distinct are never reported."
)
#: Reads the documents only, never claims: a run may check it before the claims are extracted.
READS_CLAIMS = False
PARAMS: Mapping[str, Param] = {
    "threshold": Param((int, float), 85, "Minimum rapidfuzz ratio (0-100) between the variant and the name."),
    "min_count": Param((int,), 3, "Uses needed before a corpus name counts as established."),
    "min_count_spelling": Param((int,), 2, "Uses needed when the only difference is a spelling pair (centre/center)."),
    "prefer_ratio": Param((int, float), 2.0, "The established name must be this many times more frequent."),
    "max_variant_count": Param((int,), 2, "A variant is written at most this many times in the corpus."),
    "max_words": Param((int,), 8, "Longest name considered, in words."),
    "max_run": Param(
        (int,), 40, "Runs of more capitalised words than this (all-caps text, title-case walls) are skipped."
    ),
    "stop_words": Param(
        (StrList,),
        [
            "the",
            "a",
            "an",
            "in",
            "on",
            "at",
            "as",
            "by",
            "for",
            "from",
            "with",
            "to",
            "of",
            "and",
            "or",
            "but",
            "this",
            "that",
            "these",
            "those",
            "it",
            "its",
            "our",
            "we",
            "he",
            "she",
            "they",
            "his",
            "her",
            "their",
            "since",
            "after",
            "before",
            "during",
            "under",
            "over",
            "while",
            "when",
            "if",
            "also",
            "all",
            "each",
            "every",
            "some",
            "such",
            "both",
            "through",
            "about",
            "via",
            "not",
            "no",
        ],
        "Capitalised at a sentence start, these words never begin a name.",
    ),
    "max_edits": Param((int,), 2, "Most edits (Levenshtein) between a differing word and its counterpart."),
    "min_token_length": Param((int,), 4, "Differing words shorter than this are never variants (Lee/Li)."),
    "connectors": Param(
        (StrList,), ["of", "and", "for", "the", "de", "du", "la", "van", "von", "da", "&"], "Words inside names."
    ),
    "contrast_words": Param(
        (StrList,),
        [
            "north",
            "south",
            "east",
            "west",
            "northern",
            "southern",
            "eastern",
            "western",
            "upper",
            "lower",
            "inner",
            "outer",
            "new",
            "old",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "central",
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "junior",
            "senior",
            "primary",
            "secondary",
            "minor",
            "major",
            "mr",
            "mrs",
            "ms",
            "dr",
        ],
        "Words whose swap makes a different name (Kowloon East / Kowloon West).",
    ),
    "spelling_pairs": Param(
        (StrPairs,),
        [
            ["centre", "center"],
            ["centres", "centers"],
            ["programme", "program"],
            ["programmes", "programs"],
            ["organisation", "organization"],
            ["organisations", "organizations"],
            ["defence", "defense"],
            ["labour", "labor"],
            ["theatre", "theater"],
            ["metre", "meter"],
            ["catalogue", "catalog"],
            ["harbour", "harbor"],
            ["colour", "color"],
            ["honour", "honor"],
        ],
        "British/American spellings of one word.",
    ),
}

#: Bump when what ``_Names._scan`` returns changes meaning (memoised per document in the cache).
_MEMO_VERSION = 1
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9&-]*|&")
_ROMAN = re.compile(r"[IVXLC]+\Z")


@dataclass(frozen=True, slots=True)
class _Occurrence:
    path: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    occurrence: _Occurrence
    written: str
    preferred: str
    words: int
    score: float
    listed: bool


def _stored_names(stored: Any) -> list[tuple[str, int, list[int]]] | None:
    """A memo of ``_Names._scan`` read back, or None if it has another shape.

    Only the outer shape is checked (a warm run reads tens of thousands of names): cache entries
    are checksummed and keyed by ``_MEMO_VERSION``, so damage and old layouts are caught before this.
    """
    if not isinstance(stored, list):
        return None
    try:
        return [(name, count, spans) for name, count, spans in stored]
    except (TypeError, ValueError):
        return None


def _normal(name: str) -> str:
    return name.lower()


def _bare(name: str) -> str:
    """Case, punctuation and spaces removed: 'Dr. Sunny Chai' and 'Dr Sunny Chai' are one name."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


class _Names:
    def __init__(self, rule: Rule, ctx: CheckContext) -> None:
        self.rule = rule
        self.threshold = float(param(rule, "threshold", PARAMS))
        self.min_count = int(param(rule, "min_count", PARAMS))
        self.min_count_spelling = int(param(rule, "min_count_spelling", PARAMS))
        self.prefer_ratio = float(param(rule, "prefer_ratio", PARAMS))
        self.max_variant_count = int(param(rule, "max_variant_count", PARAMS))
        self.max_words = int(param(rule, "max_words", PARAMS))
        self.max_edits = int(param(rule, "max_edits", PARAMS))
        self.min_token_length = int(param(rule, "min_token_length", PARAMS))
        self.connectors = {word.lower() for word in param(rule, "connectors", PARAMS)}
        self.stop_words = {word.lower() for word in param(rule, "stop_words", PARAMS)}
        connectors = "|".join(re.escape(word) for word in sorted(self.connectors, key=len, reverse=True))
        word = r"(?:[A-Z][A-Za-z0-9&-]*|(?i:" + connectors + r")(?![A-Za-z0-9&-]))"
        self.run_pattern = re.compile(
            r"(?<![A-Za-z0-9&-])[A-Z][A-Za-z0-9&-]*(?:(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)" + word + ")*"
        )
        self.contrast = {word.lower() for word in param(rule, "contrast_words", PARAMS)}
        self.spelling = {frozenset((a.lower(), b.lower())) for a, b in param(rule, "spelling_pairs", PARAMS)}
        self.distinct = {frozenset((_normal(a), _normal(b))) for a, b in ctx.knowledge.distinct}
        self.canonical = {_normal(spec.canonical): spec.canonical for spec in ctx.knowledge.names}
        self.listed_variants = {
            _normal(variant): spec.canonical for spec in ctx.knowledge.names for variant in spec.variants
        }
        self.ctx = ctx
        self.max_run = int(param(rule, "max_run", PARAMS))
        #: How often each name is written, and where (only the first few places are kept).
        self.counts: dict[str, int] = defaultdict(int)
        self.occurrences: dict[str, list[_Occurrence]] = defaultdict(list)
        self.keep = max(self.max_variant_count, 1)
        self.longest = max([self.max_words, *(len(name.split()) for name in self.canonical.values())])
        self.longest = max([self.longest, *(len(name.split()) for name in self.listed_variants)])
        self.single_words = any(" " not in name for name in self.canonical.values())
        self.single_variants = {name for name in self.listed_variants if " " not in name}
        #: What a document's names depend on besides the document: the rule and the packs' names.
        packs = repr((ctx.knowledge.names, ctx.knowledge.distinct)).encode()
        self.digest = rule_digest(rule) + hashlib.sha256(packs).hexdigest()

    # -- collecting --------------------------------------------------------

    def collect(self) -> None:
        """Count every name in the corpus: per document (memoised when there is a cache), then summed."""
        counts, occurrences, keep = self.counts, self.occurrences, self.keep
        listed_names: dict[str, bool] = {}  # a corpus writes a few thousand names a thousand times
        for document in documents(self.ctx, self.rule):
            path = document.path
            for name, count, spans in self._document_names(document):
                counts[name] += count
                places = occurrences[name]
                listed = None
                for index in range(0, len(spans), 2):
                    if len(places) > keep:
                        if listed is None:
                            listed = listed_names.get(name)
                            if listed is None:
                                listed = listed_names[name] = _normal(name) in self.listed_variants
                        if not listed:
                            break
                    places.append(_Occurrence(path, spans[index], spans[index + 1]))

    def _document_names(self, document: Document) -> list[tuple[str, int, list[int]]]:
        """The names written in one document: (name, uses, flat start/end offsets of the first few uses)."""
        memo = self.ctx.memo
        if memo is None:
            return self._scan(document.text)
        key = memo.key(document, NAME, str(_MEMO_VERSION), self.digest)
        stored = _stored_names(memo.get(key))
        if stored is not None:
            return stored
        names = self._scan(document.text)
        memo.put(key, [list(item) for item in names])
        return names

    def _scan(self, text: str) -> list[tuple[str, int, list[int]]]:
        """Every name in ``text`` with its count, and the places of its first ``keep + 1`` uses (all for listed variants)."""
        counts: dict[str, int] = {}
        spans: dict[str, list[int]] = {}
        keep = 2 * self.keep

        def add(name: str, start: int, end: int) -> None:
            counts[name] = counts.get(name, 0) + 1
            places = spans.setdefault(name, [])
            if len(places) <= keep or _normal(name) in self.listed_variants:
                places += (start, end)

        longest, single_words, single_variants = self.longest, self.single_words, self.single_variants
        for run in self._runs(text):
            if len(run) > self.max_run or (len(run) == 1 and not (single_words or single_variants)):
                continue
            for i, (first, start, first_end) in enumerate(run):
                if not first[0].isupper() or first.lower() in self.stop_words:
                    continue
                if single_words or first.lower() in single_variants:
                    add(first, start, first_end)
                name = first
                for token, _, end in run[i + 1 : i + longest]:
                    name = f"{name} {token}"
                    if token[0].isupper():
                        add(name, start, end)
        return [(name, count, spans[name]) for name, count in counts.items()]

    def _runs(self, text: str) -> Iterator[list[tuple[str, int, int]]]:
        """Runs of capitalised words and connectors separated by spaces or one line break."""
        for run in self.run_pattern.finditer(text):
            yield [(token.group(), token.start(), token.end()) for token in _TOKEN.finditer(text, *run.span())]

    # -- comparing ---------------------------------------------------------

    def _differing_words_ok(self, written: list[str], preferred: list[str]) -> tuple[bool, bool]:
        """(the differing words may be a misspelling, the only differences are spelling pairs)."""
        spelling_only = True
        differs = False
        for a, b in zip(written, preferred, strict=True):
            low_a, low_b = a.lower(), b.lower()
            if low_a == low_b:
                continue
            differs = True
            if frozenset((low_a, low_b)) in self.spelling:
                continue
            spelling_only = False
            if low_a in self.contrast or low_b in self.contrast:
                return False, False
            if any(ch.isdigit() for ch in a + b) or _ROMAN.match(a) or _ROMAN.match(b):
                return False, False
            if a.isupper() and b.isupper():
                return False, False  # acronyms differing by letters name different bodies (HKPC / HKSTPC)
            if min(len(a), len(b)) < self.min_token_length or Levenshtein.distance(low_a, low_b) > self.max_edits:
                return False, False
        return differs, spelling_only and differs

    def _connector_difference(self, written: list[str], preferred: list[str]) -> bool:
        """One name is the other with one connector word more ('Science Technology' / 'Science and Technology')."""
        longer, shorter = (written, preferred) if len(written) > len(preferred) else (preferred, written)
        for index, word in enumerate(longer):
            if word.lower() in self.connectors and [w.lower() for w in longer[:index] + longer[index + 1 :]] == [
                w.lower() for w in shorter
            ]:
                return True
        return False

    def _excluded(self, written: str, preferred: str) -> bool:
        low_w, low_p = _normal(written), _normal(preferred)
        if low_w == low_p:
            return True  # case only: house style
        if _bare(written) == _bare(preferred) and len(written.split()) == len(preferred.split()):
            return True  # punctuation only ("Co-operation" / "Cooperation")
        if frozenset((low_w, low_p)) in self.distinct:
            return True
        if low_w in (low_p + "s", low_p + "es") or low_p in (low_w + "s", low_w + "es"):
            return True  # plural
        # a name glued to the next word ("Hong Kongto"), not a spelling of it
        return bool(low_w.startswith(low_p) and re.fullmatch(r"[a-z]+", written[len(preferred) :]))

    def _established(self) -> dict[tuple[int, str], list[tuple[str, int]]]:
        """Preferred names by (word count, first letter): the canonical names, then names the corpus uses often."""
        blocks: dict[tuple[int, str], list[tuple[str, int]]] = defaultdict(list)
        for name in self.canonical.values():
            blocks[(len(name.split()), name[0].lower())].append((name, 10**9))
        for name, count in self.counts.items():
            words = len(name.split())
            enough = count >= min(self.min_count, self.min_count_spelling)
            if words >= 2 and enough and _normal(name) not in self.canonical:
                blocks[(words, name[0].lower())].append((name, count))
        return blocks

    def candidates(self) -> Iterator[_Candidate]:
        established = self._established()
        for written, occurrences in self.occurrences.items():
            count = self.counts[written]
            listed = self.listed_variants.get(_normal(written))
            if listed is not None:
                for occurrence in occurrences:
                    yield _Candidate(occurrence, written, listed, len(written.split()), 100.0, True)
                continue
            if count > self.max_variant_count or _normal(written) in self.canonical:
                continue
            best = self._best(written, count, established)
            if best is not None:
                preferred, score = best
                for occurrence in occurrences:
                    yield _Candidate(occurrence, written, preferred, len(written.split()), score, False)

    def _best(
        self, written: str, count: int, established: dict[tuple[int, str], list[tuple[str, int]]]
    ) -> tuple[str, float] | None:
        words = written.split()
        best: tuple[str, float] | None = None
        initial = written[0].lower()
        for size in (len(words), len(words) - 1, len(words) + 1):
            for preferred, uses in established.get((size, initial), ()):
                if uses < self.prefer_ratio * count or self._excluded(written, preferred):
                    continue
                score = fuzz.ratio(_normal(written), _normal(preferred))
                if size == len(words):
                    if score < self.threshold:
                        continue
                    ok, spelling_only = self._differing_words_ok(words, preferred.split())
                    needed = self.min_count_spelling if spelling_only else self.min_count
                    if not ok or uses < needed:
                        continue
                else:
                    same_letters = _bare(written) == _bare(preferred)
                    if not (same_letters or self._connector_difference(words, preferred.split())):
                        continue
                    if uses < self.min_count:
                        continue
                if best is None or score > best[1]:
                    best = (preferred, score)
        return best


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    """Overlapping candidates in one document: keep the longest name, then the closest match."""
    kept: list[_Candidate] = []
    ordered = sorted(candidates, key=lambda c: (c.occurrence.path, -c.words, -c.score, c.occurrence.start))
    for candidate in ordered:
        occ = candidate.occurrence
        if any(
            other.occurrence.path == occ.path and other.occurrence.start < occ.end and occ.start < other.occurrence.end
            for other in kept
        ):
            continue
        kept.append(candidate)
    return sorted(kept, key=lambda c: (c.occurrence.path, c.occurrence.start))


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    names = _Names(rule, ctx)
    names.collect()
    for candidate in _merge(list(names.candidates())):
        occ = candidate.occurrence
        document = ctx.documents[occ.path]
        related: tuple[RelatedLocation, ...] = ()
        instances = names.occurrences.get(candidate.preferred)
        if instances:
            first = instances[0]
            location: Location = ctx.documents[first.path].location(first.start, first.end)
            related = (RelatedLocation(location, f"'{candidate.preferred}' written this way"),)
        uses = names.counts.get(candidate.preferred, 0)
        how = "listed as a misspelling of" if candidate.listed else "looks like a variant of"
        counted = "" if not uses else " (written that way once)" if uses == 1 else f" (written that way {uses} times)"
        default = f"'{candidate.written}' {how} '{candidate.preferred}'{counted}"
        text = message(rule, default, text=candidate.written, expected=candidate.preferred, count=uses)
        yield finding(rule, document.location(occ.start, occ.end), text, related)
