"""Step 3 of the onboarding guide, rehearsed: `meltano run --dry-run` for each onboarded schedule's job.

Only with `--rehearse` (the action's `rehearse: true`), and only where
`meltano` is installed (load/meltano.py runs it, hardened). Each distinct job
(or a legacy schedule's extractor and loader) of the onboarded schedules
(`ScheduleSet.onboarded`) is dry-run once, in the onboarding environment; a
failure is a finding on every schedule that runs it. A schedule whose job the
project does not define is left to S005. Without Meltano, one notice per run
(an organization check) says the rehearsal was skipped.

Meltano reads the project's `.env`, and may quote a value of it when it
fails: those values are replaced by `***` in its answer before it becomes a
message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from onboard_action.findings import Finding, Location, Severity
from onboard_action.load import meltano
from onboard_action.model.context import Context
from onboard_action.model.schedules import Schedule
from onboard_action.rules import check, rule

REHEARSAL_FAILED = rule(
    "S016", "schedule-rehearsal-failed", Severity.ERROR,
    "the schedule's job fails `meltano run --dry-run`",
    """
    With `rehearse`, the check asks Meltano itself to plan each onboarded
    schedule's job in the onboarding environment, as Meltano Cloud will on
    the first run (Step 3 of the guide), without running anything or
    installing plugins. A failure here (an unknown block, a plugin Meltano
    cannot resolve, an environment it cannot load) is a failure there. The
    message quotes Meltano; run the command the hint gives in the project
    folder to see all of its output, and fix what it names.
    """,
)
REHEARSAL_SKIPPED = rule(
    "S017", "rehearsal-skipped", Severity.NOTICE,
    "rehearsal asked for, but Meltano is not installed",
    """
    `rehearse` runs `meltano run --dry-run` for the onboarded schedules, and
    needs `meltano` on the PATH. The container action's image does not hold
    Meltano: use the composite action after a step that installs it (for
    example `pipx install meltano`), or install Meltano where you run the
    command line.
    """,
)

# A value shorter than this is not hidden in Meltano's answer: it would blot out ordinary words.
SHORTEST_HIDDEN = 4
DOTENV_LIMIT = 1 << 20  # bytes: a larger .env is not read to find what to hide


@check(REHEARSAL_SKIPPED, org=True)
def rehearsal_possible(context: Context) -> Iterator[Finding]:
    if not context.settings.rehearse or meltano.executable() is not None:
        return
    onboarding = context.onboarding
    where = (onboarding.path if onboarding is not None
             else context.project.meltano_file.path if context.project.meltano_file is not None
             else context.project.root / "meltano.yml")
    yield REHEARSAL_SKIPPED.finding(
        Location(where), "the rehearsal (`meltano run --dry-run` of the onboarded schedules) was skipped: "
                         "`meltano` is not on the PATH",
        "install Meltano before this step (e.g. `pipx install meltano`; in GitHub Actions, use the "
        "composite action), or leave `rehearse` off")


@check(REHEARSAL_FAILED)
def rehearse(context: Context) -> Iterator[Finding]:
    if not context.settings.rehearse or not context.project.loaded or meltano.executable() is None:
        return
    environment = context.onboarding_environment
    found = context.schedules
    by_blocks: dict[tuple[str, ...], list[Schedule]] = {}
    for schedule in found.onboarded(environment):
        blocks = _blocks(schedule, found.jobs)
        if blocks:
            by_blocks.setdefault(blocks, []).append(schedule)
    hide = _dotenv_values(context.project.root) if by_blocks else []
    for blocks, schedules in by_blocks.items():
        result = meltano.dry_run(context.project.root, environment, list(blocks), hide)
        if result.ok:
            continue
        what = f"job {blocks[0]!r}" if len(blocks) == 1 else "`" + " ".join(blocks) + "`"
        again = " ".join(["meltano", *meltano.command(environment, blocks)])
        for schedule in schedules:
            key = "job" if schedule.text("job") else "extractor"
            yield REHEARSAL_FAILED.finding(
                schedule.item.location(key),
                f"{schedule.label()}: `meltano run --dry-run` of {what} in environment {environment!r} "
                f"failed: {result.reason}",
                f"fix what Meltano names; to see all of its output, run `{again}` in the project folder")


def _blocks(schedule: Schedule, jobs: frozenset[str]) -> tuple[str, ...]:
    """What `meltano run` gets for the schedule; empty when the project does not define its job (S005)."""
    job = schedule.text("job")
    if job is not None:
        return (job,) if job in jobs else ()
    extractor, loader = schedule.text("extractor"), schedule.text("loader")
    return (extractor, loader) if extractor and loader else ()


def _dotenv_values(root: Path) -> list[str]:
    """The values of the project's `.env`, which Meltano reads, to hide in what it answers."""
    path = root / ".env"
    try:
        if not path.resolve().is_relative_to(root.resolve()) or not path.is_file() \
                or path.stat().st_size > DOTENV_LIMIT:
            return []
        text = path.read_text(encoding="utf-8", errors="replace")
    except (OSError, RuntimeError):
        return []
    from onboard_action.secrets.dotenv_source import parse_dotenv  # python-dotenv: only when there is one

    return [value for value in parse_dotenv(text).secret_texts() if len(value) >= SHORTEST_HIDDEN]
