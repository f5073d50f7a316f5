"""One YAML config file, found in the current directory or its parents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import process

from factcheck.load import DocumentMeta, display_path
from factcheck.yamlsafe import LineDict, YamlError, line_of, load_yaml_file

CONFIG_NAMES = ("factcheck.yaml", ".factcheck.yaml")
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A config file that cannot be used; ``str()`` is ``path:line: message``."""


@dataclass(frozen=True, slots=True)
class Config:
    #: Where the config file is (None when there is none); relative paths in it are from its folder.
    path: Path | None = None
    paths: tuple[Path, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()
    documents: Mapping[str, DocumentMeta] = field(default_factory=dict)
    translations: tuple[tuple[str, str], ...] = ()
    fail_on: str = "error"
    default_currency: str | None = None
    cache_dir: Path | None = None
    engine: str = "local"
    scheduler: str | None = None
    #: Relative half-width of "about N" (0.1: about 900 covers 810..990).
    about_tolerance: float = 0.1


_KEYS = {
    "paths": "list of files or folders to check",
    "include": "list of glob patterns a document must match",
    "exclude": "list of glob patterns of documents to skip",
    "rules": "list of rules files or folders",
    "documents": "mapping of document path -> {date, lang, currency}",
    "translations": "list of [path, path] pairs that are translations of each other",
    "fail_on": "error, warning, info or never",
    "default_currency": "ISO 4217 code for a bare '$' (e.g. HKD)",
    "cache_dir": "folder for the claim cache",
    "engine": "local or dask",
    "scheduler": "address of a Dask scheduler",
    "about_tolerance": "relative tolerance of 'about N' (default 0.1)",
}
_DOCUMENT_KEYS = ("date", "lang", "currency")


def find_config(start: Path | None = None) -> Path | None:
    directory = (start or Path.cwd()).absolute()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def _suggest(word: str, choices: list[str]) -> str:
    match = process.extractOne(word, choices, score_cutoff=60)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _strings(data: LineDict, key: str, shown: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{shown}:{data.line_of(key)}: '{key}' must be a list of strings")
    return tuple(value)


def _iso(value: Any, where: str) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str):
        text = value.strip()
        for length in (10, 7, 4):
            if len(text) == length:
                try:
                    if length == 10:
                        dt.date.fromisoformat(text)
                    elif length == 7:
                        dt.date.fromisoformat(text + "-01")
                    else:
                        int(text)
                    return text
                except ValueError:
                    break
    raise ConfigError(f"{where}: date must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


def parse_config(data: Any, path: Path, shown: str) -> Config:
    base = path.parent
    if data is None:
        return Config(path=path)
    if not isinstance(data, LineDict):
        raise ConfigError(f"{shown}:1: the config is a mapping of settings ({', '.join(_KEYS)})")
    for key in data:
        if key not in _KEYS:
            raise ConfigError(f"{shown}:{data.line_of(key)}: unknown setting {key!r}{_suggest(str(key), list(_KEYS))}")
    fail_on = data.get("fail_on", "error")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{shown}:{data.line_of('fail_on')}: fail_on must be one of {', '.join(FAIL_ON)}")
    documents: dict[str, DocumentMeta] = {}
    raw_documents = data.get("documents") or LineDict()
    if not isinstance(raw_documents, LineDict):
        raise ConfigError(f"{shown}:{data.line_of('documents')}: 'documents' must be a mapping of path -> settings")
    for doc_path, settings in raw_documents.items():
        where = f"{shown}:{raw_documents.line_of(doc_path)}"
        if not isinstance(settings, LineDict):
            raise ConfigError(f"{where}: settings of {doc_path!r} must be a mapping ({', '.join(_DOCUMENT_KEYS)})")
        for key in settings:
            if key not in _DOCUMENT_KEYS:
                raise ConfigError(
                    f"{shown}:{settings.line_of(key)}: unknown document setting {key!r}"
                    f"{_suggest(str(key), list(_DOCUMENT_KEYS))}"
                )
        lang = settings.get("lang")
        if lang is not None and lang not in ("en", "zh", "mixed"):
            raise ConfigError(f"{shown}:{settings.line_of('lang')}: lang must be en, zh or mixed")
        date = settings.get("date")
        documents[display_path(base / str(doc_path))] = DocumentMeta(
            date=None if date is None else _iso(date, f"{shown}:{settings.line_of('date')}"),
            lang=lang,
            currency=settings.get("currency") or data.get("default_currency"),
        )
    translations: list[tuple[str, str]] = []
    for index, pair in enumerate(data.get("translations") or []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(item, str) for item in pair)):
            line = line_of(data.get("translations"), index)
            raise ConfigError(f"{shown}:{line}: each translation is a pair [path, path]")
        translations.append((display_path(base / pair[0]), display_path(base / pair[1])))
    tolerance = data.get("about_tolerance", 0.1)
    if not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 1:
        raise ConfigError(f"{shown}:{data.line_of('about_tolerance')}: about_tolerance must be a number in [0, 1)")
    engine = data.get("engine", "local")
    if engine not in ("local", "dask"):
        raise ConfigError(f"{shown}:{data.line_of('engine')}: engine must be local or dask")
    cache_dir = data.get("cache_dir")
    return Config(
        path=path,
        paths=tuple(base / item for item in _strings(data, "paths", shown)),
        include=_strings(data, "include", shown),
        exclude=_strings(data, "exclude", shown),
        rules=tuple(base / item for item in _strings(data, "rules", shown)),
        documents=documents,
        translations=tuple(translations),
        fail_on=str(fail_on),
        default_currency=data.get("default_currency"),
        cache_dir=None if cache_dir is None else base / str(cache_dir),
        engine=str(engine),
        scheduler=data.get("scheduler"),
        about_tolerance=float(tolerance),
    )


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The explicit config file, else the one found from ``start`` upwards, else defaults."""
    path = explicit if explicit is not None else find_config(start)
    if path is None:
        return Config()
    shown = display_path(path)
    if not path.is_file():
        raise ConfigError(f"{shown}: no such config file")
    try:
        data = load_yaml_file(path, shown)
    except YamlError as error:
        raise ConfigError(str(error)) from None
    return parse_config(data, path, shown)
