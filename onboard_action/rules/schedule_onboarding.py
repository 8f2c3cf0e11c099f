"""Rules about which schedules Meltano Cloud gets: at least one, the ones onboarding lists, where they run."""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import GUIDE, SELF_HOSTED, Finding, Severity
from onboard_action.model.context import Context
from onboard_action.model.schedules import CLOUD_ANNOTATION
from onboard_action.rules import check, rule

NO_SCHEDULES = rule(
    "S009", "no-schedules", Severity.ERROR,
    "the project has no schedule for Meltano Cloud",
    """
    Meltano Cloud runs schedules; a deployment without any fails. Define at
    least one under `schedules:` (in meltano.yml or an included file), with an
    interval in UTC and the job it runs, and make sure its `meltano.cloud`
    annotation, if any, lets it run in the onboarding environment.
    """,
    bad="jobs:\n  - name: github-to-postgres\n    tasks: [tap-github target-postgres]\n",
    good="jobs:\n  - name: github-to-postgres\n    tasks: [tap-github target-postgres]\n"
         "schedules:\n  - name: daily-github\n    interval: \"0 6 * * *\"\n    job: github-to-postgres\n",
    targets=GUIDE,
)
SCHEDULES_OPTIONAL = rule(
    "S018", "no-schedules-self-hosted", Severity.NOTICE,
    "the project defines no schedule",
    """
    A self-hosted Meltano needs no schedule: an orchestrator of your own (cron,
    Airflow, Dagster, a CI job) may run `meltano run` itself. Without one in
    meltano.yml, though, nothing in the project says when its jobs run, and
    `meltano schedule` has nothing to hand an orchestrator. Add a schedule for
    each job that should run by itself, or ignore this notice (`S018`) when
    something outside the project starts the runs.
    """,
    bad="jobs:\n  - name: github-to-postgres\n    tasks: [tap-github target-postgres]\n",
    good="jobs:\n  - name: github-to-postgres\n    tasks: [tap-github target-postgres]\n"
         "schedules:\n  - name: daily-github\n    interval: \"0 6 * * *\"\n    job: github-to-postgres\n",
    targets=frozenset({SELF_HOSTED}),
)
LISTED_MISSING = rule(
    "S010", "onboarding-schedule-missing", Severity.ERROR,
    "the onboarding file lists a schedule the project does not define",
    """
    Meltano registers the schedules named in the onboarding packet and runs
    them first. A name that is not a schedule of the project (a typo, a
    schedule renamed or not merged yet) makes onboarding stall. Fix the name in
    the onboarding file or add the schedule.
    """,
    bad="# onboarding.yml\n    schedules: [daily-githb]\n",
    good="# onboarding.yml\n    schedules: [daily-github]\n",
    targets=GUIDE,
)
LISTED_NEVER_RUNS = rule(
    "S011", "onboarding-schedule-never-runs", Severity.WARNING,
    "the onboarding file lists a schedule that never runs by itself",
    """
    A schedule with `@once`, `@manual` or `@none` is never started by Meltano
    Cloud; someone has to run it by hand. If the onboarding packet lists it,
    Meltano expects it to run. Give it a cron interval, or leave it out of the
    onboarding file.
    """,
    bad="    interval: \"@manual\"   # listed in onboarding.yml\n",
    good="    interval: \"0 6 * * *\"\n",
    targets=GUIDE,
)
ENVIRONMENT_ANNOTATION = rule(
    "S012", "schedule-environment-unknown", Severity.ERROR,
    "schedule's meltano.cloud annotation names an unknown environment",
    """
    `annotations: {meltano.cloud: {environments: [...]}}` limits a schedule to
    the Meltano Cloud deployments of those environments. Each name must be one
    of the project's `environments:`; an unknown name (a typo) silently keeps
    the schedule out of the deployment meant. The list must hold at least one
    name: remove the annotation to run the schedule everywhere.
    """,
    bad="    annotations:\n      meltano.cloud:\n        environments: [prd]\n",
    good="    annotations:\n      meltano.cloud:\n        environments: [prod]\n",
    targets=GUIDE,
)
LISTED_EXCLUDED = rule(
    "S013", "onboarding-schedule-excluded", Severity.ERROR,
    "the onboarding file lists a schedule kept out of the onboarding environment",
    """
    Meltano Cloud onboards a project in one environment (the onboarding file's
    `environment`, recommended `sandbox`). A schedule whose `meltano.cloud`
    annotation leaves that environment out does not exist there, although the
    onboarding file asks for it. Add the environment to the annotation, or
    remove the schedule from the onboarding file.
    """,
    bad="    annotations:\n      meltano.cloud:\n        environments: [prod]   # onboarding uses sandbox\n",
    good="    annotations:\n      meltano.cloud:\n        environments: [sandbox, prod]\n",
    targets=GUIDE,
)


