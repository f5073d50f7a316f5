"""Attribution: what a figure measures (metric), whom it is about (entity), when (as-of),
which whole it is part of, and the semantic flags the checks read.

Entities come from three places, in this order of trust:
1. the rule packs (``Knowledge.entities``), matched by spaCy's PhraseMatcher, and
   near misses of their names matched with rapidfuzz;
2. names the document defines itself: "Full Name (ACR)" gives ACR (or the pack's name);
3. the subject of the sentence, when it is a capitalised name the document uses again.
A claim with none of those in its sentence takes the document's main subject when one
entity clearly dominates the document; otherwise its entity is null.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.extract import entities
from factcheck.extract.figures import Figure
from factcheck.extract.patterns_en import (
    FOUNDING_VERBS,
    MEASURE_NOUNS,
    METRIC_DROP_LEADING,
    METRIC_STOPWORDS,
    MONTHS,
    NAME_STOPWORDS,
    PART_CONNECTORS,
    SELF_REFERENCES,
    SUBJECT_VERBS,
    word_set,
)
from factcheck.knowledge import Knowledge

Mention = tuple[int, int, str]

_CAP_WORD = r"[A-Z][\w&'’.@+-]*"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
#: Words that cannot be the verb after a subject ("Together with", "Life and Health").
_NOT_VERBS = word_set(
    "of in on at by for from to with into onto across through over under about around than as and or but nor "
    "which that who whom whose where when while the a an its their our this these those"
)
_LINK_WORD = r"(?:of|and|for|the|on|in|&|de|du)"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
#: Words that cannot be the verb after a subject ("Together with", "Life and Health").
_NOT_VERBS = word_set(
    "of in on at by for from to with into onto across through over under about around than as and or but nor "
    "which that who whom whose where when while the a an its their our this these those"
)
_LINK_WORD = r"(?:of|and|for|the|on|in|&|de|du)"
#: "Full Name (ACR)", "Hong Kong Cyberport Management Company Limited\n(Cyberport)".
DEFINITION = re.compile(
    r"(?P<long>" + _CAP_WORD + r"(?:,?[ \t]*\n?[ \t]*(?:" + _LINK_WORD + r"|" + _CAP_WORD + r")){0,10})"
    r"[ \t]*\n?[ \t]*\((?:the\s+)?[“\"']?(?P<short>[A-Z][\w&@+.'’-]{1,24}(?:[ \t][A-Z][\w&'-]*){0,2})[”\"']?\)"
)
#: A capitalised name of up to seven words, possibly across an OCR line break: "Hong Kong Science Park".
_NAME_NP = _CAP_WORD + r"(?:" + _GAP + r"(?:(?:of|and|for|&)" + _GAP + r")?" + _CAP_WORD + r"){0,6}"
#: The "(ACR)" of "Full Name (ACR)": found first (anchored at "("), then the name is read backwards.
ACRONYM = re.compile(r"\((?:the\s+)?[“\"']?(?P<short>[A-Z][\w&@+.'’-]{1,24}(?:[ \t][A-Z][\w&'-]*){0,2})[”\"']?\)")
_NAME_TOKEN = re.compile(r"[A-Za-z][\w&'’.@+-]*|\n[ \t]*\n|[^\sA-Za-z]")
_LINK_WORDS = word_set("of and for the on in & de du")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][A-Za-z]{2,}\b")
_TITLES = word_set("mr mrs ms dr prof professor president chairman chairperson sir madam mdm ceo director secretary")
_SUBJECT = re.compile(
    r"(?:(?P<lead>[^,;:.\n]{0,90}),\s+)?(?:the\s+|The\s+)?(?P<np>" + _NAME_NP + r")"
    r"(?:’s|'s)?\s+(?:(?:also|now|currently|further|still|already|actively|has|have|is|was|will|had)\s+)?(?P<verb>[a-z]+)"
)
#: A capitalised name followed by a verb anywhere in a clause ("neither Hong Kong celebrates its 25th").
_CLAUSE_SUBJECT = re.compile(
    r"(?<![\w&'’-])(?:the\s+|The\s+)?(?P<np>" + _NAME_NP + r")"
    r"(?:\s*\([^()]{1,40}\))?\s+(?:(?:also|now|currently|further|still|already|actively|has|have|is|was|will|had|has\s+been|have\s+been)\s+)?"
    r"(?P<verb>" + "|".join(SUBJECT_VERBS) + r"|[a-z]{3,}ed)\b"
)
_WORD = re.compile(r"[A-Za-z][\w&@'’/-]*|\S")
_AS_OF_BEFORE = re.compile(r"(?:(?<![\w])(?:as\s+(?:at|of|on)|up\s+(?:to|till|until)|by)\s+(?:the\s+)?)$", re.I)
_FOUNDING_BEFORE = re.compile(
    r"(?<![\w])(?:"
    + "|".join(verb.replace(" ", r"\s+") for verb in FOUNDING_VERBS)
    + r")\s+(?:(?:in|on|since|during)\s+)?(?:the\s+year\s+)?$",
    re.I,
)
_FOUNDING_AFTER = re.compile(
    r"^,?\s+[^.;]{0,80}?\b(?:was|were|has\s+been|had\s+been|is|been)\s+(?:"
    + "|".join(verb.replace(" ", r"\s+") for verb in FOUNDING_VERBS)
    + r")\b",
    re.I,
)
_ANNIVERSARY_AFTER = re.compile(r"\s*anniversar", re.I)
_CONTINUOUS_BEFORE = re.compile(r"(?<![\w])(?:for|over)\s+(?:the\s+(?:past|last)\s+)?$", re.I)
_CELEBRATION = re.compile(r"celebrat|anniversar|commemorat|\bmark(?:s|ed|ing)?\b|jubilee", re.I)
_TOTAL_BEFORE = re.compile(
    r"(?<![\w])(?:a\s+total\s+(?:sum\s+)?of|in\s+total|total(?:ling|ing|s|led|ed)?|altogether|combined|aggregate)\b[^.;,:]{0,30}$",
    re.I,
)
_TOTAL_AFTER = re.compile(r"^[^.;,]{0,30}?\b(?:in\s+total|altogether|in\s+all)\b", re.I)
_SHARE_AFTER = re.compile(r"\s*(?:of|share\s+of)\s", re.I)
_CONNECTOR_BEFORE_PART = re.compile(
    r"(?<![\w])(?:" + "|".join(c.replace(" ", r"\s+") for c in PART_CONNECTORS) + r")(?![\w])[^.;]{0,30}$", re.I
)
_LIST_CONTINUES = re.compile(r"[^.;:]{0,50}?(?:,|\band)\s*", re.I)
_SUBSET_AFTER = re.compile(
    r"\s*(?:are|were|is|was|being|have\s+been|had\s+been)?\s*(?:(?:committed|dedicated|engaged|working|employed|focus(?:ed|ing)?|involved|specialis(?:ed|ing)|specializ(?:ed|ing))\s+(?:to|in|on)\s+|focus\s+on\s+|in\s+)?(?P<np>[^.,;:()]{1,60})",
    re.I,
)
_OF_BEFORE = re.compile(
    r"(?P<np>(?:[A-Za-z][\w&'’-]*\s+){0,3}[A-Za-z][\w&'’-]*)\s+of\s+(?:(?:about|around|approximately|over|more\s+than|some|up\s+to|nearly|almost|at\s+least|roughly)\s+)?$",
    re.I,
)
_PAREN_BEFORE = re.compile(r"(?P<np>(?:[A-Za-z][\w&'’-]*\s+){0,3}[A-Za-z][\w&'’-]*)\s*\($")


@dataclass(slots=True)
class DocumentContext:
    """What attribution knows about a whole document (built once per document)."""

    #: Document-defined names: alias -> canonical.
    defined: dict[str, str] = field(default_factory=dict)
    #: Mentions of defined names and known aliases, absolute offsets, sorted.
    mentions: list[Mention] = field(default_factory=list)
    main_subject: str | None = None
    known_names: frozenset[str] = frozenset()
    #: One-word name -> whether it appears capitalised inside a sentence (memo: one search of the text per name).
    used_inside: dict[str, bool] = field(default_factory=dict)


def _initials(words: Sequence[str]) -> str:
    return "".join(char for word in words for char in word if char.isupper())


def _subsequence(short: str, long: str) -> bool:
    iterator = iter(long)
    return all(char in iterator for char in short)


def _define(long_text: str, short: str) -> str | None:
    """The long name that ``short`` abbreviates, trimmed to the words it needs; None if no match."""
    words = long_text.split()
    while words and (words[0].lower() in NAME_STOPWORDS or words[0][0].islower()):
        words = words[1:]
    if not words:
        return None
    short_letters = "".join(char for char in short if char.isupper())
    lowered = short.lower()
    # "Hong Kong Cyberport Management Company Limited (Cyberport)": the short form is a word of the long one.
    if any(word.lower() == lowered for word in words) or (" " in short and short.lower() in " ".join(words).lower()):
        return " ".join(words)
    if len(short_letters) < 2:
        return None
    if not any(char.isupper() for char in short[1:]) and not _initials(words).startswith(short[:1]):
        return None
    # The shortest tail of the long name whose initials still spell the acronym.
    best: list[str] | None = None
    for index in range(len(words)):
        candidate = words[index:]
        if candidate[0][0] == short_letters[0] and _subsequence(short_letters, _initials(candidate)):
            best = candidate
    if best is None and len(short_letters) >= 3:
        # "Microelectronics Centre (MEC)": the letters of the acronym, in order, within the name's letters.
        for index in range(len(words)):
            candidate = words[index:]
            letters = "".join(candidate).lower()
            if candidate[0][0] == short_letters[0] and _subsequence(short.lower(), letters) and len(candidate) >= 2:
                best = candidate
    return " ".join(best) if best else None


def _name_before(text: str, end: int) -> str:
    """The run of capitalised words (and "of", "and", ...) that ends right before ``end``."""
    tokens = _NAME_TOKEN.findall(text, max(0, end - 160), end)
    words: list[str] = []
    for token in reversed(tokens):
        if token[0].isupper():
            words.append(token)
        elif token in _LINK_WORDS or token == ",":
            if not words:
                break
            words.append(token)
        else:
            break
        if len(words) > 14:
            break
    while words and (words[-1] in _LINK_WORDS or words[-1] == ","):
        words.pop()
    return " ".join(reversed(words)).replace(" ,", ",")


def _common_phrase(long_name: str, text: str) -> bool:
    """ "Innovation & Technology (I&T)" names a topic, not a body: the words also appear in lower case."""
    lowered = long_name.lower()
    return any(variant in text for variant in {lowered, lowered.replace("&", "and"), lowered.replace(" and ", " & ")})


def _case_sensitive(name: str) -> bool:
    return len(name) <= 6 or name.isupper()


def build_context(text: str, knowledge: Knowledge, alias_index: dict[str, str]) -> DocumentContext:
    """Defined names, mentions and the main subject of a document."""
    context = DocumentContext(known_names=frozenset(entity.name for entity in knowledge.entities))
    for match in ACRONYM.finditer(text):
        short = re.sub(r"\s+", " ", match.group("short")).strip()
        long_text = _name_before(text, match.start())
        long_name = _define(long_text, short) if long_text else None
        if long_name is None or _common_phrase(long_name, text):
            continue
        # The long name is canonical (another document may state it without the abbreviation).
        canonical = alias_index.get(short.lower()) or alias_index.get(long_name.lower()) or long_name
        context.defined.setdefault(short, canonical)
        context.defined.setdefault(long_name, canonical)
    for name, canonical in entities.used_names(text, alias_index).items():
        context.defined.setdefault(name, canonical)
    for name, canonical in entities.initialisms(text, alias_index, context.defined).items():
        context.defined.setdefault(name, canonical)
    names = {name: canonical for name, canonical in context.defined.items()}
    for entity in knowledge.entities:
        for alias in (entity.name, *entity.aliases):
            names.setdefault(alias, entity.name)
    # "the park" for the one park the document names ("Northgate Park"), which the document thereby defines.
    present = [(name, canonical) for name, canonical in names.items() if " " in name and name in text]
    references, named = entities.head_references(text, present, context.defined, alias_index)
    for name, canonical in named.items():
        context.defined.setdefault(name, canonical)
        names.setdefault(name, canonical)
    if names:
        # Case-sensitive and with no look-behind, so the regex engine can skip ahead on the first letters
        # (ten times faster than re.I); the left word boundary is checked by hand.  Long names also match
        # in lower case and in capitals ("SCIENCE PARK" in a heading).
        variants = dict(names)
        for name, canonical in names.items():
            if not _case_sensitive(name):
                variants.setdefault(name.lower(), canonical)
                variants.setdefault(name.upper(), canonical)
        pattern = re.compile(
            r"(?:"
            + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in sorted(variants, key=len, reverse=True))
            + r")(?![\w])"
        )
        for match in pattern.finditer(text):
            if match.start() > 0 and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "_"):
                continue
            found = variants.get(re.sub(r"\s+", " ", match.group(0)))
            if found is not None:
                context.mentions.append((match.start(), match.end(), found))
    if references:
        context.mentions = sorted(context.mentions + references)
    context.main_subject = _dominant(Counter(canonical for _, _, canonical in context.mentions), 3)
    if context.main_subject is None:
        # No defined or known name dominates: a capitalised word that does ("Cyberport" in its own release).
        words = Counter(
            word
            for word in _CAPITALISED_WORD.findall(text)
            if word.lower() not in NAME_STOPWORDS and word.lower() not in MONTHS and word.lower() not in _TITLES
        )
        context.main_subject = _dominant(words, 8)
    return context


def _dominant(counts: Counter[str], least: int) -> str | None:
    """The most frequent name when it has at least ``least`` mentions and twice as many as the next."""
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= least and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def _name(np: str, text: str, context: DocumentContext, position: int) -> str | None:
    """A subject noun phrase as an entity name, or None when it is not a name."""
    np = entities.strip_possessive(re.sub(r"\s+", " ", np).strip().rstrip("."))
    words = np.split()
    if not words:
        return None
    first = words[0].lower().rstrip(".")
    if first in _TITLES or first in NAME_STOPWORDS or first in MONTHS or first.endswith("ing") or np.endswith("-"):
        return None
    if np in context.defined:
        return context.defined[np]
    if len(np) < 3:
        return None
    if len(words) == 1:
        # "the Programme": an anaphor for the last defined name ending in that word.
        anaphor = _anaphor(np, context, position)
        if anaphor is not None:
            return anaphor
        # A one-word name must also appear capitalised inside sentences ("... at Cyberport"), not only
        # at their starts ("Funding support from ...").
        if np not in context.used_inside:
            context.used_inside[np] = re.search(r"[a-z,] " + re.escape(np) + r"\b", text) is not None
        if not context.used_inside[np]:
            return None
    return np


def _anaphor(word: str, context: DocumentContext, position: int) -> str | None:
    lowered = word.lower()
    candidates = {name for name in context.defined if name.lower().split()[-1] == lowered and " " in name}
    if not candidates:
        return None
    canonicals = {context.defined[name] for name in candidates}
    starts = [mention[0] for mention in context.mentions]
    index = bisect.bisect_left(starts, position) - 1
    while index >= 0:
        if context.mentions[index][2] in canonicals:
            return context.mentions[index][2]
        index -= 1
    # "The Fund's board met ..." before the document names it in full: the one name it can be.
    return next(iter(canonicals)) if len(canonicals) == 1 else None


def sentence_subject(text: str, start: int, end: int, context: DocumentContext) -> str | None:
    """A capitalised name opening the sentence ("Cyberport currently houses ...")."""
    match = _SUBJECT.match(text, start, min(end, start + 200))
    if match is None or match.group("verb") in _NOT_VERBS:
        return None
    return _name(match.group("np"), text, context, match.start("np"))


#: How far before a figure ``clause_subject`` looks (bounded work per figure, however long the sentence).
CLAUSE_WINDOW = 600


def clause_subject(text: str, start: int, end: int, context: DocumentContext) -> str | None:
    """The last capitalised name followed by a verb in ``text[start:end]`` (its last ``CLAUSE_WINDOW`` characters)."""
    best: str | None = None
    for match in _CLAUSE_SUBJECT.finditer(text, max(start, end - CLAUSE_WINDOW), end):
        name = _name(match.group("np"), text, context, match.start("np"))
        if name is not None:
            best = name
    return best


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, end))


def _clean_metric(words: list[str]) -> str | None:
    while words and (
        words[0].lower() in METRIC_DROP_LEADING
        or (words[0].lower().endswith("ed") and "-" not in words[0] and len(words) > 1)
    ):
        words = words[1:]
    while words and words[-1].lower() in METRIC_STOPWORDS:
        words = words[:-1]
    if not words:
        return None
    metric = " ".join(words).lower().strip("-'’\"“”")
    return metric or None


def _plural(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "ous")) and len(lowered) > 3
    ) or lowered in (
        "people",
        "staff",
        "personnel",
        "children",
    )


def metric_after(text: str, start: int, limit: int) -> str | None:
    """The noun phrase right after a figure: "2,000 tech companies, including" -> "tech companies"."""
    return metric_after_span(text, start, limit)[0]


#: "2 100 high-quality information and communications technology (ICT) enterprises": the words before
#: a bracketed acronym spell out the acronym, the noun after it is the head.
_ACRONYM_HEAD = re.compile(
    r"(?:[^.;:()\n]|\n(?![ \t]*\n)){0,90}?\((?P<acr>[A-Z][A-Za-z&]{1,9})\)\s+(?P<head>[a-z][a-z-]+s)\b"
)


#: "8 per cent year on year": a rate's period, not what it measures.
_RATE_PERIOD = re.compile(r"\s*(?:year|month|quarter|week)[\s-]+(?:on|over)[\s-]+(?:year|month|quarter|week)\b", re.I)
#: "3.5% last year", "8 per cent this quarter": when, not what.
_RELATIVE_PERIOD = re.compile(
    r"\s*(?:last|this|next|previous|past|the\s+same)\s+(?:year|month|quarter|week|period)\b", re.I
)
#: A figure or a determiner right after a past tense: it is a verb ("campus welcomed 3 tenants", "park added the").
_OBJECT_AFTER = re.compile(r"\s+(?:\d|(?:the|a|an|its|their|our|over|more|about|around|some|nearly|almost)\b)")
#: A figure right after a word in -s: it is a verb ("the 22-hectare park hosts 300 firms"; not "companies a year").
_FIGURE_AFTER = re.compile(r"\s+\d")


def metric_after_span(text: str, start: int, limit: int) -> tuple[str | None, int]:
    """The noun phrase after a figure and where it ends."""
    if _RATE_PERIOD.match(text, start, limit) or _RELATIVE_PERIOD.match(text, start, limit):
        return None, start
    acronym = _ACRONYM_HEAD.match(text, start, min(limit, start + 90))
    if acronym is not None and _plural(acronym.group("head")):
        return f"{acronym.group('acr').lower()} {acronym.group('head')}", acronym.end()
    words: list[str] = []
    end = start
    pending_and = False
    for match in _WORD.finditer(text, start, min(limit, start + 90)):
        word = match.group(0)
        lowered = word.lower()
        if lowered in ("and", "or", "&") and words and not _plural(words[-1]) and not pending_and:
            pending_and = True  # "private and public partners", "R&D and business development positions"
            words.append(word)
            continue
        if not word[0].isalpha() or lowered in METRIC_STOPWORDS or lowered in _PRONOUNS:
            break
        if lowered in MONTHS and not words:
            break
        if lowered.endswith("ing") and words and not pending_and:
            break  # "R&D companies operating in ..."
        if words and (
            (lowered.endswith("ed") and _OBJECT_AFTER.match(text, match.end()))
            or (lowered.endswith("s") and _FIGURE_AFTER.match(text, match.end()))
        ):
            break  # "The 12-hectare campus welcomed 3 new anchor tenants"
        words.append(word)
        end = match.end()
        pending_and = False
        if len(words) >= 6 or _plural(word):
            break
        # A line break inside the phrase is fine (OCR wraps), a paragraph break is not.
        if "\n\n" in text[match.end() : match.end() + 3]:
            break
    if pending_and:
        words = words[:-1]
    if len(words) == 1 and words[0].lower().endswith(("ed", "ing")) and "-" not in words[0]:
        return None, start  # "$2 million spent on", "HK$1 invested by"
    return _clean_metric(words), end


_PRONOUNS = word_set("them it us they we you he she him her those these this that which")


def metric_before(text: str, start: int, floor: int) -> str | None:
    """ "a dedicated professional cadre of over 24,000" -> "professional cadre"; "IT (31%)" -> "it"."""
    window_start = max(floor, start - 80)
    # Each regex is tried only when what it ends with is there: "of" in the window, "(" right before the figure.
    match = _OF_BEFORE.search(text, window_start, start) if "of" in text[window_start:start].lower() else None
    if match is not None:
        words = match.group("np").split()
        kept: list[str] = []
        for word in reversed(words):
            if word.lower() in METRIC_STOPWORDS:
                break
            kept.insert(0, word)
        return _clean_metric(kept[-3:])
    match = _PAREN_BEFORE.search(text, window_start, start) if text[window_start:start].endswith("(") else None
    if match is not None and re.search(r"\d\s*$", text[max(window_start, match.start() - 12) : match.start()]):
        return None  # "$9 million (about $7 million net)": the word before the bracket belongs to a figure
    if match is not None:
        words = match.group("np").split()
        kept = []
        for word in reversed(words):
            if word.lower() in METRIC_STOPWORDS:
                break
            kept.insert(0, word)
        return _clean_metric(kept[-3:])
    return None


def as_of_phrases(text: str, figures: Sequence[Figure], sentence_of: Sequence[int]) -> dict[int, str]:
    """Sentence index -> the ISO date of its as-of phrase ("As at the end of October 2024" -> "2024-10")."""
    found: dict[int, str] = {}
    for index, figure in enumerate(figures):
        if figure.kind not in ("date", "year") or not isinstance(figure.value, (str, int)):
            continue
        if _AS_OF_BEFORE.search(text, max(0, figure.start - 20), figure.start) is None:
            continue
        value = str(figure.value)
        if "/" in value or value.startswith("X"):
            value = str(figure.upper)[:7] if figure.upper else value
        found.setdefault(sentence_of[index], value)
        figure.flags.append("as-of")
    return found


def semantic_flags(text: str, figure: Figure, sentence: tuple[int, int]) -> None:
    """anniversary, founding, total, share — the tags cross-document checks read."""
    s_start, s_end = sentence
    flags = figure.flags
    if figure.kind == "ordinal" and _ANNIVERSARY_AFTER.match(text, figure.end, s_end):
        flags.append("anniversary")
    if figure.kind == "duration" and figure.unit == "year":
        before = text[max(s_start, figure.core_start - 30) : figure.core_start]
        continuous = re.search(
            r"(?:continuous|consecutive|successive|straight)\s+years?", text[figure.core_start : figure.end], re.I
        )
        if (continuous and _CONTINUOUS_BEFORE.search(before)) or (
            _CELEBRATION.search(text, s_start, s_end)
            and re.match(r"\s+of\b|\s*$|\s*[,.;]", text[figure.end : figure.end + 5])
            and not re.search(r"(?:past|last|next|coming|first|within)\s+$", before, re.I)
        ):
            flags.append("anniversary")
    if figure.kind in ("year", "date") and (
        _FOUNDING_BEFORE.search(text, max(s_start, figure.start - 40), figure.start)
        or (
            _FOUNDING_AFTER.match(text[figure.end : min(s_end, figure.end + 140)])
            and re.search(r"(?<![\w])(?:in|on|since)\s+$", text[max(s_start, figure.start - 12) : figure.start], re.I)
        )
    ):
        flags.append("founding")
    if figure.kind in ("count", "money", "quantity", "number", "percent") and (
        _TOTAL_BEFORE.search(text, max(s_start, figure.start - 45), figure.start)
        or _TOTAL_AFTER.match(text[figure.end : min(s_end, figure.end + 40)])
    ):
        flags.append("total")
    if figure.kind == "percent" and _SHARE_AFTER.match(text, figure.end, s_end) and "share" not in flags:
        flags.append("share")


def link_parts(text: str, figures: Sequence[Figure], sentence_of: Sequence[int]) -> None:
    """ "X, of which Y", "X, including Y and Z": Y and Z get ``part_of`` = X."""
    for index, figure in enumerate(figures):
        if figure.kind not in ("count", "money", "quantity", "percent"):
            continue
        sentence = sentence_of[index]
        # The whole is the nearest earlier figure of the same kind in the sentence, with a connector right
        # before this figure ("..., of which more than 15,000"), or a list that continues ("... and 10 unicorns").
        for whole_index in range(index - 1, -1, -1):
            whole = figures[whole_index]
            if sentence_of[whole_index] != sentence:
                break
            if whole.kind != figure.kind:
                continue
            between = text[whole.end : figure.start]
            if ";" in between or len(between) > 160:
                break
            connector = _CONNECTOR_BEFORE_PART.search(between)
            if connector is not None and connector.start() <= 100:
                figure.part_of = whole_index
            elif whole.part_of is not None and _LIST_CONTINUES.fullmatch(between):
                figure.part_of = whole.part_of
            break


def subset_metric(text: str, figure: Figure, whole: Figure, limit: int) -> str | None:
    """The part's own metric: "of which more than 15,000 are committed to R&D" -> "r&d"."""
    match = _SUBSET_AFTER.match(text, figure.core_end, limit)
    if match is None:
        return None
    words = match.group("np").split()
    return _clean_metric(words[:4])


