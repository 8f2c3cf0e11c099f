"""The `full` format: each finding's line, the line it points at with a caret under the span, and the fix.

As ruff and actionlint print them:

    meltano.yml:44:15: error: schedule 'nightly': interval `61 25 * * *`: ... [S003]
       |
    44 |     interval: "61 25 * * *"
       |               ^^^^^^^^^^^^^
       = fix: fields: minute 0-59, hour 0-23, ...

Only lines of the YAML files the check read are quoted (`Report.sources`),
never a line of a `.env`, a secrets or a key file; on a line where a
finding of a secret rule (`Rule.secret`) points, everything from the secret
on is masked, whichever finding quotes the line.
"""

from __future__ import annotations

import re

from onboard_action.findings import Finding
from onboard_action.report import Report
from onboard_action.reporters import reporter
from onboard_action.reporters.terminal import PLAIN, Style, path_shown, printable
from onboard_action.reporters.text import finding_line, listed, verdict_line
from onboard_action.rules import load_all

MAX_SHOWN = 120  # characters of a long line shown around the span
CONTEXT_BEFORE = 40
MASK = "*"
# A plain or quoted YAML key and its colon: `password: `, `"api-token": `.
_KEY = re.compile(r"""(?:[\w.\-]+|"[\w.\-]+"|'[\w.\-]+'):[ \t]+""")


@reporter("full", styled=True)
def render_full(report: Report, style: Style = PLAIN) -> str:
    lines_of = _Lines(report)
    rules = load_all()
    # Where a secret starts, on any line a secret rule points at, whichever finding quotes the line.
    secrets: dict[tuple, int] = {}
    for finding in report.findings:
        rule, loc = rules.get(finding.code), finding.location
        if rule is not None and rule.secret:
            key = (loc.file, loc.line)
            secrets[key] = min(secrets.get(key, loc.column), loc.column)
    blocks = []
    for finding in listed(report):
        loc = finding.location
        blocks.append(_block(report, finding, lines_of, style, secrets.get((loc.file, loc.line))))
    blocks.append(verdict_line(report, style) + "\n")
    return "\n".join(blocks)


def _block(report: Report, finding: Finding, lines_of: _Lines, style: Style, secret: int | None) -> str:
    out = [finding_line(report, finding, style, hint=False)]
    loc = finding.location
    line = None if loc.whole_file else lines_of.line(loc.file, loc.line)
    gutter = " " * len(str(loc.line))
    if line is not None:
        start = loc.column - 1
        end = loc.end_column if loc.end_line in (None, loc.line) and loc.end_column else len(line)
        end = max(min(end, len(line)), start + 1)
        if secret is not None:
            line = masked(line, secret)
        shown, start, end = _window(printable(line), start, end)
        bar = style.paint("gutter", "|")
        out += [f"{gutter} {bar}",
                f"{style.paint('gutter', str(loc.line))} {bar} {shown}",
                f"{gutter} {bar} {' ' * start}{style.paint(finding.severity.label, '^' * (end - start))}"]
    if finding.hint:
        out.append(f"{gutter} {style.paint('gutter', '=')} {style.paint('fix', 'fix:')} "
                   f"{_printable_line(finding.hint)}")
    for place in finding.related:
        out.append(f"{gutter} {style.paint('gutter', '=')} see: "
                   f"{path_shown(report.relative(place.file))}:{place.line}:{place.column}")
    docs = report.links.rule(finding.code)
    if docs:
        out.append(f"{gutter} {style.paint('gutter', '=')} docs: {docs}")
    return "\n".join(out) + "\n"


def masked(line: str, column: int) -> str:
    """`line` with the secret at `column` and everything after it starred; a key there stays readable."""
    start = column - 1
    key = _KEY.match(line, start)
    if key:
        start = key.end()
    return line[:start] + MASK * max(0, len(line) - start)


def _printable_line(text: str) -> str:
    return printable(" ".join(text.split()))


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """A long line cut around the span, with `…` where it was cut; the span's new start and end."""
    if len(line) <= MAX_SHOWN:
        return line, start, end
    begin = max(0, start - CONTEXT_BEFORE)
    stop = min(len(line), max(begin + MAX_SHOWN, start + 1))
    head = "…" if begin else ""
    tail = "…" if stop < len(line) else ""
    return head + line[begin:stop] + tail, start - begin + len(head), min(end, stop) - begin + len(head)


class _Lines:
    """The lines of each quoted file, split once however many findings it has."""

    def __init__(self, report: Report) -> None:
        self.sources = report.sources
        self.split: dict = {}

    def line(self, file, number: int) -> str | None:
        if file not in self.sources:
            return None
        lines = self.split.get(file)
        if lines is None:
            lines = self.split[file] = self.sources[file].splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else None
