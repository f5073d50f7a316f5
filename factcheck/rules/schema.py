"""Typed validation of rule packs: every mistake is a RuleError naming file, line and rule.

A pack is a mapping with four optional keys::

    entities: {NAME: {aliases: [..], kind: .., founded: .., parent: ..}}
    metrics:  {NAME: [synonym, ..]  or  {synonyms: [..], measure_words: [..], stable: bool, monotonic: ..}}
    names:    {canonical: [NAME or {name: NAME, variants: [..]}], distinct: [[NAME, NAME], ..]}
    rules:    [{id, check, category, severity, message, description, params, select}, ..]

A rule entry without ``check`` whose ``id`` names a rule loaded earlier (the built-in pack, or a pack
earlier in load order) *overrides* that rule: it may change ``severity``, ``message``, ``select``,
``params`` (merged over the original's) and ``enabled`` (``false`` switches the rule off).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import process

from factcheck.knowledge import Entity, Metric, NameSpec
from factcheck.model import CATEGORIES, Claim, Severity
from factcheck.rules.model import Rule
from factcheck.rules.types import check_value
from factcheck.yamlsafe import LineDict, LineList, line_of


class RuleError(Exception):
    """A rule file that cannot be used; ``str()`` is ``path:line: rule 'id': message``."""


PACK_KEYS = ("entities", "metrics", "names", "rules")
ENTITY_KEYS = ("aliases", "kind", "founded", "parent")
METRIC_KEYS = ("synonyms", "measure_words", "stable", "monotonic")
NAMES_KEYS = ("canonical", "distinct")
CANONICAL_KEYS = ("name", "variants")
RULE_KEYS = ("id", "check", "category", "severity", "message", "description", "params", "select", "enabled")
OVERRIDE_KEYS = ("id", "severity", "message", "params", "select", "enabled")
#: Claim fields a rule's ``select`` may filter on.
SELECT_KEYS = tuple(
    sorted(
        {f.name for f in dataclasses.fields(Claim)} - {"id", "location", "sentence_start", "sentence_end"} | {"path"}
    )
)
MONOTONIC = ("increasing", "decreasing")
RULE_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def plain(value: Any) -> Any:
    """``value`` with the loader's LineDict/LineList turned into plain dicts and lists."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    match = process.extractOne(word, list(choices), score_cutoff=60)
    return f" (did you mean {match[0]!r}?)" if match else ""


@dataclass
class PackContents:
    """What the packs loaded so far hold (filled in load order)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    names: list[NameSpec] = field(default_factory=list)
    distinct: list[tuple[str, str]] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    #: Where each entity / metric / rule was defined ("path:line").
    origins: dict[str, str] = field(default_factory=dict)


class _Where:
    """Builds ``path:line: [rule 'id': ]message`` errors."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, line: int | None, message: str, rule: str | None = None) -> RuleError:
        where = f"{self.source}:{line or 1}"
        prefix = f"rule {rule!r}: " if rule else ""
        return RuleError(f"{where}: {prefix}{message}")


def _unknown_keys(
    mapping: LineDict, allowed: tuple[str, ...], where: _Where, what: str, rule: str | None = None
) -> None:
    for key in mapping:
        if key not in allowed:
            raise where.error(
                mapping.line_of(key),
                f"unknown key {key!r} in {what}{did_you_mean(str(key), allowed)}; allowed: {', '.join(allowed)}",
                rule,
            )


def _mapping(value: Any, where: _Where, line: int | None, what: str, rule: str | None = None) -> LineDict:
    if value is None:
        empty = LineDict()
        empty.line = line or 1
        return empty
    if not isinstance(value, LineDict):
        raise where.error(line, f"{what} must be a mapping, not {type(value).__name__}", rule)
    return value


