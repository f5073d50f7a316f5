"""Safe YAML loading that remembers where each value came from.

Only plain YAML (mappings, sequences, scalars) is accepted: no Python tags.
Oversized files and alias bombs are refused before they can eat memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

#: Rule and config files larger than this are refused.
MAX_YAML_BYTES = 2 * 1024 * 1024
#: Expanded node count above which a file is treated as an alias bomb.
MAX_NODES = 200_000


class YamlError(Exception):
    """A YAML file that cannot be used; ``str()`` is ``path:line: message``."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Located:
    """A value and the 1-based line it starts on."""

    value: Any
    line: int


_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap")


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.nodes = 0

    def build(self, node: yaml.Node) -> Any:
        """Plain Python values; mapping keys -> (value) with lines kept in ``lines``."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlError(
                self.path,
                node.start_mark.line + 1,
                f"more than {MAX_NODES} values once aliases are expanded (an alias bomb?); refused",
            )
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_COLLECTION_TAGS:
            raise YamlError(self.path, node.start_mark.line + 1, f"tag {node.tag!r} is not allowed (plain YAML only)")
        if isinstance(node, yaml.MappingNode):
            result = LineDict()
            result.line = node.start_mark.line + 1
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    merged = self.build(value_node)
                    for source in merged if isinstance(merged, list) else [merged]:
                        if isinstance(source, LineDict):
                            for key, value in source.items():
                                result.setdefault(key, value)
                                result.key_lines.setdefault(key, source.key_lines.get(key, result.line))
                    continue
                key = self.build(key_node)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise YamlError(self.path, key_node.start_mark.line + 1, "mapping keys must be plain scalars")
                if key in result:
                    raise YamlError(self.path, key_node.start_mark.line + 1, f"duplicate key {key!r}")
                result[key] = self.build(value_node)
                result.key_lines[key] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            items = LineList(self.build(child) for child in node.value)
            items.line = node.start_mark.line + 1
            items.item_lines = [child.start_mark.line + 1 for child in node.value]
            return items
        constructor = yaml.SafeLoader(b"")
        try:
            return constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise YamlError(self.path, node.start_mark.line + 1, str(error.problem or error)) from None
        except ValueError as error:  # a timestamp-shaped value that is no date: "2024-13-45"
            raise YamlError(self.path, node.start_mark.line + 1, f"invalid value {node.value!r}: {error}") from None


class LineDict(dict[Any, Any]):
    """A dict that knows the line of itself and of each key."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        lines = getattr(self, "item_lines", [])
        return lines[index] if index < len(lines) else self.line


def line_of(container: Any, key: Any = None) -> int | None:
    """Line of ``container[key]`` (or of the container) when it was loaded by this module."""
    if isinstance(container, LineDict):
        return container.line_of(key) if key is not None else container.line
    if isinstance(container, LineList):
        return container.line_of(key) if isinstance(key, int) else container.line
    return None


#: libyaml's parser when PyYAML was built with it (about ten times faster than the pure-Python one; the
#: nodes, marks and errors are the same), else the pure-Python parser.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, path: str) -> yaml.Node | None:
    try:
        loader = _LOADER(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(path, line, f"YAML syntax error: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise YamlError(path, None, f"YAML error: {error}") from None


def load_yaml_text(text: str, path: str) -> Any:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise YamlError(path, None, f"file larger than {MAX_YAML_BYTES} bytes; refused")
    node = _compose(text, path)
    if node is None:
        return None
    return _Builder(path).build(node)


def load_yaml_file(path: Path, display: str | None = None) -> Any:
    shown = display or path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise YamlError(shown, None, f"file larger than {MAX_YAML_BYTES} bytes ({size}); refused")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise YamlError(shown, None, "not valid UTF-8") from None
    except OSError as error:
        raise YamlError(shown, None, f"cannot read: {error.strerror or error}") from None
    return load_yaml_text(text, shown)


def walk_keys(mapping: LineDict) -> Iterator[tuple[Any, Any, int]]:
    for key, value in mapping.items():
        yield key, value, mapping.line_of(key)
