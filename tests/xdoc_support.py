"""Hand-made claims on real sentences, for the index and the cross-document checks.

The checks read only claims, so these tests build claims directly (as the
extractor would) at exact positions in real text, and run one rule of the
built-in pack on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext
from factcheck.extract.intervals import bounds, rounding_half_unit
from factcheck.index import build_index
from factcheck.knowledge import Knowledge
from factcheck.load import DocumentMeta, document_from_text
from factcheck.model import Claim, Document, Finding
from factcheck.rules import load_ruleset
from factcheck.rules.model import Rule

REPO = Path(__file__).resolve().parents[1]
SEED_PACK = REPO / "rules" / "hk-innovation.yaml"


@dataclass
class Doc:
    document: Document
    corpus: Corpus

    def claim(
        self,
        text: str,
        value: float | int | str,
        *,
        occurrence: int = 1,
        kind: str = "count",
        qualifier: str = "exact",
        entity: str | None = None,
        metric: str | None = None,
        as_of: str | bool | None = True,
        unit: str | None = None,
        currency: str | None = None,
        base_value: float | None = None,
        base_unit: str | None = None,
        flags: Sequence[str] = (),
        part_of: Claim | None = None,
        lower: float | int | str | bool | None = True,
        upper: float | int | str | bool | None = True,
    ) -> Claim:
        """A claim on the ``occurrence``-th ``text`` of the document; bounds as the extractor computes them."""
        original = self.document.original
        start = -1
        for _ in range(occurrence):
            start = original.index(text, start + 1)
        location = self.document.location(start, start + len(text))
        if isinstance(value, int | float) and (lower is True or upper is True):
            written = next((token for token in text.split() if token[:1].isdigit()), str(value))
            half = rounding_half_unit(written.rstrip("%").replace(",", ""))
            low, high = bounds(float(value), qualifier, half_unit=half)
            lower = low if lower is True else lower
            upper = high if upper is True else upper
        elif lower is True or upper is True:
            lower = value if lower is True else lower
            upper = value if upper is True else upper
        sentence_start = original.rfind(".", 0, start) + 1
        sentence_end = original.find(".", start + len(text))
        claim = Claim(
            id=f"{self.document.path}#{len(self.corpus.claims) + 1}",
            location=location,
            kind=kind,
            value=value,
            lower=None if lower is False else lower,  # type: ignore[arg-type]
            upper=None if upper is False else upper,  # type: ignore[arg-type]
            qualifier=qualifier,
            unit=unit,
            currency=currency,
            entity=entity,
            metric=metric,
            as_of=self.document.date if as_of is True else (as_of or None),  # type: ignore[arg-type]
            base_value=base_value,
            base_unit=base_unit,
            part_of=part_of.id if part_of else None,
            flags=tuple(flags),
            sentence_start=sentence_start,
            sentence_end=sentence_end if sentence_end >= 0 else len(original),
        )
        self.corpus.claims.append(claim)
        return claim


@dataclass
class Corpus:
    knowledge: Knowledge = field(default_factory=Knowledge)
    documents: list[Document] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    packs: tuple[Path, ...] = ()
    docs: list[Doc] = field(default_factory=list)

    @classmethod
    def with_packs(cls, *packs: Path) -> Corpus:
        return cls(knowledge=load_ruleset(packs).knowledge, packs=packs)

    def doc(self, path: str, text: str, date: str | None = None) -> Doc:
        document = document_from_text(text, path, meta=DocumentMeta(date=date))
        self.documents.append(document)
        self.docs.append(Doc(document, self))
        return self.docs[-1]

    def context(self) -> CheckContext:
        by_path: dict[str, list[Claim]] = {}
        for claim in self.claims:
            by_path.setdefault(claim.path, []).append(claim)
        return CheckContext(
            documents={document.path: document for document in self.documents},
            claims=tuple(self.claims),
            claims_by_path={path: tuple(claims) for path, claims in by_path.items()},
            index=build_index(self.claims, self.knowledge),
            knowledge=self.knowledge,
        )

    def rule(self, rule_id: str) -> Rule:
        for rule in load_ruleset(self.packs).rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def run(self, rule_id: str, rule: Rule | None = None) -> list[Finding]:
        chosen = rule or self.rule(rule_id)
        return sorted(CHECKS[chosen.check].check(chosen, self.context()), key=Finding.sort_key)


def where(finding: Finding) -> tuple[str, int, int, str]:
    """(path, line, column, text) of a finding's primary location."""
    location = finding.location
    return (location.path, location.line, location.column, location.text)
