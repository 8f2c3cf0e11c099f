"""Colour for a terminal, and repository text made safe to print on one.

The CLI decides whether to colour (`--color`, `NO_COLOR`, a TTY); reporters
ask a `Style` to paint parts of a line and get plain text back when colour is
off, so the output without colour is byte for byte what it was before
colour existed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODES = {
    "error": "1;31", "warning": "1;33", "notice": "1;36",  # severities: bold red, yellow, cyan
    "path": "1", "code": "1;35", "gutter": "34", "fix": "32", "dim": "2",
}
# C0 and C1 controls (ESC starts a terminal escape sequence), DEL, and the bidirectional
# overrides that make a line read differently from what it holds ("Trojan Source").
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Style:
    colour: bool = False

    def paint(self, kind: str, text: str) -> str:
        if not self.colour or not text:
            return text
        return f"\x1b[{_CODES[kind]}m{text}\x1b[0m"


PLAIN = Style()


def printable(text: str) -> str:
    """`text` with each control character shown as one replacement character (columns stay put)."""
    return _UNPRINTABLE.sub(REPLACEMENT, text.replace("\t", " "))
