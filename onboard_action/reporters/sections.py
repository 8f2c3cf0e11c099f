"""The job summary's section for each fact, in the order they appear: `SECTIONS[name](value, report)`."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from onboard_action.findings import CLOUD, DEFAULT_TARGET, SELF_HOSTED, Finding
from onboard_action.report import Report
from onboard_action.reporters import markdown as md
from onboard_action.reporters.packet import summary_markdown as organization
from onboard_action.values.run_times import WEEKDAY_ABBREVIATIONS

MAX_ROWS = 100  # the job summary is capped at 1 MiB per step; the JSON report has them all
FOLD_ROWS = 10  # longer tables fold away under <details>
CLOUD_OFFSET_MINUTES = 7
STATUS = {"error": "\u274c", "warning": "\u26a0\ufe0f", "notice": "\u2139\ufe0f"}  # cross, sign, info
READY = "\u2705"  # ✅
BLOCKS = " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"  # ▁▂▃▄▅▆▇█: an eighth each
NO_RUNS = "\u00b7"  # ·


def schedules(data: dict[str, Any], report: Report) -> str:
    schedules = data["schedules"]
    parts = ["### Schedules\n"]
    if not schedules:
        if report.target == CLOUD:
            return ""  # the workspace's pipelines carry its schedules: their own section says so
        parts.append("The project defines no schedule.\n")
        return "\n".join(parts)
    count = len(schedules)
    now = _moment(data["now"])
    parts.append(f"{count} schedule{'s' if count != 1 else ''}; next runs after {now} UTC. "
                 + _schedule_terms(report.target, data["onboarding_environment"]) + "\n")
    status = _Status(report)
    year = data["now"][:4]
    rows = [_row(entry, data["onboarding_environment"], status, year) for entry in schedules[:MAX_ROWS]]
    headers = ["Status", "Schedule", "Interval", "Meaning (UTC)", "How often", "Next runs (UTC)", "Runs",
               "Onboarding"]
    if report.target != DEFAULT_TARGET:  # only the guide's onboarding file lists schedules
        headers, rows = headers[:-1], [row[:-1] for row in rows]
    table = md.table(headers, rows)
    parts.append(md.details(f"{count} schedules", table) if len(rows) > FOLD_ROWS else table)
    if count > MAX_ROWS:
        parts.append(f"… and {count - MAX_ROWS} more: see `facts.schedules` in the JSON report.\n")
    grid = week_grid(data.get("runs_by_hour"))
    if grid:
        parts.append(grid)
    return "\n".join(parts)


def _schedule_terms(target: str, environment: str) -> str:
    """How the target runs schedules, and in which environment."""
    if target == SELF_HOSTED:
        return (f"Times are cron's in UTC; the orchestrator that runs them decides the time zone. "
                f"Environment (the `default_environment` unless named): {md.code(environment)}.")
    if target == CLOUD:
        return (f"Times in UTC. The workspace's active environment: {md.code(environment)}.")
    return (f"Meltano Cloud reads cron as **UTC**, creates schedules **disabled** (enable them "
            f"once onboarding is done), and shifts each schedule by a fixed offset of up to "
            f"{CLOUD_OFFSET_MINUTES} minutes, so runs start up to {CLOUD_OFFSET_MINUTES} minutes "
            f"away from the times below. Onboarding environment: {md.code(environment)}.")


def _row(entry: dict[str, Any], environment: str, status: _Status, year: str) -> list[str]:
    name = md.text(entry["name"]) if entry["name"] else "*(no name)*"
    interval = md.code(entry["interval"]) if entry["interval"] is not None else "*(none)*"
    meaning = md.text(entry["description"]) if entry["valid"] else "*not a valid interval*"
    if entry["job"]:
        runs = "job " + md.code(entry["job"])
    elif entry["extractor"]:
        runs = f"elt {md.code(entry['extractor'])} → {md.code(entry['loader'] or '?')}"
    else:
        runs = "*nothing*"
    if not entry["listed"]:
        listed = "not listed"
    elif entry["runs_in_onboarding_environment"]:
        listed = "listed"
    else:
        listed = f"listed, but kept out of {md.code(environment)}"
    next_runs = "<br>".join(_moment(run, year) for run in entry["next_runs"]) or "–"
    return [status.of(entry), name, interval, meaning, how_often(entry), next_runs, runs, listed]


class _Status:
    """✅, or the icon of the worst finding on a schedule's entry with the rules that found it."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.by_file: dict[str, list[tuple[int, Finding]]] = defaultdict(list)
        for finding in report.findings:
            for place in (finding.location, *finding.related):
                self.by_file[report.relative(place.file)].append((place.line, finding))

    def of(self, entry: dict[str, Any]) -> str:
        first, last = entry.get("lines") or (entry["line"], entry["line"])
        found = {f for line, f in self.by_file.get(entry["file"], ()) if first <= line <= last}
        if not found:
            return READY
        worst = max(f.severity for f in found)
        codes = sorted({f.code for f in found if f.severity == worst})
        links = self.report.links
        return STATUS[worst.label] + " " + ", ".join(md.link(md.code(c), links.rule(c)) for c in codes)