def nearest_mention(
    mentions: Sequence[Mention], starts: Sequence[int], figure: Figure, sentence: tuple[int, int]
) -> tuple[str | None, str | None]:
    """The known or defined names nearest before and nearest after the figure in its sentence."""
    s_start, s_end = sentence
    left = bisect.bisect_left(starts, s_start)
    best_before: Mention | None = None
    best_after: Mention | None = None
    for position in range(left, len(mentions)):
        mention = mentions[position]
        if mention[0] >= s_end:
            break
        if mention[1] <= figure.start:
            best_before = mention
        elif mention[0] >= figure.end and best_after is None:
            best_after = mention
    return (best_before[2] if best_before else None), (best_after[2] if best_after else None)


_ANNIVERSARY_OF = re.compile(
    r"\s*anniversar\w*(?:\s+[a-z]+){0,2}\s+of\s+(?:the\s+)?(?:(?:establishment|founding|foundation|creation|inauguration|opening|launch)\s+of\s+(?:the\s+)?)?"
    r"(?P<np>" + _NAME_NP + r")"
)
_FOUNDED_SUBJECT = re.compile(r"\s*,\s*(?:(?P<self>we|our|it|its)\b|(?:the\s+)?(?P<np>" + _NAME_NP + r"))")


def special_entity(
    text: str, figure: Figure, sentence: tuple[int, int], mentions: Sequence[Mention], context: DocumentContext
) -> str | None:
    """Entities fixed by the wording: "the 25th anniversary of the establishment of the HKSAR",
    "Established in May 2001, the HKSTPC is ...", "Established in 2001, we ..."."""
    s_end = sentence[1]
    if "anniversary" in figure.flags and figure.kind == "ordinal":
        match = _ANNIVERSARY_OF.match(text, figure.end, s_end)
        if match is not None:
            return _resolve(match.start("np"), match.end("np"), match.group("np"), text, mentions, context)
    if "founding" in figure.flags:
        match = _FOUNDED_SUBJECT.match(text, figure.end, s_end)
        if match is not None:
            if match.group("self"):
                return context.main_subject
            return _resolve(match.start("np"), match.end("np"), match.group("np"), text, mentions, context)
        before = entities.founded_before(text, sentence[0], figure.start)
        if before is not None:
            return _resolve(*before, text, mentions, context)
    return None


