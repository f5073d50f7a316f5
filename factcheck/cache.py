"""The claim cache: extracted claims on disk, one entry per document version.

An entry's key is a hash of everything extraction depends on: the document's
content (``Document.sha256``, its masked text and language segments), the
metadata that changes what is extracted (path -- claim ids contain it --, date,
language, default currency) -- together :func:`document_digest` --,
``EXTRACTOR_VERSION`` plus the source of the ``factcheck.extract`` package, and
``Knowledge.extraction_digest()`` (entity aliases, metric synonyms, default
currency, "about" tolerance).  A changed rule pack or extractor therefore never
serves stale claims; an unchanged document is never extracted twice.  A run
hashes each document once (:meth:`ClaimCache.document_digest`): the claim entry
key, the check memos' keys and the run memo's digest all start from that digest.

Layout (``.factcheck_cache/`` by default)::

    CACHEDIR.TAG            marks the folder as a cache for backup tools
    .gitignore              "*": git ignores the folder without a line in the project's .gitignore
    entries/ab/abcd….json   claims of one document version: a JSON header line, then the claims as one JSON line
    documents/ab/abcd….json what loading derived from one text (masked text, language segments, date, line starts),
                            and one entry for the whole corpus (:class:`CorpusMemo`)
    memos/ab/abcd….json     per-document work of the checks (see :class:`CheckMemo`)

The second kind memoises the load stage: reading and decoding a file is cheap,
but masking markup, finding language segments and datelines is not, and a warm
run should cost little more than reading the files.  Its key is the decoded
text's hash, the format, the document's config metadata and the source of the
``factcheck.load`` package.  A warm run reads one entry for the corpus instead,
:class:`CorpusMemo` (records by path, each valid for one sha256 of the file's
bytes), and reads a per-text entry only for the files that memo lacks.

The third kind memoises the check stage (:class:`CheckMemo`): the findings of a
document-scoped rule in one document, and data a corpus-wide check collects from
one document before comparing documents (name-variant's capitalised names).  Its
keys hash the document (:func:`document_digest`), what the check is (the rule's
definition, :func:`checks_digest`) and whatever else the value depends on.

The header holds the key and the sha256 of the body line, so a truncated,
damaged or foreign entry is detected, ignored and rebuilt.  Entries are written
atomically (temporary file + rename): two runs at once may both write an entry,
and a reader sees one whole version or none.  Entries not used for
``max_age_days`` are pruned, oldest first beyond ``max_bytes``; pruning runs at
most once a day.

This module never imports spaCy: a run whose documents are all cached does not
load the NLP stack at all.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import sys
import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.atomic import write_bytes_atomic
from factcheck.load import DocumentMeta, UnreadableDocument, document_from_bytes, document_from_text
from factcheck.load.dateline import filename_date
from factcheck.load.text import decode
from factcheck.model import Claim, Document, Finding, Location, RelatedLocation, Segment, Severity

#: Bump when the entry layout changes.
CACHE_FORMAT = 1
DEFAULT_CACHE_DIR = ".factcheck_cache"
DEFAULT_MAX_AGE_DAYS = 30
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
_DAY = 24 * 60 * 60
_PRUNE_STAMP = "last-prune"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factcheck (claim cache).\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

_CLAIM_FIELDS = tuple(field.name for field in dataclasses.fields(Claim))
_LOCATION_FIELDS = tuple(field.name for field in dataclasses.fields(Location))


class DamagedEntry(ValueError):
    """A cache entry that cannot be trusted (truncated, edited, or of another version)."""


# -- Claim <-> JSON ------------------------------------------------------------


def location_to_json(location: Location) -> list[Any]:
    """A Location as a JSON array, in field order."""
    return [getattr(location, name) for name in _LOCATION_FIELDS]


def location_from_json(data: Any) -> Location:
    if type(data) is not list or len(data) != _LOCATION_SIZE:
        raise DamagedEntry("malformed location")
    return Location(*data)


def claim_to_json(claim: Claim) -> list[Any]:
    """A Claim as a JSON array in field order: compact, and lossless through :func:`claim_from_json`.

    ints stay ints and floats floats (JSON keeps the distinction); tuples become arrays.
    """
    data: list[Any] = []
    for name in _CLAIM_FIELDS:
        value = getattr(claim, name)
        if name == "location":
            value = location_to_json(value)
        elif name == "flags":
            value = list(value)
        data.append(value)
    return data


_CLAIM_SIZE = len(_CLAIM_FIELDS)
_LOCATION_SIZE = len(_LOCATION_FIELDS)
_LOCATION_AT = _CLAIM_FIELDS.index("location")
_FLAGS_AT = _CLAIM_FIELDS.index("flags")


def claim_from_json(data: Any) -> Claim:
    """Inverse of :func:`claim_to_json`; raises DamagedEntry for a value of another shape.

    Only the shape is checked here (a warm run decodes tens of thousands of claims):
    cache entries are checksummed, so damage is caught before this.
    """
    if type(data) is not list or len(data) != _CLAIM_SIZE:
        raise DamagedEntry("malformed claim")
    location, flags = data[_LOCATION_AT], data[_FLAGS_AT]
    if type(location) is not list or len(location) != _LOCATION_SIZE or type(flags) is not list:
        raise DamagedEntry("malformed claim")
    values = data.copy()
    values[_LOCATION_AT] = Location(*location)
    values[_FLAGS_AT] = tuple(flags)
    return Claim(*values)


# -- keys ------------------------------------------------------------------------


def _package_digest(package_file: str, *extra: str) -> str:
    """A hash of a package's source and data files (and ``extra`` strings)."""
    digest = hashlib.sha256("\x1f".join((__version__, str(CACHE_FORMAT), *extra)).encode())
    root = Path(package_file).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".yaml", ".yml", ".json", ".txt"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            with contextlib.suppress(OSError):
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def extractor_digest() -> str:
    """EXTRACTOR_VERSION plus a hash of the extraction package's files.

    The version is the promise; the source hash is the safety net for the commits
    that change extraction and forget to bump it.
    """
    from factcheck import extract  # the package's __init__ only; en/zh (and spaCy) load lazily

    return _package_digest(extract.__file__, extract.EXTRACTOR_VERSION, repr((_CLAIM_FIELDS, _LOCATION_FIELDS)))


