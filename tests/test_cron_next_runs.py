"""Next run times: worked out from croniter's expanded fields, and always croniter's own answer.

`cron.next_runs` no longer asks croniter's get_next (dateutil arithmetic, the
slowest part of a check with hundreds of intervals). croniter stays the oracle:
`croniters_next_runs` below is the code next_runs used to be, and every test
compares against it, over the whole grammar cron.py documents and any moment.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from croniter import croniter
from croniter.croniter import CroniterBadDateError
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from onboard_action.values.cron import MONTHS, WEEKDAYS, iso_utc, next_runs, parse_interval

UTC = timezone.utc


def croniters_next_runs(cron: str, now: datetime, count: int = 3) -> tuple[datetime, ...]:
    """What croniter itself says: the old implementation of next_runs, kept as the oracle."""
    runs = croniter(cron, datetime(2000, 1, 1, tzinfo=UTC))
    runs.set_current(now.astimezone(UTC), force=True)
    found = []
    try:
        for _ in range(count):
            found.append(runs.get_next(datetime).astimezone(UTC))
    except CroniterBadDateError:
        pass
    return tuple(found)


def runs(cron: str, now: datetime, count: int = 3) -> list[str]:
    return [iso_utc(moment) for moment in next_runs(cron, now, count)]


# --- the grammar of cron.py's docstring, field by field ----------------------

def _cased(name: str):
    return st.sampled_from([name.upper(), name.lower(), name.capitalize()])


def _values(low: int, high: int, names: dict[str, int]):
    numbers = st.integers(low, high).map(str)
    if not names:
        return numbers
    return st.one_of(numbers, st.sampled_from(sorted(names)).flatmap(_cased))


def _part(low: int, high: int, names: dict[str, int], last: bool):
    value = _values(low, high, names)
    step = st.integers(1, high - low).map(str)
    parts = [
        value,
        st.tuples(value, value).map("-".join),  # a descending range wraps past the end
        st.tuples(st.just("*"), step).map("/".join),
        st.tuples(value, value, step).map(lambda t: f"{t[0]}-{t[1]}/{t[2]}"),
        st.tuples(value, step).map("/".join),
    ]
    if last:
        parts.append(st.just("L"))
    return st.one_of(parts)


def _field(low: int, high: int, names: dict[str, int] | None = None, *, day: bool = False,
           last: bool = False):
    listed = st.lists(_part(low, high, names or {}, last), min_size=1, max_size=3).map(",".join)
    whole = [st.just("*"), listed, listed]
    if day:
        whole.append(st.just("?"))
    return st.one_of(whole)


expressions = st.tuples(
    _field(0, 59), _field(0, 23), _field(1, 31, day=True, last=True),
    _field(1, 12, MONTHS), _field(0, 7, WEEKDAYS, day=True),
).map(" ".join)

moments = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 12, 31, 23, 59),
                       timezones=st.just(UTC))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(expressions, moments)
@example("0 0 29 2 *", datetime(2097, 3, 1, tzinfo=UTC))
@example("0 0 L 2 *", datetime(2099, 12, 31, 23, 59, 59, 999999, tzinfo=UTC))
@example("*/15 22-2 L,1 DEC-jan Sat-mon", datetime(1999, 12, 31, 22, 44, 30, tzinfo=UTC))
def test_next_runs_are_croniters_for_any_valid_expression_and_any_moment(cron: str, now: datetime) -> None:
    assume(parse_interval(cron).valid)
    assert next_runs(cron, now, 3) == croniters_next_runs(cron, now, 3)


# --- the edges, one by one -------------------------------------------------------

def test_runs_are_strictly_after_now_even_when_now_is_a_run_time() -> None:
    assert runs("0 10 * * *", datetime(2026, 1, 15, 10, 0, tzinfo=UTC)) == [
        "2026-01-16T10:00:00Z", "2026-01-17T10:00:00Z", "2026-01-18T10:00:00Z"]


def test_seconds_and_microseconds_of_now_count_as_past_that_minute() -> None:
    now = datetime(2026, 1, 15, 10, 0, 59, 999999, tzinfo=UTC)
    assert runs("* * * * *", now) == ["2026-01-15T10:01:00Z", "2026-01-15T10:02:00Z",
                                       "2026-01-15T10:03:00Z"]
    assert next_runs("* * * * *", now) == croniters_next_runs("* * * * *", now)


def test_now_in_another_time_zone_is_read_as_the_utc_moment_it_is() -> None:
    berlin_winter = timezone(timedelta(hours=1))
    now = datetime(2026, 1, 15, 7, 30, tzinfo=berlin_winter)  # 06:30 UTC
    assert runs("0 6,7 * * *", now) == ["2026-01-15T07:00:00Z", "2026-01-16T06:00:00Z",
                                         "2026-01-16T07:00:00Z"]
    assert all(moment.tzinfo is UTC for moment in next_runs("0 6,7 * * *", now))


def test_february_29_only_runs_once_every_four_years() -> None:
    assert runs("0 0 29 2 *", datetime(2026, 1, 15, tzinfo=UTC)) == [
        "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"]


def test_february_29_skips_2100_which_is_not_a_leap_year_but_not_2400() -> None:
    assert runs("0 0 29 2 *", datetime(2097, 1, 1, tzinfo=UTC)) == [
        "2104-02-29T00:00:00Z", "2108-02-29T00:00:00Z", "2112-02-29T00:00:00Z"]
    assert runs("0 0 29 2 *", datetime(2399, 1, 1, tzinfo=UTC), 1) == ["2400-02-29T00:00:00Z"]


def test_the_last_day_of_february_follows_leap_years() -> None:
    assert runs("30 23 L 2 *", datetime(2027, 6, 1, tzinfo=UTC)) == [
        "2028-02-29T23:30:00Z", "2029-02-28T23:30:00Z", "2030-02-28T23:30:00Z"]


def test_both_day_fields_restricted_run_when_either_matches() -> None:
    # Day 13 of the month or any Friday: 2026-02-13 is both, and runs once.
    assert runs("0 12 13 * FRI", datetime(2026, 2, 1, tzinfo=UTC), 4) == [
        "2026-02-06T12:00:00Z", "2026-02-13T12:00:00Z", "2026-02-20T12:00:00Z",
        "2026-02-27T12:00:00Z"]


def test_a_restricted_weekday_with_day_of_month_question_mark_runs_on_that_weekday_only() -> None:
    assert runs("0 0 ? * 7", datetime(2026, 1, 15, tzinfo=UTC)) == [
        "2026-01-18T00:00:00Z", "2026-01-25T00:00:00Z", "2026-02-01T00:00:00Z"]


def test_a_wrapping_range_runs_across_the_end_of_the_field() -> None:
    assert runs("0 22-1 * NOV-FEB *", datetime(2026, 2, 28, 21, 0, tzinfo=UTC)) == [
        "2026-02-28T22:00:00Z", "2026-02-28T23:00:00Z", "2026-11-01T00:00:00Z"]


def test_a_list_holding_a_star_runs_on_every_value_as_croniter_reads_it() -> None:
    now = datetime(2026, 1, 15, 10, 17, tzinfo=UTC)
    assert next_runs("*,5 * * * *", now) == croniters_next_runs("*,5 * * * *", now)
    assert runs("*,5 * * * *", now) == ["2026-01-15T10:18:00Z", "2026-01-15T10:19:00Z",
                                         "2026-01-15T10:20:00Z"]


def test_far_from_the_analysis_window_in_both_directions() -> None:
    for now in (datetime(1970, 1, 1, tzinfo=UTC), datetime(2999, 12, 31, 23, 59, tzinfo=UTC)):
        assert next_runs("15 3 L * MON", now) == croniters_next_runs("15 3 L * MON", now)


@pytest.mark.parametrize("cron", ["0 0 31 2 *", "0 0 30,31 2 *"])
def test_a_date_that_never_occurs_gives_no_run_as_croniter_gives_up(cron: str) -> None:
    # parse_interval refuses these; croniter searches 50 years and gives up.
    now = datetime(2026, 1, 15, tzinfo=UTC)
    assert next_runs(cron, now) == croniters_next_runs(cron, now) == ()


def test_the_search_stops_fifty_years_after_the_last_run_as_croniters_does() -> None:
    # 2100 is not a leap year: from the end of 2096 the next February 29 is in
    # 2104, within croniter's horizon; the horizon is counted from each run.
    now = datetime(2096, 12, 31, 23, 59, 30, tzinfo=UTC)
    assert next_runs("0 0 29 2 *", now, 5) == croniters_next_runs("0 0 29 2 *", now, 5)


def test_fewer_runs_than_asked_only_at_the_end_of_the_calendar() -> None:
    assert runs("0 0 31 12 *", datetime(9997, 6, 1, tzinfo=UTC)) == [
        "9997-12-31T00:00:00Z", "9998-12-31T00:00:00Z", "9999-12-31T00:00:00Z"]
    assert runs("0 0 31 12 *", datetime(9999, 6, 1, tzinfo=UTC)) == ["9999-12-31T00:00:00Z"]
    assert runs("* * * * *", datetime(9999, 12, 31, 23, 59, tzinfo=UTC)) == []
