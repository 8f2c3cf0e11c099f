"""Targets: each rule says where it holds, a run checks only its target's rules, and says which it was.

The default (`cloud-2023`, the onboarding guide's Meltano Cloud) is what every
golden case and example runs under: their output is unchanged. These tests
show the other two, and how the target is chosen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onboard_action.cli import main
from onboard_action.findings import DEFAULT_TARGET, EVERYWHERE, GUIDE, TARGETS
from onboard_action.rules import for_target, load_all
from tests.helpers import FIXED_NOW, REPO, action_inputs, check_in_process, run_action

# meltano/squared in small: its own Airflow, no sandbox environment, a schedule every 5 minutes.
SQUARED = """\
version: 1
default_environment: prod
environments:
  - name: cicd
  - name: prod
plugins:
  extractors:
    - name: tap-github
      namespace: tap_github
      pip_url: tap-github==1.0.0
      executable: tap-github
  loaders:
    - name: target-snowflake
      namespace: target_snowflake
      pip_url: target-snowflake==1.0.0
      executable: target-snowflake
  orchestrators:
    - name: airflow
      namespace: airflow
      pip_url: apache-airflow==2.1.2
      executable: airflow
jobs:
  - name: github-to-snowflake
    tasks: [tap-github target-snowflake]
schedules:
  - name: github-frequent
    interval: "*/5 * * * *"
    job: github-to-snowflake