@functools.cache
def loader_digest() -> str:
    """A hash of the load package's files and of the Document's fields."""
    from factcheck import load

    return _package_digest(load.__file__, repr(tuple(field.name for field in dataclasses.fields(Document))))


def document_key(original: str, fmt: str, meta: DocumentMeta | None, path: str = "") -> str:
    """The key of what loading derives from ``original`` (already normalised to ``\\n`` newlines) and from
    ``path`` (the date its file name states, if any)."""
    meta = meta or DocumentMeta()
    parts = (loader_digest(), fmt, meta.date or "", meta.lang or "", meta.currency or "", filename_date(path) or "")
    digest = hashlib.sha256("\x1f".join(parts).encode())
    digest.update(hashlib.sha256(original.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


def _document_hash(document: Document, *leading: str) -> str:
    """A hash of ``leading`` and what the later stages may read of ``document``: path, content, masked text,
    format, language, date, default currency and language segments."""
    digest = hashlib.sha256()
    parts = (
        *leading,
        document.path,
        document.sha256,
        document.format,
        document.lang,
        document.date or "",
        document.date_source or "",
        document.default_currency or "",
        ";".join(f"{segment.start},{segment.end},{segment.lang}" for segment in document.segments),
    )
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    text = document.text if document.text is not document.original else ""
    digest.update(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


def entry_key(document: Document, knowledge_digest: str) -> str:
    """The cache key of ``document`` extracted with knowledge of ``knowledge_digest``
    (:meth:`ClaimCache.entry_key` is the same, with the document hashed once per run)."""
    return _entry_key(knowledge_digest, document_digest(document))


def _entry_key(knowledge_digest: str, document: str) -> str:
    """The claim entry key of the document whose :func:`document_digest` is ``document``."""
    parts = ("claims", extractor_digest(), knowledge_digest, document)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@functools.cache
def checks_digest() -> str:
    """A hash of the check types' sources (factcheck.checks), the rule model and regexes (factcheck.rules),
    the model and the claim index the checks compare on: a memo of findings never outlives the code that
    produced them."""
    from factcheck import checks, index, model, rules

    digest = hashlib.sha256(_package_digest(checks.__file__, _package_digest(rules.__file__)).encode())
    for source in (model.__file__, index.__file__):
        with contextlib.suppress(OSError):
            digest.update(Path(source).read_bytes())
    return digest.hexdigest()


def document_digest(document: Document) -> str:
    """A hash of what a check may read of ``document`` (the key of its check memos, with the rule's digest)."""
    return _document_hash(document)


# -- the cache -------------------------------------------------------------------


@dataclass(slots=True)
class CacheStats:
    """What one run did with the cache (the CLI may show it; tests assert it). Counts claim entries."""

    hits: int = 0
    misses: int = 0
    damaged: int = 0
    written: int = 0
    write_errors: int = 0
    pruned: int = 0
    #: Loaded documents served from / added to the ``documents/`` memo (files the corpus memo lacks).
    document_hits: int = 0
    document_misses: int = 0
    #: Loaded documents served from the corpus memo (:class:`CorpusMemo`); times it was written.
    corpus_hits: int = 0
    corpus_writes: int = 0
    #: Check memos (:class:`CheckMemo`) served / missing.
    memo_hits: int = 0
    memo_misses: int = 0
    #: Documents whose check findings were cut short (a time budget ran out): this run's findings are not memoised.
    incomplete: int = 0


class ClaimCache:
    """Claims by entry key, in a folder. Every failure to read is a miss; every failure to write is ignored."""

    def __init__(
        self,
        directory: Path,
        max_age_days: float = DEFAULT_MAX_AGE_DAYS,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.directory = directory
        self.max_age_days = max_age_days
        self.max_bytes = max_bytes
        self.stats = CacheStats()
        #: This run's documents' :func:`document_digest`, by ``id`` (the document is kept, so its id is not reused).
        self._digests: dict[int, tuple[Document, str]] = {}

    @functools.cached_property
    def corpus_memo(self) -> CorpusMemo:
        """The loaded documents of the last runs (read when first used; ``load_documents(..., memo=)`` saves it)."""
        return CorpusMemo(self)

    def document_digest(self, document: Document) -> str:
        """:func:`document_digest`, computed once per document in a run (the claim entry key, the check memos'
        keys and the run memo's digest all start from it); the corpus memo supplies it for the documents it
        serves."""
        known = self._digests.get(id(document))
        if known is None or known[0] is not document:
            known = self._digests[id(document)] = (document, document_digest(document))
        return known[1]

    def entry_key(self, document: Document, knowledge_digest: str) -> str:
        """:func:`entry_key` of ``document``, from its digest of this run."""
        return _entry_key(knowledge_digest, self.document_digest(document))

    def _known_digest(self, document: Document, digest: str) -> None:
        self._digests[id(document)] = (document, digest)

    @property
    def entries(self) -> Path:
        return self.directory / "entries"

    @property
    def documents(self) -> Path:
        return self.directory / "documents"

    @functools.cached_property
    def memos(self) -> Path:
        return self.directory / "memos"

    def _read(self, folder: Path, key: str) -> memoryview | None:
        """The body of the entry ``key`` in ``folder``; None if missing; DamagedEntry (and deleted) if damaged."""
        path = folder / key[:2] / f"{key}.json"
        try:
            with open(path, "rb") as handle:
                data = handle.read()
                modified = os.fstat(handle.fileno()).st_mtime
        except OSError:
            return None
        try:
            body = _unpack(data, key)
        except DamagedEntry:
            with contextlib.suppress(OSError):
                path.unlink()
            raise
        now = time.time()
        if now - modified > _DAY:  # "last used", for pruning; at most one write a day per entry
            with contextlib.suppress(OSError):
                os.utime(path, (now, now))
        return body

    def _write(self, folder: Path, key: str, body: bytes) -> bool:
        """Store atomically; False if it cannot be written (a cache that cannot be written only costs speed)."""
        try:
            self._ensure_tag()
            write_bytes_atomic(folder / key[:2] / f"{key}.json", _pack(key, body), durable=False)
        except OSError:
            self.stats.write_errors += 1
            return False
        return True

    def has(self, key: str) -> bool:
        """Whether an entry for ``key`` exists (it may still prove damaged when read)."""
        return (self.entries / key[:2] / f"{key}.json").is_file()

    def get(self, key: str) -> tuple[Claim, ...] | None:
        """The claims stored under ``key``, or None (missing or damaged: the caller extracts again)."""
        try:
            body = self._read(self.entries, key)
            claims = None if body is None else decode_claims(body)
        except DamagedEntry:
            self.stats.damaged += 1
            claims = None
        if claims is None:
            self.stats.misses += 1
        else:
            self.stats.hits += 1
        return claims

    def put(self, key: str, claims: Sequence[Claim]) -> None:
        """Store ``claims`` under ``key``."""
        if self._write(self.entries, key, encode_claims(claims)):
            self.stats.written += 1

    def build_document(self, original: str, path: str, fmt: str, meta: DocumentMeta | None) -> Document:
        """``document_from_text(original, path, fmt, meta)``, from the memo when this text was loaded before."""
        if "\r" in original:
            original = original.replace("\r\n", "\n").replace("\r", "\n")
        key = document_key(original, fmt, meta, path)
        try:
            body = self._read(self.documents, key)
            if body is not None:
                self.stats.document_hits += 1
                return decode_document(body, original, path, fmt)
        except DamagedEntry:
            self.stats.damaged += 1
        self.stats.document_misses += 1
        document = document_from_text(original, path, fmt, meta)
        self._write(self.documents, key, encode_document(document))
        return document

    def get_memo(self, key: str) -> Any:
        """The JSON value stored by :meth:`put_memo` under ``key``, or None (missing or damaged)."""
        body = self.get_blob(key)
        try:
            return None if body is None else _loads(body)
        except DamagedEntry:
            self.stats.damaged += 1
            return None

    def put_memo(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable ``value`` (not None) under ``key``."""
        self._write(self.memos, key, _dumps(value))

    def get_blob(self, key: str) -> memoryview | None:
        """The bytes stored by :meth:`put_blob` under ``key``, or None (missing or damaged)."""
        try:
            body = self._read(self.memos, key)
        except DamagedEntry:
            self.stats.damaged += 1
            body = None
        if body is None:
            self.stats.memo_misses += 1
        else:
            self.stats.memo_hits += 1
        return body

    def put_blob(self, key: str, body: bytes) -> None:
        """Store ``body`` under ``key`` (in the memos folder, checksummed like every entry)."""
        self._write(self.memos, key, body)

    def _ensure_tag(self) -> None:
        """Mark the folder as a cache: for backup tools (CACHEDIR.TAG) and for git (it ignores itself)."""
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            write_bytes_atomic(tag, _TAG.encode(), durable=False)
            write_bytes_atomic(self.directory / ".gitignore", b"# created by factcheck\n*\n", durable=False)

    def prune_due(self, now: float | None = None) -> bool:
        """Whether :meth:`prune` would prune now (it prunes at most once a day)."""
        now = time.time() if now is None else now
        try:
            return now - (self.directory / _PRUNE_STAMP).stat().st_mtime >= _DAY
        except OSError:
            return True

    def touch(self, keys: Sequence[str], folder: Path | None = None) -> None:
        """Mark the claim entries ``keys`` (or the entries in ``folder``, e.g. :attr:`memos`) as used now:
        entries a run relies on without reading them."""
        now = time.time()
        folder = self.entries if folder is None else folder
        for key in keys:
            with contextlib.suppress(OSError):
                os.utime(folder / key[:2] / f"{key}.json", (now, now))

    def prune(self, now: float | None = None, force: bool = False) -> int:
        """Delete entries unused for ``max_age_days``, then the least recently used beyond ``max_bytes``.

        Runs at most once a day unless ``force``; returns the number of files deleted.
        """
        now = time.time() if now is None else now
        stamp = self.directory / _PRUNE_STAMP
        if not force and not self.prune_due(now):
            return 0
        removed = 0
        kept: list[tuple[float, int, Path]] = []
        for path in (*self.entries.rglob("*"), *self.documents.rglob("*"), *self.memos.rglob("*")):
            try:
                info = path.stat()
            except OSError:
                continue
            if not path.is_file():
                continue
            stale_temporary = path.name.startswith(".") and now - info.st_mtime > 3600
            if stale_temporary or now - info.st_mtime > self.max_age_days * _DAY:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
            elif not path.name.startswith("."):
                kept.append((info.st_mtime, info.st_size, path))
        total = sum(size for _, size, _ in kept)
        for _, size, path in sorted(kept, key=lambda item: item[0]):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
            total -= size
        with contextlib.suppress(OSError):
            write_bytes_atomic(stamp, f"{now}\n".encode(), durable=False)
        self.stats.pruned += removed
        return removed


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _loads(body: bytes | memoryview) -> Any:
    try:
        return json.loads(str(body, "utf-8", "surrogatepass"))
    except ValueError:
        raise DamagedEntry("unreadable body") from None


def _pack(key: str, body: bytes) -> bytes:
    header = {"format": CACHE_FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}
    return json.dumps(header, separators=(",", ":")).encode() + b"\n" + body


def _unpack(data: bytes, key: str) -> memoryview:
    """The body of an entry packed under ``key`` (a view: a large body is not copied); DamagedEntry if ``data``
    is not one, whole."""
    newline = data.find(b"\n")
    if newline < 0:
        raise DamagedEntry("no header")
    header_bytes, body = data[:newline], memoryview(data)[newline + 1 :]
    try:
        header = json.loads(header_bytes)
    except ValueError:
        raise DamagedEntry("unreadable header") from None
    if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT or header.get("key") != key:
        raise DamagedEntry("another key or format")
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        raise DamagedEntry("checksum mismatch (truncated or edited)")
    return body


def encode_claims(claims: Sequence[Claim]) -> bytes:
    return _dumps([claim_to_json(claim) for claim in claims])


def decode_claims(body: bytes | memoryview) -> tuple[Claim, ...]:
    items = _loads(body)
    if not isinstance(items, list):
        raise DamagedEntry("malformed claims")
    try:
        return tuple(claim_from_json(item) for item in items)
    except (TypeError, ValueError) as error:
        raise DamagedEntry(str(error)) from None


def encode_entry(key: str, claims: Sequence[Claim]) -> bytes:
    """A claims entry: the header line, then the claims."""
    return _pack(key, encode_claims(claims))


def decode_entry(data: bytes, key: str) -> tuple[Claim, ...]:
    """The claims of an entry written by :func:`encode_entry` under ``key``; DamagedEntry if it is not one."""
    return decode_claims(_unpack(data, key))


def encode_document(document: Document) -> bytes:
    """What loading derived from the text (the text itself is the key, so it is not stored)."""
    return _dumps(
        {
            "text": None if document.text == document.original else document.text,
            "lang": document.lang,
            "segments": [[segment.start, segment.end, segment.lang] for segment in document.segments],
            "date": document.date,
            "date_source": document.date_source,
            "default_currency": document.default_currency,
            "sha256": document.sha256,
            "line_starts": list(document.line_starts),
        }
    )


def _optional_str(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise DamagedEntry("malformed document field")
    return value


def decode_document(body: bytes | memoryview, original: str, path: str, fmt: str) -> Document:
    """The Document of ``original`` from an :func:`encode_document` body, checked against the text."""
    data = _loads(body)
    try:
        text = original if data["text"] is None else data["text"]
        segments = tuple(Segment(int(start), int(end), str(lang)) for start, end, lang in data["segments"])
        line_starts = tuple(data["line_starts"])
        sha256 = data["sha256"]
        lang = data["lang"]
    except (KeyError, TypeError, ValueError):
        raise DamagedEntry("malformed document") from None
    if not (isinstance(text, str) and len(text) == len(original) and isinstance(lang, str)):
        raise DamagedEntry("masked text does not match the document")
    if not line_starts or line_starts[0] != 0 or len(line_starts) != original.count("\n") + 1:
        raise DamagedEntry("line starts do not match the document")
    if type(line_starts[-1]) is not int or not isinstance(sha256, str):  # the checksum vouches for the rest
        raise DamagedEntry("malformed document")
    return Document(
        path=path,
        original=original,
        text=text,
        format=fmt,
        lang=lang,
        segments=segments,
        date=_optional_str(data.get("date")),
        date_source=_optional_str(data.get("date_source")),
        default_currency=_optional_str(data.get("default_currency")),
        sha256=sha256,
        line_starts=line_starts,
    )


# -- the corpus memo ---------------------------------------------------------------

#: Bump when the corpus memo's layout changes.
_CORPUS_LAYOUT = 1
#: Line starts are stored as unsigned 32-bit integers (documents are at most 50 MB).
_STARTS = "I"
#: A record no load used for this many writes of the memo in a row is dropped (a deleted or renamed file,
#: a folder checked from another directory).
_CORPUS_KEEP = 8
_NO_META = DocumentMeta()
# A record: what one file's bytes loaded as, with the file's path as its key.
(_STAMP, _FORMAT, _META_DATE, _META_LANG, _META_CURRENCY, _USED, _SHA256, _LANG, _DATE, _DATE_SOURCE) = range(10)
(_SEGMENTS, _DIGEST, _CURRENCY, _TEXT_AT, _TEXT_SIZE, _STARTS_AT, _STARTS_COUNT) = range(10, 17)
_RECORD_SIZE = 17


@functools.cache
def corpus_memo_key() -> str:
    """The key of the corpus memo: its layout, the load code (:func:`loader_digest`), this module (the
    digests it stores are this module's) and how this machine stores the line starts."""
    parts = ("corpus memo", str(_CORPUS_LAYOUT), loader_digest(), sys.byteorder, str(array(_STARTS).itemsize))
    digest = hashlib.sha256("\x1f".join(parts).encode())
    with contextlib.suppress(OSError):
        digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


class CorpusMemo:
    """One cache entry (in ``documents/``) for every document of the corpus: what loading derived from each
    file, so a warm run reads one file instead of one memo per document.

    A record is keyed by the document's path and holds the sha256 of the file's bytes (its stamp), the config
    metadata it was loaded with, and the loaded Document's fields (language, segments, date and its source,
    sha256, line starts, the masked text when it differs, :func:`document_digest`). A file is used from the
    memo only when its bytes hash to the stamp and its metadata and format are the same, so an edited file
    is never served stale data whatever its size and mtime say (the bytes must be read anyway:
    ``Document.original`` is the file's text; hashing 15 MB costs about 15 ms). Other files are loaded through
    the ``documents/`` memo (:meth:`ClaimCache.build_document`) and added.

    Layout of the entry's body: a JSON line ``{"written": n, "documents": {path: record}}``, then one binary
    part holding the line starts (uint32, native order: the key includes the byte order) and masked texts
    (UTF-8) the records point into. The entry is checksummed and written atomically like every entry: two
    runs at once each write a whole memo and the last one stays; a damaged one is ignored (every file then
    comes from ``documents/``) and rewritten. It is written only when a load added a record; a record no load
    used for ``_CORPUS_KEEP`` writes in a row is dropped.
    """

    def __init__(self, cache: ClaimCache) -> None:
        self.cache = cache
        self._written = 0
        self._records: dict[str, list[Any]] = {}
        self._blob = memoryview(b"")
        #: Paths served or added in this run.
        self._used: set[str] = set()
        #: Records added in this run, with their masked text and line starts (offsets are given when written).
        self._added: dict[str, tuple[list[Any], bytes, bytes]] = {}
        try:
            body = cache._read(cache.documents, corpus_memo_key())
            if body is not None:
                self._open(body)
        except DamagedEntry:
            cache.stats.damaged += 1

    def _open(self, body: memoryview) -> None:
        data = body.tobytes()
        newline = data.find(b"\n")
        index = _loads(data[:newline] if newline >= 0 else b"")
        if not isinstance(index, dict):
            raise DamagedEntry("malformed corpus memo")
        written, records = index.get("written"), index.get("documents")
        if type(written) is not int or not isinstance(records, dict):
            raise DamagedEntry("malformed corpus memo")
        self._written, self._records, self._blob = written, records, memoryview(data)[newline + 1 :]

    def document(self, data: bytes, path: str, fmt: str, meta: DocumentMeta | None) -> Document:
        """The Document of the file ``path`` whose bytes are ``data``: from the memo when they are the bytes it
        was loaded from (and the metadata and format are the same), else loaded and added."""
        meta = meta or _NO_META
        stamp = hashlib.sha256(data).hexdigest()
        record = self._records.get(path)
        if record is not None and path not in self._added:
            document = self._recall(record, stamp, data, path, fmt, meta)
            if document is not None:
                self.cache.stats.corpus_hits += 1
                self._used.add(path)
                return document
        document = document_from_bytes(data, path, fmt, meta, self.cache.build_document)
        self._add(path, stamp, document, meta)
        return document

    def _recall(self, record: Any, stamp: str, data: bytes, path: str, fmt: str, meta: DocumentMeta) -> Document | None:
        try:
            if type(record) is not list or len(record) != _RECORD_SIZE or record[_STAMP] != stamp:
                return None
            if (record[_FORMAT], record[_META_DATE], record[_META_LANG], record[_META_CURRENCY]) != (
                fmt,
                meta.date,
                meta.lang,
                meta.currency,
            ):
                return None
            original = decode(data, checked=False)  # the bytes it decoded from before, by the same code
            text_at, text_size = record[_TEXT_AT], record[_TEXT_SIZE]
            text = original if text_at < 0 else str(self._blob[text_at : text_at + text_size], "utf-8", "surrogatepass")
            starts = array(_STARTS)
            at = record[_STARTS_AT]
            starts.frombytes(self._blob[at : at + record[_STARTS_COUNT] * starts.itemsize])
            flat = record[_SEGMENTS]
            segments = tuple(Segment(flat[i], flat[i + 1], flat[i + 2]) for i in range(0, len(flat), 3))
            digest, sha256 = record[_DIGEST], record[_SHA256] or stamp
        except (UnreadableDocument, TypeError, ValueError, IndexError, UnicodeDecodeError):
            self.cache.stats.damaged += 1
            return None
        # The checksum vouches for the record; these cheap checks catch a record that is not this text's: the
        # masked text has the text's length, and the last line starts after the text's last newline.
        last = starts[-1] if starts else -1
        wrong_starts = not starts or len(starts) != record[_STARTS_COUNT] or starts[0] != 0 or last > len(original)
        if (
            wrong_starts
            or (last and original[last - 1] != "\n")
            or "\n" in original[last:]
            or len(text) != len(original)
        ):
            self.cache.stats.damaged += 1
            return None
        document = Document(
            path=path,
            original=original,
            text=text,
            format=fmt,
            lang=record[_LANG],
            segments=segments,
            date=record[_DATE],
            date_source=record[_DATE_SOURCE],
            default_currency=record[_CURRENCY],
            sha256=sha256,
            line_starts=tuple(starts),
        )
        if isinstance(digest, str):
            self.cache._known_digest(document, digest)
        return document

    def _add(self, path: str, stamp: str, document: Document, meta: DocumentMeta) -> None:
        same = document.text is document.original or document.text == document.original
        text = b"" if same else document.text.encode("utf-8", "surrogatepass")
        try:
            starts = array(_STARTS, document.line_starts).tobytes()
        except OverflowError:  # not with documents of at most 50 MB; such a document is only not remembered
            return
        record: list[Any] = [None] * _RECORD_SIZE
        record[_STAMP], record[_FORMAT] = stamp, document.format
        record[_META_DATE], record[_META_LANG], record[_META_CURRENCY] = meta.date, meta.lang, meta.currency
        record[_SHA256] = None if document.sha256 == stamp else document.sha256
        record[_LANG], record[_DATE], record[_DATE_SOURCE] = document.lang, document.date, document.date_source
        record[_SEGMENTS] = [
            part for segment in document.segments for part in (segment.start, segment.end, segment.lang)
        ]
        record[_DIGEST] = self.cache.document_digest(document)
        record[_CURRENCY] = document.default_currency
        record[_TEXT_AT], record[_TEXT_SIZE] = (-1, 0) if same else (0, len(text))
        record[_STARTS_COUNT] = len(document.line_starts)
        self._added[path] = (record, text, starts)
        self._used.add(path)

    def save(self) -> None:
        """Write the memo if this run added records: the added and used ones, and those not used for fewer
        than ``_CORPUS_KEEP`` writes."""
        if not self._added:
            return
        written = self._written + 1
        blob = bytearray()
        records: dict[str, list[Any]] = {}

        def store(record: list[Any], text: bytes | memoryview, starts: bytes | memoryview) -> None:
            if record[_TEXT_AT] >= 0:
                record[_TEXT_AT] = len(blob)
                blob.extend(text)
            record[_STARTS_AT] = len(blob)
            blob.extend(starts)

        for path, old in self._records.items():
            if path in self._added:
                continue
            try:
                if path not in self._used and written - old[_USED] > _CORPUS_KEEP:
                    continue
                record = list(old)
                record[_USED] = written if path in self._used else old[_USED]
                text_at, starts_at = old[_TEXT_AT], old[_STARTS_AT]
                old_text = self._blob[text_at : text_at + old[_TEXT_SIZE]] if text_at >= 0 else b""
                old_starts = self._blob[starts_at : starts_at + old[_STARTS_COUNT] * array(_STARTS).itemsize]
                store(record, old_text, old_starts)
            except (TypeError, ValueError, IndexError):  # a malformed record is dropped
                continue
            records[path] = record
        for path, (record, text, starts) in self._added.items():
            record[_USED] = written
            store(record, text, starts)
            records[path] = record
        body = _dumps({"written": written, "documents": records}) + b"\n" + bytes(blob)
        if self.cache._write(self.cache.documents, corpus_memo_key(), body):
            self.cache.stats.corpus_writes += 1
        # What a later load in this run reads (a focus run loads the focus files, then the corpus).
        self._written, self._records, self._blob = written, records, memoryview(body)[len(body) - len(blob) :]
        self._added = {}


# -- check memos -----------------------------------------------------------------


class CheckMemo:
    """Per-document memos of the check stage, kept in a :class:`ClaimCache`.

    ``key(document, *parts)`` is the key of a value that depends on ``document`` (see
    :func:`document_digest`), the checks' code (:func:`checks_digest`) and ``parts`` (what the
    caller's value also depends on: a rule's definition, the packs' names, a version).
    ``get`` returns None for a missing or damaged entry; the caller computes the value and stores it with ``put``.
    """

    def __init__(self, cache: ClaimCache) -> None:
        self.cache = cache
        #: Documents whose findings a check could not complete in this run (never memoised).
        self.unfinished: set[str] = set()

    def key(self, document: Document, *parts: str) -> str:
        known = self.cache.document_digest(document)
        digest = hashlib.sha256("\x1f".join((checks_digest(), known, *parts)).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def corpus_key(self, *parts: str) -> str:
        """The key of a value that depends on the whole corpus rather than on one document: ``parts`` (a rule's
        definition, a version) and the checks' code. The value must say itself which documents it covers."""
        digest = hashlib.sha256("\x1f".join((checks_digest(), "corpus", *parts)).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> Any:
        return self.cache.get_memo(key)

    def put(self, key: str, value: Any) -> None:
        self.cache.put_memo(key, value)

    def keep(self, keys: Sequence[str]) -> None:
        """Mark the memos ``keys`` as used now (a corpus-wide memo relies on them without reading them)."""
        self.cache.touch(keys, self.cache.memos)

    def incomplete(self, path: str) -> None:
        self.unfinished.add(path)
        self.cache.stats.incomplete += 1


def finding_to_json(finding: Finding) -> list[Any]:
    """A Finding (without its fingerprint, which the engine adds after) as a JSON array."""
    return [
        finding.rule,
        finding.category,
        finding.severity.value,
        finding.message,
        location_to_json(finding.location),
        [[location_to_json(related.location), related.note] for related in finding.related],
        list(finding.claims),
    ]


def finding_from_json(data: Any) -> Finding:
    """Inverse of :func:`finding_to_json`; DamagedEntry for a value of another shape."""
    try:
        rule, category, severity, message, location, related, claims = data
        if not all(isinstance(value, str) for value in (rule, category, message)):
            raise DamagedEntry("malformed finding")
        return Finding(
            rule=rule,
            category=category,
            severity=Severity(severity),
            message=message,
            location=location_from_json(location),
            related=tuple(RelatedLocation(location_from_json(where), str(note)) for where, note in related),
            claims=tuple(str(claim) for claim in claims),
        )
    except (TypeError, ValueError) as error:
        raise DamagedEntry(f"malformed finding: {error}") from None


def default_cache_dir(config_path: Path | None) -> Path:
    """``.factcheck_cache`` beside the config file, else in the current directory."""
    base = config_path.parent if config_path is not None else Path.cwd()
    return base / DEFAULT_CACHE_DIR
