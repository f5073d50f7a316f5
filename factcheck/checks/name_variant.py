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

With a cache, each document's names are memoised, and so are their sums and the comparisons made
(the corpus memo, one entry): a run after a few edits subtracts the edited documents' old names, adds
their new ones, and compares again only names whose established look-alikes changed. A --focus run
compares only names whose findings can touch a focus document. Either way the findings are those of
a run without a cache.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

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
#: Bump when the corpus memo's layout or meaning changes (see ``_Names.save``).
_CORPUS_MEMO_VERSION = 1
#: The corpus memo is brought up to date document by document when at most this many documents changed
#: (or this share of them); beyond that, every document's names are summed again.
_MAX_CHANGED = 16
_MAX_CHANGED_SHARE = 0.25
#: How often (seconds) the documents' name memos are marked as used when the corpus memo spares reading them
#: (the cache prunes entries unused for long; the corpus memo needs a changed document's old names).
_KEEP_EVERY = 24 * 60 * 60
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9&-]*|&")
_ROMAN = re.compile(r"[IVXLC]+\Z")


class _Occurrence(NamedTuple):
    """Where a name is written. Occurrences sort in corpus order: documents by path, then offsets."""

    path: str
    start: int
    end: int


#: The closest established name to a written one and its score, or None: what ``_Names._best`` returns.
_Best = tuple[str, float] | None


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


@dataclass(slots=True)
class _CorpusMemo:
    """What a run summed and compared, read back from the cache for the next run to start from."""

    #: Path -> the key of the document's name memo that was summed.
    documents: dict[str, str]
    counts: dict[str, int]
    occurrences: dict[str, list[_Occurrence]]
    #: Digest of each block of established names (``_Names._established``) the comparisons were made against.
    blocks: dict[str, str]
    #: Written name -> (its uses then, the closest established name).
    best: dict[str, tuple[int, _Best]]
    #: When the documents' name memos were last read or marked as used (``time.time()``).
    kept: float


class _Inconsistent(Exception):
    """The corpus memo and the documents' name memos disagree: sum everything again."""


