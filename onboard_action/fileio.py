"""Writing files so that a failure never leaves a half-written or lost file behind, and reading
only regular files, so that a pipe or a device put where a file was expected never blocks a run."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from msgspec import Struct


class Owner(Struct, frozen=True):
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


class NotARegularFile(OSError):
    """A pipe, a device or a socket where a file was expected: never read."""


def read_regular(path: Path | str, limit: int) -> bytes:
    """At most `limit + 1` bytes of the regular file `path` (more than `limit`: too large).

    Opened without blocking, then checked through the open descriptor: opening a FIFO
    for reading would wait for a writer forever, and reading a device would never end.
    A folder raises IsADirectoryError, anything else that is not a regular file
    NotARegularFile.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
        if not stat.S_ISREG(mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file (a pipe or a device)", str(path))
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
