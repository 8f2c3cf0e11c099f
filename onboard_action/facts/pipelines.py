"""Today's Meltano Cloud's pipelines and the secrets its workspace must hold (`target: cloud` only).

`facts.pipelines` in the JSON report (null under the other targets): one object
per pipeline file, in folder and file order: `name` (the file's name without
`.yml`), `file`, `line`, `label`, `schedule` (as written, or null), `valid`,
`description` (in words, UTC; null unless valid), `runs_per_day` (average over
four years), `runs_each_day`, `days_per_year`, `next_runs` (up to three ISO
8601 UTC times, to the second), `triggered_by` (the text entries), `runs`
(`actions`, `script`, `script` over `actions`, or `nothing`).

`facts.workspace_secrets` (null under the other targets): the names of the
variables the project references that neither Meltano nor an `env:` block
sets, sorted: what the workspace's secrets settings must hold, instead of a
secrets.yml.
"""

from __future__ import annotations

from typing import Any

from onboard_action.facts import fact
from onboard_action.findings import CLOUD, relative_path
from onboard_action.model import variables
from onboard_action.model.context import Context
from onboard_action.rules.pipelines import Pipeline, pipelines
from onboard_action.values.cron import WINDOW_DAYS, expand, iso_utc, matching_days
from onboard_action.values.cron_words import describe_cron

NEXT_RUNS = 3


@fact("pipelines", order=55)
def pipelines_fact(context: Context) -> list[dict[str, Any]] | None:
    if context.settings.target != CLOUD:
        return None
    now = context.settings.clock()
    workspace = context.settings.workspace
    return [_entry(pipeline, now, workspace) for pipeline in pipelines(context)]


def _entry(pipeline: Pipeline, now, workspace) -> dict[str, Any]:
    data = pipeline.data
    schedule = pipeline.schedule
    written = data.get("schedule")
    triggers = data.get("triggered_by")
    label = data.get("label")
    entry: dict[str, Any] = {
        "name": pipeline.name,
        "file": relative_path(pipeline.source.path, workspace, outside="name"),
        "line": pipeline.location().line,
        "label": label if isinstance(label, str) else None,
        "schedule": written if isinstance(written, str) else None,
        "valid": bool(schedule and schedule.valid),
        "description": None,
        "runs_per_day": None,
        "runs_each_day": None,
        "days_per_year": None,
        "next_runs": [],
        "triggered_by": [t for t in triggers if isinstance(t, str)] if isinstance(triggers, list) else [],
        "runs": _runs(data),
    }
    if schedule is not None and schedule.valid and schedule.cron:
        e = expand(schedule.cron)
        seconds = ("" if schedule.seconds == (0,) else
                   f"at second{'s' if len(schedule.seconds) > 1 else ''} "
                   f"{', '.join(map(str, schedule.seconds))} of ")
        entry.update(
            description=seconds + describe_cron(schedule.cron),
            runs_per_day=round(schedule.runs_per_day(), 4),
            runs_each_day=len(schedule.seconds) * len(e.minutes) * len(e.hours),
            days_per_year=round(len(matching_days(schedule.cron)) * 365.25 / WINDOW_DAYS, 2),
            next_runs=[iso_utc(moment) for moment in schedule.next_runs(now, NEXT_RUNS)])
    return entry


def _runs(data: dict) -> str:
    actions, script = data.get("actions"), data.get("script")
    has_script = isinstance(script, str) and bool(script.strip())
    if has_script:
        return "script over actions" if actions else "script"
    return "actions" if actions else "nothing"


@fact("workspace_secrets", order=65)
def workspace_secrets(context: Context) -> list[str] | None:
    """The variable names the workspace's settings must hold: referenced, set by nothing in the project."""
    if context.settings.target != CLOUD or not context.project.loaded:
        return None
    found = context.variables.references
    provided = {name for _, _, block in variables.env_blocks(context.project) for name in block}
    return sorted({r.name for r in found if not variables.is_injected(r.name) and r.name not in provided})
