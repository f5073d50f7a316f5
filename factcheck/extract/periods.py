"""Period phrases: the span of time a figure covers when its clause says so.

"RIF approved 312 grants ... in 2024" counts the grants of 2024, and "In the fourth quarter of 2024
alone, RIF approved 97 grants" those of one quarter: both figures take that period as ``as_of``
(flag ``period-phrase``), not the document's date.  A period phrase is a date or year figure the
extractor already found, introduced by "in", "during", "for", "over", "throughout" or "within"
("in 2024", "during 2023", "in the fourth quarter of 2024", "in Q3 2025", "in the first half of
2025", "in 2023-24", "for the year 2024"), or "last year" / "this year" when the document has a date.

``as_of`` keeps the form of the date claim's value: a year "2024", a month "2024-10", a quarter,
half or fiscal year as an ISO 8601 interval of months "2024-10/2024-12".

Scope: the phrase governs the figures of its own clause only.  A clause ends at ";", ":", a dash,
and before ", which|who|bringing|taking|compared|up from|..." (a relative or participle clause, a
comparison), so "... in 2024, bringing its total since launch in 2015 to 2,410 grants" dates the
2024 figures, not the 2,410.  Not period phrases: a date after "since", "from", "until" ("since
launch in 2015") or after an event verb ("established in 2008", "launched in 2014": a founding
year governs nothing else), and ranges such as "from 2016 to 2023" (no introducing preposition).
An as-of phrase in the sentence wins (the caller only asks for figures with no as-of date).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from factcheck.extract.figures import Figure

#: The kinds of figure a period phrase can date.
DATED_KINDS = frozenset({"count", "money", "quantity", "percent", "number"})
#: Flags of a date or year figure that is no period (a founding year, an as-of date, a name).
_NOT_PERIOD_FLAGS = frozenset({"founding", "as-of", "year-name", "anniversary"})

#: The preposition that opens a period phrase, right before the date figure.
_INTRODUCED = re.compile(
    r"(?<![\w])(?:in|during|for|over|throughout|within)\s+(?:the\s+)?"
    r"(?:(?:whole|entire|full|fiscal|financial|calendar)\s+)?(?:year\s+(?:of\s+)?)?$",
    re.I,
)
#: What makes a date after "in" the time of one event or the start of a span, not a period.
_EVENT_BEFORE = re.compile(
    r"(?:(?<![\w])(?:since|from|until|till|after|before|between|by)\s+(?:[A-Za-z'’-]+\s+){0,3}"
    r"|(?<![\w])(?:launch(?:ed|ing)?|open(?:ed|ing)?|establish(?:ed|ing|ment)?|found(?:ed|ing|ation)|set\s+up|"
    r"incorporat(?:ed|ion)|creat(?:ed|ion)|form(?:ed|ation)|inaugurat(?:ed|ion)|built|born|began|begun|"
    r"start(?:ed|ing)?|complet(?:ed|ion)|introduc(?:ed|tion))\s+(?:[A-Za-z-]+\s+)?)$",
    re.I,
)
#: The date names a noun, not a span: "in 2023 prices", "in the 2024 budget" (the date is then a modifier).
_NOUN_AFTER = re.compile(
    r"[ \t]+(?:prices|dollars|terms|money|values?|budget|plan|report|edition|survey|census|figures|data|rankings?)\b",
    re.I,
)
#: "last year", "this year" (resolved from the document's date); not after a comparison ("on last year").
_RELATIVE = re.compile(
    r"(?<![\w-])(?:(?P<prep>in|during|on|than|from|with|over|since|to|versus|vs\.?|against)\s+)?"
    r"(?P<which>last|this)\s+year(?![\w-])",
    re.I,
)
_COMPARISON_PREPS = frozenset({"on", "than", "from", "with", "over", "since", "to", "versus", "vs", "vs.", "against"})
#: Where a clause ends: the phrase before it does not govern the figures after it (and the reverse).
_CLAUSE_BREAK = re.compile(
    r"[;:—]|\s[–-]\s"
    r"|,\s*(?=(?:which|who|whom|whose|where|bringing|taking|raising|lifting|pushing|while|whereas|but|compared|"
    r"up|down|against|versus|since|from|as\s+(?:at|of))\b)"
    r"|\s(?=(?:compared\s+(?:with|to)|up\s+from|down\s+from|versus|than|since)\b)",
    re.I,
)


def _period_value(figure: Figure) -> str | None:
    """The ``as_of`` a date or year figure gives as a period: a year, a month or an interval of months."""
    if figure.kind == "year" and isinstance(figure.value, int):
        return str(figure.value)
    if figure.kind != "date" or not isinstance(figure.value, str):
        return None
    value = figure.value
    if re.fullmatch(r"\d{4}(?:-\d{2})?", value) or re.fullmatch(r"\d{4}(?:-\d{2})?/\d{4}(?:-\d{2})?", value):
        return value
    return None  # a day is an event's date, not a span a figure counts over


def _phrases(
    text: str, figures: Sequence[Figure], sentence_of: Sequence[int], sentences: Sequence[tuple[int, int]]
) -> dict[int, list[tuple[int, int, str]]]:
    """Sentence index -> (start, end, as_of) of each period phrase in it."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    for index, figure in enumerate(figures):
        if figure.kind not in ("date", "year") or _NOT_PERIOD_FLAGS.intersection(figure.flags):
            continue
        value = _period_value(figure)
        if value is None:
            continue
        s_start = sentences[sentence_of[index]][0] if sentences else 0
        window_start = max(s_start, figure.start - 40)
        introduced = _INTRODUCED.search(text, window_start, figure.start)
        if introduced is None or _NOUN_AFTER.match(text, figure.end):
            continue
        if _EVENT_BEFORE.search(text, max(s_start, introduced.start() - 30), introduced.start()):
            continue
        found.setdefault(sentence_of[index], []).append((introduced.start(), figure.end, value))
    return found


