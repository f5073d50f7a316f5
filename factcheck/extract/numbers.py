"""Reading English numbers: digits with separators, scale words, written-out numbers.

All regexes here are anchored: they are used with ``pattern.match(text, pos)`` at a
position the scanner already knows starts a number, never searched across the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.patterns_en import (
    COUNT_NOUNS,
    FRACTION_DENOMINATORS,
    ORDINAL_WORDS,
    SCALES,
    TENS,
    UNITS_0_19,
    WORD_SCALES,
)

#: Thousands separators a number may use: comma, space, thin space, no-break spaces.
_SPACES = " \u2009\u00a0\u202f"

#: A number written in digits.  Groups of three after a 1-3 digit lead, separated by a comma or one of
#: the spaces above; a line break (OCR) may stand for the space ("around 42\n000").  A space-separated
#: group must not run on into more digits, so "2024 2 084" and "2114 4972" never glue together.
DIGITS = re.compile(
    r"""
    (?P<lead>\d{1,3})
    (?:
        (?P<comma>(?:,\d{3}(?![\d]))+ | (?:,\d{3})+(?=\.\d))
      | (?P<spaced>(?:[ \u2009\u00a0\u202f]\d{3}(?!\d|,\d|\.\d))+)
      | (?P<broken>\n\d{3}(?!\d|,\d|\.\d))
    )?
    (?P<frac>\.\d+)?
    (?![\d])
    |
    (?P<plain>\d+(?:\.\d+)?)(?![\d])
    """,
    re.X,
)


#: Indian grouping ("1,00,000", "12,34,567.50"): a 1-2 digit lead, groups of two, a last group of three.
#: Tried only where the usual reading stops before ",<digit>" or ".<digit>" (so other numbers pay nothing).
INDIAN = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d]|[.,]\d)")
#: Continental notation, only when unambiguous: dots group thousands AND a comma marks 1-2 decimals
#: ("1.111,11", "12.345.678,9").  "1,5" or "1.234" alone stay English (a list / a decimal point).
CONTINENTAL = re.compile(r"\d{1,3}(?:\.\d{3})+,\d{1,2}(?![\d]|[.,]\d)")

#: Longer digit runs are not read as figures (and would not fit a float exactly anyway).
MAX_DIGITS = 24


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from text: its value, how it was written, and where it ends."""

    value: float
    written: str  # digits as written, separators removed (for rounding)
    end: int
    joined: bool = False
    malformed: bool = False
    form: str = "digits"  # "digits" or "words"


def read_digits(text: str, pos: int) -> Number | None:
    """The digit number starting at ``pos`` ("76 564", "2,046.5", "42\\n000")."""
    match = DIGITS.match(text, pos)
    if match is None:
        return None
    raw = match.group(0)
    if text[match.end() : match.end() + 1] in (",", ".") and text[match.end() + 1 : match.end() + 2].isdigit():
        regrouped = INDIAN.match(text, pos) or CONTINENTAL.match(text, pos)
        if regrouped is not None:
            written = regrouped.group(0)
            written = written.replace(".", "").replace(",", ".") if "." in written.split(",")[0] else written
            written = written.replace(",", "")
            if len(written) > MAX_DIGITS:
                return None
            return Number(float(written), written, regrouped.end())
    joined = match.group("broken") is not None
    written = raw.replace(",", "").replace("\n", "")
    for space in _SPACES:
        written = written.replace(space, "")
    if len(written) > MAX_DIGITS:
        return None  # a 40-digit run is an identifier or noise, not a figure
    try:
        value = float(written)
    except ValueError:
        return None
    return Number(value, written, match.end(), joined=joined)


_WORD = r"[A-Za-z]+"
_NUMBER_WORDS = {**UNITS_0_19, **TENS, **WORD_SCALES, **COUNT_NOUNS}

#: A run of number words ("thirty-four", "two hundred and fifty", "a dozen", "three million").
_SMALL = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    "eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
)
_LARGE = "hundred|thousand|million|billion|trillion|dozens|dozen"
WORD_NUMBER = re.compile(
    r"(?:(?:a|an)\s+(?:" + _LARGE + r")|zero|nought|naught|" + _SMALL + r")\b"
    r"(?:(?:\s+and\s+|\s*-\s*|\s+)(?:" + _SMALL + "|" + _LARGE + r")\b)*",
    re.I,
)

