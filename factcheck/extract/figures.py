"""Scanning English text for figures: numbers, money, percentages, quantities, ordinals, durations.

The scan is anchored: figures are read only where one may start (a run of digits, with
a currency sign or code looked up just before it, or a number word that the pipeline's
PhraseMatcher found), and small anchored regexes read on from there.  No pattern is
tried at every position of the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from factcheck.extract import numbers
from factcheck.extract.intervals import rounding_half_unit
from factcheck.extract.patterns_en import (
    AMBIGUOUS_UNITS,
    AND_CONTINUED_SCALES,
    BARE_SHORT_SCALES,
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIXES,
    DECIMAL_SHORT_SCALES,
    DOLLAR_CODES,
    DURATION_ADJECTIVES,
    DURATION_UNITS,
    FRACTION_DENOMINATORS,
    MAJOR_CURRENCY_WORDS,
    MINOR_CURRENCY_WORDS,
    MONTHS,
    NAME_STOPWORDS,
    NUMBERING_WORDS,
    ORDINAL_WORDS,
    PERCENT_WORDS,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    QUANTITY_UNITS,
    SCALED_CODE_PREFIXES,
    SCALES,
    SHORT_SCALES,
    SPACED_AMBIGUOUS_UNITS,
    SUBUNITS,
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
    low: float | None = None  # lower end of a range
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

#: A currency written right before a number ("HK$", "HK\\$", "c $", "RMB ", "US$"), searched at the end of a
#: short window before the digits.
CURRENCY_BEFORE = re.compile(
    r"(?:(?<![\w$])(?P<cur>(?:"
    + _alternation(_CURRENCY_SIGNS)
    + r"|[Cc]\s?\$|\$))|(?<![\w])(?P<code>"
    + _alternation(_CURRENCY_CODES)
    + r")|(?<![\w$])(?P<dollar>(?i:"
    + _alternation(DOLLAR_CODES)
    + r")\$))\s?\\?\$?\s{0,2}$"
)
_ISO_CODES = sorted({code for code in CURRENCY_PREFIXES.values() if code})
#: "48.5 MGBP", "500 kEUR" (SCALED_CODE_PREFIXES): a scale letter fused to an ISO code.
SCALED_CODE_AFTER = re.compile(
    r"[ \u00a0]?(?P<prefix>"
    + _alternation(list(SCALED_CODE_PREFIXES))
    + r")(?P<iso>"
    + "|".join(_ISO_CODES)
    + r")(?![\w])"
)
#: "½", "⅓": single-character fractions.
VULGAR_FRACTIONS: dict[str, float] = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
}
#: "/4" right after a numerator, or " 1/2" after a whole number; denominators that fractions use.
_DIGIT_FRACTION = re.compile(r"(?:[ \u00a0](?P<num>\d{1,2}))?/(?P<den>2|3|4|5|6|8|10|16|32|64|100)(?![\d/])")
#: "1.3e6", "12.32e+14", "1.3x10^6", "2.48×10−5".
_EXPONENT = re.compile(r"(?:[eE]|\s?[x×]\s?10\^?)(?P<power>[+\-−]?\d{1,3})(?![\w]|\.\d)")
#: "10^3", "1.1^23", "2.5^-1", "1.1^--23": a power written with a caret (no spaces: "a ^ b" is code).
_CARET_POWER = re.compile(r"\^(?P<signs>[+\-−]{0,2})(?P<power>\d{1,3})(?![\w^]|\.\d)")
_LEADING_POINT = re.compile(r"\.\d+(?![\d.,])")
#: "and a half", "and a quarter", "and three quarters", "and a quarter million" after a whole number.
_AND_A_HALF = re.compile(
    r"\s+and\s+(?P<num>a|one|two|three|four|five|six|seven|eight|nine)\s+(?P<den>half|halves|quarters?|thirds?|"
    + "|".join(
        sorted((word for word in numbers.PLURAL_ORDINALS if word not in ("firsts", "seconds")), key=len, reverse=True)
    )
    + r"|"
    + "|".join(sorted((word for word in ORDINAL_WORDS if word not in ("first", "second")), key=len, reverse=True))
    + r")(?:\s+(?P<scale>thousand|million|billion|trillion))?\b",
    re.I,
)
_AND = re.compile(r"\s+and\s+", re.I)
#: What may follow "a third" when it is a fraction: "of", or the end of the sentence.
_FRACTION_END = re.compile(r"\s+of\b|\s*(?:[.,;:!?)]|$)", re.I)
_AND_ARTICLE = re.compile(r"\band\s+an?\b", re.I)
_HALF_MILLION = re.compile(
    r"(?P<part>half|quarter)\s+(?:a\s+)?(?P<scale>thousand|million|billion|trillion|dozen)\b", re.I
)
_PLURAL_DENOMINATOR = re.compile(
    r"[\s-]+(?P<den>" + "|".join(sorted(numbers.PLURAL_ORDINALS, key=len, reverse=True)) + r")\b", re.I
)
_TRAILING_TENS = re.compile(r"(?<=\s)(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)$", re.I)
#: "point seven one", "point nought four": decimals read out.
_POINT_WORDS = re.compile(r"\s+point(?P<digits>\s+" + numbers.WORD_NUMBER.pattern + r")", re.I)
_DIGIT_WORDS = {"zero": "0", "nought": "0", "naught": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
                "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}  # fmt: skip


def _and_fraction(match: re.Match[str]) -> float:
    numerator = numbers.number_word_value(match.group("num")) or 1
    den = match.group("den").lower()
    denominator = FRACTION_DENOMINATORS.get(den) or numbers.PLURAL_ORDINALS.get(den) or ORDINAL_WORDS.get(den) or 1
    return numerator / denominator


#: Characters that, right before a digit, make it the middle of a token ("I1&T", "3.5", "24/7", "#5", "COVID-19",
#: "x^2").
_MID_TOKEN = frozenset(".,/:#@-–$_^")
_MINUS_BEFORE = re.compile(r"(?<![\w])(?:minus|negative)\s+$", re.I)
_A_BEFORE = re.compile(r"(?<![\w])an?\s+$", re.I)
#: Words that take "a"/"an" as their number: "a dozen", "a hundred", "a quarter".
_TAKES_ARTICLE = re.compile(
    r"(?:hundred|thousand|million|billion|trillion|dozen|half|quarter|(?!first|second)[a-z]+(?:th|rd))\b", re.I
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
CURRENCY_AFTER = re.compile(r"(?:\s?|-)(?P<cur>" + _alternation(list(CURRENCY_SUFFIXES)) + r")(?![a-z])", re.I)
_UNIT_WORDS = [unit for unit in QUANTITY_UNITS if unit not in AMBIGUOUS_UNITS]
UNIT_AFTER = re.compile(r"(?:\s?-\s?|\s?)(?P<unit>" + _alternation(_UNIT_WORDS) + r")(?![a-z²³/])", re.I)
AMBIGUOUS_UNIT_AFTER = re.compile(
    r"(?:(?P<unit>"
    + _alternation(sorted(AMBIGUOUS_UNITS))
    + r")|[ \u00a0](?P<spaced>"
    + _alternation(sorted(SPACED_AMBIGUOUS_UNITS))
    + r"))(?![\w-])"
)
METER_AFTER = re.compile(r"m(?![\w²³])")
DURATION_AFTER = re.compile(
    r"(?:\s?-\s?|\s+)(?:(?:"
    + _alternation(DURATION_ADJECTIVES)
    + r")\s+)?(?P<unit>"
    + _alternation(list(DURATION_UNITS))
    + r")(?![a-z])",
    re.I,
)
RANGE_JOIN = re.compile(r"\s?(?P<join>-?\s?to|[-–—~]|and|through|till|until)\s?", re.I)
LOOSE_DIGITS = re.compile(r"\d{1,4}(?:,\d+)+(?:\.\d+)?(?!\d)")
QUALIFIER_BEFORE = re.compile(
    r"(?<![\w])(?P<q>" + _alternation(list(QUALIFIERS_BEFORE)) + r")\s+(?:(?:a|the)\s+total\s+of\s+)?$", re.I
)
QUALIFIER_AFTER = re.compile(
    r"(?P<q>\s?\+|\s+(?:" + _alternation([q for q in QUALIFIERS_AFTER if q != "+"]) + r"))(?![\w])"
    r"(?!\s+than\b)",  # "200 or greater than 190": the comparison belongs to the next figure
    re.I,
)
_NOT_EQUAL_BEFORE = re.compile(r"(?:<>|!=|≠)\s?$")
#: "=<" is "at most" as Erlang and Prolog write it (and as people type it); "=>" is an arrow (see qualify).
QUALIFIER_SYMBOL = re.compile(r"(?P<q><\s*=|>\s*=|=\s*<|≤|≥|<|>)\s*$")
_SYMBOLS = {
    "<": "under",
    ">": "over",
    "≤": "at_most",
    "≥": "at_least",
    "<=": "at_most",
    ">=": "at_least",
    "=<": "at_most",
}
BETWEEN_BEFORE = re.compile(r"(?<![\w])(?:between|from)\s+$", re.I)
NAME_BEFORE = re.compile(r"(?<![\w'’])(?P<word>[A-Z][\w&'’.]*)[ \t]+$")
ORDINAL_NAME_AFTER = re.compile(r"[ \t]*\n?[ \t]*(?!Anniversar)[A-Z][a-z]")
WORD_FORMS = (numbers.WORD_FRACTION, numbers.WORD_ORDINAL, numbers.WORD_NUMBER)
#: The longest written-out number read ("one hundred and twenty-three thousand four hundred and fifty-six").
_WORDS_SPAN = 200


def _code(currency: str) -> str:
    text = re.sub(r"\s+", "", currency).replace("\\", "")
    if text in ("c$", "C$"):
        return "CAD"
    return (
        CURRENCY_PREFIXES.get(text)
        or CURRENCY_PREFIXES.get(text.upper())
        or CURRENCY_PREFIXES.get(text[:-1].upper(), "")
    )


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
    share: bool = False  # "3 out of 4": a share of a whole, whatever follows


def _read_core(text: str, pos: int, limit: int) -> _Core | None:
    """The bare number at ``pos`` (digits or words), without currency or unit."""
    if text[pos] in VULGAR_FRACTIONS:
        return _Core(pos, pos + 1, VULGAR_FRACTIONS[text[pos]], "", "digits", fraction=True)
    if text[pos] == ".":
        decimal = _LEADING_POINT.match(text, pos, limit)
        if decimal is None:
            return None
        written = "0" + decimal.group(0)
        return _Core(pos, decimal.end(), float(written), written, "digits")
    if text[pos].isdigit():
        number = numbers.read_digits(text, pos)
        if number is None or number.end > limit:
            return None
        end = number.end
        malformed = False
        value = number.value
        written = number.written
        if text.startswith(",", end) and end + 1 < limit and text[end + 1].isdigit():
            # Bounded: "1,1,1,..." must not be matched to the end of the text at every figure.  A match that
            # reaches the bound is longer than any number read (MAX_DIGITS), as the unbounded one would be.
            bound = pos + numbers.MAX_DIGITS + 8
            loose = LOOSE_DIGITS.match(text, pos, bound)
            if loose is not None and loose.end() >= bound:
                loose = None
            groups = loose.group(0).split(",")[1:] if loose is not None else []
            # "14,0000", "$1,25.6" are defective numbers; "22,24,26,31" is a list and "5,00" a decimal comma.
            defective = any(len(group.split(".")[0]) >= 4 for group in groups) or (
                bool(groups) and "." in groups[-1] and len(groups[-1].split(".")[0]) != 3
            )
            if loose is not None and loose.end() <= limit and defective and len(loose.group(0)) <= numbers.MAX_DIGITS:
                written = loose.group(0).replace(",", "")
                value = float(written)
                end = loose.end()
                malformed = True
        core = _Core(pos, end, value, written, "digits", joined=number.joined, malformed=malformed)
        fraction = _DIGIT_FRACTION.match(text, end, limit) if written.isdigit() else None
        numerator = int(fraction.group("num") or written) if fraction is not None else 0
        if fraction is not None and numerator < int(fraction.group("den")):
            # "1/4", "2 1/2": a fraction, or a whole number and a fraction.
            part = numerator / int(fraction.group("den"))
            mixed = fraction.group("num") is not None
            return _Core(pos, fraction.end(), value + part if mixed else part, "", "digits", fraction=not mixed)
        if fraction is None and written.isdigit() and end < limit and text[end] in VULGAR_FRACTIONS:
            return _Core(pos, end + 1, value + VULGAR_FRACTIONS[text[end]], "", "digits")
        caret = _CARET_POWER.match(text, end, limit) if text.startswith("^", end) else None
        if caret is not None and value > 0:
            power = int(caret.group("power")) * (-1 if caret.group("signs").replace("−", "-").count("-") % 2 else 1)
            if abs(power * math.log10(value)) <= 30:
                return _Core(pos, caret.end(), value**power, "", "digits")
        exponent = _EXPONENT.match(text, end, limit)
        if exponent is not None and abs(int(exponent.group("power").replace("−", "-"))) <= 99:
            power = int(exponent.group("power").replace("−", "-"))
            return _Core(pos, exponent.end(), value * 10.0**power, "", "digits")
        suffix = ORDINAL_SUFFIX.match(text, end)
        if suffix is not None and "." not in written:
            core.ordinal = True
            core.end = suffix.end()
            if len(suffix.group("suffix")) > 2:
                core.malformed = True
        return core
    part_of_scale = _HALF_MILLION.match(text, pos, limit)
    if part_of_scale is not None:  # "half a million", "quarter million"
        part = 0.5 if part_of_scale.group("part").lower() == "half" else 0.25
        scale = numbers.number_word_value(part_of_scale.group("scale")) or 1
        return _Core(pos, part_of_scale.end(), part * scale, "", "words")
    for form in WORD_FORMS:
        match = form.match(text, pos, pos + _WORDS_SPAN)  # bounded: "million million ..." must not run to the end
        if match is None or match.end() > limit:
            continue
        surface = match.group(0)
        if form is numbers.WORD_FRACTION:
            article = match.group("num").lower() in ("a", "an")
            if (
                article
                and match.group("den").lower() not in ("half", "quarter")
                and not _FRACTION_END.match(text, match.end())
            ):
                return None  # "a third party", "a fourth time": not a fraction
            value = numbers.fraction_value(match.group("num"), match.group("den"))
            return _Core(pos, match.end(), value, "", "words", fraction=True)
        if form is numbers.WORD_ORDINAL:
            if _AND_ARTICLE.search(surface):
                continue  # "forty two and a third": a number and a fraction, below
            head, _, _last = surface.rpartition(" ")
            if (
                head.lower() in ("a", "an", "one")
                and not surface.lower().endswith(("first", "second"))
                and _FRACTION_END.match(text, match.end())
            ):
                # "a hundredth", "one twenty-fifth": a fraction with that denominator.
                denominator = numbers.ordinal_words_value(surface.split(None, 1)[1])
                if denominator:
                    return _Core(pos, match.end(), 1 / denominator, "", "words", fraction=True)
            ordinal = numbers.ordinal_words_value(surface)
            if ordinal is None:
                continue
            return _Core(pos, match.end(), float(ordinal), str(ordinal), "words", ordinal=True)
        surface = numbers.trim_and(surface)
        words_value = numbers.words_value(surface)
        if words_value is None:
            continue
        end = pos + len(surface)
        return _words_tail(text, pos, end, surface, words_value, limit)
    return None


def _words_tail(text: str, pos: int, end: int, surface: str, words_value: float, limit: int) -> _Core:
    """What may follow a run of number words: "and a half", "point seven one", "fifths"."""
    for joint in _AND.finditer(surface):
        if _AND_A_HALF.match(text, pos + joint.start(), limit):
            # "five billion and three quarters": the "and" starts a fraction, not more of the number.
            surface = surface[: joint.start()]
            end = pos + joint.start()
            words_value = numbers.words_value(surface) or words_value
            break
    half = _AND_A_HALF.match(text, end, limit)
    if half is not None:
        scale_word = half.group("scale")
        scale = float(numbers.number_word_value(scale_word) or 1) if scale_word else numbers.last_scale(surface)
        return _Core(pos, half.end(), words_value + _and_fraction(half) * scale, "", "words")
    point = _POINT_WORDS.match(text, end, limit)
    if point is not None and words_value < 1000:
        tokens = point.group("digits").split()
        if all(token.lower() in _DIGIT_WORDS for token in tokens):
            decimals = "".join(_DIGIT_WORDS[token.lower()] for token in tokens)
        else:
            decimals = str(int(numbers.words_value(point.group("digits")) or 0))
        written = f"{int(words_value)}.{decimals}"
        return _Core(pos, point.end(), float(written), written, "words")
    denominator = _PLURAL_DENOMINATOR.match(text, end, limit)
    if denominator is not None:
        # "twenty-three fifths" = 23/5; "twenty twenty fifths" = 20/25 (a spaced tens word joins the denominator).
        numerator_text, denominator_value = surface, numbers.PLURAL_ORDINALS[denominator.group("den").lower()]
        tens = _TRAILING_TENS.search(surface)
        if tens is not None and tens.start() > 0:
            numerator_text = surface[: tens.start()]
            denominator_value += numbers.number_word_value(tens.group("tens")) or 0
        numerator = numbers.words_value(numerator_text)
        if numerator is not None and denominator_value:
            return _Core(pos, denominator.end(), numerator / denominator_value, "", "words", fraction=True)
    return _Core(pos, end, words_value, str(int(words_value)), "words")


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
                and (
                    currency is not None
                    or short.group("scale").lower() in BARE_SHORT_SCALES
                    or (
                        "." in core.written
                        and short.group("scale") in DECIMAL_SHORT_SCALES
                        and not text.startswith(("(", ")"), short.end())
                        and not _numbered_clause(text, core.start)
                    )
                )
                and (
                    currency is not None
                    or short.start() == short.start("scale")
                    or short.group("scale") in BARE_SHORT_SCALES  # "2.33 k", lower case as written
                )
            ):
                scale = SCALES[short.group("scale").lower()]
                end = short.end()
    if core.ordinal:
        return _Unit(end, "ordinal")
    if currency is not None:
        return _Unit(end, "money", scale, currency=currency, joined=joined)
    if scale == 1.0 and core.form == "digits":
        match = SCALED_CODE_AFTER.match(text, end, limit)
        if match is not None:
            return _Unit(match.end(), "money", SCALED_CODE_PREFIXES[match.group("prefix")], currency=match.group("iso"))
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
            written_unit = (match.group("unit") or match.group("spaced")).lower()
            return _Unit(match.end(), "quantity", unit=QUANTITY_UNITS[written_unit])
        match = METER_AFTER.match(text, end)
        if match is not None and match.end() <= limit:
            return _Unit(match.end(), "quantity", unit="meter")
    return _Unit(end, kind, scale, joined=joined)


#: A list of numbers written without spaces ("22,24,26,31"): three or more items, those after the first of
#: one or two digits (so never a thousands grouping like "1,234,567"), none with a leading zero ("5,00").
_LIST_RUN = re.compile(r"\d{1,3}(?:,(?:[1-9]\d?|0)(?![\d])){2,}(?![\w]|[.,]\d)")
_LIST_HEAD = re.compile(r"(?<![\w.,$])(?:\d{1,3},){1,12}$")


def _list_item(text: str, pos: int, floor: int, limit: int) -> bool:
    """Is the number at ``pos`` (right after a comma) an item of a list like "22,24,26,31"?"""
    head = _LIST_HEAD.search(text, max(floor, pos - 48), pos)
    if head is None or (head.start() > floor and text[head.start() - 1] in _MID_TOKEN):
        return False
    run = _LIST_RUN.match(text, head.start(), limit)
    return run is not None and run.end() > pos and not _name_before(text, head.start())


_WORD_BEFORE = re.compile(r"(?P<word>[A-Za-z]+)\.?\s+$")


def _numbered_clause(text: str, pos: int) -> bool:
    """ "section 1.2b", "Item 3.4b": a number after a word that numbers parts of a text."""
    before = _WORD_BEFORE.search(text, max(0, pos - 16), pos)
    return before is not None and before.group("word").lower() in NUMBERING_WORDS


_NUMBER_AFTER = r"(?:(?P<digits>\d{1,3})(?![\d]|[.,]\d)|(?P<words>(?:" + numbers.WORD_NUMBER.pattern + r")))"
#: "5 ft 2 in", "7 lb 3 oz" (SUBUNITS): unit -> (small units in one, the small amount after it).
_SUBUNIT_AFTER: dict[str, tuple[float, re.Pattern[str]]] = {
    unit: (
        parts,
        re.compile(r"\s+(?:and\s+)?(?P<digits>\d{1,2}(?:\.\d+)?)\s?(?P<small>" + _alternation(words) + r")(?![\w])"),
    )
    for unit, (parts, words) in SUBUNITS.items()
}
#: "1 million 200 thousand", "2 billion and 300 million": a smaller scaled number after a scale word.
_SCALED_REST = re.compile(
    r"(?:\s+and)?\s+(?P<digits>[1-9]\d{0,2})\s?(?P<scale>" + _alternation(_SCALE_LONG) + r")(?![a-z])", re.I
)
#: "and 21", "and two hundred" after a scale word (AND_CONTINUED_SCALES).
_AND_REST = re.compile(r"\s+and\s+" + _NUMBER_AFTER, re.I)
#: "50", "and 15", "forty-five cents" after a major currency word (MAJOR_CURRENCY_WORDS).
_MINOR_AMOUNT = re.compile(
    r"(?:\s+and)?\s+" + _NUMBER_AFTER + r"(?P<minor>\s+(?:" + _alternation(MINOR_CURRENCY_WORDS) + r"))?(?![\w])",
    re.I,
)
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)]|$)")


def _rest_value(match: re.Match[str]) -> tuple[float, int] | None:
    """The value of the number an and-continuation adds, and where it ends (trimmed at a second "and")."""
    if match.group("digits"):
        return float(match.group("digits")), match.end("digits")
    words = numbers.trim_and(match.group("words"))
    value = numbers.words_value(words)
    return None if value is None else (value, match.start("words") + len(words))


def _continuation(
    text: str, start: int, core: _Core, unit: _Unit, value: float, currency: str | None, limit: int
) -> tuple[float, _Unit, float] | None:
    """A whole number that goes on after its scale or currency word: (value, unit, half unit) or None.

    "3 hundred and 21" (321), "6 crore and two hundred"; "15 dollars 50" and "13 dollars and 45 cents"
    (15.50, 13.45: hundredths after a major currency word, with the minor unit's word or at a clause's end).
    Never inside "between 10 dollars and 20" (a range).
    """
    if unit.end == core.end:
        return None  # nothing after the number: no scale, currency or unit word to go on from
    word = " ".join(text[core.end : unit.end].lower().split())
    if unit.kind == "count" and SCALES.get(word, 0.0) >= 1000:
        scaled = _SCALED_REST.match(text, unit.end, limit)
        if scaled is not None and not _between(text, start):
            scale = SCALES[scaled.group("scale").lower()]
            part = int(scaled.group("digits")) * scale
            after = _read_unit(
                text, scaled.end(), limit, currency, _Core(scaled.start(), scaled.end(), part, "", "digits")
            )
            if scale < SCALES[word] and part < SCALES[word] and after.kind in ("count", "money") and after.scale == 1.0:
                after.scale = unit.scale  # "1 million 200 thousand": one number
                return value + part, after, rounding_half_unit(scaled.group("digits"), scale)
    if unit.kind == "quantity" and unit.unit in SUBUNITS and unit.scale == 1.0:
        parts, pattern = _SUBUNIT_AFTER[unit.unit]
        small = pattern.match(text, unit.end, limit)
        if small is None or float(small.group("digits")) >= parts:
            return None
        if small.group("small") == "in" and not _CLAUSE_END.match(text, small.end()):
            return None  # "5 ft 2 in the yard"
        written = small.group("digits")
        unit = _Unit(small.end(), "quantity", unit=unit.unit)
        return value + float(written) / parts, unit, rounding_half_unit(written) / parts
    if unit.kind == "count" and word in AND_CONTINUED_SCALES:
        match = _AND_REST.match(text, unit.end, limit)
        rest = _rest_value(match) if match is not None else None
        if match is None or rest is None or rest[0] >= AND_CONTINUED_SCALES[word] or _between(text, start):
            return None
        rest_core = _Core(match.start(), rest[1], rest[0], "", "digits")
        after = _read_unit(text, rest[1], limit, currency, rest_core)
        if after.kind not in ("count", "money") or after.scale != 1.0:
            return None  # "2 thousand and 5 years": two figures
        after.scale = unit.scale
        return value + rest[0], after, 0.5
    if (
        unit.kind == "money"
        and currency is None
        and (word in MAJOR_CURRENCY_WORDS or word.rsplit(" ", 1)[-1] in MAJOR_CURRENCY_WORDS)
    ):
        match = _MINOR_AMOUNT.match(text, unit.end, limit)
        rest = _rest_value(match) if match is not None else None
        if match is None or rest is None or rest[0] >= 100 or _between(text, start):
            return None
        if match.group("minor"):
            end = match.end()
        elif rest[1] == match.end() and _CLAUSE_END.match(text, rest[1]):
            end = rest[1]
        else:
            return None
        return value + rest[0] / 100, _Unit(end, "money", unit.scale, currency=unit.currency), 0.005
    return None


#: "one over 3", "1 over twenty-one": a fraction read out, its denominator ending the clause (so "over" is
#: no qualifier here: "rose 1 over 3 years" and "1 over 20 staff" are not fractions).
_OVER = re.compile(r"\s+over\s+" + _NUMBER_AFTER, re.I)


#: "3 out of 4", "one out of three": a share (75 %, 33.3 %).
_OUT_OF = re.compile(r"\s+out\s+of\s+" + _NUMBER_AFTER, re.I)
#: "of a million" after a fraction.
_OF_A_SCALE = re.compile(r"\s+of\s+an?\s+(?P<scale>thousand|million|billion|trillion)\b", re.I)


def _out_of(text: str, core: _Core, limit: int) -> _Core | None:
    if core.value != int(core.value) or core.value < 0:
        return None
    match = _OUT_OF.match(text, core.end, limit)
    rest = _rest_value(match) if match is not None else None
    if match is None or rest is None or rest[0] < max(core.value, 1):
        return None
    return _Core(core.start, rest[1], core.value / rest[0], "", "mixed", fraction=True, share=True)


def _over_fraction(text: str, core: _Core, limit: int) -> _Core | None:
    if core.value != int(core.value) or not 0 < core.value < 100:
        return None
    match = _OVER.match(text, core.end, limit)
    rest = _rest_value(match) if match is not None else None
    if match is None or rest is None or not rest[0] or not _CLAUSE_END.match(text, rest[1]):
        return None
    return _Core(core.start, rest[1], core.value / rest[0], "", "mixed", fraction=True)


def _between(text: str, start: int) -> bool:
    return BETWEEN_BEFORE.search(text, max(0, start - 12), start) is not None


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


def scan(
    text: str, start: int, end: int, blocked: list[tuple[int, int]], digit_runs: list[int], word_starts: list[int]
) -> list[Figure]:
    """Every figure in ``text[start:end]`` outside the ``blocked`` spans (sorted, non-overlapping).

    Figures are read only at anchors: the starts of digit runs and of number words (which the
    pipeline's PhraseMatcher found).
    """
    figures: list[Figure] = []
    blocked_iter = iter(blocked)
    next_block = next(blocked_iter, None)
    position = start
    for anchor in sorted({*digit_runs, *word_starts}):
        if anchor < position or anchor >= end:
            continue
        while next_block is not None and next_block[1] <= anchor:
            next_block = next(blocked_iter, None)
        if next_block is not None and next_block[0] <= anchor < next_block[1]:
            continue
        figure = _figure_at(text, anchor, start, end)
        if figure is None or figure.start < position:
            continue
        if next_block is not None and figure.start < next_block[1] and next_block[0] < figure.end:
            continue
        figures.append(figure)
        position = figure.end
    return figures


def _figure_at(text: str, number_pos: int, floor: int, limit: int) -> Figure | None:
    previous = text[number_pos - 1] if number_pos > floor else " "
    currency_text: str | None = None
    figure_start = number_pos
    sign = 1
    if text[number_pos].isdigit() or text[number_pos] in VULGAR_FRACTIONS:
        found = CURRENCY_BEFORE.search(text, max(floor, number_pos - 12), number_pos)
        if found is not None:
            currency_text = found.group("cur") or found.group("code") or found.group("dollar")
            figure_start = found.start()
        elif previous in "-−" and (number_pos - 1 == floor or text[number_pos - 2] in " \t\n([<>=≤≥"):
            sign, figure_start = -1, number_pos - 1  # "-18 °C", "−273.15°"
        elif previous == "." and (number_pos - 1 == floor or text[number_pos - 2] in " \t\n(["):
            figure = _read_figure(text, number_pos - 1, number_pos - 1, None, limit)  # ".08"
            return figure
        elif previous == "," and _list_item(text, number_pos, floor, limit):
            pass  # "nos. 22,24,26,31": each number of a list written without spaces
        elif previous.isalnum() or previous in _MID_TOKEN:
            return None
    else:
        if previous.isalnum() or previous == "-":
            return None
        article = _A_BEFORE.search(text, max(floor, number_pos - 4), number_pos)
        if article is not None and _TAKES_ARTICLE.match(text, number_pos):
            figure_start = number_pos = article.start()
    before = text[max(floor, figure_start - 4) : figure_start]
    if (">" in before or "=" in before or "≠" in before) and _NOT_EQUAL_BEFORE.search(before) is not None:
        return None  # "<>30", "!= 0", "≠ 5": not that number, so no figure to check
    minus = _MINUS_BEFORE.search(text, max(floor, figure_start - 10), figure_start)
    if minus is not None and sign > 0:
        sign, figure_start = -1, minus.start()  # "minus 5", "negative ten"
    figure = _read_figure(text, figure_start, number_pos, currency_text, limit)
    if figure is not None and sign < 0 and isinstance(figure.value, (int, float)) and figure.kind != "year":
        figure.value = -figure.value
    return figure


def _read_figure(text: str, figure_start: int, number_pos: int, currency_text: str | None, limit: int) -> Figure | None:
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
            and not CURRENCY_AFTER.match(text, core.end)
        ):
            return None  # "one-stop", "two-way", but "three-year" is a duration and "five-dollar" money
    unit = _read_unit(text, core.end, limit, currency, core)
    if unit.end == core.end and currency is None and not core.fraction and not core.ordinal:
        over = _over_fraction(text, core, limit) or _out_of(text, core, limit)
        if over is not None:  # "one over 3", "1 over twenty-one": a fraction read out
            core, unit = over, _Unit(over.end, "count")
    if (
        core.form == "words"
        and core.value == 1
        and not core.fraction
        and not core.ordinal
        and unit.kind == "count"
        and unit.scale == 1.0
    ):
        return None  # "one of", "one river": not a figure
    if core.ordinal and core.form == "words" and _SECOND_TO_LAST.match(text, core.end, limit):
        return None
    if core.ordinal and ORDINAL_NAME_AFTER.match(text, core.end):
        return None  # "the 14th Five-Year Plan", "the 20th National Congress": a name
    if unit.end < len(text) and ((text[unit.end].isalnum() and text[unit.end].isascii()) or text[unit.end] in "&_"):
        return None  # "5G", "Building 17W", "1&T", "1990s": an identifier, not a figure
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
    if not math.isfinite(value) or abs(value) > 1e30:
        return None
    if unit.scale != 1.0 and unit.kind == "count":
        half = _AND_A_HALF.match(text, unit.end, limit)
        if half is not None:  # "3 million and a half"
            value += _and_fraction(half) * unit.scale
            unit.end = figure.end = half.end()
    figure.half_unit = rounding_half_unit(core.written, unit.scale) if core.written and not core.fraction else 0.0
    if value == int(value) and not core.fraction and not core.ordinal:
        more = _continuation(text, figure_start, core, unit, value, currency, limit)
        if more is not None:  # "3 hundred and 21", "15 dollars 50"
            value, unit, figure.half_unit = more
            figure.end, figure.kind = unit.end, unit.kind
    figure.unit = unit.unit
    if unit.kind == "money":
        figure.currency = unit.currency or None
    if core.fraction and unit.kind == "count":
        figure.flags.append("fraction")
        figure.half_unit = 0.0
        of_scale = _OF_A_SCALE.match(text, unit.end, limit)
        if of_scale is not None:
            # "two thirds of a million", "a quarter of a billion dollars": the fraction of that number.
            scaled = _read_unit(text, of_scale.end("scale"), limit, currency, core)
            figure.flags.remove("fraction")
            figure.kind = "money" if scaled.kind == "money" else "count"
            figure.currency = scaled.currency or None if scaled.kind == "money" else None
            value = core.value * (numbers.number_word_value(of_scale.group("scale")) or 1)
            figure.end = unit.end = scaled.end if scaled.kind in ("money", "count") else of_scale.end()
        elif core.share or _SHARE_OF.match(text, unit.end, limit):
            # "one-third of founders", "1/4 of the budget": a share of a whole, as a percentage (33.3, 25).
            figure.kind = "percent"
            figure.unit = "%"
            value = float(f"{core.value * 100:.12g}")
            figure.flags.append("share")
        else:
            figure.kind = "ratio"  # "one eighth", "½": the fraction itself (0.125, 0.5)
    elif unit.kind == "count":
        if core.form == "digits" and "." in core.written and unit.scale == 1.0 and _name_before(text, figure_start):
            return None  # "Hong Kong 2.0": a version
        if _looks_like_year(text, core, unit) and _BROKEN_DATE_AFTER.match(text, unit.end, limit):
            return None  # "2015-32", "2015-1-32": a date that is not one
        if _looks_like_year(text, core, unit) and not _count_context(text, figure_start, unit.end):
            figure.kind = "year"
            value = int(core.written)
            figure.half_unit = 0.0
            if _name_before(text, figure_start):
                figure.flags.append("year-name")
        elif core.form == "digits" and _name_before(text, figure_start):
            return None  # "Cyberport 5", "Phase 3", "Batch 1 of Stage 2": a name, not a figure
        elif _slogan(text, figure_start, core):
            return None  # "one country, two systems", "the "1 to N" transformation": wording, not a figure
        elif core.form == "digits" and _list_number(text, figure_start, core.end):
            return None
        else:
            figure.kind = "count"
    figure.value = _tidy(value)
    figure.core_end = unit.end
    if text[figure_start] not in "-−":  # a negative figure's range would need the sign on both ends
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
    if figure.unit and unit.unit and figure.unit != unit.unit:
        return  # "from 44 ml to 50 mg": two figures, not a range
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
    figure.value = _tidy((low + high) / 2)  # a range's value is its midpoint; lower/upper carry the ends
    figure.low = low
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
        symbol = QUALIFIER_SYMBOL.search(text, max(floor, figure.core_start - 4), figure.core_start)
        if symbol is not None and symbol.group("q") == ">" and text[symbol.start() - 1 : symbol.start()] in ("=", "-"):
            symbol = None  # "=>30", "->30": an arrow, not "more than"
        if symbol is not None:
            figure.qualifier = _SYMBOLS[re.sub(r"\s+", "", symbol.group("q"))]
            figure.start = symbol.start()
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
    return float(f"{value:.12g}")


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
    # "Approximately 10", and possessives ("HKSTP's 3 parks") are not names with numbers.
    return not lowered.endswith(("ly", "'s", "’s"))


_BROKEN_DATE_AFTER = re.compile(r"\s?[-–]\s?\d")
#: "the second to last": an idiom, not an ordinal figure.
_SECOND_TO_LAST = re.compile(r"\s+to\s+last\b", re.I)
_SHARE_OF = re.compile(r"\s+of\b", re.I)
#: "one zone, two parks": the second half of a parallel slogan.
_SLOGAN_BEFORE = re.compile(r"(?<![\w])one\s+[a-z]+,\s*$", re.I)
#: '"1 to N"': a number in quotes that leads to a letter.
_QUOTED_TO_LETTER = re.compile(r"\s+to\s+[A-Z]\b")


def _slogan(text: str, start: int, core: _Core) -> bool:
    if core.form == "words":
        return _SLOGAN_BEFORE.search(text, max(0, start - 30), start) is not None
    return start > 0 and text[start - 1] in "\"“‘'" and _QUOTED_TO_LETTER.match(text, core.end) is not None


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


def find_ratios(text: str, end: int, digit_runs: list[int]) -> list[Figure]:
    """Ratios starting at the given digit runs."""
    found: list[Figure] = []
    for digit in digit_runs:
        if found and digit < found[-1].end:
            continue
        match = RATIO.match(text, digit, end)
        if match is None:
            continue
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
