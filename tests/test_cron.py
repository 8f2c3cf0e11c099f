"""Intervals: what is accepted, what is refused and why, and what a valid one does.

croniter is the oracle for run times: the analysis in onboard_action.values.cron
(matching days, shortest gap) must agree with iterating croniter itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import pairwise

import pytest
from croniter import croniter
from croniter.croniter import CroniterBadDateError
from hypothesis import given, settings
from hypothesis import strategies as st

from onboard_action.values.cron import (
    WINDOW_DAYS,
    WINDOW_START,
    iso_utc,
    matching_days,
    next_runs,
    parse_interval,
    runs_per_day,
    shortest_gap,
)
from onboard_action.values.cron_words import describe

NOW = datetime(2026, 1, 15, 10, 17, tzinfo=timezone.utc)


@pytest.mark.parametrize("written", [
    "0 6 * * MON-FRI", "15,45 */2 * * 1,3,5", "@daily", "@hourly", "@midnight", "@weekly",
    "@monthly", "@yearly", "@annually", "0 0 * jan *", "0 0 * * sun-sat", "30 4 1 JAN,Apr ?",
    "0 0 ? * 1", "0 23 L * *", "0 0 1,L * *", "0 22-2 * * *", "0 0 * * 7", "0 0 * * 0-7",
    "5/20 * * * *", "1-5/2 * * * *", "  0 6 * * *  ", "0\t6 * * *", "0 0 29 2 *",
])
def test_accepted(written: str) -> None:
    interval = parse_interval(written)
    assert interval.valid, interval.problems
    assert croniter.is_valid(interval.cron)


@pytest.mark.parametrize("written", ["@once", "@manual", "@none"])
def test_never_run_presets_are_valid_and_never_run(written: str) -> None:
    interval = parse_interval(written)
    assert (interval.kind, interval.cron) == ("never", None)
    assert describe(interval) == "never runs by itself; someone has to start it"


@pytest.mark.parametrize(("written", "problems"), [
    ("61 25 * * *", ["minute 61 is out of range 0-59", "hour 25 is out of range 0-23"]),
    ("0,99 * * * *", ["minute 99 is out of range 0-59"]),
    ("*/0 * * * *", ["minute field: step 0 in `*/0` never advances; use a step of 1 or more"]),
    ("0 0 * * * *", ["6 fields: Meltano Cloud takes 5 (minute hour day month weekday)"]),
    ("0 0 * * * * 2026", ["7 fields: Meltano Cloud takes 5 (minute hour day month weekday)"]),
    ("0 6 * *", ["only 4 fields: cron needs 5 (minute hour day month weekday)"]),
    ("every day", ["free text, not a cron expression"]),
    ("run at six every morning", ["free text, not a cron expression"]),
    ("", ["empty"]),
    ("0 0 * * 8", ["day-of-week 8 is out of range 0-7 (0 and 7 are Sunday) or SUN-SAT"]),
    ("0 0 0 * *", ["day-of-month 0 is out of range 1-31"]),
    ("0 0 1 13 *", ["month 13 is out of range 1-12 or JAN-DEC"]),
    ("0 0 * jann *", ["month field: `jann` is not a month name: names have three letters, such as `JAN`"]),
    ("0 0 * jan,febr *", ["month field `jan,febr`: `febr` is not a month name: names have three "
                          "letters, such as `FEB`"]),
    ("0 0 * MON *", ["month field: `MON` is a day-of-week name, not a month"]),
    ("0 ? * * *", ["hour field `?`: `?` is allowed only as the whole day-of-month or day-of-week field"]),
    ("0 0 L * 1,L", ["day-of-week field `1,L`: `L` (the last day of the month) is allowed only in "
                     "the day-of-month field"]),
    ("0,,5 * * * *", ["minute field `0,,5`: an entry of the list is empty"]),
    ("-5 * * * *", ["minute field `-5`: a range is missing its start or its end"]),
    ("1-5/x * * * *", ["minute field: step `x` in `1-5/x` is not a whole number"]),
    ("*/90 * * * *", ["minute field: step 90 is not smaller than the 60 minutes of an hour, so "
                      "`*/90` matches only minute 0; cron cannot count across hours"]),
    ("0 0 * * 1#2", ["day-of-week field: `1#2` (the nth weekday of the month) is croniter-only "
                     "syntax that Meltano 4 rejects"]),
    ("0 0 * * L5", ["day-of-week field: `L5` is Quartz syntax (`L`/`W` with a number) that Meltano rejects"]),
    ("0 0 15W * *", ["day-of-month field: `15W` is Quartz syntax (`L`/`W` with a number) that "
                     "Meltano rejects"]),
    ("H * * * *", ["minute field: `H` is Jenkins' hashed syntax, not cron"]),
    ("@dialy", ["not a preset Meltano knows"]),
    ("0 0 31 2 *", ["February has no day 31, so it never runs"]),
    ("0 0 30,31 2 *", ["February has no day 30 or 31, so it never runs"]),
])
def test_refused_with_the_field_and_the_reason(written: str, problems: list[str]) -> None:
    interval = parse_interval(written)
    assert not interval.valid
    assert list(interval.problems) == problems
    assert interval.hint


def test_preset_hints() -> None:
    assert parse_interval("@dialy").hint == "did you mean `@daily`?"
    assert parse_interval("@HOURLY").hint == "presets are lower case: write `@hourly`"
    assert "`@manual`" in parse_interval("@every 5m").hint


def test_time_zone_prefix_is_set_aside_and_the_rest_checked() -> None:
    interval = parse_interval("CRON_TZ=Europe/Berlin 0 6 * * *")
    assert interval.zone == ("CRON_TZ", "Europe/Berlin")
    assert interval.cron == "0 6 * * *"
    assert parse_interval("TZ=UTC 61 * * * *").problems == ("minute 61 is out of range 0-59",)


@pytest.mark.parametrize(("written", "gap", "first", "second"), [
    ("*/5 * * * *", 5, "00:00", "00:05"),
    ("0,5 * * * *", 5, "00:00", "00:05"),
    ("*/20 * * * *", 20, "00:00", "00:20"),
    ("0-59/15 * * * *", 15, "00:00", "00:15"),
    ("50 * * * *", 60, "00:50", "01:50"),
    ("0,55 0,23 * * *", 5, "23:55", "00:00"),  # across midnight
    ("0,55 0,23 * * 1", 55, "00:00", "00:55"),  # Monday 23:55 is not followed by a run
    ("@daily", 24 * 60, "00:00", "00:00"),
    ("@weekly", 7 * 24 * 60, "00:00", "00:00"),
])
def test_shortest_gap(written: str, gap: int, first: str, second: str) -> None:
    found = shortest_gap(parse_interval(written).cron)
    assert (found.minutes, found.first, found.second) == (gap, first, second)


def test_next_runs_after_a_fixed_now() -> None:
    assert [iso_utc(t) for t in next_runs("0 6 * * 1-5", NOW)] == [
        "2026-01-16T06:00:00Z", "2026-01-19T06:00:00Z", "2026-01-20T06:00:00Z"]
    assert [iso_utc(t) for t in next_runs("15,45 */2 * * 1,3,5", NOW)] == [
        "2026-01-16T00:15:00Z", "2026-01-16T00:45:00Z", "2026-01-16T02:15:00Z"]
    assert [iso_utc(t) for t in next_runs("0 10 * * *", NOW.replace(minute=0))] == [
        "2026-01-16T10:00:00Z", "2026-01-17T10:00:00Z", "2026-01-18T10:00:00Z"]  # strictly after now


@pytest.mark.parametrize(("written", "words"), [
    ("0 6 * * MON-FRI", "at 06:00 on Monday to Friday"),
    ("15,45 */2 * * 1,3,5", "at minutes 15 and 45 of every 2nd hour on Monday, Wednesday and Friday"),
    ("@daily", "at 00:00 every day"),
    ("@hourly", "every hour at :00"),
    ("@weekly", "at 00:00 on Sunday"),
    ("@monthly", "at 00:00 on day 1 of the month"),
    ("@yearly", "at 00:00 on 1 January"),
    ("*/20 * * * *", "every 20 minutes"),
    ("*/15 9-17 * * 1-5", "every 15 minutes during hours 09-17 on Monday to Friday"),
    ("0 */3 * * *", "every 3 hours from 00:00"),
    ("0 6,18 * * *", "at 06:00 and 18:00 every day"),
    ("0 23 L * *", "at 23:00 on the last day of the month"),
    ("0 0 1 * 1", "at 00:00 on day 1 of the month or on Monday"),
    ("0 12 * jan-mar *", "at 12:00 every day in January to March"),
    ("0 22-2 * * *", "every hour at :00 during hours 00-02, 22 and 23"),
])
def test_described_in_words(written: str, words: str) -> None:
    assert describe(parse_interval(written)) == words


def test_runs_per_day() -> None:
    assert runs_per_day("*/15 * * * *") == 96
    assert runs_per_day("0 6 * * *") == 1
    assert round(runs_per_day("0 6 * * 1-5") * 7, 1) == 5.0  # over four calendar years


# --- properties: the analysis agrees with croniter itself --------------------

_values = {
    "minute": st.sampled_from(["0", "5", "15", "30", "45", "55", "59"]),
    "hour": st.sampled_from(["0", "1", "6", "12", "22", "23"]),
    "day": st.sampled_from(["1", "2", "15", "28", "29", "30", "31", "L"]),
    "month": st.sampled_from(["1", "2", "3", "4", "6", "12"]),
    "weekday": st.sampled_from(["0", "1", "5", "6"]),
}


def _field(kind: str, allow_any: bool = True):
    listed = st.lists(_values[kind], min_size=1, max_size=2, unique=True).map(",".join)
    return st.one_of(st.just("*"), listed) if allow_any else listed


crons = st.tuples(_field("minute", False), _field("hour", False), _field("day"), _field("month"),
                  _field("weekday")).map(" ".join)


def _croniter_runs(cron: str) -> list[datetime]:
    start = datetime.combine(WINDOW_START, datetime.min.time(), tzinfo=timezone.utc) - timedelta(minutes=1)
    end = start + timedelta(days=WINDOW_DAYS, minutes=1)
    runs, it = [], croniter(cron, start)
    while True:
        moment = it.get_next(datetime)
        if moment >= end:
            return runs
        runs.append(moment)


@settings(max_examples=20, deadline=None)
@given(crons)
def test_matching_days_and_shortest_gap_agree_with_croniter(cron: str) -> None:
    if not parse_interval(cron).valid:
        return  # e.g. day 31 in February only: refused, and croniter finds no date either
    runs = _croniter_runs(cron)
    assert sorted({r.date() for r in runs}) == list(matching_days(cron))
    gap = shortest_gap(cron)
    gaps = [(b - a).total_seconds() / 60 for a, b in pairwise(runs)]
    assert (gap.minutes if gap else None) == (min(gaps) if gaps else None)
    assert runs_per_day(cron) == pytest.approx(len(runs) / WINDOW_DAYS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["*", "?", "L", "0", "7", "61", "1-5", "5-1", "*/15", "*/0", "1,2",
                                 "mon", "JAN", "x", "1#2", ",", "/", "-"]),
                min_size=5, max_size=5).map(" ".join))
def test_what_passes_croniter_also_accepts(cron: str) -> None:
    interval = parse_interval(cron)
    if interval.valid:
        assert croniter.is_valid(interval.cron)
        assert next_runs(interval.cron, NOW), "a valid interval runs at some point"


@given(st.text(max_size=40))
def test_any_text_gets_an_answer(text: str) -> None:
    interval = parse_interval(text)
    assert interval.valid or interval.problems


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["1", "28", "29", "30", "31", "L", "29,30", "30-31"]),
       st.sampled_from(["1", "2", "4", "2,4", "2,3", "4,6,9,11", "*"]))
def test_a_date_that_never_occurs_is_refused_exactly_when_croniter_finds_no_run(day: str, month: str) -> None:
    cron = f"0 0 {day} {month} *"
    try:
        croniter(cron, NOW).get_next(datetime)
        croniter_runs = True
    except CroniterBadDateError:
        croniter_runs = False
    assert parse_interval(cron).valid == croniter_runs


@pytest.mark.parametrize(("written", "words", "gap"), [
    ("*,5 * * * *", "every minute", 1),
    ("0 0 * * 1,*", "at 00:00 every day", 24 * 60),
    ("0 0 L,* * *", "at 00:00 every day", 24 * 60),
])
def test_a_list_holding_a_star_runs_on_every_value_as_croniter_reads_it(written: str, words: str,
                                                                      gap: int) -> None:
    interval = parse_interval(written)
    assert describe(interval) == words
    assert shortest_gap(interval.cron).minutes == gap


def test_digits_that_are_not_ascii_are_refused_not_crashed_on() -> None:
    assert parse_interval("² * * * *").problems == ("minute field: `²` is not a minute: use a number 0-59",)
    assert not parse_interval("*/² * * * *").valid


# --- plain fields read without croniter -----------------------------------------

def croniters_fields(cron: str) -> list[list]:
    from onboard_action.values.cron import _reader

    return [list(field) for field in _reader(cron).expanded]  # croniter, from the same start


def _field_text(draw, low: int, high: int, stepped: bool) -> str:
    kind = draw(st.sampled_from(["star", "number", "range", "list", "step", "other"]))
    number = st.integers(low, high)
    if kind == "star":
        return "*"
    if kind == "number":
        return str(draw(number))
    if kind == "range":
        a, b = sorted((draw(number), draw(number)))
        return f"{a}-{b}"
    if kind == "list":
        parts = draw(st.lists(st.one_of(number.map(str), st.tuples(number, number).map(
            lambda p: f"{min(p)}-{max(p)}")), min_size=1, max_size=4))
        return ",".join(parts)
    if kind == "step":
        base = draw(st.sampled_from(["*", "range"]))
        if base == "range":
            a, b = sorted((draw(number), draw(number)))
            base = f"{a}-{b}"
        return f"{base}/{draw(st.integers(1, max(1, high - low)))}"
    # Near misses the plain reader must leave to croniter: names, wraps, `?`, `L`, 7, stars in lists.
    return draw(st.sampled_from(["?", "L", "7", "1-7", "5-2", "*,3", "MON", "jan", "*/2", "1-4/2", "3-3",
                                 "0-0/2"]))


@st.composite
def expressions(draw) -> str:
    bounds = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
    return " ".join(_field_text(draw, low, high, index < 2) for index, (low, high) in enumerate(bounds))


@settings(max_examples=600, deadline=None)
@given(expressions())
def test_plain_fields_are_read_as_croniter_reads_them(cron: str) -> None:
    from onboard_action.values.cron import _plain_expanded

    plain = _plain_expanded(cron)
    if plain is None:
        return  # croniter reads it
    assert plain == croniters_fields(cron), cron


@pytest.mark.parametrize("cron", [
    "0 6 * * *", "*/30 * * * *", "0 */6 * * *", "0 0 1 * *", "0 2 * * 1-5", "15 4 * * 0",
    "0,30 8-17 * * 1-5", "0 0 1-31 * 1", "5-10/2 1-3 * * *",
])
def test_common_intervals_need_no_croniter(cron: str) -> None:
    from onboard_action.values.cron import _plain_expanded

    assert _plain_expanded(cron) == croniters_fields(cron)


@pytest.mark.parametrize("cron", ["0 0 ? * *", "0 0 L * *", "0 0 * * 7", "0 22-2 * * *", "0 0 * JAN *",
                                  "0 0 */2 * *", "*,5 * * * *", "* * * * 0-0", "3-3/2 * * * *"])
def test_other_fields_are_left_to_croniter(cron: str) -> None:
    from onboard_action.values.cron import _plain_expanded

    assert _plain_expanded(cron) is None
