"""What git knows about the repository around the project, asked once and cached.

Every call is read-only and tolerant: outside a repository, without git, or
in a shallow clone, the answers are None and the rules say they could not tell.
`safe.directory=*` because in the container the workspace belongs to another
user, and git would otherwise refuse to answer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cached_property
from pathlib import Path


class Git:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._folders: dict[str, str] = {}  # folder -> its resolved path

    def _run(self, *args: str, ok: tuple[int, ...] = (0,)) -> str | None:
        if shutil.which("git") is None:
            return None
        try:
            done = subprocess.run(
                ["git", "-c", "safe.directory=*", "-C", str(self.folder), *args],
                capture_output=True, text=True, timeout=30, check=False,
                env={"GIT_TERMINAL_PROMPT": "0", "PATH": _path(), "HOME": "/nonexistent",
                     "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"})
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode in ok else None

    @cached_property
    def top(self) -> Path | None:
        out = self._run("rev-parse", "--show-toplevel")
        return Path(out.strip()).resolve() if out else None

    @cached_property
    def tracked(self) -> frozenset[Path] | None:
        """Absolute paths of every file git tracks under the repository, or None."""
        names = self._tracked_names
        return None if names is None else frozenset(Path(name) for name in names)

    @cached_property
    def _tracked_names(self) -> frozenset[str] | None:
        """`tracked` as strings: thousands of lookups are cheaper without Path objects."""
        if self.top is None:
            return None
        out = self._run("ls-files", "-z", "--full-name", ":/")
        if out is None:
            return None
        top = str(self.top)
        return frozenset(os.path.join(top, name) for name in out.split("\0") if name)

    def is_tracked(self, path: Path) -> bool | None:
        names = self._tracked_names
        return None if names is None else self._resolved(path) in names

    def _resolved(self, path: Path) -> str:
        """`str(path.resolve())`, resolving each folder once: thousands of lock files share a few."""
        folder, name = os.path.split(os.fspath(path))
        if name in ("", ".", "..") or os.path.islink(path):
            return str(path.resolve())
        if folder not in self._folders:
            self._folders[folder] = str(Path(folder).resolve())
        return os.path.join(self._folders[folder], name)

    def is_ignored(self, path: Path, *, directory: bool = False) -> bool | None:
        """Whether .gitignore rules cover `path` (existing or not, tracked or not), or None.

        `directory=True` asks about `path` as a folder, so that patterns such as
        `.meltano/` match it even before the folder exists.
        """
        if self.top is None:
            return None
        try:
            relative = path.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return None
        if directory:
            relative += "/"
        # check-ignore exits 1 when nothing is ignored, which is an answer, not a failure.
        out = self._run("check-ignore", "--no-index", "--", relative, ok=(0, 1))
        return None if out is None else bool(out.strip())

    def remote_url(self, name: str = "origin") -> str | None:
        out = self._run("remote", "get-url", name)
        return out.strip() if out else None

    @cached_property
    def current_branch(self) -> str | None:
        out = self._run("symbolic-ref", "--quiet", "--short", "HEAD")
        return out.strip() if out else None

    @cached_property
    def shallow(self) -> bool:
        out = self._run("rev-parse", "--is-shallow-repository")
        return (out or "").strip() == "true"

    def branch_exists(self, branch: str) -> bool | None:
        """True or False when git can tell; None when it cannot (no repo, shallow clone)."""
        if self.top is None:
            return None
        for ref in (f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"):
            if self._run("rev-parse", "--verify", "--quiet", ref) is not None:
                return True
        return None if self.shallow else False


def _path() -> str:
    return os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin")
