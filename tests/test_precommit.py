"""The pre-commit hook, run the way pre-commit runs it.

pre-commit itself would build a virtualenv from the package index; here the
hook's definition is read and validated with pre-commit's own code, its
`files` pattern is applied as pre-commit applies it (`re.search` on paths
relative to the repository root), and its command line is built with
pre-commit's `hook_cmd` and run at the root of a real git repository with
the installed console script first on the PATH, as in the hook's virtualenv.
One test goes all the way: `pre-commit install`, then `git commit`, with the
hook's definition as the manifest gives it, run by pre-commit as a local hook
on the installed console script (the one part stood in for is the virtualenv).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
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
    # The files the secrets rules read: committing a .env is the moment P504 exists for.
    (".env", True),
    ("data/.env", True),
    (".env.local", True),
    (".gitignore", True),
    ("data/.gitignore", True),
    ("secrets.yml", True),
    ("data/secrets.yml", True),
    ("my.env", False),
    (".envrc", False),
    ("secrets.yml.bak", False),
    ("notsecrets.yml", False),
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


def committing(repo: Path, hook: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    """`git commit` of what is staged in `repo`, with the hook installed by `pre-commit install`."""
    local = {key: hook[key] for key in ("id", "name", "entry", "files", "pass_filenames", "args")}
    local["language"] = "unsupported"  # the console script on PATH, not a virtualenv built for it
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8")
    env = base_env(PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                   PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    env.pop("PYTHONPATH", None)
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, check=True, capture_output=True)
    subprocess.run(["git", "add", ".pre-commit-config.yaml"], cwd=repo, check=True)
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                           "-c", "commit.gpgsign=false", "commit", "-m", "add the .env"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def test_committing_a_dotenv_is_stopped_by_p504(hook: dict, tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo", "ready")
    (repo / ".env").write_text("TAP_GITHUB_AUTH_TOKEN=ghp-canary\n", encoding="utf-8")
    subprocess.run(["git", "add", "--force", ".env"], cwd=repo, check=True)  # past .gitignore, as people do
    done = committing(repo, hook, tmp_path)
    shown = done.stdout + done.stderr  # git shows the hook's output on stderr
    assert done.returncode == 1, shown
    assert "Skipped" not in shown
    assert re.search(r"^Meltano Cloud onboarding check\.+Failed$", shown, re.MULTILINE), shown
    assert (".env:1:1: error: .env is tracked by git, so its secrets are in the repository and its "
            "history; run `git rm --cached .env`, add it to .gitignore, and rotate every secret it held "
            "[P504]") in shown
    assert "ghp-canary" not in shown
    log = subprocess.run(["git", "log", "--format=%s"], cwd=repo, capture_output=True, text=True, check=True)
    assert log.stdout == "project\n"  # the commit did not happen


def test_following_p504s_advice_lets_the_commit_through(hook: dict, tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo", "ready")
    (repo / ".env").write_text("TAP_GITHUB_AUTH_TOKEN=ghp-canary\n", encoding="utf-8")
    subprocess.run(["git", "add", "--force", ".env"], cwd=repo, check=True)
    subprocess.run(["git", "rm", "--cached", "-q", ".env"], cwd=repo, check=True)  # the fix, as printed
    # The same commit also changes meltano.yml, so the hook runs (and must now pass).
    with (repo / "meltano.yml").open("a", encoding="utf-8") as handle:
        handle.write("# secrets come from secrets.yml\n")
    subprocess.run(["git", "add", "meltano.yml"], cwd=repo, check=True)
    done = committing(repo, hook, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^Meltano Cloud onboarding check\.+Passed$", done.stdout + done.stderr, re.MULTILINE)
