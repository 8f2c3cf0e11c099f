"""SARIF 2.1.0: valid against the OASIS schema, and saying the same as the other reports.

The schema is a copy of oasis-tcs/sarif-spec's `sarif-2.1/schema/sarif-schema-2.1.0.json`
kept in tests/schemas/, so the tests need no network.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from onboard_action import __version__
from onboard_action.rules import load_all
from tests.helpers import REPO, run_action, run_cli

SCHEMA = json.loads((REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
EXAMPLES = sorted(p.name for p in (REPO / "examples").iterdir() if p.is_dir())


def assert_valid_sarif(document: dict) -> None:
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    validator_class.check_schema(SCHEMA)
    validator = validator_class(SCHEMA, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20])


def sarif_of(cwd: Path, *args: str) -> dict:
    done = run_cli("check", *args, "--format", "sarif", cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def json_report_of(cwd: Path, *args: str) -> dict:
    done = run_cli("check", *args, "--format", "json", cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", EXAMPLES)
def test_sarif_of_every_example_is_valid(name: str) -> None:
    assert_valid_sarif(sarif_of(REPO, f"examples/{name}"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_sarif_says_what_the_json_report_says(name: str) -> None:
    sarif = sarif_of(REPO, f"examples/{name}")
    report = json_report_of(REPO, f"examples/{name}")
    run = sarif["runs"][0]
    assert len(run["results"]) == len(report["findings"])
    levels = {"error": "error", "warning": "warning", "notice": "note"}
    for result, finding in zip(run["results"], report["findings"], strict=True):
        assert result["ruleId"] == finding["code"]
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == finding["code"]
        assert result["level"] == levels[finding["severity"]]
        assert result["message"]["text"].startswith(finding["message"])
        assert finding["hint"] in result["message"]["text"]
        place = result["locations"][0]["physicalLocation"]
        assert place["artifactLocation"] == {"uri": finding["file"], "uriBaseId": "%SRCROOT%"}
        assert place["region"]["startLine"] == finding["line"]
        if "startColumn" in place["region"]:
            assert place["region"]["startColumn"] == finding["column"]
        if "endColumn" in place["region"]:
            # SARIF's end column is one past the end; ours is inclusive.
            assert place["region"]["endColumn"] == finding["end_column"] + 1
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == REPO.as_uri() + "/"


def test_driver_lists_every_registered_rule_with_its_docs() -> None:
    driver = sarif_of(REPO, "examples/ready")["runs"][0]["tool"]["driver"]
    assert driver["name"] == "meltano-onboard"
    assert driver["semanticVersion"] == __version__
    rules = load_all()
    assert [r["id"] for r in driver["rules"]] == list(rules)
    levels = {"error": "error", "warning": "warning", "notice": "note"}
    for entry in driver["rules"]:
        rule = rules[entry["id"]]
        assert entry["shortDescription"]["text"] == rule.title
        assert entry["fullDescription"]["text"] == rule.why
        assert entry["help"]["text"].startswith(rule.why)
        assert rule.title in entry["help"]["markdown"]
        assert entry["defaultConfiguration"]["level"] == levels[rule.severity.label]


def test_file_names_are_percent_encoded_uris(tmp_path: Path) -> None:
    project = tmp_path / "data platform"
    (project / "extract dir").mkdir(parents=True)
    (project / "meltano.yml").write_text(
        "version: 1\ninclude_paths:\n  - './extract dir/*.meltano.yml'\n", encoding="utf-8")
    (project / "extract dir" / "a #1.meltano.yml").write_text("", encoding="utf-8")
    sarif = sarif_of(tmp_path, "data platform", "--onboarding-file=")
    assert_valid_sarif(sarif)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "F002"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "data%20platform/extract%20dir/a%20%231.meltano.yml"
    assert (tmp_path / unquote(uri)).is_file()


def test_a_regraded_rule_is_a_note(tmp_path: Path) -> None:
    (tmp_path / "meltano.yml").write_text(
        "version: 1\ninclude_paths:\n  - ./extarct/*.meltano.yml\n", encoding="utf-8")
    sarif = sarif_of(tmp_path, "--onboarding-file=", "--severity", "F008=notice")
    assert_valid_sarif(sarif)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "F008"]
    assert (result["ruleId"], result["level"]) == ("F008", "note")
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 5, "endColumn": 5 + len("./extarct/*.meltano.yml")}
    # The rule's default stays in the driver: the result carries the override.
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["defaultConfiguration"]["level"] == "warning"


def test_the_action_writes_the_sarif_file_and_names_it_in_its_outputs(example, tmp_path: Path) -> None:
    workspace = example("broken-includes")
    run = run_action(workspace, {"sarif-file": "reports/onboarding.sarif", "fail-on": "never"}, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.outputs["sarif-file"] == "reports/onboarding.sarif"
    sarif = json.loads((workspace / "reports" / "onboarding.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert {"meltano.yml", "extract/empty.meltano.yml"} <= uris
    assert not any(uri.startswith(("/", "..")) or ":" in uri for uri in uris)  # workspace-relative
    assert int(run.outputs["error-count"]) == sum(
        r["level"] == "error" for r in sarif["runs"][0]["results"])


def test_the_schema_catches_what_code_scanning_would_refuse() -> None:
    sarif = sarif_of(REPO, "examples/broken-includes")
    result = sarif["runs"][0]["results"][0]
    result["level"] = "notice"  # GitHub's word; SARIF's is "note"
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(AssertionError) as caught:
        assert_valid_sarif(sarif)
    assert "'notice' is not one of" in str(caught.value)
    assert "startLine: 0 is less than the minimum of 1" in str(caught.value)


def test_safe_fixes_are_artifact_changes_that_apply(tmp_path: Path) -> None:
    # Y001's fix is safe; S004's is not, so SARIF offers only the first.
    text = ("version: 1\ndefault_environment: sandbox\nenvironments:\n  - name: sandbox\n"
            "plugins:\n  extractors:\n    - name: tap-rest\n      namespace: tap_rest\n"
            "      pip_url: tap-rest==1.2.0\n      config:\n        on: status\n"
            "jobs:\n  - name: sync\n    tasks: [tap-rest tap-rest]\n"
            "schedules:\n  - name: often\n    job: sync\n    interval: '*/5 * * * *'\n")
    (tmp_path / "meltano.yml").write_text(text, encoding="utf-8")
    document = sarif_of(tmp_path, "--onboarding-file", "")
    assert_valid_sarif(document)
    results = {r["ruleId"]: r for r in document["runs"][0]["results"]}
    assert "fixes" not in results["S004"]
    [fix] = results["Y001"]["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "meltano.yml"
    [replacement] = change["replacements"]
    assert replacement == {"deletedRegion": {"startLine": 11, "startColumn": 9, "endLine": 11,
                                             "endColumn": 11},
                           "insertedContent": {"text": "'on'"}}
    line = text.splitlines()[10]
    assert line[:8] + "'on'" + line[10:] == "        'on': status"
