"""Composes the stages: load -> extract -> index -> check -> report."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck import __version__
from factcheck.checks import CHECKS
from factcheck.checks.base import CheckContext
from factcheck.config import Config
from factcheck.extract import extract_document
from factcheck.fingerprint import with_fingerprints
from factcheck.index import build_index
from factcheck.knowledge import Knowledge
from factcheck.load import discover, display_path, load_documents
from factcheck.model import Claim, Document, Finding, Problem, Report
from factcheck.rules import RuleSet, load_ruleset


class NoDocuments(Exception):
    """Nothing readable to check (exit code 2); ``problems`` says what was skipped and why."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class RunOptions:
    paths: tuple[Path, ...] = ()
    rules: tuple[Path, ...] = ()
    fail_on: str | None = None
    focus: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    problems: tuple[Problem, ...]
    ruleset: RuleSet
    knowledge: Knowledge


def load_rules(config: Config, options: RunOptions) -> RuleSet:
    return load_ruleset((*config.rules, *options.rules))


def _knowledge(ruleset: RuleSet, config: Config) -> Knowledge:
    return dataclasses.replace(
        ruleset.knowledge,
        default_currency=config.default_currency or ruleset.knowledge.default_currency,
        about_tolerance=config.about_tolerance,
    )


def extract_all(documents: Sequence[Document], knowledge: Knowledge) -> tuple[Claim, ...]:
    claims: list[Claim] = []
    for document in documents:
        claims.extend(extract_document(document, knowledge))
    return tuple(claims)


def collect(config: Config, options: RunOptions) -> Corpus:
    """Load rules and documents and extract claims; raises NoDocuments if nothing is readable."""
    ruleset = load_rules(config, options)
    knowledge = _knowledge(ruleset, config)
    roots = options.paths or config.paths or (Path.cwd(),)
    files, problems = discover(roots, config.include, config.exclude)
    loaded = load_documents(files, dict(config.documents))
    problems = [*problems, *loaded.problems]
    if not loaded.documents:
        raise NoDocuments("no readable document found in " + ", ".join(display_path(root) for root in roots), problems)
    claims = extract_all(loaded.documents, knowledge)
    return Corpus(loaded.documents, claims, tuple(problems), ruleset, knowledge)


def run_checks(corpus: Corpus, config: Config) -> list[Finding]:
    documents = {document.path: document for document in corpus.documents}
    by_path: dict[str, list[Claim]] = {}
    for claim in corpus.claims:
        by_path.setdefault(claim.path, []).append(claim)
    context = CheckContext(
        documents=documents,
        claims=corpus.claims,
        claims_by_path={path: tuple(claims) for path, claims in by_path.items()},
        index=build_index(corpus.claims, corpus.knowledge),
        knowledge=corpus.knowledge,
        translations=config.translations,
    )
    findings: list[Finding] = []
    for rule in corpus.ruleset.rules:
        check = CHECKS.get(rule.check)
        if check is None:  # validation rejects these; a defensive skip keeps a run going
            continue
        findings.extend(check.check(rule, context))
    findings.sort(key=Finding.sort_key)
    return with_fingerprints(findings, documents)


def run_check(config: Config, options: RunOptions) -> Report:
    corpus = collect(config, options)
    findings = run_checks(corpus, config)
    if options.focus:
        focus = {display_path(path) for path in options.focus}
        findings = [finding for finding in findings if finding.location.path in focus]
    return Report(
        documents=corpus.documents,
        claims=corpus.claims,
        findings=tuple(findings),
        rules=tuple(rule.info() for rule in corpus.ruleset.rules),
        problems=corpus.problems,
        fail_on=options.fail_on or config.fail_on,
        tool_version=__version__,
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
