"""The Dask engine gives exactly the local engine's results (issue 10).

One LocalCluster (2 worker processes) is started for the module; the CLI is
pointed at it with ``--scheduler``.  A second test lets the CLI start its own
local cluster.  Cluster start-up dominates (a few seconds), so the corpus is small.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.config import Config
from factcheck.distributed import Extracted, Task, assemble, batches, shared_filesystem
from factcheck.engine import Corpus, RunOptions, collect
from factcheck.load import document_from_text
from factcheck.model import Problem

if os.environ.get("CI") == "true":  # CI installs the dask extra (make test): a skip there would hide a failure
    import distributed
else:
    distributed = pytest.importorskip("distributed")

CORPUS = {
    "press/2021-02-24.txt": (
        "HONG KONG, 24 February 2021 - Hong Kong Science Park is home to around 900 R&D companies.\n"
        "The park, established in 2001, celebrates its 20th anniversary this year.\n"
        "Over 13,000 people work at the park, and funding reached HK$350 million.\n"
    ),
    "press/2022-07-11.txt": (
        "HONG KONG, July 11, 2022 /PRNewswire/ - Hong Kong Science Park now hosts over 1,100 companies.\n"
        "A total of 22 hectares of land is set aside, of which 40% is for laboratories.\n"
    ),
    "press/2023-05-02.md": (
        "---\ndate: 2023-05-02\n---\n# Annual review\n\n"
        "Science Park has **more than 1,200 companies** and [a new site](https://example.org/2024).\n\n"
        "```\nnot prose: 999 companies\n```\n\n"
        "- 1. The park marked its 22nd anniversary.\n"
    ),
    "press/2023-09-30.html": (
        "<html><body><p>Published 30 September 2023</p>"
        "<p>The corporation&#39;s 2,000 members raised US$5.6 billion in 2023.</p>"
        "<script>var x = 12345;</script></body></html>\n"
    ),
    "zh/2021-02-24.txt": "2021年2月24日\n香港科學園有約900家科技公司，成立於2001年，今年慶祝二十周年。\n",
    "zh/2022-07-11.txt": "2022年7月11日\n科學園現有超過1,100家公司，佔地22公頃。\n",
    "mixed/bilingual.txt": (
        "17 September 2025\nThe park has 1,300 companies.\n香港科學園有1,300家公司。\nRevenue rose 12.5% to HK$1.2 billion.\n"
    ),
}
for _number in range(12):  # enough documents that every worker gets several batches
    CORPUS[f"bulk/{_number:03d}.txt"] = (
        f"{_number + 1} March 2024\nThe programme admitted {100 + _number} start-ups and "
        f"{_number * 7 + 3}% of them were in fintech, with HK${_number + 1}.{_number} million in grants.\n"
    )
BAD = {
    "bad/latin1.txt": "Caf\xe9 2,000 r\xe9sum\xe9s".encode("latin-1"),
    "bad/binary.txt": b"\x00\x01\x02\x03PNG\x00" * 50,
    "bad/empty.txt": b"",
}


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask-corpus")
    for rel, text in CORPUS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for rel, data in BAD.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_check_json_identical_on_a_two_worker_cluster(
    corpus: Path, cluster: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus)
    local = run(["check", ".", "--format", "json", "--fail-on", "never", "--no-cache"])
    # The driver must neither read nor extract: workers are other processes, so these patches do not reach them.
    monkeypatch.setattr("factcheck.engine.load_documents", _forbidden)
    monkeypatch.setattr("factcheck.engine.extract_all", _forbidden)
    dask = run(
        [
            "check",
            ".",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--no-cache",
            "--engine",
            "dask",
            "--scheduler",
            cluster,
        ]
    )
    assert dask == local  # exit code, the whole JSON report (ordering included) and stderr
    report = json.loads(dask[1])
    paths = [document["path"] for document in report["documents"]]
    assert paths == sorted(paths)
    assert len(paths) == len(CORPUS)
    assert report["summary"]["documents"] == len(CORPUS)
    assert report["summary"]["claims"] >= 3 * len(CORPUS)  # real extraction happened on the workers
    # Unreadable files are named on stderr in file order, once each, by the workers' reasons.
    assert re.findall(r"^factcheck: skipped (\S+): ", dask[2], re.M) == [
        "bad/binary.txt",
        "bad/empty.txt",
        "bad/latin1.txt",
    ]
    assert "not valid UTF-8 (byte 0xe9 at offset 3)" in dask[2]


def test_claims_identical_with_the_config_engine(corpus: Path, cluster: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    config = corpus / "dask.yaml"
    config.write_text(f"engine: dask\nscheduler: {cluster}\npaths: [press, zh, mixed, bulk]\n", encoding="utf-8")
    local = run(["claims", "--config", "dask.yaml", "--engine", "local", "--format", "json", "--no-cache"])
    before = _processed_batches(cluster)
    dask = run(["claims", "--config", "dask.yaml", "--format", "json", "--no-cache"])
    assert dask == local
    assert _processed_batches(cluster) > before  # the work went to the cluster named in the config
    claims = json.loads(dask[1])["claims"]
    assert [claim["id"] for claim in claims] == [claim["id"] for claim in json.loads(local[1])["claims"]]
    for claim in claims:  # positions survive the trip through the workers
        original = (corpus / claim["path"]).read_text(encoding="utf-8")
        assert original[claim["start"] : claim["end"]] == claim["text"]


def test_without_a_scheduler_a_local_cluster_is_started(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    local = run(["claims", "press", "bad", "--format", "jsonl", "--no-cache"])
    dask = run(["claims", "press", "bad", "--format", "jsonl", "--engine", "dask", "--no-cache"])
    assert dask == local
    assert "bad/binary.txt: binary file" in dask[2]


def test_no_readable_document_on_dask_exits_2(corpus: Path, cluster: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    code, out, err = run(["check", "bad", "--scheduler", cluster, "--no-cache"])
    assert code == 2
    assert out == ""
    assert "skipped bad/binary.txt" in err
    assert "no readable document found in bad" in err


def test_missing_dask_exits_2_with_the_install_hint(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    code, out, err = run(["check", "press", "--engine", "dask", "--no-cache"])
    assert code == 2
    assert out == ""
    assert "pip install factcheck[dask]" in err


def test_batches_are_contiguous_and_assembled_in_file_order() -> None:
    tasks = [Task(f"/abs/{number}.txt", f"{number}.txt") for number in range(10)]
    split = batches(tasks, workers=2)
    assert [task for batch in split for task in batch] == tasks
    assert len(split) == 5  # 10 tasks cannot fill 2 workers x 4 batches of equal size; ceil(10/8) = 2 per batch
    assert batches([], workers=2) == []
    first = document_from_text("Sales were 12 units.", "a.txt")
    second = document_from_text("Sales were 13 units.", "c.txt")
    loaded, claims = assemble(
        [
            Extracted("a.txt", first),
            Extracted("b.txt", None, (), Problem("b.txt", "binary file")),
            Extracted("c.txt", second),
        ]
    )
    assert [document.path for document in loaded.documents] == ["a.txt", "c.txt"]
    assert loaded.problems == (Problem("b.txt", "binary file"),)
    assert claims == ()


def _forbidden(*args: object, **kwargs: object) -> object:
    raise AssertionError("the dask engine must not load or extract on the driver")


def _processed_batches(address: str) -> int:
    with distributed.Client(address, set_as_default=False) as client:
        counts: dict[str, int] = client.run_on_scheduler(
            lambda dask_scheduler: {
                name: sum(prefix.state_counts.values()) for name, prefix in dask_scheduler.task_prefixes.items()
            }
        )
    return counts.get("process_batch", 0)


def _collect(corpus: Path, cache_dir: Path, engine: str, scheduler: str | None = None) -> Corpus:
    config = Config(engine=engine, scheduler=scheduler)
    return collect(config, RunOptions(paths=(corpus / "press", corpus / "zh", corpus / "bulk"), cache_dir=cache_dir))


def test_workers_share_the_claim_cache(corpus: Path, cluster: str, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    cold = _collect(corpus, cache_dir, "dask", cluster)
    documents = len(cold.documents)
    assert cold.cache_stats is not None
    assert (cold.cache_stats.hits, cold.cache_stats.misses, cold.cache_stats.written) == (0, documents, documents)
    warm = _collect(corpus, cache_dir, "dask", cluster)
    assert warm.cache_stats is not None
    assert (warm.cache_stats.hits, warm.cache_stats.misses) == (documents, 0)  # the workers read it
    assert warm.claims == cold.claims
    local = _collect(corpus, cache_dir, "local")  # and the local engine reads what the workers wrote
    assert local.cache_stats is not None
    assert local.cache_stats.hits == documents
    assert local.claims == cold.claims
    assert [document.path for document in local.documents] == [document.path for document in cold.documents]


def test_without_a_shared_filesystem_the_driver_writes_the_cache(
    corpus: Path, cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("factcheck.distributed.shared_filesystem", lambda client, folder: False)
    cache_dir = tmp_path / "cache"
    remote = _collect(corpus, cache_dir, "dask", cluster)
    assert remote.cache_stats is not None
    assert remote.cache_stats.written == len(remote.documents)
    local = _collect(corpus, cache_dir, "local")
    assert local.cache_stats is not None
    assert (local.cache_stats.hits, local.cache_stats.misses) == (len(remote.documents), 0)
    assert local.claims == remote.claims


def test_the_probe_sees_a_shared_folder(cluster: str, tmp_path: Path) -> None:
    with distributed.Client(cluster, set_as_default=False) as client:
        assert shared_filesystem(client, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []  # the probe file is removed
