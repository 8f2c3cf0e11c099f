"""One check, start to end: load, build the context, run the rules, apply settings."""

from __future__ import annotations

from onboard_action import suppress
from onboard_action.context import Context
from onboard_action.facts import compute_facts
from onboard_action.findings import Finding
from onboard_action.loader import load_project
from onboard_action.report import Report
from onboard_action.rules import run_checks
from onboard_action.settings import Settings


def run(settings: Settings) -> Report:
    project = load_project(settings.project_dir)
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


def apply_settings(findings: list[Finding], settings: Settings) -> list[Finding]:
    """Drop ignored rules and re-grade the ones the user asked to, by code."""
    kept = []
    for finding in findings:
        if finding.code in settings.ignore:
            continue
        severity = settings.severity.get(finding.code)
        kept.append(finding.with_severity(severity) if severity else finding)
    return kept
