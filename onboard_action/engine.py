"""One check, start to end: load, build the context, run the rules, apply settings."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from onboard_action import suppress
from onboard_action.context import Context
from onboard_action.facts import compute_facts
from onboard_action.findings import Finding
from onboard_action.loader import load_project
from onboard_action.report import Report
from onboard_action.rules import run_checks
from onboard_action.settings import Settings


def run(settings: Settings) -> Report:
    with collector_paused():
        project = load_project(settings.project_dir, settings.workspace)
        context = Context(project, settings)
        # Inline `# meltano-onboard: ignore[...]` comments first, then the ignore/severity settings.
        findings = apply_settings(suppress.unsuppressed(run_checks(context), context), settings)
        facts = compute_facts(context)
    return Report(
        workspace=settings.workspace,
        project_dir=settings.project_dir,
        fail_on=settings.fail_on,
        threshold=settings.threshold,
        findings=findings,
        facts=facts,
        files=[source.path for source in project.files],
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during one check.

    A project of 5,000 plugins is hundreds of thousands of containers that live
    until the check ends, and the check makes no reference cycles worth
    collecting: each full collection would only walk the project again, about
    a tenth of such a check in all. Reference counting still frees everything else.

    The CLI and the action pause it around the whole command as well: turned
    back on while the project and report are still alive, the collector
    would walk them all at the next allocation (30-40 ms at 5,000 plugins),
    and again as they age. Nested pauses leave it off until the outermost ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def apply_settings(findings: list[Finding], settings: Settings) -> list[Finding]:
    """Drop ignored rules and re-grade the ones the user asked to, by code."""
    kept = []
    for finding in findings:
        if finding.code in settings.ignore:
            continue
        severity = settings.severity.get(finding.code)
        kept.append(finding.with_severity(severity) if severity else finding)
    return kept
