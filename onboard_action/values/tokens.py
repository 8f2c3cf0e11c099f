"""Find credentials by their form, with detect-secrets' rule set (values/token_patterns.py).

Each pattern is searched on its own, and only in a text where its gate
matches (see tools/generate_token_patterns.py): joined in one expression the
patterns would lose the literal prefixes Python's regex engine starts its
search from, and cost a hundred times more. `^` and `$` are the ends of a
line, as in detect-secrets, which reads files line by line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import Struct

from onboard_action.values.token_patterns import PATTERNS

_FLAGS = {re.IGNORECASE: re.IGNORECASE, re.VERBOSE: re.VERBOSE}


class Token(Struct, frozen=True):
    kind: str  # as detect-secrets names it: "Slack Token"
    start: int
    end: int


def _compiled(pattern: str, flags: int) -> re.Pattern:
    return re.compile(pattern, re.MULTILINE | sum(flag for flag in _FLAGS if flags & flag))


_ANY_CASE = "(?i:"


def _gate(gate: str | None) -> tuple[re.Pattern | None, bool]:
    """A gate, and whether to search the lower-cased text with it.

    `(?i:xox)` is searched as `xox` in the lower-cased text: a case-insensitive
    expression loses the literal prefix that makes the search fast.
    """
    if gate is None:
        return None, False
    if gate.startswith(_ANY_CASE) and gate.endswith(")"):
        return re.compile(gate[len(_ANY_CASE):-1]), True
    return re.compile(gate), False


# A gated pattern is compiled when its gate first matches: most projects hold no text that
# opens one, and compiling them all costs a small project's check a few milliseconds.
_SEARCHES = [(kind, pattern, flags, *_gate(gate)) for kind, _plugin, pattern, flags, gate in PATTERNS]
_COMPILED: dict[str, re.Pattern] = {}


def find_all(text: str) -> Iterator[Token]:
    """Every credential in `text`, in the order of the patterns; overlapping matches are kept apart."""
    lowered = None
    for kind, source, flags, gate, any_case in _SEARCHES:
        if gate is not None:
            if any_case and lowered is None:
                lowered = text.lower()
            if gate.search(lowered if any_case else text) is None:
                continue
        pattern = _COMPILED.get(source)
        if pattern is None:
            pattern = _COMPILED[source] = _compiled(source, flags)
        for match in pattern.finditer(text):
            yield Token(kind, match.start(), match.end())


def find(text: str) -> Token | None:
    return next(find_all(text), None)
