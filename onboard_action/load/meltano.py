"""Meltano itself, asked to rehearse a run (`meltano run --dry-run`): only when the user asks (`rehearse`).

Like load/git.py for git, the one place that starts Meltano, hardened the same way:

* an argument list, never a shell; the environment as one `--environment=NAME`
  argument and the blocks after `--`, so no name from the repository (a job
  called `-x`, say) can become an option;
* `--no-install`: Meltano 4 installs a job's plugins before a dry run, even
  with `auto_install` off, which would download and run code;
* a minimal environment: no `INPUT_*`, no runner token, so the secrets given
  to the action never reach Meltano; Meltano's system folder (`.meltano`) and
  `HOME` in a temporary folder, so the checkout stays as it was;
* a timeout, and Meltano's answer cut to one line of at most 300 characters.

Meltano still reads the project (meltano.yml, its `.env` if there is one):
rehearse only code you trust, not a pull request from a fork.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_SECONDS = 120
MAX_REASON = 300
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# structlog's console line: `2026-01-01T00:00:00Z [error    ] meltano      Environment 'x' was not found.`
_LOGGED_ERROR = re.compile(r"\[(?:error|critical)\s*\]\s+\S+\s+(.*)")


@dataclass(frozen=True)
class Rehearsal:
    ok: bool
    reason: str = ""  # why it failed, in Meltano's words, on one line


def executable() -> str | None:
    return shutil.which("meltano")


def dry_run(project_root: Path, environment: str, blocks: list[str]) -> Rehearsal:
    """`meltano --environment=ENV run --dry-run --no-install -- BLOCKS...` in the project folder."""
    meltano = executable()
    if meltano is None:
        return Rehearsal(False, "meltano is not installed")
    argv = [meltano, f"--environment={environment}", "run", "--dry-run", "--no-install", "--", *blocks]
    with tempfile.TemporaryDirectory(prefix="meltano-onboard-rehearsal-") as scratch:
        env = {"PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"), "HOME": scratch,
               "MELTANO_SYS_DIR_ROOT": os.path.join(scratch, ".meltano"),
               "MELTANO_SEND_ANONYMOUS_USAGE_STATS": "false", "NO_COLOR": "1", "TERM": "dumb",
               "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
        try:
            done = subprocess.run(argv, cwd=project_root, env=env, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, errors="replace",
                                  timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            return Rehearsal(False, f"it did not finish within {TIMEOUT_SECONDS} seconds")
        except OSError as exc:
            return Rehearsal(False, f"meltano could not be started ({exc.strerror or exc})")
    if done.returncode == 0:
        return Rehearsal(True)
    return Rehearsal(False, _reason(done.stdout + "\n" + done.stderr, done.returncode))


def _reason(output: str, code: int) -> str:
    """Meltano's own explanation: its `Error:` line, else its last logged error, else its last line."""
    lines = [" ".join(_ANSI.sub("", line).split()) for line in output.splitlines()]
    lines = [line for line in lines if line]
    said = next((line[len("Error:"):].strip() for line in reversed(lines) if line.startswith("Error:")), None)
    if said is None:
        logged = [m.group(1) for line in lines if (m := _LOGGED_ERROR.search(line))]
        said = logged[-1] if logged else (lines[-1] if lines else "")
    said = said or f"meltano exited with code {code}"
    return said if len(said) <= MAX_REASON else said[: MAX_REASON - 1] + "…"
