"""The Dask engine: documents are read and extracted on Dask workers, claims come back to the driver.

Extraction is a map over documents; the checks need only the claims.  This module
runs that map on ``dask.distributed`` (a scheduler given by address, or a local
cluster), gathers the results *in file order* and hands the driver exactly what
the local engine would have produced: the same documents, claim ids and problems.
Indexing, checks and reports then run on the driver as in a local run.

``dask`` and ``distributed`` are an optional extra (``pip install factcheck[dask]``)
and are imported only when this engine runs.

The unit of work is :func:`process_batch`, a plain function of picklable values
(paths, per-document settings, the rule packs' :class:`~factcheck.knowledge.Knowledge`
and an optional claim cache folder), so any scheduler can ship it to any worker
that can import factcheck and open the documents' paths.

The claim cache: when every worker sees the driver's cache folder (a probe file
tells, :func:`shared_filesystem`), the workers read and write it themselves, so a
warm run extracts nothing; otherwise the workers extract everything and the
driver writes the claims they send back into its cache.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import math
import os
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.cache import CacheStats, ClaimCache, entry_key
from factcheck.extract import extract_document
from factcheck.knowledge import Knowledge
from factcheck.load import DocumentMeta, LoadResult, display_path, document_from_text, load_one
from factcheck.model import Claim, Document, Problem

#: A ``distributed.Client`` (dask is optional, and its API is untyped).
Client = Any

INSTALL_HINT = "pip install factcheck[dask]"
#: ``progress(done, total)`` as batches of documents come back.
ProgressCallback = Callable[[int, int], None]

#: The local cluster started when no scheduler address is given.
LOCAL_WORKERS = 2
#: Batches per worker: enough to balance uneven documents, few enough to keep task overhead small.
BATCHES_PER_WORKER = 4


class EngineError(Exception):
    """The Dask engine cannot run (dask missing, scheduler unreachable): exit code 2."""


@dataclass(frozen=True, slots=True)
class Task:
    """One document to read and extract on a worker."""

    #: The path as a worker opens it: absolute, so workers need the same filesystem layout.
    path: str
    #: The path as reports show it, computed on the driver (a worker's current directory differs).
    rel: str
    meta: DocumentMeta | None = None


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a worker sends back for one document: the document and its claims, or why it was skipped."""

    rel: str
    document: Document | None
    claims: tuple[Claim, ...] = ()
    problem: Problem | None = None


@dataclass(frozen=True, slots=True)
class Batch:
    """A batch's results, in task order, and what the workers did with the cache."""

    results: tuple[Extracted, ...]
    cache_stats: CacheStats | None = None


def process(task: Task, knowledge: Knowledge, cache: ClaimCache | None = None, digest: str = "") -> Extracted:
    """Read and extract one document; with a cache, claims already extracted are read instead.

    ``digest`` is ``knowledge.extraction_digest()`` (computed once per batch).
    """
    build = cache.build_document if cache is not None else document_from_text
    loaded = load_one(Path(task.path), task.rel, task.meta, build)
    if isinstance(loaded, Problem):
        return Extracted(task.rel, None, (), loaded)
    if cache is None:
        return Extracted(task.rel, loaded, extract_document(loaded, knowledge))
    key = entry_key(loaded, digest)
    claims = cache.get(key)
    if claims is None:
        claims = extract_document(loaded, knowledge)
        cache.put(key, claims)
    return Extracted(task.rel, loaded, claims)


def process_batch(tasks: Sequence[Task], knowledge: Knowledge, cache_dir: str | None = None) -> Batch:
    """:func:`process` over a batch, in order (runs on a worker; a task per batch keeps the overhead small).

    ``cache_dir`` is the claim cache folder when the workers share it with the driver.
    """
    cache = ClaimCache(Path(cache_dir)) if cache_dir is not None else None
    digest = knowledge.extraction_digest() if cache is not None else ""
    results = tuple(process(task, knowledge, cache, digest) for task in tasks)
    return Batch(results, cache.stats if cache is not None else None)


def make_tasks(files: Sequence[Path], metadata: dict[str, DocumentMeta] | None = None) -> list[Task]:
    metadata = metadata or {}
    tasks = []
    for path in files:
        rel = display_path(path)
        tasks.append(Task(str(path.absolute()), rel, metadata.get(rel)))
    return tasks


