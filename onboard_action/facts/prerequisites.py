"""What the check saw of the guide's Prereqs #2 and #3 for the checked project (`facts.prerequisites`).

Prereq #2: the onboarding environment exists in meltano.yml. Prereq #3: the
schedules its onboarding entry lists exist, and their intervals are UTC (no
`CRON_TZ=`/`TZ=` prefix, no `TZ` in the schedule's `env`: Meltano Cloud reads
cron as UTC). Prereq #1 (read access) cannot be seen from the files; the
packet lists it as a checklist, with the repository's visibility when the
run can tell it offline (the GitHub event's `repository.private`).
"""

from __future__ import annotations

from typing import Any

from onboard_action.facts import fact
from onboard_action.model.context import Context
from onboard_action.rules.onboarding import usable

TIME_ZONE_PREFIXES = ("CRON_TZ=", "TZ=")


@fact("prerequisites", order=25)
def prerequisites(context: Context) -> dict[str, Any] | None:
    onboarding = usable(context)
    if onboarding is None or onboarding.project is None or not context.project.loaded:
        return None
    environment = context.onboarding_environment
    defined = {item.name for item in context.project.items("environments") if item.name}
    schedules = {item.name: item for item in context.project.items("schedules") if item.name}
    listed = []
    for name, _where in onboarding.listed_schedules():
        item = schedules.get(name)
        interval = item.get("interval") if item is not None else None
        env = item.get("env") if item is not None else None
        utc = (item is not None
               and not (isinstance(interval, str) and interval.strip().upper().startswith(TIME_ZONE_PREFIXES))
               and not (isinstance(env, dict) and "TZ" in env))
        listed.append({"name": name, "exists": item is not None,
                       "interval": interval if isinstance(interval, str) else None, "utc": utc})
    github = context.settings.github
    return {
        "environment": environment,
        "environment_exists": environment in defined,
        "schedules": listed,
        "visibility": github.visibility if github is not None and github.visibility else "unknown",
    }
