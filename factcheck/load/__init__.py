"""Load stage: paths -> files -> :class:`~factcheck.model.Document`."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from factcheck.load.dateline import detect_date
from factcheck.load.markup import mask_html, mask_markdown
from factcheck.load.text import (
    UnreadableDocument,
    decode,
    document_language,
    language_segments,
    line_starts,
)
from factcheck.model import Document, Problem

__all__ = [
    "DOCUMENT_SUFFIXES",
    "DocumentMemo",
    "DocumentMeta",
    "LoadResult",
    "UnreadableDocument",
    "discover",
    "display_path",
    "document_from_bytes",
    "document_from_text",
    "load_documents",
    "load_file",
    "load_one",
]

DOCUMENT_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

#: Documents larger than this are skipped: a linter is not a data-lake scanner.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Per-document settings from the config file."""

    date: str | None = None
    lang: str | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class LoadResult:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Relative to the current directory where possible, with forward slashes."""
    if cwd is None and os.sep == "/" and not path.is_absolute() and ".." not in path.parts:
        return str(path)  # the commonest case, without even Path.cwd()
    base = cwd or Path.cwd()
    if os.sep == "/" and ".." not in path.parts and path.is_absolute():  # without relpath's work (same result)
        text, root = str(path), str(base.absolute())
        if root != "/" and ".." not in base.parts and text.startswith(root + "/"):
            return text[len(root) + 1 :]
    try:
        return Path(os.path.relpath(path.absolute(), base.absolute())).as_posix()
    except ValueError:  # another drive on Windows
        return path.absolute().as_posix()


def _excluded(rel: str, exclude: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(rel).name, pattern) for pattern in exclude)


def _included(rel: str, include: Sequence[str]) -> bool:
    return not include or any(fnmatch.fnmatch(rel, pattern) for pattern in include)


def discover(
    paths: Iterable[Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> tuple[list[Path], list[Problem]]:
    """Files to load: given files as they are, directories searched recursively.

    Hidden directories, virtual environments and the cache are skipped; symlink
    loops are never followed.  Returns files in a stable sorted order.
    """
    found: dict[str, Path] = {}
    problems: list[Problem] = []

    def walk_error(error: OSError) -> None:  # an unreadable folder is named, not silently skipped
        where = Path(error.filename) if error.filename else root
        problems.append(Problem(display_path(where), error.strerror or str(error)))

    for root in paths:
        try:
            is_dir = root.is_dir()
        except OSError as error:  # e.g. a parent folder without search permission
            problems.append(Problem(display_path(root), error.strerror or str(error)))
            continue
        if is_dir:
            for directory, subdirs, files in os.walk(root, onerror=walk_error, followlinks=False):
                subdirs[:] = sorted(
                    name
                    for name in subdirs
                    if not name.startswith(".") and name not in {"node_modules", "__pycache__", "venv"}
                )
                for name in sorted(files):
                    path = Path(directory) / name
                    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
                        continue
                    rel = display_path(path)
                    if _excluded(rel, exclude) or not _included(rel, include):
                        continue
                    found.setdefault(rel, path)
        elif root.exists() or root.is_symlink():
            rel = display_path(root)
            if not _excluded(rel, exclude):
                found.setdefault(rel, root)
        else:
            problems.append(Problem(display_path(root), "no such file or directory"))
    return [found[key] for key in sorted(found)], problems


def document_from_text(
    original: str,
    path: str = "<text>",
    fmt: str = "text",
    meta: DocumentMeta | None = None,
) -> Document:
    """Build a Document from already decoded text (tests and benchmarks use this too)."""
    meta = meta or DocumentMeta()
    original = original.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "markdown":
        masked = mask_markdown(original)
    elif fmt == "html":
        masked = mask_html(original)
    else:
        masked = original
    segments = language_segments(masked)
    lang = meta.lang or document_language(segments)
    date: str | None
    date_source: str | None
    if meta.date:
        date, date_source = meta.date, "config"
    else:
        date, date_source = detect_date(original, masked, path)
    return Document(
        path=path,
        original=original,
        text=masked,
        format=fmt,
        lang=lang,
        segments=segments,
        date=date,
        date_source=date_source,
        default_currency=meta.currency,
        sha256=hashlib.sha256(original.encode("utf-8")).hexdigest(),
        line_starts=line_starts(original),
    )


#: Builds a Document from decoded text: ``document_from_text``, or the claim cache's memo of it.
DocumentBuilder = Callable[[str, str, str, "DocumentMeta | None"], Document]


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; anything else (FIFO, socket, device, folder) is refused.

    The file is opened non-blocking and checked with ``fstat`` on the open descriptor,
    so a FIFO named ``*.txt`` never hangs the run and a file swapped between the
    check and the read cannot slip through.  A file growing while it is read is cut
    off at the size limit rather than read without end.  It is read with ``os.read``, its
    size and one byte more at once (a buffered ``read(limit)`` allocates the whole limit
    for every file: 1,000 files took 60 ms of CPU instead of 14 ms).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableDocument("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableDocument("not a regular file (a FIFO, socket or device)")
        if info.st_size > MAX_DOCUMENT_BYTES:
            raise UnreadableDocument(f"too large ({info.st_size} bytes; the limit is {MAX_DOCUMENT_BYTES})")
        data = os.read(fd, info.st_size + 1)
        if len(data) != info.st_size:  # it grew or shrank since fstat, or a short read: read on to the end
            parts, size = [data], len(data)
            while data and size <= MAX_DOCUMENT_BYTES:
                data = os.read(fd, min(1 << 20, MAX_DOCUMENT_BYTES + 1 - size))
                parts.append(data)
                size += len(data)
            data = b"".join(parts)
    finally:
        os.close(fd)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UnreadableDocument(f"too large (over {MAX_DOCUMENT_BYTES} bytes)")
    return data


def document_from_bytes(
    data: bytes, path: str, fmt: str, meta: DocumentMeta | None = None, build: DocumentBuilder = document_from_text
) -> Document:
    """Decode a file's bytes and build its Document; raises UnreadableDocument with the reason."""
    text = decode(data)
    if not text:
        raise UnreadableDocument("empty file")
    return build(text, path, fmt, meta)


