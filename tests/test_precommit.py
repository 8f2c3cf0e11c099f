"""The pre-commit hook, run the way pre-commit runs it.

pre-commit itself would build a virtualenv from the package index; here the
hook's definition is read and validated with pre-commit's own code, its
`files` pattern is applied as pre-commit applies it (`re.search` on paths
relative to the repository root), and its command line is built with
pre-commit's `hook_cmd` and run at the root of a real git repository with
the installed console script first on the PATH, as in the hook's virtualenv.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pre_commit.clientlib import load_manifest
from pre_commit.lang_base import hook_cmd

from tests.helpers import REPO, base_env

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def hook() -> dict:
    hooks = {h["id"]: h for h in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    return hooks["meltano-onboard"]


def run_hook(hook: dict, repo: Path, args: list[str] | None = None) -> subprocess.CompletedProcess:
    assert hook["pass_filenames"] is False  # else pre-commit would append the staged files
    command = hook_cmd(hook["entry"], args if args is not None else hook["args"])
    env = base_env(PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                   # pre-commit may itself run inside GitHub Actions: the hook must stay plain.
                   GITHUB_ACTIONS="true")
    env.pop("PYTHONPATH", None)  # the console script runs the installed package, as in the hook's venv
    assert shutil.which(command[0], path=env["PATH"]), f"{command[0]} is not installed in {BIN}"
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def git_repo(path: Path, example: str, subfolder: str = "") -> Path:
    shutil.copytree(REPO / "examples" / example, path / subfolder if subfolder else path,
                    dirs_exist_ok=True)
    # A repository with a commit on `main`, as the onboarding file of the examples names it.
    git = ["git", "-C", str(path), "-c", "user.name=Test", "-c", "user.email=test@example.com",
           "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "project"], check=True)
    return path


def test_hook_definition_is_valid_and_runs_the_check(hook: dict) -> None:
    assert hook["language"] == "python"
    assert hook_cmd(hook["entry"], [])[:2] == ("meltano-onboard", "check")


@pytest.mark.parametrize(("path", "runs"), [
    ("meltano.yml", True),
    ("data/meltano.yml", True),
    ("extract/extractors.meltano.yml", True),
    ("onboarding.yml", True),
    ("plugins/extractors/tap-github--meltanolabs.lock", True),
    ("data/plugins/loaders/target-postgres--meltanolabs.lock", True),
    ("README.md", False),
    ("transform/models/orders.sql", False),
    ("not-meltano.yml.bak", False),
    ("extract/.meltano.yml", False),
    ("notmeltano.yml", False),
])
def test_hook_runs_when_project_files_change(hook: dict, path: str, runs: bool) -> None:
    assert bool(re.search(hook["files"], path)) is runs
    assert not re.search(hook["exclude"], path)


def test_hook_passes_on_a_ready_project(hook: dict, tmp_path: Path) -> None:
    done = run_hook(hook, git_repo(tmp_path / "repo", "ready"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ".: ready for Meltano Cloud: 0 errors, 0 warnings, 0 notices\n"
    assert done.stderr == ""


def test_hook_fails_on_a_broken_project_with_one_line_per_finding(hook: dict, tmp_path: Path) -> None:
    done = run_hook(hook, git_repo(tmp_path / "repo", "broken-includes"))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[-1].startswith(".: not ready for Meltano Cloud")
    assert all(re.match(r"^[^:]+:\d+:\d+: (error|warning|notice): .+ \[[A-Z]\d{3}\]$", line)
               for line in lines[:-1]), lines
    assert not any(line.startswith("::") for line in lines)  # no workflow commands from a hook


def test_hook_args_point_at_a_project_in_a_subfolder(hook: dict, tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo", "ready", subfolder="data")
    done = run_hook(hook, repo, ["data"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "data: ready for Meltano Cloud: 0 errors, 0 warnings, 0 notices\n"
