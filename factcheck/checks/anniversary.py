"""anniversary: an "Nth anniversary" or "N years" that does not fit the entity's founding date.

Each anniversary claim (flag ``anniversary``: "20th anniversary", "celebrates 20
years", "for 20 continuous years", 二十周年) belongs to the entity extraction
attributed it to; two anniversaries of two entities in one text are checked
separately (the HKSAR's 25th and HKSTP's 20th in one release).

The founding date F comes from the corpus (a claim flagged ``founding``:
"Established in 2001", "founded in May 2001", 成立於2001年; the same document
first) or from a pack entity's ``founded``.  When both give the same year and
only the pack gives the month, the month is used.  D is the document's date
(else the claim's ``as_of``).  N fits when:

- **calendar years**: N = year(D) − year(F). The Nth anniversary falls in the
  calendar year F + N, and a document of that year may celebrate it, before or
  after the day; or
- **completed years** (only when F and D both give the month): N = the number
  of whole years from F to D (a year is complete on the founding month's
  first day, or on the founding day when both give the day).  This is the
  one-year slack the month makes legitimate: founded in October 2001, a
  document of March 2022 may speak of the 20th anniversary (20 complete years)
  although 2022 − 2001 = 21.  Founded in May 2001, a July 2022 document is 21
  complete years and 21 calendar years on: only the 21st fits.

"N years of ..." and "for N continuous years" are read the same way.

When no founding date is known, anniversaries of one entity are compared with
each other: two in one document with different N, or two in different
documents implying founding years two or more years apart (each implies
year(D) − N; a year's difference can be the month), are flagged.
Anniversaries with no entity or no date are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from factcheck.checks.alignment import claim_order, flagged, format_message, related, selected
from factcheck.checks.base import CheckContext, Param, finding
from factcheck.index import period_of
from factcheck.model import Claim, Finding, RelatedLocation
from factcheck.rules.model import Rule

NAME = "anniversary"
DESCRIPTION = "An anniversary or a number of years that does not fit the founding date of the entity it belongs to."
PARAMS: Mapping[str, Param] = {}


@dataclass(frozen=True, slots=True)
class Founding:
    year: int
    month: int | None = None
    day: int | None = None
    #: The corpus statement, or None when the date comes from a rule pack.
    claim: Claim | None = None

    def label(self) -> str:
        period = period_of(
            f"{self.year:04d}"
            + (f"-{self.month:02d}" if self.month else "")
            + (f"-{self.day:02d}" if self.month and self.day else "")
        )
        return period.label() if period else str(self.year)


@dataclass(frozen=True, slots=True)
class When:
    year: int
    month: int | None
    day: int | None

    def label(self) -> str:
        return Founding(self.year, self.month, self.day).label()


def _parts(iso: str | None) -> When | None:
    period = period_of(iso)
    if period is None:
        return None
    month = period.start.month if period.precision in ("month", "day") else None
    day = period.start.day if period.precision == "day" else None
    return When(period.start.year, month, day)


def _founding_from_claim(claim: Claim) -> Founding | None:
    value = claim.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Founding(int(value), claim=claim) if 1 <= value <= 9999 and float(value).is_integer() else None
    parts = _parts(str(value)) if value is not None else None
    if parts is None:
        return None
    return Founding(parts.year, parts.month, parts.day, claim)


def _foundings(ctx: CheckContext) -> dict[str, list[Founding]]:
    found: dict[str, list[Founding]] = {}
    for claim in flagged(ctx, "founding"):
        entity = ctx.index.entity_of(claim)
        founding = _founding_from_claim(claim)
        if entity and founding:
            found.setdefault(entity, []).append(founding)
    return found


def _founding(ctx: CheckContext, entity: str, path: str, stated: dict[str, list[Founding]]) -> Founding | None:
    """The founding date to check against: the same document's statement first, then the corpus, then the pack."""
    candidates = stated.get(entity, [])
    corpus = next((f for f in candidates if f.claim and f.claim.path == path), candidates[0] if candidates else None)
    known = ctx.knowledge.entity(entity)
    pack = _parts(known.founded) if known and known.founded else None
    if corpus is None:
        return Founding(pack.year, pack.month, pack.day) if pack else None
    if pack and pack.year == corpus.year and corpus.month is None:
        return Founding(corpus.year, pack.month, pack.day, corpus.claim)
    return corpus


def fits(years: int, founded: Founding, date: When) -> bool:
    """Whether N = ``years`` fits a founding date and a document date (see the module docstring)."""
    if years == date.year - founded.year:
        return True
    if founded.month is None or date.month is None:
        return False
    if founded.day and date.day:
        before = (date.month, date.day) < (founded.month, founded.day)
    else:
        before = date.month < founded.month
    return years == date.year - founded.year - (1 if before else 0)


