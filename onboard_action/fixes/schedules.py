"""S004 and S006: the schedule fixes. Both change when or how a job runs, so both are unsafe.

S004: a schedule that runs more often than every 15 minutes gets the nearest
minute field that does not (`*/5` -> `*/15`, `0-59/10` -> `0-59/15`), keeping its
first minute and every other field. S006: a legacy `extractor`/`loader`
schedule becomes a job (its transform as a block) and the schedule runs that job.
"""

from __future__ import annotations

import re

from onboard_action.findings import Edit, Finding
from onboard_action.fixes import fixer, key_at, replace_at, single_quoted, source_of, written
from onboard_action.load.project import SourceFile
from onboard_action.load.yamlfile import YList, YMap
from onboard_action.model.context import Context
from onboard_action.rules.schedules import LEGACY_SCHEDULE, TOO_FREQUENT
from onboard_action.values.cron import CLOUD_MIN_GAP_MINUTES, expand, parse_interval, shortest_gap

_STEPS = (15, 20, 30)


@fixer(TOO_FREQUENT, safe=False)
def space_runs(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    source = source_of(context, finding.location.file)
    text = written(source, finding.location) if source else None
    if not text:
        return None
    quote = text[0] if text[0] in "'\"" else ""
    value = text[1:-1] if quote else text
    if quote and (len(text) < 2 or text[-1] != quote or "\\" in value or quote * 2 in value):
        return None
    interval = parse_interval(value)
    fields = value.split()
    if interval.cron is None or interval.zone or len(fields) != 5 or interval.cron.split() != fields:
        return None  # a preset, a time zone prefix or a six-field form: not one field to respace
    first = expand(interval.cron).minutes[0]
    for minute in (*(f"{first}-59/{step}" if first else f"*/{step}" for step in _STEPS), str(first)):
        spaced = " ".join((minute, *fields[1:]))
        gap = shortest_gap(spaced)
        if gap is None or gap.minutes >= CLOUD_MIN_GAP_MINUTES:
            shown = f"{quote}{spaced}{quote}" if quote else single_quoted(spaced)
            return f"run `{spaced}` instead of `{value}`", [replace_at(finding.location, shown)]
    return None


_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")


@fixer(LEGACY_SCHEDULE, safe=False)
def schedule_a_job(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    source = source_of(context, finding.location.file)
    found = key_at(source, finding.location) if source else None
    if found is None:
        return None
    _, schedule, _ = found
    extractor, loader = schedule.get("extractor"), schedule.get("loader")
    transform = schedule.get("transform", "skip")
    if not all(isinstance(n, str) and _PLAIN.match(n) for n in (extractor, loader)) or "job" in schedule:
        return None
    task = f"{extractor} {loader}"
    if transform == "run":
        transformers = [item for _, item in context.project.plugins("transformers")]
        commands = transformers[0].get("commands") if len(transformers) == 1 else None
        named = _PLAIN.match(transformers[0].name or "") if transformers else None
        if not (isinstance(commands, dict) and "run" in commands and named):
            # Which transformer `meltano elt` would run, and with which command, is not one answer here.
            return None
        task += f" {transformers[0].name}:run"
    elif transform != "skip":
        return None  # `only` runs no extract: not a job of these two plugins
    name, job_edits = _job(context, source, f"{extractor}-to-{loader}", task)
    if name is None:
        return None
    lines = _schedule_lines(source, schedule, name)
    if lines is None:
        return None
    return f"run the job `{name}` ({task}) instead of `meltano elt`", [*lines, *job_edits]


def _job(context: Context, source: SourceFile, name: str, task: str) -> tuple[str | None, list[Edit]]:
    """The job to schedule: one with exactly this task already, else a new one added to `source`."""
    for job in context.project.items("jobs"):
        if job.name == name:
            tasks = job.get("tasks")
            same = tasks == task or (isinstance(tasks, list) and tasks == [task])
            return (name, []) if same else (None, [])
    entry = [f"- name: {name}", f"  tasks: [\"{task}\"]"]
    jobs = source.data.get("jobs")
    if "jobs" not in source.data:
        text = source.text
        last = text.split("\n")
        line, column = len(last), len(last[-1]) + 1
        lead = "" if text.endswith("\n") else "\n"
        block = "".join(f"  {part}\n" for part in entry)
        return name, [Edit(source.path, line, column, line, column, f"{lead}jobs:\n{block}")]
    if not isinstance(jobs, YList) or not jobs:
        return None, []
    first = jobs.item_span(0)
    text = source.line_text(first.line)
    dash = text.rfind("-", 0, first.column - 1)
    if dash == -1 or text[:dash].strip():
        return None, []
    block = "".join(f"{text[:dash]}{part}\n" for part in entry)
    return name, [Edit(source.path, first.line, 1, first.line, 1, block)]


def _schedule_lines(source: SourceFile, schedule: YMap, job: str) -> list[Edit] | None:
    """`extractor:` becomes `job:` where it stands; `loader:` and `transform:` lines go."""
    edits = []
    for key in ("extractor", "loader", "transform"):
        if key not in schedule:
            continue
        at, value = schedule.key_span(key), schedule.value_span(key)
        if value.line != at.line:
            return None
        text = source.line_text(at.line)
        if key == "extractor":
            edits.append(Edit(source.path, at.line, at.column, at.line, value.end_column + 1, f"job: {job}"))
            continue
        if text[:at.column - 1].strip() or text[value.end_column:].strip():
            return None  # it shares its line with a dash or a comment: not a line to delete
        edits.append(Edit(source.path, at.line, 1, at.line + 1, 1, ""))
    return edits
