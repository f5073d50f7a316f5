"""Load rule packs (the built-in pack, then the user's) into one RuleSet."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck.knowledge import Entity, Knowledge, Metric, NameSpec
from factcheck.model import Severity
from factcheck.rules.model import Rule, RuleSet
from factcheck.yamlsafe import YamlError, line_of, load_yaml_file, load_yaml_text


class RuleError(Exception):
    """A rule file that cannot be used; ``str()`` names the file and line."""


BUILTIN_PACK = "generic.yaml"


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(item) for item in value)


def _parse_pack(data: Any, source: str, knowledge: dict[str, list[Any]], rules: list[Rule]) -> None:
    if data is None:
        return
    if not isinstance(data, dict):
        raise RuleError(f"{source}:1: a rule pack is a mapping with entities, metrics, names and rules")
    for name, spec in (data.get("entities") or {}).items():
        spec = spec or {}
        knowledge["entities"].append(
            Entity(
                name=str(name),
                aliases=_strs(spec.get("aliases")),
                kind=spec.get("kind"),
                founded=None if spec.get("founded") is None else str(spec.get("founded")),
                parent=spec.get("parent"),
            )
        )
    for name, spec in (data.get("metrics") or {}).items():
        if isinstance(spec, list):
            spec = {"synonyms": spec}
        spec = spec or {}
        knowledge["metrics"].append(
            Metric(
                name=str(name),
                synonyms=_strs(spec.get("synonyms")),
                measure_words=_strs(spec.get("measure_words")),
                stable=bool(spec.get("stable", False)),
                monotonic=spec.get("monotonic"),
            )
        )
    names = data.get("names") or {}
    for spec in names.get("canonical") or []:
        if isinstance(spec, str):
            knowledge["names"].append(NameSpec(spec))
        else:
            knowledge["names"].append(NameSpec(str(spec["name"]), _strs(spec.get("variants"))))
    for pair in names.get("distinct") or []:
        knowledge["distinct"].append((str(pair[0]), str(pair[1])))
    for index, spec in enumerate(data.get("rules") or []):
        line = line_of(data.get("rules"), index) or 1
        rules.append(
            Rule(
                id=str(spec["id"]),
                check=str(spec["check"]),
                category=str(spec.get("category", "other")),
                severity=Severity.parse(str(spec.get("severity", "warning"))),
                message=str(spec.get("message", "")),
                description=str(spec.get("description", "")),
                params=dict(spec.get("params") or {}),
                select=dict(spec.get("select") or {}),
                source=f"{source}:{line}",
            )
        )


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())
    return [path]


def load_ruleset(paths: Sequence[Path] = (), *, builtin: bool = True) -> RuleSet:
    """The built-in pack plus the packs at ``paths`` (files or directories)."""
    knowledge: dict[str, list[Any]] = {"entities": [], "metrics": [], "names": [], "distinct": []}
    rules: list[Rule] = []
    sources: list[str] = []
    try:
        if builtin:
            text = resources.files("factcheck.packs").joinpath(BUILTIN_PACK).read_text(encoding="utf-8")
            _parse_pack(load_yaml_text(text, "<builtin>"), "<builtin>", knowledge, rules)
            sources.append("<builtin>")
        for root in paths:
            if not root.exists():
                raise RuleError(f"{root.as_posix()}: no such rules file or directory")
            for file in _pack_files(root):
                shown = file.as_posix()
                _parse_pack(load_yaml_file(file, shown), shown, knowledge, rules)
                sources.append(shown)
    except YamlError as error:
        raise RuleError(str(error)) from None
    return RuleSet(
        rules=tuple(rules),
        knowledge=Knowledge(
            entities=tuple(knowledge["entities"]),
            metrics=tuple(knowledge["metrics"]),
            names=tuple(knowledge["names"]),
            distinct=tuple(knowledge["distinct"]),
        ),
        sources=tuple(sources),
    )
