"""What a finding is about, in words that survive unrelated edits: the subject of its fingerprint.

A finding in a YAML file the check loaded (meltano.yml, an included file, the
onboarding file) is about the node its location points into, named by its
path: `plugins.extractors[name=tap-x].variant`. List entries are named by
their `name` when they have one, by their text when they are plain values
(`include_paths[=./extract/*.yml]`), and by their index otherwise, so moving a
block or adding lines above it keeps the subject and renaming it changes it.
A finding anywhere else (a lock file, `.gitignore`, the `.env`) is about what
its message says, with numbers left out: they are counts and positions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from onboard_action.findings import Finding
from onboard_action.load.project import SourceFile
from onboard_action.load.yamlfile import YList, YMap

_NUMBER = re.compile(r"\d+")
_PLAIN_KEY = re.compile(r"[A-Za-z_][\w-]*\Z")


def with_subjects(findings: Iterable[Finding], sources: Iterable[SourceFile]) -> list[Finding]:
    by_path: dict[Path, Any] = {source.path: source.data for source in sources
                                if isinstance(source.data, (YMap, YList))}
    starts: dict[int, tuple] = {}  # id of a container -> where each child starts, and its keys
    return [replace(finding, subject=subject_of(finding, by_path, starts)) for finding in findings]


def subject_of(finding: Finding, data_by_file: dict[Path, Any],
               starts: dict[int, tuple]) -> str:
    data = data_by_file.get(finding.location.file)
    location = finding.location
    if data is not None and not location.whole_file:
        path = _path_at(data, (location.line, location.column), starts)
        if path:
            return path
    return _NUMBER.sub("#", finding.message)


def _path_at(data: Any, point: tuple[int, int], starts: dict[int, tuple]) -> str:
    """The dotted path of the deepest key or item that holds `point` (line, column)."""
    parts: list[str] = []
    node = data
    while isinstance(node, (YMap, YList)):
        step = _child_at(node, point, starts)
        if step is None:
            break
        label, node = step
        parts.append(label)
    return "".join(parts).lstrip(".")


def _child_at(node: YMap | YList, point: tuple[int, int],
              starts: dict[int, tuple]) -> tuple[str, Any] | None:
    # Children are in file order: the candidate is the last one starting at or before the point.
    cached = starts.get(id(node))
    if cached is None:
        keys = list(node) if isinstance(node, YMap) else None
        spans = ([node.key_span(key) for key in keys] if keys is not None
                 else [node.item_span(i) for i in range(len(node))])
        cached = starts[id(node)] = ([(span.line, span.column) for span in spans], keys)
    begins, keys = cached
    index = bisect_right(begins, point) - 1
    if index < 0:
        return None
    # No end check: PyYAML ends a block collection where the next token starts, so the last
    # child's end is unreliable; the point lies inside `node`, so it belongs to this child.
    if keys is not None:
        key = keys[index]
        return (f".{key}" if _PLAIN_KEY.match(key) else f"[{key!r}]"), node[key]
    return f"[{_entry_label(node[index], index)}]", node[index]


def _entry_label(value: Any, index: int) -> str:
    if isinstance(value, YMap) and isinstance(value.get("name"), str):
        return f"name={value['name']}"
    if isinstance(value, (str, int, float, bool)):
        return f"={value}"
    return str(index)
