"""Schedule intervals: presets, 5-field cron read field by field, and what a valid one does.

`parse_interval` says whether an interval is usable and, when it is not,
which field is wrong and why, in words. croniter (what Meltano 2.x/3.x used
to read intervals) has the last word on validity and expands each field to
the values it runs on; run times are worked out here from those values. The
field grammar below is the part of croniter's that Meltano 4's own validator
accepts too, so an interval that passes runs under either:

* numbers, names (`JAN`-`DEC`, `SUN`-`SAT`, any case), `*`, ranges (`a-b`,
  wrapping past the end as croniter reads `FRI-MON` or `22-2`), lists and
  steps (`*/15`, `1-5/2`, `5/20`); day-of-week 7 is Sunday;
* `?` as a whole day-of-month or day-of-week field means "any";
* `L` in day-of-month is the last day of the month.

Refused although croniter takes them: seconds or year fields, `#`, `W` and
`L<weekday>` (Meltano 4 rejects them), Jenkins' `H`, and a step so large that
only one value is left (`*/90` runs hourly, not every 90 minutes).

Everything here is cached per interval string (the days an interval runs on,
per day fields): a project with thousands of schedules repeats a handful.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import MAXYEAR, date, datetime, timedelta, timezone
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from msgspec import Struct, field

from onboard_action.records import compared_on
from onboard_action.values.suggest import close_match

if TYPE_CHECKING:
    from croniter import croniter

PRESETS = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
}
NEVER_RUN = ("@once", "@manual", "@none")
CLOUD_MIN_GAP_MINUTES = 15
FIELD_ORDER = "minute hour day month weekday"

# Spelt out, not taken from calendar: cron's names are English whatever the locale.
MONTH_NAMES = dict(enumerate(("January", "February", "March", "April", "May", "June", "July", "August",
                              "September", "October", "November", "December"), start=1))
WEEKDAY_NAMES = dict(enumerate(("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                "Saturday")))
MONTHS = {name[:3].lower(): i for i, name in MONTH_NAMES.items()}
WEEKDAYS = {name[:3].lower(): i for i, name in WEEKDAY_NAMES.items()}


class Field(Struct, frozen=True):
    name: str
    low: int
    high: int
    names: dict[str, int]
    unit: str  # "the 60 minutes of an hour"

    def range_text(self) -> str:
        text = f"{self.low}-{self.high}"
        if self.name == "day-of-week":
            return text + " (0 and 7 are Sunday) or SUN-SAT"
        if self.name == "month":
            return text + " or JAN-DEC"
        return text


FIELDS = (
    Field("minute", 0, 59, {}, "the 60 minutes of an hour"),
    Field("hour", 0, 23, {}, "the 24 hours of a day"),
    Field("day-of-month", 1, 31, {}, "the 31 days of a month"),
    Field("month", 1, 12, MONTHS, "the 12 months of a year"),
    Field("day-of-week", 0, 7, WEEKDAYS, "the 7 days of a week"),
)


class Interval(Struct, frozen=True):
    """An interval as written, and what it is."""

    written: str
    kind: str  # "cron", "preset", "never" (@once @manual @none) or "invalid"
    cron: str | None = None  # the five fields to run on (presets expanded); None when it never runs
    problems: tuple[str, ...] = ()  # why it is invalid, one sentence each
    hint: str = ""
    zone: tuple[str, str] | None = None  # ("CRON_TZ", "Europe/Berlin") when a prefix sets one

    @property
    def valid(self) -> bool:
        return self.kind != "invalid"


_ZONE_PREFIX = re.compile(r"(CRON_TZ|TZ)=(\S*)\s*")
_QUARTZ = re.compile(r"L\d+|\d+L|LW|\d+W")


@lru_cache(maxsize=8192)
def parse_interval(written: str) -> Interval:
    text = written.strip()
    zone = None
    prefix = _ZONE_PREFIX.match(text)
    if prefix:
        # Reported as a time-zone warning; the rest is checked as the UTC cron it becomes.
        zone = (prefix.group(1), prefix.group(2))
        text = text[prefix.end():]
    if not text:
        return _invalid(written, ["empty"],
                        "write a cron expression in UTC such as `0 6 * * *`, or a preset such as `@daily`",
                        zone)
    if text.startswith("@"):
        return _preset(written, text, zone)
    fields = text.split()
    words = [f for f in fields if f.isascii() and f.isalpha() and not _cron_word(f)]
    if len(words) >= 2 or (words and len(fields) != 5):
        return _invalid(written, ["free text, not a cron expression"],
                        "write five fields such as `0 6 * * *` (06:00 UTC every day) "
                        "or a preset such as `@daily`", zone)
    if len(fields) != 5:
        return _wrong_field_count(written, fields, zone)
    problems = [p for spec, value in zip(FIELDS, fields, strict=True) for p in field_problems(spec, value)]
    if problems:
        return _invalid(written, problems, _FIELD_HINT, zone)
    cron = " ".join(fields)
    try:
        fields_read = expand(cron)  # croniter reads it: the last word on validity
    except ValueError as exc:  # croniter's errors are ValueErrors; the grammar above should catch them
        return _invalid(written, [f"croniter rejects it ({exc})"], _FIELD_HINT, zone)
    if not _some_day_exists(fields_read):
        return _invalid(written, [_never_matches(fields_read)],
                        "choose days that exist in the months given", zone)
    return Interval(written, "cron", cron, zone=zone)


_FIELD_HINT = ("fields: minute 0-59, hour 0-23, day-of-month 1-31 or L, month 1-12 or JAN-DEC, "
               "day-of-week 0-7 or SUN-SAT")


def _invalid(written: str, problems: list[str], hint: str, zone) -> Interval:
    return Interval(written, "invalid", None, tuple(problems), hint, zone)


def _preset(written: str, text: str, zone) -> Interval:
    if text in PRESETS:
        return Interval(written, "preset", PRESETS[text], zone=zone)
    if text in NEVER_RUN:
        return Interval(written, "never", None, zone=zone)
    known = [*PRESETS, *NEVER_RUN]
    if text.lower() in known:
        hint = f"presets are lower case: write `{text.lower()}`"
    else:
        close = close_match(text.lower(), known)
        hint = (f"did you mean `{close}`?" if close
                else "use one of " + " ".join(f"`{p}`" for p in known) + ", or a cron expression")
    return _invalid(written, ["not a preset Meltano knows"], hint, zone)


def _wrong_field_count(written: str, fields: list[str], zone) -> Interval:
    count = len(fields)
    if count in (6, 7):
        return _invalid(
            written,
            [f"{count} fields: Meltano Cloud takes 5 ({FIELD_ORDER})"],
            "remove the seconds field (Quartz and Spring put it first, croniter last)"
            + (" and the year field" if count == 7 else " or the year field"),
            zone)
    return _invalid(written, [f"only {count} field{'s' if count != 1 else ''}: "
                              f"cron needs 5 ({FIELD_ORDER})"],
                    "write five fields such as `0 6 * * *`, or a preset such as `@daily`", zone)


def _cron_word(token: str) -> bool:
    lower = token.lower()
    return lower in MONTHS or lower in WEEKDAYS or lower in ("l", "w", "lw", "h")


# --- one field -------------------------------------------------------------

def field_problems(spec: Field, text: str) -> list[str]:
    """What is wrong with one field, each problem naming the field and the reason."""
    if text == "?":
        if spec.name in ("day-of-month", "day-of-week"):
            return []
        return [f"{spec.name} field `?`: `?` is allowed only as the whole day-of-month "
                "or day-of-week field"]
    problems = []
    for part in text.split(","):
        problem = _part_problem(spec, part)
        if problem and problem.startswith(spec.name + " "):
            problems.append(problem)  # "minute 61 is out of range 0-59" says it all
        elif problem:
            shown = "" if f"`{text}`" in problem else f" `{_shown(text)}`"
            problems.append(f"{spec.name} field{shown}: {problem}")
    return problems


def _part_problem(spec: Field, part: str) -> str | None:
    if not part:
        return "an entry of the list is empty"
    if part == "?":
        return "`?` is allowed only as the whole day-of-month or day-of-week field"
    special = _special_problem(spec, part)
    if special is not None:
        return special or None
    base, slash, step_text = part.partition("/")
    if slash:
        if "/" in step_text:
            return f"`{part}` has more than one `/`"
        if not _number(step_text):
            return (f"step `{step_text}` in `{part}` is not a whole number" if step_text
                    else f"`{part}` has no step after `/`")
        step = _whole(step_text)
        if step == 0:
            return f"step 0 in `{part}` never advances; use a step of 1 or more"
    else:
        step = 1
    if base == "*":
        values = list(range(spec.low, spec.high + 1))
        if spec.name == "day-of-week":
            values = values[:-1]  # 7 is Sunday again
    else:
        start_text, dash, end_text = base.partition("-")
        start, problem = _value(spec, start_text)
        if problem:
            return problem
        if dash:
            end, problem = _value(spec, end_text)
            if problem:
                return problem
        else:
            end = spec.high if slash else start
        values = _wrapped(spec, start, end)
    if slash and step > 1 and len(values[::step]) == 1:
        return (f"step {_shown(step_text)} is not smaller than {spec.unit}, so `{_shown(part)}` matches only "
                f"{spec.name} {values[0]}; cron cannot count across {_unit_end(spec)}")
    return None


def _unit_end(spec: Field) -> str:
    return {"second": "minutes", "minute": "hours", "hour": "days", "day-of-month": "months",
            "month": "years", "day-of-week": "weeks"}[spec.name]


def _special_problem(spec: Field, part: str) -> str | None:
    """Problems with `L`, `W`, `#` and `H`: "" when the part is a fine `L`, None when not special."""
    upper = part.upper()
    if upper == "L":
        return "" if spec.name == "day-of-month" else \
            "`L` (the last day of the month) is allowed only in the day-of-month field"
    if "#" in part:
        return (f"`{part}` (the nth weekday of the month) is croniter-only syntax that "
                "Meltano 4 rejects")
    if _QUARTZ.fullmatch(upper):
        return f"`{part}` is Quartz syntax (`L`/`W` with a number) that Meltano rejects"
    if upper.startswith("H"):
        return f"`{part}` is Jenkins' hashed syntax, not cron"
    return None


def _value(spec: Field, text: str) -> tuple[int, str | None]:
    if _number(text):
        value = _whole(text)
        if not spec.low <= value <= spec.high:
            return value, f"{spec.name} {_shown(text)} is out of range {spec.range_text()}"
        return value, None
    lower = text.lower()
    if lower in spec.names:
        return spec.names[lower], None
    if not text:
        return 0, "a range is missing its start or its end"
    other = "month" if lower in MONTHS else "day-of-week" if lower in WEEKDAYS else None
    if other:
        return 0, f"`{text}` is a {other} name, not a {spec.name}"
    if spec.names and len(lower) > 3 and lower[:3] in spec.names:
        return 0, (f"`{text}` is not a {spec.name} name: names have three letters, "
                   f"such as `{text[:3].upper()}`")
    article = "an" if spec.name == "hour" else "a"
    if spec.names:
        return 0, f"`{text}` is not {article} {spec.name}: use {spec.range_text()}"
    return 0, f"`{text}` is not {article} {spec.name}: use a number {spec.range_text()}"


# Past this a field's number is out of range anyway; int() refuses more than 4,300 digits.
_LARGE = 10 ** 9


def _whole(text: str) -> int:
    """A field's digits as a number, any number too large for a field as `_LARGE`."""
    digits = text.lstrip("0")
    return int(digits or "0") if len(digits) < 10 else _LARGE


