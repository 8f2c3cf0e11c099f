"""Fixes: for a finding with one obviously right edit, that edit, as text edits from the loader's spans.

A module here declares a fix with `@fixer(RULE, safe=...)`: the rule it
removes findings of, and whether the edit can be applied without review (a
safe fix only changes how a thing is written; an unsafe one changes what the
project does). A fixer returns a description and the minimal edits, or None
when the finding has no single right edit (a did-you-mean with two answers).
Everything else in the file (comments, order, quoting, indentation) stays as
written, because only the edited ranges change. Modules are discovered, like
the rules: adding a fix touches only its module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from onboard_action.findings import Edit, Finding, Fix, Location
from onboard_action.load.project import SourceFile
from onboard_action.load.yamlfile import YList, YMap
from onboard_action.rules import Rule, import_modules
from onboard_action.values.suggest import only_closest

if TYPE_CHECKING:
    from onboard_action.model.context import Context

# (description, edits), or None: no fix for this finding.
FixFunction = Callable[[Finding, "Context"], "tuple[str, list[Edit]] | None"]


class Fixer(Struct, frozen=True):
    rule: Rule
    safe: bool
    function: FixFunction


FIXERS: dict[str, Fixer] = {}


def fixer(rule: Rule, *, safe: bool) -> Callable[[FixFunction], FixFunction]:
    """Register the fix of `rule`'s findings: `@fixer(RULE, safe=True)`."""
    def register(function: FixFunction) -> FixFunction:
        if rule.code in FIXERS:
            raise ValueError(f"rule {rule.code} has two fixes")
        FIXERS[rule.code] = Fixer(rule, safe, function)
        return function
    return register


def load_all() -> dict[str, Fixer]:
    """Import every fix module once; the fixers by rule code."""
    import_modules(__name__)
    return dict(sorted(FIXERS.items()))


def propose(findings: Iterable[Finding], context: Context) -> list[Fix]:
    """A fix for every finding whose rule has one and whose edits apply cleanly, in finding order."""
    fixers = load_all()
    fixes = []
    for finding in findings:
        found = fixers.get(finding.code)
        if found is None:
            continue
        proposal = found.function(finding, context)
        if proposal is None:
            continue
        description, edits = proposal
        if edits:
            fixes.append(Fix(finding, description, tuple(edits), found.safe))
    return fixes


def compatible(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes that can be applied together: each in turn, unless its edits overlap those before it.

    One left out is proposed again by the next pass, on the file the others made.
    """
    chosen: list[Fix] = []
    taken: dict = {}
    for fix in fixes:
        ranges = [(edit.file, edit.start, edit.end) for edit in fix.edits]
        if any(_overlaps(r, other) for r in ranges for other in taken.get(r[0], ())):
            continue
        chosen.append(fix)
        for r in ranges:
            taken.setdefault(r[0], []).append(r)
    return chosen


def _overlaps(a: tuple, b: tuple) -> bool:
    # Two insertions at the same point would depend on their order: count them as overlapping too.
    _, a_start, a_end = a
    _, b_start, b_end = b
    return (a_start < b_end and b_start < a_end) or a_start == b_start



# --- what fixers share -----------------------------------------------------------

def source_of(context: Context, path: Path) -> SourceFile | None:
    """The loaded YAML file (project file or onboarding file) at `path`."""
    sources = list(context.project.files)
    if context.onboarding is not None:
        sources.append(context.onboarding.source)
    return next((source for source in sources if source.path == path and source.text), None)


def written(source: SourceFile, location: Location) -> str | None:
    """The text of the file at a one-line location, or None when the location spans lines."""
    if location.end_line not in (None, location.line):
        return None
    line = source.line_text(location.line)
    end = location.end_column if location.end_column is not None else location.column
    return line[location.column - 1:end]


def replace_at(location: Location, text: str) -> Edit:
    """An edit replacing a one-line location (inclusive end, as findings have it) with `text`."""
    end = location.end_column if location.end_column is not None else location.column
    return Edit(location.file, location.line, location.column, location.line, end + 1, text)


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def key_at(source: SourceFile, location: Location) -> tuple[tuple, YMap, str] | None:
    """(path of the mapping, the mapping, the key) whose key is written at `location`."""
    point = (location.line, location.column)
    stack: list[tuple[tuple, object]] = [((), source.data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, YMap):
            for key, value in node.items():
                span = node.key_span(key)
                if (span.line, span.column) == point:
                    return path, node, key
                stack.append(((*path, key), value))
        elif isinstance(node, YList):
            stack.extend(((*path, i), value) for i, value in enumerate(node))
    return None


_DID_YOU_MEAN = re.compile(r"did you mean `([A-Za-z_][A-Za-z0-9_-]*)`\?")


def unique_suggestion(finding: Finding, word: str, candidates: Iterable[str]) -> str | None:
    """The did-you-mean of the finding's hint, when no other candidate is as close to `word`."""
    found = _DID_YOU_MEAN.fullmatch(finding.hint)
    if found is None:
        return None
    if only_closest(word, candidates) != found.group(1):
        return None  # another name is as close: which one was meant is the author's to say
    return found.group(1)