#: Written ordinals, optionally with a number in front ("twenty-first", "three hundredth").
WORD_ORDINAL = re.compile(
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion)(?:\s+and\s+|\s*-\s*|\s+))*"
    r"(?:" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r")\b",
    re.I,
)

#: "one-third", "two thirds", "a quarter", "three-quarters", "half".
WORD_FRACTION = re.compile(
    r"(?P<num>one|two|three|four|five|six|seven|eight|nine|a|an)[\s-]+"
    r"(?P<den>" + "|".join(sorted(FRACTION_DENOMINATORS, key=len, reverse=True)) + r")\b",
    re.I,
)


def words_value(words: str) -> float | None:
    """Value of a run of number words; None when the words do not make a number."""
    tokens = [token for token in re.split(r"[\s-]+", words.lower()) if token and token != "and"]
    if not tokens:
        return None
    total = 0.0
    hundreds = 0.0  # the hundreds of the current group ("three hundred")
    small = 0.0  # what follows them ("and two")
    seen = False
    for token in tokens:
        if token in ("a", "an"):
            small = max(small, 1.0)
            continue
        if token in UNITS_0_19:
            small += UNITS_0_19[token]
        elif token in TENS:
            small += TENS[token]
        elif token in COUNT_NOUNS:
            small = (small or 1.0) * COUNT_NOUNS[token]  # "three hundred and two dozen" = 300 + 24
        elif token == "hundred":
            hundreds += (small or 1.0) * 100
            small = 0.0
        elif token in WORD_SCALES:
            total += ((hundreds + small) or 1.0) * WORD_SCALES[token]
            hundreds = small = 0.0
        else:
            return None
        seen = True
    return total + hundreds + small if seen else None


#: The value of the last scale word of a run ("five billion" -> 1e9), for "five billion and three quarters".
def last_scale(words: str) -> float:
    tokens = [token for token in re.split(r"[\s-]+", words.lower()) if token]
    if tokens and tokens[-1] in WORD_SCALES and tokens[-1] != "hundred":
        return float(WORD_SCALES[tokens[-1]])
    return 1.0


#: Plural ordinals used as denominators ("fifths", "twenty-firsts", "hundredths").
PLURAL_ORDINALS: dict[str, int] = {
    **{word + "s": value for word, value in ORDINAL_WORDS.items() if word not in ("first", "second")},
    "firsts": 1,
    "seconds": 2,
    "halves": 2,
    "quarters": 4,
}


def ordinal_words_value(words: str) -> int | None:
    """Value of a written ordinal ("twentieth" -> 20, "twenty-first" -> 21, "three hundredth" -> 300)."""
    tokens = [token for token in re.split(r"[\s-]+", words.lower()) if token and token != "and"]
    if not tokens or tokens[-1] not in ORDINAL_WORDS:
        return None
    last = ORDINAL_WORDS[tokens[-1]]
    head = tokens[:-1]
    if not head:
        return last
    head_value = words_value(" ".join(head))
    if head_value is None:
        return None
    if last >= 100:  # "three hundredth", "a trillionth"
        return int(head_value * last)
    return int(head_value + last)


def fraction_value(numerator: str, denominator: str) -> float:
    num = 1 if numerator.lower() in ("a", "an") else UNITS_0_19[numerator.lower()]
    return num / FRACTION_DENOMINATORS[denominator.lower()]


def scale_of(word: str) -> float | None:
    return SCALES.get(word.lower())


def number_word_value(word: str) -> int | None:
    return _NUMBER_WORDS.get(word.lower())


_AND = re.compile(r"\s+and\s+", re.I)
_LARGE_BEFORE = re.compile(r"(?:hundred|thousand|million|billion|trillion)$", re.I)


def trim_and(surface: str) -> str:
    """Cut a run of number words at an "and" that does not follow hundred/thousand/...:
    "two hundred and fifty" stays, "ten and fifteen" is "ten"."""
    for match in _AND.finditer(surface):
        if _LARGE_BEFORE.search(surface, 0, match.start()) is None:
            return surface[: match.start()]
    return surface
