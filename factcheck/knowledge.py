"""What rule packs know about the world: entities, metrics and names.

This is data loaded from YAML packs (never hard-coded): the extraction stage
uses it to attribute claims, the check stage to align them.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Entity:
    """An organisation, place, programme or body that claims can be about."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    #: ISO date at the precision known ("2001", "2001-05").
    founded: str | None = None
    #: The canonical name of the entity this one belongs to (a park of a corporation).
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Metric:
    """What a figure measures; synonyms map wordings onto the canonical name."""

    name: str
    synonyms: tuple[str, ...] = ()
    #: Chinese measure words that hint at this metric (家, 名, ...).
    measure_words: tuple[str, ...] = ()
    #: Values that do not change over time (founding year, a site's area).
    stable: bool = False
    #: "increasing" or "decreasing" when the value may only move one way.
    monotonic: str | None = None


@dataclass(frozen=True, slots=True)
class NameSpec:
    """A canonical spelling of a name; variants listed are known misspellings."""

    canonical: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Knowledge:
    entities: tuple[Entity, ...] = ()
    metrics: tuple[Metric, ...] = ()
    names: tuple[NameSpec, ...] = ()
    #: Pairs of names that look alike but are legitimately different.
    distinct: tuple[tuple[str, str], ...] = ()
    default_currency: str | None = None
    #: Relative half-width of "about N" intervals (0.1 -> about 900 = 810..990).
    about_tolerance: float = 0.1

    def entity(self, name: str) -> Entity | None:
        for entity in self.entities:
            if entity.name == name:
                return entity
        return None

    def metric(self, name: str) -> Metric | None:
        for metric in self.metrics:
            if metric.name == name:
                return metric
        return None

    def extraction_digest(self) -> str:
        """Hash of everything that changes what extraction produces (for the claim cache)."""
        return _extraction_digest(self)


@functools.lru_cache(maxsize=16)
def _extraction_digest(knowledge: Knowledge) -> str:
    # Memoised: extraction asks once per document, and the packs do not change within a run.
    payload = {
        "entities": [asdict(entity) for entity in knowledge.entities],
        "metrics": [asdict(metric) for metric in knowledge.metrics],
        "default_currency": knowledge.default_currency,
        "about_tolerance": knowledge.about_tolerance,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