def _shown(text: str) -> str:
    """`text` as a message quotes it: a number written with thousands of digits is cut."""
    return text if len(text) <= 24 else f"{text[:12]}… ({len(text):,} characters)"


def _number(text: str) -> bool:
    return text.isascii() and text.isdigit()  # "²".isdigit() is true, and int() refuses it


def _wrapped(spec: Field, start: int, end: int) -> list[int]:
    # croniter reads a descending range as wrapping past the end of the field.
    if start <= end:
        return list(range(start, end + 1))
    return list(range(start, spec.high + 1)) + list(range(spec.low, end + 1))


# The longest each month gets (February 29 exists in leap years).
MONTH_DAYS = dict(enumerate((31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1))


def _some_day_exists(e: Expanded) -> bool:
    """False for dates that never occur (`31 2`); a restricted weekday always occurs."""
    if e.any_day or not e.any_weekday or "l" in e.days:
        return True
    return any(day <= MONTH_DAYS[month] for day in e.days for month in e.months)


def _never_matches(e: Expanded) -> str:
    months = [MONTH_NAMES[m] for m in e.months]
    months_text = months[0] if len(months) == 1 else ", ".join(months[:-1]) + " or " + months[-1]
    days = " or ".join(str(d) for d in e.days)
    return f"{months_text} has no day {days}, so it never runs"


# --- what a valid expression does ------------------------------------------

class Expanded(Struct, frozen=True):
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days: tuple[int | str, ...]  # day-of-month; "l" is the last day
    months: tuple[int, ...]
    weekdays: tuple[int, ...]  # 0 is Sunday
    any_day: bool  # day-of-month is `*` or `?`
    any_weekday: bool

    @property
    def day_rule(self) -> tuple:
        """What decides the days it runs on; many intervals share one (`* * *`)."""
        return (self.days, self.months, self.weekdays, self.any_day, self.any_weekday)


@lru_cache(maxsize=8192)
def expand(cron: str) -> Expanded:
    """The values of each field, as croniter reads them."""
    minutes, hours, days, months, weekdays = _plain_expanded(cron) or _reader(cron).expanded

    def full(values: list, everything: tuple[int, ...]) -> tuple:
        # croniter runs a field holding `*` on every value, also in a list (`*,5`).
        return everything if "*" in values else tuple(values)

    return Expanded(
        full(minutes, _EVERY[0]), full(hours, _EVERY[1]), full(days, _EVERY[2]),
        full(months, _EVERY[3]),
        _EVERY[4] if "*" in weekdays else tuple(sorted({v % 7 for v in weekdays})),
        "*" in days, "*" in weekdays)


# Every value of each field (day-of-week without 7, which is Sunday again).
_EVERY = (tuple(range(60)), tuple(range(24)), tuple(range(1, 32)), tuple(range(1, 13)), tuple(range(7)))


# The plain fields most intervals are made of, read here as croniter reads them, so that most
# projects never import croniter (with dateutil, and a `file` process it starts to learn the
# machine's word size): `*`, numbers, ascending ranges and lists of them; steps in minutes
# and hours. Anything else (names, `?`, `L`, wrapping or one-value ranges such as `5-5`, which
# croniter reads as the whole field, day-of-week 7, steps of days)
# goes to croniter. tests/test_cron.py holds this reading to croniter's.
_PLAIN = re.compile(r"\*|(?:[0-9]{1,2}(?:-[0-9]{1,2})?,)*[0-9]{1,2}(?:-[0-9]{1,2})?")
_PLAIN_STEPPED = re.compile(r"(?:\*|[0-9]{1,2}-[0-9]{1,2})/[0-9]{1,2}")
_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))


