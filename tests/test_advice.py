"""A finding's fix must work: apply the fix it prints to the project, check again, and the finding is gone.

Each test writes a small project, checks it, follows the printed advice
literally (the text in backticks is what goes into the file or on the
command line) and checks again.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.helpers import FIXED_NOW, check_in_process

ONBOARDING = """\
company: ABC Company Inc.
contact: {name: Jane Doe, email: jane@abc.example}
org_id: abc-data-team
projects:
  - name: data-platform
    git: {provider: github, url: https://github.com/abc/data-platform, branch: main}
    environment: ENVIRONMENT
    schedules: [daily]
users:
  - {name: Jane Doe, email: jane@abc.example, github: janedoe, role: owner}
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return folder


def findings(folder: Path, capsys, monkeypatch, *args: str) -> list[dict]:
    """The findings of `meltano-onboard check` on `folder` (JSON format)."""
    if not (folder / "onboarding.yml").exists() and not any(a.startswith("--onboarding-file") for a in args):
        args = (*args, "--onboarding-file=")
    status, out, err = check_in_process(folder, [".", *args, "--format", "json", "--now", FIXED_NOW],
                                        capsys, monkeypatch)
    assert err == ""
    assert status in (0, 1)
    return json.loads(out)["findings"]


def only(found: list[dict], code: str) -> list[dict]:
    return [f for f in found if f["code"] == code]


def quoted(hint: str) -> list[str]:
    """The pieces of a hint written in backticks: what to type."""
    return re.findall(r"`([^`]+)`", hint)


# --- P305: the onboarding environment ---------------------------------------------

P305_PROJECT = {"meltano.yml": """\
    version: 1
    default_environment: dev
    environments:
      - name: dev
      - name: prod
    jobs:
      - name: el
        tasks: [tap-github target-postgres]
    schedules:
      - name: daily
        interval: "0 6 * * *"
        job: el
    """}


def test_p305_without_a_named_environment_the_printed_option_names_one(tmp_path, capsys, monkeypatch) -> None:
    folder = write(tmp_path, P305_PROJECT)
    [finding] = only(findings(folder, capsys, monkeypatch), "P305")
    assert finding["severity"] == "warning"
    option = next(q for q in quoted(finding["hint"]) if q.startswith("--environment "))
    assert option == "--environment dev"  # the default_environment, of those the project defines
    assert only(findings(folder, capsys, monkeypatch, *option.split(" ")), "P305") == []


def test_p305_without_a_named_environment_the_printed_onboarding_line_names_one(
        tmp_path, capsys, monkeypatch) -> None:
    folder = write(tmp_path, P305_PROJECT)
    [finding] = only(findings(folder, capsys, monkeypatch), "P305")
    line = next(q for q in quoted(finding["hint"]) if q.startswith("environment: "))
    (folder / "onboarding.yml").write_text(ONBOARDING.replace("environment: ENVIRONMENT", line))
    assert only(findings(folder, capsys, monkeypatch), "P305") == []


def test_p305_an_environment_named_in_the_onboarding_file_lands_on_its_line(
        tmp_path, capsys, monkeypatch) -> None:
    folder = write(tmp_path, {**P305_PROJECT, "onboarding.yml": ONBOARDING.replace("ENVIRONMENT", "prd")})
    [finding] = only(findings(folder, capsys, monkeypatch), "P305")
    assert (finding["file"], finding["line"], finding["severity"]) == ("onboarding.yml", 7, "error")
    assert [(r["file"], r["line"]) for r in finding["related"]] == [("meltano.yml", 3)]
    [suggestion] = quoted(finding["hint"])  # did you mean `prod`?
    (folder / "onboarding.yml").write_text(ONBOARDING.replace("ENVIRONMENT", suggestion))
    assert only(findings(folder, capsys, monkeypatch), "P305") == []


# --- P107 and P112: the lock file Meltano reads -----------------------------------------

READY_LOCKS = Path(__file__).resolve().parent.parent / "examples" / "ready" / "plugins"
LOCKED_PROJECT = """\
    version: 1
    default_environment: sandbox
    environments:
      - name: sandbox
    plugins:
      extractors:
        - name: tap-github
    """


def test_p107_a_plugin_without_variant_gets_the_variant_of_its_lock_file(
        tmp_path, capsys, monkeypatch) -> None:
    lock = (READY_LOCKS / "extractors" / "tap-github--meltanolabs.lock").read_text()
    folder = write(tmp_path, {"meltano.yml": LOCKED_PROJECT,
                              "plugins/extractors/tap-github--meltanolabs.lock": lock})
    [finding] = only(findings(folder, capsys, monkeypatch), "P107")
    [line] = quoted(finding["hint"])
    assert line == "variant: meltanolabs"
    (folder / "meltano.yml").write_text(textwrap.dedent(LOCKED_PROJECT) + f"      {line}\n")
    after = findings(folder, capsys, monkeypatch)
    assert only(after, "P107") == only(after, "P106") == only(after, "P112") == []


def test_p112_the_lock_file_meltano_lock_writes_is_clean(tmp_path, capsys, monkeypatch) -> None:
    lock = (READY_LOCKS / "extractors" / "tap-github--meltanolabs.lock").read_text()
    project = textwrap.dedent(LOCKED_PROJECT) + "      variant: meltanolabs\n"
    folder = write(tmp_path, {"meltano.yml": project,
                              "plugins/extractors/tap-github--meltanolabs.lock": lock.replace(
                                  '"tap-github"', '"tap-gitlab"')})
    [finding] = only(findings(folder, capsys, monkeypatch), "P112")
    assert "`meltano lock --update tap-github`" in finding["hint"]
    # What `meltano lock --update tap-github` writes: the Hub's definition of tap-github (meltanolabs).
    (folder / "plugins/extractors/tap-github--meltanolabs.lock").write_text(lock)
    assert only(findings(folder, capsys, monkeypatch), "P112") == []


# --- S001 and S006: legacy schedules --------------------------------------------------

CASES = Path(__file__).resolve().parent / "cases"


def migrate(folder: Path, hint: str) -> None:
    """Do what S006's hint says: add the job it writes out, and point the schedule at it."""
    job_text = quoted(hint)[0]
    schedule_job = next(q for q in quoted(hint) if q.startswith("job: "))
    job = yaml.safe_load(job_text)
    data = yaml.safe_load((folder / "meltano.yml").read_text())
    data.setdefault("jobs", []).append(job)
    for schedule in data["schedules"]:
        if schedule.get("extractor"):
            for key in ("extractor", "loader", "transform"):
                schedule.pop(key, None)
            schedule.update(yaml.safe_load(schedule_job))
    (folder / "meltano.yml").write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.mark.parametrize("case", ["transform-run", "transform-only", "transform-run-no-transformer"])
def test_s006_the_migration_it_writes_out_runs_the_same_steps_and_checks_clean(
        case, tmp_path, capsys, monkeypatch) -> None:
    folder = tmp_path / case
    shutil.copytree(CASES / "S006" / case, folder)
    [finding] = only(findings(folder, capsys, monkeypatch), "S006")
    migrate(folder, finding["hint"])
    after = findings(folder, capsys, monkeypatch)
    assert [f for f in after if f["code"] in ("S001", "S005", "S006", "P202", "P204", "P205")] == []
    tasks = yaml.safe_load((folder / "meltano.yml").read_text())["jobs"][-1]["tasks"]
    assert tasks == {"transform-run": ["tap-github target-postgres dbt-postgres:run"],
                     "transform-only": ["dbt-postgres:run"],
                     "transform-run-no-transformer": ["tap-github target-postgres"]}[case]


def test_s001_a_legacy_schedule_without_transform_is_fixed_by_the_printed_line(
        tmp_path, capsys, monkeypatch) -> None:
    folder = tmp_path / "case"
    shutil.copytree(CASES / "S001" / "legacy-without-transform", folder)
    [finding] = only(findings(folder, capsys, monkeypatch), "S001")
    line = quoted(finding["hint"])[0]
    assert line == "transform: skip"
    (folder / "meltano.yml").write_text((folder / "meltano.yml").read_text() + f"    {line}\n")
    assert only(findings(folder, capsys, monkeypatch), "S001") == []


# --- P005: include_paths written in an included file ------------------------------------

def test_p005_moving_the_patterns_to_meltano_yml_keeps_the_project_whole(
        tmp_path, capsys, monkeypatch) -> None:
    folder = tmp_path / "case"
    shutil.copytree(CASES / "P005" / "followed", folder)
    before = findings(folder, capsys, monkeypatch)
    assert len(only(before, "P005")) == 1
    nested = folder / "extract" / "extractors.meltano.yml"
    data = yaml.safe_load(nested.read_text())
    patterns = data.pop("include_paths")
    nested.write_text(yaml.safe_dump(data))
    meltano = yaml.safe_load((folder / "meltano.yml").read_text())
    meltano["include_paths"] += patterns
    (folder / "meltano.yml").write_text(yaml.safe_dump(meltano, sort_keys=False))
    after = findings(folder, capsys, monkeypatch)
    assert only(after, "P005") == []
    assert [f["code"] for f in after] == [f["code"] for f in before if f["code"] != "P005"]


# --- P501: a setting a lock file marks sensitive that holds an id ----------------------

def test_p501_an_id_is_accepted_by_the_inline_ignore_it_prints(tmp_path, capsys, monkeypatch) -> None:
    folder = tmp_path / "case"
    shutil.copytree(CASES / "P501" / "lock-marked-id", folder)
    [id_finding, _secret] = only(findings(folder, capsys, monkeypatch), "P501")
    comment = next(q for q in quoted(id_finding["hint"]) if q.startswith("# meltano-onboard:"))
    assert "rotate" not in id_finding["hint"].split("otherwise")[0]
    lines = (folder / "meltano.yml").read_text().splitlines()
    lines[id_finding["line"] - 1] += f"  {comment}"
    (folder / "meltano.yml").write_text("\n".join(lines) + "\n")
    after = findings(folder, capsys, monkeypatch)
    assert [f["line"] for f in only(after, "P501")] == [_secret["line"]]
    assert only(after, "N001") == []


# --- P110 and P107: one plugin, one piece of advice ------------------------------------

def test_p110_removing_the_orchestrator_leaves_no_lock_file_finding(tmp_path, capsys, monkeypatch) -> None:
    folder = tmp_path / "case"
    shutil.copytree(CASES / "P110" / "missing-lock", folder)
    before = findings(folder, capsys, monkeypatch)
    assert [f["code"] for f in before if f["code"] in ("P107", "P108", "P110")] == ["P110"]
    assert "remove it" in before[[f["code"] for f in before].index("P110")]["hint"]
    data = yaml.safe_load((folder / "meltano.yml").read_text())
    del data["plugins"]["orchestrators"]
    (folder / "meltano.yml").write_text(yaml.safe_dump(data))
    assert [f for f in findings(folder, capsys, monkeypatch) if f["code"] in ("P107", "P108", "P110")] == []


# --- P103: a null where a mapping belongs --------------------------------------------

@pytest.mark.parametrize("choice", [0, 1])  # the two fixes it offers: remove the key, or `config: {}`
def test_p103_the_fix_for_a_null_config_checks_clean(choice, tmp_path, capsys, monkeypatch) -> None:
    folder = tmp_path / "case"
    shutil.copytree(CASES / "P103" / "config-null", folder)
    found = only(findings(folder, capsys, monkeypatch), "P103")
    assert len(found) == 2
    lines = (folder / "meltano.yml").read_text().splitlines()
    for finding in found:
        removed, written = quoted(finding["hint"])
        assert (removed, written) == ("config", "config: {}")
        line = lines[finding["line"] - 1]
        indent = line[:len(line) - len(line.lstrip())]
        lines[finding["line"] - 1] = "" if choice == 0 else indent + written
    (folder / "meltano.yml").write_text("\n".join(lines) + "\n")
    assert only(findings(folder, capsys, monkeypatch), "P103") == []


# --- S004: a schedule that runs too often ------------------------------------------------

@pytest.mark.parametrize("interval", [
    "*/10 9-17 * * 1-5", "0,55 0,23 * * *", "0,5 * * * *", "* * * * *", "58,59 23 L * *",
    "0-59/7 1-3 1,15 jan-mar mon", "*/5 23 31 12 *", "0,10 0 * * 0,6",
])
def test_s004_the_fix_keeps_every_other_field_and_checks_clean(
        interval, tmp_path, capsys, monkeypatch) -> None:
    project = textwrap.dedent(P305_PROJECT["meltano.yml"]).replace('"0 6 * * *"', f'"{interval}"')
    folder = write(tmp_path, {"meltano.yml": project})
    [finding] = only(findings(folder, capsys, monkeypatch), "S004")
    for fixed in quoted(finding["hint"]):
        assert fixed.split()[1:] == interval.split()[1:]
        (folder / "meltano.yml").write_text(project.replace(f'"{interval}"', f'"{fixed}"'))
        after = findings(folder, capsys, monkeypatch)
        assert [f for f in after if f["code"] in ("S003", "S004")] == [], fixed