def _relative_phrases(text: str, sentence: tuple[int, int], document_date: str | None) -> list[tuple[int, int, str]]:
    if not document_date or not document_date[:4].isdigit():
        return []
    year = int(document_date[:4])
    found: list[tuple[int, int, str]] = []
    for match in _RELATIVE.finditer(text, sentence[0], sentence[1]):
        prep = (match.group("prep") or "").lower()
        if prep in _COMPARISON_PREPS:
            continue
        if text[match.end() : match.end() + 8].lower().lstrip().startswith(("on ", "earlier", "ago")):
            continue  # "year on year", "a year earlier"
        offset = 1 if match.group("which").lower() == "last" else 0
        found.append((match.start(), match.end(), str(year - offset)))
    return found


_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whom|whose|where)\b", re.I)


def _breaks(text: str, sentence: tuple[int, int]) -> list[int]:
    """Where the sentence's clauses end; a relative clause (", which ...,") ends at its closing comma too."""
    breaks = [match.start() for match in _CLAUSE_BREAK.finditer(text, *sentence)]
    for match in _RELATIVE_CLAUSE.finditer(text, *sentence):
        closing = text.find(",", match.end(), sentence[1])
        if closing != -1:
            breaks.append(closing)
    return sorted(breaks)


def period_phrases(
    text: str,
    figures: Sequence[Figure],
    sentence_of: Sequence[int],
    sentences: Sequence[tuple[int, int]],
    document_date: str | None,
) -> dict[int, str]:
    """Figure index -> the period its clause states, for the figures a period phrase governs."""
    phrases = _phrases(text, figures, sentence_of, sentences)
    relative_cue = "year" in text
    governed: dict[int, str] = {}
    sentence_cache: dict[int, tuple[list[tuple[int, int, str]], list[int]]] = {}
    for index, figure in enumerate(figures):
        if figure.kind not in DATED_KINDS:
            continue
        sentence_index = sentence_of[index]
        if sentence_index not in sentence_cache:
            sentence = sentences[sentence_index] if sentences else (0, len(text))
            own = list(phrases.get(sentence_index, ()))
            if relative_cue:
                own.extend(_relative_phrases(text, sentence, document_date))
            breaks = _breaks(text, sentence) if own else []
            sentence_cache[sentence_index] = (own, breaks)
        own, breaks = sentence_cache[sentence_index]
        if not own:
            continue
        clause = bisect.bisect_right(breaks, figure.start)
        best: tuple[int, str] | None = None
        for start, end, value in own:
            if bisect.bisect_right(breaks, start) != clause:
                continue
            distance = figure.start - end if end <= figure.start else start - figure.end
            if best is None or distance < best[0]:
                best = (distance, value)
        if best is not None:
            governed[index] = best[1]
    return governed


#: "up from 640 a year earlier", "against 590 a year ago", "from 610 in the previous year".
_YEAR_EARLIER = re.compile(
    r"[ \t]+(?:[A-Za-z-]+[ \t]+){0,3}?(?:(?:a|one)[ \t]+year[ \t]+(?:earlier|ago|before)|in[ \t]+the[ \t]+"
    r"(?:previous|prior|preceding)[ \t]+year)(?![\w-])",
    re.I,
)
_ISO_PART = re.compile(r"(?<![\d-])(\d{4})(?=-\d{2}|/|$)")


def year_earlier(text: str, figures: Sequence[Figure]) -> list[int]:
    """Indices of the figures stated for a year before their clause's date ("up from 640 a year earlier")."""
    return [
        index
        for index, figure in enumerate(figures)
        if figure.kind in DATED_KINDS and "year" in text[figure.end : figure.end + 60].lower()
        if _YEAR_EARLIER.match(text, figure.end, figure.end + 60)
    ]


def shift_years(as_of: str | None, years: int) -> str | None:
    """ "2024-03-31" -> "2023-03-31", "2024-10/2024-12" -> "2023-10/2023-12" (29 February becomes the 28th)."""
    if not as_of:
        return as_of
    shifted = _ISO_PART.sub(lambda match: str(int(match.group(1)) + years), as_of)
    return shifted.replace("-02-29", "-02-28")


#: "Revenue was $9 million (2022: $7 million)": the prior year's figure of an annual report, in brackets after the
#: current one, opened by its year and a colon.
_BRACKET_YEAR = re.compile(r"\([ \t]*(?P<year>(?:19|20)\d\d)[ \t]*:[ \t]*$")


def bracket_years(text: str, figures: Sequence[Figure]) -> dict[int, str]:
    """Figure index -> the year that opens its brackets: "(2022: $7 million)" -> "2022"."""
    found: dict[int, str] = {}
    for index, figure in enumerate(figures):
        if figure.kind in DATED_KINDS and text[max(0, figure.start - 2) : figure.start].strip().endswith(":"):
            match = _BRACKET_YEAR.search(text, max(0, figure.start - 12), figure.start)
            if match is not None:
                found[index] = match.group("year")
    return found
