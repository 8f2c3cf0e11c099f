"""Colour for a terminal, and repository text made safe to print on one.

The CLI decides whether to colour (`--color`, `NO_COLOR`, a TTY); reporters
ask a `Style` to paint parts of a line and get plain text back when colour is
off, so the output without colour is byte for byte what it was before
colour existed.
"""

from __future__ import annotations

import re

from msgspec import Struct

from onboard_action.runner import display_safe

_CODES = {
    "error": "1;31", "warning": "1;33", "notice": "1;36",  # severities: bold red, yellow, cyan
    "path": "1", "code": "1;35", "gutter": "34", "fix": "32", "dim": "2",
}
# C0 and C1 controls (ESC starts a terminal escape sequence), DEL, and the bidirectional
# overrides that make a line read differently from what it holds ("Trojan Source").
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


class Style(Struct, frozen=True):
    colour: bool = False

    def paint(self, kind: str, text: str) -> str:
        if not self.colour or not text:
            return text
        return f"\x1b[{_CODES[kind]}m{text}\x1b[0m"


PLAIN = Style()


def printable(text: str) -> str:
    """`text` with each control character shown as one replacement character (columns stay put)."""
    return _UNPRINTABLE.sub(REPLACEMENT, text.replace("\t", " "))


# A line the runner reads as a workflow command: `::` after leading white space, or `##[` anywhere
# (legacy commands). It splits a log into lines at \n, \r and \r\n.
_COMMAND_START = re.compile(r"(^|[\r\n])([^\S\r\n]*)::")
LEGACY = "##["


def inert(text: str) -> str:
    """Text printed into a log that the runner reads as no workflow command: `\\::`, `#\\#[`.

    The text and full formats go to a job's log when the pre-commit hook runs in
    GitHub Actions; what the repository wrote must not become a command there.
    """
    if LEGACY not in text and "::" not in text:
        return text
    return _COMMAND_START.sub(r"\1\2\\::", text.replace(LEGACY, "#\\#["))


def inert_json(text: str) -> str:
    """JSON text with `##[` written `##\\u005b`: the same JSON, and no legacy command in a log.

    `##[` can only be inside a JSON string, and JSON escapes line breaks, so no line
    of the document starts with `::` from a value.
    """
    return text.replace(LEGACY, "##\\u005b") if LEGACY in text else text


def path_shown(text: str) -> str:
    """A path as a line of a terminal format starts with it: on that one line, never a command.

    A file name can hold a line break or start with `::` (`::error file=x::.meltano.yml`):
    line breaks and other control characters are escaped visibly, and a leading `::` is
    kept a path with `./`.
    """
    shown = visible(text)
    return "./" + shown if shown.lstrip().startswith("::") else shown


# On one line, a line break or a tab is written by name; display_safe escapes every other hazard.
_NAMED = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def visible(text: str) -> str:
    """`text` on one line, each hidden or control character escaped (`\\n`, `\\x1b`, `\\u202e`)."""
    return display_safe(text.translate(_NAMED))
