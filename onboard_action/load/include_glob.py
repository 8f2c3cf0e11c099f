"""`include_paths` patterns resolved as Meltano resolves them (`Path(root).glob(pattern)`), in one walk.

pathlib's glob chains one selector per pattern segment, and each `**` walks
the whole tree below every folder the previous segments matched: a pattern
with k groups of `**` costs depth**k over a chain of folders, which one
committed file can hold (`./**/d*/**/d*/**/d*/**/*.yml` over 60 nested
folders took 35 s). Here the pattern is an automaton over its segments: the
walk visits each entry once, carrying the set of segments it may match next
(at most one per segment), so the cost is entries x segments, and a cap on
the entries visited stops a walk that is still too long.

The answers are pathlib's (Python 3.11 and 3.12, POSIX): `*`, `?` and `[...]`
match within a name, dotfiles included, case-sensitively; `**` matches zero
or more folders, never entering a symbolic link; a segment followed by others matches folders only
(links to folders included); a last segment matches anything that exists
(a wildcard: any entry listed, a dangling link too); `.` and empty segments
are dropped and `..` is the parent, lexically. tests/test_include_glob.py
compares the two on generated trees.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path

from msgspec import Struct

# Entries a project's include patterns may visit together: 5,000 plugins over 30 include files visit
# a few hundred; a tree that needs more is not a Meltano project's layout.
MAX_ENTRIES = 100_000


class WalkBudget(Struct):
    """Entries the include patterns of one project may still visit."""

    left: int = MAX_ENTRIES


class BadPattern(ValueError):
    """A pattern pathlib refuses, with pathlib's reason."""


class TooLong(Exception):
    """The walk went past the budget; `visited` entries were looked at for this pattern."""

    def __init__(self, visited: int) -> None:
        self.visited = visited


def _wild(segment: str) -> bool:
    return "*" in segment or "?" in segment or "[" in segment


def segments_of(pattern: str) -> list[str]:
    """The pattern's segments as pathlib parses them; BadPattern where pathlib raises."""
    parts = [part for part in pattern.split("/") if part not in ("", ".")]
    if not parts:
        raise BadPattern(f"Unacceptable pattern: {pattern!r}")
    for part in parts:
        if "**" in part and part != "**":
            raise BadPattern("Invalid pattern: '**' can only be an entire path component")
    return parts


def glob(root: Path, pattern: str, budget: WalkBudget) -> list[Path]:
    """What `root.glob(pattern)` yields, sorted and without repeats; TooLong past the budget."""
    segments = segments_of(pattern)
    last = len(segments)
    visited = 0

    def spend(count: int) -> None:
        nonlocal visited
        visited += count
        budget.left -= count
        if budget.left < 0:
            raise TooLong(visited)

    def closure(states: set[int]) -> set[int]:
        # `**` may match no folder at all: its position also stands for the next one.
        done = set(states)
        stack = list(states)
        while stack:
            state = stack.pop()
            if state < last and segments[state] == "**" and state + 1 not in done:
                done.add(state + 1)
                stack.append(state + 1)
        return done

    found: set[str] = set()
    stack: list[tuple[str, frozenset[int]]] = [(str(root), frozenset({0}))]
    expanded: set[tuple[str, frozenset[int]]] = set()
    while stack:
        folder, states = stack.pop()
        if (folder, states) in expanded:
            continue
        expanded.add((folder, states))
        active = closure(set(states))
        if last in active:
            found.add(folder)
        children: dict[str, set[int]] = {}
        listing: list[os.DirEntry] | None = None
        for state in sorted(s for s in active if s < last):
            segment = segments[state]
            more = state + 1 < last  # a segment followed by others matches folders only
            if segment == "**" or _wild(segment):
                if listing is None:
                    listing = _listing(folder)
                    spend(len(listing) + 1)
                for entry in listing:
                    if segment == "**":
                        if not _is_dir(entry):
                            continue
                        if not entry.is_symlink():
                            children.setdefault(entry.path, set()).add(state)
                    elif fnmatchcase(entry.name, segment) and (not more or _is_dir(entry)):
                        children.setdefault(entry.path, set()).add(state + 1)
            else:
                spend(1)
                path = os.path.join(folder, segment)
                if os.path.isdir(path) if more else os.path.exists(path):
                    children.setdefault(path, set()).add(state + 1)
        for path, next_states in children.items():
            stack.append((path, frozenset(next_states)))
    return sorted(Path(path) for path in found)


def _listing(folder: str) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []  # pathlib skips a folder it cannot list


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