def _resolve(
    start: int, end: int, np: str, text: str, mentions: Sequence[Mention], context: DocumentContext
) -> str | None:
    """A noun phrase as an entity: a mention inside it first, else the phrase as a name."""
    starts = [mention[0] for mention in mentions]
    index = bisect.bisect_left(starts, start)
    if index < len(mentions) and mentions[index][0] < end:
        return mentions[index][2]
    return _name(np, text, context, start)


#: Subjects that say what a figure is without saying what it measures: "The total was $5 million", "It is 40".
_VAGUE_SUBJECTS = word_set(
    "figure figures number numbers total totals amount sum result results value level increase decrease rise fall "
    "change growth difference gap average median majority remainder rest balance target targets goal aim estimate "
    "report document page event deadline date time age first latter former other one ones thing things answer "
    "score count rate ratio share proportion percentage"
)
#: Words that leave a vague subject vague: "the last value", "the final figure".
_VAGUE_MODIFIERS = word_set("last first final latest previous next new same other overall total actual current")
#: The verb of a clause whose complement is the figure: "Revenue rose to", "The site area is", "Exports totalled".
_COMPLEMENT_VERB = (
    r"(?:(?:has|have|had)\s+(?:also\s+|now\s+|further\s+)?)?"
    r"(?:(?:is|are|was|were|been|remains?|remained|stays?|stayed)(?:\s+(?:at|about|around))?"
    r"|stood\s+at|stands?\s+at|amount(?:s|ed)?\s+to|c(?:a|o)me\s+to|comes\s+to|total(?:l?ed|s)?|reach(?:es|ed)?|hit"
    r"|(?:rose|risen|grew|grown|increased|climbed|jumped|surged|soared|fell|fallen|dropped|declined|decreased|"
    r"slipped|shrank|shrunk|expanded|edged\s+(?:up|down))"
    r"(?:\s+(?:from|by)\s+[^,;:]{1,40}?|\s+[\d.,]+\s*(?:%|per\s*cent|percent))?\s+to)"
)
#: The tail of a clause up to a figure that is its verb's complement (matched on the sentence's text before it).
_SUBJECT_COMPLEMENT = re.compile(
    r"(?:^|(?<=[;:,(])|(?<=\band)|(?<=\bbut)|(?<=\bwhile)|(?<=\bwhereas))\s*"
    r"(?:(?P<det>[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er|[Tt]his|[Tt]hat)\s+)?"
    r"(?:(?P<owner>[A-Za-z][\w&-]*(?:\s+(?:(?:of|and|for|&)\s+)?[A-Z][\w&-]*){0,5})['’]s\s+)?"
    r"(?!(?:and|or|but|nor|while|whereas|then|so|yet)\s)(?P<np>[A-Za-z][\w&/-]*(?:\s+[a-z][\w&/-]*){0,3}?)"
    r"(?:\s+(?:in|for|during)\s+(?:the\s+)?(?:(?:financial|fiscal|calendar)\s+)?(?:year\s+)?"
    r"(?:(?:19|20)\d\d(?:[-/]\d{2,4})?|FY\s?\d{2,4}))?"
    r"\s+(?:(?:also|now|then|further|again|still|thus)\s+)?" + _COMPLEMENT_VERB + r"\s+"
    r"(?:(?:a|an)\s+(?:record(?:\s+high\s+of)?|estimated|total\s+of|new\s+(?:high|record)\s+of|all-time\s+high\s+of)\s+"
    r"|record\s+)?$"
)
#: How far before a figure its clause's subject and verb may start.
_SUBJECT_WINDOW = 160


