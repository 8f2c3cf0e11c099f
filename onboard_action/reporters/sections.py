"""The job summary's section for each fact, in the order they appear."""

from __future__ import annotations

from typing import Any

from onboard_action.reporters import markdown as md
from onboard_action.reporters.packet import summary_markdown as organization

MAX_ROWS = 100  # the job summary is capped at 1 MiB per step; the JSON report has them all
CLOUD_OFFSET_MINUTES = 7


def schedules(data: dict[str, Any]) -> str:
    schedules = data["schedules"]
    parts = ["### Schedules\n"]
    if not schedules:
        parts.append("The project defines no schedule.\n")
        return "\n".join(parts)
    count = len(schedules)
    parts.append(
        f"{count} schedule{'s' if count != 1 else ''}; next runs after {data['now']}. "
        f"Meltano Cloud reads cron as **UTC**, creates schedules **disabled** (enable them "
        f"once onboarding is done), and shifts each schedule by a fixed offset of up to "
        f"{CLOUD_OFFSET_MINUTES} minutes, so runs start up to {CLOUD_OFFSET_MINUTES} minutes "
        f"away from the times below. Onboarding environment: "
        f"{md.code(data['onboarding_environment'])}.\n")
    rows = [_row(entry, data["onboarding_environment"]) for entry in schedules[:MAX_ROWS]]
    parts.append(md.table(
        ["Schedule", "Interval", "Meaning (UTC)", "Runs per day", "Next runs (UTC)", "Runs",
         "Onboarding"], rows))
    if count > MAX_ROWS:
        parts.append(f"… and {count - MAX_ROWS} more: see `facts.schedules` in the JSON report.\n")
    return "\n".join(parts)


def _row(entry: dict[str, Any], environment: str) -> list[str]:
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
    return [name, interval, meaning, _runs_text(entry), "<br>".join(entry["next_runs"]) or "–",
            runs, listed]


def _runs_text(entry: dict[str, Any]) -> str:
    per_day = entry["runs_per_day"]
    if per_day is None:
        return "–"
    if per_day == 0:
        return "0"
    each, per_year = entry["runs_each_day"], entry["days_per_year"]
    if per_year >= 365:
        return f"{each}"
    if per_year >= 52:
        return f"{each} on {per_year * 7 / 365.25:.2g} days a week"
    if per_year >= 12:
        return f"{each} on {per_year / 12:.2g} days a month"
    return f"{each} on {per_year:.2g} days a year"


def variables(value: list[dict[str, Any]]) -> str:
    with_file = any(v.get("in_secrets") is not None for v in value)
    rows = [[md.code(v["name"]), md.code(f"{v['file']}:{v['line']}:{v['column']}"),
             "yes" if v.get("onboarding", True) else "no: another environment or an unscheduled plugin",
             *(["yes" if v["in_secrets"] else "**no**"] if with_file else [])]
            for v in value]
    return ("### Environment variables the project needs\n\n"
            "Meltano sets none of these itself and no `env:` block of the project does: provide each "
            "as a secret (locally in `.env`, on Meltano Cloud in the encrypted `secrets.yml`). "
            "*Onboarding* says whether the onboarding environment or a plugin its schedules run uses it.\n\n"
            + md.table(["Variable", "First referenced at", "Onboarding",
                        *(["In secrets.yml"] if with_file else [])], rows))


def secrets(value: dict) -> str:
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


# Fact name -> its section; facts without one (or empty) have no section.
SECTIONS = {"organization": organization, "schedules": schedules, "variables": variables,
            "secrets": secrets}
