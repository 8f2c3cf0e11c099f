"""`include_paths` patterns resolved as Meltano resolves them, in one bounded walk per pattern.

Meltano calls `Path(root).glob(pattern)`. Its semantics, kept here: `**` is
a whole component matching this folder and every folder below it, without
entering links to folders; `*`, `?` and `[...]` match within one name
(`fnmatch`, case-sensitive, hidden names included); a name without them is
looked up, not listed; `.` components vanish and `..` is the parent; a
component before the last matches folders only (links to folders count).

One difference, on purpose: the walk never enters a folder outside the
project (a `..` after a `**` that matched nothing, a link to a folder
elsewhere). It returns such folders apart, for the loader to report; pathlib
would list the runner's whole disk, and every file it found there would be
refused anyway.

pathlib nests one loop per `**`, so `**/d*/**/d*/**/d*/**/*.yml` over a
chain of 60 folders visits some 60^4 paths (35 s). Here each folder is
visited once, with the set of pattern positions that reach it, level by
level: the cost is the folders and entries the pattern can reach, once, and
a budget of entries shared by all the patterns of a project stops the walk
with a problem instead of running for hours.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# Folder entries listed or looked up for all the include patterns of a project together. A
# project's own files are a few thousand; a checkout with a virtualenv in it, a few hundred thousand.
MAX_ENTRIES = 200_000
_WILDCARD = re.compile(r"[*?[]")


class TooManyEntries(Exception):
    """The walk passed the budget; nothing it found is used."""


@dataclass
class WalkBudget:
    """Entries the include patterns of one project may still visit."""

    left: int = MAX_ENTRIES

    def spend(self, entries: int) -> None:
        self.left -= entries
        if self.left < 0:
            raise TooManyEntries


def parts_of(pattern: str) -> tuple[str, ...]:
    """The components of a relative pattern, as pathlib splits them; ValueError as pathlib raises it."""
    parts = PurePosixPath(pattern).parts
    if not parts:
        raise ValueError(f"Unacceptable pattern: {pattern!r}")
    for part in parts:
        if "**" in part and part != "**":
            raise ValueError("Invalid pattern: '**' can only be an entire path component")
    return parts


@dataclass
class Resolved:
    matches: list[Path]  # what `root.glob(pattern)` yields inside the project, sorted
    outside: list[Path]  # folders the pattern leads to outside the project, not entered, sorted


def glob(root: Path, pattern: str, budget: WalkBudget) -> Resolved:
    """Resolve `pattern` under `root`; TooManyEntries past the budget."""
    parts = parts_of(pattern)
    matchers = [None if part == "**" or not _WILDCARD.search(part)
                else re.compile(fnmatch.translate(part)).fullmatch for part in parts]
    end = len(parts)
    found: set[str] = set()
    walk = _Walk(os.path.join(os.path.realpath(root), ""), budget)
    if not root.is_dir():
        return Resolved([], [])
    # Folders of one level (as the pattern spells them, not resolved) -> pattern positions left there.
    level: dict[str, set[int]] = {str(root): {0}}
    while level:
        below: dict[str, set[int]] = {}
        for folder, positions in level.items():
            _step(folder, _closure(parts, positions), parts, matchers, end, found, below, walk)
        level = below
    return Resolved(sorted(Path(path) for path in found), sorted(Path(path) for path in walk.outside))


@dataclass
class _Walk:
    real_root: str  # with a trailing separator
    budget: WalkBudget
    outside: set[str] = field(default_factory=set)

    def enter(self, below: dict[str, set[int]], path: str, position: int, *, moved: bool) -> None:
        """Visit `path` with `position` at the next level, unless it lies outside the project.

        `moved`: the step was `..` or a link, the only ways out; any other step stays inside.
        """
        if moved and not os.path.join(os.path.realpath(path), "").startswith(self.real_root):
            self.outside.add(path)
            return
        below.setdefault(path, set()).add(position)


def _closure(parts: tuple[str, ...], positions: set[int]) -> set[int]:
    """`positions`, plus the one after each `**` (which may match no folder at all)."""
    done = set(positions)
    stack = list(positions)
    while stack:
        position = stack.pop()
        if position < len(parts) and parts[position] == "**" and position + 1 not in done:
            done.add(position + 1)
            stack.append(position + 1)
    return done


def _step(folder: str, positions: set[int], parts: tuple[str, ...], matchers: list, end: int,
          found: set[str], below: dict[str, set[int]], walk: _Walk) -> None:
    """Match what `folder` holds against each position; the folders to visit go into `below`."""
    listed: list[os.DirEntry] | None = None
    for position in sorted(positions):
        if position == end:
            found.add(folder)
            continue
        part, last = parts[position], position + 1 == end
        if part != "**" and matchers[position] is None:  # a plain name: looked up, not listed
            walk.budget.spend(1)
            path = os.path.join(folder, part)
            if last and os.path.exists(path):
                found.add(path)
            elif not last and os.path.isdir(path):
                walk.enter(below, path, position + 1, moved=part == ".." or os.path.islink(path))
            continue
        if listed is None:
            listed = _list(folder)
            walk.budget.spend(len(listed))
        for entry in listed:
            if part == "**":
                if _is_dir(entry) and not entry.is_symlink():  # pathlib never follows links here
                    walk.enter(below, os.path.join(folder, entry.name), position, moved=False)
            elif matchers[position](entry.name):
                if last:
                    found.add(os.path.join(folder, entry.name))
                elif _is_dir(entry):
                    walk.enter(below, os.path.join(folder, entry.name), position + 1,
                               moved=entry.is_symlink())


def _list(folder: str) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:  # unreadable, gone, not a folder: pathlib yields nothing from it either
        return []


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