def _plain_expanded(cron: str) -> list[list] | None:
    """croniter's `expanded` fields for a plain expression; None for any other."""
    texts = cron.split(" ")
    if len(texts) != 5:
        return None
    expanded: list[list] = []
    for index, text in enumerate(texts):
        low, high = _BOUNDS[index]
        if text == "*":
            expanded.append(["*"])
            continue
        if index < 2 and _PLAIN_STEPPED.fullmatch(text):
            base, _, step_text = text.partition("/")
            start, end = (low, high) if base == "*" else map(int, base.split("-"))
            step = int(step_text)
            if not low <= start < end <= high or step == 0:  # croniter widens `5-5` to the field
                return None
            values = set(range(start, end + 1, step))
        elif _PLAIN.fullmatch(text):
            values = set()
            for part in text.split(","):
                start, _, end = part.partition("-")
                first, last = int(start), int(end or start)
                if not low <= first <= last <= high or (end and first == last):
                    return None
                values.update(range(first, last + 1))
        else:
            return None
        expanded.append(sorted(values))
    # A field holding every value becomes `*`, as in croniter, except that day-of-month and
    # day-of-week stay lists while the other of the two holds no `*`: they combine with OR.
    for index, (low, high) in enumerate(_BOUNDS):
        other = {2: 4, 4: 2}.get(index)
        if len(expanded[index]) == high - low + 1 and (other is None or "*" in texts[other]):
            expanded[index] = ["*"]
    return expanded


