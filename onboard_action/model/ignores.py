"""Inline ignore comments: `# meltano-onboard: ignore[CODE,CODE2]` in a project's YAML.

A comment at the end of a line silences the named rules on that line. A
comment on a line of its own silences them on the next line that is not
itself a comment, so it can sit above a long value, in the style of
yamllint's `disable-line` and ESLint's `disable-next-line`. A finding is
silenced when the line it points at (its first line) is silenced for its
code; a finding about a whole file (it points at line 1, column 1) is also
silenced by a comment on the file's first line. Only files the check loads
as YAML (meltano.yml, included files, the onboarding file) are read for
comments; findings elsewhere are ignored with the `ignore` input.

Anything after `meltano-onboard:` that is not `ignore[...]` with known codes
is reported by rule N001 (rules/inline_ignores.py) rather than refused: the
comment is in the user's file, not in the command line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from msgspec import Struct

try:  # libyaml's scanner is much faster; the pure-Python one gives the same tokens.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from onboard_action.findings import Finding

if TYPE_CHECKING:
    from onboard_action.load.project import SourceFile

MARKER = "meltano-onboard:"
# Where a directive starts: `#`, optional spaces, the marker. The rest of the
# comment is parsed by DIRECTIVE, so a typo is reported instead of ignored.
_START = re.compile(r"#\s*meltano-onboard:", re.IGNORECASE)
DIRECTIVE = re.compile(r"\s*ignore\[(?P<codes>[^\]]*)\]", re.IGNORECASE)
_CODE = re.compile(r"[^\s,]+")


class Code(Struct, frozen=True):
    code: str  # upper-cased as written
    column: int  # 1-based column of the code in its line


class Directive(Struct, frozen=True):
    """One `# meltano-onboard:` comment, and the line it silences."""

    file: Path
    line: int  # 1-based line of the comment
    column: int  # 1-based column of its `#`
    codes: tuple[Code, ...]
    target: int  # the line it silences
    problem: str = ""  # why it is not understood; empty when it is

    @property
    def end_column(self) -> int:
        return self.column + len("# " + MARKER) - 1


def parse_text(path: Path, text: str) -> list[Directive]:
    """Every directive in a YAML file's text, with the line each one silences."""
    if MARKER not in text.lower():  # most files have none: skip the scan
        return []
    lines = text.splitlines()
    inside = _ScalarRanges(text)
    directives = []
    for number, line in enumerate(lines, start=1):
        for match in _START.finditer(line):
            start = match.start()
            if start > 0 and not line[start - 1].isspace():
                continue  # YAML needs a space before a comment: `a#b` is text
            if inside.covers(number, start + 1):
                continue  # inside a quoted or block scalar: text, not a comment
            directives.append(_directive(path, lines, number, start, match.end()))
            break  # the rest of the line is this comment
    return directives


def _directive(path: Path, lines: list[str], number: int, start: int, rest_at: int) -> Directive:
    line = lines[number - 1]
    standalone = not line[:start].strip()
    target = number
    if standalone:
        target = number + 1
        while target <= len(lines) and lines[target - 1].lstrip().startswith("#"):
            target += 1
    match = DIRECTIVE.match(line, rest_at)
    if not match:
        return Directive(path, number, start + 1, (), target,
                         problem="is not understood (expected `ignore[CODE,...]`)")
    codes = tuple(Code(m.group().upper(), match.start("codes") + m.start() + 1)
                  for m in _CODE.finditer(match["codes"]))
    if not codes:
        return Directive(path, number, start + 1, (), target,
                         problem="names no rule code")
    return Directive(path, number, start + 1, codes, target)


class _ScalarRanges:
    """Where the file's scalars (including quoted and block ones) lie, from YAML's own scanner.

    A `#` inside a scalar is text, not a comment. When the scanner stops at a
    syntax error, text after the error counts as outside any scalar.
    """

    def __init__(self, text: str) -> None:
        self.ranges: list[tuple[tuple[int, int], tuple[int, int]]] = []
        try:
            for token in yaml.scan(text, Loader=_Loader):
                if isinstance(token, yaml.ScalarToken):
                    start, end = token.start_mark, token.end_mark
                    self.ranges.append(((start.line + 1, start.column + 1), (end.line + 1, end.column + 1)))
        except yaml.YAMLError:
            pass  # the loader reports the syntax error (F004)
        self.starts = [start for start, _ in self.ranges]

    def covers(self, line: int, column: int) -> bool:
        # Scalars come from the scanner in order and never overlap: look at the last one
        # that starts before the position (a file may hold many directives and scalars).
        index = bisect.bisect_right(self.starts, (line, column)) - 1
        return index >= 0 and (line, column) < self.ranges[index][1]


def parse_files(sources: Iterable[SourceFile]) -> dict[Path, list[Directive]]:
    """The directives of each YAML file, by its path (`Context.directives`: every file the check loaded)."""
    return {source.path: parse_text(source.path, source.text) for source in sources}


def unsuppressed(findings: Iterable[Finding], directives: dict[Path, list[Directive]]) -> list[Finding]:
    """The findings no inline comment silences."""
    silenced: dict[tuple[Path, int], set[str]] = {}
    whole_file: dict[Path, set[str]] = {}
    for file_directives in directives.values():
        for directive in file_directives:
            codes = {c.code for c in directive.codes}
            silenced.setdefault((directive.file, directive.target), set()).update(codes)
            if directive.line == 1:
                # A finding about the whole file (an empty included file, say)
                # has no line of its own: a comment on the first line speaks for it.
                whole_file.setdefault(directive.file, set()).update(codes)
    if not silenced:
        return list(findings)
    return [f for f in findings
            if f.code not in silenced.get((f.location.file, f.location.line), ())
            and not (f.location.whole_file and f.code in whole_file.get(f.location.file, ()))]
