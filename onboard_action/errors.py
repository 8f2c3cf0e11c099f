"""Errors that end a run early, each with the exit code it stands for."""

from __future__ import annotations

import re

# Line breaks and other controls: a message quoting a path or a value from the repository (or a
# workflow) must stay one line that shows what it holds.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with each control character written as its Python escape (`\\n`, `\\x1b`)."""
    return _CONTROL.sub(lambda match: repr(match.group(0))[1:-1], text) if _CONTROL.search(text) else text


def quoted(text: object) -> str:
    """A path or name from outside the tool as a message shows it: quoted, its controls escaped."""
    return repr(str(text))


class UsageError(Exception):
    """The tool was misused (bad option, unreadable folder): exit code 2.

    The message is one line that says what is wrong and what to do: whatever text it
    quotes, its line breaks and other control characters are escaped here.
    """

    exit_code = 2

    def __init__(self, message: str = "") -> None:
        super().__init__(one_line(message))


class InternalError(Exception):
    """A bug in meltano-onboard itself, such as a check reporting a rule it does not declare: exit code 3."""

    exit_code = 3
