"""Prereq #1 of the onboarding guide: who needs read access to which repository (`facts.access`).

The guide asks for GitHub read access for the Meltano Cloud service account
and three Meltano engineers. One entry per repository the onboarding file
names (projects in one repository share it), with its visibility when this
run can tell it offline: on GitHub Actions, the event payload says whether
the repository being checked is public or private; anything else is
`unknown`.

Shape (null without a usable onboarding file): `accounts` (`github`, `role`),
`repositories` (`url` without credentials, `provider`, `owner_repository` for
GitHub (`OWNER/REPO`, else null), `visibility`: `public`, `private`,
`internal` or `unknown`, `projects`: indices into `projects` of the onboarding file).
"""

from __future__ import annotations

from typing import Any

from onboard_action.facts import fact
from onboard_action.model.context import OrgContext
from onboard_action.rules.onboarding import usable
from onboard_action.values import giturl

# The GitHub accounts Prereq #1 names, in its order.
ACCOUNTS = (
    ("MeltanoCloud", "the Meltano Cloud service account"),
    ("WillDaSilva", "Meltano engineer (onboarding and support)"),
    ("magreenbaum", "Meltano engineer (onboarding and support)"),
    ("kgpayne", "Meltano engineer (onboarding and support)"),
)


@fact("access", order=25, org=True)
def access(context: OrgContext) -> dict[str, Any] | None:
    onboarding = usable(context)
    if onboarding is None:
        return None
    github = context.settings.github
    checked = giturl.parse(github.repository_url) if github is not None else None
    repositories: dict[tuple, dict[str, Any]] = {}
    for index, entry in enumerate(onboarding.projects):
        git = entry.get("git")
        url = git.get("url") if isinstance(git, dict) else None
        parsed = giturl.parse(url) if isinstance(url, str) else None
        if parsed is None:
            continue  # O030 reports it; the packet is not written anyway
        found = repositories.get(parsed.key)
        if found is None:
            segments = parsed.segments
            is_github = parsed.provider == "github" or git.get("provider") == "github"
            visibility = "unknown"
            if checked is not None and github.visibility and giturl.same_repository(parsed, checked):
                visibility = github.visibility
            found = repositories[parsed.key] = {
                "url": parsed.display(),
                "provider": git.get("provider") if isinstance(git.get("provider"), str) else None,
                "owner_repository": "/".join(segments[:2]) if is_github and len(segments) == 2 else None,
                "visibility": visibility,
                "projects": [],
            }
        found["projects"].append(index)
    return {
        "accounts": [{"github": login, "role": role} for login, role in ACCOUNTS],
        "repositories": list(repositories.values()),
    }
