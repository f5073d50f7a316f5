"""The forked extractor process (factcheck.worker) and the entry point that starts it (factcheck.launch)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck import engine, launch, worker
from factcheck.config import Config, load_config
from factcheck.engine import RunOptions, collect, run_check
from factcheck.extract import extract_document
from factcheck.knowledge import Knowledge
from factcheck.load import document_from_text
from factcheck.model import Document
from factcheck.report import json_format

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

pytestmark = pytest.mark.skipif(not worker.available(), reason="the forked extractor needs Linux and two cores")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_claims_from_the_process_equal_claims_extracted_here() -> None:
    config = load_config(REPO / "factcheck.yaml")
    corpus = collect(config, RunOptions(use_cache=False))
    documents = list(corpus.documents[:2])
    # A document far larger than a pipe holds (64 KB), both ways: the task and the claims.
    big = document_from_text("Over 2,000 companies, up from 1,500 in 2023. " * 2_000, "big.txt", "text")
    process = worker.ExtractorProcess()
    assert process.submit([*documents, big], corpus.knowledge)
    claims = process.result()
    assert claims is not None
    assert claims == [extract_document(document, corpus.knowledge) for document in [*documents, big]]
    assert len(claims[-1]) == 6_000  # two figures and a date in each of 2,000 sentences (90 KB)
    assert _gone(process.pid)


def test_a_process_closed_before_it_gets_work_is_stopped_at_once() -> None:
    process = worker.ExtractorProcess()
    started = time.perf_counter()
    process.close()
    assert time.perf_counter() - started < 1.0  # killed, not waited for (importing spaCy takes longer)
    assert _gone(process.pid)
    process.close()  # twice is harmless
    assert process.result() is None
    assert not process.submit([], _knowledge())  # a stopped process takes no work


def _knowledge() -> Knowledge:
    return collect(load_config(REPO / "factcheck.yaml"), RunOptions(use_cache=False)).knowledge


def test_a_process_that_dies_gives_no_claims() -> None:
    process = worker.ExtractorProcess()
    os.kill(process.pid, signal.SIGKILL)
    os.waitpid(process.pid, 0)
    document = document_from_text("It hosts over 2,000 companies.\n", "a.txt", "text")
    process.submit([document], _knowledge())  # may or may not fail: the pipe's reader is gone
    assert process.result() is None


def test_a_process_that_sends_garbage_gives_no_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    def truncated(tasks: int, results: int) -> None:
        worker._read_all(tasks)
        os.write(results, b"\x80\x05\x95")  # the start of a pickle, then the process ends

    monkeypatch.setattr(worker, "_serve", truncated)  # the forked child runs the patched function
    process = worker.ExtractorProcess()
    document = document_from_text("It hosts over 2,000 companies.\n", "a.txt", "text")
    assert process.submit([document], _knowledge())
    assert process.result() is None
    assert _gone(process.pid)


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["check", "--focus", "a.txt"], True),
        (["check", "--format", "json", "--focus=a.txt"], True),
        (["--config", "x.yaml", "check", "--focus", "a.txt"], False),  # a guess: the config's value is a word
        (["check", "a.txt"], False),
        (["claims", "--focus", "a.txt"], False),
        (["check", "--focus", "a.txt", "--no-cache"], False),
        (["check", "--focus", "a.txt", "--engine", "dask"], False),
        (["check", "--engine=local", "--focus", "a.txt"], False),
        ([], False),
    ],
)
def test_only_a_cached_local_focus_check_starts_the_process(argv: list[str], wanted: bool) -> None:
    assert launch.wants_extractor(argv) is wanted


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copytree(REPO / "rules", root / "rules")
    shutil.copy(REPO / "factcheck.yaml", root / "factcheck.yaml")
    return root


def _cached_then_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: str) -> tuple[Config, Path, Path]:
    """The seeds project with every claim cached, then seed ``seed`` given a new sentence (cwd: the project)."""
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    config = load_config(root / "factcheck.yaml")
    cache = tmp_path / "cache"
    run_check(config, RunOptions(cache_dir=cache, fail_on="never"))
    edited = next(Path("seeds").glob(f"{seed}_*.txt"))
    edited.write_text(edited.read_text("utf-8") + "\nIn 2023 the park hosted over 9,876 companies.\n", "utf-8")
    return config, cache, edited


def test_a_focus_run_hands_the_edited_file_to_the_started_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, cache, edited = _cached_then_edited(tmp_path, monkeypatch, "001")
    submitted: list[list[str]] = []
    real_submit = worker.ExtractorProcess.submit

    def spy(self: worker.ExtractorProcess, documents: list[object], knowledge: object) -> bool:
        submitted.append([document.path for document in documents])  # type: ignore[attr-defined]
        return real_submit(self, documents, knowledge)  # type: ignore[arg-type]

    monkeypatch.setattr(worker.ExtractorProcess, "submit", spy)
    process = worker.ExtractorProcess()
    options = RunOptions(cache_dir=cache, fail_on="never", focus=(edited,), extractor=process)
    report = run_check(config, options)
    assert submitted == [[edited.as_posix()]]  # the small corpus (5 documents) does not matter: it was started
    assert _gone(process.pid)
    expected = run_check(config, RunOptions(use_cache=False, fail_on="never", focus=(edited,)))
    assert json_format.render(report) == json_format.render(expected)
    assert any("9,876" in claim.location.text for claim in report.claims)
    # Now cached: the next run stops the process without giving it work.
    again = worker.ExtractorProcess()
    report = run_check(config, RunOptions(cache_dir=cache, fail_on="never", focus=(edited,), extractor=again))
    assert submitted == [[edited.as_posix()]] and _gone(again.pid)
    assert json_format.render(report) == json_format.render(expected)


def test_the_rules_that_read_documents_only_find_the_same_without_claims() -> None:
    config = load_config(REPO / "factcheck.yaml")
    corpus = collect(config, RunOptions(use_cache=False))
    without = engine.document_findings(
        engine.Corpus(corpus.documents, (), (), corpus.ruleset, corpus.knowledge), config
    )
    assert without == engine.document_findings(corpus, config)
    assert sum(len(found) for found in without.values()) >= 10  # the seeds' blank figures, OCR damage, name variant
    assert engine.run_checks(corpus, config, done=without) == engine.run_checks(corpus, config)


def test_the_command_starts_the_process_and_leaves_no_child_behind(tmp_path: Path) -> None:
    root = _project(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "factcheck", "check", "--format", "json", "--fail-on", "never"]
    subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)  # fills the cache
    edited = next((root / "seeds").glob("003_*.txt"))
    edited.write_text(edited.read_text("utf-8") + "\nIt has 4,321 start-ups.\n", "utf-8")
    focus = [*command, "--focus", f"seeds/{edited.name}"]
    warm = subprocess.run(focus, cwd=root, env=env, check=True, capture_output=True, text=True)
    cold = subprocess.run([*focus, "--no-cache"], cwd=root, env=env, check=True, capture_output=True, text=True)
    assert warm.stdout == cold.stdout
    assert "4,321" in (root / "seeds" / edited.name).read_text("utf-8")  # documents are never modified


def test_the_program_flushes_its_output_and_survives_a_closed_pipe(tmp_path: Path) -> None:
    root = _project(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "factcheck", "check", "--format", "json", "--no-cache"]
    whole = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert whole.returncode == 1 and whole.stdout.rstrip().endswith("}")  # all of it, though the heap is not torn down
    assert len(whole.stdout) > 10_000
    shell = f"{' '.join(command)} | head -c 100"
    cut = subprocess.run(["sh", "-c", shell], cwd=root, env=env, capture_output=True, text=True)
    assert len(cut.stdout) == 100 and "Traceback" not in cut.stderr


def test_a_full_run_after_an_edit_extracts_it_aside_while_the_document_rules_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, cache, edited = _cached_then_edited(tmp_path, monkeypatch, "002")
    monkeypatch.setattr(engine, "_ASIDE_MIN_CACHED", 1)  # five documents: extract aside all the same
    events: list[str] = []
    real_aside, real_document_findings = engine._extract_aside, engine.document_findings

    def aside(documents: list[Document], *args: object) -> object:
        events.append("aside " + ",".join(document.path for document in documents))
        return real_aside(documents, *args)  # type: ignore[arg-type]

    def document_rules(*args: object) -> object:
        events.append("document rules")
        return real_document_findings(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_extract_aside", aside)
    monkeypatch.setattr(engine, "document_findings", document_rules)
    report = run_check(config, RunOptions(cache_dir=cache, fail_on="never"))
    assert events == [f"aside {edited.as_posix()}", "document rules"]
    expected = run_check(config, RunOptions(use_cache=False, fail_on="never"))
    assert json_format.render(report) == json_format.render(expected)
    events.clear()
    run_check(config, RunOptions(cache_dir=cache, fail_on="never"))  # a run memo hit: neither
    assert events == []
