"""Index stage: claims -> ClaimIndex, grouped by what they are about.

Claims are compared only after they are aligned (as XBRL checks align facts)
on four things:

- **entity**: the canonical name of a pack entity (any alias, English or
  Chinese, maps onto it), else the name the document gives, compared without
  case, surrounding "the" or extra spaces;
- **metric**: a pack metric when the phrase is one of its synonyms (or the
  synonym with a plural/singular or spelling difference), else the phrase
  itself, merged with near-identical phrases of the corpus ("tech companies"
  ~ "technology companies") by :class:`MetricNormaliser`;
- **dimension**: what kind of figure it is: ``count`` (counts and bare
  numbers), ``money``, ``percent``, a quantity's SI base unit (``meter ** 2``),
  ``date`` (years and dates), ``ordinal``, ``duration``, ``ratio``;
- **period**: the claim's ``as_of`` at its stated precision (:func:`period_of`),
  kept on the claim rather than in the key, so a check can follow a figure
  through time.

The unit a quantity is written in and a money figure's currency are not part of
the key: the ``consistency`` check compares claims in the same unit, the
``unit`` check claims of one key written in different units.

Parts stay linked to their wholes (:attr:`ClaimIndex.parts`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from factcheck.knowledge import Knowledge
from factcheck.model import Claim
from factcheck.units import base_unit

#: Claims with these flags are not facts to align (a year used as a name, an anniversary ordinal).
UNINDEXED_FLAGS = frozenset({"year-name", "anniversary"})
#: The metric every founding date is filed under (a founding date never changes: it is stable).
FOUNDING_METRIC = "founding"

_KIND_DIMENSION = {
    "count": "count",
    "number": "count",
    "money": "money",
    "percent": "percent",
    "ratio": "ratio",
    "ordinal": "ordinal",
    "date": "date",
    "year": "date",
    "duration": "duration",
}


class ClaimKey(NamedTuple):
    """What a claim is about: two claims with one key state the same fact (perhaps at other dates)."""

    entity: str | None
    metric: str | None
    kind: str
    dimension: str | None


# --- periods --------------------------------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """The days an ISO date at some precision covers ("2024" is the whole year)."""

    start: dt.date
    end: dt.date
    iso: str = field(compare=False)
    precision: str = field(compare=False)  # "year", "month", "day" or "interval" ("2024-10/2024-12")

    def label(self) -> str:
        """Short human form: "2024", "Feb 2021", "24 Feb 2021"."""
        if self.precision == "year":
            return str(self.start.year)
        if self.precision == "interval":
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            if self.start.year == self.end.year and months == 3 and self.start.month % 3 == 1:
                return f"Q{self.start.month // 3 + 1} {self.start.year}"
            if self.start.year == self.end.year and months == 6 and self.start.month in (1, 7):
                return f"H{1 if self.start.month == 1 else 2} {self.start.year}"
            return f"{_MONTHS[self.start.month - 1]} {self.start.year}–{_MONTHS[self.end.month - 1]} {self.end.year}"
        if self.precision == "month":
            return f"{_MONTHS[self.start.month - 1]} {self.start.year}"
        return f"{self.start.day} {_MONTHS[self.start.month - 1]} {self.start.year}"


@lru_cache(maxsize=4096)
def period_of(iso: str | None) -> Period | None:
    """The period an ISO date string covers, or None when there is none or it cannot be read."""
    if not iso:
        return None
    if "/" in str(iso):
        # An ISO 8601 interval of months or years ("2024-10/2024-12": a quarter; "2023-04/2024-03": a fiscal year).
        first, _, final = str(iso).partition("/")
        begin, finish = period_of(first), period_of(final)
        if begin is None or finish is None or finish.end < begin.start:
            return None
        return Period(begin.start, finish.end, str(iso), "interval")
    match = _ISO.match(str(iso))
    if not match:
        return None
    year = int(match.group(1))
    try:
        if match.group(3):
            day = dt.date(year, int(match.group(2)), int(match.group(3)))
            return Period(day, day, match.group(0), "day")
        if match.group(2):
            month = int(match.group(2))
            last = calendar.monthrange(year, month)[1]
            return Period(dt.date(year, month, 1), dt.date(year, month, last), match.group(0), "month")
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), match.group(0), "year")
    except ValueError:
        return None


def periods_close(first: Period, second: Period, window_days: int = 0) -> bool:
    """True when the two periods overlap or lie at most ``window_days`` apart."""
    gap = (max(first.start, second.start) - min(first.end, second.end)).days
    return gap <= window_days


# --- names ----------------------------------------------------------------------------------------------------------


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("\u3000", " ")).strip().strip(".,;:()[]「」《》“”\"'")
    return re.sub(r"^the ", "", name, flags=re.IGNORECASE)


class EntityNormaliser:
    """Entity names and aliases -> canonical names (pack entities), else a cleaned form of the name."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._names: dict[str, str] = {}
        self._parents: dict[str, str] = {}
        for entity in knowledge.entities:
            for alias in (entity.name, *entity.aliases):
                self._names.setdefault(_clean(alias).casefold(), entity.name)
            if entity.parent:
                self._parents[entity.name] = entity.parent
        self._seen: dict[str, str] = {}
        #: Names as written -> their canonical form (a corpus writes a few hundred names tens of thousands of times).
        self._raw: dict[str, tuple[str | None]] = {}

    def __call__(self, name: str | None) -> str | None:
        if not name:
            return None
        known = self._raw.get(name)
        if known is None:
            known = self._raw[name] = (self._resolve(name),)
        return known[0]

    def _resolve(self, name: str) -> str | None:
        cleaned = _clean(name)
        if not cleaned:
            return None
        folded = cleaned.casefold()
        known = self._names.get(folded)
        if known is not None:
            return known
        # A document-defined name: the first spelling seen stands for all case variants.
        return self._seen.setdefault(folded, cleaned)

    def parent(self, name: str | None) -> str | None:
        return self._parents.get(name) if name else None


