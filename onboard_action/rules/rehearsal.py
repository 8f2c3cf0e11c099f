"""Step 3 of the onboarding guide, rehearsed: `meltano run --dry-run` for each onboarded schedule's job.

Only with `--rehearse` (the action's `rehearse: true`), and only where
`meltano` is installed (load/meltano.py runs it, hardened). Each distinct job
(or a legacy schedule's extractor and loader) of the onboarded schedules
(`model.schedules.onboarded`) is dry-run once, in the onboarding environment;
a failure is a finding on every schedule that runs it. A schedule whose job
the project does not define is left to S005. Without Meltano, one notice per
run says the rehearsal was skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import Finding, Location, Severity
from onboard_action.load import meltano
from onboard_action.model.context import Context, OrgContext
from onboard_action.model.schedules import Schedule, onboarded, schedule_set
from onboard_action.rules import check, org_check, rule

REHEARSAL_FAILED = rule(
    "S015", "schedule-rehearsal-failed", Severity.ERROR,
    "the schedule's job fails `meltano run --dry-run`",
    """
    With `rehearse`, the check asks Meltano itself to plan each onboarded
    schedule's job in the onboarding environment, as Meltano Cloud will on
    the first run (Step 3 of the guide), without running anything or
    installing plugins. A failure here (an unknown block, a plugin Meltano
    cannot resolve, an environment it cannot load) is a failure there. The
    message quotes Meltano; run `meltano --environment=ENV run --dry-run -- JOB`
    in the project folder to see all of it.
    """,
    bad="jobs:\n  - name: el\n    tasks: [tap-github target-postgress]\n",
    good="jobs:\n  - name: el\n    tasks: [tap-github target-postgres]\n",
)
REHEARSAL_SKIPPED = rule(
    "S016", "rehearsal-skipped", Severity.NOTICE,
    "rehearsal asked for, but Meltano is not installed",
    """
    `rehearse` runs `meltano run --dry-run` for the onboarded schedules, and
    needs `meltano` on the PATH. The container action's image does not hold
    Meltano: use the composite action after a step that installs it (for
    example `pipx install meltano`), or install Meltano where you run the
    command line.
    """,
    bad="- uses: OWNER/meltano-onboard@SHA   # the container image holds no Meltano\n"
        "  with:\n    rehearse: true\n",
    good="- run: pipx install meltano\n- uses: OWNER/meltano-onboard/composite@SHA\n"
         "  with:\n    rehearse: true\n",
)


@org_check
def rehearsal_possible(context: OrgContext) -> Iterator[Finding]:
    if not context.settings.rehearse or meltano.executable() is not None:
        return
    onboarding = context.onboarding
    where = (onboarding.path if onboarding is not None else
             context.projects[0].root / "meltano.yml" if context.projects
             else context.settings.workspace / "meltano.yml")
    yield REHEARSAL_SKIPPED.finding(
        Location(where), "the rehearsal (`meltano run --dry-run` of the onboarded schedules) was skipped: "
                         "`meltano` is not on the PATH",
        "install Meltano before this step (e.g. `pipx install meltano`; in GitHub Actions, use the "
        "composite action), or leave `rehearse` off")


@check
def rehearse(context: Context) -> Iterator[Finding]:
    if not context.settings.rehearse or not context.project.loaded or meltano.executable() is None:
        return
    environment = context.onboarding_environment
    jobs = schedule_set(context).jobs
    by_blocks: dict[tuple[str, ...], list[Schedule]] = {}
    for schedule in onboarded(context):
        blocks = _blocks(schedule, jobs)
        if blocks:
            by_blocks.setdefault(blocks, []).append(schedule)
    for blocks, schedules in by_blocks.items():
        result = meltano.dry_run(context.project.root, environment, list(blocks))
        if result.ok:
            continue
        what = f"job '{blocks[0]}'" if len(blocks) == 1 else "`" + " ".join(blocks) + "`"
        for schedule in schedules:
            key = "job" if schedule.text("job") else "extractor"
            yield REHEARSAL_FAILED.finding(
                schedule.item.location(key),
                f"{schedule.label()}: `meltano run --dry-run` of {what} in environment {environment!r} "
                f"failed: {result.reason}",
                "fix what Meltano names; to see all of its output, run `meltano "
                f"--environment={environment} run --dry-run -- {' '.join(blocks)}` in the project folder")


def _blocks(schedule: Schedule, jobs: frozenset[str]) -> tuple[str, ...]:
    """What `meltano run` gets for the schedule; empty when the project does not define its job (S005)."""
    job = schedule.text("job")
    if job is not None:
        return (job,) if job in jobs else ()
    extractor, loader = schedule.text("extractor"), schedule.text("loader")
    return (extractor, loader) if extractor and loader else ()
