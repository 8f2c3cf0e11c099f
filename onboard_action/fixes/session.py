"""Applying fixes and proving them: every edit is checked again, and rolled back if the check disagrees.

A fix is proven when the check of the edited project no longer has its
finding and has no finding the project did not have before. Findings are
matched by rule code, file and subject (what they are about, never their
line), so a finding that a fix only moves (lines added above it) is the same
finding. A fix that fails is a bug of this tool: its files are put back and
the caller reports it (exit code 3).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from msgspec import Struct, field

from onboard_action.fileio import Owner
from onboard_action.findings import Edit, Finding, Fix
from onboard_action.fixes import compatible
from onboard_action.load import edits
from onboard_action.load.edits import Change
from onboard_action.report import UNCHANGED, Report

# Each pass applies the fixes that do not overlap; one left out waits for the next (rarely needed).
MAX_PASSES = 4


def eligible(report: Report, *, unsafe: bool) -> list[Fix]:
    """The fixes to apply: safe ones (and unsafe ones when asked), not of findings a baseline already had."""
    return [fix for fix in report.fixes
            if (fix.safe or unsafe) and report.state(fix.finding) != UNCHANGED]


def changes_for(fixes: Iterable[Fix]) -> list[Change]:
    """Each file the fixes edit, as it is on disk and as the edits make it."""
    by_file: dict[Path, list[Edit]] = {}
    for fix in fixes:
        for edit in fix.edits:
            by_file.setdefault(edit.file, []).append(edit)
    changes = []
    for path, file_edits in by_file.items():
        before = edits.read_text(path)
        changes.append(Change(path, before, edits.apply(before or "", file_edits)))
    return changes


def patch(report: Report, *, unsafe: bool) -> tuple[str, list[Fix]]:
    """The unified diff that `--fix` would start with, and the fixes it holds; nothing is written."""
    chosen = compatible(eligible(report, unsafe=unsafe))
    changes = changes_for(chosen)
    return edits.unified_diff(changes, {c.path: report.relative(c.path) for c in changes}), chosen


class Failure(Struct):
    fix: Fix
    reason: str


class Outcome(Struct):
    report: Report  # the check of the project as the fixes left it
    applied: list[Fix] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # changed on disk, in the order first written


def apply_proven(report: Report, recheck: Callable[[], Report], *, unsafe: bool,
                 owner: Owner | None = None) -> Outcome:
    """Apply the eligible fixes, pass after pass, keeping only those the check again proves."""
    outcome = Outcome(report)
    originals: dict[Path, str | None] = {}
    for _ in range(MAX_PASSES):
        chosen = compatible(eligible(outcome.report, unsafe=unsafe))
        chosen = [fix for fix in chosen if not _failed_before(fix, outcome)]
        if not chosen:
            break
        kept, after = _one_pass(chosen, outcome, recheck, owner, originals)
        if not kept:
            break
        outcome.applied.extend(kept)
        outcome.report = after
    outcome.files = [path for path, before in originals.items() if edits.read_text(path) != before]
    return outcome


def _one_pass(chosen: list[Fix], outcome: Outcome, recheck: Callable[[], Report], owner: Owner | None,
              originals: dict[Path, str | None]) -> tuple[list[Fix], Report]:
    before = outcome.report
    candidates = chosen
    while candidates:
        changes = changes_for(candidates)
        for change in changes:
            originals.setdefault(change.path, change.before)
        written = edits.write(changes, owner)
        after = recheck()
        broken = _broken(candidates, before, after)
        if not broken:
            return candidates, after
        edits.restore(written, owner)
        outcome.failed.extend(Failure(fix, reason) for fix, reason in broken.items())
        candidates = [fix for fix in candidates if fix not in broken]
    return [], before


def _failed_before(fix: Fix, outcome: Outcome) -> bool:
    return any(failure.fix.finding.code == fix.finding.code
               and failure.fix.edits == fix.edits for failure in outcome.failed)


def _key(report: Report, finding: Finding) -> tuple[str, str, str]:
    return (finding.code, report.relative(finding.location.file), finding.subject)


def _broken(fixes: list[Fix], before: Report, after: Report) -> dict[Fix, str]:
    """The fixes the second check disproves, each with why."""
    had = Counter(_key(before, f) for f in before.findings)
    has = Counter(_key(after, f) for f in after.findings)
    broken: dict[Fix, str] = {}
    for fix in fixes:
        key = _key(before, fix.finding)
        if has[key] >= had[key]:
            broken[fix] = "left its finding in place"
    new = [f for f in after.findings if has[_key(after, f)] > had[_key(after, f)]]
    for finding in new:
        file = finding.location.file
        culprits = [fix for fix in fixes if any(edit.file == file for edit in fix.edits)] or fixes
        for fix in culprits:
            # Code and place only: a message quotes the repository's text, which stays out of the log.
            broken.setdefault(fix, f"added a {finding.code} finding at {after.relative(file)}:"
                                   f"{finding.location.line}")
    return broken