_SINGULAR_RULES = (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", ""))
_NO_SINGULAR = ("ss", "us", "is")


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(_NO_SINGULAR) or not word.isascii():
        return word
    for suffix, replacement in _SINGULAR_RULES:
        if word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    return word


@lru_cache(maxsize=16384)
def metric_tokens(phrase: str) -> tuple[str, ...]:
    """Comparable tokens of a metric phrase: lower case, hyphens joined, the head noun singular.

    "Start-ups" -> ("startup",); "tech companies" -> ("tech", "company").  A phrase
    with no spaces and no ASCII (Chinese) is one token.
    """
    text = _clean(phrase).casefold().replace("-", "").replace("\u2010", "").replace("\u2011", "")
    tokens = [token for token in re.split(r"\s+", text) if token]
    if not tokens:
        return ()
    tokens[-1] = _singular(tokens[-1])
    return tuple(tokens)


def _tokens_alike(first: str, second: str, threshold: float) -> bool:
    if first == second:
        return True
    if not (first.isascii() and second.isascii()):
        return False
    shorter, longer = sorted((first, second), key=len)
    # An abbreviation: "tech" for "technology" (4 letters at least: "pro" is not "professional").
    if len(shorter) >= 4 and longer.startswith(shorter):
        return True
    # A spelling variant: "centre"/"center", "organisation"/"organization".
    return len(shorter) >= 5 and shorter[0] == longer[0] and fuzz.ratio(first, second) >= threshold


def metrics_alike(first: tuple[str, ...], second: tuple[str, ...], threshold: float = 80.0) -> bool:
    """Same head noun and the same number of modifiers, each alike (a near-miss or an abbreviation).

    Deliberately narrow: "biotech companies" and "fintech companies" differ, and so
    do "R&D projects" and "projects" (a subset is another metric).
    """
    if len(first) != len(second) or not first:
        return False
    return all(_tokens_alike(a, b, threshold) for a, b in zip(first, second, strict=True))


class MetricNormaliser:
    """Metric phrases -> one key: pack synonyms first, then near-identical phrases of the corpus."""

    def __init__(self, knowledge: Knowledge, threshold: float = 80.0) -> None:
        self.threshold = threshold
        self._pack: dict[tuple[str, ...], str] = {}
        for metric in knowledge.metrics:
            for synonym in (metric.name, *metric.synonyms):
                tokens = metric_tokens(synonym)
                if tokens:
                    self._pack.setdefault(tokens, metric.name)
        # Only phrases of as many words are alike (metrics_alike): each is compared with those alone, in order.
        self._pack_entries: dict[int, list[tuple[tuple[str, ...], str]]] = {}
        for tokens, name in self._pack.items():
            self._pack_entries.setdefault(len(tokens), []).append((tokens, name))
        #: Corpus phrases with no pack metric: representative tokens -> key, by number of words.
        self._clusters: dict[int, list[tuple[tuple[str, ...], str]]] = {}
        self._cache: dict[str, str | None] = {}

    def __call__(self, phrase: str | None) -> str | None:
        if not phrase:
            return None
        if phrase in self._cache:
            return self._cache[phrase]
        key = self._resolve(phrase)
        self._cache[phrase] = key
        return key

    def _resolve(self, phrase: str) -> str | None:
        tokens = metric_tokens(phrase)
        if not tokens:
            return None
        known = self._pack.get(tokens)
        if known is not None:
            return known
        for pack_tokens, name in self._pack_entries.get(len(tokens), ()):
            if metrics_alike(tokens, pack_tokens, self.threshold):
                return name
        for cluster_tokens, name in self._clusters.get(len(tokens), ()):
            if metrics_alike(tokens, cluster_tokens, self.threshold):
                return name
        name = re.sub(r"\s+", " ", _clean(phrase).casefold())  # the first wording seen names the key
        self._clusters.setdefault(len(tokens), []).append((tokens, name))
        return name


# --- dimensions -----------------------------------------------------------------------------------------------------


def dimension_of(claim: Claim) -> str | None:
    """What a claim's figure measures, regardless of the unit or currency it is written in."""
    if claim.kind == "quantity":
        if claim.base_unit:
            return claim.base_unit
        return base_unit(claim.unit) if claim.unit else None  # the unit table (pint only for a rare unit)
    return _KIND_DIMENSION.get(claim.kind, claim.kind)


def unit_of(claim: Claim) -> str | None:
    """The unit (quantity) or currency (money) the figure is written in; None for plain numbers."""
    if claim.kind == "money":
        return claim.currency
    if claim.kind == "quantity":
        return claim.unit
    return None


# --- the index ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimIndex:
    """Claims grouped by key; every claim by id; parts by the id of their whole."""

    groups: Mapping[ClaimKey, tuple[Claim, ...]]
    by_id: Mapping[str, Claim]
    keys: Mapping[str, ClaimKey] = field(default_factory=dict)
    parts: Mapping[str, tuple[Claim, ...]] = field(default_factory=dict)
    #: Canonical entity -> its parent entity (a park -> the corporation that runs it), from the packs.
    parents: Mapping[str, str] = field(default_factory=dict)
    #: Claims by flag ("founding", "total", ...), in the order they were indexed.
    flagged: Mapping[str, tuple[Claim, ...]] = field(default_factory=dict)
    #: What the checks derive from the index once and share between rules (claim sets, intervals); filled
    #: as they run, and never changes what the fields above say (see ``factcheck.checks.alignment``).
    derived: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def group(self, key: ClaimKey) -> tuple[Claim, ...]:
        return self.groups.get(key, ())

    def key_of(self, claim: Claim) -> ClaimKey | None:
        """The claim's aligned key (None for claims that are not indexed: year-names, anniversaries)."""
        return self.keys.get(claim.id)

    def entity_of(self, claim: Claim) -> str | None:
        key = self.keys.get(claim.id)
        return key.entity if key else None

    def metric_of(self, claim: Claim) -> str | None:
        key = self.keys.get(claim.id)
        return key.metric if key else None

    def parts_of(self, whole: Claim) -> tuple[Claim, ...]:
        return self.parts.get(whole.id, ())

    def whole_of(self, part: Claim) -> Claim | None:
        return self.by_id.get(part.part_of) if part.part_of else None

    def related_by_part(self, first: Claim, second: Claim) -> bool:
        """True when one claim is (transitively) a part of the other, or both are parts of one whole."""
        first_wholes, second_wholes = self._wholes(first), self._wholes(second)
        return second.id in first_wholes or first.id in second_wholes or bool(first_wholes & second_wholes)

    def _wholes(self, claim: Claim) -> set[str]:
        found: set[str] = set()
        current = claim
        while current.part_of and current.part_of not in found:
            found.add(current.part_of)
            whole = self.by_id.get(current.part_of)
            if whole is None:
                break
            current = whole
        return found


def claim_key(claim: Claim) -> ClaimKey:
    """A claim's fields as written: (entity, metric, kind, currency or unit) — what a chart may plot on one axis.

    The checks align claims with :func:`aligned_key` instead (aliases, synonyms, unit dimensions).
    """
    return ClaimKey(claim.entity, claim.metric, claim.kind, claim.currency or claim.base_unit or claim.unit)


def aligned_key(claim: Claim, entities: EntityNormaliser, metrics: MetricNormaliser) -> ClaimKey:
    """The key the checks compare claims on: canonical entity, aligned metric, kind family, dimension."""
    metric = FOUNDING_METRIC if "founding" in claim.flags else metrics(claim.metric)
    kind = "count" if claim.kind == "number" else claim.kind
    if kind == "year":
        kind = "date"
    return ClaimKey(entities(claim.entity), metric, kind, dimension_of(claim))


def _groups(
    claims: Iterable[Claim], by_id: Mapping[str, Claim], keys: Mapping[str, ClaimKey]
) -> dict[ClaimKey, list[Claim]]:
    """The indexed claims by key, in claim order."""
    groups: dict[ClaimKey, list[Claim]] = {}
    for claim in claims:
        if not UNINDEXED_FLAGS.isdisjoint(claim.flags):
            continue
        key = keys[claim.id]
        whole = by_id.get(claim.part_of) if claim.part_of else None
        # "2,200 companies, including 11 listed companies" read as metric "companies" twice: the part is a
        # sub-population its metric does not name, so it is no figure of the metric itself.
        if whole is not None and keys[whole.id].metric == key.metric:
            continue
        groups.setdefault(key, []).append(claim)
    return groups


#: The fields a claim's aligned key is computed from (entity and metric as written, kind, units, flags).
_RAW_KEY = operator.attrgetter("entity", "metric", "kind", "base_unit", "unit", "flags")


def build_index(claims: Iterable[Claim], knowledge: Knowledge, *, fuzzy_threshold: float = 80.0) -> ClaimIndex:
    entities = EntityNormaliser(knowledge)
    metrics = MetricNormaliser(knowledge, fuzzy_threshold)
    claims = claims if isinstance(claims, tuple | list) else tuple(claims)
    groups: dict[ClaimKey, list[Claim]] = {}
    by_id: dict[str, Claim] = {}
    keys: dict[str, ClaimKey] = {}
    parts: dict[str, list[Claim]] = {}
    # A claim's key depends only on these fields as written, and a corpus writes a few hundred such tuples
    # sixty thousand times: each is aligned once (the normalisers give a phrase one answer for the whole run,
    # and each phrase is still first resolved at its first claim, as the clusters' names depend on that order).
    aligned: dict[tuple[Any, ...], tuple[ClaimKey, bool, frozenset[str], list[Claim]]] = {}
    lists: dict[ClaimKey, list[Claim]] = {}  # each key's group, entered in ``groups`` with its first claim
    flagged: dict[str, list[Claim]] = {}
    #: Parts listed before their whole was seen (their whole may yet exclude them: see _groups).
    early_parts = False
    for claim in claims:
        claim_id = claim.id
        by_id[claim_id] = claim
        part_of = claim.part_of
        if part_of:
            parts.setdefault(part_of, []).append(claim)
        raw = _RAW_KEY(claim)
        known = aligned.get(raw)
        if known is None:
            flags = frozenset(claim.flags)
            if UNINDEXED_FLAGS.isdisjoint(flags):
                key = aligned_key(claim, entities, metrics)
            else:
                key = ClaimKey(entities(claim.entity), None, claim.kind, dimension_of(claim))
            known = aligned[raw] = (key, not UNINDEXED_FLAGS.isdisjoint(flags), flags, lists.setdefault(key, []))
        key, unindexed, flags, group = known
        keys[claim_id] = key
        if flags:
            for flag in flags:
                flagged.setdefault(flag, []).append(claim)
        if unindexed:
            continue
        if part_of:
            whole = by_id.get(part_of)
            if whole is None:
                early_parts = True
            elif keys[whole.id].metric == key.metric:
                continue  # see _groups
        if not group:
            groups[key] = group
        group.append(claim)
    if early_parts:
        groups = _groups(claims, by_id, keys)
    parents = {entity.name: entity.parent for entity in knowledge.entities if entity.parent}
    return ClaimIndex(
        groups={key: tuple(value) for key, value in groups.items()},
        by_id=by_id,
        keys=keys,
        parts={key: tuple(value) for key, value in parts.items()},
        parents=parents,
        flagged={flag: tuple(value) for flag, value in flagged.items()},
    )
