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

from onboard_action.reporters import markdown as md
from onboard_action.values import giturl

FORMATS = ("markdown", "json")
TITLE = "Meltano Cloud project onboarding information"


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
    return "\n".join(lines) + "\n"


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
