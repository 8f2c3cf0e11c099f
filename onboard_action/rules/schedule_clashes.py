"""Rules about the schedules taken together: how many start in the same minute."""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import Finding, Location, Severity
from onboard_action.model.context import Context
from onboard_action.model.schedules import Schedule
from onboard_action.rules import check, rule
from onboard_action.values.cron import CLOUD_MIN_GAP_MINUTES, clock, shortest_gap
from onboard_action.values.run_times import SharedStart, shared_starts, shifted, start_minutes

TOGETHER = 3  # schedules starting in one minute: two is common and harmless, three is a pile-up
STAGGER_MINUTES = 5
SHOWN_NAMES = 10
SHOWN_TIMES = 4
SHOWN_MOVES = 10
# Other members kept as related places: the first ones, so that every member among the job summary's
# first 100 schedule rows is among them (members are in project order, as the rows are).
RELATED = 100

START_TOGETHER = rule(
    "S015", "schedules-start-together", Severity.WARNING,
    "three or more schedules start in the same minute",
    """
    Schedules that start in the same minute compete for the same workers, the
    same source APIs and the same warehouse: they queue behind each other, hit
    rate limits together, and one slow run delays the rest. Meltano Cloud
    shifts each schedule by a fixed offset of up to 7 minutes, which does not
    reliably pull them apart. meltano/squared starts 8 of its 16 schedules at
    06:00 UTC every day. Give each schedule its own start minute, for example
    5 minutes apart; two schedules in one minute are not reported.
    """,
    bad="schedules:\n  - name: github-daily\n    interval: \"0 6 * * *\"\n    job: github-to-postgres\n"
        "  - name: gitlab-daily\n    interval: \"0 6 * * *\"\n    job: gitlab-to-postgres\n"
        "  - name: jira-daily\n    interval: \"0 6 * * *\"\n    job: jira-to-postgres\n",
    good="schedules:\n  - name: github-daily\n    interval: \"0 6 * * *\"\n    job: github-to-postgres\n"
         "  - name: gitlab-daily\n    interval: \"5 6 * * *\"\n    job: gitlab-to-postgres\n"
         "  - name: jira-daily\n    interval: \"10 6 * * *\"\n    job: jira-to-postgres\n",
)


@check(START_TOGETHER)
def schedules_start_together(context: Context) -> Iterator[Finding]:
    # Schedules that run more often than Cloud allows are S004's: staggering is not their problem.
    schedules = [s for s in context.schedules.schedules if s.cron and not _too_frequent(s.cron)]
    crons = [s.cron for s in schedules]
    clashes = shared_starts(crons, TOGETHER)
    moves = _stagger(crons, clashes)
    where: dict[int, Location] = {}  # a schedule that starts hourly is in many clashes: located once

    def interval_of(index: int) -> Location:
        if index not in where:
            where[index] = schedules[index].item.location("interval")
        return where[index]

    for shared in clashes:
        first, *others = shared.members
        yield START_TOGETHER.finding(
            interval_of(first),
            f"{len(shared.members)} schedules start in the same minute, at {_times(shared)} UTC: "
            f"{_names([schedules[i] for i in shared.members])}",
            _hint(shared.members, moves, schedules),
            related=[interval_of(i) for i in others[:RELATED]])


def _too_frequent(cron: str) -> bool:
    gap = shortest_gap(cron)
    return gap is not None and gap.minutes < CLOUD_MIN_GAP_MINUTES


def _stagger(crons: list[str], clashes: list[SharedStart]) -> dict[int, str | None]:
    """New intervals for the schedules to move, chosen once for the whole project.

    In each clash every member but one moves (None: no free minute was
    found), to minutes in which no schedule starts, before or after the other
    moves, and keeps its move in every finding it appears in: doing what all
    the hints say leaves no three schedules starting in one minute.
    """
    free = _FreeMinutes(crons)
    moves: dict[int, str | None] = {}
    for shared in clashes:
        keep = next((i for i in shared.members if i not in moves), None)
        for index in shared.members:
            if index != keep and index not in moves:
                moves[index] = free.take(crons[index])
    return moves


# Offsets to try, nearest 5-minute steps first, later before earlier: +5, -5, +10, ..., then +1, -1, ...
_STEPS = [*range(STAGGER_MINUTES, 60, STAGGER_MINUTES), *(o for o in range(1, 60) if o % STAGGER_MINUTES)]
_OFFSETS = [offset for step in _STEPS for offset in (step, -step)]


class _FreeMinutes:
    """The minutes of the day no schedule starts in, handed out as schedules move into them.

    Taken minutes only ever grow, so an offset that does not fit an
    expression now never will: each expression resumes where its last search
    stopped, and thousands of schedules sharing an interval cost one search.
    """

    def __init__(self, crons: list[str]) -> None:
        self.taken = {minute for cron in crons for minute in start_minutes(cron)}
        self.tried: dict[str, int] = {}  # expression -> index into its offsets of its next candidate
        # expression -> its start minutes, and the offsets that keep every minute in its hour
        self.shapes: dict[str, tuple[tuple[int, ...], list[int]]] = {}

    def take(self, cron: str) -> str | None:
        shape = self.shapes.get(cron)
        if shape is None:
            times = start_minutes(cron)
            within = {t % 60 for t in times}
            low, high = -min(within), 59 - max(within)
            shape = self.shapes[cron] = (times, [o for o in _OFFSETS if low <= o <= high])
        times, offsets = shape
        taken = self.taken
        at = self.tried.get(cron, 0)
        while at < len(offsets):
            offset = offsets[at]
            if not any(t + offset in taken for t in times):
                self.tried[cron] = at + 1
                taken.update(t + offset for t in times)
                return shifted(cron, offset)
            at += 1
        self.tried[cron] = at
        return None


def _hint(members: tuple[int, ...], moves: dict[int, str | None], schedules: list[Schedule]) -> str:
    if any(i in moves and moves[i] is None for i in members):
        return ("give each of them its own start minute, e.g. 5 minutes apart, so that at most two "
                "start in any one minute")
    given = [f"{_label(schedules[i])} `{moves[i]}`" for i in members if i in moves]
    kept = [_label(schedules[i]) for i in members if i not in moves]
    shown = ", ".join(given[:SHOWN_MOVES])
    more = f", and so on, each {STAGGER_MINUTES} minutes after the last" if len(given) > SHOWN_MOVES else ""
    return f"stagger them: {'keep ' + kept[0] + ' and ' if kept else ''}give {shown}{more}"


def _times(shared: SharedStart) -> str:
    times = [clock(minute) for minute in shared.minutes]
    if len(times) <= SHOWN_TIMES:
        return times[0] if len(times) == 1 else ", ".join(times[:-1]) + " and " + times[-1]
    return f"{', '.join(times[:SHOWN_TIMES])} and {len(times) - SHOWN_TIMES} more times a day"


def _names(members: list[Schedule]) -> str:
    names = [repr(s.name) if s.name else "an unnamed schedule" for s in members]
    if len(names) > SHOWN_NAMES:
        return ", ".join(names[:SHOWN_NAMES]) + f" and {len(names) - SHOWN_NAMES} more"
    return ", ".join(names[:-1]) + " and " + names[-1]


def _label(schedule: Schedule) -> str:
    return repr(schedule.name) if schedule.name else "the unnamed schedule"
