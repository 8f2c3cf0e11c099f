"""Rules about `# meltano-onboard: ignore[...]` comments themselves (see onboard_action/model/ignores.py)."""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import Finding, Location, Severity
from onboard_action.model.context import Context
from onboard_action.rules import check, load_all, rule

INLINE_IGNORE_INVALID = rule(
    "N001", "inline-ignore-invalid", Severity.WARNING,
    "inline ignore comment not understood",
    """
    A `# meltano-onboard: ignore[CODE]` comment silences the named rules on
    its line (or, on a line of its own, on the next line). A comment that
    names an unknown code, names none, or misspells `ignore[...]` silences
    nothing, so the finding it was meant for still fires. Fix the codes
    (`meltano-onboard rules` lists them) or remove the comment.
    """,
    bad="schedules:\n  - name: daily  # meltano-onboard: ignore[S0O1]\n",
    good="schedules:\n  - name: daily  # meltano-onboard: ignore[S001]\n",
)


@check(INLINE_IGNORE_INVALID)
def inline_ignores(context: Context) -> Iterator[Finding]:
    known = load_all()
    for file_directives in context.directives.values():
        for directive in file_directives:
            if directive.problem:
                yield INLINE_IGNORE_INVALID.finding(
                    Location(directive.file, directive.line, directive.column,
                             directive.line, directive.end_column),
                    f"this meltano-onboard comment {directive.problem}",
                    "write `# meltano-onboard: ignore[CODE]` with codes from `meltano-onboard rules`, "
                    "or remove the comment")
                continue
            for code in directive.codes:
                if code.code not in known:
                    yield INLINE_IGNORE_INVALID.finding(
                        Location(directive.file, directive.line, code.column,
                                 directive.line, code.column + len(code.code) - 1),
                        f"inline ignore names unknown rule code {code.code!r}, so it silences nothing",
                        "fix the code (`meltano-onboard rules` lists them) or remove it from the comment")
