"""One check, start to end: load the project once, then check it (rules, settings, facts) into a report."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from onboard_action.facts import compute_facts
from onboard_action.findings import Finding, kept_per_rule
from onboard_action.load.loader import load_project
from onboard_action.load.project import Project
from onboard_action.model import ignores
from onboard_action.model.context import Context
from onboard_action.model.subjects import with_subjects
from onboard_action.report import Report
from onboard_action.rules import run_checks
from onboard_action.settings import Settings

if TYPE_CHECKING:
    from onboard_action.secrets.encryption import SecretsRun


def load(settings: Settings) -> Project:
    """The project's files, read once with their positions; problems are recorded, never raised."""
    with collector_paused():
        return load_project(settings.project_dir, settings.workspace)


def check(project: Project, settings: Settings, secrets: SecretsRun | None = None) -> Report:
    """Run the rules on a loaded project, apply the settings and compute the facts."""
    with collector_paused():
        context = Context(project, settings, secrets)
        # Inline `# meltano-onboard: ignore[...]` comments first, then the ignore/severity settings.
        findings = apply_settings(ignores.unsuppressed(run_checks(context), context.directives), settings)
        findings = kept_per_rule(findings)  # before subjects and reports, which cost per finding
        yaml_sources = _yaml_sources(context)
        findings = with_subjects(findings, yaml_sources)
        facts = compute_facts(context)
    return Report(
        workspace=settings.workspace,
        project_dir=settings.project_dir,
        fail_on=settings.fail_on,
        threshold=settings.threshold,
        findings=findings,
        facts=facts,
        files=[source.path for source in project.files],
        links=settings.links,
        sources=_sources(yaml_sources),
        repository=settings.github.repository_name if settings.github else "",
        config_file=settings.config_file,
    )


def _yaml_sources(context: Context) -> list:
    """The YAML files whose findings get a path as their subject: the project's and the onboarding file."""
    sources = list(context.project.files)
    if context.onboarding is not None:
        sources.append(context.onboarding.source)
    return sources


def _sources(sources: list) -> dict:
    """The text of the YAML files read, for reporters that quote a line (never .env or secrets)."""
    return {source.path: source.text for source in sources if source.text}


def run(settings: Settings, secrets: SecretsRun | None = None) -> Report:
    """Load, then check: what a command does when it needs the project only for the check."""
    return check(load(settings), settings, secrets)


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
    """Drop ignored rules (everywhere, or in the files of a per-file ignore) and re-grade by code."""
    kept = []
    per_file: dict = {}  # file -> the codes its per-file ignores drop; thousands of findings share a file
    for finding in findings:
        if finding.code in settings.ignore:
            continue
        if settings.per_file_ignores:
            file = finding.location.file
            if file not in per_file:
                per_file[file] = settings.ignored_in(file)
            if finding.code in per_file[file]:
                continue
        severity = settings.severity.get(finding.code)
        kept.append(finding.with_severity(severity) if severity else finding)
    return kept
