"""What git knows about the repository around the project, asked once and cached.

Every call is read-only and tolerant: outside a repository, without git, or
in a shallow clone, the answers are None and the rules say they could not tell.

Git runs only through `git_command` and `git_environment`, here. The checkout
is the pull request's: a committed folder holding `HEAD`, `config`,
`objects/` and `refs/` is a bare repository to git's discovery, found before
the checkout's `.git`, and its `config` could name a command (`core.fsmonitor`)
that git runs. So every call refuses bare repositories it was not pointed at,
switches off fsmonitor and hooks, trusts (`safe.directory`) only the folders
from the project up to the workspace (in the container the workspace belongs
to another user, and git would otherwise refuse to answer), never looks for a
repository above the workspace, and gets an environment of its own: no GIT_*
variable from outside, no system or global configuration, no prompt.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

# Hardening that holds whatever the repository's own configuration says.
HARDENING = ("-c", "core.fsmonitor=false", "-c", "safe.bareRepository=explicit",
             "-c", "core.hooksPath=/dev/null")
TIMEOUT_SECONDS = 30


def git_command(folder: Path, boundary: Path | None, *args: str) -> list[str]:
    """The argv of one git call in `folder`, trusting only the folders from it up to `boundary`."""
    trusted = [f"safe.directory={path.as_posix()}" for path in _folders_up_to(folder, boundary)]
    return ["git", *HARDENING, *(part for item in trusted for part in ("-c", item)),
            "-C", str(folder), *args]


def git_environment(boundary: Path | None) -> dict[str, str]:
    """The whole environment of a git call: nothing from outside but PATH."""
    env = {"PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"), "HOME": os.devnull,
           "XDG_CONFIG_HOME": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    if boundary is not None:
        # Discovery stops below this folder: the repository is the workspace or inside it.
        env["GIT_CEILING_DIRECTORIES"] = str(boundary.resolve().parent)
    return env


def _folders_up_to(folder: Path, boundary: Path | None) -> list[Path]:
    """`folder` and its parents, up to `boundary` (all of them when it is None or not above)."""
    start = folder.resolve()
    top = boundary.resolve() if boundary is not None else None
    chain = [start, *start.parents]
    if top is not None and top in chain:
        chain = chain[:chain.index(top) + 1]
    return chain


def _text(out: bytes | None) -> str | None:
    """One line of git's output as text (without its newline), or None."""
    if not out:
        return None
    return os.fsdecode(out[:-1] if out.endswith(b"\n") else out) or None


