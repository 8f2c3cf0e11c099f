"""P001, P104, O022: write the name meant, when the did-you-mean has one answer.

Safe: the key or role is renamed to the one name Meltano (or Meltano Cloud)
knows that is closest to what was written, and only when no other name is as
close and the new key is not in the mapping already (that would be a duplicate key).
"""

from __future__ import annotations

from onboard_action.findings import Edit, Finding
from onboard_action.fixes import fixer, key_at, replace_at, source_of, unique_suggestion, written
from onboard_action.model.context import Context
from onboard_action.rules import plugins, project_schema
from onboard_action.rules.onboarding import ROLE_UNKNOWN
from onboard_action.values.identifiers import ROLES


@fixer(project_schema.UNKNOWN_TOP_LEVEL_KEY, safe=True)
def top_level_key(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    return _rename_key(finding, context, lambda path: project_schema._top_level_keys())


@fixer(plugins.PLUGIN_KEY_UNKNOWN, safe=True)
def plugin_key(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    return _rename_key(finding, context, lambda path: plugins._keys_of(
        "environment_plugin" if path[:1] == ("environments",) else "plugin"))


@fixer(ROLE_UNKNOWN, safe=True)
def role(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    source = source_of(context, finding.location.file)
    text = written(source, finding.location) if source else None
    if not text or text[0] in "'\"":
        return None
    meant = unique_suggestion(finding, text.strip().lower(), ROLES)
    if meant is None:
        return None
    return f"write the role `{meant}`", [replace_at(finding.location, meant)]


def _rename_key(finding: Finding, context: Context, candidates) -> tuple[str, list[Edit]] | None:
    source = source_of(context, finding.location.file)
    found = key_at(source, finding.location) if source else None
    if found is None:
        return None
    path, mapping, key = found
    text = written(source, finding.location)
    if text != key:
        return None  # quoted or escaped: not a plain key to rewrite in place
    meant = unique_suggestion(finding, key, candidates(path))
    if meant is None or meant in mapping:
        return None
    return f"rename `{key}` to `{meant}`", [replace_at(finding.location, meant)]
