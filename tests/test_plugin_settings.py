"""The P70x rules' advice works: doing what a finding says makes that finding go away.

Each test copies a golden case (tests/cases/P70x/fires), applies the fix its
finding prints, and checks again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from onboard_action.cli import main
from tests.helpers import FIXED_NOW, REPO, check_in_process

CASES = REPO / "tests" / "cases"


def findings(root: Path, code: str, capsys, monkeypatch, *args: str) -> list[dict]:
    _, out, _ = check_in_process(root, [*args, "--format", "json", "--now", FIXED_NOW, "--onboarding-file="],
                                 capsys, monkeypatch)
    return [f for f in json.loads(out)["findings"] if f["code"] == code]


def copy_case(code: str, tmp_path: Path) -> Path:
    root = tmp_path / code
    shutil.copytree(CASES / code / "fires", root)
    return root


def test_renaming_as_suggested_leaves_no_unknown_setting(tmp_path, capsys, monkeypatch) -> None:
    root = copy_case("P701", tmp_path)
    found = findings(root, "P701", capsys, monkeypatch)
    assert [f["hint"] for f in found] == [
        "did you mean `start_date`?", "did you mean `auth_token`?", "did you mean `repositories`?",
        "did you mean `batch_config.encoding.format`?"]
    text = (root / "meltano.yml").read_text(encoding="utf-8")
    for wrong, right in (("start_dat:", "start_date:"), ("auth_tokn:", "auth_token:"),
                         ("repositores:", "repositories:"), ("formatt:", "format:")):
        text = text.replace(wrong, right)
    (root / "meltano.yml").write_text(text, encoding="utf-8")
    assert findings(root, "P701", capsys, monkeypatch) == []


def test_adding_the_named_variables_satisfies_the_group(tmp_path, capsys, monkeypatch) -> None:
    root = copy_case("P703", tmp_path)
    found = findings(root, "P703", capsys, monkeypatch, "--dotenv-path=case.env")
    assert len(found) == 2
    with open(root / "case.env", "a", encoding="utf-8") as dotenv:
        dotenv.write("TAP_GITHUB_REPOSITORIES='[\"meltano/meltano\"]'\nTARGET_POSTGRES_DATABASE=warehouse\n")
    assert findings(root, "P703", capsys, monkeypatch, "--dotenv-path=case.env") == []


def test_without_secrets_the_same_gap_is_a_notice_naming_the_variables(tmp_path, capsys,
                                                                       monkeypatch) -> None:
    root = copy_case("P703", tmp_path)
    assert findings(root, "P703", capsys, monkeypatch) == []
    [tap, loader] = findings(root, "P704", capsys, monkeypatch)
    assert "TAP_GITHUB_REPOSITORIES" in tap["message"]
    # host and user are set: the group they belong to is the one meant, not `sqlalchemy_url`'s.
    assert "TARGET_POSTGRES_DATABASE, TARGET_POSTGRES_PASSWORD" in loader["message"]


def test_pinning_as_advised_leaves_no_unpinned_finding(tmp_path, capsys, monkeypatch) -> None:
    root = copy_case("P706", tmp_path)
    found = findings(root, "P706", capsys, monkeypatch)
    assert len(found) == 2
    text = (root / "meltano.yml").read_text(encoding="utf-8")
    text = text.replace("      variant: meltanolabs\n      config:\n        repositories",
                        "      variant: meltanolabs\n      pip_url: meltanolabs-tap-github==1.30.1\n"
                        "      config:\n        repositories", 1)
    text = text.replace("pip_url: meltanolabs-target-postgres\n",
                        "pip_url: meltanolabs-target-postgres==0.8.1\n")
    (root / "meltano.yml").write_text(text, encoding="utf-8")
    assert findings(root, "P706", capsys, monkeypatch) == []
    assert findings(root, "P707", capsys, monkeypatch) == []  # a pin of the lock file's own package


def test_secret_values_stay_out_of_the_report(tmp_path, capsys, monkeypatch) -> None:
    root = copy_case("P703", tmp_path)
    canary = "canary-5f1d0c9e-value"
    (root / "case.env").write_text(f"TAP_GITHUB_AUTH_TOKEN={canary}\nTARGET_POSTGRES_PASSWORD={canary}\n",
                                   encoding="utf-8")
    monkeypatch.chdir(root)
    main(["check", "--dotenv-path=case.env", "--format", "json", "--now", FIXED_NOW, "--onboarding-file="])
    out, err = capsys.readouterr()
    assert "P703" in out
    assert canary not in out + err


def test_a_settings_env_alias_counts_as_setting_it(tmp_path, capsys, monkeypatch) -> None:
    # Meltano 4.4.1 still reads a setting's deprecated `env_aliases` (SettingDefinition.env_vars).
    root = copy_case("P703", tmp_path)
    lock = root / "plugins" / "loaders" / "target-postgres--meltanolabs.lock"
    definition = json.loads(lock.read_text(encoding="utf-8"))
    for setting in definition["settings"]:
        if setting["name"] == "database":
            setting["env_aliases"] = ["PG_DATABASE"]
    lock.write_text(json.dumps(definition, indent=2), encoding="utf-8")
    with open(root / "case.env", "a", encoding="utf-8") as dotenv:
        dotenv.write("TAP_GITHUB_REPOSITORIES='[\"meltano/meltano\"]'\n")
    found = findings(root, "P703", capsys, monkeypatch, "--dotenv-path=case.env")
    assert [f["message"].split(" runs ")[0] for f in found] == ["loader 'target-postgres'"]
    with open(root / "case.env", "a", encoding="utf-8") as dotenv:
        dotenv.write("PG_DATABASE=warehouse\n")
    assert findings(root, "P703", capsys, monkeypatch, "--dotenv-path=case.env") == []
