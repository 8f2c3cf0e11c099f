"""The schedule preview: what each schedule means and when it runs next, for the summary and report.

Registered as the fact `schedules`. "Now" is `context.settings.clock()`, fixed
with `--now` or MELTANO_ONBOARD_NOW for reproducible output. Next run times
are computed here only, once per distinct interval.

Shape of `facts.schedules` in the JSON report (null when meltano.yml did not load):

* `now` (ISO 8601 UTC, `Z`), `onboarding_environment` (string);
* `runs_by_hour`: 7 rows (Monday first) of 24 numbers, the runs of all
  schedules that start in each hour (UTC) of that weekday, averaged over the
  weeks of four years (a monthly schedule adds about 0.23 to its weekday's hour);
* `schedules`: one object per schedule, in the order Meltano merges the files:
  `name` (string or null), `file` and `line` (where its name is), `lines`
  (the first and last line of its entry in that file), `interval`
  (as written, or null), `kind` (`cron`, `preset`, `never`, `invalid` or
  `missing`), `valid` (bool), `cron` (the five fields that run, presets
  expanded; null when it never runs or is invalid), `description` (in words,
  times in UTC; null when invalid), `runs_per_day` (average over four years;
  0 for `@once @manual @none`, null when invalid), `runs_each_day` (runs on a
  day it runs) and `days_per_year` (null unless it runs), `next_runs` (up to
  three ISO 8601 UTC times), `job`, `extractor`, `loader`, `transform`
  (strings or null), `listed` (the onboarding file lists it), `environments`
  (its `meltano.cloud` annotation, or null) and
  `runs_in_onboarding_environment` (bool).
"""

from __future__ import annotations

from typing import Any

from onboard_action.facts import fact
from onboard_action.findings import relative_path
from onboard_action.model.context import Context
from onboard_action.model.schedules import Schedule
from onboard_action.values.cron import (
    WINDOW_DAYS,
    Interval,
    expand,
    iso_utc,
    matching_days,
    next_runs,
    runs_per_day,
)
from onboard_action.values.cron_words import describe
from onboard_action.values.run_times import runs_by_hour

NEXT_RUNS = 3


@fact("schedules", order=50)
def schedules(context: Context) -> dict[str, Any] | None:
    if not context.project.loaded:
        return None
    found = context.schedules
    now = context.settings.clock()
    entries = _Entries(context, found.listed, now)
    return {
        "now": iso_utc(now),
        "onboarding_environment": entries.environment,
        "runs_by_hour": runs_by_hour([s.cron for s in found.schedules if s.cron]),
        "schedules": [entries.entry(schedule) for schedule in found.schedules],
    }


class _Entries:
    """Makes each schedule's entry, keeping what a file or an interval gives for the next ones."""

    def __init__(self, context: Context, listed: dict, now) -> None:
        self.workspace = context.settings.workspace
        self.environment = context.onboarding_environment
        self.listed = listed
        self.now = now
        self.files: dict[int, str] = {}  # id of the SourceFile -> its path as shown
        # Thousands of schedules share a few intervals: their timing is worked out once each.
        self.timings: dict[str | None, dict[str, Any]] = {}

    def entry(self, schedule: Schedule) -> dict[str, Any]:
        source = schedule.item.file
        shown_file = self.files.get(id(source))
        if shown_file is None:
            # Where name_location() is; outside the workspace, the file's name alone.
            shown_file = self.files[id(source)] = relative_path(source.path, self.workspace, outside="name")
        interval = schedule.interval
        written = interval.written if interval is not None else None
        timing = self.timings.get(written)
        if timing is None:
            timing = self.timings[written] = _timing(interval, self.now)
        # `schedule.text`, without a method call for each of four keys of thousands of schedules.
        name, text, environments = schedule.name, schedule.texts.get, schedule.cloud_environments
        return {
            "name": name,
            "file": shown_file,
            "line": schedule.name_line(),
            "lines": schedule.lines(),
            "interval": written if interval is not None else _written_interval(schedule),
            **timing,
            "next_runs": list(timing["next_runs"]),
            "job": text("job"),
            "extractor": text("extractor"),
            "loader": text("loader"),
            "transform": text("transform"),
            "listed": name in self.listed if name else False,
            "environments": [each for _, each in environments] if environments is not None else None,
            "runs_in_onboarding_environment": schedule.runs_in(self.environment),
        }


def _timing(interval: Interval | None, now) -> dict[str, Any]:
    """What an interval means and when it runs next: the same for every schedule that has it."""
    cron = interval.cron if interval is not None else None
    never = interval is not None and interval.kind == "never"
    timing: dict[str, Any] = {
        "kind": interval.kind if interval is not None else "missing",
        "valid": interval is not None and interval.valid,
        "cron": cron,
        "description": describe(interval) if interval is not None and interval.valid else None,
        "runs_per_day": round(runs_per_day(cron), 4) if cron else (0 if never else None),
        "runs_each_day": None,
        "days_per_year": None,
        "next_runs": [iso_utc(moment) for moment in next_runs(cron, now, NEXT_RUNS)] if cron else [],
    }
    if cron:
        e = expand(cron)
        timing["runs_each_day"] = len(e.minutes) * len(e.hours)
        timing["days_per_year"] = round(len(matching_days(cron)) * 365.25 / WINDOW_DAYS, 2)
    return timing


def _written_interval(schedule: Schedule) -> str | None:
    """The interval as written; a number or boolean (YAML read it so) as its text."""
    value = schedule.item.get("interval")
    if value is None or isinstance(value, (dict, list)):
        return None
    return value if isinstance(value, str) else str(value)

