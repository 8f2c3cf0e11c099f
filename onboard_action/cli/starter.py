"""The starter onboarding file that `meltano-onboard init` writes, filled from the repository.

From git: the `origin` URL (shown in https form, never with credentials) and
its provider, the current branch, and the author of the last commit as the
first user and contact. From the project: the folder of meltano.yml as
`root`, the `sandbox` environment when there is one, and the schedules that
Meltano Cloud would run (not `@once`, `@manual` or `@none`). What git cannot
know (company, org ID, GitHub login) is derived as well as it can be and
marked `# check:` for a person to review. What cannot be derived at all is a
placeholder (values/placeholders.py), which the check reports (O006) until a
person replaces it; without placeholders, the result passes the check.

The `$schema` line names this action's repository: init looks for it in the
repository's workflows (`uses: <owner>/meltano-onboard...`) and pre-commit
configuration (`repo: .../<owner>/meltano-onboard`), and writes `OWNER` when
neither names it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from msgspec import Struct

from onboard_action.fileio import read_regular
from onboard_action.findings import relative_path
from onboard_action.load.git import Git
from onboard_action.load.project import Project
from onboard_action.model.onboarding import SCHEMA_FILE
from onboard_action.schema.explain import load_schema
from onboard_action.values import giturl, identifiers, placeholders

NEVER_RUN = {"@once", "@manual", "@none"}
RECOMMENDED_ENVIRONMENT = "sandbox"
_NOREPLY = re.compile(r"(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com", re.IGNORECASE)


class Repository(Git):
    """Git, plus who made the last commit: the likeliest first user of the organization."""

    def head_author(self) -> tuple[str, str] | None:
        out = self._run("log", "-1", "--format=%an%x00%ae")
        if not out or "\0" not in out:
            return None
        name, email = out.strip().split("\0", 1)
        return name.strip(), email.strip()


class Person(Struct, frozen=True):
    name: str
    email: str
    github: str


# `uses: abc/meltano-onboard@...`, `uses: abc/meltano-onboard/composite@...`, `repo: https://github.com/abc/meltano-onboard`
_ACTION_OWNER = re.compile(r"(?:uses:|repo:)\s*['\"]?(?:https://github\.com/)?([A-Za-z0-9-]+)/meltano-onboard\b")


def schema_url(owner: str | None = None) -> str:
    """The schema's URL, with the owner of this action's repository when it is known."""
    url = load_schema(SCHEMA_FILE)["$id"]
    return url.replace(f"/{placeholders.OWNER}/", f"/{owner}/", 1) if owner else url


def action_owner(top: Path | None) -> str | None:
    """Who owns the meltano-onboard repository the workflows (or pre-commit) of `top` use."""
    if top is None:
        return None
    candidates = [*sorted((top / ".github" / "workflows").glob("*.y*ml")), top / ".pre-commit-config.yaml"]
    for path in candidates:
        try:
            text = read_regular(path, 1 << 20).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for owner in _ACTION_OWNER.findall(text):
            if owner != placeholders.OWNER and not identifiers.github_id_problem(owner):
                return owner
    return None


def person_from(author: tuple[str, str] | None) -> Person:
    name, email = author or ("", "")
    if not name.strip():
        name = placeholders.NAME
    if not email or identifiers.email_problem(email):
        email = placeholders.EMAIL
    noreply = _NOREPLY.fullmatch(email)
    github = (noreply.group(1) if noreply else "" if email == placeholders.EMAIL
              else identifiers.github_id_from(email.split("@")[0]))
    if not github or identifiers.github_id_problem(github):
        github = placeholders.GITHUB_ID
    return Person(name.strip(), email, github)


def _quote(value: str) -> str:
    """A YAML scalar for `value`: plain when YAML reads it back unchanged, else double-quoted."""
    plain = (value and value == value.strip() and ": " not in value and " #" not in value
             and re.fullmatch(r"[A-Za-z0-9_./@+][A-Za-z0-9 _./@+:-]*", value))
    if plain:
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _line(text: str, comment: str = "") -> str:
    return f"{text}  # {comment}" if comment else text


def starter_text(project: Project, folder: Path, git: Repository) -> str:
    """The onboarding file for `project`, to be written in `folder`."""
    remote = git.remote_url()
    url = giturl.parse(remote) if remote else None
    owner = url.segments[0] if url and url.segments else (git.top or project.root).name
    company = owner
    environments = [item.name for item in project.items("environments") if item.name]
    default_env, _ = project.setting("default_environment")
    if RECOMMENDED_ENVIRONMENT in environments:
        environment, env_note = RECOMMENDED_ENVIRONMENT, ""
    elif environments:
        environment = default_env if default_env in environments else environments[0]
        env_note = f"check: Meltano recommends a `{RECOMMENDED_ENVIRONMENT}` environment (Prereq #2)"
    else:
        environment = RECOMMENDED_ENVIRONMENT
        env_note = "check: create this environment in meltano.yml (Prereq #2)"
    schedules = [item.name for item in project.items("schedules")
                 if item.name and str(item.get("interval", "")).strip() not in NEVER_RUN]
    branch = git.current_branch
    root = relative_path(project.root, folder.resolve(), outside="climb")
    name = (url.segments[-1] if url and url.segments
            else (project.root.name if root != "." else folder.resolve().name))
    person = person_from(git.head_author())
    action = action_owner(git.top)
    review_owner = (f"# check: replace {placeholders.OWNER} above with the owner of the meltano-onboard "
                    "repository your workflow uses, or delete the line")
    q = _quote
    lines = [
        f"# yaml-language-server: $schema={schema_url(action)}",
        *([] if action else [review_owner]),
        "# Meltano Cloud onboarding information: what Step 1 of the onboarding guide asks for.",
        "# Written by `meltano-onboard init`: review the values marked `check:`, then run",
        "# `meltano-onboard check` and `meltano-onboard packet`.",
        _line(f"company: {q(company)}", "check: your company's name"),
        "contact:",
        _line(f"  name: {q(person.name)}", "check: the primary contact for the onboarding"),
        f"  email: {q(person.email)}",
        _line(f"org_id: {q(identifiers.propose_org_id(owner, company))}",
              "check: at most 20 lowercase letters, digits and dashes, unique on Meltano Cloud"),
        "projects:",
        f"  - name: {q(name)}",
        "    git:",
        f"      provider: {giturl.provider_of(url) if url else 'github'}",
        _line(f"      url: {q(url.display() if url else placeholders.REPOSITORY_URL)}",
              "" if url else "check: no `origin` remote was found"),
        _line(f"      branch: {q(branch or 'main')}", "" if branch else "check: no branch is checked out"),
        _line(f"    root: {q(root)}", "the folder of meltano.yml, relative to this file"),
        _line(f"    environment: {q(environment)}", env_note),
    ]
    if schedules:
        lines += ["    schedules:"] + [f"      - {q(s)}" for s in schedules]
    else:
        lines.append(_line("    schedules: []", "check: list the schedules to run (Prereq #3)"))
    lines += [
        "users:",
        _line(f"  - name: {q(person.name)}", "check: everyone who needs access to the organization"),
        f"    email: {q(person.email)}",
        _line(f"    github: {q(person.github)}", "check: the user's GitHub login"),
        _line("    role: owner", "owner, maintainer or reader"),
    ]
    return "\n".join(lines) + "\n"
