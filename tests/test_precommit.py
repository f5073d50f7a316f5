"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit framework in a temporary git repository.

pre-commit installs this package (HEAD plus uncommitted and untracked changes, snapshotted into a
commit of its own) into a virtualenv from the package index; that takes a minute the first time.
The snapshot's commit is deterministic, and PRE_COMMIT_HOME is kept in the system's temporary
folder, one per checkout (``FACTCHECK_TEST_PRE_COMMIT_HOME`` overrides it), so later sessions with
unchanged code reuse the environment.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL_TIMEOUT = 1800
#: The environment of git and of the hooks: no PYTHONPATH, so the hook runs the installed package.
_GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "factcheck tests",
    "GIT_AUTHOR_EMAIL": "tests@factcheck.invalid",
    "GIT_COMMITTER_NAME": "factcheck tests",
    "GIT_COMMITTER_EMAIL": "tests@factcheck.invalid",
    "GIT_AUTHOR_DATE": "2000-01-01T00:00:00+00:00",
    "GIT_COMMITTER_DATE": "2000-01-01T00:00:00+00:00",
}


def _environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(_GIT_IDENTITY)
    env["PRE_COMMIT_HOME"] = str(home)
    env["PRE_COMMIT_COLOR"] = "never"
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def _snapshot(base: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A git repository holding this working tree as one commit (what `pre-commit try-repo` would use)."""
    listed = _git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    files = sorted(name for name in listed if name and (ROOT / name).is_file())
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes() + b"\0")
    target = base / "snapshots" / digest.hexdigest()[:16]
    if not (target / ".git").is_dir():
        staging = Path(tempfile.mkdtemp(prefix="snapshot-", dir=base))
        for name in files:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, staging / name)
        _git(staging, env, "init", "-q")
        _git(staging, env, "add", "-A")
        _git(staging, env, "commit", "-q", "-m", "factcheck snapshot for the pre-commit tests")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            staging.rename(target)
        except OSError:  # another session made it first
            shutil.rmtree(staging, ignore_errors=True)
    return target, _git(target, env, "rev-parse", "HEAD").strip()


@dataclass(frozen=True)
class HookRepo:
    """A temporary git repository whose .pre-commit-config.yaml uses this package's hooks."""

    path: Path
    env: dict[str, str]

    def write(self, name: str, text: str) -> None:
        (self.path / name).parent.mkdir(parents=True, exist_ok=True)
        (self.path / name).write_text(text, "utf-8")

    def git(self, *args: str) -> str:
        return _git(self.path, self.env, *args)

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )


