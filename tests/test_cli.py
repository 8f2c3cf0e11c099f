"""The command line as users run it: `python -m onboard_action` and the `meltano-onboard` script."""

from __future__ import annotations

import json
import shutil
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


def test_output_format_and_format_are_one_option(in_process) -> None:
    for fmt in ("text", "full", "json", "markdown", "sarif", "gitlab"):
        assert (in_process("check", "examples/broken-schedules", "--output-format", fmt).stdout
                == in_process("check", "examples/broken-schedules", "--format", fmt).stdout), fmt


def test_gitlab_code_quality_report(in_process) -> None:
    done = in_process("check", "examples/broken-schedules", "--format", "gitlab")
    issues = json.loads(done.stdout)
    findings = json.loads(in_process("check", "examples/broken-schedules", "--format", "json").stdout)[
        "findings"]
    assert len(issues) == len(findings)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues), "GitLab keeps one per fingerprint"
    for issue, finding in zip(issues, findings, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == finding["code"]
        levels = {"error": "major", "warning": "minor", "notice": "info"}
        assert issue["severity"] == levels[finding["severity"]]
        assert issue["location"] == {"path": finding["file"],
                                     "lines": {"begin": finding["line"], "end": finding["end_line"]}}
        assert issue["description"].startswith(finding["message"])


def test_quiet_prints_the_verdict_only_and_nothing_when_ready(in_process) -> None:
    broken = in_process("check", "examples/broken-schedules", "-q")
    assert (broken.returncode, broken.stdout) == (
        1, "examples/broken-schedules: not ready for Meltano Cloud: 8 errors, 5 warnings, 0 notices\n")
    quiet_full = in_process("check", "examples/broken-schedules", "--quiet", "--format", "full")
    assert quiet_full.stdout == broken.stdout
    ready = in_process("check", "examples/ready", "-q")
    assert (ready.returncode, ready.stdout, ready.stderr) == (0, "", "")


def test_statistics_count_the_findings_per_rule(in_process) -> None:
    done = in_process("check", "examples/broken-schedules", "--statistics", "--format", "json")
    counted = json.loads(done.stdout)
    findings = json.loads(in_process("check", "examples/broken-schedules", "--format", "json").stdout)[
        "findings"]
    assert {row["code"]: row["count"] for row in counted} == {
        code: sum(f["code"] == code for f in findings) for code in {f["code"] for f in findings}}
    assert [row["count"] for row in counted] == sorted((row["count"] for row in counted), reverse=True)


def test_the_full_format_never_quotes_a_secret(in_process, tmp_path: Path) -> None:
    canary = "ghp_CANARY0123456789abcdef"
    project = tmp_path / "project"
    project.mkdir()
    (project / "meltano.yml").write_text(
        "plugins:\n  extractors:\n    - name: tap-github\n      namespace: tap_github\n"
        f"      config:\n        auth_token: {canary}\n        other: {{token: {canary}}}\n",
        encoding="utf-8")
    done = in_process("check", str(project), "--format", "full", "--onboarding-file=")
    assert "[R004]" in done.stdout and "auth_token: *" in done.stdout
    assert canary not in done.stdout and canary[:8] not in done.stdout


def test_the_full_format_shows_control_characters_as_replacements(in_process, tmp_path: Path) -> None:
    # A raw ESC would start a terminal escape sequence; U+202E would show the line reversed.
    project = tmp_path / "project"
    project.mkdir()
    (project / "meltano.yml").write_text("plugins:\n  extractors: [\u202eabc \x1b[31mred]\n",
                                         encoding="utf-8")
    done = in_process("check", str(project), "--format", "full", "--onboarding-file=")
    [quoted] = [line for line in done.stdout.splitlines() if line.startswith("2 | ")]
    assert quoted == "2 |   extractors: [\ufffdabc \ufffd[31mred]"
    assert "\x1b" not in done.stdout and "\u202e" not in done.stdout


@pytest.mark.parametrize("case", ["one-level-down", "yaml-spelling"])
def test_following_the_f001_hint_finds_the_project(tmp_path: Path, case: str) -> None:
    workspace = tmp_path / "workspace"
    shutil.copytree(REPO / "tests" / "cases" / "F001" / case, workspace)

    def f001(*args: str) -> list[dict]:
        done = run_cli("check", *args, "--onboarding-file=", "--format", "json", cwd=workspace)
        return [f for f in json.loads(done.stdout)["findings"] if f["code"] == "F001"]

    [finding] = f001()
    if case == "one-level-down":
        assert finding["hint"] == "point PATH at data"
        assert f001("data") == []
    else:
        assert finding["hint"].startswith("rename meltano.yaml to meltano.yml")
        (workspace / "meltano.yaml").rename(workspace / "meltano.yml")
        assert f001() == []


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
    ["rules", "S999"],
    ["check", "--color", "sometimes", "examples/ready"],
    ["check", "--statistics", "--format", "sarif", "examples/ready"],
])
def test_misuse_exits_2_with_one_line(in_process, args: list[str]) -> None:
    line = one_line_error(in_process(*args))
    assert line.count("meltano-onboard:") == 1, "the program's name is said once"


