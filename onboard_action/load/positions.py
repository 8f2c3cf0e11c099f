"""Where a piece of a YAML string value sits in the file, for findings about part of a value.

The loader keeps the span of every value. A finding about one block of a
job's task, or one `$VAR` inside a setting, should point at that piece, not
at the start of the whole string. Quotes, escapes and folded lines mean the
text in the file may differ from the value, so the piece is looked up in the
file's text; when it cannot be found unambiguously the whole value is used.

One scalar can hold 100,000 references, so each lookup must cost about the
piece, not the value: a value written as is on one line is a sum; any other is
aligned with its text once (each character of the value to the first place
after the previous one where the text has it: indentation, quotes and folds
are skipped) and a piece is where its characters sit side by side in the
text. Only a short value whose alignment breaks (an escape) is searched.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from msgspec import Struct

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
    if span.line == span.end_line and _as_written(source.text, span, value):
        # Written as is on one line (a plain scalar, the usual case): no need to search
        # the file's text, the piece sits in the line as it sits in the value.
        column = span.column + start
        return Location(source.path, span.line, column, span.line, column + len(needle) - 1)
    found = _alignment(source.text, span, value).place(start, end)
    if found is not None:
        (line, column), (end_line, end_column) = found
        return Location(source.path, line, column, end_line, end_column)
    if len(value) > _SEARCHED:
        return to_location(source.path, span)
    return _searched(source, lines, span, value, start, needle)


# Values longer than this are never searched piece by piece: the search costs the value's length.
_SEARCHED = 4096


def _searched(source: SourceFile, lines: _Lines, span, value: str, start: int, needle: str) -> Location:
    """The piece found by searching the value's text: the occurrence with as many before it."""
    # Which occurrence of the piece in the value we want, so "$A and $A" points right.
    wanted = _count(value[:start], needle)
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


@lru_cache(maxsize=64)
def _as_written(text: str, span, value: str) -> bool:
    """Is `value` the text of its one-line span? Asked once per value however many pieces it has."""
    return _region(_lines(text), span) == value


class _Alignment(Struct, frozen=True):
    """Where each character of a value sits in the text of its span (-1: lost, and all after it)."""

    offsets: array  # into `region`, one per character of the value
    region: str
    line_starts: list[int]  # offsets in `region` where each line of the span starts
    first_line: int
    first_column: int

    def place(self, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        first, last = self.offsets[start], self.offsets[end - 1]
        if first < 0 or last < 0 or last - first != end - start - 1:
            return None  # not side by side in the text: an escape or a fold inside the piece
        return self._position(first), self._position(last)

    def _position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.line_starts, offset) - 1
        column = offset - self.line_starts[index] + 1
        return self.first_line + index, column + (self.first_column - 1 if index == 0 else 0)


@lru_cache(maxsize=64)
def _alignment(text: str, span, value: str) -> _Alignment:
    lines = _lines(text)
    region = "\n".join([lines[span.line - 1][span.column - 1:],
                        *(lines[n - 1] for n in range(span.line + 1, span.end_line + 1))])
    # Machine integers: a value of a million characters would otherwise cost 36 MB of int objects.
    offsets, at = array("q", [-1]) * len(value), 0
    for index, character in enumerate(value):
        at = region.find(character, at)
        if at < 0:
            break
        offsets[index] = at
        at += 1
    line_starts = [0]
    newline = region.find("\n")
    while newline >= 0:
        line_starts.append(newline + 1)
        newline = region.find("\n", newline + 1)
    return _Alignment(offsets, region, line_starts, span.line, span.column)


class _Lines:
    """A text's lines, as `str.splitlines` gives them, each cut from the text when asked.

    A list of them would keep every line of the project's files as a str of
    its own for the whole run: more than the text itself (2.4 MB at 5,000
    plugins); where each line starts costs 8 bytes.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = array("q", accumulate(map(len, text.splitlines(keepends=True)), initial=0))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, index: int) -> str:
        size = len(self._starts) - 1
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("line index out of range")
        # One line with its end: splitting it again drops the end, whichever of `\r\n`, `\n`, `\x0c`... it is.
        return self._text[self._starts[index]:self._starts[index + 1]].splitlines()[0]


@lru_cache(maxsize=16)
def _lines(text: str) -> _Lines:
    # Keyed by the file's text object, whose hash Python caches: one split per file and run.
    return _Lines(text)


def _region(lines: _Lines, span) -> str:
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
    """Non-overlapping occurrences, counted the way `piece_location` walks them (as str.count does)."""
    return text.count(needle)
