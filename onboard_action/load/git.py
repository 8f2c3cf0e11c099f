"""What git knows about the repository around the project, asked once and cached.

Every call is read-only and tolerant: outside a repository, without git, or
in a shallow clone, the answers are None and the rules say they could not tell.

The repository is hostile: a pull request can commit plain files that make a
folder look like a bare repository, with a `config` naming commands git runs
(`core.fsmonitor`, hooks). `command` builds every git command line the check
runs, with those switched off, bare repositories found by discovery refused,
discovery kept inside the workspace (`GIT_CEILING_DIRECTORIES`), and
`safe.directory` (needed in the container, where the workspace belongs to
another user) granted only to the folders between the project and the workspace.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
from functools import cached_property
from pathlib import Path

# Options that no repository can undo: `-c` wins over every configuration file.
_GUARDS = ("core.fsmonitor=false", "safe.bareRepository=explicit", "core.hooksPath=/dev/null",
           "core.sshCommand=false", "protocol.allow=never")


def command(folder: Path, boundary: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """The git command line and environment for `git -C folder ARGS`, with discovery kept in `boundary`.

    The one place a git command is spelt: no call site adds its own options.
    """
    folder, boundary = Path(os.path.abspath(folder)), Path(os.path.abspath(boundary))
    trusted = [boundary]
    if folder.is_relative_to(boundary):
        trusted += [folder, *(p for p in folder.parents if p.is_relative_to(boundary) and p != boundary)]
    options = [word for guard in _GUARDS for word in ("-c", guard)]
    options += [word for path in dict.fromkeys(trusted) for word in ("-c", f"safe.directory={path}")]
    env = {"GIT_TERMINAL_PROMPT": "0", "PATH": _path(), "HOME": "/nonexistent", "LC_ALL": "C",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
           # Discovery looks at `boundary` itself, never above it.
           "GIT_CEILING_DIRECTORIES": str(boundary.parent)}
    return ["git", *options, "-C", str(folder), *args], env


def boundary_of(folder: Path, workspace: Path, *, confined: bool) -> Path:
    """Where git's discovery stops for a project in `folder`.

    In the action (`confined`), the workspace: nothing above it is the pull request's
    checkout. On the command line, the nearest folder at or above the project holding a
    `.git` (the user's own repository, wherever they run from), or else the project folder.
    """
    if confined:
        return workspace
    folder = Path(os.path.abspath(folder))
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return folder


class Git:
    def __init__(self, folder: Path, boundary: Path | None = None) -> None:
        self.folder = folder
        self.boundary = boundary if boundary is not None else boundary_of(folder, folder, confined=False)
        # folder -> its resolved path (with a trailing separator), and the names of the links
        # in it (None: it cannot be listed)
        self._folders: dict[str, tuple[str, frozenset[str] | None]] = {}

    def _run(self, *args: str, ok: tuple[int, ...] = (0,), stdin: str | None = None) -> str | None:
        try:  # no git on PATH is an OSError too
            line, env = command(self.folder, self.boundary, *args)
            # Bytes both ways: text mode would turn a `\r` in a tracked name into `\n`, and a name
            # that is not UTF-8 must come back as the same surrogates it went in as.
            done = subprocess.run(
                line, input=None if stdin is None else stdin.encode("utf-8", "surrogateescape"),
                capture_output=True, timeout=30, check=False, env=env)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.decode("utf-8", "surrogateescape") if done.returncode in ok else None

    def commit_of(self, ref: str) -> str | None:
        """The commit `ref` names in this clone, as a full hash; None when the clone lacks it."""
        if not ref or ref.startswith("-"):  # never an option: refs come from the user's workflow
            return None
        out = self._run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        commit = out.strip() if isinstance(out, str) else ""
        return commit if re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", commit) else None

    def add_worktree(self, commit: str, folder: Path) -> bool:
        """Check out `commit` (a full hash from `commit_of`) into the new folder `folder`, detached.

        A worktree, not an archive: git's answers there (tracked files, branches, remotes) are
        those of that revision. `remove_worktree` takes it away again.
        """
        if not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", commit):
            return False
        return self._run("worktree", "add", "--detach", "--quiet", "--", str(folder), commit) is not None

    def remove_worktree(self, folder: Path) -> None:
        self._run("worktree", "remove", "--force", "--", str(folder))
        self._run("worktree", "prune")

    @cached_property
    def top(self) -> Path | None:
        out = self._run("rev-parse", "--show-toplevel")
        return Path(_line(out)).resolve() if out else None

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
        return frozenset(top + name for name in out.split("\0") if name)

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
        [answer] = self.are_ignored((path, directory))
        return answer

    def are_ignored(self, *asked: tuple[Path, bool]) -> list[bool | None]:
        """`is_ignored` for each (path, directory) pair, in one git process."""
        names = [self._within(path) if self.top is not None else None for path, _ in asked]
        names = [None if name is None else name + "/" if directory else name
                 for name, (_, directory) in zip(names, asked, strict=True)]
        wanted = [name for name in names if name is not None]
        if not wanted or not self._ignore_files_readable(wanted):
            return [None] * len(asked)
        # One path per NUL in and out; check-ignore exits 1 when nothing is ignored, an answer too.
        out = self._run("check-ignore", "--no-index", "-z", "--stdin", ok=(0, 1),
                        stdin="\0".join(wanted) + "\0")
        if out is None:
            return [None] * len(asked)
        ignored = set(out.split("\0"))
        return [None if name is None else name in ignored for name in names]

    def _within(self, path: Path) -> str | None:
        """`path` as git names it from the project folder, or None when it resolves outside."""
        try:
            return path.resolve().relative_to(self._folder_resolved).as_posix()
        except ValueError:
            return None

    @cached_property
    def _folder_resolved(self) -> Path:
        return self.folder.resolve()

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
                        stdin="\0".join(asked) + "\0")
        if out is None:
            return None
        return {path for name in out.split("\0") for path in asked.get(name, ())}

    def _ignore_files_readable(self, relatives) -> bool:
        """Are the `.gitignore` files git reads for these paths regular files (or absent)?

        git opens the `.gitignore` of every folder from the top down to each path: a
        FIFO there would block it until the call's timeout, a device for ever.
        """
        top = self.top
        if top is None:
            return False
        folders: set[Path] = set()
        for relative in relatives:
            folder = (self._folder_resolved / relative).parent
            while folder.is_relative_to(top) and folder not in folders:
                folders.add(folder)
                folder = folder.parent
        return all(_regular_or_absent(folder / ".gitignore") for folder in folders)

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
        # Both refs in one process; for-each-ref also lists refs below a name, so compare exactly.
        refs = {f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"}
        out = self._run("for-each-ref", "--format=%(refname)", "--", *sorted(refs))
        if out is not None and refs & set(out.splitlines()):
            return True
        return None if self.shallow else False


def _line(out: str) -> str:
    """git's one-line answer without its newline, and nothing else taken off (a name may end in a space)."""
    return out[:-1] if out.endswith("\n") else out


def _regular_or_absent(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True  # absent, or a link to nothing: git reads neither
    except OSError:
        return False


def _links_in(folder: str) -> frozenset[str] | None:
    """Names of the symbolic links in `folder`, from one listing; None when it cannot be listed."""
    try:
        with os.scandir(folder or ".") as entries:
            return frozenset(entry.name for entry in entries if entry.is_symlink())
    except OSError:
        return None


def _path() -> str:
    return os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin")
