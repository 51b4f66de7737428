"""The CI a data maintainer sets up, run for real: pre-commit itself installs styrgraf
from a git repository holding this checkout's hooks (``.pre-commit-hooks.yaml``) and
runs the hooks of ``docs/ci/pre-commit-config.yaml`` on a data repository, once with
a good file (exit 0) and once with a broken one (the finding annotated with file and
line, the JUnit report written, exit 1). The example workflow may only name hooks that
exist."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from styrgraf import resources

ROOT = Path(resources.__file__).resolve().parents[2]
GIT = ["git", "-c", "user.email=ci@example.org", "-c", "user.name=CI", "-c", "init.defaultBranch=main"]
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (ROOT / ".pre-commit-hooks.yaml").is_file() or shutil.which("git") is None,
                                 reason="needs a styrgraf checkout and git")]


def _git(folder: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=folder, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory) -> tuple[Path, str]:
    """styrgraf as a maintainer's pre-commit fetches it: a git repository with this
    checkout's files (committed or not), and its commit."""
    repo = tmp_path_factory.mktemp("styrgraf-git")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in ("server", "ontology", "data", "queries"):
        shutil.copytree(ROOT / name, repo / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "styrgraf")
    return repo, _git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> dict:
    """pre-commit's cache in a temporary folder (one install for the module's runs)."""
    return {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
            "GIT_AUTHOR_NAME": "CI", "GIT_AUTHOR_EMAIL": "ci@example.org",
            "GIT_COMMITTER_NAME": "CI", "GIT_COMMITTER_EMAIL": "ci@example.org"}


def _data_repository(folder: Path, hook_repository: tuple[Path, str]) -> Path:
    """A data repository: ./data with kommun-c and its sources, and the documented
    .pre-commit-config.yaml pointing at the hook repository."""
    (folder / "data").mkdir(parents=True)
    shutil.copy(resources.data_dir() / "kommun-c.ttl", folder / "data")
    shutil.copytree(resources.data_dir() / "sources", folder / "data" / "sources")
    config = yaml.safe_load((ROOT / "docs" / "ci" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    config["repos"][0]["repo"], config["repos"][0]["rev"] = str(hook_repository[0]), hook_repository[1]
    (folder / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-qm", "data")
    return folder


def _pre_commit(folder: Path, environment: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", *args], cwd=folder,
                          env=environment, capture_output=True, text=True, timeout=900)


def test_the_hooks_pass_on_good_data(tmp_path, hook_repository, environment):
    folder = _data_repository(tmp_path, hook_repository)
    for args in ((), ("--hook-stage", "manual", "styrgraf-validate-github"),
                 ("--hook-stage", "manual", "styrgraf-validate-junit")):
        run = _pre_commit(folder, environment, *args)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Passed" in run.stdout and "::error" not in run.stdout
    report = (folder / "styrgraf-validate.xml").read_text(encoding="utf-8")
    assert 'failures="0"' in report


def test_a_broken_file_fails_with_its_file_and_line(tmp_path, hook_repository, environment):
    folder = _data_repository(tmp_path, hook_repository)
    path = folder / "data" / "kommun-c.ttl"
    text = path.read_text(encoding="utf-8")
    quote = text.split('sg:quote "', 1)[1].split('"', 1)[0]
    path.write_text(text.replace(quote, "En mening som inte står i källan.", 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    quoted = next(n for n, line in enumerate(lines, 1) if "inte står i källan" in line)
    line = max(n for n in range(1, quoted + 1) if lines[n - 1] and not lines[n - 1][0].isspace())

    commit = _pre_commit(folder, environment)
    assert commit.returncode == 1 and "Failed" in commit.stdout
    assert f"data/kommun-c.ttl:{line}: " in commit.stdout

    github = _pre_commit(folder, environment, "--hook-stage", "manual", "styrgraf-validate-github")
    assert github.returncode == 1
    assert f"::error file=data/kommun-c.ttl,line={line},title=" in github.stdout

    junit = _pre_commit(folder, environment, "--hook-stage", "manual", "styrgraf-validate-junit")
    assert junit.returncode == 1
    report = (folder / "styrgraf-validate.xml").read_text(encoding="utf-8")
    assert 'failures="1"' in report and f'file="data/kommun-c.ttl" line="{line}"' in report


def test_the_documented_workflow_runs_hooks_that_exist():
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config = yaml.safe_load((ROOT / "docs" / "ci" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    configured = {hook["id"] for hook in config["repos"][0]["hooks"]}
    assert configured == hooks
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "styrgraf-validate.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["validate"]["steps"]]
    used = {word for run in runs if run.startswith("pre-commit run") for word in run.split() if word in hooks}
    assert used == {"styrgraf-validate-github", "styrgraf-validate-junit"}
    assert all("--hook-stage manual" in run for run in runs if run.startswith("pre-commit run"))
