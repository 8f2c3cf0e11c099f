"""Shared test helpers: run the real CLI and entry point, and read what the runner would read."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

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


def run_probe(code: str, cwd: Path = REPO) -> str:
    """What a fresh interpreter running `code` prints: for what a run imports or leaves loaded."""
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=base_env(), capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout


def check_in_process(cwd: Path, args: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    """`meltano-onboard check *args` through cli.main in `cwd`, as off a runner: (status, stdout, stderr).

    The runner's variables and the clock override of the shell running the tests are removed, so
    the command line alone says what the check sees.
    """
    from onboard_action.cli import main  # here: importing the helpers must not load the package

    monkeypatch.chdir(cwd)
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "MELTANO_ONBOARD_NOW"):
        monkeypatch.delenv(name, raising=False)
    status = main(["check", *args])
    out, err = capsys.readouterr()
    return status, out, err


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
               env: dict[str, str] | None = None, entrypoint: Path = ENTRYPOINT) -> ActionRun:
    """Run entrypoint.py (or a script standing in for it) with INPUT_* (hyphens kept), GITHUB_* and the
    file commands."""
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
    done = subprocess.run([sys.executable, str(entrypoint)], cwd=workspace, env=environment,
                          capture_output=True, text=True, timeout=120)
    return ActionRun(done.returncode, done.stdout, done.stderr,
                     # bytes, not read_text(): universal newlines would turn a \r into \n
                     parse_output_file(output.read_bytes().decode("utf-8")),
                     summary.read_bytes().decode("utf-8"))


# --- the runner's side of the protocol, reimplemented from its source -------

@dataclass
class WorkflowCommand:
    name: str
    properties: dict[str, str]
    message: str


# The commands the runner acts on (ActionCommandManager and its extensions);
# names are compared case-insensitively. A `::name::` line with any other name
# is plain output to the runner, but it is still listed here: our tool has no
# business printing one.
REGISTERED = frozenset({
    "add-mask", "add-matcher", "remove-matcher", "add-path", "set-env", "set-output",
    "save-state", "debug", "warning", "error", "notice", "group", "endgroup", "echo",
    "stop-commands", "internal-set-repo-path",
})
# .NET's String.Trim() whitespace: Python's str.isspace() set minus U+001C..U+001F.
_SPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in "\x1c\x1d\x1e\x1f")


def _unescape(value: str, *, prop: bool) -> str:
    value = value.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        value = value.replace("%3A", ":").replace("%2C", ",")
    return value.replace("%25", "%")


def runner_lines(stdout: str) -> list[str]:
    """The runner splits output on \\n, \\r and \\r\\n."""
    return re.split(r"\r\n|\r|\n", stdout)


def _parse_v2(line: str) -> WorkflowCommand | None:
    """`::name key=value,...::data`, ported from the runner's ActionCommand.TryParseV2."""
    message = line.lstrip(_SPACE)
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    space = info.find(" ")
    name = info if space < 0 else info[:space]
    if not name:
        return None
    properties: dict[str, str] = {}
    if space > 0:
        for pair in info[space + 1:].strip(_SPACE).split(","):
            # String.Split('=', 2, RemoveEmptyEntries): leading '=' are lost and
            # a pair without a non-empty value is dropped.
            key, _, value = pair.lstrip("=").partition("=")
            value = value.lstrip("=")
            if key and value:
                properties[key] = _unescape(value, prop=True)
    return WorkflowCommand(name, properties, _unescape(message[end + 2:], prop=False))


def _legacy_name(line: str) -> str | None:
    """The name in a `##[name ...]data` command anywhere in the line (ActionCommand.TryParse)."""
    start = line.find("##[")
    if start < 0:
        return None
    close = line.find("]", start)
    info = line[start + 3:] if close < 0 else line[start + 3:close]
    return info.split(" ", 1)[0]


def parse_commands(stdout: str) -> list[WorkflowCommand]:
    """Every line the runner would treat as a command, honouring stop-commands.

    Stricter than the runner where that can only find more: any `##[` outside
    a registered `::` command counts as a legacy command, and a `::name::`
    line counts whatever its name.
    """
    found: list[WorkflowCommand] = []
    stop_token: str | None = None
    for line in runner_lines(stdout):
        command = _parse_v2(line)
        if stop_token is not None:
            # Only a command named after the token (either syntax) resumes processing.
            names = {command.name.lower() if command else None, (_legacy_name(line) or "").lower()}
            if stop_token.lower() in names:
                stop_token = None
            continue
        if (command is None or command.name.lower() not in REGISTERED) and "##[" in line:
            found.append(WorkflowCommand("legacy", {}, line.lstrip(_SPACE)))
            continue
        if command is None:
            continue
        if command.name.lower() == "stop-commands":
            stop_token = command.message
            continue
        found.append(command)
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


def action_inputs(**given: str) -> dict[str, str]:
    """What the runner passes: every input of action.yml at its default, then the workflow's `with:`."""
    declared = yaml.safe_load((REPO / "action.yml").read_text())["inputs"]
    values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    for name, value in given.items():
        name = name.replace("_", "-")
        assert name in values, f"{name} is not an input of action.yml"
        values[name] = value
    return values


def as_shown(text: str) -> str:
    """What a reader is shown of `text` in an annotation or the summary (issue 15): every control
    character but tab and the line breaks, every format character (bidirectional controls,
    zero-width characters) and the Unicode line and paragraph separators, as its escape."""
    import unicodedata

    def shown(character: str) -> str:
        if character in "\t\n\r" or unicodedata.category(character) not in ("Cc", "Cf", "Zl", "Zp"):
            return character
        code = ord(character)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    return "".join(shown(character) for character in text)
