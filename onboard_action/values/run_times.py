"""When a set of cron expressions runs, taken together: runs per hour of the week, and shared start minutes.

Works from the fields croniter expanded (`cron.expand`) and cron's day rule
over the four-year window (`cron.matching_days`), so the figures agree with
the next runs and runs per day of the schedule preview. Each distinct
expression and each distinct day rule is worked out once, however many
schedules share it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import timedelta
from functools import lru_cache

from msgspec import Struct

from onboard_action.values.cron import WINDOW_DAYS, WINDOW_START, days_of, expand

WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # date.weekday() order
MINUTES_PER_HOUR = 60


def runs_by_hour(crons: Sequence[str]) -> list[list[float]]:
    """Runs that start in each hour (UTC) of each weekday, Monday first: 7 rows of 24.

    An expression that does not run every week (`0 0 1 * *`) counts with the
    share of weeks it runs on that weekday, so a cell is the average number of
    runs in that hour over the weeks of the window.
    """
    grid = [[0.0] * 24 for _ in range(7)]
    for cron, count in Counter(crons).items():
        e = expand(cron)
        per_hour = len(e.minutes) * count
        for weekday, share in enumerate(_weekday_shares(e.day_rule)):
            if share:
                row = grid[weekday]
                for hour in e.hours:
                    row[hour] += per_hour * share
    return [[round(value, 3) for value in row] for row in grid]


@lru_cache(maxsize=4096)
def _weekday_shares(day_rule: tuple) -> tuple[float, ...]:
    """For each weekday, the share of that weekday's dates in the window on which the rule runs."""
    runs = Counter(day.weekday() for day in _days(day_rule))
    return tuple(runs[weekday] / _weekdays_in_window()[weekday] for weekday in range(7))


@lru_cache(maxsize=4096)
def _days(day_rule: tuple) -> frozenset:
    return frozenset(days_of(day_rule))


@lru_cache(maxsize=1)
def _weekdays_in_window() -> Counter:
    """How many of each weekday the window holds: counted when a grid is first drawn, not at import."""
    return Counter((WINDOW_START + timedelta(days=i)).weekday() for i in range(WINDOW_DAYS))


class SharedStart(Struct, frozen=True):
    """Expressions that start in the same minute of the day on at least one common day."""

    members: tuple[int, ...]  # indices into the expressions given, ascending
    minutes: tuple[int, ...]  # minutes of the day (06:00 is 360) at which they all start, ascending


def shared_starts(crons: Sequence[str | None], at_least: int = 3) -> list[SharedStart]:
    """Where `at_least` or more of `crons` start in the same minute on the same day (None: skipped).

    A member is an expression that starts then on a day when `at_least` of them
    do. Minutes with the same members are reported together, in order of the
    first minute; each list of members appears once.
    """
    by_cron: dict[str, list[int]] = defaultdict(list)
    for index, cron in enumerate(crons):
        if cron is not None:
            by_cron[cron].append(index)
    if sum(map(len, by_cron.values())) < at_least:
        return []
    starting: dict[int, list[str]] = defaultdict(list)  # minute of the day -> expressions starting
    for cron in by_cron:
        for minute in start_minutes(cron):
            starting[minute].append(cron)
    found: dict[tuple[int, ...], list[int]] = {}
    for minute in sorted(starting):
        crons_here = starting[minute]
        if sum(len(by_cron[c]) for c in crons_here) < at_least:
            continue
        members = _members(crons_here, by_cron, at_least)
        if members:
            found.setdefault(members, []).append(minute)
    return [SharedStart(members, tuple(minutes)) for members, minutes in found.items()]


def _members(crons: list[str], by_cron: dict[str, list[int]], at_least: int) -> tuple[int, ...]:
    by_rule: dict[tuple, list[str]] = defaultdict(list)
    for cron in crons:
        by_rule[expand(cron).day_rule].append(cron)
    if len(by_rule) == 1:  # the usual case: they all run on the same days
        return tuple(sorted(i for c in crons for i in by_cron[c]))
    weight = {rule: sum(len(by_cron[c]) for c in group) for rule, group in by_rule.items()}
    per_day: Counter = Counter()
    for rule in by_rule:
        for day in _days(rule):
            per_day[day] += weight[rule]
    busy = {day for day, count in per_day.items() if count >= at_least}
    return tuple(sorted(i for rule, group in by_rule.items() if busy & _days(rule)
                        for c in group for i in by_cron[c]))


@lru_cache(maxsize=8192)
def start_minutes(cron: str) -> tuple[int, ...]:
    """The minutes of the day (0-1439) at which the expression starts, ascending."""
    e = expand(cron)
    return tuple(sorted(hour * MINUTES_PER_HOUR + minute for hour in e.hours for minute in e.minutes))


def shifted(cron: str, offset: int) -> str | None:
    """`cron` with every minute moved `offset` minutes (later, or earlier when negative) in its hour.

    None when a minute would leave its hour.

    A step over the whole hour stays a step (`*/15` moved 5 is `5/15`); other
    minutes become a list.
    """
    minutes = expand(cron).minutes
    if not 0 <= min(minutes) + offset <= max(minutes) + offset < MINUTES_PER_HOUR:
        return None
    moved = [m + offset for m in minutes]
    step = moved[1] - moved[0] if len(moved) > 1 else 0
    if step and moved == list(range(moved[0], MINUTES_PER_HOUR, step)) and len(moved) > 2:
        field = f"{moved[0]}/{step}"
    else:
        field = ",".join(map(str, moved))
    return " ".join([field, *cron.split()[1:]])