def _moment(iso: str, year: str | None = None) -> str:
    """`2026-12-02T06:00:00Z` as `12-02 06:00`; the year stays when it is not `year`."""
    day, _, time = iso.rstrip("Z").partition("T")
    if year is not None and day.startswith(year + "-"):
        day = day[len(year) + 1:]
    return f"{day} {time[:5]}"


def how_often(entry: dict[str, Any]) -> str:
    """`once a day`, `twice a day, 5 days a week`, `4 times a month`: runs per day in words."""
    per_day = entry["runs_per_day"]
    if per_day is None:
        return "–"
    if per_day == 0:
        return "only when started"
    each, per_year = entry["runs_each_day"], entry["days_per_year"]
    if per_year >= 365:
        return f"{_times(each)} a day"
    if per_year < 0.95:  # 29 February
        return f"{_times(each)} a day, once every {_number(1 / per_year)} years" if each > 1 else \
            f"once every {_number(1 / per_year)} years"
    for days, unit in ((per_year * 7 / 365.25, "week"), (per_year / 12, "month"), (per_year, "year")):
        if round(days, 1) >= 1 or unit == "year":
            break
    if each == 1:
        return f"{_times(_number(days))} a {unit}"
    return f"{_times(each)} a day, {_count(days, 'day')} a {unit}"


def _times(n: int | str) -> str:
    return {1: "once", 2: "twice", "1": "once", "2": "twice"}.get(n, f"{n} times")


def _count(n: float, noun: str) -> str:
    shown = _number(n)
    return f"{shown} {noun}{'' if shown == '1' else 's'}"


def _number(n: float) -> str:
    return str(round(n)) if abs(n - round(n)) < 0.05 else f"{n:.2g}"


def week_grid(grid: list[list[float]] | None) -> str:
    """Runs per hour of the week as a 7 x 24 table of Unicode blocks (UTC), with a legend."""
    if not grid or not any(any(row) for row in grid):
        return ""
    busiest = max(max(row) for row in grid)
    rows = [[f"**{day}**", *(_block(value, busiest) for value in row)]
            for day, row in zip(WEEKDAY_ABBREVIATIONS, grid, strict=True)]
    table = md.table(["UTC", *(f"{hour:02d}" for hour in range(24))], rows)
    return (f"#### When schedules run\n\nRuns that start in each hour of the week, UTC (an average "
            f"over the weeks for schedules that do not run every week): {BLOCKS[-1]} is the busiest "
            f"hour, {_number(busiest)} runs; each step down is an eighth less; {NO_RUNS} is none.\n\n"
            + table)


def _block(value: float, busiest: float) -> str:
    if value <= 0:
        return NO_RUNS
    return BLOCKS[max(1, min(8, math.ceil(value / busiest * 8)))]


# Where each target's runs get a variable's value.
PROVIDE = {
    DEFAULT_TARGET: "as a secret (locally in `.env`, on Meltano Cloud in the encrypted `secrets.yml`).",
    CLOUD: "in the workspace's settings on Meltano Cloud, which injects them at run time (no "
           "`secrets.yml`); locally in `.env`.",
    SELF_HOSTED: "in the environment of the deployment that runs Meltano (locally in `.env`).",
}


