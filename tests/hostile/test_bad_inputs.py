"""Inputs a workflow author can get wrong: exit 2 and one line that says which input and what to do.

tests/test_action.py holds the first misuse cases (an unknown `fail-on`, an
unknown rule code, `project-dir: ../`, a report file outside); these are the
stranger ones: line breaks, malformed lists, JSON that is not an object, and
every path input leaving the workspace.
"""

from __future__ import annotations

import pytest

from tests import rsa_keys
from tests.hostile.conftest import Hostile, only_usage_error

KEY = "KEY"  # replaced by a real public key


def with_key(**given: str) -> dict[str, str]:
    return {"public_key": KEY, **given}


CASES = {
    "fail-on-two-lines": ({"fail_on": "error\nnever"},
                          "fail-on must be one of error, warning, notice, never"),
    "fail-on-unicode": ({"fail_on": "érror"}, "fail-on must be one of"),
    "ignore-semicolons": ({"ignore": "F001;F002"}, "ignore: unknown rule code(s) F001;F002"),
    "ignore-letter-o": ({"ignore": "F0O1"}, "ignore: unknown rule code(s) F0O1"),
    "ignore-empty-items-and-unknown": ({"ignore": "F001,,Z9"}, "unknown rule code(s) Z9"),
    "severity-without-level": ({"severity": "F001"},
                               "severity: expected CODE=error|warning|notice, got 'F001'"),
    "severity-unknown-level": ({"severity": "F001=fatal"}, "severity: unknown severity 'fatal'"),
    "severity-without-code": ({"severity": "=error"}, "severity: unknown rule code"),
    "severity-two-equals": ({"severity": "F001=error=warning"},
                            "severity: unknown severity 'error=warning'"),
    "secrets-json-array": (with_key(secrets="[1, 2]"), "the `secrets` input is not a JSON object (it holds a "
                                                       "JSON list, not an object)"),
    "secrets-json-string": (with_key(secrets='"A=1"'), "it holds a JSON str, not an object"),
    "secrets-json-null": (with_key(secrets="null"), "it holds a JSON NoneType, not an object"),
    "secrets-nested-too-deep": (with_key(secrets="[" * 50_000 + "]" * 50_000), "it is nested too deeply"),
    "secrets-without-a-key": ({"secrets": '{"A": "1"}'}, "dotenv/secrets are set but no key is"),
    "project-dir-absolute": ({"project_dir": "/etc"}, "project-dir '/etc' lies outside the workspace"),
    "project-dir-dotdot-inside": ({"project_dir": "data/../../x"}, "lies outside the workspace"),
    "sarif-file-outside": ({"sarif_file": "../x.sarif"},
                           "sarif-file '../x.sarif' lies outside the workspace"),
    "packet-file-absolute": ({"packet_file": "/tmp/packet.md"}, "packet-file '/tmp/packet.md' lies outside"),
    "report-file-dotdot": ({"report_file": "a/../../r.json"}, "report-file 'a/../../r.json' lies outside"),
    "secrets-output-absolute": (with_key(dotenv="A=1\n", secrets_output="/tmp/secrets.yml"),
                                "secrets-output '/tmp/secrets.yml' lies outside the workspace"),
    "public-key-file-outside": ({"public_key_file": "../key.pem", "dotenv": "A=1\n"},
                                "public-key-file '../key.pem' lies outside the workspace"),
    "onboarding-file-absolute": ({"onboarding_file": "/etc/passwd"},
                                 "onboarding-file '/etc/passwd' lies outside the workspace"),
    "onboarding-file-dotdot": ({"onboarding_file": "../onboarding.yml"},
                               "onboarding-file '../onboarding.yml' lies outside the workspace"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_exit_2_and_one_line(hostile: Hostile, case: str) -> None:
    given, says = CASES[case]
    if given.get("public_key") == KEY:
        given = {**given, "public_key": rsa_keys.public_pem(2048).decode()}
    hostile.ready_project()
    message = only_usage_error(hostile.action(**given))
    assert says in message, message


def test_a_bad_fixed_time_is_exit_2(hostile: Hostile) -> None:
    hostile.ready_project()
    message = only_usage_error(hostile.action(env={"MELTANO_ONBOARD_NOW": "tomorrow\n::error::x"}))
    assert message.startswith("MELTANO_ONBOARD_NOW must be an ISO 8601 time")


def test_secrets_that_are_not_an_object_are_masked_never_echoed(hostile: Hostile) -> None:
    hostile.ready_project()
    secret = "s3cr3t-" + "x" * 20
    run = hostile.action(public_key=rsa_keys.public_pem(2048).decode(), secrets=f'["{secret}"]')
    only_usage_error(run)
    shown = "\n".join(line for line in run.stdout.splitlines() if not line.startswith("::add-mask::"))
    assert secret not in shown
    assert any(c.name == "add-mask" and secret in c.message for c in run.commands)


# The configuration file comes from the repository, so from the pull request.
CONFIG_FILES = {
    "config-nested-too-deep": (b"ignore = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
                               ".meltano-onboard.toml: values nested too deeply"),
    "config-too-large": (b"# " + b"x" * (2 * 1024 * 1024) + b"\n", ".meltano-onboard.toml is larger than"),
    "config-key-forges-a-command": (b'"x\\n::error::forged" = 1\n',
                                    ".meltano-onboard.toml:1: unknown key 'x\\n::error::forged'"),
}


@pytest.mark.parametrize("case", CONFIG_FILES)
def test_a_hostile_configuration_file_is_exit_2_and_one_line(hostile: Hostile, case: str) -> None:
    content, says = CONFIG_FILES[case]
    hostile.ready_project()
    (hostile.workspace / ".meltano-onboard.toml").write_bytes(content)
    message = only_usage_error(hostile.action())
    assert message.startswith(says), message


def test_a_configuration_file_linked_from_outside_is_not_read(hostile: Hostile) -> None:
    hostile.ready_project()
    outside = hostile.tmp_path / "outside.toml"
    outside.write_text('fail-on = "never"\nignore = ["F001"]\n', encoding="utf-8")
    (hostile.workspace / "pyproject.toml").symlink_to(outside)
    message = only_usage_error(hostile.action())
    assert message.startswith("pyproject.toml is a symbolic link that leads out of the workspace")
