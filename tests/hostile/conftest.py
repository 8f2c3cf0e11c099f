"""Shared pieces of the hostile suite: run the real action on a hostile workspace, then audit it.

Every case runs `entrypoint.py` (or the CLI) as a separate process, as the
runner does, and then checks what all cases promise:

* the process ends by itself (a pytest-side timeout kills it otherwise), with
  a bounded peak memory, measured with `os.wait4` on that very process;
* no Python traceback anywhere, and no workflow command that the escaping
  should have prevented (`tests/helpers.parse_commands` reads stdout and
  stderr the way the runner does);
* the workspace is byte-identical afterwards, except for the outputs the case
  declares (a report file, a secrets file...).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import (
    ENTRYPOINT,
    REPO,
    ActionRun,
    WorkflowCommand,
    action_inputs,
    base_env,
    parse_commands,
    parse_output_file,
)

# Generous on purpose: these are bounds that a regression (an alias bomb
# expanded, a 50 MB file read into a node tree) would break by far, not timings.
TIMEOUT_SECONDS = 120
PEAK_MIB = 300

# A project that passes every project rule; cases break one thing at a time.
READY = REPO / "examples" / "ready"
LAUNCHER = Path(__file__).with_name("peak_rss.py")
ANNOTATION_LEVELS = ("error", "warning", "notice")


@dataclass
class Run(ActionRun):
    """One measured run of entrypoint.py (or the CLI)."""

    peak_mib: float = 0.0
    report: dict | None = None
    changed: dict[str, str] = field(default_factory=dict)

    @property
    def annotations(self) -> list[WorkflowCommand]:
        return [c for c in self.commands if c.name in ANNOTATION_LEVELS]

    def codes(self) -> list[str]:
        return [f["code"] for f in (self.report or {}).get("findings", [])]

    def findings(self, code: str) -> list[dict]:
        return [f for f in (self.report or {}).get("findings", []) if f["code"] == code]


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder`: file bytes, or where a link points, or 'dir'. Links are not followed."""
    found: dict[str, bytes | str] = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(root) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = "link -> " + os.readlink(path)
            elif path.is_dir():
                found[key] = "dir"
            elif not path.is_file():  # a FIFO or a device: reading it would block the test
                found[key] = f"special {os.stat(path).st_mode:o}"
            else:
                found[key] = path.read_bytes()
    return found


def measured(args: list[str], *, cwd: Path, env: dict[str, str], stdin: bytes | None = None,
             timeout: float = TIMEOUT_SECONDS) -> tuple[int, str, str, float]:
    """Run a process; (exit code, stdout, stderr, peak RSS in MiB of that process alone)."""
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        # A session of its own, so a timeout stops the launcher and the command together.
        process = subprocess.Popen([sys.executable, str(LAUNCHER), str(peak_file), "--", *args], cwd=cwd,
                                   env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
        try:
            stdout, stderr = process.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise AssertionError(f"{args[-1]} did not finish within {timeout} s") from None
        peak_kib = int(peak_file.read_text())
    return (process.returncode, stdout.decode("utf-8", "replace"),
            stderr.decode("utf-8", "replace"), peak_kib / 1024)



class Hostile:
    """Runs the action on a workspace and audits the run; one per test (`hostile` fixture)."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.workspace = tmp_path / "workspace"
        self.files = tmp_path / "file_commands"
        self.files.mkdir()

    # -- building the workspace -------------------------------------------------
    def ready_project(self, folder: str = "") -> Path:
        """A copy of examples/ready (meltano.yml, lock files, onboarding.yml) at `folder`."""
        import shutil

        target = self.workspace / folder
        shutil.copytree(READY, target, dirs_exist_ok=True)
        return target

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.workspace / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    # -- running ------------------------------------------------------------------
    def action(self, *, outputs: tuple[str, ...] = (), env: dict[str, str] | None = None,
               timeout: float = TIMEOUT_SECONDS, **given: str) -> Run:
        """entrypoint.py with the runner's variables; `outputs` are the files it may write."""
        output, summary = self.files / "output", self.files / "summary"
        for path in (output, summary):
            path.write_bytes(b"")
        environment = base_env(
            GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(self.workspace),
            GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary),
            GITHUB_REPOSITORY="abc/data-platform", GITHUB_SERVER_URL="https://github.com",
            TMPDIR=str(self.tmp_path))
        environment.update({f"INPUT_{k.upper()}": v for k, v in action_inputs(**given).items()})
        environment.update(env or {})
        before = snapshot(self.workspace)
        code, stdout, stderr, peak = measured([sys.executable, str(ENTRYPOINT)], cwd=self.workspace,
                                              env=environment, timeout=timeout)
        run = Run(code, stdout, stderr,
                  parse_output_file(output.read_bytes().decode("utf-8")) if output.exists() else {},
                  summary.read_bytes().decode("utf-8") if summary.exists() else "", peak_mib=peak)
        self._audit(run, before, outputs)
        report_file = given.get("report_file")
        report = self.workspace / report_file if report_file else None
        # A refused run (exit 2) wrote no report: the path may name a file that is none.
        if report and report.is_file() and not report.is_symlink() and run.returncode != 2:
            import json

            run.report = json.loads((self.workspace / report_file).read_text(encoding="utf-8"))
        return run

    def cli(self, *args: str, cwd: Path | None = None, outputs: tuple[str, ...] = (),
            stdin: bytes | None = None) -> Run:
        """`python -m onboard_action ARGS` in the workspace (or `cwd`)."""
        before = snapshot(self.workspace)
        code, stdout, stderr, peak = measured([sys.executable, "-m", "onboard_action", *args],
                                              cwd=cwd or self.workspace, env=base_env(), stdin=stdin)
        run = Run(code, stdout, stderr, {}, "", peak_mib=peak)
        self._audit(run, before, outputs)
        return run

    def _audit(self, run: Run, before: dict, outputs: tuple[str, ...]) -> None:
        assert "Traceback" not in run.stdout + run.stderr, run.stdout + run.stderr
        assert run.returncode in (0, 1, 2), f"exit {run.returncode}: {run.stdout}{run.stderr}"
        assert run.peak_mib < PEAK_MIB, f"peak memory {run.peak_mib:.0f} MiB"
        assert parse_commands(run.stderr) == [], "stderr is parsed for commands too"
        assert not [c for c in run.commands if c.name == "legacy"], run.commands
        after = snapshot(self.workspace)
        changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
        undeclared = {name for name in changed
                      if not any(name == out or name.startswith(out + "/") for out in outputs)}
        assert not undeclared, f"the run changed files it does not own: {sorted(undeclared)}"


@pytest.fixture
def hostile(tmp_path: Path) -> Hostile:
    return Hostile(tmp_path)


def only_usage_error(run: Run) -> str:
    """The run was refused: exit 2, and one error annotation of one line is all it printed."""
    assert run.returncode == 2, run.stdout + run.stderr
    printed = [c for c in run.commands if c.name != "add-mask"]
    assert [c.name for c in printed] == ["error"], run.stdout
    [error] = printed
    assert error.properties == {"title": "meltano-onboard: invalid input"}
    assert "\n" not in error.message and "\r" not in error.message
    assert run.stderr == ""
    assert run.outputs == {"ready": "false"}, "a refused run says only that it is not ready"
    return error.message
