"""Rules about environment variable references (the list of variables needed is `facts/variables.py`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from onboard_action.findings import Finding, Severity
from onboard_action.model.context import Context
from onboard_action.rules import check, rule

REFERENCE_NOT_EXPANDED = rule(
    "P401", "variable-reference-not-expanded", Severity.WARNING,
    "text looks like a variable reference that Meltano will not expand",
    """
    Meltano expands `$NAME` only for upper-case names (`[A-Z][A-Z0-9_]*`) and
    `${name}` for any letters, digits and `_`. It leaves `$lower` and
    `${NAME:-default}` as plain text, and reads `$Host` as the variable `H`
    followed by `ost`, so the plugin gets the wrong value without any error.
    Write `${name}` (braces) or an upper-case name.
    """,
    bad="plugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
        "      config:\n        password: $postgres_password\n",
    good="plugins:\n  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
         "      config:\n        password: ${POSTGRES_PASSWORD}\n",
)


@check(REFERENCE_NOT_EXPANDED)
def references_not_expanded(context: Context) -> Iterator[Finding]:
    for item in context.variables.unexpanded:
        if item.read_as:
            message = (f"Meltano reads `{item.written}` as the variable `{item.read_as}` followed by "
                       f"the text `{item.written[len(item.read_as) + 1:]}`")
            hint = f"write `${{{item.written[1:]}}}` to use the variable `{item.written[1:]}`"
        elif item.written.startswith("${"):
            message = (f"Meltano leaves `{_shown(item.written)}` as plain text: inside `${{...}}` it "
                       "takes only letters, digits and `_` (no defaults or other shell syntax)")
            hint = "write `${NAME}` and set a default in the `env:` block or the secret instead"
        else:
            name = item.written[1:]
            message = (f"Meltano leaves `{item.written}` as plain text: `$NAME` works only for "
                       "upper-case names")
            hint = f"write `${{{name}}}`, or `${name.upper()}` if the variable is upper case"
        yield REFERENCE_NOT_EXPANDED.finding(item.location, message, hint)


def _shown(written: str) -> str:
    """`${NAME:-default}` as `${NAME…}`: what follows the name may be a secret default."""
    name = re.match(r"\$\{(\w*)", written)
    head = "${" + (name.group(1) if name else "")
    return head + "}" if written == head + "}" else head + "…}"