def _reader(cron: str) -> croniter:
    from croniter import croniter

    return croniter(cron, datetime(2000, 1, 1, tzinfo=timezone.utc))


# Four years from a leap year: every month length and weekday alignment that
# matters for averages and for "two days in a row".
WINDOW_START = date(2024, 1, 1)
WINDOW_END = date(2028, 1, 1)
WINDOW_DAYS = (WINDOW_END - WINDOW_START).days


def matching_days(cron: str) -> tuple[date, ...]:
    """The days of the window on which the expression runs (croniter's day rules)."""
    return days_of(expand(cron).day_rule)


@lru_cache(maxsize=4096)
def days_of(day_rule: tuple) -> tuple[date, ...]:
    """The days of the window on which expressions with this `Expanded.day_rule` run."""
    # The same month-by-month day rule that finds next runs (`_Days`), over the window.
    days = _Days.of(day_rule)
    return tuple(date(year, month, day) for year in range(WINDOW_START.year, WINDOW_END.year)
                 for month in range(1, 13) for day in days.of_month(year, month))


def _adjacent_days(e: Expanded) -> bool:
    """Whether it runs on two days in a row somewhere."""
    if e.any_day:
        # Every month holds every pair of consecutive weekdays.
        return e.any_weekday or any((w + 1) % 7 in e.weekdays for w in e.weekdays)
    days = days_of(e.day_rule)
    return any((b - a).days == 1 for a, b in pairwise(days))


