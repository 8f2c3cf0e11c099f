"""The placeholders `meltano-onboard init` writes where the repository cannot tell, and how to spot them.

The starter file (cli/starter.py) writes these, and the onboarding rules
(rule O006) report every one that is still there: a packet that sends
`you@example.com` to Meltano onboards nobody.
"""

from __future__ import annotations

import re

EMAIL = "you@example.com"
NAME = "Your Name"
GITHUB_ID = "your-github-login"
REPOSITORY_URL = "https://github.com/OWNER/REPOSITORY"
# The owner of this action's repository in the schema URL, where init cannot find it.
OWNER = "OWNER"

# Logins init derives from a placeholder address (`you` from you@example.com) count too.
_GITHUB_IDS = frozenset({GITHUB_ID.casefold(), "you"})
_URL = re.compile(r"/OWNER/REPOSITORY(?:\.git)?/?$")
SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(?P<url>\S*)")


def is_email(value: str) -> bool:
    return value.strip().casefold() == EMAIL


def is_name(value: str) -> bool:
    return value.strip().casefold() == NAME.casefold()


def is_github_id(value: str) -> bool:
    return value.strip().casefold() in _GITHUB_IDS


def is_repository_url(value: str) -> bool:
    return _URL.search(value.strip()) is not None


def schema_owner_column(line: str) -> int | None:
    """The 0-based column of `OWNER` in a `$schema=` line that still has it, else None."""
    match = SCHEMA_LINE.match(line)
    if match is None:
        return None
    at = match.group("url").find(f"/{OWNER}/")
    return None if at < 0 else match.start("url") + at + 1
