"""P302, P305: add the onboarding environment (`- name: sandbox`), creating `environments:` if needed.

Safe: a new, empty environment changes no run in the others. It goes first in
the list, at the indentation of the entries already there, so no other line moves
sideways; the list's end is not where PyYAML says it is (it ends where the next key starts).
"""

from __future__ import annotations

import re

from onboard_action.findings import Edit, Finding
from onboard_action.fixes import fixer, single_quoted, source_of
from onboard_action.load.yamlfile import YList, YMap
from onboard_action.model.context import Context
from onboard_action.rules.environments import NO_ENVIRONMENTS, ONBOARDING_ENVIRONMENT_MISSING

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
_NOT_TEXT = re.compile(r"(?i:y|n|yes|no|on|off|true|false|null)\Z")


def _name(text: str) -> str:
    return text if _PLAIN_NAME.match(text) and not _NOT_TEXT.match(text) else single_quoted(text)


@fixer(ONBOARDING_ENVIRONMENT_MISSING, safe=True)
def add_environment(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    source = source_of(context, finding.location.file)
    wanted = context.onboarding_environment
    if source is None or not isinstance(source.data, YMap) or not wanted:
        return None
    entries = source.data.get("environments")
    if not isinstance(entries, YList) or not entries:
        return None
    first = entries.item_span(0)
    line = source.line_text(first.line)
    dash = line.rfind("-", 0, first.column - 1)
    if dash == -1 or line[:dash].strip():
        return None  # a flow list (`[{name: dev}]`) or an entry that shares its line: no clean insertion
    entry = f"{line[:dash]}- name: {_name(wanted)}\n"
    return (f"add the environment `{wanted}`",
            [Edit(source.path, first.line, 1, first.line, 1, entry)])


@fixer(NO_ENVIRONMENTS, safe=True)
def add_environments(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    source = source_of(context, finding.location.file)
    wanted = context.onboarding_environment
    if source is None or not isinstance(source.data, YMap) or "environments" in source.data or not wanted:
        return None  # `environments:` written but empty: which form the author meant is theirs to say
    text = source.text
    lines = text.split("\n")
    line, column = len(lines), len(lines[-1]) + 1
    lead = "" if text.endswith("\n") else "\n"
    return (f"add `environments:` with `{wanted}`",
            [Edit(source.path, line, column, line, column,
                  f"{lead}environments:\n  - name: {_name(wanted)}\n")])
