"""Writing files so that a failure never leaves a half-written or lost file behind."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path


def atomic_write_text(path: Path, text: str, *, mode: int = 0o644) -> None:
    """Write `text` to `path` through a temporary file in the same folder, fsync, rename.

    On any failure the previous content of `path` is untouched and the
    temporary file is removed. A symbolic link at `path` is refused, not
    replaced: it may come from the repository, and a report written over it
    would destroy it.
    """
    path = Path(path)
    if path.is_symlink():
        raise OSError(errno.ELOOP, "it is a symbolic link; refusing to replace it", str(path))
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    import tempfile  # imported by the few runs that write: with shutil and random, it is not small

    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
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
