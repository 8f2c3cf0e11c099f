"""A valid interval in plain English, so a reviewer sees what `15,45 */2 * * 1,3,5` means.

Works from the values croniter expands each field to, so the words describe
what actually runs (times are UTC; the preview says so once).
"""

from __future__ import annotations

from functools import lru_cache

from onboard_action.values.cron import MONTH_NAMES, WEEKDAY_NAMES, Interval, expand

NEVER_WORDS = "never runs by itself; someone has to start it"


def describe(interval: Interval) -> str:
    if interval.kind == "never":
        return NEVER_WORDS
    if interval.cron is None:
        return "not a valid interval"
    return describe_cron(interval.cron)


@lru_cache(maxsize=8192)
def describe_cron(cron: str) -> str:
    e = expand(cron)
    times = _times(e.minutes, e.hours)
    if (not e.any_day and e.any_weekday and len(e.months) == 1 and len(e.days) == 1
            and e.days[0] != "l"):
        return f"{times} on {e.days[0]} {MONTH_NAMES[e.months[0]]}"
    days = _days(e)
    clock = times.startswith("at ") and times[3].isdigit()  # "at 06:00", not "at minutes 15 and 45"
    if days == "every day" and not clock:
        days = ""
    return f"{times}{' ' + days if days else ''}{_months(e.months)}"


def _times(minutes: tuple[int, ...], hours: tuple[int, ...]) -> str:
    if len(minutes) == 1 and len(hours) <= 4:
        return "at " + _and([f"{h:02d}:{minutes[0]:02d}" for h in hours])
    hour_step = _step(hours, 24)
    if len(minutes) == 1:
        if len(hours) == 24:
            return f"every hour at :{minutes[0]:02d}"
        if hour_step and 24 % hour_step == 0:
            return f"every {hour_step} hours from {hours[0]:02d}:{minutes[0]:02d}"
        if hour_step:
            return f"at :{minutes[0]:02d} of {_hours(hours, hour_step)}"
        return f"every hour at :{minutes[0]:02d} during {_hours(hours, hour_step)}"
    minute_words = _minute_words(minutes)
    if len(hours) == 24:
        return minute_words if minute_words.startswith("every") else f"{minute_words} of every hour"
    joiner = "during" if minute_words.startswith("every") else "of"
    return f"{minute_words} {joiner} {_hours(hours, hour_step)}"


def _hours(hours: tuple[int, ...], step: int | None) -> str:
    if step:
        return f"every {_ordinal(step)} hour" + (f" from {hours[0]:02d}:00" if hours[0] else "")
    return "hours " + _and(_ranges(hours, _two_digits))


def _two_digits(n: int) -> str:
    return f"{n:02d}"


def _minute_words(minutes: tuple[int, ...]) -> str:
    if len(minutes) == 60:
        return "every minute"
    step = _step(minutes, 60)
    if step and 60 % step == 0:
        return f"every {step} minutes" + (f" from minute {minutes[0]}" if minutes[0] else "")
    if step:
        return f"at every {_ordinal(step)} minute" + (f" from minute {minutes[0]}" if minutes[0] else "")
    return "at minutes " + _and(_ranges(minutes, str))


def _step(values: tuple[int, ...], size: int) -> int | None:
    """The step when `values` is `start/step` over the whole field (start below the step)."""
    if len(values) < 2:
        return None
    step = values[1] - values[0]
    if len(values) < 3 and (values[0] != 0 or size % step):
        return None  # `15,45` reads better as a list than as "every 30 minutes from 15"
    if values[0] < step and list(values) == list(range(values[0], size, step)):
        return step
    return None


def _days(e) -> str:
    by_date = _dates(e.days) if not e.any_day else None
    by_weekday = "on " + _and(_ranges(e.weekdays, WEEKDAY_NAMES.get, " to ")) if not e.any_weekday else None
    if by_date and by_weekday:
        return f"{by_date} or {by_weekday}"  # cron runs when either matches
    return by_date or by_weekday or "every day"


def _months(months: tuple[int, ...]) -> str:
    if len(months) == 12:
        return ""
    return " in " + _and(_ranges(months, MONTH_NAMES.get, " to "))


def _dates(days: tuple) -> str:
    numbers = tuple(d for d in days if d != "l")
    parts = _ranges(numbers, str) if numbers else []
    last = "l" in days
    if not parts:
        return "on the last day of the month"
    noun = "day" if len(numbers) == 1 else "days"
    text = f"on {noun} {_and(parts)}"
    return text + (" and the last day of the month" if last else " of the month")


def _ranges(values, name, joiner: str = "-") -> list[str]:
    """[1, 2, 3, 5] -> ["1-3", "5"]: runs of three or more become ranges."""
    out: list[str] = []
    values = list(values)
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{name(values[i])}{joiner}{name(values[j])}")
            i = j + 1
        else:
            out.append(name(values[i]))
            i += 1
    return out


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _ordinal(n: int) -> str:
    if n == 1:
        return ""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
