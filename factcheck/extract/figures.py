"""Scanning English text for figures: numbers, money, percentages, quantities, ordinals, durations.

The scan is anchored: one regex finds where a figure may start (a digit, a currency
sign or code, a number word) and small anchored regexes read on from there.  No
pattern is tried at every position of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.extract import numbers
from factcheck.extract.intervals import rounding_half_unit
from factcheck.extract.patterns_en import (
    AMBIGUOUS_UNITS,
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIXES,
    DURATION_ADJECTIVES,
    DURATION_UNITS,
    MONTHS,
    NAME_STOPWORDS,
    PERCENT_WORDS,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    QUANTITY_UNITS,
    SCALES,
    SHORT_SCALES,
)


@dataclass(slots=True)
class Figure:
    """A figure found in the text (mutable while extraction refines it; becomes a Claim)."""

    start: int
    end: int
    kind: str
    value: float | int | str | None
    qualifier: str = "exact"
    lower: float | int | str | None = None
    upper: float | int | str | None = None
    unit: str | None = None
    currency: str | None = None
    base_value: float | None = None
    base_unit: str | None = None
    flags: list[str] = field(default_factory=list)
    #: Where the number itself (with currency and unit) ends: metric phrases start after it.
    core_end: int = 0
    #: Where the number itself (with currency) starts: qualifiers stand before it.
    core_start: int = 0
    half_unit: float = 0.0
    below_only: bool = False
    high: float | None = None  # upper end of a range
    high_half_unit: float = 0.0
    form: str = "digits"
    entity: str | None = None
    metric: str | None = None
    as_of: str | None = None
    part_of: int | None = None  # index of the whole in the figure list


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    escaped = (
        re.escape(word).replace(r"\ ", r"\s+").replace(r"\$", r"\\?\$") for word in sorted(words, key=len, reverse=True)
    )
    return "|".join(escaped)


_CURRENCY_CODES = [code for code in CURRENCY_PREFIXES if code.isalpha() or code.endswith(".")]
_CURRENCY_SIGNS = [code for code in CURRENCY_PREFIXES if code not in _CURRENCY_CODES and code != "$"]

#: Where a figure may start.  ``cur`` is a currency written before the number ("HK$", "HK\$", "c $", "RMB").
ANCHOR = re.compile(
    r"(?:(?<![\w$])(?P<cur>(?:"
    + _alternation(_CURRENCY_SIGNS)
    + r"|[Cc]\s?\$|\$))|(?<![\w])(?P<code>"
    + _alternation(_CURRENCY_CODES)
    + r")(?=\s?\\?\$?\s?\d))"
    r"\s?\\?\$?\s{0,2}(?=\d)"
    r"|(?<![\w.,/:#@\-–$])(?=\d)"
    r"|(?<![\w\-])(?=(?:a\s+|an\s+)?(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million|billion|dozen|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth|thousandth|millionth|half)\b)",
    re.I,
)

#: The start of a range's second figure ("–5,000", "to $100 million"), right after the joining word.
SECOND_ANCHOR = re.compile(
    r"(?:(?P<cur>(?:"
    + _alternation(_CURRENCY_SIGNS)
    + r"|[Cc]\s?\$|\$))|(?P<code>"
    + _alternation(_CURRENCY_CODES)
    + r"))?"
    r"\s?\\?\$?\s{0,2}(?=\d|[a-z])",
    re.I,
)

_SCALE_LONG = [word for word in SCALES if word not in SHORT_SCALES]
SCALE_AFTER = re.compile(
    r"(?P<sp>[ \t\u00a0\u2009]*(?:\n[ \t]*){0,2})(?P<scale>" + _alternation(_SCALE_LONG) + r")(?![a-z])", re.I
)
SHORT_SCALE_AFTER = re.compile(r"[ \u00a0]?(?P<scale>" + _alternation(sorted(SHORT_SCALES)) + r")(?![\w])", re.I)
PERCENT_AFTER = re.compile(r"\s?(?P<pct>" + _alternation(PERCENT_WORDS) + r")(?![a-z])", re.I)
ORDINAL_SUFFIX = re.compile(r"(?P<suffix>(?:st|nd|rd|th)+)(?![a-z])", re.I)
CURRENCY_AFTER = re.compile(r"\s?(?P<cur>" + _alternation(list(CURRENCY_SUFFIXES)) + r")(?![a-z])", re.I)
_UNIT_WORDS = [unit for unit in QUANTITY_UNITS if unit not in AMBIGUOUS_UNITS]
UNIT_AFTER = re.compile(r"(?:\s?-\s?|\s?)(?P<unit>" + _alternation(_UNIT_WORDS) + r")(?![a-z²³/])", re.I)
AMBIGUOUS_UNIT_AFTER = re.compile(r"(?P<unit>" + _alternation(sorted(AMBIGUOUS_UNITS)) + r")(?![\w])")
METER_AFTER = re.compile(r"m(?![\w²³])")
DURATION_AFTER = re.compile(
    r"(?:\s?-\s?|\s+)(?:(?:"
    + _alternation(DURATION_ADJECTIVES)
    + r")\s+)?(?P<unit>"
    + _alternation(list(DURATION_UNITS))
    + r")(?![a-z])",
    re.I,
)
RANGE_JOIN = re.compile(r"\s?(?P<join>[-–—~]|to|and|through|till|until)\s?", re.I)
LOOSE_DIGITS = re.compile(r"\d{1,4}(?:,\d+)+(?:\.\d+)?(?!\d)")
QUALIFIER_BEFORE = re.compile(
    r"(?<![\w])(?P<q>" + _alternation(list(QUALIFIERS_BEFORE)) + r")\s+(?:(?:a|the)\s+total\s+of\s+)?$", re.I
)
QUALIFIER_AFTER = re.compile(
    r"(?P<q>\s?\+|\s+(?:" + _alternation([q for q in QUALIFIERS_AFTER if q != "+"]) + r"))(?![\w])", re.I
)
BETWEEN_BEFORE = re.compile(r"(?<![\w])(?:between|from)\s+$", re.I)
NAME_BEFORE = re.compile(r"(?<![\w'’])(?P<word>[A-Z][\w&'’.]*)[ \t]+$")
ORDINAL_NAME_AFTER = re.compile(r"[ \t]*\n?[ \t]*(?!Anniversar)[A-Z][a-z]")
WORD_FORMS = (numbers.WORD_FRACTION, numbers.WORD_ORDINAL, numbers.WORD_NUMBER)


def _code(currency: str) -> str:
    text = re.sub(r"\s+", "", currency).replace("\\", "")
    if text in ("c$", "C$"):
        return "CAD"
    return CURRENCY_PREFIXES.get(text, CURRENCY_PREFIXES.get(text.upper(), ""))


@dataclass(slots=True)
class _Core:
    start: int
    end: int
    value: float
    written: str
    form: str
    joined: bool = False
    malformed: bool = False
    ordinal: bool = False
    fraction: bool = False


def _read_core(text: str, pos: int, limit: int) -> _Core | None:
    """The bare number at ``pos`` (digits or words), without currency or unit."""
    if text[pos].isdigit():
        number = numbers.read_digits(text, pos)
        if number is None or number.end > limit:
            return None
        end = number.end
        malformed = False
        value = number.value
        written = number.written
        if text.startswith(",", end) and end + 1 < limit and text[end + 1].isdigit():
            loose = LOOSE_DIGITS.match(text, pos)
            if loose is not None and loose.end() <= limit:
                written = loose.group(0).replace(",", "")
                value = float(written)
                end = loose.end()
                malformed = True
        core = _Core(pos, end, value, written, "digits", joined=number.joined, malformed=malformed)
        suffix = ORDINAL_SUFFIX.match(text, end)
        if suffix is not None and "." not in written:
            core.ordinal = True
            core.end = suffix.end()
            if len(suffix.group("suffix")) > 2:
                core.malformed = True
        return core
    for form in WORD_FORMS:
        match = form.match(text, pos)
        if match is None or match.end() > limit:
            continue
        surface = match.group(0)
        if form is numbers.WORD_FRACTION:
            value = numbers.fraction_value(match.group("num"), match.group("den"))
            return _Core(pos, match.end(), value, "", "words", fraction=True)
        if form is numbers.WORD_ORDINAL:
            ordinal = numbers.ordinal_words_value(surface)
            if ordinal is None:
                continue
            return _Core(pos, match.end(), float(ordinal), str(ordinal), "words", ordinal=True)
        words_value = numbers.words_value(surface)
        if words_value is None:
            continue
        # Trailing "and" or hyphen belongs to the sentence, not the number.
        return _Core(pos, match.end(), words_value, str(int(words_value)), "words")
    return None


@dataclass(slots=True)
class _Unit:
    end: int
    kind: str  # count, money, percent, quantity, duration, ordinal
    scale: float = 1.0
    unit: str | None = None
    currency: str | None = None
    joined: bool = False


def _read_unit(text: str, pos: int, limit: int, currency: str | None, core: _Core) -> _Unit:
    """What follows the number: scale word, percent, currency word, physical or time unit."""
    end = pos
    scale = 1.0
    joined = False
    kind = "count"
    if not core.ordinal and not core.fraction:
        match = SCALE_AFTER.match(text, end)
        if match is not None and match.end() <= limit:
            scale = SCALES[match.group("scale").lower()]
            joined = "\n" in match.group("sp")
            end = match.end()
        elif currency is not None or core.form == "digits":
            short = SHORT_SCALE_AFTER.match(text, end)
            if (
                short is not None
                and short.end() <= limit
                and (currency is not None or short.group("scale").lower() in ("bn", "k", "mn"))
                and (currency is not None or short.start() == short.start("scale"))
            ):
                scale = SCALES[short.group("scale").lower()]
                end = short.end()
    if core.ordinal:
        return _Unit(end, "ordinal")
    if currency is not None:
        return _Unit(end, "money", scale, currency=currency, joined=joined)
    match = PERCENT_AFTER.match(text, end)
    if match is not None and match.end() <= limit:
        return _Unit(match.end(), "percent", scale, unit="%", joined=joined)
    match = CURRENCY_AFTER.match(text, end)
    if match is not None and match.end() <= limit:
        word = re.sub(r"\s+", " ", match.group("cur").lower())
        return _Unit(match.end(), "money", scale, currency=CURRENCY_SUFFIXES[word], joined=joined)
    match = DURATION_AFTER.match(text, end)
    if match is not None and match.end() <= limit and scale == 1.0:
        return _Unit(match.end(), "duration", unit=DURATION_UNITS[match.group("unit").lower()])
    match = UNIT_AFTER.match(text, end)
    if match is not None and match.end() <= limit:
        written = re.sub(r"\s+", " ", match.group("unit").lower())
        unit = QUANTITY_UNITS.get(written) or QUANTITY_UNITS.get(match.group("unit"))
        if unit is not None:
            return _Unit(match.end(), "quantity", scale, unit=unit, joined=joined)
    if core.form == "digits" and scale == 1.0:
        # Short units that are also words ("g", "ha", "mm") only when they touch the number ("75ml", "5kg").
        match = AMBIGUOUS_UNIT_AFTER.match(text, end)
        if match is not None and match.end() <= limit:
            return _Unit(match.end(), "quantity", unit=QUANTITY_UNITS[match.group("unit").lower()])
        match = METER_AFTER.match(text, end)
        if match is not None and match.end() <= limit:
            return _Unit(match.end(), "quantity", unit="meter")
    if core.fraction:
        kind = "percent"
    return _Unit(end, kind, scale, joined=joined)


def _looks_like_year(text: str, core: _Core, unit: _Unit) -> bool:
    return (
        core.form == "digits"
        and text[core.start : core.end].isdigit()
        and unit.kind == "count"
        and unit.scale == 1.0
        and len(core.written) == 4
        and core.written.isdigit()
        and 1800 <= int(core.written) <= 2100
    )


def scan(text: str, start: int, end: int, blocked: list[tuple[int, int]]) -> list[Figure]:
    """Every figure in ``text[start:end]`` outside the ``blocked`` spans (sorted, non-overlapping)."""
    figures: list[Figure] = []
    blocked_iter = iter(blocked)
    next_block = next(blocked_iter, None)
    position = start
    for anchor in ANCHOR.finditer(text, start, end):
        figure_start = anchor.start()
        if figure_start < position:
            continue
        while next_block is not None and next_block[1] <= figure_start:
            next_block = next(blocked_iter, None)
        if next_block is not None and next_block[0] <= figure_start < next_block[1]:
            continue
        figure = _figure_at(text, anchor, end)
        if figure is None:
            continue
        if next_block is not None and figure.start < next_block[1] and next_block[0] < figure.end:
            continue
        figures.append(figure)
        position = figure.end
    return figures


def _figure_at(text: str, anchor: re.Match[str], limit: int) -> Figure | None:
    number_pos = anchor.end()
    currency_text = anchor.group("cur") or anchor.group("code")
    currency = _code(currency_text) if currency_text else None
    core = _read_core(text, number_pos, limit)
    if core is None:
        return None
    if core.form == "words":
        surface = text[core.start : core.end]
        if surface[0].isupper() and not _at_sentence_start(text, core.start):
            return None  # "Five-Year Plan", "Two Sessions": a name
        if (
            text.startswith("-", core.end)
            and not DURATION_AFTER.match(text, core.end)
            and not UNIT_AFTER.match(text, core.end)
        ):
            return None  # "one-stop", "two-way", but "three-year" is a duration
    unit = _read_unit(text, core.end, limit, currency, core)
    if (
        core.form == "words"
        and core.value == 1
        and not core.fraction
        and not core.ordinal
        and unit.kind == "count"
        and unit.scale == 1.0
    ):
        return None  # "one of", "one river": not a figure
    if core.ordinal and ORDINAL_NAME_AFTER.match(text, core.end):
        return None  # "the 14th Five-Year Plan", "the 20th National Congress": a name
    if unit.end < len(text) and ((text[unit.end].isalnum() and text[unit.end].isascii()) or text[unit.end] in "&_"):
        return None  # "5G", "Building 17W", "1&T", "1990s": an identifier, not a figure
    figure_start = anchor.start()
    figure = Figure(start=figure_start, end=unit.end, kind=unit.kind, value=None, core_start=figure_start)
    if core.form == "words":
        figure.form = "words"
    elif unit.scale != 1.0 and text[core.end : unit.end].strip().lower() not in SHORT_SCALES:
        figure.form = "mixed"
    if core.malformed:
        figure.flags.append("malformed")
    if core.joined or unit.joined:
        figure.flags.append("joined")
    value = core.value * unit.scale
    figure.half_unit = rounding_half_unit(core.written, unit.scale) if core.written and not core.fraction else 0.0
    figure.unit = unit.unit
    if unit.kind == "money":
        figure.currency = unit.currency or None
    if core.fraction:
        figure.kind = "percent"
        figure.unit = "%"
        value = round(core.value * 100, 6)
        figure.flags.extend(("fraction", "share"))
        figure.half_unit = 0.0
    elif unit.kind == "count":
        if core.form == "digits" and "." in core.written and unit.scale == 1.0 and _name_before(text, figure_start):
            return None  # "Hong Kong 2.0": a version
        if _looks_like_year(text, core, unit) and not _count_context(text, figure_start, unit.end):
            figure.kind = "year"
            value = int(core.written)
            figure.half_unit = 0.0
            if _name_before(text, figure_start):
                figure.flags.append("year-name")
        elif _name_before(text, figure_start):
            return None  # "Cyberport 5", "Phase 3", "Batch 1 of Stage 2": a name, not a figure
        elif core.form == "digits" and _list_number(text, figure_start, core.end):
            return None
        else:
            figure.kind = "count"
    figure.value = _tidy(value)
    figure.core_end = unit.end
    _read_range(text, figure, limit, currency)
    return figure


def _read_range(text: str, figure: Figure, limit: int, currency: str | None) -> None:
    """ "4,000–5,000", "10 to 20", "between 10 and 20", "$10 million to $100 million"."""
    if figure.kind in ("year", "ordinal") or figure.value is None:
        return
    join = RANGE_JOIN.match(text, figure.core_end)
    if join is None:
        return
    word = join.group("join").lower()
    if word == "and" and BETWEEN_BEFORE.search(text, max(0, figure.start - 12), figure.start) is None:
        return
    if (
        word in ("through", "till", "until")
        and BETWEEN_BEFORE.search(text, max(0, figure.start - 12), figure.start) is None
    ):
        return
    anchor = SECOND_ANCHOR.match(text, join.end())
    if anchor is None:
        return
    second_currency_text = anchor.group("cur") or anchor.group("code")
    core = _read_core(text, anchor.end(), limit)
    if core is None or core.ordinal or core.fraction:
        return
    second_currency = _code(second_currency_text) if second_currency_text else currency
    unit = _read_unit(text, core.end, limit, second_currency, core)
    if unit.kind not in (figure.kind, "count") and not (
        figure.kind == "count" and unit.kind in ("money", "percent", "quantity", "duration")
    ):
        return
    if figure.kind not in ("count", unit.kind) and unit.kind != "count":
        return
    assert isinstance(figure.value, (int, float))
    low = float(figure.value)
    high = core.value * unit.scale
    low_half = figure.half_unit
    if unit.scale != 1.0 and figure.kind == "count" and low < high / unit.scale * 1.0001 + 1 and low < 1000:
        # "10 to 20 million": the scale belongs to both ends.
        low *= unit.scale
        low_half *= unit.scale
    if high <= low:
        return
    if unit.kind != "count" and figure.kind == "count":
        figure.kind = unit.kind
        figure.unit = unit.unit
        if unit.kind == "money":
            figure.currency = unit.currency or None
    figure.value = _tidy(low)
    figure.half_unit = low_half
    figure.high = high
    figure.high_half_unit = rounding_half_unit(core.written, unit.scale) if core.written else 0.0
    figure.qualifier = "range"
    figure.end = unit.end
    figure.core_end = unit.end
    if core.joined or unit.joined:
        figure.flags.append("joined")


def qualify(text: str, figure: Figure, floor: int) -> None:
    """Qualifier words before ("over", "around") or after ("or more", "+") the figure."""
    if figure.kind in ("year", "date", "ordinal"):
        return
    window_start = max(floor, figure.core_start - 40)
    match = QUALIFIER_BEFORE.search(text, window_start, figure.core_start)
    if figure.qualifier != "range":
        if match is not None:
            phrase = re.sub(r"\s+", " ", match.group("q").lower())
            qualifier, below_only = QUALIFIERS_BEFORE[phrase]
            if phrase in _PREPOSITION_QUALIFIERS and figure.kind == "count" and figure.form == "words":
                return  # "under four broad directions": a preposition, not a bound
            figure.qualifier = qualifier
            figure.below_only = below_only
            figure.start = match.start()
            return
        after = QUALIFIER_AFTER.match(text, figure.end)
        if after is not None:
            phrase = after.group("q").strip().lower()
            phrase = re.sub(r"\s+", " ", phrase)
            figure.qualifier = QUALIFIERS_AFTER.get(phrase, "exact")
            figure.end = after.end()
            figure.core_end = after.end()
        return
    between = BETWEEN_BEFORE.search(text, max(floor, figure.core_start - 12), figure.core_start)
    if between is not None:
        figure.start = between.start()


#: Qualifiers that are also prepositions ("under the scheme", "over two phases").
_PREPOSITION_QUALIFIERS = frozenset({"under", "over", "above", "below"})


def _tidy(value: float) -> float | int:
    if value == int(value) and abs(value) < 2**53:
        return int(value)
    return round(value, 6)


def _at_sentence_start(text: str, pos: int) -> bool:
    index = pos - 1
    while index >= 0 and text[index] in " \t\"'“‘(":
        index -= 1
    return index < 0 or text[index] in ".!?:;\n•-–—"


def _name_before(text: str, pos: int) -> bool:
    """A capitalised word right before the number, as in "Phase 3", "Robocon 2024", "Vision 2030"."""
    match = NAME_BEFORE.search(text, max(0, pos - 40), pos)
    if match is None:
        return False
    word = match.group("word").rstrip(".")
    lowered = word.lower()
    if lowered in NAME_STOPWORDS or lowered in MONTHS or lowered.rstrip("s") in NAME_STOPWORDS:
        return False
    return not lowered.endswith("ly")  # "Approximately", "Currently"


def _count_context(text: str, start: int, end: int) -> bool:
    """A year-like number that counts something: "over 2000 companies"."""
    window = text[max(0, start - 25) : start]
    return QUALIFIER_BEFORE.search(window) is not None and re.match(r"\s+[a-z]+s\b", text[end : end + 30]) is not None


_LIST_NUMBER = re.compile(r"(?:^|\n)[ \t]*\(?$")


def _list_number(text: str, start: int, end: int) -> bool:
    """ "1. Introduction", "(2) ...": numbering at the start of a line."""
    if end - start > 2 or not re.match(r"[.)]\s", text[end : end + 2]):
        return False
    return _LIST_NUMBER.search(text, max(0, start - 10), start) is not None


#: "1:2", "2:1", "a 1 (Government): 2 (enterprise) matching basis".
RATIO = re.compile(
    r"(?<![\w.:/$-])(?P<a>\d{1,3}(?:\.\d+)?)(?:\s*\((?P<la>[A-Za-z][\w ]{0,24})\))?\s*:\s*"
    r"(?P<b>\d{1,3}(?:\.\d+)?)(?:\s*\((?P<lb>[A-Za-z][\w ]{0,24})\))?(?![\d:]|\.\d)"
)


def find_ratios(text: str, start: int, end: int) -> list[Figure]:
    found: list[Figure] = []
    for match in RATIO.finditer(text, start, end):
        a, b = float(match.group("a")), float(match.group("b"))
        if b == 0:
            continue
        if not match.group("la") and len(match.group("b")) == 2 and a <= 24 and "." not in match.group(0):
            continue  # "10:30" is a time
        figure = Figure(
            match.start(), match.end(), "ratio", _tidy(round(a / b, 6)), core_start=match.start(), core_end=match.end()
        )
        figure.lower = figure.upper = figure.value
        found.append(figure)
    return found
