"""Golden cases that need a real git repository around them (the repository rules O031-O033).

A case folder that holds `git.txt` is copied into a temporary folder, which
becomes a real git repository with everything committed, and the check runs
there. `git.txt` holds one instruction per line (`#` starts a comment):

    branch NAME        the branch to commit on (default: main)
    also-branch NAME   another branch at the same commit
    remote URL         the `origin` remote
    shallow            make the workspace a shallow clone (depth 1) of that repository,
                       holding only the branch: the other branches are then unknown to it

A case without `git.txt` runs where it is, unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SPEC = "git.txt"


def git(*args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", HOME=str(cwd), GIT_AUTHOR_NAME="Jane Doe",
               GIT_AUTHOR_EMAIL="jane@abc.example", GIT_COMMITTER_NAME="Jane Doe",
               GIT_COMMITTER_EMAIL="jane@abc.example")
    done = subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def make_repository(folder: Path, *, branch: str = "main", remote: str | None = None,
                    also: tuple[str, ...] = ()) -> Path:
    """Turn `folder` into a git repository with everything committed on `branch`."""
    git("init", "-q", "-b", branch, cwd=folder)
    git("add", "-A", cwd=folder)
    git("commit", "-q", "--allow-empty", "-m", "the case", cwd=folder)
    for name in also:
        git("branch", name, cwd=folder)
    if remote:
        git("remote", "add", "origin", remote, cwd=folder)
    return folder


def prepare(case: Path, tmp_path: Path) -> Path:
    """The folder to run `case` in: itself, or a real repository built from `git.txt`."""
    spec = case / SPEC
    if not spec.exists():
        return case
    branch, remote, also, shallow = "main", None, [], False
    for line in spec.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if words[0] == "branch":
            branch = words[1]
        elif words[0] == "also-branch":
            also.append(words[1])
        elif words[0] == "remote":
            remote = words[1]
        elif words[0] == "shallow":
            shallow = True
        else:
            raise ValueError(f"{spec}: unknown instruction {line!r}")
    workspace = tmp_path / "workspace"
    if not shallow:
        shutil.copytree(case, workspace)
        return make_repository(workspace, branch=branch, remote=remote, also=tuple(also))
    upstream = tmp_path / "upstream"
    shutil.copytree(case, upstream)
    make_repository(upstream, branch=branch, also=tuple(also))
    git("clone", "-q", "--depth", "1", "--branch", branch, upstream.as_uri(), str(workspace), cwd=tmp_path)
    if remote:
        git("remote", "set-url", "origin", remote, cwd=workspace)
    return workspace
