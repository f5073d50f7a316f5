"""Regular expressions written by users in rule packs: rejected when they can backtrack catastrophically.

CPython's ``re`` cannot be interrupted once a match has started, so a pattern that backtracks
exponentially ("(a+)+$", "(\\w|\\d)*x") would hang a CI run on one unlucky line. Two defences:

1. ``unsafe_reason`` is a static check of the parsed pattern: a repeat (``*``, ``+``, ``{n,}``, ``{n,m}``
   with m > 1) whose body can itself match in more than one way per repetition is refused. That covers
   nested quantifiers (a quantified group holding a variable-length quantifier) and quantified
   alternations whose branches can start with the same character. Backreferences are refused too.
2. ``TimedPattern`` bounds what is left: it matches blocks of whole lines (at most ``MAX_CHUNK``
   characters each, so a slow pattern's cost per call is bounded) and stops matching for the rest
   of the run once a rule has spent ``budget`` seconds, so even polynomial patterns cannot stall a
   run for long.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

try:  # Python 3.11+: the parser is re._parser (sre_parse is deprecated)
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _sre_constants
    import sre_parse as _sre_parser

MAX_PATTERN_LENGTH = 1000
#: Matching is done on blocks of whole lines of at most this many characters (a long line is cut).
MAX_CHUNK = 4000

_REPEATS = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT, _sre_constants.POSSESSIVE_REPEAT}
_MAXREPEAT = _sre_constants.MAXREPEAT


class UnsafePattern(ValueError):
    """A pattern that does not compile or may backtrack catastrophically."""


def _width(items: Any) -> tuple[int, int]:
    low, high = items.getwidth()
    return int(low), int(high)


_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
#: Stands for "some character outside ASCII" in the approximate character sets below.
_NON_ASCII = "\uffff"
_CATEGORIES = {
    _sre_constants.CATEGORY_DIGIT: frozenset("0123456789") | {_NON_ASCII},
    _sre_constants.CATEGORY_WORD: _ASCII_WORD | {_NON_ASCII},
    _sre_constants.CATEGORY_SPACE: frozenset(" \t\n\r\f\v") | {_NON_ASCII},
}


def _set_chars(arg: Any) -> frozenset[str] | None:
    """Characters an IN (character class) item can match; None when negated or too wide to list."""
    chars: set[str] = set()
    for in_op, in_arg in arg:
        if in_op is _sre_constants.LITERAL:
            chars.add(chr(in_arg))
        elif in_op is _sre_constants.RANGE and in_arg[1] - in_arg[0] < 256:
            chars.update(chr(code) for code in range(in_arg[0], in_arg[1] + 1))
        elif in_op is _sre_constants.CATEGORY and in_arg in _CATEGORIES:
            chars |= _CATEGORIES[in_arg]
        else:
            return None
    return frozenset(chars)


def _item_first(op: Any, arg: Any) -> tuple[frozenset[str] | None, bool]:
    """(characters one item can start with or None when unknown, whether it can match nothing)."""
    if op is _sre_constants.LITERAL:
        return frozenset(chr(arg)), False
    if op is _sre_constants.IN:
        return _set_chars(arg), False
    if op is _sre_constants.SUBPATTERN:
        return _sequence_first(arg[-1])
    if op is _sre_constants.BRANCH:
        union: set[str] = set()
        nullable = False
        for branch in arg[1]:
            chars, empty = _sequence_first(branch)
            if chars is None:
                return None, False
            union |= chars
            nullable = nullable or empty
        return frozenset(union), nullable
    if op in _REPEATS:
        chars, empty = _sequence_first(arg[2])
        return chars, empty or arg[0] == 0
    if op in (_sre_constants.AT, _sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
        return frozenset(), True
    return None, False


def _sequence_first(items: Any) -> tuple[frozenset[str] | None, bool]:
    found: set[str] = set()
    for op, arg in items:
        chars, nullable = _item_first(op, arg)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _first_chars(items: Any) -> frozenset[str] | None:
    """Characters every match of the sub-pattern starts with; None when unknown or when it can match nothing."""
    chars, nullable = _sequence_first(items)
    return None if nullable else chars


def _all_chars(items: Any) -> frozenset[str] | None:
    """Every character the sub-pattern can match; None when unknown or any."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _sre_constants.LITERAL:
            chars.add(chr(arg))
        elif op is _sre_constants.IN:
            found = _set_chars(arg)
            if found is None:
                return None
            chars |= found
        elif op is _sre_constants.SUBPATTERN:
            inner = _all_chars(arg[-1])
            if inner is None:
                return None
            chars |= inner
        elif op in _REPEATS:
            inner = _all_chars(arg[2])
            if inner is None:
                return None
            chars |= inner
        elif op is _sre_constants.BRANCH:
            for branch in arg[1]:
                inner = _all_chars(branch)
                if inner is None:
                    return None
                chars |= inner
        elif op is not _sre_constants.AT:
            return None
    return frozenset(chars)


