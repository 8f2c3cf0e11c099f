"""Rules about each schedule: its shape, its interval, and what it runs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from onboard_action.findings import GUIDE, Finding, Severity
from onboard_action.model.context import Context
from onboard_action.model.schedules import Schedule
from onboard_action.rules import Rule, check, rule, validate
from onboard_action.rules.schedule_onboarding import ENVIRONMENT_ANNOTATION
from onboard_action.values.cron import CLOUD_MIN_GAP_MINUTES, shortest_gap

SCHEDULE_SHAPE = rule(
    "S001", "schedule-shape", Severity.ERROR,
    "schedule entry is malformed",
    """
    A schedule needs a `name`, an `interval`, and either a `job` (preferred) or
    the legacy `extractor` + `loader` (+ `transform`), never both. Meltano loads
    a schedule without `interval` or `name` and then fails on every command with
    a Python TypeError; one with neither `job` nor `extractor` runs nothing; an
    unknown key (`jobs:`, `cron:`) is ignored. Keep to the keys shown below;
    `env` values must be strings.
    """,
    bad="schedules:\n  - name: daily\n    cron: \"0 6 * * *\"\n    job: github-to-postgres\n"
        "    extractor: tap-github\n",
    good="schedules:\n  - name: daily\n    interval: \"0 6 * * *\"\n    job: github-to-postgres\n",
)
DUPLICATE_NAME = rule(
    "S002", "schedule-name-duplicate", Severity.ERROR,
    "two schedules share a name",
    """
    Schedule names must be unique across `meltano.yml` and every included file.
    Meltano stops on a duplicate between two included files and silently keeps
    the first one otherwise, so the other never runs; Meltano Cloud and the
    onboarding file refer to schedules by name, and state is kept per name.
    Rename one of them.
    """,
    bad="schedules:\n  - name: daily\n    interval: \"0 6 * * *\"\n    job: github\n"
        "  - name: daily\n    interval: \"0 7 * * *\"\n    job: gitlab\n",
    good="schedules:\n  - name: daily-github\n    interval: \"0 6 * * *\"\n    job: github\n"
         "  - name: daily-gitlab\n    interval: \"0 7 * * *\"\n    job: gitlab\n",
)
INTERVAL_INVALID = rule(
    "S003", "schedule-interval-invalid", Severity.ERROR,
    "schedule interval is not a valid cron expression or preset",
    """
    `interval` is a preset (`@hourly @daily @midnight @weekly @monthly @yearly
    @annually`, or `@once @manual @none` for schedules that only run by hand)
    or a 5-field cron expression: minute hour day-of-month month day-of-week,
    in UTC. Meltano loads a wrong interval without complaint and the schedule
    fails later, so the finding says which field is wrong and why.

    Accepted: numbers, names (`MON-FRI`, `jan`, any case), `*`, ranges (a
    descending range such as `22-2` wraps past the end, as croniter reads it),
    lists, steps (`*/15`, `1-5/2`), day-of-week 7 for Sunday, `?` as a whole
    day-of-month or day-of-week field (it means "any"), and `L` in
    day-of-month (the last day of the month): croniter, which Meltano used to
    read intervals, and Meltano 4's own validator both take them.

    Refused: 6 or 7 fields (seconds, years), values out of range (`61 25 * * *`,
    `0,99 * * * *`), step 0 (`*/0`), a step that leaves a single value
    (`*/90` runs hourly, not every 90 minutes), `#`, `W` and `L<weekday>`
    (Meltano 4 rejects them), Jenkins' `H`, unknown presets, free text, an empty
    value, and a date that never occurs (`0 0 31 2 *`).
    """,
    bad="schedules:\n  - name: nightly\n    interval: \"61 25 * * *\"\n    job: github-to-postgres\n",
    good="schedules:\n  - name: nightly\n    interval: \"0 1 * * *\"\n    job: github-to-postgres\n",
)
TOO_FREQUENT = rule(
    "S004", "schedule-too-frequent", Severity.ERROR,
    "schedule runs more often than once every 15 minutes",
    """
    Meltano Cloud runs a schedule at most once every 15 minutes. The check
    looks at the shortest time between two consecutive runs, not only at the
    step: `0,5 * * * *` runs 5 minutes apart although it runs only twice an
    hour, and `0,55 0,23 * * *` runs at 23:55 and again at 00:00 the next
    day. `*/15`, `0-59/15` and `*/20` are fine.
    """,
    bad="schedules:\n  - name: often\n    interval: \"*/5 * * * *\"\n    job: github-to-postgres\n",
    good="schedules:\n  - name: often\n    interval: \"*/15 * * * *\"\n    job: github-to-postgres\n",
    targets=GUIDE,
)
JOB_MISSING = rule(
    "S005", "schedule-job-missing", Severity.ERROR,
    "schedule runs a job that does not exist",
    """
    A schedule's `job` must name one of the project's `jobs:` (in any included
    file). Meltano only notices when it lists schedules (`JobNotFoundError`);
    on Meltano Cloud the schedule fails. Fix the name or define the job.
    """,
    bad="jobs:\n  - name: github-to-postgres\n    tasks: [tap-github target-postgres]\n"
        "schedules:\n  - name: daily\n    interval: \"@daily\"\n    job: github-to-postgre\n",
    good="jobs:\n  - name: github-to-postgres\n    tasks: [tap-github target-postgres]\n"
         "schedules:\n  - name: daily\n    interval: \"@daily\"\n    job: github-to-postgres\n",
)
LEGACY_SCHEDULE = rule(
    "S006", "schedule-legacy-elt", Severity.WARNING,
    "schedule uses the legacy extractor/loader form",
    """
    `extractor` + `loader` + `transform` schedules run `meltano elt`, which
    Meltano deprecated in favour of jobs (`meltano run`). Define a job whose
    task is `<extractor> <loader>` and schedule it with `job:`. `transform:
    run` runs dbt after loading (`meltano elt` uses the transformer named
    `dbt`): the job then ends with the transformer's `run` command, such as
    `dbt:run`; `transform: only` runs that command alone. The finding writes
    the job out, named after the schedule.
    """,
    bad="schedules:\n  - name: daily\n    interval: \"@daily\"\n    extractor: tap-github\n"
        "    loader: target-postgres\n    transform: skip\n",
    good="jobs:\n  - name: github-to-postgres\n    tasks: [tap-github target-postgres]\n"
         "schedules:\n  - name: daily\n    interval: \"@daily\"\n    job: github-to-postgres\n",
)
PLUGIN_MISSING = rule(
    "S007", "schedule-plugin-missing", Severity.ERROR,
    "legacy schedule runs an extractor or loader that does not exist",
    """
    A legacy schedule's `extractor` must be one of `plugins: extractors:` and
    its `loader` one of `plugins: loaders:`, or it fails when it runs. Fix the
    name or add the plugin.
    """,
    bad="schedules:\n  - name: daily\n    interval: \"@daily\"\n    extractor: tap-githb\n"
        "    loader: target-postgres\n",
    good="schedules:\n  - name: daily\n    interval: \"@daily\"\n    extractor: tap-github\n"
         "    loader: target-postgres\n",
)
TRANSFORM_INVALID = rule(
    "S008", "schedule-transform-invalid", Severity.ERROR,
    "legacy schedule `transform` is not run, skip or only",
    """
    `transform` tells `meltano elt` whether to run transforms after loading:
    `run`, `skip` or `only`. Anything else fails when the schedule runs.
    """,
    bad="    transform: yes\n",
    good="    transform: run\n",
)
TIME_ZONE = rule(
    "S014", "schedule-time-zone", Severity.WARNING,
    "schedule asks for a time zone; Meltano Cloud reads cron as UTC",
    """
    Meltano Cloud reads every interval as UTC. A `CRON_TZ=` or `TZ=` prefix in
    `interval` is not cron that Meltano understands, and `TZ` in a schedule's
    `env` changes the time zone of the job's processes, not when the schedule
    runs. Remove them and write the interval in UTC (UTC has no daylight saving
    time: pick the UTC time that suits both seasons).
    """,
    bad="    interval: \"CRON_TZ=Europe/Berlin 0 6 * * *\"\n",
    good="    interval: \"0 5 * * *\"   # 06:00 in Berlin in winter, 07:00 in summer\n",
    targets=GUIDE,
)

SCHEMA = "schedule.schema.json"
SHOWN_INTERVAL_LENGTH = 60


def rule_for(path: tuple) -> Rule:
    """Schema errors below `interval` and `transform` belong to their own rules."""
    head = path[:1]
    if head == ("interval",):
        return INTERVAL_INVALID
    if head == ("transform",):
        return TRANSFORM_INVALID
    if head == ("annotations",):
        return ENVIRONMENT_ANNOTATION
    return SCHEDULE_SHAPE


@check(SCHEDULE_SHAPE, INTERVAL_INVALID, TRANSFORM_INVALID, ENVIRONMENT_ANNOTATION)
def schedule_shape(context: Context) -> Iterator[Finding]:
    for schedule in context.schedules.schedules:
        item = schedule.item
        shape = _shape(item.data)
        if shape in _VALID_SHAPES:
            continue
        findings = validate(item.data, SCHEMA, item.file, item.path, rule_for)
        if not findings and len(_VALID_SHAPES) < 10_000:
            _VALID_SHAPES.add(shape)
        for finding in findings:
            yield _about(schedule, finding)


# Validating thousands of schedules one by one costs more than reading them,
# and they mostly share one shape. The schema looks only at keys, value types,
# empty strings and lists, and the value of `transform`: two schedules with the
# same shape are valid or invalid together, so a valid shape is validated once.
_VALID_SHAPES: set = set()


def _shape(value: Any, key: str = "") -> Any:
    if isinstance(value, str):  # most values: tested first
        if key == "transform":
            return ("transform", value)
        return _EMPTY_STRING if value == "" else _STRING
    if isinstance(value, dict):
        return ("mapping", tuple([(k, _shape(v, k)) for k, v in value.items()]))
    if isinstance(value, list):
        return ("list", tuple([_shape(v) for v in value]))
    return (type(value).__name__,)


_STRING, _EMPTY_STRING = ("string", False), ("string", True)


def _about(schedule: Schedule, finding: Finding) -> Finding:
    """Name the schedule in messages that come from nested parts of it (`env.X`, `interval`)."""
    if finding.message.startswith(("schedule ", "legacy schedule ", "a schedule ", "each entry ")):
        return finding
    return msgspec.structs.replace(finding, message=f"{schedule.label()}: {finding.message}")


@check(DUPLICATE_NAME)
def duplicate_names(context: Context) -> Iterator[Finding]:
    for name, group in context.schedules.by_name.items():
        if len(group) < 2:
            continue
        first = group[0].item.name_location()
        for later in group[1:]:
            yield DUPLICATE_NAME.finding(
                later.item.name_location(),
                f"schedule {name!r} is defined twice: here and at {context.where(first)}; "
                "only one of them runs",
                "rename one of them (and the onboarding file's entry, if it lists it)",
                related=[first])


@check(INTERVAL_INVALID, TOO_FREQUENT, TIME_ZONE)
def intervals(context: Context) -> Iterator[Finding]:
    quiet: set[str] = set()  # intervals without a problem: thousands of schedules share a few
    for schedule in context.schedules.schedules:
        if schedule.interval is None:
            continue  # missing or not a string: the schema reports it
        if schedule.interval.written in quiet:
            continue
        problems = list(_interval_problems(schedule))
        if problems:
            where = schedule.item.location("interval")  # looked up only when needed: it is not free
            for the_rule, message, hint in problems:
                yield the_rule.finding(where, message, hint)
        else:
            quiet.add(schedule.interval.written)


def _interval_problems(schedule: Schedule) -> Iterator[tuple[Rule, str, str]]:
    interval, label = schedule.interval, schedule.label()
    shown = _shown(interval.written)
    if not interval.valid:
        what = (f"{label} has an empty `interval`" if interval.problems == ("empty",)
                else f"{label}: interval `{shown}`: " + _and(interval.problems))
        yield INTERVAL_INVALID, what, interval.hint
    elif interval.cron is not None:
        gap = shortest_gap(interval.cron)
        if gap is not None and gap.minutes < CLOUD_MIN_GAP_MINUTES:
            yield (TOO_FREQUENT,
                   f"{label}: interval `{shown}` runs {_minutes(gap.minutes)} apart (at {gap.first} "
                   f"and {gap.second} UTC); Meltano Cloud runs a schedule at most once every "
                   f"{CLOUD_MIN_GAP_MINUTES} minutes",
                   _spaced_out(interval.cron))
    if interval.zone:
        variable, zone = interval.zone
        yield (TIME_ZONE,
               f"{label}: the `{variable}={_shown(zone)}` prefix asks for a time zone, but Meltano "
               "Cloud reads cron as UTC and does not understand the prefix",
               "remove the prefix and write the time in UTC")


@check(TIME_ZONE)
def time_zone_in_env(context: Context) -> Iterator[Finding]:
    for schedule in context.schedules.schedules:
        env = schedule.item.get("env")
        if isinstance(env, dict) and "TZ" in env:
            yield TIME_ZONE.finding(
                schedule.item.location("env", "TZ", key=True),
                f"{schedule.label()} sets `TZ` in its `env`: that changes the time zone of the "
                "job's processes, not when it runs; Meltano Cloud reads `interval` as UTC",
                "remove `TZ` here, or keep it for the job and make sure `interval` is written in UTC")


@check(JOB_MISSING, LEGACY_SCHEDULE, PLUGIN_MISSING)
def what_schedules_run(context: Context) -> Iterator[Finding]:
    found = context.schedules
    for schedule in found.schedules:
        item, label = schedule.item, schedule.label()
        job = schedule.text("job")
        if job is not None and job not in found.jobs:
            yield JOB_MISSING.finding(
                item.location("job"), f"{label} runs job {job!r}, which no project file defines",
                found.did_you_mean(job, found.jobs, "define it under `jobs:` with its `tasks`"))
        if not schedule.legacy:
            continue
        yield LEGACY_SCHEDULE.finding(
            item.location("extractor", key=True),
            f"{label} uses the legacy `extractor`/`loader` form, which runs the deprecated "
            "`meltano elt`", _migration(context, schedule, found))
        for key, known, kind in (("extractor", found.extractors, "extractors"),
                                 ("loader", found.loaders, "loaders")):
            name = schedule.text(key)
            if name is not None and name not in known:
                yield PLUGIN_MISSING.finding(
                    item.location(key),
                    f"{label} runs {key} {name!r}, which is not one of the project's `{kind}`",
                    found.did_you_mean(name, known, f"add it under `plugins: {kind}:` or fix the name"))




def _spaced_out(cron: str) -> str:
    """The fix for a schedule that runs too often: only the minute field changes.

    `*/15` is never closer than 15 minutes, also across an hour or a day
    (tests/test_advice.py checks the fix on the schedules that need it).
    """
    rest = cron.split()[1:]
    return (f"space the runs at least {CLOUD_MIN_GAP_MINUTES} minutes apart, keeping the other fields: "
            f"`{' '.join(['*/15', *rest])}`, or hourly: `{' '.join(['0', *rest])}`")


def _migration(context: Context, schedule: Schedule, found) -> str:
    """The job that does what a legacy schedule does, written out, and how to schedule it."""
    extractor, loader = schedule.text("extractor"), schedule.text("loader") or "<loader>"
    transform = schedule.text("transform") or "skip"
    blocks = [] if transform == "only" else [f"{extractor} {loader}"]
    note = ""
    if transform in ("run", "only"):
        transformers = [p.name for p in context.index.by_type.get("transformers", {}).values()]
        # `meltano elt` runs the transformer named `dbt`; a project may call its own otherwise.
        transformer = "dbt" if "dbt" in transformers else transformers[0] if transformers else None
        if transformer is not None:
            blocks.append(f"{transformer}:run")
        else:
            note = (f" (`transform: {transform}` has nothing to run: the project defines no "
                    "transformer; add dbt first to keep its transformation)")
    tasks = " ".join(blocks) if blocks else f"{extractor} {loader}"
    taken = found.jobs | set(context.index.by_name)  # a job named like a plugin is ambiguous
    job = _free_job_name(schedule.name or f"{extractor}-to-{loader}", taken)
    keys = "`extractor`, `loader` and `transform`" if schedule.item.get("transform") is not None \
        else "`extractor` and `loader`"
    return (f"define the job `{{name: {job}, tasks: [\"{tasks}\"]}}` under `jobs:` and replace this "
            f"schedule's {keys} with `job: {job}`{note}")


def _free_job_name(wanted: str, taken) -> str:
    name, n = wanted, 2
    while name in taken:
        name, n = f"{wanted}-{n}", n + 1
    return name


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_INTERVAL_LENGTH else text[:SHOWN_INTERVAL_LENGTH - 1] + "…"


def _and(parts: tuple[str, ...]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _minutes(n: int) -> str:
    return f"{n} minute{'s' if n != 1 else ''}"