class Gap(Struct, frozen=True):
    minutes: int
    first: str  # "HH:MM" of the earlier run
    second: str  # "HH:MM" of the later run


@lru_cache(maxsize=8192)
def shortest_gap(cron: str) -> Gap | None:
    """The shortest time between two consecutive runs; None when it runs at most once in the window.

    Every matching day runs at the same times of day, so the candidates are
    neighbours within a day and the last run of a day followed by the first
    run of the next day, when two matching days are adjacent. Gaps spanning
    more days are longer than a day and never shorter than one within a day.
    """
    e = expand(cron)
    times = sorted(h * 60 + m for h in e.hours for m in e.minutes)
    candidates = [(b - a, a, b) for a, b in pairwise(times)]
    overnight = 24 * 60 - times[-1] + times[0]
    if (not candidates or overnight < min(candidates)[0]) and _adjacent_days(e):
        candidates.append((overnight, times[-1], times[0]))
    if not candidates:
        days = days_of(e.day_rule)
        if len(days) < 2:
            return None
        shortest = min((b - a).days for a, b in pairwise(days))
        candidates.append((shortest * 24 * 60, times[0], times[0]))
    gap, a, b = min(candidates)
    return Gap(gap, clock(a), clock(b))


def clock(minute_of_day: int) -> str:
    """`HH:MM` of a minute of the day."""
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


@lru_cache(maxsize=8192)
def runs_per_day(cron: str) -> float:
    """Average runs per day over the window (0.71 for weekdays, 0.033 for monthly)."""
    e = expand(cron)
    return len(e.minutes) * len(e.hours) * len(days_of(e.day_rule)) / WINDOW_DAYS


# croniter looks for a run up to 50 years after the year it starts from, then
# gives up (CroniterBadDateError): next_runs stops there too, as croniter did.
HORIZON_YEARS = 50
_MINUTE = timedelta(minutes=1)
_LAST_MINUTE = datetime.max.replace(second=0, microsecond=0)


