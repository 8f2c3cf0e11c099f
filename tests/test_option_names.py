"""Each front end names its own options: the CLI its flags and PATH, the action its inputs.

The same bad value, given to `meltano-onboard check` and to the action, must
come back in the words of the front end it was given to, and never in the
other's; a bad `--now` blames `--now`, a bad MELTANO_ONBOARD_NOW blames the
variable. Findings that name an option (P305, O001, O002, F001, O041) have a
golden case for each front end (tests/cases/<CODE>/*-action run the action).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from onboard_action.action import inputs as inputs_table
from onboard_action.cli import build_parser
from onboard_action.findings import Finding, Location, Severity
from onboard_action.report import Report
from onboard_action.reporters.github import publish
from onboard_action.runner import SUMMARY_LIMIT, Runner
from tests.helpers import REPO, action_inputs, base_env, run_action, run_cli

READY = REPO / "examples" / "ready"


def cli_error(*args: str, cwd: Path = REPO, **env: str) -> str:
    done = run_cli(*args, cwd=cwd, env=base_env(**env))
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("meltano-onboard: error: ")
    return line.removeprefix("meltano-onboard: error: ")


def action_error(workspace: Path, tmp_path: Path, env: dict[str, str] | None = None, **inputs: str) -> str:
    run = run_action(workspace, action_inputs(**inputs), tmp_path, env=env)
    assert run.returncode == 2, run.stdout
    [error] = [c for c in run.commands if c.name == "error"]
    assert error.properties["title"] == "meltano-onboard: invalid input"
    return error.message


@pytest.mark.parametrize(("args", "message"), [
    (("check", "no/such/folder"),
     "project folder 'no/such/folder' does not exist: point PATH at the folder that holds meltano.yml"),
    (("check", "examples/ready", "--fail-on", "maybe"),
     "--fail-on must be one of error, warning, notice, never; got 'maybe'"),
    (("check", "examples/ready", "--ignore", "F001,Z999"),
     "--ignore: unknown rule code(s) Z999; `meltano-onboard rules` lists them"),
    (("check", "examples/ready", "--severity", "F001"),
     "--severity: expected CODE=error|warning|notice, got 'F001'"),
    (("check", "examples/ready", "--severity", "Z999=error"),
     "--severity: unknown rule code Z999; `meltano-onboard rules` lists them"),
    (("check", "examples/ready", "--now", "yesterday"),
     "--now must be an ISO 8601 time such as 2026-01-31T12:00:00Z; got 'yesterday'"),
    (("check", "examples/ready", "--report-file", "examples"),
     "--report-file 'examples' cannot be written (Is a directory); choose another path"),
    (("init", "no/such/folder"),
     "project folder 'no/such/folder' does not exist: point PATH at the folder that holds meltano.yml"),
    (("packet", "no/such/folder"),
     "project folder 'no/such/folder' does not exist: point PATH at the folder that holds meltano.yml"),
])
def test_cli_errors_name_the_cli_options(args: tuple[str, ...], message: str) -> None:
    assert cli_error(*args) == message


def test_a_bad_environment_variable_is_blamed_when_now_is_not_given() -> None:
    assert cli_error("check", "examples/ready", MELTANO_ONBOARD_NOW="soon") == (
        "MELTANO_ONBOARD_NOW must be an ISO 8601 time such as 2026-01-31T12:00:00Z; got 'soon'")


def test_now_wins_over_the_environment_variable() -> None:
    done = run_cli("check", "examples/ready", "--now", "2026-01-15T10:17:00Z", cwd=REPO,
                   env=base_env(MELTANO_ONBOARD_NOW="soon"))
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("inputs", "message"), [
    ({"project_dir": "no/such/folder"},
     "project folder 'no/such/folder' does not exist: point project-dir at the folder that holds "
     "meltano.yml"),
    ({"fail_on": "maybe"}, "fail-on must be one of error, warning, notice, never; got 'maybe'"),
    ({"ignore": "F001,Z999"}, "ignore: unknown rule code(s) Z999; `meltano-onboard rules` lists them"),
    ({"severity": "F001"}, "severity: expected CODE=error|warning|notice, got 'F001'"),
    ({"report_file": "plugins"},
     "report-file 'plugins' cannot be written (Is a directory); choose another path"),
])
def test_action_errors_name_the_inputs(example, tmp_path: Path, inputs: dict[str, str], message: str) -> None:
    assert action_error(example("ready"), tmp_path, **inputs) == message


def test_the_action_blames_the_environment_variable_for_now(example, tmp_path: Path) -> None:
    message = action_error(example("ready"), tmp_path, env={"MELTANO_ONBOARD_NOW": "soon"})
    assert message.startswith("MELTANO_ONBOARD_NOW must be an ISO 8601 time")


@pytest.mark.parametrize(("front", "pointer"), [
    ("cli", "Set `--report-file` to keep the complete list."),
    ("action", "Set the `report-file` input to keep the complete list."),
])
def test_a_cut_job_summary_points_at_the_front_ends_report_option(tmp_path: Path, front: str,
                                                                  pointer: str) -> None:
    names = (build_parser().parse_args(["check"]).names if front == "cli"
             else inputs_table.option_names())
    summary = tmp_path / "summary.md"
    runner = Runner({"GITHUB_STEP_SUMMARY": str(summary)}, out=io.StringIO(), err=io.StringIO())
    runner.append_summary("filler line\n" * (SUMMARY_LIMIT // 12 - 200))
    report = Report(tmp_path, tmp_path, "error", Severity.ERROR, [
        Finding("F001", Severity.ERROR, f"finding {i}", Location(tmp_path / "meltano.yml", i, 1), "",
                "title") for i in range(1, 400)])
    publish(report, runner, names=names)
    text = summary.read_text(encoding="utf-8")
    assert "The summary was cut" in text
    assert text.rstrip().endswith(pointer)


def test_the_cli_help_shows_path_as_its_messages_name_it() -> None:
    assert "check [-h]" in run_cli("check", "--help", cwd=REPO).stdout
    assert "[PATH ...]" in run_cli("check", "--help", cwd=REPO).stdout
