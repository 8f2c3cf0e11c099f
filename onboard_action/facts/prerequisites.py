"""Prereqs #2 and #3 of the onboarding guide, as this check saw them, per project (`facts.prerequisites`).

Prereq #2: the environment Meltano Cloud onboards with exists in the
project. Prereq #3: the schedules to run exist, with intervals that Meltano
Cloud reads as UTC. The packet confirms both for each project from this fact.

Shape (null when meltano.yml did not load): `entry` (the index of the
project's entry in the onboarding file's `projects`, or null), `environment`
(the onboarding environment), `environment_defined` (bool), `schedules`: one
object per schedule the entry lists, in its order: `name`, `defined` (bool),
`interval` (as written, or null), `valid` (bool), `description` (in words,
UTC; null unless valid) and `runs_in_environment` (bool).
"""

from __future__ import annotations

from typing import Any

from onboard_action.facts import fact
from onboard_action.model.context import Context
from onboard_action.model.schedules import schedule_set
from onboard_action.values.cron_words import describe


@fact("prerequisites", order=55)
def prerequisites(context: Context) -> dict[str, Any] | None:
    if not context.project.loaded:
        return None
    found = schedule_set(context)
    environment = context.onboarding_environment
    entry = context.onboarding.project if context.onboarding is not None else None
    schedules = []
    for name in found.listed:  # in the entry's order
        defined = found.by_name.get(name)
        schedule = defined[0] if defined else None  # the one Meltano keeps
        interval = schedule.interval if schedule is not None else None
        valid = interval is not None and interval.valid
        schedules.append({
            "name": name,
            "defined": schedule is not None,
            "interval": interval.written.strip() if interval is not None else None,
            "valid": valid,
            "description": describe(interval) if valid else None,
            "runs_in_environment": schedule is not None and schedule.runs_in(environment),
        })
    return {
        "entry": entry.path[-1] if entry is not None else None,
        "environment": environment,
        "environment_defined": environment in found.environments,
        "schedules": schedules,
    }
