"""The onboarding packet: what Step 1 of the onboarding guide asks for, ready to send, and its Prereqs.

The fact `organization` (facts/organization.py) reads Step 1 from the
onboarding file in the guide's order (company, primary contact, org ID,
projects, users); `packet_data` adds `prerequisites` from the facts `access`
(Prereq #1: who needs read access to which repository) and each project's
`prerequisites` (Prereqs #2 and #3 as the check saw them); `render` writes
it as Markdown or JSON; `summary_markdown` is the compact form for the job
summary (fact `organization`). Every value is escaped for Markdown, and
repository URLs are shown without any credentials they might carry.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from onboard_action.report import Report
from onboard_action.reporters import markdown as md
from onboard_action.values import giturl

FORMATS = ("markdown", "json")
TITLE = "Meltano Cloud project onboarding information"


def format_for(path: Path | None) -> str:
    """The format for an output file: JSON for a `.json` name, Markdown for anything else."""
    return "json" if path is not None and path.suffix.lower() == ".json" else "markdown"


def packet_data(report: Report) -> dict[str, Any] | None:
    """Step 1 (`organization`) and the Prereqs; None without a usable onboarding file."""
    organization = report.facts.get("organization")
    if organization is None:
        return None
    by_entry = {}
    for part in report.projects:
        checked = part.facts.get("prerequisites")
        if checked is not None and checked["entry"] is not None:
            by_entry.setdefault(checked["entry"], checked)
    return {**organization, "prerequisites": {
        "access": report.facts.get("access"),
        "projects": [by_entry.get(index) for index in range(len(organization["projects"]))],
    }}


def gh_grant(owner_repository: str, login: str) -> str:
    """The command that gives `login` read access to a GitHub repository (Prereq #1)."""
    return f"gh api -X PUT repos/{owner_repository}/collaborators/{login} -f permission=pull"


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


def _project_title(project: dict[str, Any], number: int) -> str:
    return _value(project["name"] or f"Project {number}")


def _access_lines(data: dict[str, Any]) -> list[str]:
    access = data["prerequisites"]["access"] or {"accounts": [], "repositories": []}
    accounts = access["accounts"]
    lines = ["### Prereq #1: read access to the repository", "",
             "The guide asks for read access for these GitHub accounts: "
             + ", ".join(f"{md.code('@' + a['github'])} ({md.text(a['role'])})" for a in accounts) + ".", ""]
    for repository in access["repositories"]:
        names = ", ".join(_project_title(data["projects"][i], i + 1) for i in repository["projects"])
        visibility = repository["visibility"]
        seen = {"private": "private (the GitHub Actions event says so)",
                "internal": "internal (the GitHub Actions event says so)",
                "public": "public (the GitHub Actions event says so)"}.get(
            visibility, "public or private: unknown (this check cannot tell offline)")
        lines.append(f"- Repository {md.code(repository['url'])} ({names}): {seen}.")
        owner_repository = repository["owner_repository"]
        if visibility == "public":
            lines.append("  Anyone can read a public repository, these accounts too: nothing to grant.")
            continue
        if owner_repository is None:
            provider = _provider(repository["provider"])
            lines.append(f"  On {provider}, grant read access to the accounts Meltano names for it "
                         "(the guide names GitHub accounts; ask Meltano which to use there).")
            continue
        grant = "grant each account read access (GitHub's `gh` command line, run by a repository admin):"
        lines.append(f"  {grant[0].upper()}{grant[1:]}" if visibility in ("private", "internal")
                     else f"  If it is private, {grant}")
        lines += [f"  - [ ] {md.code('@' + account['github'])}: "
                  f"{md.code(gh_grant(owner_repository, account['github']))}" for account in accounts]
    return lines


def _project_prereq_lines(data: dict[str, Any]) -> list[str]:
    lines = ["", "### Prereqs #2 and #3: environment and schedules, as the check saw them", ""]
    for number, (project, checked) in enumerate(
            zip(data["projects"], data["prerequisites"]["projects"], strict=True), start=1):
        lines.append(f"- {_project_title(project, number)} ({_value(project['root'], code=True)}):")
        if checked is None:
            lines.append("  - [ ] not checked in this run")
            continue
        environment = md.code(checked["environment"])
        lines.append(f"  - [{'x' if checked['environment_defined'] else ' '}] Prereq #2: environment "
                     f"{environment} " + ("is defined in meltano.yml" if checked["environment_defined"]
                                          else "is not defined in meltano.yml"))
        for schedule in checked["schedules"]:
            confirmed = schedule["defined"] and schedule["valid"] and schedule["runs_in_environment"]
            if confirmed:
                what = (f"runs {md.text(schedule['description'])} (UTC: Meltano Cloud reads cron in UTC), "
                        f"in {environment}")
            elif not schedule["defined"]:
                what = "is not defined in the project"
            elif not schedule["valid"]:
                what = "has no valid interval"
            else:
                what = f"is kept out of {environment}"
            lines.append(f"  - [{'x' if confirmed else ' '}] Prereq #3: schedule "
                         f"{md.code(schedule['name'])} ({_value(schedule['interval'], code=True)}) {what}")
        if not checked["schedules"]:
            lines.append("  - [ ] Prereq #3: the entry lists no schedule")
    return lines


def render_markdown(data: dict[str, Any]) -> str:
    """The Prereqs, then the packet with the numbering of Step 1 of the onboarding guide."""
    contact = data["contact"]
    lines = [
        f"# {TITLE}",
        "",
        "The information Step 1 of the Meltano Cloud onboarding guide asks for, and the prerequisites "
        "to have done before sending it.",
        "",
        "## Prerequisites",
        "",
        *_access_lines(data),
        *_project_prereq_lines(data),
        "",
        "## Step 1: project onboarding information",
        "",
        f"1. **Company name:** {_value(data['company'])}",
        f"2. **Primary contact:** {_value(contact['name'])}, {_value(contact['email'], code=True)}",
        f"3. **Organization ID:** {_value(data['org_id'], code=True)}",
        "4. **Projects:**" + ("" if data["projects"] else " *(none)*"),
    ]
    for number, project in enumerate(data["projects"], start=1):
        git = project["git"]
        lines += [
            f"   {number}. **{_project_title(project, number)}**",
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
                _project_title(project, number), _provider(git["provider"]),
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
