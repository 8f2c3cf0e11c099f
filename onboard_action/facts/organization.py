"""The organization, its projects and its users, as the packet holds them (`facts.organization`)."""

from __future__ import annotations

from typing import Any

from onboard_action.facts import fact
from onboard_action.findings import GUIDE_CLOUD
from onboard_action.model.context import Context
from onboard_action.model.onboarding import Onboarding
from onboard_action.rules.onboarding import usable
from onboard_action.values import giturl


@fact("organization", order=20)
def organization(context: Context) -> dict | None:
    """The organization, its projects and its users, as the packet holds them."""
    if context.settings.target != GUIDE_CLOUD:
        return None  # the packet is the onboarding guide's Step 1
    onboarding = usable(context)
    return packet_data(onboarding) if onboarding is not None else None


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