@lru_cache(maxsize=8192)
def next_runs(cron: str, now: datetime, count: int = 3) -> tuple[datetime, ...]:
    """The next `count` run times strictly after `now`, in UTC: croniter's answer.

    Worked out from the fields croniter expanded, month by month, instead of
    croniter's get_next (dateutil arithmetic, about 0.2 ms a call);
    tests/test_cron_next_runs.py keeps croniter's own iteration as the oracle
    it must agree with. Fewer than `count` when the search ends: past the
    horizon, or at the end of year 9999 (where croniter's arithmetic overflows).
    """
    runs = _Runs.of(cron)
    start = now.astimezone(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    found: list[datetime] = []
    while len(found) < count and start < _LAST_MINUTE:
        moment = runs.first_from(start + _MINUTE)
        if moment is None:
            break
        found.append(moment.replace(tzinfo=timezone.utc))
        start = moment
    return tuple(found)


class _Runs(Struct, frozen=True):
    """One expression's fields, arranged to find the first run from a given minute."""

    times: tuple[int, ...]  # minutes of the day it runs at, ascending
    days: _Days

    @staticmethod
    @lru_cache(maxsize=8192)
    def of(cron: str) -> _Runs:
        e = expand(cron)
        return _Runs(tuple(sorted(h * 60 + m for h in e.hours for m in e.minutes)), _Days.of(e.day_rule))

    def first_from(self, start: datetime) -> datetime | None:
        """The first run at or after `start` (naive UTC, whole minute), or None past the horizon."""
        times = self.times
        year, month = start.year, start.month
        last_year = min(year + HORIZON_YEARS, MAXYEAR)
        days = self.days.of_month(year, month)
        # The rest of the start day, from its minute on; then whole days.
        at = bisect_left(days, start.day)
        if at < len(days) and days[at] == start.day:
            later = bisect_left(times, start.hour * 60 + start.minute)
            if later < len(times):
                return datetime(year, month, start.day, *divmod(times[later], 60))
            at += 1
        while True:
            if at < len(days):
                return datetime(year, month, days[at], *divmod(times[0], 60))
            month += 1
            if month > 12:
                year, month = year + 1, 1
                if year > last_year:
                    return None
            days, at = self.days.of_month(year, month), 0


class _Days(Struct, frozen=True):
    """The days an expression runs on, month by month: shared by the expressions with its day rule."""

    months: frozenset[int]
    dates: frozenset[int]  # days of the month (without `L`)
    last: bool  # `L`: the last day of the month
    weekdays: frozenset[int]  # 0 is Sunday
    any_day: bool
    any_weekday: bool
    known: dict = field(default_factory=dict)  # (year, month) -> days

    __eq__, __hash__ = compared_on("months", "dates", "last", "weekdays", "any_day", "any_weekday")

    @staticmethod
    @lru_cache(maxsize=4096)
    def of(day_rule: tuple) -> _Days:
        days, months, weekdays, any_day, any_weekday = day_rule
        return _Days(frozenset(months), frozenset(d for d in days if d != "l"), "l" in days,
                     frozenset(weekdays), any_day, any_weekday)

    def of_month(self, year: int, month: int) -> tuple[int, ...]:
        """The days of a month it runs on, ascending: cron's day rule."""
        found = self.known.get((year, month))
        if found is None:
            found = self.known[year, month] = self._of_month(year, month)
        return found

    def _of_month(self, year: int, month: int) -> tuple[int, ...]:
        if month not in self.months:
            return ()
        first = date(year, month, 1)
        first_weekday = first.weekday()  # Monday is 0
        length = MONTH_DAYS[month] if month != 2 else (date(year, 3, 1) - first).days
        if self.any_day and self.any_weekday:
            return tuple(range(1, length + 1))
        found = set()
        if not self.any_weekday:
            sunday_based = (first_weekday + 1) % 7  # of day 1
            found.update(day for day in range(1, length + 1)
                         if (sunday_based + day - 1) % 7 in self.weekdays)
        if not self.any_day:
            # With both day fields restricted, either one matching is enough.
            found.update(day for day in self.dates if day <= length)
            if self.last:
                found.add(length)
        return tuple(sorted(found))


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- today's Meltano Cloud: six fields, seconds first ----------------------------
#
# Pipelines of the platform called Meltano Cloud since 2026 take `second minute hour
# day-of-month month day-of-week` (`0 0 9-17 * * MON-FRI`). It runs on Java/Spring, so
# Spring's CronExpression is the likely reference (inferred, not documented). The five
# fields after the seconds are read by the same grammar as above; the seconds field by
# the minute field's rules. Spring's macros (`@daily`, ...) are taken; `@once` and
# the other never-run presets are Meltano's, not the platform's.

SECOND = Field("second", 0, 59, {}, "the 60 seconds of a minute")
SECONDS_FIELD_ORDER = "second minute hour day-of-month month day-of-week"
SECONDS_MACROS = {name: "0 " + cron for name, cron in PRESETS.items()}
_SECONDS_HINT = ("fields: second 0-59, minute 0-59, hour 0-23, day-of-month 1-31 or L, month 1-12 or "
                 "JAN-DEC, day-of-week 0-7 or SUN-SAT; e.g. `0 0 6 * * *` is 06:00 UTC every day")


class SecondsCron(Struct, frozen=True):
    """A six-field schedule as written, and what it runs on when it is valid."""

    written: str
    valid: bool
    seconds: tuple[int, ...] = ()  # the seconds of each minute it runs at
    cron: str | None = None  # the other five fields, as the five-field engine reads them
    problems: tuple[str, ...] = ()
    hint: str = ""
    five_fields: bool = False  # written in Meltano's five-field dialect

    def runs_per_day(self) -> float:
        return len(self.seconds) * runs_per_day(self.cron) if self.cron else 0.0

    def next_runs(self, now: datetime, count: int = 3) -> tuple[datetime, ...]:
        """The next `count` runs strictly after `now`, to the second, in UTC."""
        if not self.cron:
            return ()
        now = now.astimezone(timezone.utc).replace(microsecond=0)
        minute = now.replace(second=0)
        found = [run + timedelta(seconds=s) for run in next_runs(self.cron, minute - _MINUTE, count + 1)
                 for s in self.seconds]
        return tuple(sorted(t for t in found if t > now)[:count])


@lru_cache(maxsize=4096)
def parse_seconds_cron(written: str) -> SecondsCron:
    text = written.strip()
    if not text:
        return SecondsCron(written, False, problems=("empty",), hint=_SECONDS_HINT)
    if text.startswith("@"):
        if text in SECONDS_MACROS:
            return parse_seconds_cron(SECONDS_MACROS[text])
        close = close_match(text.lower(), list(SECONDS_MACROS))
        return SecondsCron(written, False, problems=("not a macro the platform knows",),
                           hint=f"did you mean `{close}`?" if close else
                           "use one of " + " ".join(f"`{m}`" for m in SECONDS_MACROS) + ", or six fields")
    fields = text.split()
    if len(fields) == 5:
        five = parse_interval(text)
        hint = (f"add the seconds field first: `0 {text}`" if five.valid else
                "add the seconds field first (`0 ` for on the minute), then fix the rest: "
                + "; ".join(five.problems))
        return SecondsCron(written, False, problems=(
            f"5 fields, as meltano.yml's schedules take: a pipeline's `schedule` has 6 "
            f"({SECONDS_FIELD_ORDER})",), hint=hint, five_fields=True)
    if len(fields) != 6:
        return SecondsCron(written, False, problems=(
            f"{len(fields)} field{'s' if len(fields) != 1 else ''}: a pipeline's `schedule` has 6 "
            f"({SECONDS_FIELD_ORDER})",), hint=_SECONDS_HINT)
    problems = field_problems(SECOND, fields[0])
    rest = parse_interval(" ".join(fields[1:]))
    if not rest.valid:
        problems += list(rest.problems)
    if problems:
        return SecondsCron(written, False, problems=tuple(problems), hint=_SECONDS_HINT)
    return SecondsCron(written, True, _second_values(fields[0]), rest.cron)


def _second_values(text: str) -> tuple[int, ...]:
    """The seconds a checked seconds field names (`0`, `*/15`, `0,30`, `10-20/5`)."""
    values: set[int] = set()
    for part in text.split(","):
        base, slash, step_text = part.partition("/")
        step = int(step_text) if slash else 1
        if base == "*":
            start, end = SECOND.low, SECOND.high
        else:
            start_text, dash, end_text = base.partition("-")
            start = int(start_text)
            end = int(end_text) if dash else (SECOND.high if slash else start)
        values.update(_wrapped(SECOND, start, end)[::step])
    return tuple(sorted(values))