def test_argparse_errors_say_where_to_read_more(in_process) -> None:
    assert one_line_error(in_process("check", "--bogus")) == (
        "meltano-onboard: error: unrecognized arguments: --bogus (see `meltano-onboard check --help`)")
    assert one_line_error(in_process("frobnicate")).endswith("(see `meltano-onboard --help`)")


def test_a_bare_command_prints_usage_and_exits_2() -> None:
    done = run_cli(cwd=REPO)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("usage: meltano-onboard ")
    assert all(command in done.stderr for command in ("check", "rules", "encrypt", "init", "packet"))


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


def test_rules_explains_one_rule_by_code_or_name(in_process) -> None:
    by_code = in_process("rules", "s015")
    assert by_code.returncode == 0
    assert by_code.stdout.startswith("S015: schedules-start-together (warning)\n"
                                     "three or more schedules start in the same minute\n\n")
    assert "\nFires on:\n\n    schedules:\n" in by_code.stdout and "\nFixed:\n\n" in by_code.stdout
    assert in_process("rules", "schedules-start-together").stdout == by_code.stdout
    as_json = json.loads(in_process("rules", "S015", "--output-format", "json").stdout)
    listed = json.loads(in_process("rules", "--format", "json").stdout)
    assert as_json == listed[list(load_all()).index("S015")]
    assert in_process("rules", "S015", "--format", "markdown").stdout.startswith("# S015\n")
    assert one_line_error(in_process("rules", "S0155")).endswith("no rule 'S0155'; did you mean S015?")


def test_rules_as_json_carry_the_docs(in_process) -> None:
    done = in_process("rules", "--format", "json")
    catalogue = json.loads(done.stdout)
    assert [r["code"] for r in catalogue] == list(load_all())
    assert all(set(r) == {"code", "name", "severity", "title", "why", "bad", "good", "targets",
                           "fix"} for r in catalogue)


def test_a_reader_that_stops_early_ends_the_listing_quietly() -> None:
    """`meltano-onboard rules | head -3`: no "internal error" when the pipe's reader has gone."""
    listing = subprocess.Popen([sys.executable, "-m", "onboard_action", "rules", "--format", "markdown"],
                               cwd=REPO, env=base_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    listing.stdout.close()  # the reader leaves before the first line: every write meets a closed pipe
    _, err = listing.communicate(timeout=120)
    assert err == b""
    assert listing.returncode == 141


def test_rules_say_which_fixes_check_fix_applies() -> None:
    listed = json.loads(run_cli("rules", "--format", "json", cwd=REPO).stdout)
    described = {r["code"]: r["fix"] for r in listed}
    assert described["P305"] == "safe"
    assert described["S004"] == "unsafe"
    assert described["F001"] is None
    assert "Fix: unsafe, with `check --fix --unsafe-fixes`." in run_cli("rules", "S004", cwd=REPO).stdout
