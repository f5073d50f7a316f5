"""Parameter types a check type may declare beyond plain Python types.

A check module's ``PARAMS`` map names to ``Param(types=(...), default=...)``. Plain types (``int``,
``float``, ``str``, ``bool``, ``list``, ``dict``) are checked with ``isinstance``. The classes here
carry a ``check(value) -> str | None`` that validates structure too (a list of strings, a regular
expression that cannot backtrack catastrophically); rule validation calls it and reports the message.
"""

from __future__ import annotations

from typing import Any, ClassVar

from factcheck.rules.regexes import unsafe_reason


class ParamType:
    """Base of structured parameter types; ``label`` is how docs and errors name the type."""

    label: ClassVar[str] = "value"

    @classmethod
    def check(cls, value: Any) -> str | None:  # pragma: no cover - overridden
        raise NotImplementedError


class StrList(ParamType):
    label = "list of strings"

    @classmethod
    def check(cls, value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return "must be a list of strings"
        return None


class Regex(ParamType):
    """A regular expression (Python syntax) refused when it may backtrack catastrophically."""

    label = "regular expression"

    @classmethod
    def check(cls, value: Any) -> str | None:
        if not isinstance(value, str):
            return "must be a regular expression (a string)"
        reason = unsafe_reason(value)
        return f"pattern {value!r}: {reason}" if reason else None


class RegexList(ParamType):
    label = "list of regular expressions"

    @classmethod
    def check(cls, value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list of regular expressions"
        for item in value:
            reason = Regex.check(item)
            if reason:
                return reason
        return None


class Substitutions(ParamType):
    """A list of ``{find: REGEX, means: TEXT, context?, not_before?, not_after?, note?}``: text damaged
    one way, and what it stands for (see factcheck/checks/ocr_artifact.py)."""

    label = "list of {find, means, context?}"
    KEYS: ClassVar[tuple[str, ...]] = ("find", "means", "context", "not_before", "not_after", "note")

    @classmethod
    def check(cls, value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list of {find: regex, means: text, context: regex}"
        for item in value:
            if not isinstance(item, dict):
                return "each item must be a mapping {find: regex, means: text}"
            unknown = [key for key in item if key not in cls.KEYS]
            if unknown:
                return f"unknown key {unknown[0]!r} in a substitution (keys: {', '.join(cls.KEYS)})"
            if "find" not in item or "means" not in item:
                return "each substitution needs 'find' and 'means'"
            if not isinstance(item["means"], str) or not isinstance(item.get("note", ""), str):
                return "'means' and 'note' must be strings"
            for key in ("find", "context", "not_before", "not_after"):
                if key in item:
                    reason = Regex.check(item[key])
                    if reason:
                        return f"'{key}': {reason}"
        return None


def type_label(kind: type) -> str:
    """How docs and error messages name a parameter type."""
    if isinstance(kind, type) and issubclass(kind, ParamType):
        return kind.label
    return {int: "integer", float: "number", str: "string", bool: "boolean", list: "list", dict: "mapping"}.get(
        kind, kind.__name__
    )


def check_value(types: tuple[type, ...], value: Any) -> str | None:
    """None when ``value`` fits one of ``types``, else what is wrong with it."""
    reasons: list[str] = []
    for kind in types:
        if isinstance(kind, type) and issubclass(kind, ParamType):
            reason = kind.check(value)
            if reason is None:
                return None
            reasons.append(reason)
            continue
        if isinstance(value, bool) and kind is not bool:
            continue  # True is an int in Python, never in a rule file
        if isinstance(value, kind) or (kind is float and isinstance(value, int) and not isinstance(value, bool)):
            return None
    if reasons:
        return reasons[0]
    return "must be " + " or ".join(type_label(kind) for kind in types) + f", not {value!r}"


class StrPairs(ParamType):
    label = "list of [string, string] pairs"

    @classmethod
    def check(cls, value: Any) -> str | None:
        if not isinstance(value, list) or not all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(item, str) for item in pair) for pair in value
        ):
            return "must be a list of [string, string] pairs"
        return None
