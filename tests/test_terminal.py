"""Colour on a terminal: the CLI run on a real pseudo-terminal (python's pty), as a person runs it."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest

from tests.helpers import REPO, base_env, run_cli

RED_ERROR = "\x1b[1;31merror:\x1b[0m"
ESC = "\x1b["


def on_a_terminal(*args: str, **env: str) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal; everything it printed there."""
    main, child = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "onboard_action", *args], cwd=REPO,
                              env=base_env(TERM="xterm-256color", **env), stdin=subprocess.DEVNULL,
                              stdout=child, stderr=child, timeout=120, check=False)
        os.close(child)
        child = -1
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the terminal's other end is closed and everything was read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
        if child != -1:
            os.close(child)
    assert done.returncode == 1
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def plain() -> str:
    return run_cli("check", "examples/broken-schedules", cwd=REPO).stdout


def test_a_terminal_gets_colour(plain: str) -> None:
    shown = on_a_terminal("check", "examples/broken-schedules")
    assert RED_ERROR in shown
    assert "\x1b[1mexamples/broken-schedules/meltano.yml:44:15:\x1b[0m" in shown  # the path in bold
    assert "\x1b[1;35m[S003]\x1b[0m" in shown  # the code
    assert "\x1b[1;33mwarning:\x1b[0m" in shown
    assert _without_colour(shown) == plain, "colour adds escape codes and nothing else"


def test_no_color_turns_it_off_on_a_terminal(plain: str) -> None:
    shown = on_a_terminal("check", "examples/broken-schedules", NO_COLOR="1")
    assert ESC not in shown
    assert shown == plain


def test_color_never_and_always_override_the_terminal_and_no_color(plain: str) -> None:
    assert ESC not in on_a_terminal("check", "examples/broken-schedules", "--color", "never")
    forced = run_cli("check", "examples/broken-schedules", "--color", "always", cwd=REPO,
                     env=base_env(NO_COLOR="1"))
    assert RED_ERROR in forced.stdout, "a command-line choice overrides NO_COLOR (no-color.org)"


def test_the_full_format_colours_on_a_terminal_too() -> None:
    shown = on_a_terminal("check", "examples/broken-schedules", "--format", "full")
    assert "\x1b[34m|\x1b[0m" in shown and "\x1b[1;31m^^^^^^^^^^^^^\x1b[0m" in shown


def test_a_pipe_gets_no_colour(plain: str) -> None:
    assert ESC not in plain


def _without_colour(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)
