"""What a check type is, and what it sees."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from factcheck.index import ClaimIndex
from factcheck.knowledge import Knowledge
from factcheck.model import Claim, Document, Finding, Location, RelatedLocation
from factcheck.rules.model import Rule


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter a check type accepts: its type(s), default and meaning."""

    types: tuple[type, ...]
    default: Any
    description: str = ""


class CheckMemo(Protocol):
    """Per-document memos of the check stage (implemented by ``factcheck.cache.CheckMemo``).

    ``key(document, *parts)``: a key for a value that depends on ``document``, the checks' code and
    ``parts``; ``corpus_key(*parts)``: a key for a corpus-wide value (which must record the documents it
    covers); ``get(key)``: the JSON value stored, or None; ``put(key, value)``: store one;
    ``keep(keys)``: mark memos as used (pruning removes memos unused for long).
    ``incomplete(path)``: this run's findings in ``path`` were cut short (a time budget ran out):
    the engine does not memoise them.
    """

    def key(self, document: Document, *parts: str) -> str: ...

    def corpus_key(self, *parts: str) -> str: ...

    def get(self, key: str) -> Any: ...

    def put(self, key: str, value: Any) -> None: ...

    def keep(self, keys: Sequence[str]) -> None: ...

    def incomplete(self, path: str) -> None: ...


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything a check may look at: documents, claims, the index and the packs' knowledge."""

    documents: Mapping[str, Document]
    claims: tuple[Claim, ...]
    claims_by_path: Mapping[str, tuple[Claim, ...]]
    index: ClaimIndex
    knowledge: Knowledge
    #: Pairs of paths declared translations of each other in the config.
    translations: tuple[tuple[str, str], ...] = field(default=())
    #: Memos of per-document work kept across runs (None without a cache: compute everything).
    memo: CheckMemo | None = None
    #: A --focus run's documents: only findings that touch them are reported, so a check may skip
    #: work whose findings cannot (a claim group with no claim in them). None: report everything.
    focus: frozenset[str] | None = None


class CheckType(Protocol):
    """A check module: ``NAME``, ``PARAMS``, ``DESCRIPTION`` and ``check(rule, ctx)``."""

    NAME: str
    DESCRIPTION: str
    PARAMS: Mapping[str, Param]

    def check(self, rule: Rule, ctx: CheckContext) -> Iterator[Finding]: ...


def rule_digest(rule: Rule) -> str:
    """A hash of everything in a rule's definition that can change its findings (not its description)."""
    definition = [rule.id, rule.check, rule.category, rule.severity.value, rule.message, rule.params, rule.select]
    return hashlib.sha256(json.dumps(definition, sort_keys=True, default=repr).encode()).hexdigest()


def param(rule: Rule, name: str, params: Mapping[str, Param]) -> Any:
    """A rule's parameter value, or the check type's default."""
    return rule.params.get(name, params[name].default)


def finding(
    rule: Rule,
    location: Location,
    message: str,
    related: tuple[RelatedLocation, ...] = (),
    claims: tuple[str, ...] = (),
) -> Finding:
    """A finding of ``rule`` (the fingerprint is added later, by the engine)."""
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=message,
        location=location,
        related=related,
        claims=claims,
    )