def _expected(founded: Founding, date: When) -> str:
    calendar = date.year - founded.year
    fitting = sorted({n for n in (calendar - 1, calendar) if fits(n, founded, date)})
    return " or ".join(str(n) for n in fitting) or str(calendar)


def _document_date(ctx: CheckContext, claim: Claim) -> When | None:
    document = ctx.documents.get(claim.path)
    return _parts(document.date if document and document.date else claim.as_of)


def _years(claim: Claim) -> int | None:
    value = claim.value
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 10_000:
        return None
    return int(value) if float(value).is_integer() else None


def check(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    stated = _foundings(ctx)
    anniversaries = flagged(ctx, "anniversary")
    focus = ctx.focus
    if focus is not None:
        # A finding names a focus claim only when its anniversary is in a focus document, or its founding
        # statement is, or (no founding date known) it is compared with an anniversary in a focus document:
        # only the entities of those are checked, each with all its anniversaries.
        entities = {ctx.index.entity_of(claim) for claim in anniversaries if claim.path in focus}
        entities.update(
            entity
            for entity, foundings in stated.items()
            if any(founding.claim is not None and founding.claim.path in focus for founding in foundings)
        )
        anniversaries = [claim for claim in anniversaries if ctx.index.entity_of(claim) in entities]
    # (entity, path, N) -> the claims, in document order.
    groups: dict[tuple[str, str, int], list[Claim]] = {}
    for claim in anniversaries:
        if not selected(rule, claim, ctx.index):
            continue
        entity, years = ctx.index.entity_of(claim), _years(claim)
        if entity and years is not None and _document_date(ctx, claim) is not None:
            groups.setdefault((entity, claim.path, years), []).append(claim)
    unfounded: dict[str, list[tuple[int, list[Claim]]]] = {}
    for (entity, path, years), claims in groups.items():
        first = claims[0]
        date = _document_date(ctx, first)
        founded = _founding(ctx, entity, path, stated)
        if date is None:
            continue
        if founded is None:
            unfounded.setdefault(entity, []).append((years, claims))
            continue
        if fits(years, founded, date):
            continue
        yield _mismatch(rule, entity, years, claims, founded, date)
    yield from _disagreements(rule, ctx, unfounded)


def _mismatch(rule: Rule, entity: str, years: int, claims: list[Claim], founded: Founding, date: When) -> Finding:
    first = claims[0]
    source = "" if founded.claim else " (rule pack)"
    values = {
        "entity": entity,
        "n": years,
        "text": first.location.text,
        "date": date.label(),
        "founded": founded.label() + source,
        "expected": _expected(founded, date),
        "path": first.path,
        "line": first.location.line,
    }
    default = "{entity}: '{text}' ({n} years) in a document of {date}, but {entity} was founded in {founded}: {expected} years"
    notes: list[RelatedLocation] = []
    if founded.claim is not None:
        notes.append(related(founded.claim, "founding year"))
    notes.extend(related(claim, "same anniversary") for claim in claims[1:])
    ids = [claim.id for claim in claims]
    if founded.claim is not None:
        ids.append(founded.claim.id)
    return finding(rule, first.location, format_message(rule, default, values), tuple(notes), tuple(ids))


def _disagreements(
    rule: Rule, ctx: CheckContext, unfounded: dict[str, list[tuple[int, list[Claim]]]]
) -> Iterator[Finding]:
    """Anniversaries of an entity with no known founding date that cannot all be true."""
    for entity, entries in sorted(unfounded.items()):
        ordered = sorted(entries, key=lambda entry: claim_order(entry[1][0]))
        for index, (years, claims) in enumerate(ordered):
            first = claims[0]
            date = _document_date(ctx, first)
            for other_years, others in ordered[:index]:
                other = others[0]
                other_date = _document_date(ctx, other)
                if date is None or other_date is None:
                    continue
                implied, other_implied = date.year - years, other_date.year - other_years
                same_document = other.path == first.path
                if (same_document and years == other_years) or (not same_document and abs(implied - other_implied) < 2):
                    continue
                values = {
                    "entity": entity,
                    "n": years,
                    "text": first.location.text,
                    "other_text": other.location.text,
                    "other_path": other.path,
                    "other_line": other.location.line,
                    "founded": f"{implied} or {implied - 1}",
                    "expected": f"founded around {other_implied}",
                }
                default = (
                    "{entity}: '{text}' implies founding in {founded}, but '{other_text}' in "
                    "{other_path}:{other_line} implies {expected}"
                )
                yield finding(
                    rule,
                    first.location,
                    format_message(rule, default, values),
                    (related(other, f"{other_years} years"),),
                    (first.id, other.id),
                )
                break
