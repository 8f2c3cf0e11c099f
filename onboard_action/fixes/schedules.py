"""S004 and S006: the schedule fixes. Both change when or how a job runs, so both are unsafe.

S004: a schedule that runs more often than every 15 minutes gets the nearest
minute field that does not (`*/5` -> `*/15`, `0-59/10` -> `0-59/15`), keeping its
first minute and every other field. S006: a legacy `extractor`/`loader`
schedule becomes a job (its transform as a block) and the schedule runs that job.
"""

from __future__ import annotations

from onboard_action.findings import Edit, Finding
from onboard_action.fixes import fixer, replace_at, single_quoted, source_of, written
from onboard_action.model.context import Context
from onboard_action.rules.schedules import TOO_FREQUENT
from onboard_action.values.cron import CLOUD_MIN_GAP_MINUTES, expand, parse_interval, shortest_gap

_STEPS = (15, 20, 30)


@fixer(TOO_FREQUENT, safe=False)
def space_runs(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    source = source_of(context, finding.location.file)
    text = written(source, finding.location) if source else None
    if not text:
        return None
    quote = text[0] if text[0] in "'\"" else ""
    value = text[1:-1] if quote else text
    if quote and (len(text) < 2 or text[-1] != quote or "\\" in value or quote * 2 in value):
        return None
    interval = parse_interval(value)
    fields = value.split()
    if interval.cron is None or interval.zone or len(fields) != 5 or interval.cron.split() != fields:
        return None  # a preset, a time zone prefix or a six-field form: not one field to respace
    first = expand(interval.cron).minutes[0]
    for minute in (*(f"{first}-59/{step}" if first else f"*/{step}" for step in _STEPS), str(first)):
        spaced = " ".join((minute, *fields[1:]))
        gap = shortest_gap(spaced)
        if gap is None or gap.minutes >= CLOUD_MIN_GAP_MINUTES:
            shown = f"{quote}{spaced}{quote}" if quote else single_quoted(spaced)
            return f"run `{spaced}` instead of `{value}`", [replace_at(finding.location, shown)]
    return None