class Git:
    """Git's answers about the repository around `folder`.

    `boundary` is the folder git may not look above (the workspace); None
    lets it look as far up as the file system goes (the CLI, run by whoever
    owns the checkout).
    """

    def __init__(self, folder: Path, boundary: Path | None = None) -> None:
        self.folder = folder
        self.boundary = boundary
        # folder -> its resolved path (with a trailing separator), and the names of the links
        # in it (None: it cannot be listed)
        self._folders: dict[str, tuple[str, frozenset[str] | None]] = {}

    def _run(self, *args: str, ok: tuple[int, ...] = (0,), stdin: bytes | None = None) -> bytes | None:
        """git's standard output as bytes (names may hold `\\r` or bytes that are not UTF-8)."""
        if shutil.which("git") is None:
            return None
        try:
            done = subprocess.run(git_command(self.folder, self.boundary, *args), input=stdin,
                                  capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                                  env=git_environment(self.boundary))
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode in ok else None

    @cached_property
    def top(self) -> Path | None:
        out = _text(self._run("rev-parse", "--show-toplevel"))
        return Path(out).resolve() if out else None

    @cached_property
    def tracked(self) -> frozenset[Path] | None:
        """Absolute paths of every file git tracks under the repository, or None."""
        names = self.tracked_names
        return None if names is None else frozenset(Path(name) for name in names)

    @cached_property
    def tracked_names(self) -> frozenset[str] | None:
        """`tracked` as strings: thousands of files cost far less without a Path for each."""
        if self.top is None:
            return None
        out = self._run("ls-files", "-z", "--full-name", ":/")
        if out is None:
            return None
        # git's names are relative, with `/`: joined by hand, as os.path.join costs more than git.
        top = os.path.join(str(self.top), "")
        return frozenset(top + os.fsdecode(name) for name in out.split(b"\0") if name)

    def is_tracked(self, path: Path) -> bool | None:
        names = self.tracked_names
        return None if names is None else self._resolved(path) in names

    def _resolved(self, path: Path) -> str:
        """`str(path.resolve())`, resolving and listing each folder once.

        Thousands of lock files share a few folders: one listing tells which
        entries are links, where a stat per file would cost more than the lookup.
        """
        folder, name = os.path.split(os.fspath(path))
        if name in ("", ".", ".."):
            return str(path.resolve())
        if folder not in self._folders:
            # Kept with its trailing separator: `prefix + name` is os.path.join, at a fraction of its cost.
            self._folders[folder] = (os.path.join(str(Path(folder).resolve()), ""), _links_in(folder))
        prefix, links = self._folders[folder]
        if name in links if links is not None else os.path.islink(path):
            return str(path.resolve())
        return prefix + name

    def is_ignored(self, path: Path, *, directory: bool = False) -> bool | None:
        """Whether .gitignore rules cover `path` (existing or not, tracked or not), or None.

        `directory=True` asks about `path` as a folder, so that patterns such as
        `.meltano/` match it even before the folder exists.
        """
        relative = self._within(path) if self.top is not None else None
        if relative is None or not self._ignore_files_readable([relative]):
            return None
        if directory:
            relative += "/"
        # check-ignore exits 1 when nothing is ignored, which is an answer, not a failure.
        out = self._run("check-ignore", "--no-index", "--", relative, ok=(0, 1))
        return None if out is None else bool(out.strip())

    def _within(self, path: Path) -> str | None:
        """`path` as git names it from the project folder, or None when it resolves outside."""
        try:
            return path.resolve().relative_to(self._folder_resolved).as_posix()
        except ValueError:
            return None

    @cached_property
    def _folder_resolved(self) -> Path:
        return self.folder.resolve()

    def _ignore_files_readable(self, relatives: Iterable[str]) -> bool:
        """Can git read every .gitignore that applies to these paths without blocking?

        git opens the .gitignore of each folder from the top down to a path; a
        pipe there (no repository can hold one, but a checkout can be changed)
        would block it until the timeout. Asked once per folder.
        """
        top = self.top
        folders: set[Path] = set()
        for relative in relatives:
            folder = (self._folder_resolved / relative).parent
            while folder not in folders and top is not None and folder.is_relative_to(top):
                folders.add(folder)
                folder = folder.parent
        candidates = [folder / ".gitignore" for folder in folders]
        if top is not None:
            candidates.append(top / ".git" / "info" / "exclude")
        for candidate in candidates:
            try:
                mode = os.stat(candidate).st_mode
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError:
                return False
            if not stat.S_ISREG(mode):
                return False
        return True

    def ignored_among(self, paths: list[Path]) -> set[Path] | None:
        """The paths of `paths` that .gitignore rules cover: `is_ignored` for many, in one git call.

        None outside a repository or when git cannot tell; a path outside the
        project folder is never in the answer (`is_ignored` says None for it).
        """
        if self.top is None:
            return None
        asked: dict[str, list[Path]] = {}  # two links may lead to one file
        for path in paths:
            relative = self._within(path)
            if relative is not None:
                asked.setdefault(relative, []).append(path)
        if not asked:
            return set()
        if not self._ignore_files_readable(asked):
            return None
        # One path per NUL in and out, so no name can be misread; exit 1 means none is ignored.
        out = self._run("check-ignore", "--no-index", "-z", "--stdin", ok=(0, 1),
                        stdin=b"".join(os.fsencode(name) + b"\0" for name in asked))
        if out is None:
            return None
        return {path for name in out.split(b"\0") for path in asked.get(os.fsdecode(name), ())}

    def remote_url(self, name: str = "origin") -> str | None:
        return _text(self._run("remote", "get-url", name))

    @cached_property
    def current_branch(self) -> str | None:
        return _text(self._run("symbolic-ref", "--quiet", "--short", "HEAD"))

    @cached_property
    def shallow(self) -> bool:
        return _text(self._run("rev-parse", "--is-shallow-repository")) == "true"

    def branch_exists(self, branch: str) -> bool | None:
        """True or False when git can tell; None when it cannot (no repo, shallow clone)."""
        if self.top is None:
            return None
        for ref in (f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"):
            if self._run("rev-parse", "--verify", "--quiet", ref) is not None:
                return True
        return None if self.shallow else False


def _links_in(folder: str) -> frozenset[str] | None:
    """Names of the symbolic links in `folder`, from one listing; None when it cannot be listed."""
    try:
        with os.scandir(folder or ".") as entries:
            return frozenset(entry.name for entry in entries if entry.is_symlink())
    except OSError:
        return None
