"""The English spaCy pipeline: ``spacy.blank("en")`` plus factcheck's own components.

Components (registered factories, state on namespaced ``Doc._`` extensions):

- ``factcheck_entities``: a PhraseMatcher over the entity aliases of the rule packs ->
  ``Doc._.factcheck_entities`` as ``(start_char, end_char, canonical name)``.
- ``factcheck_figures``: a PhraseMatcher for number words and month/period words, the places
  where a written-out figure or a date without digits may start -> ``Doc._.factcheck_words``.

``run`` splits sentences itself (a regex over the text: see ``sentence_starts``), and hands
spaCy only the sentences that can hold a figure: a sentence with no digit, no number word
and no month or period word has nothing for the figure scan or attribution to read, so it is
never tokenised.  The kept sentences go to the tokenizer in chunks of at most ``MAX_CHUNK``
characters, so work per chunk is bounded however long a line is, and in a copy of the text
whose very long whitespace-free runs are broken by spaces (same length, so offsets hold):
spaCy's affix search is quadratic in the length of a token.  The figure scan
(``figures.py``/``dates.py``, called through ``FigureScanner``) reads the text itself.

spaCy is imported here only, and the nlp object is built once per set of entities (and rebuilt
when its vocabulary has grown past ``MAX_STRINGS``: every new token string stays in spaCy's
StringStore and vocabulary for the life of the pipeline).
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from factcheck.extract.patterns_en import NUMBER_WORDS, PERIOD_WORDS, word_set
from factcheck.knowledge import Knowledge

_LOCK = threading.Lock()
_NLP_CACHE: dict[tuple[tuple[str, tuple[str, ...]], ...], Any] = {}
#: A pipeline built ahead of the packs' entities (``prepare_nlp``), taken by the next ``get_nlp``.
_PREPARED: list[Any] = []
_REGISTERED = False

#: Lowercase words after which a blank line does not end the sentence ("... in\n\nDecember 2022").
_CONTINUES = word_set(
    "a an the and or of in on at by for from to with as than about around over under into onto its their our "
    "his her this that these those which who whose is are was were be been has have had will would can may "
    "including such per via between among"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LAST_WORD = re.compile(r"[A-Za-z]+$")
#: A sentence's closing punctuation and quotes. It starts only where a run of punctuation starts and takes
#: the run whole (possessive): tried at every offset of "????…" with backtracking it was quadratic.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"”’')\]]*+(?=\s)")
_WORD_BEFORE = re.compile(r"[\w.]+$")
_ABBREVIATIONS = word_set(
    "mr mrs ms dr prof st no nos vs etc e.g i.e approx co ltd inc corp jr sr fig figs para paras cap art arts sec "
    "jan feb mar apr jun jul aug sep sept oct nov dec gov govt dept est al ave rd mt"
)

#: The longest text handed to spaCy at once, and the longest sentence: longer ones are cut at a space.
#: Real sentences are far shorter (the seeds' longest is under 1,000 characters).
MAX_CHUNK = 2_000
#: A whitespace-free run longer than this is broken by a space every ``RUN_BREAK`` characters in the
#: tokenizer's copy of the text (no figure, word or name is that long; URLs are read on the text).
RUN_BREAK = 64
#: The most anchors (digit runs, number words, period words: each kind counted alone) read in one sentence.
#: Prose has a handful (the seeds' densest sentence has 12 digit runs); a sentence with more is a dump of
#: numbers (a one-line export, "9 9 9 ...", "$1 $1 ..."), and reading all of it would make extraction time
#: follow the count of figures instead of the length of the text.  Anchors past the limit are not read.
MAX_ANCHORS = 48
#: A sentence longer than ``LONG_SENTENCE`` characters (real ones are shorter: the seeds' longest has 960) is
#: a one-line export or OCR run-on; each piece of it is read up to ``MAX_ANCHORS_LONG`` anchors, which bounds
#: the claims per megabyte of such a line (about 8,400) and so the time.
LONG_SENTENCE = 1_000
MAX_ANCHORS_LONG = 16
#: Rebuild the pipeline (a fresh vocabulary) once its StringStore holds this many strings.
MAX_STRINGS = 300_000

#: Runs up to this long that hold "://", "www." or "@" are left whole in the tokenizer's copy (addresses).
MAX_URL = 2_048
_URL_LIKE = re.compile(r"://|www\.|@", re.I)
_LONG_RUN = re.compile(r"\S{" + str(RUN_BREAK + 1) + ",}")
#: A run of digits: where most figures start (a plain charset prefix, so the scan is fast); extraction reads
#: at most ``anchor_limit`` of them in a sentence.
DIGIT_RUN = re.compile(r"\d+|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
_SENTENCE_DIGIT = re.compile(r"[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
_LETTERS = re.compile(r"[^\W\d_]+")
#: Every word a number-word or period-word pattern is made of: a sentence with none of them (and no
#: digit) cannot hold a figure or a date.
_ANCHOR_WORDS = frozenset(piece for word in (*NUMBER_WORDS, *PERIOD_WORDS) for piece in _LETTERS.findall(word.lower()))

#: The figure scan: (sentences, number-word offsets, month/period-word offsets) -> figures.
FigureScanner = Callable[[list[tuple[int, int]], list[int], list[int]], list[Any]]


@dataclass(frozen=True, slots=True)
class Parsed:
    """What the pipeline read in a text: sentence spans, known-entity mentions, and the scanner's figures."""

    sentences: list[tuple[int, int]]
    entities: list[tuple[int, int, str]]
    figures: list[Any]


