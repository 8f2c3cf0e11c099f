"""The secrets files and the public key: names, counts and sizes, never values.

`facts.secrets` in the JSON report (see docs/report-format.md), or null when
there is no secrets file and no key.
"""

from __future__ import annotations

from onboard_action.facts import fact
from onboard_action.findings import GUIDE_CLOUD, relative_path
from onboard_action.model.context import Context
from onboard_action.rules.secrets_file import inspected


@fact("secrets")
def secrets_fact(context: Context) -> dict | None:
    """Which secrets files exist, how many entries, their names (never values), and the key."""
    if context.settings.target != GUIDE_CLOUD:
        return None  # secrets.yml and its key are the onboarding guide's: other targets hold no such file
    files = inspected(context)
    key = context.secrets.key if context.secrets else None
    if not files and not key:
        return None
    return {
        "files": [{
            "file": relative_path(result.path, context.settings.workspace),
            "count": len(result.entries),
            "names": result.names,
            "key_bits": sorted({e.size * 8 for e in result.entries if e.size}),
            "written": result.written,
        } for result in files],
        "key": {"bits": key.bits, "fingerprint": key.fingerprint} if key else None,
    }
