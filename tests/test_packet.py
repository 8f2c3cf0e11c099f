"""The onboarding packet, field by field, in the order of Step 1 of the onboarding guide."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from onboard_action.reporters.packet import format_for
from tests.helpers import REPO, action_inputs, run_action, run_cli

READY = REPO / "examples" / "ready"
# The ready example with the schedules the onboarding file lists: a project with no error to block on.
MELTANO = (READY / "meltano.yml").read_text(encoding="utf-8").split("schedules:")[0] + """\
schedules:
  - {name: daily_el, interval: "0 6 * * *", job: github-to-postgres}
  - {name: hourly_sync, interval: "0 * * * *", job: github-to-postgres}
"""
ONBOARDING = """\
company: ABC Company Inc.
contact:
  name: Jane Doe
  email: jane@abc.example
org_id: abc-data-team
projects:
  - name: data-platform
    git:
      provider: github
      url: https://github.com/abc/data-platform
      branch: main
    root: data
    environment: sandbox
    schedules: [daily_el, hourly_sync]
  - git:
      provider: azure-devops
      url: git@ssh.dev.azure.com:v3/abc/finance/dbt
      branch: release
    root: finance
    environment: sandbox
    schedules: [nightly]
users:
  - {name: Jane Doe, email: jane@abc.example, github: janedoe, role: owner}
  - {name: Sam Lee, email: sam@abc.example, github: samlee, role: maintainer}
  - {name: "Ana | Ruiz", email: ana@abc.example, github: anaruiz, role: reader}
