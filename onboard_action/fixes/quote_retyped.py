"""Y001, Y002: quote a key or name that YAML would read as a boolean, number or date.

Safe: quoting only says in YAML what the author wrote; the text stays the same.
"""

from __future__ import annotations

from onboard_action.findings import Edit, Finding
from onboard_action.fixes import fixer, replace_at, single_quoted, source_of, written
from onboard_action.model.context import Context
from onboard_action.rules.yaml_hazards import DATE_AS_TEXT, KEY_RETYPED


@fixer(KEY_RETYPED, safe=True)
def quote_key(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    return _quote(finding, context)


@fixer(DATE_AS_TEXT, safe=True)
def quote_name(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    return _quote(finding, context)


def _quote(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    source = source_of(context, finding.location.file)
    text = written(source, finding.location) if source else None
    if not text or text[0] in "'\"":
        return None  # not a plain scalar on one line: nothing this fix knows how to quote
    return f"quote `{text}`", [replace_at(finding.location, single_quoted(text))]
