"""Workflow-command injection: any text, wherever it comes from, is read back by the runner as written.

Repository text reaches the log as annotation messages, titles and `file=`
properties, and the step's outputs and summary. `tests/helpers.parse_commands`
is a port of the runner's parser (`::` commands after leading whitespace,
legacy `##[` anywhere, stop-commands); the properties below say that every
annotation the runner sees is exactly a finding of the report, that nothing
else is a command, and that outputs and summary rows keep their shape.

In-process through the GitHub reporter with many examples, then through
entrypoint.py as a process with fewer (each example is a whole run).
tests/test_runner.py holds the escaping functions' own properties.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from onboard_action.findings import Finding, Location, Severity
from onboard_action.report import Report
from onboard_action.reporters.github import publish
from onboard_action.rules import load_all
from onboard_action.runner import Runner
from onboard_action.schema.explain import load_schema
from tests.helpers import WorkflowCommand, as_shown, parse_commands, parse_output_file
from tests.hostile.conftest import Hostile, Run

# Everything that has ever broken an escaper: line breaks of every kind, both
# command syntaxes, escapes that look done already, separators, Markdown.
TRICKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "::", "::error::", "::stop-commands::x", "::x::",
          "##[error]", "##[", "%", "%0A", "%25", "%3A", ",", ":", "=", " ", "\t", "|", "`", "<br>",
          "ghadelimiter_", "EOF", "é", "😀", "\x00", "\x1b"]
TEXT = st.text() | st.lists(st.sampled_from(TRICKS) | st.text(max_size=3), max_size=12).map("".join)
# Text that can be a file name on Linux: no `/`, no NUL, at most 255 bytes.
NAME = TEXT.map(lambda t: t.replace("/", "").replace("\x00", "")).filter(
    lambda t: t not in ("", ".", "..") and len(t.encode("utf-8")) <= 200)

LEVELS = ("error", "warning", "notice")
CODES = sorted(load_all())


def runner_view(value: str) -> str:
    """A property as the runner keeps it: `String.Split('=', 2, RemoveEmptyEntries)` drops leading `=`."""
    return value.lstrip("=")


def expected_annotation(finding: dict) -> WorkflowCommand:
    """The annotation a finding of the JSON report stands for, as the runner must read it (end aside)."""
    properties = {"title": as_shown(f"{finding['code']} {finding['title']}"),
                  "file": runner_view(finding["file"]),
                  "line": str(finding["line"])}
    if finding["end_line"] in (None, finding["line"]):
        properties["col"] = str(finding["column"])  # the runner drops columns on a multi-line range
    message = finding["message"] + (f"\nFix: {finding['hint']}" if finding["hint"] else "")
    # The report keeps the text; what people read shows its display hazards escaped (ESC, U+202E...).
    return WorkflowCommand(finding["severity"], {k: v for k, v in properties.items() if v}, as_shown(message))


def without_end(command: WorkflowCommand, finding: dict) -> WorkflowCommand:
    """`command` without its optional end properties, after checking that they agree with `finding`."""
    properties = dict(command.properties)
    assert properties.pop("endLine", str(finding["line"])) == str(finding["end_line"] or finding["line"])
    end_column = properties.pop("endColumn", None)
    assert end_column in (None, str(finding["end_column"]))
    return WorkflowCommand(command.name, properties, command.message)


def assert_annotations_are_the_report(stdout: str, findings: list[dict]) -> None:
    ordered = sorted(findings, key=lambda f: LEVELS.index(f["severity"]))
    commands = [c for c in parse_commands(stdout) if c.name != "add-mask"]
    assert len(commands) == len(ordered), commands
    assert [without_end(c, f) for c, f in zip(commands, ordered, strict=True)] == [
        expected_annotation(f) for f in ordered]


def summary_rows(summary: str) -> list[str]:
    return [line for line in summary.split("### Findings", 1)[-1].splitlines()
            if line.startswith("| :")]


def cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row)) - 2


# --- in process: the GitHub reporter, many examples --------------------------------------

FINDING = st.builds(
    lambda code, level, message, hint, name, line: (code, level, message, hint, name, line),
    st.sampled_from(CODES), st.sampled_from(list(Severity)), TEXT, TEXT, NAME, st.integers(1, 10_000))


@hypothesis_settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FINDING, min_size=1, max_size=6), TEXT)
@example([("F001", Severity.ERROR, "x\n::error::forged", "%0A::warning::y", "a,b:c\r##[error]z", 3)],
         "v\nghadelimiter_00000000-0000-0000-0000-000000000000\nready=true")
def test_any_finding_text_reaches_the_runner_unchanged(specs, output_value: str) -> None:
    rules = load_all()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        files = {"GITHUB_OUTPUT": workspace / "output", "GITHUB_STEP_SUMMARY": workspace / "summary"}
        findings = [Finding(code, level, message, Location(workspace / name, line, 2, line, 5), hint,
                            rules[code].title) for code, level, message, hint, name, line in specs]
        report = Report(workspace, workspace, "error", Severity.ERROR, findings)
        out = io.StringIO()
        publish(report, Runner({k: str(v) for k, v in files.items()}, out=out, err=io.StringIO()),
                outputs={"packet-file": output_value})
        reported = [{"code": f.code, "title": f.title, "severity": f.severity.label, "message": f.message,
                     "hint": f.hint, "file": report.relative(f.location.file), "line": f.location.line,
                     "column": 2, "end_line": f.location.line, "end_column": 5}
                    for f in report.by_severity()]
        assert_annotations_are_the_report(out.getvalue(), reported)
        outputs = parse_output_file(files["GITHUB_OUTPUT"].read_bytes().decode("utf-8"))
        assert outputs["packet-file"] == output_value
        errors = any(f.severity == Severity.ERROR for f in findings)
        assert outputs["ready"] == ("false" if errors else "true")
        rows = summary_rows(files["GITHUB_STEP_SUMMARY"].read_bytes().decode("utf-8"))
        assert len(rows) == len(findings) and all(cells(row) == 4 for row in rows)


def test_a_name_that_is_not_utf8_is_shown_escaped_not_a_crash(hostile: Hostile) -> None:
    # Git stores file names as bytes; Python hands them over with lone surrogates.
    hostile.write("meltano.yml", "version: 1\ninclude_paths:\n  - ./extract/*.yml\n")
    (hostile.workspace / "extract").mkdir()
    (hostile.workspace / "extract").joinpath(b"\xff\xfe.yml".decode("utf-8", "surrogateescape")).touch()
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",))
    assert run.returncode == 1
    [empty] = run.findings("F002")
    assert empty["file"] == "extract/\udcff\udcfe.yml"  # the JSON escape \udcff, read back
    assert "extract/\\udcff\\udcfe.yml" in run.stdout and "extract/\\udcff\\udcfe.yml" in run.summary


# --- through entrypoint.py: text from the repository and from inputs ------------------------

TOP_LEVEL = set(load_schema("meltano.schema.json")["properties"])
SHOWN = ("F002", "F005", "F007", "F008", "P001")  # the rules that quote the text under test


def quiet_but(*codes: str) -> str:
    return ",".join(code for code in CODES if code not in codes)


def run_with(tmp_path_factory, files: dict[str, str], **given: str) -> tuple[Run, Hostile]:
    hostile = Hostile(tmp_path_factory.mktemp("injection"))
    for name, text in files.items():
        hostile.write(name, text)
    run = hostile.action(onboarding_file="", report_file="r.json", outputs=("r.json",), **given)
    return run, hostile


@hypothesis_settings(max_examples=25, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(TEXT, NAME)
@example("x\n::error::forged\r##[warning]y", "a,b:c%0A::notice::z")
def test_repository_text_reaches_the_runner_unchanged(tmp_path_factory, text: str, name: str) -> None:
    key = text if text not in TOP_LEVEL else text + "!"
    # Escaped (allow_unicode=False): PyYAML's emitter folds a raw NEL inside quotes.
    meltano = yaml.safe_dump({"version": 1, "include_paths": [text, "./extract/*"], key: 1})
    assert key in yaml.safe_load(meltano), "the YAML written holds the key as generated"
    run, _ = run_with(tmp_path_factory, {"meltano.yml": meltano, f"extract/{name}": ""},
                      ignore=quiet_but(*SHOWN))
    findings = run.report["findings"]
    assert any(f["code"] == "F002" and f["file"] == f"extract/{name}" for f in findings)
    assert any(f["code"] == "P001" and f"unknown key `{key}`" in f["message"] for f in findings)
    assert_annotations_are_the_report(run.stdout, findings)
    assert all(cells(row) == 4 for row in summary_rows(run.summary))
    assert run.outputs["error-count"] == str(sum(f["severity"] == "error" for f in findings))


@hypothesis_settings(max_examples=25, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(TEXT.map(lambda t: t.replace("\x00", "")), NAME)
@example("prod\n::error::forged", "x\n::warning::y.yml")
def test_input_text_reaches_the_runner_unchanged(tmp_path_factory, environment: str, onboarding: str) -> None:
    hostile = Hostile(tmp_path_factory.mktemp("inputs"))
    hostile.ready_project()
    run = hostile.action(environment=environment, onboarding_file=onboarding, report_file="r.json",
                         outputs=("r.json",))
    if run.returncode == 2:  # refused as an input: one escaped line says why
        [error] = [c for c in run.commands if c.name != "add-mask"]
        assert error.name == "error" and error.properties == {"title": "meltano-onboard: invalid input"}
        return
    assert_annotations_are_the_report(run.stdout, run.report["findings"])
    assert all(cells(row) == 4 for row in summary_rows(run.summary))
