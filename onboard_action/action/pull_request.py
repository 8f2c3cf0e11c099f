"""Which revision a pull request's check is judged against (`new-findings-only`, `baseline-ref`).

`auto` turns the baseline on for pull_request events only: a push to the
default branch is judged on everything. The base is the pull request's base
commit from the event payload (the commit the branch was compared with), or
`origin/<GITHUB_BASE_REF>` when the payload does not say.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from onboard_action.errors import UsageError

MODES = ("false", "true", "auto")
PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")


def baseline_ref(mode: str, given_ref: str, environ: Mapping[str, str]) -> str | None:
    """The git revision to compare with, or None to judge every finding."""
    value = (mode or "false").strip().lower()
    if value not in MODES:
        raise UsageError(f"new-findings-only must be one of {', '.join(MODES)}; got {mode!r}")
    if value == "false":
        return None
    is_pull_request = environ.get("GITHUB_EVENT_NAME", "") in PULL_REQUEST_EVENTS
    if value == "auto" and not is_pull_request:
        return None
    ref = given_ref.strip() or (_base_commit(environ) if is_pull_request else None)
    if not ref:
        raise UsageError("new-findings-only is true, but this run is not a pull request: set baseline-ref "
                         "to the revision to compare with (e.g. `${{ github.event.before }}`)")
    return ref


def _base_commit(environ: Mapping[str, str]) -> str | None:
    path = environ.get("GITHUB_EVENT_PATH", "")
    try:
        event = json.loads(Path(path).read_bytes()) if path else None
    except (OSError, ValueError):
        event = None
    base = event.get("pull_request", {}).get("base", {}) if isinstance(event, dict) else {}
    sha = base.get("sha") if isinstance(base, dict) else None
    if isinstance(sha, str) and sha:
        return sha
    branch = environ.get("GITHUB_BASE_REF", "").strip()
    return f"origin/{branch}" if branch else None