"""


def workspace(tmp_path: Path, onboarding: str = ONBOARDING) -> Path:
    # Every listed project must exist: a root without meltano.yml blocks the packet (O043).
    for folder, meltano in (("data", MELTANO), ("finance", MELTANO.replace("daily_el", "nightly"))):
        shutil.copytree(READY / "plugins", tmp_path / folder / "plugins")
        (tmp_path / folder / "meltano.yml").write_text(meltano)
    (tmp_path / "onboarding.yml").write_text(onboarding)
    return tmp_path


def test_the_json_packet_holds_every_field_as_written(tmp_path: Path) -> None:
    done = run_cli("packet", "data", "--format", "json", cwd=workspace(tmp_path))
    assert done.returncode == 0, done.stderr
    packet = json.loads(done.stdout)
    written = yaml.safe_load(ONBOARDING)

    # Step 1's order, then the prerequisites as the check saw them.
    assert list(packet) == ["company", "contact", "org_id", "projects", "users", "prerequisites"]
    assert packet["company"] == written["company"]
    assert packet["contact"] == {"name": "Jane Doe", "email": "jane@abc.example"}
    assert packet["org_id"] == written["org_id"]
    assert len(packet["projects"]) == 2
    for sent, entry in zip(packet["projects"], written["projects"], strict=True):
        assert list(sent) == ["name", "git", "root", "environment", "schedules"]
        assert sent["name"] == entry.get("name")
        assert sent["git"] == {key: entry["git"][key] for key in ("provider", "url", "branch")}
        assert sent["root"] == entry["root"]
        assert sent["environment"] == entry["environment"]
        assert sent["schedules"] == entry["schedules"]
    assert packet["users"] == [{key: user[key] for key in ("name", "email", "github", "role")}
                               for user in written["users"]]


def test_the_markdown_packet_follows_step_1(tmp_path: Path) -> None:
    done = run_cli("packet", "data", cwd=workspace(tmp_path))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    in_order = [
        "# Meltano Cloud project onboarding information",
        "1. **Company name:** ABC Company Inc\\.",
        "2. **Primary contact:** Jane Doe, `jane@abc.example`",
        "3. **Organization ID:** `abc-data-team`",
        "4. **Projects:**",
        "   1. **data\\-platform**",
        "      1. Git repository:",
        "         1. Hosting provider: GitHub",
        "         2. URL: `https://github.com/abc/data-platform`",
        "         3. Branch: `main`",
        "         4. Meltano environment for onboarding and testing: `sandbox`",
        "         5. Folder of meltano.yml in the repository: `data`",
        "      2. Schedules to run:",
        "         1. `daily_el`",
        "         2. `hourly_sync`",
        "   2. **Project 2**",
        "         1. Hosting provider: Azure DevOps",
        "         2. URL: `git@ssh.dev.azure.com:v3/abc/finance/dbt`",
        "         3. Branch: `release`",
        "         1. `nightly`",
        "5. **Authorized users:**",
        "   | Full name | Email | GitHub ID | Role |",
        "   | Jane Doe | `jane@abc.example` | `janedoe` | `owner` |",
        "   | Sam Lee | `sam@abc.example` | `samlee` | `maintainer` |",
        "   | Ana \\| Ruiz | `ana@abc.example` | `anaruiz` | `reader` |",
    ]
    lines = text.splitlines()
    positions = [lines.index(line) for line in in_order]
    assert positions == sorted(positions)


def test_output_file_format_follows_the_extension(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    done = run_cli("packet", "data", "--output", "out/packet.json", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert json.loads((folder / "out/packet.json").read_text())["org_id"] == "abc-data-team"
    assert run_cli("packet", "data", "--output", "packet.txt", cwd=folder).returncode == 0
    assert (folder / "packet.txt").read_text().startswith("# Meltano Cloud project onboarding")
    assert format_for(Path("x.Json")) == "json"
    assert format_for(Path("x.md")) == format_for(None) == "markdown"


def test_no_packet_while_the_onboarding_file_has_errors(tmp_path: Path) -> None:
    folder = workspace(tmp_path, ONBOARDING.replace("role: owner", "role: Owner"))
    done = run_cli("packet", "data", "--output", "packet.md", cwd=folder)
    assert done.returncode == 1
    assert not (folder / "packet.md").exists()
    assert done.stdout == ""
    assert ("onboarding.yml:23:70: error: role `Owner` of user 'Jane Doe' must be written in lowercase"
            in done.stderr)
    assert "[O022]" in done.stderr and "[O023]" not in done.stderr  # the misspelt owner counts
    assert done.stderr.rstrip().endswith("fix the 1 error(s) (1 in onboarding.yml) first")


def test_no_packet_without_an_onboarding_file(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    (folder / "onboarding.yml").unlink()
    done = run_cli("packet", "data", cwd=folder)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "meltano-onboard init" in done.stderr


def test_credentials_in_a_url_never_reach_the_packet(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    from onboard_action.facts.organization import packet_data
    from onboard_action.model.onboarding import load_onboarding
    from onboard_action.reporters.packet import render

    (folder / "onboarding.yml").write_text(ONBOARDING.replace(
        "https://github.com/abc/data-platform", "https://jane:ghp_s3cr3t@github.com/abc/data-platform"))
    onboarding = load_onboarding(folder / "onboarding.yml", (folder / "data").resolve())
    data = packet_data(onboarding)
    assert data["projects"][0]["git"]["url"] == "https://github.com/abc/data-platform"
    for fmt in ("json", "markdown"):
        assert "s3cr3t" not in render(data, fmt)
    refused = run_cli("packet", "data", cwd=folder)  # and O030 refuses the file anyway
    assert refused.returncode == 1
    assert "s3cr3t" not in refused.stdout + refused.stderr


def test_no_packet_when_the_configuration_file_targets_another_platform(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    (folder / ".meltano-onboard.toml").write_text('target = "cloud"\n')
    done = run_cli("packet", "data", cwd=folder)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "meltano-onboard: error: `meltano-onboard packet` writes Step 1 of the onboarding guide's Meltano "
        "Cloud (target cloud-2023), but the target is cloud: today's Meltano Cloud onboards through its web "
        "app (a workspace, its members and settings); leave `meltano-onboard packet` out, or make the target "
        "cloud-2023\n")


def test_the_action_refuses_a_packet_file_under_target_self_hosted(tmp_path: Path) -> None:
    folder = workspace(tmp_path / "work")
    inputs = action_inputs(**{"project-dir": "data", "packet-file": "packet.md", "target": "self-hosted"})
    done = run_action(folder, inputs, tmp_path)
    assert done.returncode == 2
    assert "a self-hosted Meltano needs no onboarding packet" in done.stdout
    assert not (folder / "packet.md").exists()
    assert done.outputs["ready"] == "false"