@pytest.fixture(scope="session")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, Path]]:
    if shutil.which("git") is None:
        pytest.fail("git is needed to test the pre-commit hooks")
    configured = os.environ.get("FACTCHECK_TEST_PRE_COMMIT_HOME")
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]  # one per checkout: sessions may run at once
    base = Path(configured) if configured else Path(tempfile.gettempdir()) / f"factcheck-tests-pre-commit-{checkout}"
    base.mkdir(parents=True, exist_ok=True)
    home = base / "home"
    env = _environment(home)
    repo, rev = _snapshot(base, env)
    os.utime(repo)
    # Each code change makes a new snapshot and environment (~350 MB): drop those unused for a day.
    for old in (base / "snapshots").iterdir():
        if old != repo and time.time() - old.stat().st_mtime > 86400:
            shutil.rmtree(old, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pre_commit", "gc"], env=env, capture_output=True, timeout=300)
    yield repo, rev, home


CONFIG = """\
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: factcheck
      - id: factcheck-all
"""


@pytest.fixture
def project(hook_source: tuple[Path, str, Path], tmp_path: Path) -> HookRepo:
    repo, rev, home = hook_source
    project = HookRepo(tmp_path / "project", _environment(home))
    project.path.mkdir()
    project.git("init", "-q")
    project.write(".pre-commit-config.yaml", CONFIG.format(repo=repo.as_posix(), rev=rev))
    project.write("factcheck.yaml", "paths: [docs/]\nexclude: [README.md]\n")
    project.write("docs/2023.txt", "Northbridge, 3 March 2023 - Northbridge Park is home to 120 companies.\n")
    project.write("README.md", "How we write releases.\n")
    project.git("add", "-A")
    project.git("commit", "-q", "-m", "corpus")
    return project


def test_hook_passes_a_clean_staged_document_and_the_commit_goes_through(project: HookRepo) -> None:
    installed = project.pre_commit("install")
    assert installed.returncode == 0, installed.stderr
    project.write("docs/2024.txt", "Northbridge, 4 March 2024 - The park now hosts 130 companies.\n")
    project.git("add", "docs/2024.txt")
    commit = subprocess.run(
        ["git", "commit", "-m", "2024 release"], cwd=project.path, env=project.env, capture_output=True, text=True
    )
    output = commit.stdout + commit.stderr
    assert commit.returncode == 0, output
    assert "factcheck (staged documents against the corpus)" in output and "Passed" in output
    assert "factcheck (whole corpus, rules or config changed)" in output  # listed, skipped: no config staged
    assert project.git("log", "--format=%s", "-1").strip() == "2024 release"


def test_hook_blocks_a_staged_document_that_contradicts_an_unchanged_one(project: HookRepo) -> None:
    """The conflict is reported at the staged side, with the unchanged document as the related location."""
    installed = project.pre_commit("install")
    assert installed.returncode == 0, installed.stderr
    project.write("docs/0-update.txt", "Northbridge, 3 March 2023 - Northbridge Park is home to 150 companies.\n")
    project.git("add", "docs/0-update.txt")
    commit = subprocess.run(
        ["git", "commit", "-m", "update"], cwd=project.path, env=project.env, capture_output=True, text=True
    )
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, output
    assert "factcheck (staged documents against the corpus)" in output and "Failed" in output
    assert "- exit code: 1" in output
    reported = [line for line in output.splitlines() if "[figure-conflict]" in line]
    assert reported and all(line.startswith("docs/0-update.txt:1:") for line in reported), output
    assert "see docs/2023.txt:1:" in output
    assert project.git("log", "--format=%s", "-1").strip() == "corpus"  # the commit did not happen
    # The same figure as the corpus passes.
    project.write("docs/0-update.txt", "Northbridge, 3 March 2023 - Northbridge Park is home to 120 companies.\n")
    project.git("add", "docs/0-update.txt")
    result = project.pre_commit("run", "factcheck")
    assert result.returncode == 0, result.stdout


def test_hook_skips_commits_without_documents(project: HookRepo) -> None:
    project.write("tools/build.py", "print('no documents here')\n")
    project.git("add", "tools/build.py")
    result = project.pre_commit("run")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("factcheck")]
    assert len(lines) == 2 and all(line.endswith("Skipped") for line in lines)


def test_excluded_document_is_passed_but_not_checked(project: HookRepo) -> None:
    project.write("README.md", "How we write releases: 3 drafts.\n")
    project.git("add", "README.md")
    result = project.pre_commit("run", "factcheck")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_config_change_runs_the_whole_corpus_and_a_broken_config_fails_with_file_and_line(project: HookRepo) -> None:
    project.write("factcheck.yaml", "paths: [docs/]\nexclude: [README.md]\nfail_onn: warning\n")
    project.git("add", "factcheck.yaml")
    result = project.pre_commit("run")
    assert result.returncode == 1
    assert "factcheck (whole corpus, rules or config changed)" in result.stdout
    assert "- exit code: 2" in result.stdout
    assert "factcheck.yaml:3: unknown setting 'fail_onn' (did you mean 'fail_on'?)" in result.stdout
    project.write("factcheck.yaml", "paths: [docs/]\nexclude: [README.md]\nfail_on: warning\n")
    project.git("add", "factcheck.yaml")
    fixed = project.pre_commit("run")
    assert fixed.returncode == 0, fixed.stdout
    assert "1 document" in fixed.stdout or "Passed" in fixed.stdout


def _yaml_blocks(markdown: str) -> list[object]:
    import yaml

    blocks = markdown.split("```yaml\n")[1:]
    return [yaml.safe_load(block.split("```", 1)[0]) for block in blocks]


def test_documented_local_hooks_match_the_shipped_hooks() -> None:
    """docs/ci.md's `repo: local` configuration runs what .pre-commit-hooks.yaml runs."""
    import yaml

    shipped = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    configs = [block for block in _yaml_blocks((ROOT / "docs" / "ci.md").read_text("utf-8")) if isinstance(block, dict)]
    [local] = [repo for config in configs for repo in config.get("repos", []) if repo["repo"] == "local"]
    documented = {hook["id"]: hook for hook in local["hooks"]}
    assert documented.keys() == shipped.keys() == {"factcheck", "factcheck-all"}
    for name, hook in shipped.items():
        for key in ("entry", "files", "types_or", "pass_filenames", "require_serial"):
            assert documented[name].get(key) == hook.get(key), (name, key)
