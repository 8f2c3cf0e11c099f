"""entrypoint.py run exactly as the runner runs a container action.

Every input declared in action.yml arrives as `INPUT_<NAME>` with hyphens
kept and its default filled in, GITHUB_WORKSPACE is a temporary copy of a
project, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY are files. Stdout is read
line by line with the runner's own parsing rules (tests/helpers.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from onboard_action.rules import load_all
from tests.helpers import ActionRun, WorkflowCommand, action_inputs, parse_commands, run_action

ANNOTATION_LEVELS = ("error", "warning", "notice")



def run(workspace: Path, tmp_path: Path, **given: str) -> ActionRun:
    return run_action(workspace, action_inputs(**given), tmp_path)


def project(tmp_path: Path, meltano_yml: str, files: dict[str, str] | None = None) -> Path:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "meltano.yml").write_text(meltano_yml, encoding="utf-8")
    for name, text in (files or {}).items():
        path = workspace / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return workspace


def only(*codes: str) -> str:
    """An `ignore` input that leaves only `codes`, so counts do not depend on other rules."""
    return ",".join(code for code in load_all() if code not in codes)


# The foundation's own rules: the tests below are about them and about the runner protocol,
# and must not shift when other features add findings to the same projects.
FILE_RULES = [code for code in load_all() if code.startswith("F")]
HEADER = "version: 1\ndefault_environment: sandbox\nenvironments:\n  - name: sandbox\n"


def annotations(action: ActionRun) -> list[WorkflowCommand]:
    return [c for c in action.commands if c.name in ANNOTATION_LEVELS]


def findings(workspace: Path, report_file: str) -> list[dict]:
    return json.loads((workspace / report_file).read_text(encoding="utf-8"))["findings"]


def intended(finding: dict) -> WorkflowCommand:
    """The annotation a finding of the JSON report stands for, as the runner must read it."""
    single_line = finding["line"] == finding["end_line"]
    properties = {"title": f"{finding['code']} {finding['title']}", "file": finding["file"],
                  "line": str(finding["line"])}
    if single_line:
        properties["col"] = str(finding["column"])
    message = finding["message"] + (f"\nFix: {finding['hint']}" if finding["hint"] else "")
    return WorkflowCommand(finding["severity"], properties, message)


def comparable(command: WorkflowCommand, finding: dict) -> WorkflowCommand:
    """`command` without its optional end properties, after checking they agree with `finding`."""
    props = dict(command.properties)
    assert props.pop("endLine", str(finding["line"])) == str(finding["end_line"])
    end_column = props.pop("endColumn", None)
    if "col" in props:
        assert end_column in (None, str(finding["end_column"]))
    else:
        assert end_column is None, "columns are dropped together on a multi-line range"
    return WorkflowCommand(command.name, props, command.message)


def assert_exactly_the_findings(action: ActionRun, workspace: Path, report_file: str) -> list[dict]:
    """Stdout holds one annotation per finding, most severe first, and no other command."""
    reported = findings(workspace, report_file)
    assert len(reported) <= 10, "this helper is for runs below the annotation limit"
    order = sorted(reported, key=lambda f: ANNOTATION_LEVELS.index(f["severity"]))
    commands = action.commands
    assert [comparable(c, f) for c, f in zip(commands, order, strict=False)] == [intended(f) for f in order]
    assert len(commands) == len(order), f"extra commands: {commands[len(order):]}"
    assert parse_commands(action.stderr) == []
    return reported


def summary_rows(summary: str) -> list[list[str]]:
    """The cells of the findings table in the job summary (escaped pipes stay inside cells)."""
    lines = summary.split("### Findings", 1)[1].strip().splitlines()
    table = []
    for line in lines:
        if not line.startswith("|"):
            break
        table.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    assert table[0] == ["Severity", "Rule", "Where", "What to do"]
    return table[2:]


# --- the bundled examples ------------------------------------------------------

def test_broken_yaml_is_annotated_at_its_true_position(example, tmp_path: Path) -> None:
    workspace = example("broken-yaml")
    text = (workspace / "meltano.yml").read_text().splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.strip().startswith("pip_url"))
    column = text[line - 1].index("pip_url") + 1

    action = run(workspace, tmp_path)

    assert action.returncode == 1
    assert action.stderr == ""
    assert [c for c in annotations(action) if c.name == "error"] == [WorkflowCommand("error", {
        "title": "F004 YAML syntax error", "file": "meltano.yml",
        "line": str(line), "endLine": str(line), "col": str(column), "endColumn": str(column),
    }, "YAML syntax error: while parsing a block collection did not find expected '-' indicator"
       "\nFix: fix the indentation, quoting or brackets at this line")]
    assert (line, column) == (9, 6)
    raw = next(x for x in action.stdout.splitlines() if x.startswith("::error "))
    assert "file=meltano.yml,line=9,endLine=9,col=6," in raw


def test_broken_yaml_outputs_and_summary(example, tmp_path: Path) -> None:
    action = run(example("broken-yaml"), tmp_path)
    # Other rules (the organization checks, .gitignore...) may add warnings or notices:
    # the counts must be the annotations' counts, and the one error is F004.
    shown = [c.name for c in annotations(action)]
    assert {name: value for name, value in action.outputs.items() if name in (
        "ready", "error-count", "warning-count", "notice-count", "report-file", "sarif-file")} == {
        "ready": "false", "error-count": "1", "warning-count": str(shown.count("warning")),
        "notice-count": str(shown.count("notice")), "report-file": "", "sarif-file": ""}
    assert "**Not ready**" in action.summary
    counts = [action.outputs[f"{level}-count"] for level in ANNOTATION_LEVELS]
    assert f"| Errors | Warnings | Notices |\n|---|---|---|\n| {' | '.join(counts)} |" in action.summary
    rows = summary_rows(action.summary)
    assert len(rows) == len(shown)
    assert rows[0][:3] == [":x: error", "`F004`", "`meltano.yml:9:6`"]
    assert rows[0][3].startswith("YAML syntax error")


def test_broken_includes_findings_land_on_their_include_lines(example, tmp_path: Path) -> None:
    workspace = example("broken-includes")
    action = run(workspace, tmp_path, report_file="report.json", ignore=only(*FILE_RULES))
    assert action.returncode == 1
    reported = assert_exactly_the_findings(action, workspace, "report.json")
    lines = (workspace / "meltano.yml").read_text().splitlines()
    for finding in reported:
        if finding["file"] == "meltano.yml" and finding["code"] in ("F005", "F006", "F007", "F008"):
            # each include finding points at its pattern
            assert lines[finding["line"] - 1][finding["column"] - 1:].startswith(("./", "../"))
    assert {f["code"] for f in reported} >= {"F002", "F005", "F006", "F007", "F008"}
    counts = {level: sum(f["severity"] == level for f in reported) for level in ANNOTATION_LEVELS}
    assert action.outputs["error-count"] == str(counts["error"])
    assert action.outputs["warning-count"] == str(counts["warning"])
    assert len(summary_rows(action.summary)) == len(reported)


def test_ready_example_is_ready(example, tmp_path: Path) -> None:
    action = run(example("ready"), tmp_path)
    assert action.returncode == 0, action.stdout
    assert action.stderr == ""
    assert action.outputs["ready"] == "true"
    assert action.outputs["error-count"] == "0"
    assert [c for c in annotations(action) if c.name == "error"] == []
    assert "**Ready**" in action.summary


def test_report_file_is_written_as_valid_json(example, tmp_path: Path) -> None:
    workspace = example("broken-yaml")
    action = run(workspace, tmp_path, report_file="reports/onboarding.json")
    assert action.outputs["report-file"] == "reports/onboarding.json"
    report = json.loads((workspace / "reports" / "onboarding.json").read_text())
    assert report["ready"] is False
    assert report["counts"]["error"] == 1
    assert sum(report["counts"].values()) == len(report["findings"])
    assert [(f["code"], f["file"], f["line"], f["column"]) for f in report["findings"]
            if f["severity"] == "error"] == [("F004", "meltano.yml", 9, 6)]
    assert report["counts"] == {level: int(action.outputs[f"{level}-count"]) for level in ANNOTATION_LEVELS}
    assert not list((workspace / "reports").glob(".*.tmp")), "no temporary file left behind"


def test_project_dir_below_the_workspace(example, tmp_path: Path) -> None:
    workspace = tmp_path / "repo"
    workspace.mkdir()
    (workspace / "data").symlink_to(example("broken-yaml"), target_is_directory=True)
    action = run(workspace, tmp_path, project_dir="data")
    # A project folder that is a symlink leaving the workspace is refused...
    assert action.returncode == 2
    # ...a real subfolder is fine, and paths stay relative to the workspace.
    (workspace / "data").unlink()
    (workspace / "data").mkdir()
    (workspace / "data" / "meltano.yml").write_text("plugins: [\n")
    action = run(workspace, tmp_path, project_dir="data", onboarding_file="")
    [annotation] = annotations(action)
    assert annotation.properties["file"] == "data/meltano.yml"


def test_fail_on_never_reports_but_passes(example, tmp_path: Path) -> None:
    action = run(example("broken-yaml"), tmp_path, fail_on="never")
    assert action.returncode == 0
    assert action.outputs["ready"] == "false"
    assert [c.name for c in annotations(action)].count("error") == 1


def test_fail_on_warning_fails_on_a_warning(tmp_path: Path) -> None:
    workspace = project(tmp_path, HEADER + "include_paths:\n  - ./nowhere/*.meltano.yml\n")
    for fail_on, status, ready in (("error", 0, "true"), ("warning", 1, "false"), ("notice", 1, "false")):
        action = run(workspace, tmp_path, fail_on=fail_on, onboarding_file="", ignore=only("F008"))
        [warning] = annotations(action)
        assert warning.name == "warning"
        assert warning.properties["title"] == "F008 include pattern matches no file"
        assert (action.returncode, action.outputs["ready"]) == (status, ready)
        (tmp_path / "file_commands" / "output").unlink()


# --- misuse: exit 2, one annotation, no traceback --------------------------------------

@pytest.mark.parametrize(("given", "says"), [
    ({"fail_on": "sometimes"}, "fail-on must be one of"),
    ({"ignore": "F001,Z999"}, "unknown rule code(s) Z999"),
    ({"project_dir": "../"}, "lies outside the workspace"),
    ({"project_dir": "no-such-folder"}, "does not exist"),
    ({"report_file": "../report.json"}, "report-file '../report.json' lies outside the workspace"),
    ({"report_file": "/tmp/report.json"}, "lies outside the workspace"),
])
def test_misuse_is_one_error_annotation_and_exit_2(example, tmp_path: Path, given: dict, says: str) -> None:
    action = run(example("ready"), tmp_path, **given)
    assert action.returncode == 2
    assert "Traceback" not in action.stderr
    assert action.stderr == ""
    [command] = action.commands
    assert command.name == "error"
    assert command.properties == {"title": "meltano-onboard: invalid input"}
    assert says in command.message
    # A workflow gating on `ready`, and a reviewer reading the summary, both hear about it.
    assert action.outputs == {"ready": "false"}
    assert action.summary.startswith("## Meltano Cloud onboarding check\n\n:x: **Not checked**")


def test_report_file_that_is_a_folder_is_misuse(example, tmp_path: Path) -> None:
    workspace = example("ready")
    (workspace / "out").mkdir()
    action = run(workspace, tmp_path, report_file="out")
    assert action.returncode == 2
    assert "Traceback" not in action.stderr
    [command] = action.commands
    assert command.name == "error" and "report-file" in command.message


# --- at most 10 annotations per level -----------------------------------------------

def _many_missing(count: int) -> str:
    return HEADER + "include_paths:\n" + "".join(f"  - ./missing-{i:02}.meltano.yml\n"
                                                 for i in range(1, count + 1))


def more_findings_notes(action: ActionRun) -> list[WorkflowCommand]:
    return [c for c in action.commands if c.properties.get("title") == "More findings"]


@pytest.mark.parametrize(("report_file", "where"), [
    ("report.json", "the job summary and report.json"), ("", "the job summary")])
def test_more_than_ten_errors_become_ten_annotations_and_a_notice(tmp_path: Path, report_file: str,
                                                                  where: str) -> None:
    workspace = project(tmp_path, _many_missing(13))
    action = run(workspace, tmp_path, onboarding_file="", ignore=only("F005"), report_file=report_file)
    assert action.returncode == 1
    assert action.outputs["error-count"] == "13"
    errors = [c for c in annotations(action) if c.name == "error"]
    # The ten shown are the first by position.
    assert [c.properties["line"] for c in errors] == [str(line) for line in range(6, 16)]
    assert more_findings_notes(action) == [WorkflowCommand("notice", {"title": "More findings"}, (
        "3 more findings (3 errors) are not shown as annotations, because GitHub shows at most "
        f"10 per level: see {where}."))]
    assert len(action.commands) == 11
    assert len(summary_rows(action.summary)) == 13, "the summary lists them all"
    if report_file:
        assert len(findings(workspace, report_file)) == 13


def test_the_note_about_more_findings_fits_in_the_notice_limit(tmp_path: Path) -> None:
    # 13 notices: 9 are shown, so that with the note GitHub shows all 10 notices.
    workspace = project(tmp_path, _many_missing(13))
    action = run(workspace, tmp_path, onboarding_file="", ignore=only("F005"), severity="F005=notice")
    notices = [c for c in annotations(action) if c.name == "notice"]
    assert len(notices) == 10
    assert notices[-1].properties == {"title": "More findings"}
    assert notices[-1].message.startswith("4 more findings (4 notices) ")


def test_warnings_are_limited_like_errors(tmp_path: Path) -> None:
    workspace = project(tmp_path, _many_missing(12))
    action = run(workspace, tmp_path, onboarding_file="", ignore=only("F005"), severity="F005=warning")
    assert action.returncode == 0, "warnings do not fail the default fail-on"
    assert len([c for c in annotations(action) if c.name == "warning"]) == 10
    [note] = more_findings_notes(action)
    assert note.message.startswith("2 more findings (2 warnings) ")


def test_ten_errors_need_no_notice(tmp_path: Path) -> None:
    workspace = project(tmp_path, _many_missing(10))
    action = run(workspace, tmp_path, onboarding_file="", ignore=only("F005"))
    assert action.outputs["error-count"] == "10"
    assert len([c for c in annotations(action) if c.name == "error"]) == 10
    assert more_findings_notes(action) == []


def test_most_severe_findings_come_first(tmp_path: Path) -> None:
    workspace = project(tmp_path, HEADER + "include_paths:\n"
                        "  - ./typo-a/*.meltano.yml\n"   # F008 warning, earlier line
                        "  - ./typo-b/*.meltano.yml\n"   # F008 warning
                        "  - ./missing.meltano.yml\n")   # F005 error, later line
    action = run(workspace, tmp_path, onboarding_file="", report_file="r.json", ignore=only(*FILE_RULES))
    levels = [c.name for c in annotations(action)]
    assert levels == sorted(levels, key=ANNOTATION_LEVELS.index)
    assert levels.index("error") < levels.index("warning")
    assert_exactly_the_findings(action, workspace, "r.json")


# --- untrusted text cannot forge commands ----------------------------------------

FORGERIES = [
    "x\n::error::x",
    "y%0A::error::y",
    "a,b:c, title=forged:: d",
    "##[error]legacy",
    "|<b>pipe</b>|`tick`",
]


def test_yaml_values_cannot_forge_commands(tmp_path: Path) -> None:
    entries = "".join(f"  - {json.dumps(f)}\n" for f in FORGERIES)  # JSON strings are YAML strings
    entries += "  - |\n    block\n    ::warning::z\n"
    workspace = project(tmp_path, HEADER + "include_paths:\n" + entries)
    action = run(workspace, tmp_path, onboarding_file="", report_file="report.json",
                 ignore=only(*FILE_RULES))
    reported = assert_exactly_the_findings(action, workspace, "report.json")
    # One finding per entry: F005 (no such file), or F008 for the entry with a glob `[`.
    missing = [f for f in reported if f["code"] in ("F005", "F008")]
    assert len(missing) == len(FORGERIES) + 1
    assert not [c for c in action.commands if c.name == "legacy"]
    assert all(len(row) == 4 for row in summary_rows(action.summary)), "table cells stay cells"


def test_file_names_cannot_forge_commands(tmp_path: Path) -> None:
    names = ["a,b:c.meltano.yml", "line\n::error::forged.meltano.yml",
             "##[warning]legacy.meltano.yml", "%0A%2C.meltano.yml"]
    workspace = project(tmp_path, HEADER + "include_paths:\n  - ./extract/*.meltano.yml\n",
                        {f"extract/{name}": "" for name in names})
    action = run(workspace, tmp_path, onboarding_file="", report_file="report.json",
                 ignore=only(*FILE_RULES))
    reported = assert_exactly_the_findings(action, workspace, "report.json")
    empty = sorted(f["file"] for f in reported if f["code"] == "F002")
    assert empty == sorted(f"extract/{name}" for name in names)
    files = {c.properties["file"] for c in annotations(action) if c.properties["title"].startswith("F002")}
    assert files == {f"extract/{name}" for name in names}


def test_yaml_text_in_a_syntax_error_cannot_forge_commands(tmp_path: Path) -> None:
    workspace = project(tmp_path, 'plugins: "##[error]forged\n::error::x\n  key: [unclosed\n')
    action = run(workspace, tmp_path, onboarding_file="", report_file="report.json",
                 ignore=only(*FILE_RULES))
    reported = assert_exactly_the_findings(action, workspace, "report.json")
    assert [f["code"] for f in reported] == ["F004"]


def test_folder_names_reach_messages_raw_and_still_forge_nothing(tmp_path: Path) -> None:
    # Paths are quoted into messages as they are, newline and all: the escaping must hold.
    folder = "dir\n::error::forged,a:b\r##[warning]x"
    workspace = project(tmp_path, HEADER + "include_paths:\n  - ./extract/*\n",
                        {"extract/ok.meltano.yml": "jobs: []\n", f"extract/{folder}/x.yml": ""})
    action = run(workspace, tmp_path, onboarding_file="", report_file="report.json",
                 ignore=only(*FILE_RULES))
    reported = assert_exactly_the_findings(action, workspace, "report.json")
    [directory] = [f for f in reported if f["code"] == "F006"]
    assert f"extract/{folder}" in directory["message"]


def test_project_folder_names_forge_nothing(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    (workspace / "a\n::error::forged").mkdir(parents=True)
    action = run(workspace, tmp_path, project_dir="a\n::error::forged", onboarding_file="",
                 report_file="report.json", ignore=only(*FILE_RULES))
    reported = assert_exactly_the_findings(action, workspace, "report.json")
    assert [(f["code"], f["file"]) for f in reported] == [("F001", "a\n::error::forged/meltano.yml")]


def test_the_last_line_says_the_verdict_in_plain_words(example, tmp_path: Path) -> None:
    action = run(example("broken-yaml"), tmp_path, onboarding_file="")
    assert action.stdout.splitlines()[-1] == (
        "Meltano Cloud onboarding: not ready (1 error, 0 warnings, 0 notices; 1 annotated)")
