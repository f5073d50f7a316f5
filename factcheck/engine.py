"""Composes the stages: load -> extract -> index -> check -> report."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import itertools
import operator
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.baseline import apply_baseline, load_baseline
from factcheck.cache import (
    CacheStats,
    CheckMemo,
    ClaimCache,
    DamagedEntry,
    checks_digest,
    default_cache_dir,
    document_digest,
    extractor_digest,
    finding_from_json,
    finding_to_json,
    location_to_json,
)
from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext, CheckType, rule_digest
from factcheck.config import Config
from factcheck.extract import extract_document
from factcheck.fingerprint import with_fingerprints
from factcheck.index import ClaimIndex, build_index
from factcheck.knowledge import Knowledge
from factcheck.load import DOCUMENT_SUFFIXES, discover, display_path, document_from_text, load_documents
from factcheck.model import (
    Claim,
    DeferredClaims,
    Document,
    Finding,
    Location,
    Problem,
    RelatedLocation,
    Report,
    Severity,
    claim_counts,
)
from factcheck.rules import Rule, RuleSet, load_ruleset
from factcheck.suppress import apply as apply_suppressions
from factcheck.worker import ExtractorProcess
from factcheck.worker import start as start_extractor

#: ``progress(done, total)``: called as documents are extracted (the CLI draws a bar; the engine never prints).
ProgressCallback = Callable[[int, int], None]
#: Extracts documents and yields their claims in the same order (locally, or on Dask workers).
BatchExtractor = Callable[[Sequence[Document], Knowledge, ProgressCallback | None], Iterable[tuple[Claim, ...]]]


class NoDocuments(Exception):
    """Nothing readable to check (exit code 2); ``problems`` says why each file was skipped."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class RunOptions:
    paths: tuple[Path, ...] = ()
    rules: tuple[Path, ...] = ()
    fail_on: str | None = None
    #: Index everything, report only findings that touch these files (they are loaded even if outside ``paths``).
    focus: tuple[Path, ...] = ()
    #: Claim cache folder (default: config ``cache_dir``, else ``.factcheck_cache`` beside the config or in the cwd).
    cache_dir: Path | None = None
    use_cache: bool = True
    #: Report only findings whose fingerprints are not in this baseline file.
    baseline: Path | None = None
    progress: ProgressCallback | None = None
    #: A process started before this run (``factcheck.launch``) that is importing spaCy: a focus run hands it
    #: the focus files the cache lacks, or stops it. The caller still owns it (and closes it in the end).
    extractor: ExtractorProcess | None = None


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    problems: tuple[Problem, ...]
    ruleset: RuleSet
    knowledge: Knowledge
    cache_stats: CacheStats | None = None
    #: The cache the claims came from; the checks keep their per-document memos in it too.
    cache: ClaimCache | None = None
    #: ``collect(defer_claims=True)``: ``claims`` is empty and this reads (or extracts) them when called.
    deferred: Callable[[], tuple[Claim, ...]] | None = None
    #: With ``deferred``: start extracting the few documents the cache lacks in a second process now, so that
    #: importing spaCy overlaps what the run does before it calls ``deferred`` (the checks that read no claims).
    prefetch: Callable[[], None] | None = None


def load_rules(config: Config, options: RunOptions) -> RuleSet:
    return load_ruleset((*config.rules, *options.rules))


def _knowledge(ruleset: RuleSet, config: Config) -> Knowledge:
    return dataclasses.replace(
        ruleset.knowledge,
        default_currency=config.default_currency or ruleset.knowledge.default_currency,
        about_tolerance=config.about_tolerance,
    )


def extract_local(
    documents: Sequence[Document], knowledge: Knowledge, progress: ProgressCallback | None = None
) -> Iterator[tuple[Claim, ...]]:
    """Extract in this process, one document after another."""
    for done, document in enumerate(documents, start=1):
        yield extract_document(document, knowledge)
        if progress is not None:
            progress(done, len(documents))


def open_cache(config: Config, options: RunOptions) -> ClaimCache | None:
    if not options.use_cache:
        return None
    return ClaimCache(options.cache_dir or config.cache_dir or default_cache_dir(config.path))


