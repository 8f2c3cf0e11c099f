"""Meltano itself, asked to rehearse a run (`meltano run --dry-run`): only when the user asks (`rehearse`).

Like load/git.py for git, the one place that starts Meltano, hardened the same way:

* an argument list, never a shell; the environment as one `--environment=NAME`
  argument and the blocks after `--`, so no name from the repository (a job
  called `-x`, say) can become an option;
* `--no-install`: Meltano 4 installs a job's plugins before a dry run, even
  with `auto_install` off, which would download and run code;
* a minimal environment: PATH and what Meltano needs to stay quiet and local,
  nothing else (no `INPUT_*`, no runner token, no variable of the caller), so
  the secrets given to the action never reach Meltano; `HOME` and Meltano's
  system folder (`MELTANO_SYS_DIR_ROOT`, its `.meltano`) in a temporary folder,
  so the checkout stays as it was;
* a timeout for the whole process group (a plugin Meltano starts cannot keep
  the check waiting), and Meltano's answer cut to one line of at most 300
  characters, control characters escaped and the texts in `hide` replaced
  before it is cut.

Meltano still reads the project (meltano.yml, its `.env` if there is one):
rehearse only code you trust, not a pull request from a fork.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from msgspec import Struct

from onboard_action.runner import display_safe

TIMEOUT_SECONDS = 120
MAX_REASON = 300
HIDDEN = "***"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# structlog's console line: `2026-01-01T00:00:00Z [error    ] meltano      Environment 'x' was not found.`
_LOGGED_ERROR = re.compile(r"\[(?:error|critical)\s*\]\s+\S+\s+(.*)")


class Rehearsal(Struct, frozen=True):
    ok: bool
    reason: str = ""  # why it failed, in Meltano's words, on one line


def executable() -> str | None:
    import shutil  # with tempfile, only for a rehearsal: most checks never rehearse

    return shutil.which("meltano")


def command(environment: str, blocks: Iterable[str]) -> list[str]:
    """The arguments after `meltano`: what the check runs and what its hint tells people to run."""
    return [f"--environment={environment}", "run", "--dry-run", "--no-install", "--", *blocks]


def dry_run(project_root: Path, environment: str, blocks: list[str], hide: Iterable[str] = ()) -> Rehearsal:
    """`meltano --environment=ENV run --dry-run --no-install -- BLOCKS...` in the project folder."""
    meltano = executable()
    if meltano is None:
        return Rehearsal(False, "meltano is not installed")
    argv = [meltano, *command(environment, blocks)]
    if any("\x00" in part for part in argv):
        return Rehearsal(False, "a name holds a NUL character, which no command line can pass")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="meltano-onboard-rehearsal-") as scratch:
        env = {"PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"), "HOME": scratch,
               "MELTANO_SYS_DIR_ROOT": os.path.join(scratch, ".meltano"),
               "MELTANO_PROJECT_ROOT": str(project_root),
               "MELTANO_SEND_ANONYMOUS_USAGE_STATS": "false", "NO_COLOR": "1", "TERM": "dumb",
               "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": scratch}
        try:
            process = subprocess.Popen(argv, cwd=project_root, env=env, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       start_new_session=True)
        except OSError as exc:
            return Rehearsal(False, f"meltano could not be started ({exc.strerror or exc})")
        try:
            out, err = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            return Rehearsal(False, f"it did not finish within {TIMEOUT_SECONDS} seconds")
    if process.returncode == 0:
        return Rehearsal(True)
    output = out.decode("utf-8", "replace") + "\n" + err.decode("utf-8", "replace")
    return Rehearsal(False, reason(output, process.returncode, hide))


def _kill_group(process: subprocess.Popen) -> None:
    """The process and everything it started: a pipe held open by a grandchild must not hang the check."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    process.communicate()


def reason(output: str, code: int, hide: Iterable[str] = ()) -> str:
    """Meltano's own explanation: its `Error:` line, else its last logged error, else its last line."""
    for text in sorted({t for t in hide if t}, key=len, reverse=True):  # longest first: no part is left
        output = output.replace(text, HIDDEN)
    lines = [" ".join(_ANSI.sub("", line).split()) for line in output.splitlines()]
    lines = [line for line in lines if line]
    said = next((line[len("Error:"):].strip() for line in reversed(lines) if line.startswith("Error:")), None)
    if said is None:
        logged = [m.group(1) for line in lines if (m := _LOGGED_ERROR.search(line))]
        said = logged[-1] if logged else (lines[-1] if lines else "")
    said = display_safe(said) or f"meltano exited with code {code}"
    return said if len(said) <= MAX_REASON else said[: MAX_REASON - 1] + "…"
