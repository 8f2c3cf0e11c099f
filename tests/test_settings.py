"""Ignoring and re-grading rules: from the action's inputs, the CLI, and inline comments.

Each way is shown on a real project on disk: the bundled ready example with
two include patterns put in front of its meltano.yml. They fire F008 (a
pattern that matches nothing, a warning) on line 2 and F005 (a missing file,
an error) on line 3; nothing else fires.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from onboard_action.load.loader import load_project
from onboard_action.model import ignores
from onboard_action.model.context import Context
from onboard_action.settings import Settings
from tests.helpers import REPO, run_action, run_cli

INCLUDES = """\
include_paths:
  - ./extarct/*.meltano.yml
  - ./load/loaders.meltano.yml
"""


def write_project(folder: Path, includes: str = INCLUDES, **files: str) -> Path:
    """The ready example in `folder`, with `includes` put in front of its meltano.yml."""
    shutil.copytree(REPO / "examples" / "ready", folder)
    meltano = folder / "meltano.yml"
    meltano.write_text(includes + meltano.read_text(encoding="utf-8"), encoding="utf-8")
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return folder


def findings(folder: Path, *args: str) -> tuple[int, list[tuple[str, str, int]]]:
    """(exit code, [(code, severity, line)]) of `meltano-onboard check` on the folder."""
    done = run_cli("check", "--format", "json", *args, cwd=folder)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    return done.returncode, [(f["code"], f["severity"], f["line"]) for f in report["findings"]]


def usage_error(folder: Path, *args: str) -> str:
    done = run_cli("check", *args, cwd=folder)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    return done.stderr


def test_the_project_fires_both_rules_by_default(tmp_path: Path) -> None:
    expected = (1, [("F008", "warning", 2), ("F005", "error", 3)])
    assert findings(write_project(tmp_path / "project")) == expected


# --- the command line ---------------------------------------------------------

def test_cli_ignore_skips_a_rule(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project")
    assert findings(folder, "--ignore", "F005") == (0, [("F008", "warning", 2)])
    assert findings(folder, "--ignore", "f005, f008") == (0, [])


def test_cli_severity_regrades_a_rule(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project")
    assert findings(folder, "--severity", "F005=notice,F008=error") == (
        1, [("F008", "error", 2), ("F005", "notice", 3)])
    assert findings(folder, "--severity", "F005=warning") == (
        0, [("F008", "warning", 2), ("F005", "warning", 3)])


def test_cli_unknown_codes_and_levels_are_usage_errors(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project")
    assert "unknown rule code(s) X999" in usage_error(folder, "--ignore", "F008,X999")
    assert "unknown rule code X999" in usage_error(folder, "--severity", "X999=error")
    assert "unknown severity 'fatal'" in usage_error(folder, "--severity", "F008=fatal")
    assert "expected CODE=error|warning|notice" in usage_error(folder, "--severity", "F008")


# --- the action's inputs -------------------------------------------------------

def test_action_ignore_input_makes_the_project_ready(tmp_path: Path) -> None:
    workspace = write_project(tmp_path / "workspace")
    before = run_action(workspace, {}, tmp_path)
    assert (before.returncode, before.outputs["ready"], before.outputs["error-count"]) == (1, "false", "1")
    after = run_action(workspace, {"ignore": "F005"}, tmp_path)
    assert after.returncode == 0, after.stdout
    assert (after.outputs["ready"], after.outputs["error-count"], after.outputs["warning-count"]) == (
        "true", "0", "1")
    warnings = [c.properties["title"].split()[0] for c in after.commands if c.name == "warning"]
    assert warnings == ["F008"]


def test_action_severity_input_regrades_rules(tmp_path: Path) -> None:
    workspace = write_project(tmp_path / "workspace")
    run = run_action(workspace, {"severity": "F005=warning\nF008=notice"}, tmp_path)
    assert run.returncode == 0, run.stdout
    assert (run.outputs["ready"], run.outputs["error-count"], run.outputs["warning-count"],
            run.outputs["notice-count"]) == ("true", "0", "1", "1")
    levels = {c.properties["title"].split()[0]: c.name for c in run.commands
              if c.name in ("error", "warning", "notice")}
    assert levels == {"F005": "warning", "F008": "notice"}


@pytest.mark.parametrize(("inputs", "said"), [
    ({"ignore": "F005,NOPE1"}, "ignore: unknown rule code(s) NOPE1"),
    ({"severity": "NOPE1=error"}, "severity: unknown rule code NOPE1"),
])
def test_action_unknown_codes_are_usage_errors(tmp_path: Path, inputs: dict, said: str) -> None:
    workspace = write_project(tmp_path / "workspace")
    run = run_action(workspace, inputs, tmp_path)
    assert run.returncode == 2
    [error] = [c for c in run.commands if c.name == "error"]
    assert said in error.message
    assert run.outputs == {"ready": "false"}, "refused: not ready, and no counts"


# --- inline comments -----------------------------------------------------------

def test_comment_at_the_end_of_the_line_silences_that_rule_there(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project", INCLUDES.replace(
        "./load/loaders.meltano.yml", "./load/loaders.meltano.yml  # meltano-onboard: ignore[F005]"))
    assert findings(folder) == (0, [("F008", "warning", 2)])


def test_comment_on_its_own_line_silences_the_next_line(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project", INCLUDES.replace(
        "  - ./load/", "  # meltano-onboard: ignore[F005] the loaders land next sprint\n"
                       "  # (a second comment between is fine)\n  - ./load/"))
    assert findings(folder) == (0, [("F008", "warning", 2)])


def test_one_comment_names_several_codes_in_any_case(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project", INCLUDES.replace(
        "include_paths:", "include_paths:\n  # meltano-onboard: ignore[f008, F005]"))
    # Only the next line is silenced: F005 on the line after still fires.
    assert findings(folder) == (1, [("F005", "error", 4)])


def test_comment_silences_only_the_codes_it_names(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project", INCLUDES.replace(
        "./extarct/*.meltano.yml", "./extarct/*.meltano.yml  # meltano-onboard: ignore[F005]"))
    assert findings(folder) == (1, [("F008", "warning", 2), ("F005", "error", 3)])


def test_comment_in_an_included_file_silences_findings_there(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project", "include_paths:\n  - ./extract/*.meltano.yml\n",
                           **{"extract/empty.meltano.yml": ""})
    assert findings(folder) == (1, [("F002", "error", 1)])
    (folder / "extract" / "empty.meltano.yml").write_text(
        "# meltano-onboard: ignore[F002] kept as a placeholder\n", encoding="utf-8")
    assert findings(folder) == (0, [])


def test_text_that_looks_like_a_comment_inside_a_value_silences_nothing(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project", INCLUDES.replace(
        "./extarct/*.meltano.yml", "'./extarct/*.meltano.yml # meltano-onboard: ignore[F008]'"))
    assert findings(folder) == (1, [("F008", "warning", 2), ("F005", "error", 3)])


def test_only_real_comments_are_directives() -> None:
    text = (
        "a: 'quoted # meltano-onboard: ignore[F001]'\n"  # 1: inside a quoted scalar
        "b: |\n"
        "  # meltano-onboard: ignore[F002]\n"  # 3: a line of a block scalar
        "c: d#meltano-onboard: ignore[F003]\n"  # 4: no space before `#`: part of the value
        "e: f  # meltano-onboard: ignore[F004]\n"  # 5: a comment
        "  # meltano-onboard: ignore[F005]\n"  # 6: a comment on its own line
        "g: [h, i  # meltano-onboard: ignore[F006]\n"  # 7: a comment inside flow style
        "  ]\n"
    )
    found = ignores.parse_text(Path("meltano.yml"), text)
    assert [(d.line, d.target, [c.code for c in d.codes]) for d in found] == [
        (5, 5, ["F004"]), (6, 7, ["F005"]), (7, 7, ["F006"])]


def test_directives_after_a_syntax_error_are_still_read() -> None:
    text = "a: [b\nc: d  # meltano-onboard: ignore[F004]\n"
    [directive] = ignores.parse_text(Path("meltano.yml"), text)
    assert (directive.line, [c.code for c in directive.codes]) == (2, ["F004"])


def test_inline_comments_and_settings_combine(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project", INCLUDES.replace(
        "./extarct/*.meltano.yml", "./extarct/*.meltano.yml  # meltano-onboard: ignore[F008]"))
    assert findings(folder, "--severity", "F005=notice,F008=error") == (0, [("F005", "notice", 3)])


def test_comment_with_unknown_or_missing_codes_is_a_finding_not_an_error(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "project", INCLUDES.replace(
        "./extarct/*.meltano.yml", "./extarct/*.meltano.yml  # meltano-onboard: ignore[F008, F0O5]").replace(
        "./load/loaders.meltano.yml", "./load/loaders.meltano.yml  # meltano-onboard: ignroe[F005]"))
    code, found = findings(folder)
    assert code == 1
    assert found == [("N001", "warning", 2), ("F005", "error", 3), ("N001", "warning", 3)]
    done = run_cli("check", "--format", "text", cwd=folder)
    assert "meltano.yml:2:62: warning: inline ignore names unknown rule code 'F0O5'" in done.stdout
    assert "meltano.yml:3:33: warning: this meltano-onboard comment is not understood" in done.stdout


def test_comments_in_the_onboarding_file_are_read(tmp_path: Path) -> None:
    folder = write_project(tmp_path / "workspace", "")
    onboarding = folder / "onboarding.yml"
    onboarding.write_text(onboarding.read_text(encoding="utf-8").replace(
        "org_id: abc-data-team", "org_id: abc-data-team  # meltano-onboard: ignore[Q123]"), encoding="utf-8")
    line = onboarding.read_text(encoding="utf-8").splitlines().index(
        "org_id: abc-data-team  # meltano-onboard: ignore[Q123]") + 1
    context = Context(load_project(folder), Settings(project_dir=folder, workspace=folder))
    [directive] = context.directives[onboarding]
    assert (directive.line, directive.target, [c.code for c in directive.codes]) == (line, line, ["Q123"])
    done = run_cli("check", "--format", "text", cwd=folder)
    assert f"onboarding.yml:{line}:50: warning: inline ignore names unknown rule code 'Q123'" in done.stdout
