"""The variables the project needs: what the organization must provide as secrets for Meltano Cloud.

`facts.variables` in the JSON report: one object per variable that neither
Meltano nor an `env:` block of the project sets, with where it is first used.
"""

from __future__ import annotations

from typing import Any

from onboard_action.facts import fact
from onboard_action.findings import relative_path
from onboard_action.model import variables
from onboard_action.model.context import Context


@fact("variables", order=60)
def needed_variables_fact(context: Context) -> list[dict[str, Any]]:
    """Each variable the project needs (not set by Meltano or an `env:` block) and its first use."""
    if not context.project.loaded:
        return []
    first = variables.first_references(context.variables.references, context.project)
    workspace = context.settings.workspace
    files: dict = {}  # thousands of variables sit in a few files: each is made relative once
    return [{"name": name, **_place(reference.location, workspace, files)}
            for name, reference in first.items()]


def _place(location, workspace, files: dict) -> dict[str, Any]:
    if location.file not in files:
        files[location.file] = relative_path(location.file, workspace)
    return {"file": files[location.file], "line": location.line, "column": location.column}
