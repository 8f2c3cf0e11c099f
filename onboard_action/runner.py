"""The GitHub Actions runner protocol, in one place.

Why our own module rather than `actions-toolkit`: the protocol is small and
exactly specified (workflow commands on stdout, file commands for outputs
and the job summary), and getting its escaping right is a security matter
we want under our own tests. `actions-toolkit` has been dormant since 2022,
pulls PyGithub, PyNaCl and requests into the image, costs 0.2 s of import,
has no job-summary support and installs a stray top-level `tests` package.

Everything that writes to the runner goes through `Runner`; everything that
turns untrusted text into a command goes through `escape_data` and
`escape_property`, which match @actions/core byte for byte.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

# GitHub rejects a step summary over 1 MiB; keep room for our truncation note.
SUMMARY_LIMIT = 1024 * 1024
ANNOTATION_LEVELS = ("error", "warning", "notice")


# Characters that change what a reader sees without showing themselves: controls (ESC starts a
# terminal escape; tab and the line breaks are carried by the escaping below), format characters
# (bidirectional controls such as U+202E, which makes a line read backwards; zero-width characters)
# and the Unicode line and paragraph separators. Only characters outside printable ASCII are looked up.
_HAZARD_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_NOT_PRINTABLE_ASCII = re.compile("[^\t\n\r\x20-\x7e]")


def display_safe(text: str) -> str:
    """`text` with each display hazard written as its escape, visibly: `\\x1b`, `\\u202e`, `\\u200b`."""
    return _NOT_PRINTABLE_ASCII.sub(_shown, text) if _NOT_PRINTABLE_ASCII.search(text) else text


def _shown(match: re.Match) -> str:
    character = match.group(0)
    if unicodedata.category(character) not in _HAZARD_CATEGORIES:
        return character
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape_data(value: object) -> str:
    """Escape a command's message the way @actions/core's `escapeData` does."""
    return str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: object) -> str:
    """Escape a command property the way @actions/core's `escapeProperty` does."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: object = "", **properties: object) -> str:
    """One workflow command line: `::name key=value,...::message`. Empty properties are skipped."""
    props = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in properties.items()
        if value is not None and value != ""
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def input_text(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """An action input as the runner passes it, `INPUT_<NAME>` with hyphens kept; None when absent.

    The `_` spelling (`INPUT_PROJECT_DIR`) is accepted as a fallback so the
    entry point can be run by hand from a shell, which cannot set hyphenated
    variable names. Untrimmed: action/inputs.py reads every input through
    here, once, and trims the ones its table says to trim (as @actions/core does).
    """
    environ = os.environ if environ is None else environ
    key = "INPUT_" + name.replace(" ", "_").upper()
    for candidate in (key, key.replace("-", "_")):
        if candidate in environ:
            return environ[candidate]
    return None


class Runner:
    """Talks to the runner: commands on stdout, file commands, warnings on stderr."""

    def __init__(self, environ: Mapping[str, str] | None = None,
                 out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.environ = os.environ if environ is None else environ
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self._summary_bytes = 0
        self._summary_truncated = False
        self._unwritable: set[str] = set()  # file commands already warned about

    # -- workflow commands -------------------------------------------------
    def emit(self, line: str) -> None:
        self.out.write(utf8(line) + "\n")

    def annotate(self, level: str, message: str, *, file: str | None = None,
                 line: int | None = None, end_line: int | None = None,
                 col: int | None = None, end_column: int | None = None,
                 title: str | None = None) -> None:
        if level not in ANNOTATION_LEVELS:
            raise ValueError(f"unknown annotation level {level!r}")
        if end_line is not None and line is not None and end_line != line:
            # The runner drops columns on multi-line ranges; say so explicitly.
            col = end_column = None
        # What people read is shown as it is; `file` must stay the name git has, to place the annotation.
        self.emit(command(level, display_safe(message), title=None if title is None else display_safe(title),
                          file=file, line=line, endLine=end_line, col=col, endColumn=end_column))

    def mask(self, value: str) -> None:
        """Hide `value` in all later log output, every line of it."""
        if value.strip():  # the runner refuses a blank mask with a warning in the log
            self.emit(command("add-mask", value))
            for part in value.splitlines():
                if part.strip() and part != value:
                    self.emit(command("add-mask", part))

    def debug(self, message: str) -> None:
        self.emit(command("debug", message))

    @contextmanager
    def group(self, title: str) -> Iterator[None]:
        self.emit(command("group", title))
        try:
            yield
        finally:
            self.emit(command("endgroup"))

    @contextmanager
    def stop_commands(self) -> Iterator[None]:
        """Everything printed inside is shown verbatim, never read as a command."""
        token = os.urandom(16).hex()  # secrets.token_hex(16), without importing secrets
        self.emit(command("stop-commands", token))
        try:
            yield
        finally:
            self.emit(f"::{token}::")

    def print_untrusted(self, text: str) -> None:
        """Print text from the repository as-is, with commands switched off around it."""
        with self.stop_commands():
            text = utf8(text)
            self.out.write(text if text.endswith("\n") else text + "\n")

    # -- file commands -----------------------------------------------------
    def set_output(self, name: str, value: object) -> bool:
        """Append `name` to GITHUB_OUTPUT as a heredoc with a random delimiter."""
        text = str(value)
        delimiter = f"ghadelimiter_{os.urandom(16).hex()}"  # as random as uuid4, without importing uuid
        if delimiter in text:  # practically impossible, but never write a forgeable record
            raise ValueError(f"output {name!r} contains its own delimiter")
        return self._append("GITHUB_OUTPUT", f"{name}<<{delimiter}\n{text}\n{delimiter}\n",
                            what=f"output {name}")

    def append_summary(self, markdown: str, pointer: str = "") -> bool:
        """Append Markdown to the job summary, truncating to stay under GitHub's 1 MiB.

        `pointer` says where the complete content is, for when truncation happens.
        """
        if self._summary_truncated:
            return False
        data = utf8(markdown if markdown.endswith("\n") else markdown + "\n")
        size = len(data.encode("utf-8"))
        note = utf8("\n> [!WARNING]\n> The summary was cut to stay under GitHub's 1 MiB limit."
                    + (f" {pointer}" if pointer else "") + "\n")
        note_size = len(note.encode("utf-8"))
        # Every append leaves room for the note, so a later cut can still say where to look.
        if self._summary_bytes + size + note_size > SUMMARY_LIMIT:
            self._summary_truncated = True
            room = SUMMARY_LIMIT - self._summary_bytes - note_size
            if room < 0:
                return False
            data = _cut_at_line(data, room) + note
        written = self._append("GITHUB_STEP_SUMMARY", data, what="job summary")
        if written:
            self._summary_bytes += len(data.encode("utf-8"))
        return written

    def warn(self, message: str) -> None:
        """A problem with the runner itself, on stderr: it must not fail the check."""
        self.err.write(f"meltano-onboard: warning: {message}\n")

    def _append(self, variable: str, text: str, *, what: str) -> bool:
        path = self.environ.get(variable)
        if not path:
            return False
        try:
            with open(path, "a", encoding="utf-8", newline="\n") as handle:
                handle.write(utf8(text))
        except OSError as exc:
            if variable not in self._unwritable:  # one warning, however many writes fail
                self._unwritable.add(variable)
                self.warn(f"could not write the {what} to {variable} ({exc.strerror or exc})")
            return False
        return True


def utf8(text: str) -> str:
    """`text` without lone surrogates, which no UTF-8 stream can take.

    They come from file names that are not UTF-8 (Python decodes them with
    surrogateescape): shown as `\\udcff` rather than crashing the step.
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _cut_at_line(text: str, limit: int) -> str:
    """The longest prefix of whole lines that fits in `limit` UTF-8 bytes."""
    encoded = text.encode("utf-8")[:limit]
    cut = encoded.rfind(b"\n")
    return encoded[: cut + 1].decode("utf-8", errors="ignore") if cut >= 0 else ""
