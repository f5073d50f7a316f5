"""Load rule packs (the built-in pack, then the user's) into one validated RuleSet."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from factcheck.knowledge import Knowledge
from factcheck.rules.model import RuleSet
from factcheck.rules.schema import PackContents, RuleError, check_references, parse_pack
from factcheck.yamlsafe import YamlError, load_yaml_file, load_yaml_text

__all__ = ["BUILTIN_PACK", "BUILTIN_SOURCE", "RuleError", "load_ruleset", "pack_files"]

BUILTIN_PACK = "generic.yaml"
#: How the built-in pack is named in rule sources and error messages.
BUILTIN_SOURCE = "<builtin>"


def pack_files(path: Path) -> list[Path]:
    """The pack files at ``path``: the file itself, or every .yaml/.yml below a folder, sorted."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())
    return [path]


def load_ruleset(paths: Sequence[Path] = (), *, builtin: bool = True) -> RuleSet:
    """The built-in pack plus the packs at ``paths`` (files or folders), validated.

    A file reached twice (``rules/`` in the config and again on the command line) is loaded once.
    Raises RuleError (``file:line: rule 'id': message``) on the first problem.
    """
    contents = PackContents()
    sources: list[str] = []
    seen: set[Path] = set()
    try:
        if builtin:
            text = resources.files("factcheck.packs").joinpath(BUILTIN_PACK).read_text(encoding="utf-8")
            parse_pack(load_yaml_text(text, BUILTIN_SOURCE), BUILTIN_SOURCE, contents)
            sources.append(BUILTIN_SOURCE)
        for root in paths:
            if not root.exists():
                raise RuleError(f"{root.as_posix()}: no such rules file or directory")
            for file in pack_files(root):
                resolved = file.resolve()
                if resolved in seen:
                    continue
                seen.add(resolved)
                shown = file.as_posix()
                parse_pack(load_yaml_file(file, shown), shown, contents)
                sources.append(shown)
    except YamlError as error:
        raise RuleError(str(error)) from None
    check_references(contents)
    return RuleSet(
        rules=tuple(rule for rule in contents.rules.values() if rule.id not in contents.disabled),
        knowledge=Knowledge(
            entities=tuple(contents.entities.values()),
            metrics=tuple(contents.metrics.values()),
            names=tuple(contents.names),
            distinct=tuple(contents.distinct),
        ),
        sources=tuple(sources),
    )
