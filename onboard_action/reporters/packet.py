"""The onboarding packet: what Step 1 of the onboarding guide asks for, ready to send.

The fact `organization` (facts/organization.py) reads it from the onboarding
file in the guide's order (company, primary contact, org ID, projects, users); `render` writes it as
Markdown or JSON; `summary_markdown` is the compact form for the job summary
(fact `organization`). Every value is escaped for Markdown, and repository
URLs are shown without any credentials they might carry.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from onboard_action.report import Report
from onboard_action.reporters import markdown as md
from onboard_action.values import giturl

TITLE = "Meltano Cloud project onboarding information"
# Prereq #1 of the onboarding guide: the GitHub users that need read access to each repository.
READERS = (("MeltanoCloud", "the Meltano Cloud service account"),
           ("WillDaSilva", "Meltano engineer"), ("magreenbaum", "Meltano engineer"),
           ("kgpayne", "Meltano engineer"))


def packet_of(report: Report) -> dict[str, Any]:
    """Step 1's fields (fact `organization`), then the prerequisites as the check saw them per project."""
    data = dict(report.facts["organization"])
    seen = [part.facts.get("prerequisites") for part in report.projects]
    visibility = next((p["visibility"] for p in seen if p and p["visibility"] != "unknown"), "unknown")
    data["prerequisites"] = {
        "access": {"visibility": visibility, "grants": _grants(data["projects"])},
        "projects": [{"name": part.name, "root": report.relative(part.root) or ".", **{
            key: value for key, value in (facts or {}).items() if key != "visibility"}}
            for part, facts in zip(report.projects, seen, strict=True) if facts is not None],
    }
    return data


def _grants(projects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each repository's read grants, with the `gh api` command for GitHub repositories."""
    grants = []
    for url in dict.fromkeys(p["git"]["url"] for p in projects if p["git"]["url"]):
        parsed = giturl.parse(url)
        github = parsed is not None and parsed.host == "github.com" and len(parsed.segments) == 2
        for user, who in READERS:
            command = (f"gh api --method PUT repos/{parsed.path}/collaborators/{user} -f permission=pull"
                       if github and parsed is not None else None)
            grants.append({"repository": url, "user": user, "who": who, "command": command})
    return grants


def format_for(path: Path | None) -> str:
    """The format for an output file: JSON for a `.json` name, Markdown for anything else."""
    return "json" if path is not None and path.suffix.lower() == ".json" else "markdown"


def render(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return render_markdown(data)
    raise ValueError(f"unknown packet format {fmt!r}")


def _value(value: str | None, *, code: bool = False) -> str:
    if value is None or value == "":
        return "*(missing)*"
    return md.code(value) if code else md.text(value)


def _provider(value: str | None) -> str:
    return _value(giturl.PROVIDER_NAMES.get(value or "", value))


def render_markdown(data: dict[str, Any]) -> str:
    """The packet with the numbering of Step 1 of the onboarding guide."""
    contact = data["contact"]
    lines = [
        f"# {TITLE}",
        "",
        "The information Step 1 of the Meltano Cloud onboarding guide asks for.",
        "",
        f"1. **Company name:** {_value(data['company'])}",
        f"2. **Primary contact:** {_value(contact['name'])}, {_value(contact['email'], code=True)}",
        f"3. **Organization ID:** {_value(data['org_id'], code=True)}",
        "4. **Projects:**" + ("" if data["projects"] else " *(none)*"),
    ]
    for number, project in enumerate(data["projects"], start=1):
        git = project["git"]
        lines += [
            f"   {number}. **{_value(project['name'] or f'Project {number}')}**",
            "      1. Git repository:",
            f"         1. Hosting provider: {_provider(git['provider'])}",
            f"         2. URL: {_value(git['url'], code=True)}",
            f"         3. Branch: {_value(git['branch'], code=True)}",
            f"         4. Meltano environment for onboarding and testing: "
            f"{_value(project['environment'], code=True)}",
            f"         5. Folder of meltano.yml in the repository: {_value(project['root'], code=True)}",
            "      2. Schedules to run:" + ("" if project["schedules"] else " *(none)*"),
        ]
        lines += [f"         {i}. {_value(name, code=True)}"
                  for i, name in enumerate(project["schedules"], start=1)]
    lines.append("5. **Authorized users:**" + ("" if data["users"] else " *(none)*"))
    if data["users"]:
        rows = [[_value(u["name"]), _value(u["email"], code=True), _value(u["github"], code=True),
                 _value(u["role"], code=True)] for u in data["users"]]
        table = md.table(["Full name", "Email", "GitHub ID", "Role"], rows)
        lines += [""] + ["   " + row for row in table.splitlines()]
    if "prerequisites" in data:
        lines += _prerequisites(data["prerequisites"])
    return "\n".join(lines) + "\n"


VISIBILITY = {
    "public": "The repository looked **public** to this run (the GitHub event says so).",
    "private": "The repository looked **private** to this run (the GitHub event says so): the grants "
               "below are needed.",
    "unknown": "Whether the repository is public or private is **unknown** offline: check it on the "
               "repository's settings page.",
}


def _prerequisites(prereqs: dict[str, Any]) -> list[str]:
    access = prereqs["access"]
    lines = ["", "## Prerequisites", "", "### Prereq #1: read access to the repository", "",
             VISIBILITY.get(access["visibility"], VISIBILITY["unknown"]), ""]
    for grant in access["grants"]:
        lines.append(f"- [ ] {_value(grant['user'], code=True)} ({md.text(grant['who'])}) on "
                     f"{_value(grant['repository'], code=True)}"
                     + (f": {md.code(grant['command'])}" if grant["command"]
                        else ": grant read access in the provider's repository settings"))
    lines += ["", "### Prereqs #2 and #3: as the check saw them", ""]
    for project in prereqs["projects"]:
        state = "exists" if project["environment_exists"] else "**is not defined**"
        lines.append(f"- {md.text(project['name'])} ({_value(project['root'], code=True)}): environment "
                     f"{_value(project['environment'], code=True)} {state} in meltano.yml")
        for schedule in project["schedules"]:
            if not schedule["exists"]:
                said = "**is not defined**"
            else:
                said = f"exists, {_value(schedule['interval'], code=True)}, " + (
                    "UTC" if schedule["utc"] else "**asks for a time zone**")
            lines.append(f"  - schedule {_value(schedule['name'], code=True)} {said}")
    return lines


def summary_markdown(data: dict[str, Any]) -> str:
    """The organization, its projects and its users, for the job summary."""
    contact = data["contact"]
    parts = [
        "### Organization\n",
        f"{_value(data['company'])}: org ID {_value(data['org_id'], code=True)}, "
        f"primary contact {_value(contact['name'])} ({_value(contact['email'], code=True)}).\n",
    ]
    if data["projects"]:
        rows = []
        for number, project in enumerate(data["projects"], start=1):
            git = project["git"]
            rows.append([
                _value(project["name"] or f"Project {number}"), _provider(git["provider"]),
                _value(git["url"], code=True), _value(git["branch"], code=True),
                _value(project["root"], code=True), _value(project["environment"], code=True),
                ", ".join(_value(s, code=True) for s in project["schedules"]) or "*(none)*",
            ])
        parts.append(md.table(["Project", "Provider", "Repository", "Branch", "Folder",
                               "Environment", "Schedules"], rows))
    if data["users"]:
        parts.append(md.table(["User", "Email", "GitHub ID", "Role"], [
            [_value(u["name"]), _value(u["email"], code=True), _value(u["github"], code=True),
             _value(u["role"], code=True)] for u in data["users"]]))
    return "\n".join(parts)
