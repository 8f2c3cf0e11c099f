"""git must never run a command that the repository chose.

Plain committed files `data/HEAD`, `data/config`, `data/objects/` and
`data/refs/` make `data/` look like a bare repository, and git's discovery,
started in `data/`, finds it before the checkout's `.git`. Its `config` can
name `core.fsmonitor` (a command git runs when it reads the index),
`core.sshCommand`, hooks... The check runs git through one helper
(`onboard_action.load.git.command`) that switches those off and keeps
discovery inside the workspace; these cases run the action, the CLI and the
pre-commit hook's entry on such a checkout and look for the marker file the
command would write.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import yaml

from tests.gitcase import git, make_repository
from tests.helpers import REPO, base_env
from tests.hostile.conftest import Hostile, measured


def fake_bare_repository(hostile: Hostile, marker: Path) -> None:
    """A checkout whose `data/` folder (the project) is also a bare repository with an fsmonitor."""
    hostile.ready_project("data")
    # `#` ends the command where git appends `"$@"`; the marker lies outside the workspace.
    hook = f"touch {shlex.quote(str(marker))} #"
    hostile.write("data/HEAD", "ref: refs/heads/main\n")
    hostile.write("data/config", "[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n"
                                 f"\tfsmonitor = {hook}\n\thooksPath = .\n"
                                 f"[core]\n\tsshCommand = {hook}\n")
    hostile.write("data/objects/info/.keep", "")
    hostile.write("data/refs/heads/.keep", "")
    hostile.write(".gitignore", ".env\n")
    make_repository(hostile.workspace)


def precommit_entry() -> list[str]:
    """The command pre-commit runs for our hook, as `.pre-commit-hooks.yaml` declares it."""
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    program, *args = shlex.split(hook["entry"])
    assert program == "meltano-onboard"
    return [sys.executable, "-m", "onboard_action", *args]


def test_git_itself_would_run_the_command(hostile: Hostile, tmp_path: Path) -> None:
    """The case is real: plain git, started in `data/`, runs the repository's fsmonitor."""
    marker = tmp_path / "marker"
    fake_bare_repository(hostile, marker)
    git("-c", "safe.directory=*", "ls-files", cwd=hostile.workspace / "data")
    assert marker.exists()


def test_the_action_the_cli_and_the_hook_never_run_the_repositorys_command(hostile: Hostile,
                                                                            tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    fake_bare_repository(hostile, marker)
    run = hostile.action(project_dir="data", onboarding_file="", report_file="r.json",
                         outputs=("r.json",), baseline_ref="HEAD")
    assert run.returncode in (0, 1), run.stdout
    assert not marker.exists(), "the action ran the repository's fsmonitor command"
    run = hostile.cli("check", "data", "--onboarding-file", "", "--format", "json")
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert not marker.exists(), "the CLI ran the repository's fsmonitor command"
    code, stdout, stderr, _ = measured([*precommit_entry(), "data"], cwd=hostile.workspace, env=base_env())
    assert code in (0, 1), stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert not marker.exists(), "the pre-commit entry ran the repository's fsmonitor command"
    # From inside the project folder too, where discovery starts at the fake repository itself.
    run = hostile.cli("check", ".", "--onboarding-file", "", cwd=hostile.workspace / "data")
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert not marker.exists(), "the CLI in data/ ran the repository's fsmonitor command"


def test_every_git_command_is_built_by_one_helper_with_the_guards(tmp_path: Path) -> None:
    from onboard_action.load.git import command

    args, env = command(tmp_path / "project", tmp_path, "ls-files", "-z")
    assert args[0] == "git"
    guards = [args[i + 1] for i, word in enumerate(args) if word == "-c"]
    assert {"core.fsmonitor=false", "safe.bareRepository=explicit", "core.hooksPath=/dev/null"} <= set(guards)
    assert "safe.directory=*" not in guards
    assert f"safe.directory={tmp_path}" in guards and f"safe.directory={tmp_path / 'project'}" in guards
    assert env["GIT_CEILING_DIRECTORIES"] == str(tmp_path.parent)
    assert args[-2:] == ["ls-files", "-z"]
    source = (REPO / "onboard_action").rglob("*.py")
    spelled = sorted(path for path in source if "subprocess" in path.read_text(encoding="utf-8"))
    # git, and Meltano for the opt-in rehearsal (load/meltano.py: an argument list, no secrets, a timeout).
    assert spelled == [REPO / "onboard_action" / "load" / name for name in ("git.py", "meltano.py")], (
        "only load/git.py and load/meltano.py may start a process")


def test_discovery_stops_at_the_workspace(tmp_path: Path) -> None:
    """A repository around the workspace (the runner's home, say) is not the project's repository."""
    from onboard_action.load.git import Git

    make_repository(tmp_path)
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    assert Git(workspace, tmp_path).top == tmp_path.resolve()
    assert Git(workspace, workspace).top is None
