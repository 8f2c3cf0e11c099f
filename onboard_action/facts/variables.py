"""The variables the project needs: what the organization must provide as secrets for Meltano Cloud.

`facts.variables` in the JSON report: one object per variable that neither
Meltano nor an `env:` block of the project sets, with where it is first used
(`file`, `line`, `column`), whether an onboarding run uses it (`onboarding`:
the onboarding environment and the plugins its schedules run, see
model/scope.py), and whether the project's secrets file holds it
(`in_secrets`; null when there is no secrets file).
"""

from __future__ import annotations

from typing import Any

from onboard_action.facts import fact
from onboard_action.findings import GUIDE_CLOUD, relative_path
from onboard_action.model import variables
from onboard_action.model.context import Context
from onboard_action.model.scope import needed_for_onboarding
from onboard_action.rules.jobs import onboarding_scope
from onboard_action.rules.secrets_file import inspected


@fact("variables", order=60)
def needed_variables_fact(context: Context) -> list[dict[str, Any]]:
    """Each variable the project needs (not set by Meltano or an `env:` block) and its first use."""
    if not context.project.loaded:
        return []
    found = context.variables.references
    first = variables.first_references(found, context.project)
    onboarding = needed_for_onboarding(context, found, onboarding_scope(context))
    # Only the guide's Meltano Cloud reads secrets.yml: elsewhere nothing says whether one holds a name.
    inspect = context.settings.target == GUIDE_CLOUD
    readable = [result for result in inspected(context) if result.source is not None] if inspect else []
    secret_names = {name for result in readable for name in result.names} if readable else None
    workspace = context.settings.workspace
    files: dict = {}  # thousands of variables sit in a few files: each is made relative once
    return [{"name": name, **_place(reference.location, workspace, files), "onboarding": name in onboarding,
             "in_secrets": None if secret_names is None else name in secret_names}
            for name, reference in first.items()]


def _place(location, workspace, files: dict) -> dict[str, Any]:
    if location.file not in files:
        files[location.file] = relative_path(location.file, workspace)
    return {"file": files[location.file], "line": location.line, "column": location.column}
