"""The image's git is one binary: no /usr/lib/git-core, no /usr/share/git-core, nothing else on the PATH.

The Dockerfile copies only `/usr/bin/git` out of a builder stage that installed Debian's
git (with perl and its 95 MiB), because every command the check runs (load/git.py:
rev-parse, ls-files, check-ignore, for-each-ref, symbolic-ref, remote get-url,
worktree add/remove/prune) is built into that binary. These cases prove it the way
the image runs it: each repository case of tests/cases (and a baseline taken from a
revision, which adds a worktree) is checked twice on the same real repository, once
with this machine's git and once with a folder holding only a copy of that binary as
the whole PATH, in a mount namespace where git's exec path and its share folder are
empty folders; the two JSON reports must be the same. A third run without any git
shows the cases are ones where git's answers change the findings.

GIT_EXEC_PATH cannot stand in for the namespace: the check gives git an environment
of its own (load/git.command), so git falls back to its built-in exec path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitcase import git, prepare
from tests.helpers import FIXED_NOW, REPO, base_env

CASES = sorted(p.parent for p in (REPO / "tests" / "cases").glob("*/*/git.txt"))
UNSHARE, MOUNT = shutil.which("unshare"), shutil.which("mount")
# Mount empty folders over git's own folders, then run the command: all in a private mount namespace.
HIDE = ('e=$1; shift; while [ "$1" != -- ]; do "$MOUNT" --bind "$e" "$1" || exit 97; shift; done; '
        'shift; exec "$@"')


def _git_folders() -> list[str]:
    """git's built-in exec path and share folder, where they exist here."""
    done = subprocess.run(["git", "--exec-path"], capture_output=True, text=True, check=True)
    return [f for f in (done.stdout.strip(), "/usr/share/git-core") if os.path.isdir(f)]


def _namespaces_work() -> bool:
    if not (UNSHARE and MOUNT and shutil.which("git")):
        return False
    done = subprocess.run([UNSHARE, "--user", "--map-root-user", "--mount", "true"], capture_output=True,
                          check=False)
    return done.returncode == 0


pytestmark = pytest.mark.skipif(not _namespaces_work(),
                                reason="needs git and unshare(1) with user and mount namespaces")


class LoneGit:
    """Runs commands with only a copy of git on the PATH and git's own folders hidden."""

    def __init__(self, tmp_path: Path) -> None:
        self.bin = tmp_path / "lone-bin"
        self.bin.mkdir()
        shutil.copy2(os.path.realpath(shutil.which("git")), self.bin / "git")
        self.empty = tmp_path / "empty"
        self.empty.mkdir()
        self.hidden = _git_folders()

    def run(self, command: list[str], cwd: Path) -> subprocess.CompletedProcess:
        env = base_env(PATH=str(self.bin), MOUNT=MOUNT)
        line = [UNSHARE, "--user", "--map-root-user", "--mount", "/bin/sh", "-c", HIDE, "sh",
                str(self.empty), *self.hidden, "--", *command]
        return subprocess.run(line, cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
                              check=False)


def check(cwd: Path, args: list[str], lone: LoneGit | None = None, *, path: str | None = None) -> str:
    """`meltano-onboard check ARGS --format json` in `cwd`: its report, after asserting a clean run."""
    command = [sys.executable, "-m", "onboard_action", "check", *args, "--format", "json", "--now", FIXED_NOW]
    if lone is not None:
        done = lone.run(command, cwd)
    else:
        done = subprocess.run(command, cwd=cwd, env=base_env(**({"PATH": path} if path else {})),
                              capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode in (0, 1), done.stderr) == (True, ""), done.stdout + done.stderr
    return done.stdout


def case_args(case: Path) -> list[str]:
    """The case's arguments, as tests/test_golden.py gives them."""
    extra = [a for a in ((case / "args.txt").read_text().split("\n") if (case / "args.txt").exists() else [])
             if a]
    if not any(a.startswith("--onboarding-file") for a in extra) and not (case / "onboarding.yml").exists():
        extra.append("--onboarding-file=")
    return extra


def test_git_s_own_folders_are_empty_and_only_git_is_on_the_path(tmp_path: Path) -> None:
    """The stand-in is the image's layout: nothing of git's but the binary can be reached."""
    lone = LoneGit(tmp_path)
    assert os.listdir(lone.bin) == ["git"]
    assert lone.hidden, "git here has no exec path folder: nothing would be hidden"
    probe = ("import os, shutil, sys; print(shutil.which('git'), [os.listdir(f) for f in sys.argv[1:]])")
    done = lone.run([sys.executable, "-c", probe, *lone.hidden], tmp_path)
    assert done.stdout.strip() == f"{lone.bin / 'git'} {[[] for _ in lone.hidden]}", done.stderr
    # Outside the namespace the exec path holds git's helpers: hiding it is what the case tests.
    assert os.listdir(lone.hidden[0])


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_repository_case_finds_the_same_with_the_lone_binary(case: Path, tmp_path: Path) -> None:
    workspace = prepare(case, tmp_path)  # a real repository, made with this machine's git
    args = case_args(case)
    assert check(workspace, args, LoneGit(tmp_path)) == check(workspace, args)


def test_the_cases_are_ones_where_git_s_answers_change_the_findings(tmp_path: Path) -> None:
    """Without git at all, the cases that fire a repository rule find something else."""
    no_git = tmp_path / "no-git"
    no_git.mkdir()
    differ = []
    for case in CASES:
        if case.name != "fires":
            continue
        workspace = prepare(case, tmp_path / case.parent.name)
        if check(workspace, case_args(case)) != check(workspace, case_args(case), path=str(no_git)):
            differ.append(case.parent.name)
    assert {"O031", "O032", "O033", "P504", "P505", "R003"} <= set(differ), differ


def test_a_baseline_from_a_revision_checks_out_a_worktree_with_the_lone_binary(tmp_path: Path) -> None:
    """`--baseline-ref` resolves the revision and adds (then removes) a worktree: git's own children."""
    workspace = prepare(REPO / "tests" / "cases" / "P505" / "fires", tmp_path)
    before = {p.name for p in workspace.iterdir()}
    (workspace / ".env").write_text("TAP_GITHUB_AUTH_TOKEN=x\n", encoding="utf-8")
    git("add", "-f", ".env", cwd=workspace)
    git("commit", "-q", "-m", "track .env", cwd=workspace)
    args = ["--baseline-ref", "HEAD~1"]
    normal = check(workspace, args)
    assert check(workspace, args, LoneGit(tmp_path)) == normal
    # The baseline was read: the findings of the first commit are not new, the tracked .env is.
    states = {f["code"]: f["baseline_state"] for f in json.loads(normal)["findings"]}
    assert (states["P504"], states["P505"]) == ("new", "unchanged")
    assert git("worktree", "list", "--porcelain", cwd=workspace).count("worktree ") == 1
    assert before <= {p.name for p in workspace.iterdir()}