def subject_metric(
    text: str, figure: Figure, sentence: tuple[int, int], context: DocumentContext
) -> tuple[str, tuple[int, int] | None] | None:
    """The subject noun phrase of the clause whose verb's complement the figure is: "Revenue rose to $52 million"
    -> "revenue", "The park's site area is 12 hectares" -> "site area" and the possessor's span ("The park"),
    "Its workforce grew to 1,200" -> "workforce".  None when the subject is a name ("Cyberport is 24 hectares"), a
    pronoun, a vague word ("The total was $5 million") or not at the start of its clause ("Rents in the park rose
    to ...": a prepositional phrase hides the head)."""
    start = max(sentence[0], figure.start - _SUBJECT_WINDOW)
    if start != sentence[0]:
        # A window inside the sentence: begin it after a clause boundary, so "^" means one.
        boundary = max(text.rfind(char, start, figure.start) for char in ";:,(")
        if boundary == -1:
            return None
        start = boundary + 1
    match = _SUBJECT_COMPLEMENT.search(text[start : figure.start])
    if match is None:
        return None
    words = match.group("np").split()
    for position, word in enumerate(words):
        lowered = word.lower()
        if lowered in METRIC_STOPWORDS or lowered in _PRONOUNS or lowered in _NOT_VERBS:
            return None
        if word[0].isupper():
            # Only the first word of a clause with no determiner may be capitalised, and only when the
            # document does not use it as a name ("Revenue", not "Cyberport").
            if position > 0 or match.group("det") or match.group("owner") or word.isupper():
                return None
            if re.search(r"[a-z,] " + re.escape(word) + r"\b", text) is not None or word in context.defined:
                return None
            # A capitalised word alone ("Revenue", "Cyberport"): a common noun only when the document also writes it
            # in lower case or it is a common measure; "Site area", "Operating profit" are no names.
            if len(words) == 1 and lowered not in MEASURE_NOUNS and re.search(r"\b" + lowered + r"\b", text) is None:
                return None
    if words[-1].lower() in _VAGUE_SUBJECTS and (len(words) == 1 or words[0].lower() in _VAGUE_MODIFIERS):
        return None  # "The total", "The last value", "The final figure"
    metric = _clean_metric(words)
    if metric is None:
        return None
    owner = (start + match.start("owner"), start + match.end("owner")) if match.group("owner") else None
    return metric, owner