#: Extract in a second process while this one reads the cache when at most this many documents need
#: extracting and at least ``_ASIDE_MIN_CACHED`` are cached (a pre-commit hook's run: one edited document,
#: a large corpus): importing spaCy and extracting then overlaps decoding the cached claims.
_ASIDE_MAX = 8
_ASIDE_MIN_CACHED = 200


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a run decodes, indexes and checks.

    A warm run creates a few hundred thousand objects that never form cycles (claims, locations,
    findings); each collection of the oldest generation traverses all of them, which cost about a
    third of a warm 1,000-document run. Collection resumes when the block ends (cyclic garbage made
    in the block is collected with the oldest generation); extraction (spaCy) runs with the collector on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What the block made stays: file it with the oldest generation at once (freeze + unfreeze moves
        # every tracked object there without a traversal), or the young generations' next collections
        # would traverse all of it two or three times over.
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


#: Extraction started before the corpus is loaded (a focus run's edited files): the documents, in the worker's order.
_Early = tuple[list[Document], ExtractorProcess]


def _extract_aside(
    documents: Sequence[Document], knowledge: Knowledge, cached: int, process: ExtractorProcess | None = None
) -> ExtractorProcess | None:
    """Start extracting ``documents`` in a second process (``process``, already warming up, or a new fork),
    or None when it would not pay or cannot be done (``process`` is then stopped)."""
    # A process that is already importing spaCy is worth using even for a small corpus; a new one is not.
    if not 0 < len(documents) <= _ASIDE_MAX or (process is None and cached < _ASIDE_MIN_CACHED):
        if process is not None:
            process.close()
        return None
    process = process or start_extractor()  # None where fork is unsafe (not Linux) or one core
    if process is None or not process.submit(documents, knowledge):
        return None
    return process


def _extract_missing_aside(
    documents: Sequence[Document],
    knowledge: Knowledge,
    cache: ClaimCache,
    corpus_size: int,
    process: ExtractorProcess | None = None,
) -> _Early | None:
    """Start extracting those of ``documents`` the cache lacks in a second process (see :func:`_extract_aside`;
    ``corpus_size``: how many documents the run has in all): the documents sent, and the process."""
    digest = knowledge.extraction_digest()
    missing = [document for document in documents if not cache.has(cache.entry_key(document, digest))]
    started = _extract_aside(missing, knowledge, corpus_size - len(missing), process)
    return None if started is None else (missing, started)


def extract_all(
    documents: Sequence[Document],
    knowledge: Knowledge,
    cache: ClaimCache | None = None,
    progress: ProgressCallback | None = None,
    extractor: BatchExtractor = extract_local,
    early: _Early | None = None,
) -> tuple[Claim, ...]:
    """Claims of every document, in document order: cached ones read, the others extracted and stored.

    Only documents missing from the cache reach ``extractor`` (and only then is spaCy imported).
    A few missing documents in a large cached corpus are extracted locally in a second process while
    this one decodes the cache (the claims are the same: the same code runs on the same documents).
    ``early``: that second process, started by :func:`collect` for a focus run's files before the
    corpus was loaded; used if its documents are still what was loaded (else it is shut down).
    """
    found: dict[str, tuple[Claim, ...]] = {}
    keys: dict[str, str] = {}
    missing: list[Document] = []
    digest = knowledge.extraction_digest() if cache is not None else ""
    aside: list[Document] = []
    started = None
    if cache is not None:
        keys = {document.path: cache.entry_key(document, digest) for document in documents}
        if early is not None:
            same = all(keys.get(document.path) == cache.entry_key(document, digest) for document in early[0])
            if extractor is extract_local and same:
                aside, started = early
            else:
                early[1].close()
        elif extractor is extract_local:
            early = _extract_missing_aside(documents, knowledge, cache, len(documents))
            if early is not None:
                aside, started = early
    set_aside = {document.path for document in aside}
    with bulk():
        for document in documents:
            if document.path in set_aside:
                continue
            if cache is not None:
                cached = cache.get(keys[document.path])
                if cached is not None:
                    found[document.path] = cached
                    continue
            missing.append(document)
    if started is not None:
        extracted = started.result()  # None from a broken worker, which only costs speed: extract here instead
        if extracted is None or len(extracted) != len(aside):
            missing = [*aside, *missing]
        else:
            assert cache is not None
            cache.stats.misses += len(aside)
            for document, claims in zip(aside, extracted, strict=True):
                found[document.path] = claims
                cache.put(keys[document.path], claims)
    if missing:
        if progress is not None:
            progress(0, len(missing))
        for document, claims in zip(missing, extractor(missing, knowledge, progress), strict=True):
            found[document.path] = claims
            if cache is not None:  # stored as soon as extracted: an interrupted run keeps its work
                cache.put(keys[document.path], claims)
    return tuple(claim for document in documents for claim in found[document.path])


def collect(config: Config, options: RunOptions, defer_claims: bool = False) -> Corpus:
    """Load rules and documents and extract claims; raises NoDocuments if nothing is readable.

    With ``defer_claims`` (and a cache, and the local engine) the claims are neither read nor extracted:
    ``Corpus.deferred`` does that when called (a run whose findings the run memo holds never needs them).
    """
    ruleset = load_rules(config, options)
    knowledge = _knowledge(ruleset, config)
    roots = options.paths or config.paths or (Path.cwd(),)
    # Focus files are documents if a folder search would take them (suffix, include/exclude).
    focus = [path for path in options.focus if path.suffix.lower() in DOCUMENT_SUFFIXES]
    files, problems = discover((*roots, *focus), config.include, config.exclude)
    if options.focus and not {display_path(path) for path in focus} & {display_path(file) for file in files}:
        # None of the focus files is a document (excluded, or not text): nothing can touch them.
        return Corpus((), (), tuple(problems), ruleset, knowledge)
    cache = open_cache(config, options)
    early = None
    if options.focus and cache is not None and config.engine != "dask":
        early = _start_early(files, focus, config, knowledge, cache, options.extractor)
    elif options.extractor is not None:
        options.extractor.close()
    try:
        return _collect(config, options, defer_claims, ruleset, knowledge, roots, files, problems, cache, early)
    except BaseException:
        if early is not None:
            early[1].close()
        raise


def _start_early(
    files: Sequence[Path],
    focus: Sequence[Path],
    config: Config,
    knowledge: Knowledge,
    cache: ClaimCache,
    process: ExtractorProcess | None,
) -> _Early | None:
    """Start extracting the focus files the cache lacks in a second process (``process``, when one is already
    warming up), before the corpus is loaded: a pre-commit hook's run then imports spaCy there while this
    process loads and decodes everything else and runs the checks that read no claims."""
    wanted = {display_path(path) for path in focus}
    chosen = [file for file in files if display_path(file) in wanted]
    loaded = load_documents(chosen, dict(config.documents), cache.build_document, cache.corpus_memo)
    return _extract_missing_aside(loaded.documents, knowledge, cache, len(files), process)


def _collect(
    config: Config,
    options: RunOptions,
    defer_claims: bool,
    ruleset: RuleSet,
    knowledge: Knowledge,
    roots: Sequence[Path],
    files: Sequence[Path],
    problems: list[Problem],
    cache: ClaimCache | None,
    early: _Early | None,
) -> Corpus:
    dask_claims: tuple[Claim, ...] | None = None
    if config.engine == "dask":  # read and extract on Dask workers (optional extra, imported only here)
        from factcheck.distributed import load_and_extract

        loaded, dask_claims = load_and_extract(
            files, dict(config.documents), knowledge, config.scheduler, cache, options.progress
        )
    else:
        if cache is not None:  # one memo for the corpus, the documents/ memo for the files it lacks
            loaded = load_documents(files, dict(config.documents), cache.build_document, cache.corpus_memo)
        else:
            loaded = load_documents(files, dict(config.documents), document_from_text)
    problems = [*problems, *loaded.problems]
    if not loaded.documents:
        raise NoDocuments("no readable document found in " + ", ".join(display_path(root) for root in roots), problems)
    if dask_claims is not None:
        claims = dask_claims
    elif defer_claims and cache is not None:
        documents, progress = loaded.documents, options.progress

        def prefetch() -> None:
            nonlocal early
            if early is None:
                early = _extract_missing_aside(documents, knowledge, cache, len(documents))

        def produce() -> tuple[Claim, ...]:
            claims = extract_all(documents, knowledge, cache, progress, early=early)
            cache.prune()
            return claims

        return Corpus(documents, (), tuple(problems), ruleset, knowledge, cache.stats, cache, produce, prefetch)
    else:
        claims = extract_all(loaded.documents, knowledge, cache, options.progress, early=early)
    if cache is not None:
        cache.prune()
    stats = cache.stats if cache is not None else None
    return Corpus(loaded.documents, claims, tuple(problems), ruleset, knowledge, stats, cache)


#: A claim's path (``Claim.path``, without a property call per claim).
_claim_path = operator.attrgetter("location.path")


def _focus_context(context: CheckContext, focus: Collection[str]) -> CheckContext:
    """The context narrowed to the documents in ``focus`` and their claims (a document-scoped check's view)."""
    documents = {path: context.documents[path] for path in focus if path in context.documents}
    paths = map(_claim_path, context.claims)
    return dataclasses.replace(
        context,
        documents=documents,
        claims=tuple(claim for claim, path in zip(context.claims, paths, strict=True) if path in documents),
        claims_by_path={path: claims for path, claims in context.claims_by_path.items() if path in documents},
    )


def _document_scoped(check: CheckType, rule: Rule, context: CheckContext, memo: CheckMemo | None) -> list[Finding]:
    """``check.check(rule, context)`` of a document-scoped rule, run only on documents without a memo.

    A document's findings are memoised under its digest, the rule's definition and the checks' code.
    """
    if memo is None:
        return list(check.check(rule, context))
    digest = rule_digest(rule)
    findings: list[Finding] = []
    missing: dict[str, str] = {}
    for path, document in context.documents.items():
        key = memo.key(document, "findings", digest)
        stored = memo.get(key)
        try:
            if not isinstance(stored, list):
                raise DamagedEntry("no memo")
            findings.extend([finding_from_json(item) for item in stored])  # all of a memo, or none of it
        except DamagedEntry:
            missing[path] = key
    if missing:
        memo.unfinished.clear()
        fresh = list(check.check(rule, _focus_context(context, missing)))
        by_path: dict[str, list[Finding]] = {path: [] for path in missing}
        for finding in fresh:
            by_path.setdefault(finding.location.path, []).append(finding)
        for path, key in missing.items():
            if path not in memo.unfinished:
                memo.put(key, [finding_to_json(finding) for finding in by_path[path]])
        findings.extend(fresh)
    return findings


def reads_claims(check: CheckType) -> bool:
    """False for check types that read documents only (``READS_CLAIMS = False``): they can run before the claims exist."""
    return bool(getattr(check, "READS_CLAIMS", True))


#: A rule's findings by its position in the rule set (kept apart until all rules ran, then merged in rule order).
RuleFindings = dict[int, list[Finding]]


def _check_rules(
    corpus: Corpus, config: Config, focus: Collection[str] | None, index: ClaimIndex | None, claims: bool
) -> RuleFindings:
    """The findings of the rules whose checks read claims (``claims``), or of those that read documents only."""
    documents = {document.path: document for document in corpus.documents}
    by_path: dict[str, tuple[Claim, ...]] = {}
    for path, run in itertools.groupby(corpus.claims, key=_claim_path):  # a document's claims are together
        chunk = tuple(run)
        by_path[path] = by_path[path] + chunk if path in by_path else chunk
    memo = CheckMemo(corpus.cache) if corpus.cache is not None else None
    if index is None:
        index = build_index(corpus.claims, corpus.knowledge) if claims else ClaimIndex(groups={}, by_id={})
    context = CheckContext(
        documents=documents,
        claims=corpus.claims,
        claims_by_path=by_path,
        index=index,
        knowledge=corpus.knowledge,
        translations=config.translations,
        memo=memo,
        focus=frozenset(focus) if focus is not None else None,
    )
    local = _focus_context(context, focus) if focus is not None else context
    found: RuleFindings = {}
    for position, rule in enumerate(corpus.ruleset.rules):
        check = CHECKS.get(rule.check)
        if check is None or reads_claims(check) != claims:  # validation rejects unknown checks: a defensive skip
            continue
        if getattr(check, "SCOPE", "corpus") == "document":
            found[position] = _document_scoped(check, rule, local, memo)
        else:
            found[position] = list(check.check(rule, context))
    return found


def document_findings(corpus: Corpus, config: Config, focus: Collection[str] | None = None) -> RuleFindings:
    """The findings of the rules that read documents only (no claims are needed, or read: ``corpus.claims`` may
    still be deferred). A run computes them while the edited documents are being extracted elsewhere."""
    return _check_rules(corpus, config, focus, None, claims=False)


def run_checks(
    corpus: Corpus,
    config: Config,
    focus: Collection[str] | None = None,
    index: ClaimIndex | None = None,
    done: RuleFindings | None = None,
) -> list[Finding]:
    """Every rule's findings, fingerprinted.

    With ``focus`` (a --focus run), check types that declare ``SCOPE = "document"`` -- their
    findings in a document depend on that document alone -- see only the focus documents:
    the others' findings would be dropped anyway. Corpus-scoped checks see everything.
    ``done``: :func:`document_findings` computed earlier for this corpus (else they are computed here).
    """
    found = _check_rules(corpus, config, focus, index, claims=True)
    found.update(done if done is not None else document_findings(corpus, config, focus))
    findings = [finding for position in sorted(found) for finding in found[position]]
    if focus is not None:  # only these are reported: fingerprint no others (see in_focus)
        findings = [finding for finding in findings if in_focus(finding, focus)]
    findings.sort(key=Finding.sort_key)
    documents = {document.path: document for document in corpus.documents}
    return with_fingerprints(findings, documents)


def in_focus(finding: Finding, focus: Collection[str]) -> bool:
    """Whether :func:`focus_findings` keeps ``finding``: its location or a related one is in a focus file.

    A --focus run fingerprints and suppresses only these findings. Neither depends on the others: a
    fingerprint's occurrence number counts findings with the same rule, path, text, line and related
    locations (all of them touch the focus files, or none does), and suppression looks at each finding's
    own location (an unused-suppression finding in a focus file counts only findings located there).
    """
    return finding.location.path in focus or any(related.location.path in focus for related in finding.related)


def focus_findings(findings: Iterable[Finding], focus: set[str]) -> list[Finding]:
    """The findings that touch a focus file, each shown from the focus side.

    A finding whose primary location is elsewhere but whose related location is in
    a focus file is turned around: the focus side becomes primary (the edited file
    is where the writer looks), the other side becomes related, and the message
    says where it was stated from.  Fingerprints are kept, so baselines still match.
    """
    result: list[Finding] = []
    for finding in findings:
        if finding.location.path in focus:
            result.append(finding)
            continue
        turn = next((related for related in finding.related if related.location.path in focus), None)
        if turn is None:
            continue
        old = finding.location
        related = tuple(RelatedLocation(old, "raised here") if item is turn else item for item in finding.related)
        message = f"{old.path}:{old.line}: {finding.message}"
        result.append(dataclasses.replace(finding, location=turn.location, related=related, message=message))
    result.sort(key=Finding.sort_key)
    return result


#: Bump when what a run memo holds changes meaning.
RUN_MEMO_VERSION = 3


def run_digest(corpus: Corpus, config: Config) -> str:
    """A hash of everything a full run's findings depend on: the code (checks, extraction, tool version),
    the rules, the packs' knowledge, the config's translations and every document (what the checks and
    extraction read of it; see ``factcheck.cache.document_digest``)."""
    digest = hashlib.sha256()
    parts = [
        f"run-{RUN_MEMO_VERSION}",
        __version__,
        checks_digest(),
        extractor_digest(),
        repr(corpus.knowledge),
        repr(config.translations),
        *(rule_digest(rule) for rule in corpus.ruleset.rules),
        *map(document_digest if corpus.cache is None else corpus.cache.document_digest, corpus.documents),
    ]
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


#: The cache key of the run memo: one slot, the last full run (a new corpus replaces it, so memos never pile up).
_RUN_MEMO_KEY = hashlib.sha256(b"factcheck last full run").hexdigest()


@dataclass(frozen=True, slots=True)
class _Recalled:
    findings: list[Finding]
    suppressed: int
    #: Each document's number of claims, by path.
    counts: dict[str, int]


def _recalled_findings(cache: ClaimCache, digest: str, documents: Sequence[Document]) -> _Recalled | None:
    """What the last full run found (after suppression), if it had ``digest``."""
    stored = cache.get_memo(_RUN_MEMO_KEY)
    if not isinstance(stored, dict) or stored.get("digest") != digest:
        return None
    try:
        suppressed = stored["suppressed"]
        items = stored["findings"]
        counts = stored["claims"]
        if type(suppressed) is not int or not isinstance(items, list) or not isinstance(counts, list):
            raise DamagedEntry("malformed run memo")
        if len(counts) != len(documents) or not all(type(count) is int for count in counts):
            raise DamagedEntry("malformed run memo")
        # Findings share locations (a figure's first claim is the other side of many): each is made once.
        locations = [Location(*where) for where in stored["locations"]]
        severities = {severity.value: severity for severity in Severity}
        notes: dict[tuple[int, str], RelatedLocation] = {}
        findings = []
        for rule, category, severity, message, location, related, claims, fingerprint in items:
            if not all(isinstance(value, str) for value in (rule, category, message, fingerprint)):
                raise DamagedEntry("malformed run memo")
            others = []
            for where, note in related:
                other = notes.get((where, note))
                if other is None:
                    other = notes[where, note] = RelatedLocation(locations[where], str(note))
                others.append(other)
            findings.append(
                Finding(
                    rule,
                    category,
                    severities[severity],
                    message,
                    locations[location],
                    tuple(others),
                    tuple(claims),
                    fingerprint,
                )
            )
    except (DamagedEntry, KeyError, TypeError, ValueError):  # the memo is checksummed: this is another layout
        return None
    by_path = {document.path: count for document, count in zip(documents, counts, strict=True)}
    return _Recalled(findings, suppressed, by_path)


def _remember_findings(
    cache: ClaimCache, digest: str, findings: Sequence[Finding], suppressed: int, corpus: Corpus
) -> None:
    numbers: dict[Location, int] = {}

    def number(location: Location) -> int:
        return numbers.setdefault(location, len(numbers))

    items = [
        [
            finding.rule,
            finding.category,
            finding.severity.value,
            finding.message,
            number(finding.location),
            [[number(related.location), related.note] for related in finding.related],
            list(finding.claims),
            finding.fingerprint,
        ]
        for finding in findings
    ]
    by_path = claim_counts(corpus.claims)
    counts = [by_path.get(document.path, 0) for document in corpus.documents]
    memo = {
        "digest": digest,
        "suppressed": suppressed,
        "claims": counts,
        "locations": [location_to_json(location) for location in numbers],
        "findings": items,
    }
    cache.put_memo(_RUN_MEMO_KEY, memo)


def _keep_entries(cache: ClaimCache, documents: Sequence[Document], knowledge: Knowledge) -> None:
    """Prune the cache (when due) without the claim entries of ``documents``, which this run did not read."""
    if not cache.prune_due():
        return
    digest = knowledge.extraction_digest()
    cache.touch([cache.entry_key(document, digest) for document in documents])
    cache.prune()


#: The cache key of the JSON text of the last full run's findings (one slot, like the run memo).
_RUN_TEXT_KEY = hashlib.sha256(b"factcheck last full run, findings as JSON").hexdigest()


class FindingsText:
    """The JSON report's findings list for ``findings`` (``json_format.findings_text``), kept in the cache
    beside the run memo: a warm full run writes its JSON report without encoding 15,000 findings again.

    Stored with the run digest and a hash of the findings' fingerprints, and used only when both match;
    computed (and stored) on first read otherwise.
    """

    def __init__(self, cache: ClaimCache, digest: str, findings: tuple[Finding, ...]) -> None:
        self.findings = findings
        self._cache = cache
        fingerprints = hashlib.sha256("\n".join(finding.fingerprint for finding in findings).encode())
        self._stamp = f"{digest} {len(findings)} {fingerprints.hexdigest()}\n".encode()
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            body = self._cache.get_blob(_RUN_TEXT_KEY)
            if body is not None and body[: len(self._stamp)] == self._stamp:
                with contextlib.suppress(UnicodeDecodeError):
                    self._text = str(body[len(self._stamp) :], "utf-8", "surrogatepass")
            if self._text is None:
                from factcheck.report.json_format import findings_text

                self._text = findings_text(self.findings)
                self._cache.put_blob(_RUN_TEXT_KEY, self._stamp + self._text.encode("utf-8", "surrogatepass"))
        return self._text


class ClaimKeys(Mapping[str, Any]):
    """``Report.metadata``: ``claim_keys`` (each indexed claim's aligned key, for the HTML timelines),
    computed from the index when first read -- a run whose findings come from the run memo builds
    no index unless a report asks for it -- and, for a full run with the run memo, ``findings_text``
    (a :class:`FindingsText`, for the JSON report)."""

    def __init__(
        self,
        claims: Sequence[Claim],
        knowledge: Knowledge,
        index: ClaimIndex | None = None,
        findings_text: FindingsText | None = None,
    ) -> None:
        self._claims = claims
        self._knowledge = knowledge
        self._index = index  # the run's index, if it built one: read only if a report asks for the keys
        self._keys: dict[str, tuple[str | None, ...]] | None = None
        self._findings_text = findings_text

    @staticmethod
    def _of(index: ClaimIndex) -> dict[str, tuple[str | None, ...]]:
        return {claim.id: tuple(key) for key, group in index.groups.items() for claim in group}

    def _claim_keys(self) -> dict[str, tuple[str | None, ...]]:
        if self._keys is None:
            index = self._index if self._index is not None else build_index(self._claims, self._knowledge)
            self._keys = self._of(index)
        return self._keys

    def __getitem__(self, name: str) -> Any:
        if name == "findings_text" and self._findings_text is not None:
            return self._findings_text
        if name != "claim_keys":
            raise KeyError(name)
        return self._claim_keys()

    def __iter__(self) -> Iterator[str]:
        return iter(("claim_keys",) if self._findings_text is None else ("claim_keys", "findings_text"))

    def __len__(self) -> int:
        return 1 if self._findings_text is None else 2


def run_check(config: Config, options: RunOptions) -> Report:
    baseline = load_baseline(options.baseline) if options.baseline is not None else None
    focus = {display_path(path) for path in options.focus} if options.focus else None
    corpus = collect(config, options, defer_claims=True)
    # A full run over a corpus, rules and code the last full run saw reuses its findings (the run memo),
    # and then reads no claims unless a report lists them.
    digest = run_digest(corpus, config) if corpus.cache is not None and focus is None else None
    with bulk():
        recalled = (
            _recalled_findings(corpus.cache, digest, corpus.documents) if corpus.cache is not None and digest else None
        )
    claims: Sequence[Claim] = corpus.claims
    deferred = corpus.deferred
    done: RuleFindings | None = None
    if deferred is not None:
        if recalled is None:
            # The rules that read documents only run first: edited files are meanwhile being extracted in a
            # second process (started before the corpus was loaded in a focus run), which deferred() waits for.
            if corpus.prefetch is not None:
                corpus.prefetch()
            with bulk():
                done = document_findings(corpus, config, focus)
            corpus = dataclasses.replace(corpus, claims=deferred(), deferred=None)
            claims = corpus.claims
        else:
            claims = DeferredClaims(recalled.counts, deferred)
            if corpus.cache is not None:
                _keep_entries(corpus.cache, corpus.documents, corpus.knowledge)
    index: ClaimIndex | None = None
    memoised = recalled is not None  # the findings are the run memo's
    with bulk():
        if recalled is not None:
            findings, suppressed = recalled.findings, recalled.suppressed
        else:
            index = build_index(corpus.claims, corpus.knowledge)
            checked = run_checks(corpus, config, focus, index, done)
            documents: Sequence[Document] = corpus.documents
            if focus is not None:  # the directives that can matter: in the focus files and where findings are
                wanted = focus | {finding.location.path for finding in checked}
                documents = [document for document in corpus.documents if document.path in wanted]
            kept = apply_suppressions(checked, documents, corpus.ruleset.rules)
            findings, suppressed = list(kept.findings), kept.suppressed
            if corpus.cache is not None and digest is not None and not corpus.cache.stats.incomplete:
                _remember_findings(corpus.cache, digest, findings, suppressed, corpus)
                memoised = True
    if focus is not None:
        findings = focus_findings(findings, focus)
    baselined = 0
    if baseline is not None:
        findings, baselined = apply_baseline(findings, baseline)
    final = tuple(findings)
    text = None
    if memoised and corpus.cache is not None and digest is not None and focus is None and baseline is None:
        text = FindingsText(corpus.cache, digest, final)
    return Report(
        documents=corpus.documents,
        claims=claims,
        findings=final,
        baselined=baselined,
        rules=tuple(rule.info() for rule in corpus.ruleset.rules),
        problems=corpus.problems,
        fail_on=options.fail_on or config.fail_on,
        suppressed=suppressed,
        tool_version=__version__,
        # Each indexed claim's aligned (entity, metric, kind, dimension): the HTML timelines follow the index.
        metadata=ClaimKeys(claims, corpus.knowledge, index, text),
    )


def run_claims(config: Config, options: RunOptions) -> Report:
    corpus = collect(config, options)
    return Report(
        documents=corpus.documents,
        claims=corpus.claims,
        findings=(),
        problems=corpus.problems,
        tool_version=__version__,
    )