def _variable_repeat_chars(items: Any) -> list[frozenset[str] | None]:
    """The character sets of every variable-length repeat inside ``items``."""
    found: list[frozenset[str] | None] = []
    for op, arg in items:
        if op in _REPEATS:
            low, high, body = arg
            if high != low:
                found.append(_all_chars(body))
            found.extend(_variable_repeat_chars(body))
        elif op is _sre_constants.SUBPATTERN:
            found.extend(_variable_repeat_chars(arg[-1]))
        elif op is _sre_constants.BRANCH:
            for branch in arg[1]:
                found.extend(_variable_repeat_chars(branch))
    return found


def _nested_repeat_is_ambiguous(body: Any) -> bool:
    """A repeated body holding variable repeats is safe only when each repetition starts with a
    character none of those inner repeats can match (so repetitions cannot be split two ways)."""
    inner = _variable_repeat_chars(body)
    if not inner:
        return False
    first = _first_chars(body)
    if not first:
        return True
    return any(chars is None or chars & first for chars in inner)


def _ambiguous_branches(branches: list[Any]) -> bool:
    """True when two alternatives may start with the same character."""
    seen: set[str] = set()
    empty = 0
    for branch in branches:
        if _width(branch)[0] == 0:
            empty += 1
            if empty > 1:
                return True
            continue
        chars = _first_chars(branch)
        if chars is None or chars & seen:
            return True
        seen |= chars
    return False


def _contains_ambiguous_branch(items: Any) -> bool:
    for op, arg in items:
        if op is _sre_constants.BRANCH and _ambiguous_branches(arg[1]):
            return True
        if op is _sre_constants.SUBPATTERN and _contains_ambiguous_branch(arg[-1]):
            return True
    return False


def _check(items: Any) -> str | None:
    for op, arg in items:
        if op in (_sre_constants.GROUPREF, _sre_constants.GROUPREF_EXISTS):
            return "backreferences are not allowed"
        if op in _REPEATS:
            _low, high, body = arg
            if op is not _sre_constants.POSSESSIVE_REPEAT and (high == _MAXREPEAT or high > 1):
                if _nested_repeat_is_ambiguous(body):
                    return "a repeated group contains another variable repeat (nested quantifiers)"
                if _contains_ambiguous_branch(body):
                    return "a repeated group holds alternatives that can match the same text"
                if _width(body)[0] == 0:
                    return "a repeated group can match the empty string"
            reason = _check(body)
            if reason:
                return reason
        elif op is _sre_constants.SUBPATTERN:
            reason = _check(arg[-1])
            if reason:
                return reason
        elif op is _sre_constants.BRANCH:
            for branch in arg[1]:
                reason = _check(branch)
                if reason:
                    return reason
        elif op in (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
            reason = _check(arg[1])
            if reason:
                return reason
    return None


def unsafe_reason(pattern: str) -> str | None:
    """Why ``pattern`` is refused (does not compile, too long, may backtrack), or None when it is fine."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"longer than {MAX_PATTERN_LENGTH} characters"
    try:
        re.compile(pattern)
        parsed = _sre_parser.parse(pattern)
    except re.error as error:
        return f"invalid regular expression: {error}"
    except RecursionError:
        return "too deeply nested"
    reason = _check(parsed)
    if reason:
        return f"may backtrack catastrophically: {reason}"
    return None


def compile_safe(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a user's pattern, or raise UnsafePattern saying why not."""
    reason = unsafe_reason(pattern)
    if reason:
        raise UnsafePattern(reason)
    return re.compile(pattern, flags)


@dataclass
class TimedPattern:
    """A user's pattern matched chunk by chunk under a cumulative time budget (seconds)."""

    pattern: re.Pattern[str]
    budget: float = 2.0
    spent: float = field(default=0.0)

    @property
    def exhausted(self) -> bool:
        return self.spent >= self.budget

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """Matches in ``text[start:end]``; stops quietly once the budget is spent.

        Text is matched in blocks of whole lines, at most MAX_CHUNK characters each (a longer line
        is cut), and each block is timed. A match never spans two blocks.
        """
        stop = len(text) if end is None else end
        position = start
        while position < stop and not self.exhausted:
            chunk_end = min(stop, position + MAX_CHUNK)
            if chunk_end < stop:
                cut = text.rfind("\n", position, chunk_end)
                chunk_end = cut + 1 if cut >= position else chunk_end
            began = time.perf_counter()
            matches = list(self.pattern.finditer(text, position, chunk_end))
            self.spent += time.perf_counter() - began
            yield from matches
            position = chunk_end


def first_char_guard(pattern: str, flags: int = 0) -> str:
    """``pattern`` prefixed with a lookahead on the characters a match can start with, when known.

    CPython's ``re`` tries an alternation at every position; a leading one-character class lets it
    skip most positions at once (3-4x faster on long documents). Returns ``pattern`` unchanged when
    the first characters cannot be listed.
    """
    try:
        chars = _first_chars(_sre_parser.parse(pattern))
    except (re.error, RecursionError):
        return pattern
    if not chars or _NON_ASCII in chars:
        return pattern
    if flags & re.IGNORECASE:
        chars = frozenset(chars | {char.swapcase() for char in chars})
    escaped = "".join(sorted(re.escape(char) if char not in "-]^\\" else "\\" + char for char in chars))
    return f"(?=[{escaped}])(?:{pattern})"
