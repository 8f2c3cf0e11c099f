"""The onboarding packet: what Step 1 of the onboarding guide asks for, ready to send.

`packet_data` reads it from the onboarding file in the guide's order
(company, primary contact, org ID, projects, users); `render` writes it as
Markdown or JSON; `summary_markdown` is the compact form for the job summary
(fact `organization`). Every value is escaped for Markdown, and repository
URLs are shown without any credentials they might carry.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from onboard_action import giturl
from onboard_action import markdown as md
from onboard_action.onboarding import Onboarding

FORMATS = ("markdown", "json")
TITLE = "Meltano Cloud project onboarding information"


def format_for(path: Path | None) -> str:
    """The format for an output file: JSON for a `.json` name, Markdown for anything else."""
    return "json" if path is not None and path.suffix.lower() == ".json" else "markdown"


def packet_data(onboarding: Onboarding) -> dict[str, Any]:
    """The packet as plain data, keys in the order of Step 1; missing values are None."""
    data = onboarding.data or {}
    contact = _mapping(data.get("contact"))
    users = data.get("users")
    return {
        "company": _scalar(data.get("company")),
        "contact": {"name": _scalar(contact.get("name")), "email": _scalar(contact.get("email"))},
        "org_id": _scalar(data.get("org_id")),
        "projects": [_project(entry.data) for entry in onboarding.projects],
        "users": [
            {key: _scalar(user.get(key)) for key in ("name", "email", "github", "role")}
            for user in map(_mapping, users if isinstance(users, list) else [])
        ],
    }


def _project(entry: Any) -> dict[str, Any]:
    entry = _mapping(entry)
    git = _mapping(entry.get("git"))
    schedules = entry.get("schedules")
    return {
        "name": _scalar(entry.get("name")),
        "git": {
            "provider": _scalar(git.get("provider")),
            "url": _url(git.get("url")),
            "branch": _scalar(git.get("branch")),
        },
        "root": _scalar(entry.get("root")) or ".",
        "environment": _scalar(entry.get("environment")),
        "schedules": [_scalar(s) for s in schedules] if isinstance(schedules, list) else [],
    }


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _url(value: Any) -> str | None:
    """The URL as written, or without its credentials when it carries any."""
    text = _scalar(value)
    if text is None:
        return None
    parsed = giturl.parse(text)
    if parsed is not None and parsed.has_credentials:
        return parsed.display()
    return giturl.redact(text)


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