def _register() -> None:
    global _REGISTERED
    if _REGISTERED:
        return
    from spacy.language import Language
    from spacy.tokens import Doc

    for name in ("factcheck_entities", "factcheck_words"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)

    @Language.factory("factcheck_entities")
    def make_entities(nlp: Language, name: str) -> EntityMatcher:
        return EntityMatcher(nlp)

    @Language.factory("factcheck_figures")
    def make_figures(nlp: Language, name: str) -> FigureWords:
        return FigureWords(nlp)

    _REGISTERED = True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans covering ``text``; a sentence longer than ``MAX_CHUNK`` is cut at spaces."""
    starts = sentence_starts(text)
    bounds = [*starts, len(text)]
    spans: list[tuple[int, int]] = []
    for index in range(len(starts)):
        spans.extend(_bounded(text, bounds[index], bounds[index + 1]))
    return spans


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``MAX_CHUNK`` characters, cut after a space where there is one."""
    while end - start > MAX_CHUNK:
        limit = start + MAX_CHUNK
        space = max(text.rfind(" ", start + MAX_CHUNK // 2, limit), text.rfind("\n", start + MAX_CHUNK // 2, limit))
        cut = space + 1 if space > 0 else limit
        yield start, cut
        start = cut
    yield start, end


def cap_anchors(offsets: list[int], sentences: Sequence[tuple[int, int]]) -> list[int]:
    """``offsets`` (sorted) without those past the first ``MAX_ANCHORS`` of their sentence (``MAX_ANCHORS_LONG``
    in a sentence longer than ``LONG_SENTENCE``)."""
    if len(offsets) <= MAX_ANCHORS_LONG:
        return offsets
    starts = [start for start, _end in sentences]
    kept: list[int] = []
    sentence = -1
    count = limit = 0
    for offset in offsets:
        index = bisect.bisect_right(starts, offset) - 1
        if index != sentence:
            sentence, count = index, 0
            limit = anchor_limit(sentences[index][1] - sentences[index][0]) if index >= 0 else MAX_ANCHORS
        count += 1
        if count <= limit:
            kept.append(offset)
    return kept


def anchor_limit(length: int) -> int:
    """How many anchors of each kind are read in a sentence (or piece of one) of ``length`` characters."""
    return MAX_ANCHORS_LONG if length > LONG_SENTENCE else MAX_ANCHORS


def find_anchors(pattern: re.Pattern[str], text: str, sentences: Sequence[tuple[int, int]]) -> list[int]:
    """Starts of ``pattern``'s matches in each sentence, at most the sentence's anchor limit (see ``cap_anchors``)."""
    found: list[int] = []
    for start, end in sentences:
        found.extend(
            match.start() for match in itertools.islice(pattern.finditer(text, start, end), anchor_limit(end - start))
        )
    return found


def _has_anchor(text: str, start: int, end: int) -> bool:
    """Whether a figure or date may start in ``text[start:end]``: a digit, a number word or a period word."""
    if _SENTENCE_DIGIT.search(text, start, end) is not None:
        return True
    return not _ANCHOR_WORDS.isdisjoint(_LETTERS.findall(text[start:end].lower()))


def anchor_chunks(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of consecutive sentences that may hold figures, each at most ``MAX_CHUNK`` characters."""
    chunks: list[tuple[int, int]] = []
    for start, end in sentences:
        if not _has_anchor(text, start, end):
            continue
        if chunks and chunks[-1][1] == start and end - chunks[-1][0] <= MAX_CHUNK:
            chunks[-1] = (chunks[-1][0], end)
        else:
            chunks.append((start, end))
    return chunks


def tokenizer_text(text: str) -> str:
    """``text`` with a space every ``RUN_BREAK`` characters inside very long whitespace-free runs.

    Same length as ``text``: token offsets stay offsets into it.  spaCy's tokenizer strips
    prefixes and suffixes one at a time from a token, re-searching it each time, so a long run of
    ``$``, ``,`` or ``*`` costs time quadratic in its length; broken runs cost linear time.
    """
    if _LONG_RUN.search(text) is None:
        return text
    chars = list(text)
    for match in _LONG_RUN.finditer(text):
        if match.end() - match.start() <= MAX_URL and _URL_LIKE.search(match.group()):
            continue  # a web or e-mail address stays whole, as spaCy's URL rules expect it
        for position in range(match.start() + RUN_BREAK, match.end(), RUN_BREAK):
            chars[position] = " "
    return "".join(chars)


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (always including 0)."""
    starts: set[int] = {0}
    for match in _SENTENCE_END.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
        token = word.group(0) if word is not None else ""
        if token.lower() in _ABBREVIATIONS or (len(token) == 1 and token.isupper()) or "." in token:
            continue
        after = match.end()
        while after < len(text) and text[after].isspace():
            after += 1
        if after < len(text):
            starts.add(after)
    for match in _PARAGRAPH_BREAK.finditer(text):
        after = match.end()
        while after < len(text) and text[after] in " \t\n":
            after += 1
        if after >= len(text):
            continue
        last = match.start() - 1
        while last >= 0 and text[last] in " \t\n":
            last -= 1
        if last < 0:
            continue
        last_char = text[last]
        word = _LAST_WORD.search(text, max(0, last - 30), last + 1)
        last_word = word.group(0).lower() if word is not None else ""
        next_char = text[after]
        if last_char in ",-–(&/" or last_word in _CONTINUES:
            continue
        if next_char.isupper() or next_char.isdigit() or last_char in ".!?:;\"”'’)":
            starts.add(after)
    return sorted(starts)


class EntityMatcher:
    """Known entity aliases (exact and case-insensitive for long names) -> ``Doc._.factcheck_entities``."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self._nlp = nlp
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._names: dict[int, str] = {}
        self.empty = True

    def add(self, entities: Sequence[tuple[str, Sequence[str]]]) -> None:
        for name, aliases in entities:
            key = self._nlp.vocab.strings.add(f"factcheck_entity:{name}")
            self._names[key] = name
            exact = [alias for alias in {name, *aliases} if len(alias) <= 6 or alias.isupper()]
            lower = [alias for alias in {name, *aliases} if alias not in exact]
            if exact:
                self._exact.add(str(key), [self._nlp.make_doc(alias) for alias in exact])
            if lower:
                self._lower.add(str(key), [self._nlp.make_doc(alias) for alias in lower])
            self.empty = False

    def __call__(self, doc: Any) -> Any:
        if self.empty:
            doc._.factcheck_entities = []
            return doc
        spans: list[tuple[int, int, str]] = []
        for matcher in (self._exact, self._lower):
            for match_id, start, end in matcher(doc):
                key = int(self._nlp.vocab.strings[match_id])
                span = doc[start:end]
                spans.append((span.start_char, span.end_char, self._names[key]))
        spans.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        kept: list[tuple[int, int, str]] = []
        for item in spans:
            if kept and item[0] < kept[-1][1]:
                continue
            kept.append(item)
        doc._.factcheck_entities = kept
        return doc


class FigureWords:
    """Number words, month and period words (a PhraseMatcher on the lowercase form) ->
    ``Doc._.factcheck_words`` as (number-word offsets, period-word offsets) in the Doc's text."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._matcher.add("factcheck_number_word", [nlp.make_doc(word) for word in NUMBER_WORDS])
        self._matcher.add("factcheck_period_word", [nlp.make_doc(word) for word in PERIOD_WORDS])
        self._number_key = nlp.vocab.strings["factcheck_number_word"]

    def __call__(self, doc: Any) -> Any:
        number_words: list[int] = []
        period_words: list[int] = []
        for match_id, start, _end in self._matcher(doc):
            (number_words if match_id == self._number_key else period_words).append(doc[start].idx)
        doc._.factcheck_words = (number_words, period_words)
        return doc


def _entity_key(knowledge: Knowledge) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((entity.name, tuple(entity.aliases)) for entity in knowledge.entities)


def _new_nlp() -> Any:
    """``spacy.blank("en")`` with both components, the entity matcher still empty."""
    import spacy

    _register()
    nlp = spacy.blank("en")
    nlp.add_pipe("factcheck_entities")
    nlp.add_pipe("factcheck_figures")
    return nlp


def prepare_nlp() -> None:
    """Build a pipeline before the packs' entities are known (a warming worker process does this while
    the rules are loaded elsewhere); the next :func:`get_nlp` adds the entities to it."""
    with _LOCK:
        if not _PREPARED:
            _PREPARED.append(_new_nlp())


def get_nlp(knowledge: Knowledge) -> Any:
    """The English pipeline for these packs' entities (built once and cached; rebuilt past ``MAX_STRINGS``)."""
    key = _entity_key(knowledge)
    nlp = _NLP_CACHE.get(key)
    if nlp is not None and len(nlp.vocab.strings) < MAX_STRINGS:
        return nlp
    with _LOCK:
        nlp = _NLP_CACHE.get(key)
        if nlp is not None and len(nlp.vocab.strings) < MAX_STRINGS:
            return nlp
        nlp = _PREPARED.pop() if _PREPARED else _new_nlp()
        cast(EntityMatcher, nlp.get_pipe("factcheck_entities")).add(key)
        if len(_NLP_CACHE) > 8:
            _NLP_CACHE.clear()
        _NLP_CACHE[key] = nlp
        return nlp


def run(nlp: Any, text: str, scanner: FigureScanner) -> Parsed:
    """Split ``text`` into sentences, tokenise the ones that may hold figures and run the components on
    them, then run ``scanner`` over the whole text.  Offsets in the result are offsets into ``text``."""
    sentences = sentence_spans(text)
    entities: list[tuple[int, int, str]] = []
    number_words: list[int] = []
    period_words: list[int] = []
    for chunk_start, chunk_end in anchor_chunks(text, sentences):
        doc = nlp.make_doc(tokenizer_text(text[chunk_start:chunk_end]))
        for _name, component in nlp.pipeline:
            doc = component(doc)
        entities.extend((start + chunk_start, end + chunk_start, name) for start, end, name in doc._.factcheck_entities)
        numbers, periods = doc._.factcheck_words
        number_words.extend(offset + chunk_start for offset in numbers)
        period_words.extend(offset + chunk_start for offset in periods)
    return Parsed(sentences, entities, scanner(sentences, number_words, period_words))
