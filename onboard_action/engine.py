"""One check, start to end: load the project once, then check it (rules, settings, facts) into a report."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from msgspec.structs import replace

from onboard_action.facts import compute_facts
from onboard_action.findings import Finding, kept_per_rule
from onboard_action.load.loader import load_project
from onboard_action.load.project import Project
from onboard_action.model import ignores
from onboard_action.model.context import Context
from onboard_action.model.onboarding import load_onboarding
from onboard_action.model.subjects import with_subjects
from onboard_action.report import ProjectPart, Report
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
        yaml_sources = _yaml_sources(context)
        findings = _findings(context, "all", yaml_sources)
        facts = compute_facts(context)
        fixes = _proposed(findings, context)
    report = _report(settings, settings.project_dir, findings, facts, _files_read(context),
                     _sources(yaml_sources), fixes)
    report.projects = [ProjectPart(_name_of(context), project.root, list(findings), facts,
                                   listed=context.onboarding is not None
                                   and context.onboarding.project is not None)]
    report.projects[0].findings = _owned(report.projects[0], findings, context)
    return report


def _proposed(findings: list[Finding], context: Context) -> list:
    if not findings:
        return []  # a clean project's check imports no fixer
    from onboard_action.fixes import propose

    return propose(findings, context)


def _report(settings: Settings, project_dir: Path, findings: list[Finding], facts: dict, files: list[Path],
            sources: dict, fixes: list) -> Report:
    """The report of a run, with what its settings give every report (links, configuration, target)."""
    return Report(workspace=settings.workspace, project_dir=project_dir, fail_on=settings.fail_on,
                  threshold=settings.threshold, findings=findings, facts=facts, files=files,
                  links=settings.links, sources=sources, fixes=fixes,
                  repository=settings.github.repository_name if settings.github else "",
                  config_file=settings.config_file, target=settings.target)


def _files_read(context: Context) -> list[Path]:
    """The project's YAML files and, under `target: cloud`, the platform's own (workspace, pipelines)."""
    return [source.path for source in (*context.project.files, *context.dataml.files)]


def _findings(context: Context, scope: str, yaml_sources: list) -> list[Finding]:
    # Inline `# meltano-onboard: ignore[...]` comments first, then the ignore/severity settings.
    found = ignores.unsuppressed(run_checks(context, scope=scope), context.directives)
    # Capped before subjects and reports, which cost per finding.
    kept = kept_per_rule(apply_settings(found, context.settings))
    return with_subjects(kept, yaml_sources)


def _name_of(context: Context) -> str:
    """A project as reports name it: its entry's `name` in the onboarding file, else its folder."""
    entry = context.onboarding.project if context.onboarding is not None else None
    name = entry.get("name") if entry is not None else None
    if isinstance(name, str) and name.strip():
        return name
    return context.relative(context.project.root) or "."


def _entry_lines(context: Context) -> tuple[Path, int, int] | None:
    """The onboarding file and the lines of the checked project's entry in it."""
    onboarding = context.onboarding
    if onboarding is None or onboarding.project is None:
        return None
    where = onboarding.project.location()
    return onboarding.path, where.line, where.end_line or where.line


def _owned(part: ProjectPart, findings: list[Finding], context: Context) -> list[Finding]:
    """The findings that are the project's: in its files, or on its entry of the onboarding file."""
    onboarding = context.onboarding.path if context.onboarding is not None else None
    lines = _entry_lines(context)
    owned = []
    for finding in findings:
        file = finding.location.file
        if (onboarding is not None and file == onboarding
                and (lines is None or not lines[1] <= finding.location.line <= lines[2])):
            continue
        owned.append(finding)
    return owned


def targets(settings: Settings) -> list[Path]:
    """The project folders a run checks: those named, else every root the onboarding file lists.

    Without any named and with no project listed, the project folder alone (`.`), as ever.
    """
    if settings.project_dirs:
        return list(settings.project_dirs)
    if settings.project_auto:
        onboarding = load_onboarding(settings.onboarding_path(), settings.workspace, settings.workspace)
        if onboarding is not None and onboarding.projects:
            roots = [onboarding.root_of(entry) for entry in onboarding.projects
                     if isinstance(entry.data, dict)]
            if roots:
                return list(dict.fromkeys(roots))
    return [settings.project_dir]


def run_all(settings: Settings, secrets: SecretsRun | None = None) -> Report:
    """Every target project in one report: the organization checks once, the project checks per project.

    A listed root without meltano.yml is reported on its entry (O043) and not checked further.
    """
    roots = targets(settings)
    if roots == [settings.project_dir] and not settings.project_dirs:
        return run(settings, secrets)
    with collector_paused():
        parts: list[ProjectPart] = []
        produced: list[list[Finding]] = []
        spans: list[tuple[Path, int, int] | None] = []
        findings: list[Finding] = []
        files: list[Path] = []
        facts: dict = {}
        sources: dict = {}
        fixes: list = []
        seen: set[tuple] = set()
        sheet: Path | None = None  # the onboarding file, as its findings name it
        for index, root in enumerate(roots):
            each = replace(settings, project_dir=root, project_dirs=())
            skipped = settings.project_auto and not (root / "meltano.yml").is_file()
            project = load(each) if not skipped else Project(root)
            context = Context(project, each, secrets)
            yaml_sources = _yaml_sources(context)
            org = _findings(context, "org", yaml_sources) if index == 0 else []
            mine = [] if skipped else _findings(context, "project", yaml_sources)
            fresh = []
            for finding in org + mine:
                # A check that reads the project and the onboarding file reports the file's own once.
                key = (finding.code, finding.location, finding.message)
                if key not in seen:
                    seen.add(key)
                    fresh.append(finding)
            own_facts = compute_facts(context) if not skipped else {}
            if index == 0:
                facts = dict(own_facts)
            listed = context.onboarding is not None and context.onboarding.project is not None
            parts.append(ProjectPart(_name_of(context), root, [], own_facts, listed=listed))
            produced.append(fresh)
            spans.append(_entry_lines(context))
            if context.onboarding is not None:
                sheet = context.onboarding.path
            findings.extend(fresh)
            fixes.extend(_proposed(fresh, context))
            sources.update(_sources(yaml_sources))
            files.extend(path for path in _files_read(context) if path not in files)
        for part, made, lines in zip(parts, produced, spans, strict=True):
            part.findings = [f for f in made if f.location.file != sheet]
            if lines is not None:
                part.findings += [f for f in findings if f.location.file == lines[0]
                                  and lines[1] <= f.location.line <= lines[2]]
    # Several projects: the report's folder is the workspace they lie in.
    folder = settings.workspace if len(roots) > 1 else roots[0]
    report = _report(settings, folder, findings, facts, files, sources, fixes)
    report.projects = parts
    return report


def _yaml_sources(context: Context) -> list:
    """The YAML files whose findings get a path as their subject: the project's, the onboarding file's and
    today's Meltano Cloud's."""
    sources = list(context.project.files)
    if context.onboarding is not None:
        sources.append(context.onboarding.source)
    sources.extend(context.dataml.files)  # none but under `target: cloud`
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


def leave(code: int) -> NoReturn:
    """End the process with `code`, sparing the interpreter's last walk over every object.

    At exit Python collects garbage once more, over the modules, the rules and all a
    command kept: 10-20 ms of a check. Frozen (gc.freeze), they are skipped; finalizers,
    atexit handlers and the flushing of files run as always.
    """
    gc.freeze()
    raise SystemExit(code)


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