def owner_entity(text: str, span: tuple[int, int], mentions: Sequence[Mention], context: DocumentContext) -> str | None:
    """The possessor of "The park's site area" as an entity: a known or defined name (mention) inside it, else the
    phrase when it is a name the document uses; "the company's" is the document's main subject; another common
    noun ("the campus's" with no campus named) is None: the figure is not the main subject's."""
    start, end = span
    if ("the " + text[start:end].lower()) in SELF_REFERENCES:
        return context.main_subject
    starts = [mention[0] for mention in mentions]
    index = bisect.bisect_left(starts, end) - 1
    # A mention that overlaps the possessor ("The park" starts at the article, before the possessor's noun).
    if index >= 0 and mentions[index][1] > start:
        return mentions[index][2]
    np = text[start:end]
    return None if np[:1].islower() else _name(np, text, context, start)


#: Right before a comparison base that follows its figure: "800 companies, up from 640", "$52 million in 2023,
#: compared with $47 million", "up 25% from", "versus", "against".
_BASE_AFTER = re.compile(
    r"(?:(?<![\w])(?:up|down|rising|falling|rose|grew|fell|dropped|declined|climbed|increased|decreased|"
    r"(?:an?\s+)?(?:increase|decrease|rise|fall|drop|decline)|higher|lower)(?:\s+[^\s,;:]+){0,3}?\s+from"
    r"|(?<![\w])compared\s+(?:with|to)|(?<![\w])(?:as\s+)?against|(?<![\w])versus|(?<![\w])vs\.?"
    r"|(?<![\w])relative\s+to)\s+$"
    r"|\(\s*(?:19|20)\d\d\s*:\s*$",
    re.I,
)
#: What may stand between a figure and the connector of its base: its own period ("in 2023") or a year-earlier
#: phrase, a comma; or the bracket of a prior year ("$9 million (2022: $7 million)").  No ";", no sentence end.
_BETWEEN_FIGURE_AND_BASE = re.compile(r"(?:[^;:.!?()\n]|(?<=vs)\.){0,60}?(?:\(\s*(?:19|20)\d\d\s*:\s*)?")
#: "from 640 to 800 companies": a base before its figure.
_BASE_BEFORE_FROM = re.compile(r"(?<![\w])from\s+$", re.I)
_BASE_BEFORE_TO = re.compile(r"(?:\s+(?:in|at|as\s+(?:at|of)|a\s+year\s+(?:earlier|ago))\s+[^,;:.]{0,25}?)?,?\s+to\s+")
#: The kinds of figure that have a comparison base.
_COMPARED_KINDS = frozenset({"count", "money", "quantity", "number", "percent"})


