"""The English spaCy pipeline: ``spacy.blank("en")`` plus factcheck's own components.

Components (registered factories, state on namespaced ``Doc._`` extensions):

- ``factcheck_sentences``: spaCy's rule-based sentencizer, plus sentence starts at
  paragraph breaks (a blank line) after headings, and no start inside a sentence that an
  OCR blank line interrupted ("... of I&T\\n\\ndevelopment.").
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

from factcheck.extract.patterns_en import word_set
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

FigureScanner = Callable[[Any], list[Any]]


def _register() -> None:
    global _REGISTERED
    if _REGISTERED:
        return
    from spacy.language import Language
    from spacy.tokens import Doc

    for name in ("factcheck_entities", "factcheck_claims", "factcheck_context"):
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
        return FigureComponent()

    _REGISTERED = True


class SentenceSplitter:
    """Sentence starts from punctuation (spaCy's Sentencizer) and from paragraph breaks."""

    def __init__(self) -> None:
        from spacy.pipeline import Sentencizer

        self._sentencizer = Sentencizer()

    def __call__(self, doc: Any) -> Any:
        doc = self._sentencizer(doc)
        text = doc.text
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
            if not (next_char.isupper() or next_char.isdigit() or last_char in ".!?:;\"”'’)"):
                continue
            span = doc.char_span(after, after + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                doc[span.start].is_sent_start = True
        return doc


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
    """Runs the figure scanner stored on ``Doc._.factcheck_context`` -> ``Doc._.factcheck_claims``."""

    def __call__(self, doc: Any) -> Any:
        scanner: FigureScanner | None = doc._.factcheck_context
        doc._.factcheck_claims = scanner(doc) if scanner is not None else []
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
    doc._.factcheck_context = scanner
    for _name, component in nlp.pipeline:
        doc = component(doc)
    doc._.factcheck_context = None
    return doc
