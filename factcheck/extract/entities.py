"""Document-defined names: one entity for a long name, its abbreviation and its head noun.

"The Riverton Innovation Fund (RIF) approved ..." and a later "the Fund" or "RIF" are one entity;
another document that only writes "the Riverton Innovation Fund ... the Fund" must give the same
string, so the canonical form of a name the document states in full is the long name (a name from
the rule packs keeps the pack's canonical name).  A long name the document uses with "the" counts
as defined when the document also refers to it by its head noun alone ("the Fund", "the Quarter's"),
so that anaphor resolves to it; names never referred back to are left alone.
"""

from __future__ import annotations

import re

from factcheck.extract.patterns_en import BODY_HEADS, MONTHS, NAME_STOPWORDS

#: "the Riverton Innovation Fund": a definite article, then two to six capitalised words (with "of", "and").
_THE_NAME = re.compile(
    r"[Tt](?<![\w][Tt])he[ \t]+(?P<name>[A-Z][\w&-]*(?:['’][A-Za-z]+)?"
    r"(?:[ \t]+(?:(?:of|and|for|&)[ \t]+)?[A-Z][\w&-]*(?:['’]s)?){1,5})"
)
#: "the Fund", "The Quarter's": a definite article and one capitalised word, not followed by another.
_THE_HEAD = re.compile(
    r"[Tt](?<![\w][Tt])he[ \t]+(?P<head>[A-Z][a-z]{2,})(?:['’]s)?(?![\w&'’-])(?!\s*,\s*[A-Z]|\s+(?:of|and|for|&|[A-Z(])|\s*\()"
)
#: A name cut short by a line break or a bracket: "the Hong Kong Innovation and\n(I&T Blueprint)".
_CUT_SHORT = re.compile(r"\s*(?:,\s*[A-Z]|(?:of|and|for|&)\b|\()")
_POSSESSIVE = re.compile(r"['’]s$")
#: "the HKSAR and Mainland": two names joined, not one.
_TWO_NAMES = re.compile(r"\b[A-Z]{2,}[ \t]+(?:and|&)[ \t]")


def strip_possessive(name: str) -> str:
    """ "Fund's" -> "Fund", "the Quarter’s" -> "the Quarter"; other names unchanged."""
    return _POSSESSIVE.sub("", name)


def used_names(text: str, alias_index: dict[str, str]) -> dict[str, str]:
    """Long names used with "the" whose head noun the document also uses alone: name -> canonical."""
    heads = {match.group("head") for match in _THE_HEAD.finditer(text)}
    if not heads:
        return {}
    found: dict[str, str] = {}
    for match in _THE_NAME.finditer(text):
        words = strip_possessive(match.group("name")).split()
        # The whole name must end in the head ("the Data Technology Hub" is no "Data Technology").
        if len(words) < 2 or words[-1] not in heads or _CUT_SHORT.match(text, match.end()):
            continue
        first = words[0].lower()
        if first in NAME_STOPWORDS or first in MONTHS or _TWO_NAMES.search(" ".join(words)):
            continue
        name = " ".join(words)
        found.setdefault(name, alias_index.get(name.lower(), name))
    return found


# The patterns open with a character class and check the character before with a look-behind after it, so the
# regex engine can skip ahead to candidate first letters.
#: An all-capital abbreviation: "HDQ", "RIF".
_ABBREVIATION = re.compile(r"[A-Z](?<![\w&.-][A-Z])[A-Z]{2,5}(?![\w&-])")
#: Two to seven capitalised words, with "of", "and", "for", "&" between: "Harbourside Digital Quarter".
_LONG_NAME = re.compile(r"[A-Z](?<![\w&'’-][A-Z])[a-z]+(?:[ \t]+(?:(?:of|and|for|&)[ \t]+)?[A-Z][a-z]+){1,6}")


def initialisms(text: str, alias_index: dict[str, str], defined: dict[str, str]) -> dict[str, str]:
    """Abbreviations the document uses without defining them, spelt by the initials of a long name it
    also uses ("the Harbourside Digital Quarter ... HDQ was founded in 2008"): abbreviation -> canonical."""
    wanted = {word for word in _ABBREVIATION.findall(text) if word not in defined and word.lower() not in alias_index}
    if not wanted:
        return {}
    found: dict[str, str] = {}
    for match in _LONG_NAME.finditer(text):
        words = [word for word in match.group(0).split() if word[0].isupper()]
        if words[0] == "The":
            words = words[1:]
        initials = "".join(word[0] for word in words)
        if len(words) >= 2 and initials in wanted and initials not in found:
            name = " ".join(match.group(0).split()[match.group(0).split().index(words[0]) :])
            found[initials] = defined.get(name) or alias_index.get(name.lower()) or name
    return found


_FOUNDING = r"(?:established|founded|set[ \t]+up|incorporated|formed|inaugurated|created|constituted)"
#: "The Quarter, set up in 2006, ...": the name before a founding participle and its date.
_FOUNDED_BEFORE = re.compile(
    r"(?:^|(?<=[^\w&'’-]))(?:[Tt]he[ \t]+)?(?P<np>[A-Z][\w&-]*(?:[ \t]+(?:(?:of|and|for|&)[ \t]+)?[A-Z][\w&-]*){0,6})"
    r"[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?,[ \t]*(?:which[ \t]+was[ \t]+)?" + _FOUNDING + r"[ \t]+(?:in|on)[ \t]+$"
)


