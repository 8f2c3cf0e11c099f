"""The variables a project references, by Meltano's matching rules: the interface issue 6 imports."""

from __future__ import annotations

import json
from pathlib import Path

from onboard_action.load.loader import load_project
from onboard_action.model.variables import (
    MELTANO_INJECTED,
    Reference,
    is_injected,
    needed_variables,
    provided_by_project,
    references,
    scan,
)
from tests.helpers import REPO, run_cli


def project(tmp_path: Path, text: str, **files: str) -> Path:
    (tmp_path / "meltano.yml").write_text(text, encoding="utf-8")
    for name, content in files.items():
        path = tmp_path / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return tmp_path


MELTANO_YML = """\
version: 1
include_paths:
  - ./extract.meltano.yml
env:
  DBT_TARGET: prod
  DATABASE_URL: postgresql://$DB_USER@${DB_HOST}/warehouse
environments:
  - name: sandbox
    env:
      SNOWFLAKE_DATABASE: SANDBOX
plugins:
  loaders:
    - name: target-snowflake
      variant: meltanolabs
      description: free text $NOT_A_REFERENCE that Meltano never expands
      config:
        password: ${SNOWFLAKE_PASSWORD}
        database: $SNOWFLAKE_DATABASE
        schema: $MELTANO_EXTRACT__LOAD_SCHEMA
        root: ${MELTANO_PROJECT_ROOT}/output
        user: $lower_case_is_text
        host: $Host
jobs:
  - name: not-expanded
    tasks:
      - tap-x $ALSO_NOT_A_REFERENCE
schedules:
  - name: daily
    interval: "@daily"
    job: not-expanded
    env:
      SCHEDULE_TOKEN: $SCHEDULE_SECRET
"""


def test_references_follow_meltanos_matching_and_keep_their_place(tmp_path: Path) -> None:
    root = project(tmp_path, MELTANO_YML,
                   **{"extract.meltano.yml": "plugins:\n  extractors:\n    - name: tap-x\n"
                                             "      config:\n        token: ${tap_x_token}\n"})
    found = references(load_project(root))
    assert [(r.name, r.braced) for r in found] == [
        ("DB_USER", False), ("DB_HOST", True),
        ("SNOWFLAKE_PASSWORD", True), ("SNOWFLAKE_DATABASE", False),
        ("MELTANO_EXTRACT__LOAD_SCHEMA", False), ("MELTANO_PROJECT_ROOT", True),
        ("H", False),  # `$Host` is `$H` followed by text, as in Meltano
        ("SCHEDULE_SECRET", False),
        ("tap_x_token", True),  # braces take any word characters
    ]
    first = found[0]
    assert isinstance(first, Reference)
    assert (first.location.file.name, first.location.line, first.location.column) == ("meltano.yml", 6, 30)
    assert first.location.end_column == 37  # `$DB_USER` exactly
    braced = found[1]
    assert (braced.location.line, braced.location.column, braced.location.end_column) == (6, 39, 48)
    assert found[-1].location.file.name == "extract.meltano.yml"


def test_needed_variables_leave_out_meltanos_own_and_the_projects_env_blocks(tmp_path: Path) -> None:
    loaded = load_project(project(tmp_path, MELTANO_YML))
    assert provided_by_project(loaded) == {"DBT_TARGET", "DATABASE_URL", "SNOWFLAKE_DATABASE",
                                           "SCHEDULE_TOKEN"}
    assert needed_variables(loaded) == ["DB_HOST", "DB_USER", "H", "SCHEDULE_SECRET", "SNOWFLAKE_PASSWORD"]


def test_meltano_injected_names() -> None:
    assert "MELTANO_PROJECT_ROOT" in MELTANO_INJECTED
    assert is_injected("MELTANO_ENVIRONMENT")
    assert is_injected("MELTANO_EXTRACT__LOAD_SCHEMA")
    assert is_injected("MELTANO_EXTRACTOR_NAMESPACE")
    assert is_injected("MELTANO_LOAD_DEFAULT_TARGET_SCHEMA")
    # Settings Meltano reads from the environment are the user's to provide.
    assert not is_injected("MELTANO_DATABASE_URI")
    assert not is_injected("SNOWFLAKE_PASSWORD")


def test_text_that_meltano_leaves_alone_is_found_without_taking_words_out_of_literals(tmp_path: Path) -> None:
    loaded = load_project(project(tmp_path, """\
version: 1
plugins:
  loaders:
    - name: target-x
      namespace: target_x
      config:
        a: $lower
        b: ${URL:-https://user:pw@host}
        c: pa$word
        d: $5 and $.data[*] and ^end$
        e: $Host
"""))
    unexpanded = [(u.written, u.read_as) for u in scan(loaded).unexpanded]
    assert unexpanded == [("$lower", None), ("${URL:-https://user:pw@host}", None), ("$Host", "H")]


def test_the_json_report_and_the_summary_list_the_needed_variables() -> None:
    done = run_cli("check", "examples/multi-file", "--format", "json", cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    facts = json.loads(done.stdout)["facts"]["variables"]
    names = [v["name"] for v in facts]
    assert names == sorted(names)
    assert "TAP_GITHUB_AUTH_TOKEN" in names and "SNOWFLAKE_PASSWORD" in names
    assert "SNOWFLAKE_DATABASE" not in names  # set by every environment's env block
    assert "MELTANO_EXTRACT__LOAD_SCHEMA" not in names
    token = next(v for v in facts if v["name"] == "TAP_GITHUB_AUTH_TOKEN")
    assert token == {"name": "TAP_GITHUB_AUTH_TOKEN",
                     "file": "examples/multi-file/meltano/extractors.meltano.yml", "line": 7, "column": 21,
                     "onboarding": True, "in_secrets": None}  # no secrets.yml in this example
    summary = run_cli("check", "examples/multi-file", "--format", "markdown", cwd=REPO).stdout
    assert "### Environment variables the project needs" in summary
    assert ("| `TAP_GITHUB_AUTH_TOKEN` | `examples/multi-file/meltano/extractors.meltano.yml:7:21` | yes |"
            in summary)


def test_variables_only_other_environments_or_unscheduled_plugins_use_are_told_apart() -> None:
    case = "tests/cases/K009/onboarding-scope"
    done = run_cli("check", case, "--onboarding-file=", "--format", "json", cwd=REPO)
    found = json.loads(done.stdout)["facts"]["variables"]
    facts = {v["name"]: (v["onboarding"], v["in_secrets"]) for v in found}
    assert facts == {
        "CICD_POSTGRES_PASSWORD": (False, False),  # only the cicd environment
        "PIP_TOKEN": (True, False),  # every plugin is installed, scheduled or not
        "POSTGRES_HOST": (True, True),
        "POSTGRES_PASSWORD": (True, False),
        "SANDBOX_SCHEMA": (True, False),  # the onboarding environment
        "SLACK_CHANNEL": (False, False),  # a utility no schedule runs
        "SLACK_WEBHOOK_URL": (False, False),
        "TAP_GITHUB_AUTH_TOKEN": (True, False),
    }
    summary = run_cli("check", case, "--onboarding-file=", "--format", "markdown", cwd=REPO).stdout
    assert "| Variable | First referenced at | Onboarding | In secrets.yml |" in summary
    assert "| `POSTGRES_HOST` | `tests/cases/K009/onboarding-scope/meltano.yml:34:15` | yes | yes |" \
        in summary
    assert ("| `SLACK_CHANNEL` | `tests/cases/K009/onboarding-scope/meltano.yml:43:30` | no: another "
            "environment or an unscheduled plugin | **no** |") in summary
