"""The command line as users run it: `python -m onboard_action` and the `meltano-onboard` script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from onboard_action.cli import main
from onboard_action.rules import load_all
from tests.helpers import FIXED_NOW, REPO, base_env, parse_commands, run_cli
from tests.test_report_format import documented_fields, emitted_fields, is_baseline_only

EXAMPLES = sorted(p.name for p in (REPO / "examples").iterdir() if p.is_dir())
BROKEN = [name for name in EXAMPLES if name.startswith("broken")]
SCRIPT = Path(sys.executable).with_name("meltano-onboard")


@pytest.fixture
def in_process(monkeypatch, capsys):
    """`main()` called in this process, for the many cases where a subprocess adds only time."""
    def call(*args: str) -> subprocess.CompletedProcess:
        monkeypatch.chdir(REPO)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        monkeypatch.setenv("MELTANO_ONBOARD_NOW", FIXED_NOW)
        status = main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), status, out, err)
    return call


def one_line_error(done: subprocess.CompletedProcess) -> str:
    """Exit 2, nothing on stdout, exactly one line on stderr; returns that line."""
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("meltano-onboard: error: ")
    return lines[0]


def test_there_are_a_ready_example_and_at_least_two_broken_ones() -> None:
    assert "ready" in EXAMPLES
    assert len(BROKEN) >= 2


def test_module_entry_checks_the_ready_example() -> None:
    done = run_cli("check", "examples/ready", cwd=REPO)
    assert done.returncode == 0, done.stdout
    assert done.stderr == ""
    assert done.stdout.splitlines()[-1].startswith("examples/ready: ready for Meltano Cloud: 0 errors")


@pytest.mark.skipif(not SCRIPT.exists(), reason="the package is not installed in this environment")
def test_console_script_checks_the_ready_example() -> None:
    done = subprocess.run([str(SCRIPT), "check", "examples/ready"], cwd=REPO, env=base_env(),
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    version = subprocess.run([str(SCRIPT), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("meltano-onboard ")


def test_text_lines_have_the_documented_shape(in_process) -> None:
    # tests/test_golden.py compares every example's text output with its golden file.
    done = in_process("check", "examples/broken-includes", "--format", "text")
    *findings, verdict = done.stdout.splitlines()
    assert findings
    for line in findings:
        assert (line.split(": ", 2)[1] in ("error", "warning", "notice")
                and line.endswith("]") and line.split(":")[1].isdigit() and line.split(":")[2].isdigit())
    assert verdict.startswith("examples/broken-includes: not ready for Meltano Cloud: ")


# --- formats -----------------------------------------------------------------------

@pytest.mark.parametrize("name", EXAMPLES)
def test_json_format_is_valid_and_has_every_documented_field(name: str) -> None:
    done = run_cli("check", f"examples/{name}", "--format", "json", cwd=REPO)
    assert done.returncode == (1 if name in BROKEN else 0)
    report = json.loads(done.stdout)
    documented = documented_fields()
    emitted = emitted_fields(report)
    assert set(emitted) <= set(documented), set(emitted) - set(documented)
    always = {k for k in documented if not k.startswith(("findings[].related[].", "facts."))
              and not is_baseline_only(k)}
    if report["findings"]:
        assert always <= set(emitted), always - set(emitted)
    else:
        assert {k for k in always if not k.startswith("findings[].")} <= set(emitted)
    assert report["ready"] is (name not in BROKEN)
    assert sum(report["counts"].values()) == len(report["findings"])


def test_auto_format_is_github_inside_github_actions() -> None:
    inside = run_cli("check", "examples/broken-yaml", cwd=REPO, env=base_env(GITHUB_ACTIONS="true"))
    [annotation] = [c for c in parse_commands(inside.stdout) if c.name == "error"]
    assert annotation.properties["file"] == "examples/broken-yaml/meltano.yml"
    assert annotation.properties["line"] == "9"
    outside = run_cli("check", "examples/broken-yaml", cwd=REPO, env=base_env(GITHUB_ACTIONS="false"))
    assert parse_commands(outside.stdout) == []
    assert any(line.startswith("examples/broken-yaml/meltano.yml:9:6: error: ")
               for line in outside.stdout.splitlines())
    assert inside.returncode == outside.returncode == 1


def test_markdown_format_is_the_job_summary(in_process) -> None:
    done = in_process("check", "examples/broken-yaml", "--format", "markdown")
    assert "| Severity | Rule | Where | What to do |" in done.stdout
    assert "`examples/broken-yaml/meltano.yml:9:6`" in done.stdout


def test_report_file_from_the_command_line(in_process, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    done = in_process("check", "examples/broken-yaml", "--report-file", str(target))
    assert done.returncode == 1
    assert json.loads(target.read_text())["counts"]["error"] == 1


# --- settings change the verdict ---------------------------------------------------

@pytest.mark.parametrize(("args", "status"), [
    ([], 1),
    (["--fail-on", "never"], 0),
    (["--ignore", "F004"], 0),
    (["--ignore", "f004, F001"], 0),
    (["--severity", "F004=warning"], 0),
    (["--severity", "F004=warning", "--fail-on", "warning"], 1),
])
def test_fail_on_ignore_and_severity(in_process, args: list[str], status: int) -> None:
    done = in_process("check", "examples/broken-yaml", "--onboarding-file=", *args)
    assert done.returncode == status, done.stdout + done.stderr


# --- misuse: exit 2 and one line -----------------------------------------------------

@pytest.mark.parametrize("args", [
    [],
    ["frobnicate"],
    ["check", "--bogus"],
    ["check", "--fail-on", "maybe", "examples/ready"],
    ["check", "--format", "xml", "examples/ready"],
    ["check", "--ignore", "F999", "examples/ready"],
    ["check", "--severity", "F001", "examples/ready"],
    ["check", "--severity", "F001=fatal", "examples/ready"],
    ["check", "--now", "yesterday", "examples/ready"],
    ["check", "no/such/folder"],
    ["check", "examples/ready/meltano.yml"],
    ["check", "examples/ready", "--report-file", "examples"],
    ["rules", "--format", "xml"],
])
def test_misuse_exits_2_with_one_line(in_process, args: list[str]) -> None:
    one_line_error(in_process(*args))


def test_misuse_through_the_module_entry_has_no_traceback() -> None:
    line = one_line_error(run_cli("check", "--fail-on", "maybe", "examples/ready", cwd=REPO))
    assert "fail-on must be one of error, warning, notice, never; got 'maybe'" in line
    line = one_line_error(run_cli("check", "no/such/folder", cwd=REPO))
    assert "'no/such/folder' does not exist" in line


def test_help_is_not_an_error() -> None:
    done = run_cli("check", "--help", cwd=REPO)
    assert done.returncode == 0 and "--fail-on" in done.stdout


# --- the rule catalogue ----------------------------------------------------------------

def test_rules_lists_every_registered_rule(in_process) -> None:
    rules = load_all()
    done = in_process("rules")
    assert done.returncode == 0
    listed = [line.split()[0] for line in done.stdout.splitlines()]
    assert listed == list(rules)
    for line, rule in zip(done.stdout.splitlines(), rules.values(), strict=True):
        assert line.split()[1] == rule.severity.label
        assert line.rstrip().endswith(rule.title)


def test_rules_as_json_carry_the_docs(in_process) -> None:
    done = in_process("rules", "--format", "json")
    catalogue = json.loads(done.stdout)
    assert [r["code"] for r in catalogue] == list(load_all())
    assert all(set(r) == {"code", "name", "severity", "title", "why", "bad", "good"} for r in catalogue)