def _read_corpus_memo(stored: Any) -> _CorpusMemo | None:
    """The corpus memo written by ``_Names.save``, or None if it has another shape (entries are checksummed:
    this guards against a well-formed entry of another layout, not against damage)."""
    if not isinstance(stored, dict):
        return None
    try:
        paths = [str(path) for path, _ in stored["documents"]]
        documents = {str(path): str(key) for path, key in stored["documents"]}
        counts: dict[str, int] = {}
        occurrences: dict[str, list[_Occurrence]] = {}
        for name, entry in stored["names"].items():
            if not (type(name) is str and type(entry) is list and len(entry) % 3 == 1 and len(entry) > 1):
                raise ValueError(name)
            if any(type(number) is not int for number in entry):
                raise ValueError(name)
            counts[name] = entry[0]
            occurrences[name] = [
                _Occurrence(paths[entry[index]], entry[index + 1], entry[index + 2])
                for index in range(1, len(entry), 3)
            ]
        best: dict[str, tuple[int, _Best]] = {}
        for written, entry in stored["best"].items():
            if len(entry) == 3 and type(entry[0]) is int and type(entry[1]) is str and type(entry[2]) is float:
                best[written] = (entry[0], (entry[1], entry[2]))
            elif len(entry) == 1 and type(entry[0]) is int:
                best[written] = (entry[0], None)
            else:
                raise ValueError(written)
        blocks = {str(block): str(digest) for block, digest in stored["blocks"].items()}
        kept = float(stored["kept"])
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return _CorpusMemo(documents, counts, occurrences, blocks, best, kept)


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
        #: With a cache: each document's name memo key, and the corpus memo's key and content.
        self.keys: dict[str, str] = {}
        self.corpus_key = ""
        self.stored: _CorpusMemo | None = None
        #: Whether the counts differ from the stored corpus memo's (it is written again if so).
        self.changed = False
        #: Each established block's digest (``_established``) and the comparisons made or recalled this run.
        self.blocks: dict[str, str] = {}
        self.best: dict[str, tuple[int, _Best]] = {}
        self.kept = time.time()

    # -- collecting --------------------------------------------------------

    def collect(self) -> None:
        """Count every name in the corpus.

        Without a cache, every document is scanned. With one, each document's names are memoised, and so are
        their sums (the corpus memo): a run where a few documents changed subtracts their old names and adds
        their new ones; otherwise the documents' memos are summed again.
        """
        selected = list(documents(self.ctx, self.rule))
        memo = self.ctx.memo
        if memo is None:
            self._sum(selected)
            return
        self.keys = {document.path: memo.key(document, NAME, str(_MEMO_VERSION), self.digest) for document in selected}
        self.corpus_key = memo.corpus_key(NAME, str(_CORPUS_MEMO_VERSION), self.digest)
        self.stored = _read_corpus_memo(memo.get(self.corpus_key))
        if self.stored is not None:
            try:
                if self._update(self.stored, selected):
                    return
            except _Inconsistent:
                pass
        self._sum(selected)
        self.changed = True

    def _sum(self, selected: list[Document]) -> None:
        """Every document's names (memoised when there is a cache), summed."""
        counts: dict[str, int] = defaultdict(int)
        occurrences: dict[str, list[_Occurrence]] = defaultdict(list)
        keep = self.keep
        listed_names: dict[str, bool] = {}  # a corpus writes a few thousand names a thousand times
        for document in selected:
            path = document.path
            for name, count, spans in self._document_names(document, self.keys.get(path)):
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
        self.counts, self.occurrences = counts, occurrences

    def _document_names(self, document: Document, key: str | None) -> list[tuple[str, int, list[int]]]:
        """The names written in one document: (name, uses, flat start/end offsets of the first few uses)."""
        memo = self.ctx.memo
        if memo is None or key is None:
            return self._scan(document.text)
        stored = _stored_names(memo.get(key))
        if stored is not None:
            return stored
        names = self._scan(document.text)
        memo.put(key, [list(item) for item in names])
        return names

    def _update(self, stored: _CorpusMemo, selected: list[Document]) -> bool:
        """Bring the stored sums up to date with the documents that changed since; False if too many did.

        A changed document's old names are read from its old name memo (the corpus memo lists the key),
        subtracted, and its new names added. The result equals summing every document again.
        """
        memo, keys = self.ctx.memo, self.keys
        assert memo is not None
        changed = sorted(
            path for path in stored.documents.keys() | keys.keys() if stored.documents.get(path) != keys.get(path)
        )
        if len(changed) > max(_MAX_CHANGED, _MAX_CHANGED_SHARE * len(keys)):
            return False
        self.counts, self.occurrences = stored.counts, stored.occurrences
        read: dict[str, list[tuple[str, int, list[int]]]] = {}
        cuts: dict[str, _Occurrence] = {}
        for path in changed:
            before: list[tuple[str, int, list[int]]] = []
            if path in stored.documents:
                old = _stored_names(memo.get(stored.documents[path]))
                if old is None:
                    return False  # pruned or damaged: what it added cannot be taken away
                before = old
            after: list[tuple[str, int, list[int]]] = []
            if path in keys:
                after = read[path] = self._document_names(self.ctx.documents[path], keys[path])
            self._replace(path, before, after, cuts)
        if cuts and not self._complete(cuts, selected, read):
            return False
        self.changed = bool(changed)
        if not 0 <= self.kept - stored.kept < _KEEP_EVERY:
            memo.keep(list(keys.values()))  # the memos not read stay in the cache
            self.changed = True
        else:
            self.kept = stored.kept
        return True

    def _replace(
        self,
        path: str,
        before: list[tuple[str, int, list[int]]],
        after: list[tuple[str, int, list[int]]],
        cuts: dict[str, _Occurrence],
    ) -> None:
        """Replace one document's names (``before``) by its new ones (``after``) in the sums."""
        old = {name: (count, spans) for name, count, spans in before}
        for name, count, spans in after:
            previous = old.pop(name, None)
            if previous is None:
                self._move(name, path, count, spans, cuts)
            elif previous[0] != count or previous[1] != spans:
                self._move(name, path, count - previous[0], spans, cuts)
        for name, (count, _) in old.items():
            self._move(name, path, -count, [], cuts)

    def _move(self, name: str, path: str, delta: int, spans: list[int], cuts: dict[str, _Occurrence]) -> None:
        """Add ``delta`` uses of ``name`` and make ``spans`` its places in ``path`` (replacing the old ones).

        Only the first ``keep + 1`` places of a name are kept (all of a listed variant's). When the list was
        cut short and ``path``'s places were in it, places after the cut may be missing: the list is then
        trusted up to the cut, and the name left in ``cuts`` for :meth:`_complete` to fill.
        """
        counts, occurrences = self.counts, self.occurrences
        before = counts.get(name, 0)
        total = before + delta
        places = occurrences.get(name, [])
        if total < 0 or (before and not places):
            raise _Inconsistent(name)
        if total == 0:
            del counts[name]
            occurrences.pop(name, None)
            cuts.pop(name, None)
            return
        counts[name] = total
        merged = [place for place in places if place.path != path]
        merged += [_Occurrence(path, spans[index], spans[index + 1]) for index in range(0, len(spans), 2)]
        merged.sort()
        if _normal(name) in self.listed_variants:
            occurrences[name] = merged  # every place is kept
            return
        cut = cuts.get(name)
        if cut is None and len(places) < before:  # places after the list's last one were not kept
            cut = places[-1]
        if cut is not None:
            merged = [place for place in merged if place <= cut]
        need = min(total, self.keep + 1)
        if len(merged) >= need:
            occurrences[name] = merged[:need]
            cuts.pop(name, None)
        else:
            assert cut is not None  # a list not cut short holds every place of the name
            occurrences[name] = merged
            cuts[name] = cut

    def _complete(
        self,
        cuts: dict[str, _Occurrence],
        selected: list[Document],
        read: dict[str, list[tuple[str, int, list[int]]]],
    ) -> bool:
        """Fill in the places after each name's cut from the documents' name memos, in corpus order."""
        remaining = dict(cuts)
        first = min(cut.path for cut in remaining.values())
        for document in selected:
            path = document.path
            if path < first:
                continue
            names = read.get(path)
            if names is None:
                names = read[path] = self._document_names(document, self.keys[path])
            for name, _, spans in names:
                cut = remaining.get(name)
                if cut is None:
                    continue
                places = self.occurrences[name]
                need = min(self.counts[name], self.keep + 1)
                for index in range(0, len(spans), 2):
                    if len(places) >= need:
                        break
                    place = _Occurrence(path, spans[index], spans[index + 1])
                    if place > cut:
                        places.append(place)
                if len(places) >= need:
                    del remaining[name]
            if not remaining:
                return True
        return False

    def save(self) -> None:
        """Store the sums and the comparisons (the corpus memo) when they differ from the stored ones."""
        memo, stored = self.ctx.memo, self.stored
        if memo is None:
            return
        if stored is not None and not self.changed and stored.best == self.best and stored.blocks == self.blocks:
            return
        index = {path: number for number, path in enumerate(self.keys)}
        names: dict[str, list[Any]] = {}
        for name, count in self.counts.items():
            entry: list[Any] = [count]
            for place in self.occurrences[name]:
                entry += (index[place.path], place.start, place.end)
            names[name] = entry
        best = {written: [uses, *found] if found else [uses] for written, (uses, found) in self.best.items()}
        documents = [[path, key] for path, key in self.keys.items()]
        value = {"documents": documents, "names": names, "blocks": self.blocks, "best": best, "kept": self.kept}
        memo.put(self.corpus_key, value)

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
        """Preferred names by (word count, first letter): the canonical names, then names the corpus uses often
        (in corpus order of their first use, so that the closest of equally close names is the same however
        the counts were summed). Sets ``blocks``: a digest of each block."""
        blocks: dict[tuple[int, str], list[tuple[str, int]]] = defaultdict(list)
        for name in self.canonical.values():
            blocks[(len(name.split()), name[0].lower())].append((name, 10**9))
        enough = min(self.min_count, self.min_count_spelling)
        chosen: list[tuple[str, int, int]] = []
        for name, count in self.counts.items():
            if count >= enough:
                words = name.count(" ") + 1  # a name's words are joined by one space (``_scan``)
                if words >= 2 and _normal(name) not in self.canonical:
                    chosen.append((name, count, words))
        occurrences = self.occurrences
        chosen.sort(key=lambda item: occurrences[item[0]][0])
        for name, count, words in chosen:
            blocks[(words, name[0].lower())].append((name, count))
        self.blocks = {
            f"{size}:{initial}": hashlib.blake2b(
                "\x1f".join(f"{name}\x1e{count}" for name, count in names).encode("utf-8", "surrogatepass"),
                digest_size=16,
            ).hexdigest()
            for (size, initial), names in blocks.items()
        }
        return blocks

    def _recalled(self, written: str, count: int) -> tuple[bool, _Best]:
        """(whether the stored corpus memo knows ``written``'s closest established name, that name)."""
        stored = self.stored
        entry = stored.best.get(written) if stored is not None else None
        if stored is None or entry is None or entry[0] != count:
            return False, None
        words, initial = len(written.split()), written[0].lower()
        for size in (words, words - 1, words + 1):
            block = f"{size}:{initial}"
            if stored.blocks.get(block) != self.blocks.get(block):
                return False, None  # a name it is compared with was added, dropped or counted differently
        return True, entry[1]

    def candidates(self) -> list[_Candidate]:
        """Names written rarely that look like a variant of an established one (every one in a full run).

        In a --focus run, only the candidates in documents whose findings may touch a focus document: the
        focus documents, and those with a candidate whose established name is first written in one (the
        finding's related location). Their findings are those of a full run.
        """
        established = self._established()
        focus = self.ctx.focus
        near: set[tuple[int, str]] = set()  # blocks with a name first written in a focus document
        if focus is not None:
            for block, names in established.items():
                for name, _ in names:
                    places = self.occurrences.get(name)
                    if places and places[0].path in focus:
                        near.add(block)
                        break
        found: list[_Candidate] = []
        later: list[tuple[str, int, list[_Occurrence]]] = []
        for written, occurrences in self.occurrences.items():
            count = self.counts[written]
            listed = self.listed_variants.get(_normal(written))
            if listed is not None:
                for occurrence in occurrences:
                    found.append(_Candidate(occurrence, written, listed, len(written.split()), 100.0, True))
                continue
            if count > self.max_variant_count or _normal(written) in self.canonical:
                continue
            known, best = self._recalled(written, count)
            if not known:
                if focus is not None and not self._may_touch(written, occurrences, focus, near):
                    later.append((written, count, occurrences))
                    continue
                best = self._best(written, count, established)
            self._add(found, written, count, occurrences, best)
        if focus is None:
            return found
        shown = set(focus)
        for candidate in found:
            places = self.occurrences.get(candidate.preferred)
            if places and places[0].path in focus:
                shown.add(candidate.occurrence.path)
        for written, count, occurrences in later:  # not near the focus, but in a document whose findings are
            if any(occurrence.path in shown for occurrence in occurrences):
                self._add(found, written, count, occurrences, self._best(written, count, established))
        return [candidate for candidate in found if candidate.occurrence.path in shown]

    def _may_touch(
        self, written: str, occurrences: list[_Occurrence], focus: frozenset[str], near: set[tuple[int, str]]
    ) -> bool:
        """Whether a finding on ``written`` could touch a focus document: it is written there, or an established
        name it may be compared with is first written there."""
        if any(occurrence.path in focus for occurrence in occurrences):
            return True
        words, initial = len(written.split()), written[0].lower()
        return any((size, initial) in near for size in (words, words - 1, words + 1))

    def _add(
        self, found: list[_Candidate], written: str, count: int, occurrences: list[_Occurrence], best: _Best
    ) -> None:
        """Remember ``written``'s comparison, and add a candidate per place when it is a variant."""
        self.best[written] = (count, best)
        if best is not None:
            preferred, score = best
            for occurrence in occurrences:
                found.append(_Candidate(occurrence, written, preferred, len(written.split()), score, False))

    def _best(self, written: str, count: int, established: dict[tuple[int, str], list[tuple[str, int]]]) -> _Best:
        words = written.split()
        best: _Best = None
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
    by_path: dict[str, list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_path[candidate.occurrence.path].append(candidate)
    merged: list[_Candidate] = []
    for path in sorted(by_path):
        kept: list[_Candidate] = []
        for candidate in sorted(by_path[path], key=lambda c: (-c.words, -c.score, c.occurrence.start)):
            start, end = candidate.occurrence.start, candidate.occurrence.end
            if not any(other.occurrence.start < end and start < other.occurrence.end for other in kept):
                kept.append(candidate)
        merged += sorted(kept, key=lambda c: c.occurrence.start)
    return merged


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    names = _Names(rule, ctx)
    names.collect()
    candidates = names.candidates()
    names.save()
    written_first: dict[str, tuple[RelatedLocation, ...]] = {}  # many variants of one name point at its first use
    for candidate in _merge(candidates):
        occ = candidate.occurrence
        document = ctx.documents[occ.path]
        related = written_first.get(candidate.preferred)
        if related is None:
            related = ()
            instances = names.occurrences.get(candidate.preferred)
            if instances:
                first = instances[0]
                location: Location = ctx.documents[first.path].location(first.start, first.end)
                related = (RelatedLocation(location, f"'{candidate.preferred}' written this way"),)
            written_first[candidate.preferred] = related
        uses = names.counts.get(candidate.preferred, 0)
        how = "listed as a misspelling of" if candidate.listed else "looks like a variant of"
        counted = "" if not uses else " (written that way once)" if uses == 1 else f" (written that way {uses} times)"
        default = f"'{candidate.written}' {how} '{candidate.preferred}'{counted}"
        text = message(rule, default, text=candidate.written, expected=candidate.preferred, count=uses)
        yield finding(rule, document.location(occ.start, occ.end), text, related)