def batches(tasks: Sequence[Task], workers: int) -> list[list[Task]]:
    """Contiguous batches (so gathering them in order keeps the file order)."""
    if not tasks:
        return []
    count = min(len(tasks), max(1, workers) * BATCHES_PER_WORKER)
    size = math.ceil(len(tasks) / count)
    return [list(tasks[index : index + size]) for index in range(0, len(tasks), size)]


def assemble(results: Sequence[Extracted]) -> tuple[LoadResult, tuple[Claim, ...]]:
    """Documents, problems and claims in the order of ``results`` (the order of the files)."""
    documents: list[Document] = []
    problems: list[Problem] = []
    claims: list[Claim] = []
    for result in results:
        if result.document is not None:
            documents.append(result.document)
            claims.extend(result.claims)
        elif result.problem is not None:
            problems.append(result.problem)
    return LoadResult(tuple(documents), tuple(problems)), tuple(claims)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as error:
        raise EngineError(f"the dask engine needs dask and distributed ({error}): {INSTALL_HINT}") from None
    return distributed


@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int = LOCAL_WORKERS) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a local cluster of ``workers`` processes."""
    distributed = _import_distributed()
    cluster = None
    try:
        if scheduler:
            try:
                client = distributed.Client(scheduler, timeout="30s", set_as_default=False)
            except (OSError, TimeoutError) as error:
                raise EngineError(f"cannot connect to the Dask scheduler at {scheduler}: {error}") from None
        else:
            with warnings.catch_warnings():  # another cluster on this machine holds the default HTTP port
                warnings.filterwarnings("ignore", "Port .* is already in use", UserWarning)
                cluster = distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            client = distributed.Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _worker_count(client: Client) -> int:
    info: dict[str, Any] = client.scheduler_info()
    return len(info.get("workers", {})) or 1


def _exists(path: str) -> bool:
    return os.path.exists(path)


def shared_filesystem(client: Client, folder: Path) -> bool:
    """True when every worker sees ``folder`` as the driver does (a probe file written there).

    The claim cache is then read and written by the workers; otherwise the
    workers extract and the driver writes the cache.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
    except OSError:
        return False
    try:
        seen: dict[str, bool] = client.run(_exists, str(probe.absolute()))
        return bool(seen) and all(seen.values())
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()


def add_stats(total: CacheStats, part: CacheStats) -> None:
    """Add a worker's cache counts to the driver's."""
    for field in dataclasses.fields(CacheStats):
        setattr(total, field.name, getattr(total, field.name) + getattr(part, field.name))


def load_and_extract(
    files: Sequence[Path],
    metadata: dict[str, DocumentMeta] | None,
    knowledge: Knowledge,
    scheduler: str | None = None,
    cache: ClaimCache | None = None,
    progress: ProgressCallback | None = None,
    workers: int = LOCAL_WORKERS,
) -> tuple[LoadResult, tuple[Claim, ...]]:
    """Read and extract ``files`` on Dask workers; the same result as loading and extracting locally.

    ``cache`` is the driver's claim cache: used by the workers when they share its
    folder, else filled by the driver with what the workers extracted.
    """
    tasks = make_tasks(files, metadata)
    with connect(scheduler, workers) as client:
        shared = cache is not None and shared_filesystem(client, cache.directory)
        worker_cache = str(cache.directory.absolute()) if cache is not None and shared else None
        [knowledge_future] = client.scatter([knowledge], broadcast=True)
        split = batches(tasks, _worker_count(client))
        futures = client.map(process_batch, split, knowledge=knowledge_future, cache_dir=worker_cache, pure=False)
        gathered: list[Batch] = []
        done = 0
        for tasks_of_batch, future in zip(split, futures, strict=True):  # in order: batches finish roughly in order
            gathered.append(future.result())
            done += len(tasks_of_batch)
            if progress is not None:
                progress(done, len(tasks))
    results = [result for batch in gathered for result in batch.results]
    if cache is not None:
        if shared:
            for batch in gathered:
                if batch.cache_stats is not None:
                    add_stats(cache.stats, batch.cache_stats)
        else:  # the workers cannot reach the cache: the driver stores what they extracted
            digest = knowledge.extraction_digest()
            for result in results:
                if result.document is not None:
                    cache.stats.misses += 1
                    cache.put(entry_key(result.document, digest), result.claims)
    return assemble(results)
