"""Find credentials by their form, with detect-secrets' rule set (values/token_patterns.py).

All patterns are joined in one regular expression, each in a named group
with its own flags, so that a file is read once, whatever its size.
Patterns are matched line by line, as detect-secrets does: `^` and `$`
are the ends of a line.
"""

from __future__ import annotations

import re

from onboard_action.values.token_patterns import PATTERNS

_FLAGS = {re.IGNORECASE: "i", re.VERBOSE: "x"}


def _scoped(pattern: str, flags: int) -> str:
    inline = "".join(letter for flag, letter in _FLAGS.items() if flags & flag)
    return f"(?{inline}:{pattern})" if inline else f"(?:{pattern})"


TOKENS = re.compile("|".join(f"(?P<t{i}>{_scoped(pattern, flags)})"
                             for i, (_kind, _plugin, pattern, flags) in enumerate(PATTERNS)), re.MULTILINE)


def kind_of(match: re.Match) -> str:
    """What a match of `TOKENS` is, as detect-secrets calls it ("Slack Token")."""
    return PATTERNS[int(match.lastgroup[1:])][0]


def find(text: str) -> re.Match | None:
    return TOKENS.search(text)
