"""What a check type is, and what it sees."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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


class CheckType(Protocol):
    """A check module: ``NAME``, ``PARAMS``, ``DESCRIPTION`` and ``check(rule, ctx)``."""

    NAME: str
    DESCRIPTION: str
    PARAMS: Mapping[str, Param]

    def check(self, rule: Rule, ctx: CheckContext) -> Iterator[Finding]: ...


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
