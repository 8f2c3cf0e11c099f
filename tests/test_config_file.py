"""The configuration file: found walking up to the repository root, overridden by options and inputs.

tests/golden/cli/config-file/ shows a whole run; these tests show where the
file is looked for, what wins, and that every wrong key or value is a usage
error naming the file and the line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gitcase import make_repository
from tests.helpers import action_inputs, run_action, run_cli

# Two warnings: an include that matches nothing (F008) and a legacy schedule (S006).
MELTANO_YML = """\
version: 1
default_environment: sandbox
environments:
  - name: sandbox
include_paths:
  - ./load/*.meltano.yml
plugins:
  extractors:
    - name: tap-github
      namespace: tap_github
      pip_url: tap-github==1.0.0
  loaders:
    - name: target-postgres
      namespace: target_postgres
      pip_url: target-postgres==1.0.0
schedules:
  - name: daily
    interval: "@daily"
    extractor: tap-github
    loader: target-postgres
    transform: skip
"""


def _repository(tmp_path: Path, files: dict[str, str], *, git: bool = True) -> Path:
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "data" / "meltano.yml").write_text(MELTANO_YML, encoding="utf-8")
    (root / ".gitignore").write_text(".env\n.meltano/\n", encoding="utf-8")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    if git:
        make_repository(root)
    return root


WATCHED = {"F008", "S006"}  # the repository rules (.gitignore...) have their own tests


def _codes(root: Path, *args: str, cwd: Path | None = None) -> tuple[int, dict[str, str]]:
    """Exit status, and each watched code found with its severity."""
    done = run_cli("check", "data", "--onboarding-file=", "--format", "json", *args, cwd=cwd or root)
    assert done.returncode in (0, 1), done.stderr
    found = {f["code"]: f["severity"] for f in json.loads(done.stdout)["findings"]}
    assert set(found) <= WATCHED, found
    return done.returncode, found


PYPROJECT = """\
[project]
name = "abc"

[tool.meltano-onboard]
ignore = ["F008"]
fail-on = "warning"

[tool.meltano-onboard.severity]
S006 = "notice"
"""


def test_pyproject_at_the_repository_root_applies_to_the_project_below(tmp_path: Path) -> None:
    root = _repository(tmp_path, {"pyproject.toml": PYPROJECT})
    status, codes = _codes(root)
    assert codes == {"S006": "notice"} and status == 0
    # Run from inside the project folder: the walk still reaches the root's pyproject.toml.
    inside = run_cli("check", ".", "--onboarding-file=", "--format", "json", cwd=root / "data")
    assert {f["code"] for f in json.loads(inside.stdout)["findings"]} & WATCHED == {"S006"}


def test_the_command_line_overrides_the_file(tmp_path: Path) -> None:
    root = _repository(tmp_path, {"pyproject.toml": PYPROJECT})
    # fail-on replaces the file's; severity re-grades code by code over it; ignore adds to it.
    status, codes = _codes(root, "--fail-on", "notice", "--severity", "S006=warning", "--ignore", "S006")
    assert (status, codes) == (0, {})
    status, codes = _codes(root, "--severity", "S006=warning")
    assert (status, codes) == (1, {"S006": "warning"}), "fail-on = warning from the file"


def test_the_nearest_file_wins_and_the_dedicated_file_before_pyproject(tmp_path: Path) -> None:
    root = _repository(tmp_path, {
        "pyproject.toml": PYPROJECT,
        "data/pyproject.toml": '[tool.meltano-onboard]\nignore = ["S006"]\n',
    })
    assert _codes(root)[1] == {"F008": "warning"}, "data/pyproject.toml, alone: no merging"
    (root / "data" / ".meltano-onboard.toml").write_text('ignore = ["F008", "S006"]\n', encoding="utf-8")
    assert _codes(root)[1] == {}


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    root = _repository(tmp_path, {"pyproject.toml": PYPROJECT,
                                  "data/pyproject.toml": '[project]\nname = "data"\n'})
    assert _codes(root)[1] == {"S006": "notice"}


def test_the_walk_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".meltano-onboard.toml").write_text('ignore = ["F008", "S006"]\n', encoding="utf-8")
    root = _repository(tmp_path, {})
    assert _codes(root)[1] == {"F008": "warning", "S006": "warning"}


def test_outside_a_repository_the_walk_stays_in_the_workspace(tmp_path: Path) -> None:
    (tmp_path / ".meltano-onboard.toml").write_text('ignore = ["F008", "S006"]\n', encoding="utf-8")
    root = _repository(tmp_path, {}, git=False)
    assert _codes(root)[1] == {"F008": "warning", "S006": "warning"}
    (root / ".meltano-onboard.toml").write_text('ignore = ["F008"]\n', encoding="utf-8")
    assert _codes(root)[1] == {"S006": "warning"}


def test_per_file_ignores_are_relative_to_the_file(tmp_path: Path) -> None:
    root = _repository(tmp_path, {"pyproject.toml": (
        '[tool.meltano-onboard.per-file-ignores]\n"data/meltano.yml" = ["F008"]\n"*.yml" = ["S006"]\n')})
    assert _codes(root)[1] == {}
    (root / "pyproject.toml").write_text(
        '[tool.meltano-onboard.per-file-ignores]\n"meltano.yml" = ["F008"]\n', encoding="utf-8")
    assert _codes(root)[1] == {"S006": "warning"}, "a name without / matches in any folder"
    (root / "pyproject.toml").write_text(
        '[tool.meltano-onboard.per-file-ignores]\n"extract/*" = ["F008"]\n', encoding="utf-8")
    assert "F008" in _codes(root)[1]


@pytest.mark.parametrize(("text", "says"), [
    ('[tool.meltano-onboard]\nignore = ["F008"]\nfail_on = "warning"\n',
     "pyproject.toml:3: unknown key 'fail_on'; the keys are `ignore`, `severity`, `fail-on`, "
     "`per-file-ignores`"),
    ('[tool.meltano-onboard]\nignore = "F008"\n',
     'pyproject.toml:2: `ignore` must be a list of rule codes, e.g. ["F008", "S010"]'),
    ('[tool.meltano-onboard]\n\nignore = ["F008", "Z999"]\n',
     "pyproject.toml:3: ignore: unknown rule code(s) Z999"),
    ('[tool.meltano-onboard]\nfail-on = "sometimes"\n',
     "pyproject.toml:2: fail-on must be one of error, warning, notice, never; got 'sometimes'"),
    ('[tool.meltano-onboard.severity]\nF008 = "error"\nS006 = "fatal"\n',
     "pyproject.toml:3: severity: unknown severity 'fatal'"),
    ('[tool.meltano-onboard]\nseverity = {F008 = "error", S999 = "notice"}\n',
     "pyproject.toml:2: severity: unknown rule code S999"),
    ('[tool.meltano-onboard.per-file-ignores]\n"data/*" = "F008"\n',
     "pyproject.toml:2: per-file-ignores: 'data/*' must be a list of rule codes"),
    ('[tool.meltano-onboard]\nignore = [\n  "F008",\n',
     "pyproject.toml:4: not valid TOML"),
    ('[tool.meltano-onboard]\nfail-on = "warning\n',
     "pyproject.toml:2: not valid TOML"),
])
def test_a_wrong_key_or_value_is_a_usage_error_naming_the_file_and_line(tmp_path: Path, text: str,
                                                                       says: str) -> None:
    root = _repository(tmp_path, {"pyproject.toml": text})
    done = run_cli("check", "data", "--onboarding-file=", cwd=root)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"meltano-onboard: error: {says}"), done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    root = _repository(tmp_path, {})
    (root / ".meltano-onboard.toml").write_bytes(b'ignore = ["F008"]\nfail-on = "\xff"\n')
    done = run_cli("check", "data", "--onboarding-file=", cwd=root)
    assert done.returncode == 2
    assert done.stderr == ("meltano-onboard: error: .meltano-onboard.toml:2: not UTF-8 text; "
                           "save it as UTF-8\n")


# --- in the action ---------------------------------------------------------------------

def test_the_action_honours_the_file_and_its_inputs_override_it(tmp_path: Path) -> None:
    root = _repository(tmp_path, {"pyproject.toml": PYPROJECT})
    run = run_action(root, action_inputs(project_dir="data", onboarding_file=""), tmp_path)
    assert (run.returncode, run.outputs["ready"], run.outputs["notice-count"]) == (0, "true", "1")
    assert "settings from `pyproject.toml`" in run.summary
    (tmp_path / "file_commands" / "output").write_text("", encoding="utf-8")
    run = run_action(root, action_inputs(project_dir="data", onboarding_file="", fail_on="notice"), tmp_path)
    assert (run.returncode, run.outputs["ready"]) == (1, "false")


def test_a_wrong_file_in_the_action_is_exit_2_with_ready_false_and_a_summary(tmp_path: Path) -> None:
    root = _repository(tmp_path, {"pyproject.toml": '[tool.meltano-onboard]\nfail-on = "<b>x</b>"\n'})
    run = run_action(root, action_inputs(project_dir="data", onboarding_file=""), tmp_path)
    assert run.returncode == 2
    [error] = [c for c in run.commands if c.name == "error"]
    assert error.message.startswith("pyproject.toml:2: fail-on must be one of")
    assert run.outputs == {"ready": "false"}
    assert "**Not checked**" in run.summary and "pyproject\\.toml:2: fail\\-on must be one of" in run.summary
    assert "<b>" not in run.summary


def test_the_action_does_not_follow_a_configuration_link_out_of_the_workspace(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('ignore = ["F008", "S006"]\n', encoding="utf-8")
    root = _repository(tmp_path, {})
    (root / ".meltano-onboard.toml").symlink_to(outside)
    run = run_action(root, action_inputs(project_dir="data", onboarding_file=""), tmp_path)
    assert run.returncode == 2
    [error] = [c for c in run.commands if c.name == "error"]
    assert error.message == (".meltano-onboard.toml is a symbolic link that leads out of the workspace; "
                             "replace it with the file itself")
