"""Shared test helpers: run the real CLI and entry point, and read what the runner would read."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENTRYPOINT = REPO / "entrypoint.py"
FIXED_NOW = "2026-01-15T10:17:00Z"


def base_env(**extra: str) -> dict[str, str]:
    """A clean environment: no runner variables leak in from wherever the tests run."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_")) and k != "MELTANO_ONBOARD_NOW"}
    env["PYTHONPATH"] = str(REPO)
    env["MELTANO_ONBOARD_NOW"] = FIXED_NOW
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "onboard_action", *args], cwd=cwd,
                          env=env or base_env(), input=stdin, capture_output=True,
                          text=True, timeout=120)


@dataclass
class ActionRun:
    """One run of entrypoint.py as the runner does it, with its file commands read back."""

    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str

    @property
    def commands(self) -> list[WorkflowCommand]:
        return parse_commands(self.stdout)


def run_action(workspace: Path, inputs: dict[str, str], tmp_path: Path,
               env: dict[str, str] | None = None) -> ActionRun:
    """Run entrypoint.py with INPUT_* (hyphens kept), GITHUB_* and the file commands."""
    files = tmp_path / "file_commands"
    files.mkdir(exist_ok=True)
    output, summary = files / "output", files / "summary"
    output.touch()
    summary.touch()
    environment = base_env(
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_OUTPUT=str(output),
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_REPOSITORY="abc/data-platform",
        GITHUB_SERVER_URL="https://github.com",
    )
    environment.update({f"INPUT_{name.upper()}": value for name, value in inputs.items()})
    environment.update(env or {})
    done = subprocess.run([sys.executable, str(ENTRYPOINT)], cwd=workspace, env=environment,
                          capture_output=True, text=True, timeout=120)
    return ActionRun(done.returncode, done.stdout, done.stderr,
                     parse_output_file(output.read_text(encoding="utf-8")),
                     summary.read_text(encoding="utf-8"))


# --- the runner's side of the protocol, reimplemented from its source -------

@dataclass
class WorkflowCommand:
    name: str
    properties: dict[str, str]
    message: str


_COMMAND = re.compile(r"^::([A-Za-z0-9_-]+)(?: ([^:]*))?::(.*)$", re.S)


def _unescape(value: str, *, prop: bool) -> str:
    value = value.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        value = value.replace("%3A", ":").replace("%2C", ",")
    return value.replace("%25", "%")


def runner_lines(stdout: str) -> list[str]:
    """The runner splits output on \\n, \\r and \\r\\n."""
    return re.split(r"\r\n|\r|\n", stdout)


def parse_commands(stdout: str) -> list[WorkflowCommand]:
    """Every line the runner would treat as a command, honouring stop-commands."""
    found: list[WorkflowCommand] = []
    stop_token: str | None = None
    for line in runner_lines(stdout):
        stripped = line.lstrip()
        if stop_token is not None:
            if stripped == f"::{stop_token}::":
                stop_token = None
            continue
        if "##[" in stripped and not stripped.startswith("::"):
            found.append(WorkflowCommand("legacy", {}, stripped))
            continue
        match = _COMMAND.match(stripped)
        if not match:
            continue
        name, props, message = match.groups()
        properties = {}
        for pair in filter(None, (props or "").split(",")):
            key, _, value = pair.partition("=")
            properties[key] = _unescape(value, prop=True)
        if name == "stop-commands":
            stop_token = message
            continue
        found.append(WorkflowCommand(name, properties, _unescape(message, prop=False)))
    return found


def parse_output_file(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT as the runner reads it: `name<<DELIM` heredocs or `name=value`."""
    outputs: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value_lines = []
            i += 1
            while i < len(lines) and lines[i] != delimiter:
                value_lines.append(lines[i])
                i += 1
            if i >= len(lines):
                raise AssertionError(f"output {name!r}: delimiter {delimiter!r} never closed")
            outputs[name] = "\n".join(value_lines)
        else:
            name, _, value = line.partition("=")
            outputs[name] = value
        i += 1
    return outputs