def variables(value: list[dict[str, Any]], report: Report) -> str:
    with_file = any(v.get("in_secrets") is not None for v in value)
    rows = [[md.code(v["name"]), md.link(md.code(f"{v['file']}:{v['line']}:{v['column']}"),
                                         report.links.line(v["file"], v["line"])),
             "yes" if v.get("onboarding", True) else "no: another environment or an unscheduled plugin",
             *(["yes" if v["in_secrets"] else "**no**"] if with_file else [])]
            for v in value]
    return ("### Environment variables the project needs\n\n"
            "Meltano sets none of these itself and no `env:` block of the project does: provide each "
            + PROVIDE.get(report.target, PROVIDE[DEFAULT_TARGET]) + " "
            "*Onboarding* says whether the onboarding environment or a plugin its schedules run uses it.\n\n"
            + md.table(["Variable", "First referenced at", "Onboarding",
                        *(["In secrets.yml"] if with_file else [])], rows))


def secrets(value: dict, report: Report) -> str:
    parts = ["### Secrets\n"]
    for item in value.get("files", []):
        sizes = item.get("key_bits") or []
        made = f" (RSA-{'/'.join(map(str, sizes))} ciphertexts)" if sizes else ""
        by = ", written by this run" if item.get("written") else ""
        names = ", ".join(md.code(name) for name in item.get("names", [])) or "none"
        parts.append(f"{md.code(item['file'])}: {item['count']} encrypted "
                     f"variable{'s' if item['count'] != 1 else ''}{made}{by}: {names}\n")
    key = value.get("key")
    if key:
        parts.append(f"Public key: RSA-{key['bits']}, SHA-256 fingerprint {md.code(key['fingerprint'])}. "
                     "Compare it with the fingerprint Meltano gave you.\n")
    return "\n".join(parts)


def pipelines(value: list[dict[str, Any]], report: Report) -> str:
    """Today's Meltano Cloud's pipelines: when each runs, and what starts it."""
    status = _Status(report)
    rows = []
    for entry in value[:MAX_ROWS]:
        schedule = md.code(entry["schedule"]) if entry["schedule"] is not None else "–"
        meaning = (md.text(entry["description"]) if entry["valid"] else
                   "*not a valid schedule*" if entry["schedule"] is not None else "–")
        often = how_often(entry) if entry["valid"] else "–"
        year = None
        runs = "<br>".join(_moment(run, year) for run in entry["next_runs"]) or "–"
        after = ", ".join(md.code(name) for name in entry["triggered_by"]) or "–"
        rows.append([status.of({"file": entry["file"], "line": entry["line"],
                                "lines": (entry["line"], 10**9)}),
                     md.text(entry["name"]), schedule, meaning, often, runs, after, md.text(entry["runs"])])
    table = md.table(["Status", "Pipeline", "Schedule", "Meaning (UTC)", "How often", "Next runs (UTC)",
                      "Triggered by", "Runs"], rows)
    count = len(value)
    parts = ["### Pipelines\n",
             f"{count} pipeline{'s' if count != 1 else ''} (`schedule` is cron with a leading seconds "
             "field, in UTC; only one pipeline runs at a time in a workspace).\n",
             md.details(f"{count} pipelines", table) if len(rows) > FOLD_ROWS else table]
    if count > MAX_ROWS:
        parts.append(f"… and {count - MAX_ROWS} more: see `facts.pipelines` in the JSON report.\n")
    return "\n".join(parts)


def workspace_secrets(value: list[str], report: Report) -> str:
    names = ", ".join(md.code(name) for name in value)
    return ("### Secrets the workspace must hold\n\n"
            "Today's Meltano Cloud keeps secrets in the workspace's settings and injects them at run "
            f"time (no `secrets.yml`). Set each of these {len(value)} there: {names}.\n")


# Fact name -> its section; facts without one (or empty) have no section.
SECTIONS: dict[str, Callable[[Any, Report], str]] = {
    "organization": lambda value, report: organization(value), "schedules": schedules,
    "pipelines": pipelines, "variables": variables, "workspace_secrets": workspace_secrets,
    "secrets": secrets}
