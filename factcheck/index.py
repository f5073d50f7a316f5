"""Index stage: claims -> ClaimIndex, grouped by what they are about."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from factcheck.knowledge import Knowledge
from factcheck.model import Claim

#: (entity, metric, kind, unit dimension or currency)
ClaimKey = tuple[str | None, str | None, str, str | None]


@dataclass(frozen=True, slots=True)
class ClaimIndex:
    groups: Mapping[ClaimKey, tuple[Claim, ...]]
    by_id: Mapping[str, Claim]

    def group(self, key: ClaimKey) -> tuple[Claim, ...]:
        return self.groups.get(key, ())


def claim_key(claim: Claim) -> ClaimKey:
    dimension = claim.currency or claim.base_unit or claim.unit
    return (claim.entity, claim.metric, claim.kind, dimension)


def build_index(claims: Iterable[Claim], knowledge: Knowledge) -> ClaimIndex:
    groups: dict[ClaimKey, list[Claim]] = {}
    by_id: dict[str, Claim] = {}
    for claim in claims:
        by_id[claim.id] = claim
        groups.setdefault(claim_key(claim), []).append(claim)
    return ClaimIndex({key: tuple(value) for key, value in groups.items()}, by_id)
