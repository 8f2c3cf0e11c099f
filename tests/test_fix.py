"""`--fix` and `--diff` beyond the golden cases: what is not fixed, and a fix the re-check disproves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from onboard_action import fixes
from onboard_action.findings import Edit
from onboard_action.fixes import Fixer
from onboard_action.rules.yaml_hazards import KEY_RETYPED
from tests.helpers import FIXED_NOW, action_inputs, check_in_process, run_action

PROJECT = """\
version: 1
default_environment: sandbox
environments:
  - name: sandbox
plugins:
  extractors:
    - name: tap-rest
      namespace: tap_rest
      pip_url: tap-rest==1.2.0
      config:
        on: status
schedules: []
"""


def run(folder: Path, *args: str, capsys, monkeypatch) -> tuple[int, str, str]:
    return check_in_process(folder, [*args, "--format", "text", "--now", FIXED_NOW, "--onboarding-file", ""],
                            capsys, monkeypatch)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "meltano.yml").write_text(PROJECT, encoding="utf-8")
    return tmp_path


def test_an_ignored_rule_is_not_fixed(project: Path, capsys, monkeypatch) -> None:
    code, out, err = run(project, "--diff", "--ignore", "Y001", capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out) == (0, "")
    assert "0 fixes" in err


def test_an_inline_ignore_is_not_fixed(project: Path, capsys, monkeypatch) -> None:
    path = project / "meltano.yml"
    path.write_text(PROJECT.replace("on: status", "on: status  # meltano-onboard: ignore[Y001]"))
    before = path.read_bytes()
    _, _, err = run(project, "--fix", capsys=capsys, monkeypatch=monkeypatch)
    assert path.read_bytes() == before
    assert "fixed 0 findings" in err


def test_a_baselined_finding_is_not_fixed(project: Path, capsys, monkeypatch) -> None:
    run(project, "--report-file", "base.json", capsys=capsys, monkeypatch=monkeypatch)
    code, out, _ = run(project, "--diff", "--baseline", "base.json", capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out) == (0, "")


def test_unsafe_fixes_wait_for_the_flag(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "meltano.yml").write_text(PROJECT.replace(
        "schedules: []", "jobs:\n  - name: sync\n    tasks: [tap-rest tap-rest]\nschedules:\n"
        "  - name: often\n    job: sync\n    interval: '*/5 * * * *'"), encoding="utf-8")
    code, out, err = run(tmp_path, "--diff", "--ignore", "Y001", capsys=capsys, monkeypatch=monkeypatch)
    assert (code, out) == (0, "")
    assert "1 fix more with --unsafe-fixes" in err
    code, out, err = run(tmp_path, "--diff", "--unsafe-fixes", "--ignore", "Y001",
                         capsys=capsys, monkeypatch=monkeypatch)
    assert code == 1
    assert "+    interval: '*/15 * * * *'" in out


def test_crlf_line_endings_are_kept(project: Path, capsys, monkeypatch) -> None:
    path = project / "meltano.yml"
    path.write_bytes(PROJECT.replace("\n", "\r\n").encode())
    run(project, "--fix", capsys=capsys, monkeypatch=monkeypatch)
    assert path.read_bytes() == PROJECT.replace(" on:", " 'on':").replace("\n", "\r\n").encode()


def test_the_file_mode_is_kept(project: Path, capsys, monkeypatch) -> None:
    path = project / "meltano.yml"
    path.chmod(0o600)
    run(project, "--fix", capsys=capsys, monkeypatch=monkeypatch)
    assert "'on'" in path.read_text()
    assert os.stat(path).st_mode & 0o777 == 0o600


def _broken_fixer(text: str):
    """A Y001 fix that writes `text` over the key: what a bug in a fixer would do."""
    def fix(finding, context):
        loc = finding.location
        return "broken", [Edit(loc.file, loc.line, loc.column, loc.line, loc.end_column + 1, text)]
    return Fixer(KEY_RETYPED, True, fix)


@pytest.mark.parametrize(("text", "why"), [
    ("on", "left its finding in place"),  # the key as it was
    ("'on': x\n        'on'", "added a P605 finding"),  # a duplicate key
])
def test_a_fix_the_recheck_disproves_is_rolled_back(project: Path, text: str, why: str, capsys,
                                                     monkeypatch) -> None:
    monkeypatch.setitem(fixes.FIXERS, "Y001", _broken_fixer(text))
    path = project / "meltano.yml"
    before = path.read_bytes()
    code, out, err = run(project, "--fix", capsys=capsys, monkeypatch=monkeypatch)
    assert code == 3
    assert f"the fix of Y001 at meltano.yml:11 {why}" in err
    assert "so it was rolled back" in err
    assert path.read_bytes() == before
    assert "[Y001]" in out  # the report is the project's as it is: unfixed


def test_a_moved_finding_is_not_new(project: Path, capsys, monkeypatch) -> None:
    # P305's fix adds a line above Y001's key: Y001 moves a line down and is still the same finding.
    path = project / "meltano.yml"
    path.write_text(PROJECT.replace("- name: sandbox", "- name: dev").replace("sandbox", "dev", 1),
                    encoding="utf-8")
    code, _, err = run(project, "--fix", "--ignore", "Y001", capsys=capsys, monkeypatch=monkeypatch)
    assert code != 3, err
    assert "- name: sandbox\n  - name: dev" in path.read_text()


def test_fix_and_diff_together_is_a_usage_error(project: Path, capsys, monkeypatch) -> None:
    code, _, err = run(project, "--fix", "--diff", capsys=capsys, monkeypatch=monkeypatch)
    assert code == 2
    assert "not both" in err


def test_the_action_shows_the_patch_and_changes_nothing(project: Path, tmp_path_factory) -> None:
    # A backtick run in the repository's text cannot close the summary's fence.
    path = project / "meltano.yml"
    path.write_text(PROJECT.replace("on: status", "on: \"```` <b>x</b>\""), encoding="utf-8")
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    run = run_action(project, action_inputs(**{"fix": "diff", "onboarding-file": ""}),
                     tmp_path_factory.mktemp("runner"))
    assert run.returncode in (0, 1), run.stdout
    patch = run.outputs["fix-patch"]
    assert patch.startswith("--- a/meltano.yml\n+++ b/meltano.yml\n")
    assert "+        'on': \"```` <b>x</b>\"" in patch
    assert "`````diff\n" + patch in run.summary
    assert (path.read_bytes(), path.stat().st_mtime_ns) == (before, mtime)


def test_the_action_without_fix_has_an_empty_patch(project: Path, tmp_path_factory) -> None:
    run = run_action(project, action_inputs(**{"onboarding-file": ""}), tmp_path_factory.mktemp("runner"))
    assert run.outputs["fix-patch"] == ""
    assert "Safe fixes" not in run.summary
