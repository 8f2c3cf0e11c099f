"""One run, start to end: load the projects once, then check them (rules, settings, facts) into a report.

A run checks the folders named in the settings, or, in `auto` mode (no
folder named), every project the onboarding file lists (the workspace
itself when it lists none). The organization's checks run once; each
project's checks run once per project, each with its own `Context`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from onboard_action.errors import UsageError
from onboard_action.facts import compute_facts, compute_org_facts, ordered
from onboard_action.findings import Finding, relative_path
from onboard_action.load.loader import load_project
from onboard_action.load.project import Project
from onboard_action.model import ignores
from onboard_action.model.context import Context, OrgContext
from onboard_action.model.onboarding import root_problem
from onboard_action.report import ProjectReport, Report
from onboard_action.rules import run_checks, run_org_checks
from onboard_action.settings import Settings

if TYPE_CHECKING:
    from onboard_action.secrets.encryption import SecretsRun


def load(settings: Settings) -> Project:
    """The project at `settings.project_dir`, read once with its positions; problems recorded, not raised."""
    with collector_paused():
        return load_project(settings.project_dir, settings.workspace)


def load_run(settings: Settings) -> OrgContext:
    """Every project of the run, read once; the onboarding file is read to know which in `auto` mode."""
    with collector_paused():
        run = OrgContext(settings)
        folders = list(settings.project_dirs) or listed_folders(run) or [settings.project_dir]
        run.projects = [load_project(folder, settings.workspace) for folder in folders]
        return run


def listed_folders(run: OrgContext) -> list[Path] | None:
    """The project folders the onboarding file lists, without those outside the workspace (O043).

    None when the file lists no project (or cannot be read): the run checks the workspace then.
    """
    onboarding = run.onboarding
    if onboarding is None or onboarding.data is None or not onboarding.projects:
        return None
    workspace = run.settings.workspace
    return [root for root, entry in onboarding.listed_roots()
            if root_problem(entry, onboarding, workspace) is None]


def only_project(projects: list[Project], settings: Settings, what: str) -> Project:
    """The project of a run that must have exactly one: a secrets file (or a .env) is one project's."""
    if len(projects) == 1:
        return projects[0]
    folders = ", ".join(relative_path(p.root, settings.workspace) or "." for p in projects) or "none"
    raise UsageError(f"{what} one project's secrets, but this run checks {len(projects)} projects "
                     f"({folders}): name the folder of the project they belong to")


def check(project: Project, settings: Settings, secrets: SecretsRun | None = None) -> Report:
    """Run the rules on one loaded project, as a run of that project alone."""
    return check_run(OrgContext(settings, [project]), secrets)


def check_run(run: OrgContext, secrets: SecretsRun | None = None) -> Report:
    """The organization's checks once, each project's checks once per project, the settings, the facts."""
    settings = run.settings
    with collector_paused():
        run.secrets = secrets
        # Inline `# meltano-onboard: ignore[...]` comments first, then the ignore/severity settings.
        organization = apply_settings(ignores.unsuppressed(run_org_checks(run), run), settings)
        org_facts = compute_org_facts(run)
        parts = [_check_project(project, run) for project in run.projects]
        organization = _attribute(organization, parts, run)
    single = parts[0] if len(parts) == 1 else None
    facts = org_facts
    if single is not None:  # one project: its facts where a report has always had them
        merged = {**org_facts, **single.facts}
        facts = {f.name: merged[f.name] for f in ordered() if f.name in merged}
    return Report(
        workspace=settings.workspace,
        project_dir=single.root if single else settings.project_dir if not parts else settings.workspace,
        fail_on=settings.fail_on,
        threshold=settings.threshold,
        findings=organization + [f for part in parts for f in part.findings],
        facts=facts,
        files=[path for part in parts for path in part.files],
        projects=parts,
    )


def run(settings: Settings, secrets: SecretsRun | None = None) -> Report:
    """Load, then check: what a command does when it needs the projects only for the check."""
    return check_run(load_run(settings), secrets)


def _check_project(project: Project, run: OrgContext) -> ProjectReport:
    settings = run.settings
    context = Context(project, settings, run.secrets, org=run)
    findings = apply_settings(ignores.unsuppressed(run_checks(context), context), settings)
    entry = context.onboarding.project if context.onboarding is not None else None
    name = entry.get("name") if entry is not None else None
    return ProjectReport(
        root=project.root,
        name=name if isinstance(name, str) and name.strip() else None,
        threshold=settings.threshold,
        findings=findings,
        facts=compute_facts(context),
        files=[source.path for source in project.files],
        schedules=len(project.items("schedules")),
    )


def _attribute(organization: list[Finding], parts: list[ProjectReport], run: OrgContext) -> list[Finding]:
    """Give each project the organization's findings about its entry; the rest stay the organization's."""
    onboarding = run.onboarding
    if onboarding is None or not organization:
        return organization
    spans = []
    for part in parts:
        entry = onboarding.entry_for(part.root)
        if entry is not None:
            where = entry.location()
            spans.append((where.line, where.end_line or where.line, part))
    left = []
    for finding in organization:
        loc = finding.location
        owner = next((part for first, last, part in spans
                      if loc.file == onboarding.path and first <= loc.line <= last), None)
        (owner.findings if owner is not None else left).append(finding)
    return left


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
