"""What the onboarding guide accepts as an org ID, an email address, a GitHub ID and a role.

Each `*_problem` function returns None for an acceptable value, else a
`Problem`: why it is not acceptable (in words that name the offending part)
and, where one can be derived from what was written, a corrected value.
"""

from __future__ import annotations

import re
import unicodedata

from msgspec import Struct

from onboard_action.values.suggest import close_match

ORG_ID_MAX = 20  # the guide: "must be 20 characters or less"
GITHUB_ID_MAX = 39  # GitHub's limit for a login
ROLES = ("owner", "maintainer", "reader")
FALLBACK_ORG_ID = "my-org"

_ORG_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")
_GITHUB_CHARS = re.compile(r"[A-Za-z0-9-]")
# Characters that cannot appear unquoted in the local part of an address.
_LOCAL_FORBIDDEN = set('"(),:;<>[\\]')
_DOMAIN_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


class Problem(Struct, frozen=True):
    reason: str  # completes "<the value> ...", e.g. "is 23 characters long"
    suggestion: str | None = None  # a corrected value, when one follows from the input


def _listing(chars: set[str]) -> str:
    shown = sorted(chars)
    return ", ".join(repr(c) if c != " " else "a space" for c in shown)


# -- organization ID -------------------------------------------------------

def org_id_problem(value: str, *fallbacks: str) -> Problem | None:
    """The guide's rules for an org ID, plus no dash at either end and no `--`.

    `fallbacks` (the company name, say) feed the proposal when nothing usable
    can be derived from `value` itself.
    """
    reasons = []
    if not value:
        reasons.append("is empty")
    if len(value) > ORG_ID_MAX:
        reasons.append(f"is {len(value)} characters long (at most {ORG_ID_MAX})")
    invalid = {c for c in value if c not in _ORG_ID_CHARS}
    if invalid:
        upper = {c for c in invalid if c.isupper()}
        others = invalid - upper
        named = (["uppercase letters"] if upper else []) + ([_listing(others)] if others else [])
        reasons.append(f"contains {' and '.join(named)} (only lowercase letters, digits and dashes)")
    if value.startswith("-") or value.endswith("-"):
        reasons.append("starts or ends with a dash")
    if "--" in value:
        reasons.append("has two dashes in a row")
    if not reasons:
        return None
    return Problem("; ".join(reasons), propose_org_id(value, *fallbacks))


def propose_org_id(*candidates: str) -> str:
    """A valid org ID derived from the first candidate that yields one."""
    for text in candidates:
        slug = _slug(text)
        if slug:
            return slug
    return FALLBACK_ORG_ID


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower()) if w]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > ORG_ID_MAX:
            break
        slug = candidate
    if not slug and words:  # one word longer than the limit: cut it
        slug = words[0][:ORG_ID_MAX]
    return slug


# -- email -----------------------------------------------------------------

def email_problem(value: str) -> Problem | None:
    text = value.strip()
    if not text:
        return Problem("is empty")
    if text.lower().startswith("mailto:"):
        return Problem("starts with `mailto:`", text[len("mailto:"):])
    angle = re.fullmatch(r".*<([^<>]+)>\s*", text)
    if angle:
        return Problem("holds a name and angle brackets, not just the address", angle.group(1).strip())
    if any(c.isspace() for c in value):
        return Problem("contains a space")
    if "@" not in text:
        return Problem("has no `@`")
    if text.count("@") > 1:
        return Problem("has more than one `@`")
    local, domain = text.split("@")
    if not local:
        return Problem("has nothing before the `@`")
    forbidden = _LOCAL_FORBIDDEN & set(local)
    if forbidden:
        return Problem(f"contains {_listing(forbidden)} before the `@`")
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return Problem("has a misplaced dot before the `@`")
    if not domain:
        return Problem("has nothing after the `@`")
    labels = domain.split(".")
    if len(labels) < 2:
        return Problem(f"has no dot in its domain `{domain}`")
    if not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        return Problem(f"has a domain `{domain}` that is not a valid host name")
    return None


# -- GitHub ID ---------------------------------------------------------------

def github_id_problem(value: str) -> Problem | None:
    """GitHub's login rules: 1 to 39 letters, digits and single hyphens, no hyphen at an end."""
    if not value:
        return Problem("is empty")
    url = re.fullmatch(r"(?:https?://)?(?:www\.)?github\.com/([^/?#]+)/?", value.strip(), re.I)
    if url:
        return Problem("is a profile URL, not a login", url.group(1))
    if value.startswith("@"):
        return Problem("starts with `@`", value.lstrip("@") or None)
    reasons = []
    if len(value) > GITHUB_ID_MAX:
        reasons.append(f"is {len(value)} characters long (at most {GITHUB_ID_MAX})")
    invalid = {c for c in value if not _GITHUB_CHARS.fullmatch(c)}
    if invalid:
        reasons.append(f"contains {_listing(invalid)} (only letters, digits and hyphens)")
    if value.startswith("-") or value.endswith("-"):
        reasons.append("starts or ends with a hyphen")
    if "--" in value:
        reasons.append("has two hyphens in a row")
    return Problem("; ".join(reasons)) if reasons else None


def github_id_from(text: str) -> str:
    """A syntactically valid login derived from `text` (an email's local part, a name)."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]
    return "-".join(words)[:GITHUB_ID_MAX].strip("-")


# -- role ------------------------------------------------------------------

def role_problem(value: str) -> Problem | None:
    if value in ROLES:
        return None
    lowered = value.strip().lower()
    if lowered in ROLES:
        return Problem("must be written in lowercase", lowered)
    return Problem("is not a Meltano Cloud role", close_match(lowered, ROLES))
