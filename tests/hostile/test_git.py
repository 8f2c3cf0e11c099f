"""git runs on the pull request's checkout: nothing committed there may make it run a command or hang.

A committed folder holding `HEAD`, `config`, `objects/` and `refs/` is a bare
repository to git's discovery, found before the checkout's own `.git`; its
`config` names a command for `core.fsmonitor` that git would run on
`ls-files`, with the action's environment (the dotenv secret, GITHUB_ENV).
Every git call goes through the one helper in onboard_action/load/git.py,
which refuses such a repository (`safe.bareRepository=explicit`), switches
fsmonitor and hooks off, trusts only the workspace and never searches above it.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from onboard_action.load import git as git_helper
from onboard_action.load.git import Git
from tests import rsa_keys
from tests.gitcase import make_repository
from tests.helpers import REPO
from tests.hostile.conftest import Hostile
from tests.test_precommit import run_hook

PACKAGE = REPO / "onboard_action"


def plant_bare_repository(folder: Path, marker: Path) -> None:
    """`folder` as a bare repository whose configuration runs a command that writes `marker`."""
    (folder / "objects").mkdir(parents=True)
    (folder / "refs").mkdir()
    (folder / "objects" / ".keep").write_text("")  # so that the empty folders are committed
    (folder / "refs" / ".keep").write_text("")
    (folder / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "config").write_text(
        "[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n"
        f"\tfsmonitor = \"touch '{marker}'; echo '::error::forged'; env > '{marker}'; echo\"\n"
        f"\thooksPath = {folder / 'hooks'}\n")


def output_of(run) -> str:
    return run.stdout + run.stderr


@pytest.fixture
def planted(hostile: Hostile) -> tuple[Hostile, Path]:
    hostile.ready_project("data")
    marker = hostile.tmp_path / "marker"
    plant_bare_repository(hostile.workspace / "data", marker)
    make_repository(hostile.workspace)
    return hostile, marker


@pytest.mark.parametrize("entry", ["action", "cli", "pre-commit"])
def test_a_committed_bare_repository_never_runs_its_command(planted, entry: str) -> None:
    hostile, marker = planted
    if entry == "action":
        # With a secret to encrypt: the command would run with it in the environment.
        run = hostile.action(project_dir="data", public_key=rsa_keys.public_pem(2048).decode(),
                             dotenv="POSTGRES_PASSWORD=canary\n", outputs=("data/secrets.yml",))
        assert run.returncode in (0, 1), output_of(run)
        output = run.stdout + run.stderr
    elif entry == "cli":
        run = hostile.cli("check", "data")
        assert run.returncode in (0, 1), output_of(run)
        output = run.stdout + run.stderr
    else:
        hook = {"entry": "meltano-onboard check --format text", "args": ["data"], "pass_filenames": False}
        done = run_hook(hook, hostile.workspace)
        output = done.stdout + done.stderr
        assert done.returncode in (0, 1), output
    assert not marker.exists(), "git ran the command of the repository's config"
    assert "forged" not in output


def test_every_git_call_is_hardened(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    project = workspace / "data"
    project.mkdir(parents=True)
    argv = git_helper.git_command(project, workspace, "ls-files")
    pairs = {argv[i + 1] for i, part in enumerate(argv) if part == "-c"}
    assert {"core.fsmonitor=false", "safe.bareRepository=explicit", "core.hooksPath=/dev/null"} <= pairs
    trusted = {p.split("=", 1)[1] for p in pairs if p.startswith("safe.directory=")}
    assert trusted == {project.resolve().as_posix(), workspace.resolve().as_posix()}, "never `*`"
    env = git_helper.git_environment(workspace)
    assert env["GIT_CEILING_DIRECTORIES"] == str(workspace.resolve().parent)
    assert env["GIT_CONFIG_NOSYSTEM"] == "1" and env["GIT_TERMINAL_PROMPT"] == "0"
    assert not [name for name in env if name.startswith("GIT_") and name not in (
        "GIT_CEILING_DIRECTORIES", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL", "GIT_TERMINAL_PROMPT",
        "GIT_OPTIONAL_LOCKS")]
    assert Path(env["HOME"]).is_dir() is False


def test_git_never_looks_for_a_repository_above_the_workspace(tmp_path: Path) -> None:
    make_repository(tmp_path)
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    assert Git(workspace).top == tmp_path.resolve()  # the CLI: as far up as git looks
    assert Git(workspace, workspace).top is None  # the action: the workspace is the limit


def test_no_module_but_the_git_helper_starts_a_process() -> None:
    starting = {"subprocess", "pty", "multiprocessing", "asyncio.subprocess"}
    functions = {"system", "popen", "spawnl", "spawnlp", "spawnv", "spawnvp", "execv", "execvp",
                 "execl", "execlp", "execve", "posix_spawn", "posix_spawnp", "fork", "forkpty"}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name.split(".")[0] in starting or name in starting for name in names):
                found.append(f"{path.relative_to(REPO)}: imports {names}")
            if isinstance(node, ast.Attribute) and node.attr in functions and \
                    isinstance(node.value, ast.Name) and node.value.id == "os":
                found.append(f"{path.relative_to(REPO)}: os.{node.attr}")
    assert found == ["onboard_action/load/git.py: imports ['subprocess']"]
    # ...and there, one call, whose argv comes from git_command.
    source = (PACKAGE / "load" / "git.py").read_text(encoding="utf-8")
    assert source.count("subprocess.run(") == 1
    assert "subprocess.run(git_command(" in source


def test_a_pipe_for_gitignore_is_not_waited_on(hostile: Hostile) -> None:
    # No repository can hold a pipe, but a checkout can be changed after it (a cache, a step).
    hostile.ready_project()
    hostile.write(".gitignore", ".env\n")
    make_repository(hostile.workspace)
    (hostile.workspace / ".gitignore").unlink()
    os.mkfifo(hostile.workspace / ".gitignore")
    run = hostile.action(report_file="r.json", outputs=("r.json",), timeout=25)
    assert run.returncode == 0
    assert "P505" not in run.codes(), "git could not tell: no guess"


def test_a_carriage_return_in_a_tracked_name_stays_one(tmp_path: Path) -> None:
    (tmp_path / "a\rb.yml").write_text("")
    (tmp_path / "meltano.yml").write_text("version: 1\n")
    make_repository(tmp_path)
    names = Git(tmp_path).tracked_names
    assert names == {str(tmp_path.resolve() / "a\rb.yml"), str(tmp_path.resolve() / "meltano.yml")}