"""
NO_SCHEDULES = SQUARED.split("schedules:")[0]


def check(tmp_path: Path, meltano_yml: str, *args: str, capsys, monkeypatch,
          fmt: str = "json") -> tuple[int, str, str]:
    (tmp_path / "meltano.yml").write_text(meltano_yml, encoding="utf-8")
    return check_in_process(tmp_path, ["--format", fmt, "--now", FIXED_NOW, *args], capsys, monkeypatch)


def codes(out: str) -> list[str]:
    return [f["code"] for f in json.loads(out)["findings"]]


def test_every_rule_declares_targets_among_the_three() -> None:
    for code, each in load_all().items():
        assert each.targets and each.targets <= set(TARGETS), code


def test_the_guide_only_rules_are_left_out_of_self_hosted() -> None:
    self_hosted = for_target("self-hosted")
    guide_only = {code for code, each in load_all().items() if each.targets == GUIDE}
    assert {"P110", "S004", "S009", "P305", "K009", "O002"} <= guide_only
    assert guide_only.isdisjoint(self_hosted)
    # What makes a project load and run holds everywhere, at its own severity.
    for code in ("F004", "P107", "P204", "S003", "S005", "P601"):
        assert load_all()[code].targets == EVERYWHERE


def test_squared_under_the_default_target_is_told_about_airflow_sandbox_and_the_cap(
        tmp_path: Path, capsys, monkeypatch) -> None:
    _, out, _ = check(tmp_path, SQUARED, "--onboarding-file=", capsys=capsys, monkeypatch=monkeypatch)
    found = codes(out)
    assert {"P110", "P305", "S004"} <= set(found)
    assert json.loads(out)["target"] == DEFAULT_TARGET


def test_squared_self_hosted_gets_no_orchestrator_sandbox_or_cap_finding(
        tmp_path: Path, capsys, monkeypatch) -> None:
    status, out, err = check(tmp_path, SQUARED, "--target", "self-hosted", capsys=capsys,
                             monkeypatch=monkeypatch)
    assert err == ""
    report = json.loads(out)
    assert report["target"] == "self-hosted"
    assert codes(out) == []
    assert status == 0


def test_the_onboarding_file_is_not_expected_self_hosted(tmp_path: Path, capsys, monkeypatch) -> None:
    # No onboarding.yml and no --onboarding-file=: the default target says so (O002), self-hosted does not.
    _, default, _ = check(tmp_path, SQUARED, capsys=capsys, monkeypatch=monkeypatch)
    _, self_hosted, _ = check(tmp_path, SQUARED, "--target=self-hosted", capsys=capsys,
                              monkeypatch=monkeypatch)
    assert "O002" in codes(default)
    assert "O002" not in codes(self_hosted)


def test_loadability_findings_stay_at_their_severity_self_hosted(tmp_path: Path, capsys, monkeypatch) -> None:
    broken = SQUARED.replace("job: github-to-snowflake", "job: no-such-job").replace(
        '"*/5 * * * *"', '"61 * * * *"')
    _, default, _ = check(tmp_path, broken, "--onboarding-file=", capsys=capsys, monkeypatch=monkeypatch)
    _, hosted, _ = check(tmp_path, broken, "--target=self-hosted", capsys=capsys, monkeypatch=monkeypatch)
    def graded(out: str) -> dict[str, str]:
        return {f["code"]: f["severity"] for f in json.loads(out)["findings"]
                if f["code"] in ("S003", "S005")}
    assert graded(hosted) == graded(default) == {"S005": "error", "S003": "error"}


def test_a_wrong_target_is_a_usage_error_naming_the_choices(tmp_path: Path, capsys, monkeypatch) -> None:
    status, _, err = check(tmp_path, SQUARED, "--target", "aws", capsys=capsys, monkeypatch=monkeypatch)
    assert status == 2
    assert "--target must be one of cloud-2023, cloud, self-hosted; got 'aws'" in err


def test_the_configuration_file_sets_the_target_and_the_option_wins(tmp_path: Path, capsys,
                                                                    monkeypatch) -> None:
    (tmp_path / ".meltano-onboard.toml").write_text('target = "self-hosted"\n', encoding="utf-8")
    _, out, _ = check(tmp_path, SQUARED, capsys=capsys, monkeypatch=monkeypatch)
    assert json.loads(out)["target"] == "self-hosted"
    _, out, _ = check(tmp_path, SQUARED, "--target=cloud-2023", "--onboarding-file=", capsys=capsys,
                      monkeypatch=monkeypatch)
    assert json.loads(out)["target"] == "cloud-2023" and "P110" in codes(out)
    (tmp_path / ".meltano-onboard.toml").write_text('target = "mars"\n', encoding="utf-8")
    status, _, err = check(tmp_path, SQUARED, capsys=capsys, monkeypatch=monkeypatch)
    assert status == 2
    assert ".meltano-onboard.toml:1: target must be one of cloud-2023, cloud, self-hosted; got 'mars'" in err


def test_the_summary_names_a_target_other_than_the_default(tmp_path: Path, capsys, monkeypatch) -> None:
    _, hosted, _ = check(tmp_path, SQUARED, "--target=self-hosted", capsys=capsys, monkeypatch=monkeypatch,
                         fmt="markdown")
    assert hosted.startswith("## Meltano project check (self-hosted): ")
    assert "Onboarding" not in hosted.split("### Schedules")[1]  # no onboarding file lists schedules
    assert ("**Ready** to run on self-hosted Meltano (fails on: error; target: `self-hosted` "
            "(any Meltano deployment you run yourself: only the rules that hold everywhere)).") in hosted
    _, default, _ = check(tmp_path, SQUARED, "--onboarding-file=", capsys=capsys, monkeypatch=monkeypatch,
                          fmt="markdown")
    assert "target:" not in default  # the default summary is as it was before targets


def test_the_action_takes_the_target_input(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "meltano.yml").write_text(SQUARED, encoding="utf-8")
    run = run_action(workspace, action_inputs(target="self-hosted", **{"report-file": "report.json"}),
                     tmp_path)
    assert run.returncode == 0, run.stdout
    report = json.loads((workspace / "report.json").read_text(encoding="utf-8"))
    assert report["target"] == "self-hosted" and report["findings"] == []
    assert "target: `self-hosted`" in run.summary


def test_rules_by_target_list_only_theirs_with_their_targets(capsys, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    assert main(["rules", "--target", "self-hosted"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert not any(line.startswith(("P110 ", "S004 ", "K001 ")) for line in listed)
    assert any(line.startswith("P107 ") and line.endswith("[cloud-2023, cloud, self-hosted]")
               for line in listed)
    assert main(["rules", "--target", "cloud-2023", "--format", "json"]) == 0
    catalogue = json.loads(capsys.readouterr().out)
    assert {"code": "P110", "targets": ["cloud-2023"]}.items() <= next(
        r for r in catalogue if r["code"] == "P110").items()


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "examples").iterdir() if p.is_dir()))
def test_the_default_target_is_the_same_as_naming_it(name: str, capsys, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    main(["check", f"examples/{name}", "--format", "text", "--now", FIXED_NOW])
    implicit = capsys.readouterr().out
    main(["check", f"examples/{name}", "--format", "text", "--now", FIXED_NOW, "--target", "cloud-2023"])
    assert capsys.readouterr().out == implicit
