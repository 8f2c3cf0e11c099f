"""Writing files so that a failure never leaves a half-written or lost file behind."""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Owner:
    """Who gets the files a run writes, when that is not the process's own user."""

    uid: int
    gid: int


def owner_for(workspace: Path) -> Owner | None:
    """The workspace's owner, when we run as root and the workspace belongs to someone else.

    A container action runs as root, but the steps after it run as the
    runner's user: a report or secrets.yml left to root is unreadable to them.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None  # a user can only give files to itself
    try:
        info = os.stat(workspace)
    except OSError:  # no workspace: the settings say so, in the user's words
        return None
    if (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return None
    return Owner(info.st_uid, info.st_gid)


def atomic_write_text(path: Path, text: str, *, mode: int = 0o644, owner: Owner | None = None) -> None:
    """Write `text` to `path` through a temporary file in the same folder, fsync, rename.

    On any failure the previous content of `path` is untouched and the
    temporary file is removed. A symbolic link at `path` is refused, not
    replaced: it may come from the repository, and a report written over it
    would destroy it. With `owner`, the file and every folder this call
    created are given to it (the file through its open descriptor, the
    folders without following links), and `mode` is kept.
    """
    path = Path(path)
    if path.is_symlink():
        raise OSError(errno.ELOOP, "it is a symbolic link; refusing to replace it", str(path))
    folder = path.parent
    created = _missing_folders(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if owner is not None:
        for made in created:  # outermost first, so each is handed over before what it holds
            os.chown(made, owner.uid, owner.gid, follow_symlinks=False)
    import tempfile  # imported by the few runs that write: with shutil and random, it is not small

    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if owner is not None:
            os.fchown(fd, owner.uid, owner.gid)  # before the mode: a chown may clear set-id bits
        os.fchmod(fd, mode)
        # backslashreplace: a file name that is not UTF-8 may be quoted in a report.
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def _missing_folders(folder: Path) -> list[Path]:
    """The folders `mkdir(parents=True)` would create for `folder`, outermost first."""
    missing: list[Path] = []
    while not os.path.lexists(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing[::-1]
