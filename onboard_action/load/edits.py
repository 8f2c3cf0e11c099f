"""Text edits applied to files: in memory for a diff, on disk atomically for `--fix`, and undone.

Edits are addressed by line and column (what the loader's spans give and what
SARIF's replacement regions use). Lines end at `\n`, so a `\r\n` file keeps
its `\r` where an edit does not touch it; columns count characters, as the
YAML parser does.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from msgspec import Struct

from onboard_action.fileio import Owner, atomic_write_text
from onboard_action.findings import Edit


class EditConflict(ValueError):
    """An edit lies outside its file or overlaps another: the fix is not applied."""


def offset(text: str, line: int, column: int) -> int:
    """The index in `text` of (line, column), both 1-based; the end of the text past its last line."""
    index = 0
    for _ in range(line - 1):
        found = text.find("\n", index)
        if found == -1:
            raise EditConflict(f"line {line} is past the end of the file")
        index = found + 1
    end = text.find("\n", index)
    end = len(text) if end == -1 else end
    if column - 1 > end - index:
        raise EditConflict(f"column {column} is past the end of line {line}")
    return index + column - 1


def apply(text: str, edits: Iterable[Edit]) -> str:
    """`text` with `edits` made; they must not overlap (touching ends are fine)."""
    ranges = sorted(((offset(text, e.line, e.column), offset(text, e.end_line, e.end_column), e.text)
                     for e in edits), key=lambda r: (r[0], r[1]))
    parts, at = [], 0
    for start, end, replacement in ranges:
        if start < at or end < start:
            raise EditConflict("edits overlap")
        parts.append(text[at:start])
        parts.append(replacement)
        at = end
    parts.append(text[at:])
    return "".join(parts)


def read_text(path: Path) -> str | None:
    """A file's text as it is on disk (line endings kept), or None when it does not exist."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


class Change(Struct):
    """One file's text before and after its edits (`before` None: the file does not exist yet)."""

    path: Path
    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def unified_diff(changes: Sequence[Change], shown: dict[Path, str]) -> str:
    """A `git apply`-able patch of `changes`, paths as `shown` names them (relative, forward slashes)."""
    import difflib  # only --diff shows one

    out: list[str] = []
    for change in changes:
        if not change.changed:
            continue
        name = shown[change.path]
        before = (change.before or "").splitlines(keepends=True)
        after = change.after.splitlines(keepends=True)
        lines = list(difflib.unified_diff(before, after, "/dev/null" if change.before is None
                                          else f"a/{name}", f"b/{name}"))
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write(changes: Iterable[Change], owner: Owner | None = None) -> list[Change]:
    """Write every changed file atomically, keeping its mode; returns those written, in order.

    A failure part-way undoes the ones already written before it raises.
    """
    written: list[Change] = []
    try:
        for change in changes:
            if not change.changed:
                continue
            _write_one(change.path, change.after, owner)
            written.append(change)
    except BaseException:
        restore(written, owner)
        raise
    return written


def restore(changes: Iterable[Change], owner: Owner | None = None) -> None:
    """Put the files of `changes` back as they were (a file that did not exist is removed)."""
    for change in reversed(list(changes)):
        if change.before is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(change.path)
        else:
            _write_one(change.path, change.before, owner)


def _write_one(path: Path, text: str, owner: Owner | None) -> None:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    atomic_write_text(path, text, mode=mode, owner=owner)
