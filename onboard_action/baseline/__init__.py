"""Gating on what a change introduces: this run's findings against a baseline's.

A baseline is an earlier JSON report (`--baseline FILE`) or the same check run
on the project as it was at a git revision (`--baseline-ref REF`, the action's
`new-findings-only`). Findings are matched by fingerprint (report.fingerprint:
rule code, file and subject, never the line), so moving a block or adding
lines above it changes nothing, and renaming what a finding is about makes it
new. With a baseline the verdict and `fail-on` count only the new findings;
the others are still reported, marked `unchanged`, and the baseline's findings
that are gone are reported as fixed (`absent`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from onboard_action import engine
from onboard_action.errors import UsageError
from onboard_action.fileio import read_regular
from onboard_action.findings import relative_path
from onboard_action.load.git import Git, boundary_of
from onboard_action.report import Comparison, Report
from onboard_action.reporters.json_report import report_dict
from onboard_action.settings import Settings

# A JSON report of a few hundred thousand findings; anything larger is not one of ours.
MAX_REPORT_BYTES = 256 * 1024 * 1024


def judge(report: Report, settings: Settings) -> Report:
    """The report against the baseline the settings name; unchanged when they name none."""
    if settings.baseline_file is not None and settings.baseline_ref:
        raise UsageError("give one baseline: a report file (--baseline) or a git revision (--baseline-ref)")
    if settings.baseline_file is not None:
        shown = report.relative(settings.baseline_file)
        return compare(report, from_report_file(settings.baseline_file, shown), f"report {shown}")
    if settings.baseline_ref:
        return compare(report, *from_revision(settings.baseline_ref, settings))
    return report


def compare(report: Report, earlier: list[dict[str, Any]], baseline: str) -> Report:
    """`report`, judged against the findings of an earlier run (as its JSON report lists them)."""
    known = frozenset(entry["fingerprint"] for entry in earlier)
    now = {report.fingerprint(finding) for finding in report.findings}
    absent = [entry for entry in earlier if entry["fingerprint"] not in now]
    return replace(report, comparison=Comparison(baseline, known, absent))


def from_report_file(path: Path, shown: str) -> list[dict[str, Any]]:
    """The findings of an earlier JSON report; a usage error naming the file when it is not one."""
    what = f"baseline {shown!r}"
    try:
        if not path.is_file():
            raise UsageError(f"{what} is not a file; give the JSON report of an earlier run "
                             "(`--report-file` or the action's `report-file`)")
        raw = read_regular(path, MAX_REPORT_BYTES)
        if len(raw) > MAX_REPORT_BYTES:
            raise UsageError(f"{what} is larger than {MAX_REPORT_BYTES // 2**20} MiB: not a report")
        data = json.loads(raw)
    except OSError as exc:
        raise UsageError(f"{what} cannot be read ({exc.strerror or exc})") from None
    except (ValueError, RecursionError):
        raise UsageError(f"{what} is not JSON; give the JSON report of an earlier run") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or not all(
            isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings):
        raise UsageError(f"{what} is not a meltano-onboard JSON report with fingerprints; write one "
                         "with `--report-file` from meltano-onboard 0.2 or later")
    return findings


def from_revision(ref: str, settings: Settings) -> tuple[list[dict[str, Any]], str]:
    """The findings of the same check on the project as it was at git revision `ref`."""
    git = Git(settings.project_dir, boundary_of(settings.project_dir, settings.workspace,
                                                confined=settings.confined))
    if git.top is None:
        raise UsageError(f"the baseline revision {ref!r} needs a git repository, and the project folder "
                         f"{relative_path(settings.project_dir, settings.workspace)!r} is not in one")
    commit = git.commit_of(ref)
    if commit is None:
        raise UsageError(
            f"the baseline revision {ref!r} is not in this clone (a shallow checkout?): check out with "
            "`fetch-depth: 0` (actions/checkout), or run `git fetch --depth=1 origin "
            f"{ref}` before the check")
    import tempfile  # only a revision baseline needs a folder

    with tempfile.TemporaryDirectory(prefix="meltano-onboard-baseline-") as folder:
        copy = Path(folder).resolve() / "tree"
        if not git.add_worktree(commit, copy):
            raise UsageError(f"git could not check out revision {commit[:12]} of this repository")
        try:
            base = _settings_at(settings, git.top, copy)
            if not base.project_dir.is_dir():
                return [], f"revision {commit[:12]}"  # the project is new in this change
            with engine.collector_paused():
                found = report_dict(engine.run_all(base))["findings"]
        finally:
            git.remove_worktree(copy)
    return found, f"revision {commit[:12]}"


def _settings_at(settings: Settings, top: Path, copy: Path) -> Settings:
    """The same settings, pointed at the copy of the repository: same relative paths, no outputs."""
    def moved(path: Path) -> Path:
        resolved = path.resolve()
        return copy / os.path.relpath(resolved, top) if resolved.is_relative_to(top) else copy
    # Every project of the run, each compared with itself: fingerprints name the file, hence the project.
    dirs = tuple(moved(path) for path in settings.project_dirs if moved(path).is_dir())
    return replace(settings, project_dir=moved(settings.project_dir), workspace=moved(settings.workspace),
                   project_dirs=dirs,
                   report_file=None, sarif_file=None, packet_file=None)