class DocumentMemo(Protocol):
    """Documents remembered across runs by their files' bytes (the claim cache keeps one, see
    ``factcheck.cache.CorpusMemo``): a warm run reads one memo for the corpus instead of one per file."""

    def document(self, data: bytes, path: str, fmt: str, meta: DocumentMeta | None) -> Document:
        """The Document of the file ``path`` whose bytes are ``data``, as :func:`document_from_bytes` builds it."""
        ...

    def save(self) -> None:
        """Store what changed since the memo was read (called when a set of files is loaded)."""
        ...


def load_file(
    path: Path,
    rel: str,
    meta: DocumentMeta | None = None,
    build: DocumentBuilder = document_from_text,
    memo: DocumentMemo | None = None,
) -> Document:
    """Read and decode one file; raises UnreadableDocument or OSError with the reason."""
    data = _read_regular_file(path)
    fmt = DOCUMENT_SUFFIXES.get(path.suffix.lower(), "text")
    if memo is not None:
        return memo.document(data, rel, fmt, meta)
    return document_from_bytes(data, rel, fmt, meta, build)


def load_one(
    path: Path,
    rel: str,
    meta: DocumentMeta | None = None,
    build: DocumentBuilder = document_from_text,
    memo: DocumentMemo | None = None,
) -> Document | Problem:
    """Load one file, or say why it cannot be loaded (the unit of work of every engine)."""
    try:
        return load_file(path, rel, meta, build, memo)
    except UnreadableDocument as error:
        return Problem(rel, str(error))
    except OSError as error:
        return Problem(rel, error.strerror or str(error))


def load_documents(
    files: Sequence[Path],
    metadata: dict[str, DocumentMeta] | None = None,
    build: DocumentBuilder = document_from_text,
    memo: DocumentMemo | None = None,
) -> LoadResult:
    """Load every file; a file that cannot be read becomes a Problem, never an exception.

    ``memo``: Documents remembered from earlier runs (files it lacks are built with ``build``); saved at the end.
    """
    metadata = metadata or {}
    documents: list[Document] = []
    problems: list[Problem] = []
    for path in files:
        rel = display_path(path)
        result = load_one(path, rel, metadata.get(rel), build, memo)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            documents.append(result)
    if memo is not None:
        memo.save()
    return LoadResult(tuple(documents), tuple(problems))