def comparison_bases(text: str, figures: Sequence[Figure], sentence_of: Sequence[int]) -> dict[int, int]:
    """Base index -> the index of the figure it is compared with, for bases with no metric of their own
    ("800 companies, up from 640 a year earlier": "640" -> "800 companies"; "from $47 million in 2022 to $52
    million in 2023"; "Revenue was $9 million (2022: $7 million)").  A base shares its figure's metric and entity only when its own date differs (a year
    earlier, its own period): "rose from 640 to 800" with one date is two values of one fact, not two facts,
    and a metric would make them conflict."""
    found: dict[int, int] = {}
    for index, figure in enumerate(figures):
        if figure.kind not in _COMPARED_KINDS or figure.metric is not None or figure.part_of is not None:
            continue
        window = text[max(0, figure.start - 40) : figure.start]
        reference: int | None = None
        if _BASE_AFTER.search(window):
            for other in range(index - 1, -1, -1):
                candidate = figures[other]
                if sentence_of[other] != sentence_of[index]:
                    break
                if candidate.kind in ("date", "year") or (
                    candidate.kind != figure.kind and candidate.kind == "percent"
                ):
                    continue  # "in 2023, compared with", "up 25% from"
                if candidate.kind == figure.kind and _BETWEEN_FIGURE_AND_BASE.fullmatch(
                    text, candidate.end, figure.start
                ):
                    reference = other
                break
        if reference is None and _BASE_BEFORE_FROM.search(window):
            for other in range(index + 1, len(figures)):
                candidate = figures[other]
                if sentence_of[other] != sentence_of[index]:
                    break
                if candidate.kind in ("date", "year"):
                    continue
                between = _BASE_BEFORE_TO.match(text, figure.end, candidate.start)
                if candidate.kind == figure.kind and between is not None and between.end() == candidate.start:
                    reference = other
                break
        if reference is None:
            continue
        base_figure = figures[reference]
        if base_figure.metric is not None and base_figure.as_of != figure.as_of:
            found[index] = reference
    return found
