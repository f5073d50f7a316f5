"""Rules are data: a rule names a check type and gives it parameters."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from factcheck.knowledge import Knowledge
from factcheck.model import RuleInfo, Severity


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    check: str
    category: str
    severity: Severity
    message: str
    description: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    #: Restricts the rule to claims whose fields match ({entity: HKSTP, metric: companies}).
    select: Mapping[str, Any] = field(default_factory=dict)
    #: Where the rule was defined: "path:line" ("<builtin>:line" for the built-in pack).
    source: str = ""

    def format_message(self, **values: Any) -> str:
        """The rule's message with ``{placeholders}`` filled; unknown ones are left as written."""
        try:
            return string.Formatter().vformat(self.message, (), _Blank(values))
        except (ValueError, IndexError, AttributeError):
            return self.message

    def info(self) -> RuleInfo:
        return RuleInfo(self.id, self.check, self.category, self.severity, self.description, self.source)


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    knowledge: Knowledge
    #: The files the rules came from, in load order.
    sources: tuple[str, ...] = ()
