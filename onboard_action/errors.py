"""Errors that end a run early, each with the exit code it stands for."""


class UsageError(Exception):
    """The tool was misused (bad option, unreadable folder): exit code 2.

    The message is one line that says what is wrong and what to do.
    """

    exit_code = 2


class InternalError(Exception):
    """A bug in meltano-onboard itself, such as a check reporting a rule it does not declare: exit code 3."""

    exit_code = 3
