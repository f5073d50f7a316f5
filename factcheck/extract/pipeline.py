"""The English spaCy pipeline: ``spacy.blank("en")`` plus factcheck's own components.

Components (registered factories, state on namespaced ``Doc._`` extensions):

- ``factcheck_sentences``: sentence starts from sentence-final punctuation (abbreviations
  known) and from paragraph breaks after headings, but not inside a sentence that an OCR
  blank line interrupted ("... of I&T\\n\\ndevelopment.") -> ``Doc._.factcheck_sentences``.
- ``factcheck_entities``: a PhraseMatcher over the entity aliases of the rule packs ->
  ``Doc._.factcheck_entities`` as ``(start_char, end_char, canonical name)``.
- ``factcheck_figures``: the anchored figure scan of ``figures.py``/``dates.py`` ->
  ``Doc._.factcheck_claims`` (see ``en.py``, which turns them into Claims).

spaCy is imported here only, and the nlp object is built once per set of entities.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from typing import Any, cast

from factcheck.extract.patterns_en import NUMBER_WORDS, PERIOD_WORDS, word_set
from factcheck.knowledge import Knowledge

_LOCK = threading.Lock()
_NLP_CACHE: dict[tuple[tuple[str, tuple[str, ...]], ...], Any] = {}
_REGISTERED = False

#: Lowercase words after which a blank line does not end the sentence ("... in\n\nDecember 2022").
_CONTINUES = word_set(
    "a an the and or of in on at by for from to with as than about around over under into onto its their our "
    "his her this that these those which who whose is are was were be been has have had will would can may "
    "including such per via between among"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LAST_WORD = re.compile(r"[A-Za-z]+$")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"[\w.]+$")
_ABBREVIATIONS = word_set(
    "mr mrs ms dr prof st no nos vs etc e.g i.e approx co ltd inc corp jr sr fig figs para paras cap art arts sec "
    "jan feb mar apr jun jul aug sep sept oct nov dec gov govt dept est al ave rd mt"
)

#: The figure scan: (doc, number-word offsets, month/period-word offsets) -> figures.
FigureScanner = Callable[[Any, list[int], list[int]], list[Any]]


def _register() -> None:
    global _REGISTERED
    if _REGISTERED:
        return
    from spacy.language import Language
    from spacy.tokens import Doc

    for name in (
        "factcheck_text",
        "factcheck_sentences",
        "factcheck_entities",
        "factcheck_claims",
        "factcheck_context",
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)

    @Language.factory("factcheck_sentences")
    def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
        return SentenceSplitter()

    @Language.factory("factcheck_entities")
    def make_entities(nlp: Language, name: str) -> EntityMatcher:
        return EntityMatcher(nlp)

    @Language.factory("factcheck_figures")
    def make_figures(nlp: Language, name: str) -> FigureComponent:
        return FigureComponent(nlp)

    _REGISTERED = True


class SentenceSplitter:
    """Sentence boundaries from sentence-final punctuation and paragraph breaks.

    A regex over the text finds the candidates (so no Python loop visits every token); the
    tokens that start sentences get ``is_sent_start``, and the sentences' character spans go
    on ``Doc._.factcheck_sentences``.  Unlike spaCy's Sentencizer this knows abbreviations
    ("Mr.", "e.g.", "No.") and the paragraph breaks of OCR text: a blank line ends a heading or
    a sentence, but not a sentence that breaks mid-phrase ("... of I&T\n\ndevelopment.").
    """

    def __call__(self, doc: Any) -> Any:
        import numpy
        from spacy.attrs import IDX, SENT_START

        text = doc._.factcheck_text or doc.text  # Doc.text joins every token: pass the text when known
        starts = sentence_starts(text)
        if len(doc):
            # One array write in C instead of a Python loop over tokens.
            token_starts = doc.to_array(IDX)
            first_tokens = numpy.searchsorted(token_starts, numpy.asarray(starts, dtype="uint64"), side="right") - 1
            flags = numpy.full(len(doc), -1, dtype="int64")
            flags[first_tokens.clip(0)] = 1
            flags[0] = 1
            doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
        bounds = [*starts, len(text)]
        doc._.factcheck_sentences = [(bounds[i], bounds[i + 1]) for i in range(len(starts))]
        return doc


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


class FigureComponent:
    """Finds number words, month and period words with a PhraseMatcher, then runs the figure scanner
    stored on ``Doc._.factcheck_context`` -> ``Doc._.factcheck_claims``."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._matcher.add("factcheck_number_word", [nlp.make_doc(word) for word in NUMBER_WORDS])
        self._matcher.add("factcheck_period_word", [nlp.make_doc(word) for word in PERIOD_WORDS])
        self._number_key = nlp.vocab.strings["factcheck_number_word"]

    def __call__(self, doc: Any) -> Any:
        scanner: FigureScanner | None = doc._.factcheck_context
        if scanner is None:
            doc._.factcheck_claims = []
            return doc
        number_words: list[int] = []
        period_words: list[int] = []
        for match_id, start, _end in self._matcher(doc):
            (number_words if match_id == self._number_key else period_words).append(doc[start].idx)
        doc._.factcheck_claims = scanner(doc, number_words, period_words)
        return doc


def _entity_key(knowledge: Knowledge) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((entity.name, tuple(entity.aliases)) for entity in knowledge.entities)


def get_nlp(knowledge: Knowledge) -> Any:
    """The English pipeline for these packs' entities (built once, then cached)."""
    key = _entity_key(knowledge)
    nlp = _NLP_CACHE.get(key)
    if nlp is not None:
        return nlp
    with _LOCK:
        nlp = _NLP_CACHE.get(key)
        if nlp is not None:
            return nlp
        import spacy

        _register()
        nlp = spacy.blank("en")
        nlp.add_pipe("factcheck_sentences")
        matcher = cast(EntityMatcher, nlp.add_pipe("factcheck_entities"))
        matcher.add(key)
        nlp.add_pipe("factcheck_figures")
        if len(_NLP_CACHE) > 8:
            _NLP_CACHE.clear()
        _NLP_CACHE[key] = nlp
        return nlp


def run(nlp: Any, text: str, scanner: FigureScanner) -> Any:
    """Tokenise ``text`` and run the components, with ``scanner`` as the figure component's context."""
    doc = nlp.make_doc(text)
    doc._.factcheck_text = text
    doc._.factcheck_context = scanner
    for _name, component in nlp.pipeline:
        doc = component(doc)
    doc._.factcheck_context = None
    doc._.factcheck_text = None
    return doc