def _strings(value: Any, where: _Where, line: int | None, what: str, rule: str | None = None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise where.error(line, f"{what} must be a string or a list of strings", rule)


def _optional_str(value: Any, where: _Where, line: int | None, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise where.error(line, f"{what} must be a string")


def _iso_date(value: Any, where: _Where, line: int | None, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    if isinstance(value, (int, str)) and re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        return text
    raise where.error(line, f"{what} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


def _entities(data: LineDict, where: _Where, contents: PackContents) -> None:
    entities = _mapping(data.get("entities"), where, data.line_of("entities"), "'entities'")
    for name, spec in entities.items():
        line = entities.line_of(name)
        if not isinstance(name, str):
            raise where.error(line, f"entity name {name!r} must be a string")
        if name in contents.entities:
            raise where.error(line, f"entity {name!r} is already defined at {contents.origins['entity:' + name]}")
        spec = _mapping(spec, where, line, f"entity {name!r}")
        _unknown_keys(spec, ENTITY_KEYS, where, f"entity {name!r}")
        contents.entities[name] = Entity(
            name=name,
            aliases=_strings(spec.get("aliases"), where, spec.line_of("aliases"), f"aliases of {name!r}"),
            kind=_optional_str(spec.get("kind"), where, spec.line_of("kind"), f"kind of {name!r}"),
            founded=_iso_date(spec.get("founded"), where, spec.line_of("founded"), f"founded of {name!r}"),
            parent=_optional_str(spec.get("parent"), where, spec.line_of("parent"), f"parent of {name!r}"),
        )
        contents.origins["entity:" + name] = f"{where.source}:{line}"


def _metrics(data: LineDict, where: _Where, contents: PackContents) -> None:
    metrics = _mapping(data.get("metrics"), where, data.line_of("metrics"), "'metrics'")
    for name, spec in metrics.items():
        line = metrics.line_of(name)
        if not isinstance(name, str):
            raise where.error(line, f"metric name {name!r} must be a string")
        if name in contents.metrics:
            raise where.error(line, f"metric {name!r} is already defined at {contents.origins['metric:' + name]}")
        if isinstance(spec, list):
            contents.metrics[name] = Metric(name, _strings(spec, where, line, f"synonyms of {name!r}"))
        else:
            spec = _mapping(spec, where, line, f"metric {name!r}")
            _unknown_keys(spec, METRIC_KEYS, where, f"metric {name!r}")
            stable = spec.get("stable", False)
            if not isinstance(stable, bool):
                raise where.error(spec.line_of("stable"), f"stable of {name!r} must be true or false")
            monotonic = spec.get("monotonic")
            if monotonic is not None and monotonic not in MONOTONIC:
                raise where.error(
                    spec.line_of("monotonic"),
                    f"monotonic of {name!r} must be increasing, decreasing or null{did_you_mean(str(monotonic), MONOTONIC)}",
                )
            contents.metrics[name] = Metric(
                name=name,
                synonyms=_strings(spec.get("synonyms"), where, spec.line_of("synonyms"), f"synonyms of {name!r}"),
                measure_words=_strings(
                    spec.get("measure_words"), where, spec.line_of("measure_words"), f"measure_words of {name!r}"
                ),
                stable=stable,
                monotonic=monotonic,
            )
        contents.origins["metric:" + name] = f"{where.source}:{line}"


def _names(data: LineDict, where: _Where, contents: PackContents) -> None:
    names = _mapping(data.get("names"), where, data.line_of("names"), "'names'")
    _unknown_keys(names, NAMES_KEYS, where, "'names'")
    canonical = names.get("canonical") or []
    if not isinstance(canonical, list):
        raise where.error(names.line_of("canonical"), "names.canonical must be a list")
    for index, spec in enumerate(canonical):
        line = line_of(canonical, index)
        if isinstance(spec, str):
            contents.names.append(NameSpec(spec))
            continue
        spec = _mapping(spec, where, line, "a canonical name")
        _unknown_keys(spec, CANONICAL_KEYS, where, "a canonical name")
        name = spec.get("name")
        if not isinstance(name, str):
            raise where.error(line, "a canonical name needs 'name' (a string)")
        variants = _strings(spec.get("variants"), where, spec.line_of("variants"), f"variants of {name!r}")
        contents.names.append(NameSpec(name, variants))
    distinct = names.get("distinct") or []
    if not isinstance(distinct, list):
        raise where.error(names.line_of("distinct"), "names.distinct must be a list of [name, name] pairs")
    for index, pair in enumerate(distinct):
        if not (isinstance(pair, list) and len(pair) >= 2 and all(isinstance(item, str) for item in pair)):
            raise where.error(line_of(distinct, index), "each names.distinct entry is a list of two or more names")
        for first in range(len(pair)):
            for second in range(first + 1, len(pair)):
                contents.distinct.append((pair[first], pair[second]))


def _severity(spec: LineDict, where: _Where, rule_id: str, default: Severity) -> Severity:
    value = spec.get("severity")
    if value is None:
        return default
    try:
        return Severity.parse(str(value))
    except ValueError as error:
        choices = [severity.value for severity in Severity]
        raise where.error(spec.line_of("severity"), f"{error}{did_you_mean(str(value), choices)}", rule_id) from None


def _text(spec: LineDict, key: str, where: _Where, rule_id: str, default: str) -> str:
    value = spec.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise where.error(spec.line_of(key), f"'{key}' must be a string", rule_id)
    return value


def _params(spec: LineDict, where: _Where, rule_id: str, check_name: str, base: Mapping[str, Any]) -> dict[str, Any]:
    from factcheck.checks import CHECKS

    params = _mapping(spec.get("params"), where, spec.line_of("params"), "'params'", rule_id)
    declared = CHECKS[check_name].PARAMS
    result = dict(base)
    for name, value in params.items():
        line = params.line_of(name)
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise where.error(
                line,
                f"unknown parameter {name!r} for check {check_name!r}{did_you_mean(str(name), tuple(declared))}"
                f"; parameters: {known}",
                rule_id,
            )
        problem = check_value(declared[name].types, value)
        if problem:
            raise where.error(line, f"parameter {name!r} {problem}", rule_id)
        result[name] = plain(value)
    return result


def _select(spec: LineDict, where: _Where, rule_id: str) -> dict[str, Any]:
    select = _mapping(spec.get("select"), where, spec.line_of("select"), "'select'", rule_id)
    for key, value in select.items():
        if key not in SELECT_KEYS:
            raise where.error(
                select.line_of(key),
                f"cannot select on {key!r}{did_you_mean(str(key), SELECT_KEYS)}; fields: {', '.join(SELECT_KEYS)}",
                rule_id,
            )
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in values):
            raise where.error(select.line_of(key), f"select {key!r} must be a value or a list of values", rule_id)
    return {str(key): plain(value) for key, value in select.items()}


def _enabled(spec: LineDict, where: _Where, rule_id: str) -> bool:
    enabled = spec.get("enabled", True)
    if not isinstance(enabled, bool):
        raise where.error(spec.line_of("enabled"), "'enabled' must be true or false", rule_id)
    return enabled


def _override(spec: LineDict, where: _Where, rule_id: str, line: int, contents: PackContents) -> None:
    for key in spec:
        if key not in OVERRIDE_KEYS:
            raise where.error(
                spec.line_of(key),
                f"an override of a rule defined at {contents.origins['rule:' + rule_id]} may change only "
                f"{', '.join(OVERRIDE_KEYS[1:])}, not {key!r}",
                rule_id,
            )
    original = contents.rules[rule_id]
    updated = dataclasses.replace(
        original,
        severity=_severity(spec, where, rule_id, original.severity),
        message=_text(spec, "message", where, rule_id, original.message),
        params=_params(spec, where, rule_id, original.check, original.params),
        select=_select(spec, where, rule_id) if "select" in spec else original.select,
    )
    contents.rules[rule_id] = updated
    if _enabled(spec, where, rule_id):
        contents.disabled.discard(rule_id)
    else:
        contents.disabled.add(rule_id)


def _rule(spec: Any, line: int, where: _Where, contents: PackContents) -> None:
    from factcheck.checks import CHECKS

    if not isinstance(spec, LineDict):
        raise where.error(line, "each rule is a mapping with id, check, category, severity, message, description")
    rule_id = spec.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise where.error(line, "a rule needs an 'id' (a string)")
    if not RULE_ID.match(rule_id):
        raise where.error(spec.line_of("id"), "rule ids are lowercase letters, digits and hyphens", rule_id)
    _unknown_keys(spec, RULE_KEYS, where, "a rule", rule_id)
    if "check" not in spec:
        if rule_id in contents.rules:
            _override(spec, where, rule_id, line, contents)
            return
        raise where.error(
            line,
            "missing 'check': a new rule names a check type, an override names a rule loaded earlier"
            f"{did_you_mean(rule_id, tuple(contents.rules))}",
            rule_id,
        )
    if rule_id in contents.rules:
        raise where.error(
            spec.line_of("id"),
            f"duplicate rule id (first defined at {contents.origins['rule:' + rule_id]}); "
            "to change that rule, leave out 'check' and give only what changes",
            rule_id,
        )
    check_name = spec.get("check")
    if not isinstance(check_name, str) or check_name not in CHECKS:
        known = tuple(sorted(CHECKS))
        raise where.error(
            spec.line_of("check"),
            f"unknown check type {check_name!r}{did_you_mean(str(check_name), known)}; check types: {', '.join(known)}",
            rule_id,
        )
    category = spec.get("category")
    if category is None:
        raise where.error(line, f"missing 'category' (one of {', '.join(CATEGORIES)})", rule_id)
    if category not in CATEGORIES:
        raise where.error(
            spec.line_of("category"),
            f"unknown category {category!r}{did_you_mean(str(category), CATEGORIES)}; categories: {', '.join(CATEGORIES)}",
            rule_id,
        )
    contents.rules[rule_id] = Rule(
        id=rule_id,
        check=check_name,
        category=str(category),
        severity=_severity(spec, where, rule_id, Severity.WARNING),
        message=_text(spec, "message", where, rule_id, ""),
        description=_text(spec, "description", where, rule_id, ""),
        params=_params(spec, where, rule_id, check_name, {}),
        select=_select(spec, where, rule_id),
        source=f"{where.source}:{line}",
    )
    contents.origins["rule:" + rule_id] = f"{where.source}:{line}"
    if not _enabled(spec, where, rule_id):
        contents.disabled.add(rule_id)


def parse_pack(data: Any, source: str, contents: PackContents) -> None:
    """Validate one pack's data (as loaded by factcheck.yamlsafe) and add it to ``contents``."""
    where = _Where(source)
    if data is None:
        return
    if not isinstance(data, LineDict):
        raise where.error(1, f"a rule pack is a mapping with {', '.join(PACK_KEYS)}")
    _unknown_keys(data, PACK_KEYS, where, "a rule pack")
    _entities(data, where, contents)
    _metrics(data, where, contents)
    _names(data, where, contents)
    rules = data.get("rules")
    if rules is None:
        return
    if not isinstance(rules, LineList):
        raise where.error(data.line_of("rules"), "'rules' must be a list of rules")
    for index, spec in enumerate(rules):
        _rule(spec, rules.line_of(index), where, contents)


def check_references(contents: PackContents) -> None:
    """Cross-pack checks once everything is loaded: entity parents must be known entities."""
    for entity in contents.entities.values():
        if entity.parent is not None and entity.parent not in contents.entities:
            origin = contents.origins["entity:" + entity.name]
            raise RuleError(
                f"{origin}: entity {entity.name!r}: unknown parent {entity.parent!r}"
                f"{did_you_mean(entity.parent, tuple(contents.entities))}"
            )
