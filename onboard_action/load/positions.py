"""Where a piece of a YAML string value sits in the file, for findings about part of a value.

The loader keeps the span of every value. A finding about one block of a
job's task, or one `$VAR` inside a setting, should point at that piece, not
at the start of the whole string. Quotes, escapes and folded lines mean the
text in the file may differ from the value, so the piece is looked up in the
file's text; when it cannot be found unambiguously the whole value is used.
"""

from __future__ import annotations

from functools import lru_cache

from onboard_action.findings import Location
from onboard_action.load.project import SourceFile, to_location
from onboard_action.load.yamlfile import span_at


def piece_location(source: SourceFile, path: tuple, value: str, start: int, end: int) -> Location:
    """The location of `value[start:end]`, the string found at `path` in `source`."""
    span = span_at(source.data, path)
    needle = value[start:end]
    if span is None or not needle:
        return to_location(source.path, span)
    lines = _lines(source.text)
    if span.end_line > len(lines):
        return to_location(source.path, span)
    # Which occurrence of the piece in the value we want, so "$A and $A" points right.
    wanted = _count(value[:start], needle)
    if span.line == span.end_line and _region(lines, span) == value:
        # Written as is on one line (a plain scalar, the usual case): no need to search
        # the file's text, the piece sits in the line as it sits in the value.
        column = span.column + _nth(value, needle, wanted)
        return Location(source.path, span.line, column, span.line, column + len(needle) - 1)
    if _count(value, needle) != _count(_region(lines, span), needle):
        return to_location(source.path, span)
    seen = 0
    for number in range(span.line, span.end_line + 1):
        text = lines[number - 1]
        first = span.column - 1 if number == span.line else 0
        # A multi-line value is read to the end of its last line: the loader's end column of
        # a block scalar is approximate, and the occurrence count guards against text after it.
        last = span.end_column if number == span.end_line == span.line else len(text)
        column = text.find(needle, first)
        while column != -1 and column + len(needle) <= last:
            if seen == wanted:
                return Location(source.path, number, column + 1, number, column + len(needle))
            seen += 1
            column = text.find(needle, column + len(needle))
    return to_location(source.path, span)


@lru_cache(maxsize=16)
def _lines(text: str) -> list[str]:
    # Keyed by the file's text object, whose hash Python caches: one split per file and run.
    return text.splitlines()


def _region(lines: list[str], span) -> str:
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1:span.end_column]
    parts = [lines[span.line - 1][span.column - 1:]]
    parts.extend(lines[n - 1] for n in range(span.line + 1, span.end_line))
    parts.append(lines[span.end_line - 1])
    return "\n".join(parts)


def _nth(text: str, needle: str, wanted: int) -> int:
    """Where the `wanted`-th (from 0) occurrence is, counted the way `_count` counts them."""
    index = text.find(needle)
    for _ in range(wanted):
        index = text.find(needle, index + len(needle))
    return index


def _count(text: str, needle: str) -> int:
    """Non-overlapping occurrences, counted the way `piece_location` walks them."""
    count, index = 0, text.find(needle)
    while index != -1:
        count += 1
        index = text.find(needle, index + len(needle))
    return count