def founded_before(text: str, start: int, figure_start: int) -> tuple[int, int, str] | None:
    """The name a founding date after it belongs to: (start, end, name) of "The Quarter" in
    "The Quarter, set up in 2006, is home to ..."; None when the wording is not so."""
    match = _FOUNDED_BEFORE.search(text, max(start, figure_start - 120), figure_start)
    if match is None:
        return None
    return match.start("np"), match.end("np"), match.group("np")


#: "the park", "The park's": a definite article and one lower-case noun, not followed by another noun it modifies
#: ("the park management"), a name or "of" ("the park of the future").
_THE_LOWER_HEAD = re.compile(
    r"[Tt](?<![\w][Tt])he[ \t]+(?P<head>[a-z]{3,})(?:['’]s)?(?![\w&'’-])(?![ \t]+(?:of\b|[A-Z(]))"
)
#: A capitalised name of two to seven words whose last word is its head: "Northgate Park".
#: "and" ends it: "Northgate Park and Eastgate Park" are two names.
_HEADED_NAME = re.compile(r"[A-Z](?<![\w&'’-][A-Z])[a-z]+(?:[ \t]+(?:(?:of|for)[ \t]+)?[A-Z][a-z]+){1,6}")
#: A name used in running text: a lower-case word, "'s" or a comma follows it (a heading has none of these).
_IN_RUNNING_TEXT = re.compile(r"['’]s\b|[ \t]+[a-z]|,")


def head_references(
    text: str, names: list[tuple[str, str]], defined: dict[str, str], alias_index: dict[str, str]
) -> tuple[list[tuple[int, int, str]], dict[str, str]]:
    """ "Northgate Park hosted 800 companies. The park's site area is 12 hectares.": mentions (start, end, canonical)
    of "the park" for the one entity the document names with that head noun.

    ``names`` are (surface, canonical) of the known and defined names the document mentions; capitalised names of
    two or more words the document uses in running text are added.  A name that ends in another ("Visit Northgate
    Park" at a sentence start, "Northgate Park") is that other.  A head shared by two entities ("Northgate Park"
    and "Eastgate Park") resolves to neither.  A capitalised head ("the Fund") is the defined-name anaphor's
    (``used_names``), so only a lower-case head is read here.  Also returns the names so resolved (name ->
    canonical): the document defines them, as ``used_names`` does for "the Riverton Innovation Fund"."""
    wanted = {match.group("head") for match in _THE_LOWER_HEAD.finditer(text) if match.group("head") in BODY_HEADS}
    if not wanted:
        return [], {}
    #: head -> surface words -> canonical
    owners: dict[str, dict[tuple[str, ...], str]] = {}

    def add(surface: str, canonical: str) -> None:
        words = tuple(strip_possessive(surface).split())
        # The head of "Bank of Dunmore" is "Bank": the word before "of" / "for", else the last word.
        link = next((index for index, word in enumerate(words) if word in ("of", "for")), len(words))
        head = words[link - 1].lower() if link >= 1 else ""
        if len(words) >= 2 and head in wanted:
            owners.setdefault(head, {}).setdefault(words, canonical)

    for surface, canonical in names:
        add(surface, canonical)
    for match in _HEADED_NAME.finditer(text):
        words = match.group(0).split()
        if words[0] in ("The", "A", "An") or words[0].lower() in NAME_STOPWORDS or words[0].lower() in MONTHS:
            words = words[1:]
        name = " ".join(words)
        if len(words) < 2 or not _IN_RUNNING_TEXT.match(text, match.end()):
            continue
        if any(name != surface and name in surface for surface, _ in names):
            continue  # a piece of a known name: "Technology Parks Corporation" of "... Science and Technology ..."
        add(name, defined.get(name) or alias_index.get(name.lower()) or name)
    resolved: dict[str, str] = {}
    named: dict[str, str] = {}
    for head, surfaces in owners.items():
        shortest: dict[tuple[str, ...], str] = {}
        bodies: set[str] = set()
        for surface_words, canonical in surfaces.items():
            if any(len(other) < len(surface_words) and surface_words[-len(other) :] == other for other in surfaces):
                continue
            shortest[surface_words] = canonical
            bodies.add(canonical)
            # "Science Park" ending both "Eastgate Science Park" and "Westgate Science Park": two bodies.
            longer = {
                other_canonical
                for other, other_canonical in surfaces.items()
                if len(other) > len(surface_words)
                and other[-len(surface_words) :] == surface_words
                and other_canonical != canonical
            }
            if len(longer) >= 2:
                bodies.update(longer)
        if len(bodies) == 1:
            body = resolved[head] = next(iter(bodies))
            named.update((" ".join(surface_words), body) for surface_words in shortest)
    found: list[tuple[int, int, str]] = []
    if resolved:
        for match in _THE_LOWER_HEAD.finditer(text):
            target = resolved.get(match.group("head"))
            if target is not None:
                found.append((match.start(), match.end("head"), target))
    return found, named