@check(NO_SCHEDULES, SCHEDULES_OPTIONAL)
def at_least_one_schedule(context: Context) -> Iterator[Finding]:
    """No schedule: an error where Meltano Cloud needs one (S009), a notice self-hosted (S018).

    Both are reported; `run_checks` keeps the one of the run's target."""
    project = context.project
    if not project.loaded:
        return  # the file rules say why there is no project
    declared = [(source, source.data.get("schedules")) for source in project.usable_files
                if "schedules" in source.data]
    if any(value is not None and not isinstance(value, list) for _, value in declared):
        return  # `schedules:` is not a list: the project schema reports that
    found = context.schedules
    where = (declared[0][0].location(("schedules",), key=True) if declared
             else project.meltano_file.location())
    if not found.schedules:
        yield NO_SCHEDULES.finding(
            where, "the project defines no schedule, and a Meltano Cloud deployment without "
                   "schedules fails",
            "add one under `schedules:` with `name`, `interval` (UTC cron or preset) and `job`")
        yield SCHEDULES_OPTIONAL.finding(
            where, "the project defines no schedule, so nothing in it says when its jobs run",
            "add one under `schedules:` with `name`, `interval` and `job` for each job that should run "
            "by itself; or ignore S018 when an orchestrator outside the project starts the runs")
        return
    environment = context.onboarding_environment
    if not any(schedule.runs_in(environment) for schedule in found.schedules):
        which = ("the only schedule's annotation keeps it" if len(found.schedules) == 1
                 else f"the annotations of all {len(found.schedules)} schedules keep them")
        yield NO_SCHEDULES.finding(
            where, f"no schedule runs in the onboarding environment {environment!r}: {which} "
                   f"out with `{CLOUD_ANNOTATION}: environments`",
            f"add {environment!r} to the `environments` annotation of the schedules to run there")


@check(LISTED_MISSING, LISTED_NEVER_RUNS, LISTED_EXCLUDED)
def listed_schedules(context: Context) -> Iterator[Finding]:
    if context.onboarding is None or not context.project.loaded:
        return
    found = context.schedules
    environment = context.onboarding_environment
    for name, places in found.listed.items():
        defined = found.by_name.get(name)
        if not defined:
            for place in places:
                yield LISTED_MISSING.finding(
                    place, f"the onboarding file lists schedule {name!r}, which the project "
                           "does not define",
                    found.did_you_mean(name, frozenset(found.by_name),
                                       "fix the name, or add the schedule to the project"))
            continue
        schedule = defined[0]  # the one Meltano keeps
        if schedule.interval is not None and schedule.interval.kind == "never":
            yield LISTED_NEVER_RUNS.finding(
                schedule.item.location("interval"),
                f"schedule {name!r} is listed in the onboarding file but its interval "
                f"`{schedule.interval.written.strip()}` never runs by itself",
                "give it a cron interval in UTC, or remove it from the onboarding file",
                related=places)
        if not schedule.runs_in(environment):
            kept_to = ", ".join(repr(n) for _, n in schedule.cloud_environments or [])
            yield LISTED_EXCLUDED.finding(
                schedule.environments_location(),
                f"schedule {name!r} is listed in the onboarding file, but its `{CLOUD_ANNOTATION}` "
                f"annotation keeps it out of the onboarding environment {environment!r} "
                + (f"(it runs only in {kept_to})" if kept_to else "(its list of environments is empty)"),
                f"add {environment!r} to `environments`, or remove the schedule from the "
                "onboarding file",
                related=places)


@check(ENVIRONMENT_ANNOTATION)
def annotated_environments(context: Context) -> Iterator[Finding]:
    found = context.schedules
    for schedule in found.schedules:
        for index, name in schedule.cloud_environments or []:
            if name not in found.environments:
                yield ENVIRONMENT_ANNOTATION.finding(
                    schedule.environments_location(index),
                    f"{schedule.label()} is limited to environment {name!r}, which the project "
                    "does not define",
                    found.did_you_mean(name, found.environments,
                                       "add the environment under `environments:` or fix the name"))
