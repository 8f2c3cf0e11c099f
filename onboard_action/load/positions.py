"""Where a piece of a YAML string value sits in the file, for findings about part of a value.

The loader keeps the span of every value. A finding about one block of a
job's task, or one `$VAR` inside a setting, should point at that piece, not
at the start of the whole string. Quotes, escapes and folded lines mean the
text in the file may differ from the value, so the piece is looked up in the
file's text; when it cannot be found unambiguously (or cheaply) the whole
value is used.

Linear in the value, however many pieces are asked of it: what is known of
one value (is it written as is? where does each piece occur?) is worked out
once, not once per piece; 20,000 `${VAR}` in one string cost one pass.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from onboard_action.findings import Location
from onboard_action.load.project import SourceFile, to_location
from onboard_action.load.yamlfile import Span, span_at

# Distinct pieces looked up in one value that is not written as is (each costs a pass over it).
MAX_PIECES_SEARCHED = 256


def piece_location(source: SourceFile, path: tuple, value: str, start: int, end: int) -> Location:
    """The location of `value[start:end]`, the string found at `path` in `source`."""
    span = span_at(source.data, path)
    needle = value[start:end]
    if span is None or not needle:
        return to_location(source.path, span)
    layout = _layout(source.text, span, value)
    if layout is None:
        return to_location(source.path, span)
    if layout.offset is not None:
        # Written as is on one line (a plain scalar, the usual case, or quoted without an
        # escape): the piece sits in the line where it sits in the value.
        column = span.column + layout.offset + start
        return Location(source.path, span.line, column, span.line, column + len(needle) - 1)
    found = layout.find(needle, start)
    return Location(source.path, *found) if found else to_location(source.path, span)


class _Layout:
    """One value and the file text it was read from (quoted, escaped or folded)."""

    def __init__(self, lines: list[str], span: Span, value: str) -> None:
        self.lines, self.span, self.value = lines, span, value
        # Where the value starts in its one line (0, or 1 after a quote) when written as is there.
        self.offset: int | None = None
        if span.line == span.end_line:
            region = lines[span.line - 1][span.column - 1:span.end_column]
            if region == value:
                self.offset = 0
            elif len(region) >= 2 and region[0] == region[-1] and region[0] in "'\"" \
                    and region[1:-1] == value:
                self.offset = 1
        # needle -> (its starts in the value, its places in the file), or None when they disagree
        self._pieces: dict[str, tuple[list[int], list[tuple[int, int, int, int]]] | None] = {}

    def find(self, needle: str, start: int) -> tuple[int, int, int, int] | None:
        if needle not in self._pieces:
            if len(self._pieces) >= MAX_PIECES_SEARCHED:
                return None
            starts, places = _starts(self.value, needle), self._places(needle)
            # Escapes can make the piece in the file differ from the value: then it is ambiguous.
            self._pieces[needle] = (starts, places) if len(starts) == len(places) else None
        known = self._pieces[needle]
        if known is None:
            return None
        starts, places = known
        # Which occurrence of the piece in the value we want, so "$A and $A" points right.
        return places[min(bisect_left(starts, start), len(places) - 1)]

    def _places(self, needle: str) -> list[tuple[int, int, int, int]]:
        span, places = self.span, []
        for number in range(span.line, span.end_line + 1):
            text = self.lines[number - 1]
            first = span.column - 1 if number == span.line else 0
            # A multi-line value is read to the end of its last line: the loader's end column of
            # a block scalar is approximate, and the occurrence count guards against text after it.
            last = span.end_column if number == span.end_line == span.line else len(text)
            column = text.find(needle, first)
            while column != -1 and column + len(needle) <= last:
                places.append((number, column + 1, number, column + len(needle)))
                column = text.find(needle, column + len(needle))
        return places


@lru_cache(maxsize=64)
def _layout(text: str, span: Span, value: str) -> _Layout | None:
    # Keyed by the file's text and the value, whose hashes Python caches: worked out once per value.
    lines = _lines(text)
    if span.end_line > len(lines):
        return None
    return _Layout(lines, span, value)


@lru_cache(maxsize=16)
def _lines(text: str) -> list[str]:
    # Keyed by the file's text object, whose hash Python caches: one split per file and run.
    return text.splitlines()


def _starts(text: str, needle: str) -> list[int]:
    """Where the non-overlapping occurrences of `needle` start, as `_Layout._places` walks them."""
    starts, index = [], text.find(needle)
    while index != -1:
        starts.append(index)
        index = text.find(needle, index + len(needle))
    return starts
