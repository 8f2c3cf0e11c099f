"""Encryption inside the action, run as the runner runs it: masks first, nothing leaks, files intact."""

from __future__ import annotations

import json
import stat
import uuid
from pathlib import Path

import pytest
import yaml

from tests import rsa_keys
from tests.helpers import ActionRun, run_action
from tests.helpers import action_inputs as inputs

NEEDED = ("POSTGRES_HOST", "POSTGRES_PASSWORD", "POSTGRES_USER")  # what examples/ready references



def run(workspace: Path, tmp_path: Path, **given: str) -> ActionRun:
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    return run_action(workspace, inputs(**given), tmp_path, env={"TMPDIR": str(temp)})


def entries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["env"]


def decrypted(bits: int, path: Path) -> dict[str, str]:
    return {e["name"]: rsa_keys.decrypt(bits, e["value"]["ciphertext"]) for e in entries(path)}


def test_dotenv_is_encrypted_into_the_project_folder(example, tmp_path: Path) -> None:
    workspace = example("ready")
    dotenv = "POSTGRES_HOST=db.example\nPOSTGRES_USER=app\nPOSTGRES_PASSWORD='p@ss word'\n"
    done = run(workspace, tmp_path, public_key=rsa_keys.public_pem(4096).decode(), dotenv=dotenv,
               kms_key_id="arn:aws:kms:us-east-1:111122223333:key/abcd")
    assert done.returncode == 0, done.stdout + done.stderr
    output = workspace / "secrets.yml"
    assert decrypted(4096, output) == {"POSTGRES_HOST": "db.example", "POSTGRES_USER": "app",
                                       "POSTGRES_PASSWORD": "p@ss word"}
    assert output.read_text().startswith("kms_key_id: arn:aws:kms:us-east-1:111122223333:key/abcd\nenv:\n")
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert done.outputs["secrets-file"] == "secrets.yml" and done.outputs["secrets-count"] == "3"
    fingerprint = rsa_keys.fingerprint(4096)
    assert f"SHA-256 fingerprint {fingerprint}" in done.stdout
    assert f"`{fingerprint}`" in done.summary and "### Secrets" in done.summary
    assert not [c for c in done.commands if c.name in ("error", "warning")]


def test_secrets_json_gives_only_what_the_project_needs(example, tmp_path: Path) -> None:
    workspace = example("ready")
    secrets = {"POSTGRES_HOST": "from-secrets", "POSTGRES_USER": "u", "POSTGRES_PASSWORD": "pw",
               "TAP_GITHUB_AUTH_TOKEN": "ghp_x", "UNRELATED": "nope", "github_token": "ghs_runner"}
    done = run(workspace, tmp_path, public_key=rsa_keys.public_pem(2048).decode(),
               dotenv="POSTGRES_HOST=from-dotenv\n", secrets=json.dumps(secrets),
               secrets_include="TAP_*, NOT_THERE", secrets_output="build/secrets.yml")
    assert done.returncode == 0, done.stdout
    # .env order first; then the needed and included names from `secrets`, sorted. The .env wins.
    assert decrypted(2048, workspace / "build" / "secrets.yml") == {
        "POSTGRES_HOST": "from-dotenv", "POSTGRES_PASSWORD": "pw", "POSTGRES_USER": "u",
        "TAP_GITHUB_AUTH_TOKEN": "ghp_x"}
    assert [e["name"] for e in entries(workspace / "build" / "secrets.yml")] == [
        "POSTGRES_HOST", "POSTGRES_PASSWORD", "POSTGRES_USER", "TAP_GITHUB_AUTH_TOKEN"]
    assert done.outputs["secrets-file"] == "build/secrets.yml" and done.outputs["secrets-count"] == "4"
    masked = {c.message for c in done.commands if c.name == "add-mask"}
    assert set(secrets.values()) <= masked  # entries not taken are secret too
    assert not (workspace / "secrets.yml").exists()


def test_findings_about_the_key_and_the_dotenv_point_at_the_written_entries(example, tmp_path: Path) -> None:
    workspace = example("ready")
    dotenv = "POSTGRES_HOST=a\nPOSTGRES_USER=u\nPOSTGRES_PASSWORD=${UNSET}x\nPOSTGRES_HOST=b\nEXTRA=1\n"
    done = run(workspace, tmp_path, public_key=rsa_keys.public_pem(2048).decode(), dotenv=dotenv)
    assert done.returncode == 0
    found = {(c.properties.get("title", "").split()[0], c.properties.get("file"), c.properties.get("line"))
             for c in done.commands if c.name in ("warning", "notice")}
    assert found == {("K020", "secrets.yml", "1"), ("K033", "secrets.yml", "2"),
                     ("K034", "secrets.yml", "10"), ("K010", "secrets.yml", "14")}
    messages = [c.message for c in done.commands if c.name == "warning"]
    assert any(m.startswith("the `dotenv` input: line 4 defines the same name as line 1") for m in messages)


def test_masks_come_before_anything_else(example, tmp_path: Path) -> None:
    workspace = example("ready")
    dotenv = 'POSTGRES_PASSWORD="line one\nline two"\nPOSTGRES_HOST=h\nPOSTGRES_USER=u\n'
    done = run(workspace, tmp_path, public_key=rsa_keys.public_pem(2048).decode(), dotenv=dotenv,
               secrets='{"OTHER": "other-value"}', project_dir="no-such-folder")
    assert done.returncode == 2  # settings fail, after the masks
    lines = done.stdout.splitlines()
    first_other = next(i for i, line in enumerate(lines) if not line.startswith("::add-mask::"))
    masks = {c.message for c in done.commands[:first_other]}
    assert {"line one\nline two", "line one", "line two", "h", "u", "other-value"} <= masks
    assert lines[first_other].startswith("::error ")


CANARIES = {
    "POSTGRES_PASSWORD": "canary-dotenv-{}",
    "POSTGRES_USER": "canary-multi-{}-first\ncanary-multi-{}-second",
    "POSTGRES_HOST": "canary-secrets-{}",
    "NOT_TAKEN": "canary-untaken-{}",
    "OVERRIDDEN": "canary-overridden-{}",
}


def test_no_canary_leaks_anywhere(example, tmp_path: Path) -> None:
    workspace = example("ready")
    token = uuid.uuid4().hex
    values = {name: text.format(token, token) for name, text in CANARIES.items()}
    dotenv = (f'POSTGRES_PASSWORD={values["OVERRIDDEN"]}\n'
              f'POSTGRES_USER="{values["POSTGRES_USER"]}"\n'
              f'POSTGRES_PASSWORD={values["POSTGRES_PASSWORD"]}\n'  # a duplicate: a warning about it
              f'UNUSED_DOTENV=${{MISSING}}{values["POSTGRES_PASSWORD"]}\n')
    secrets = json.dumps({"POSTGRES_HOST": values["POSTGRES_HOST"], "NOT_TAKEN": values["NOT_TAKEN"]})
    done = run(workspace, tmp_path, public_key=rsa_keys.public_pem(2048).decode(), dotenv=dotenv,
               secrets=secrets, report_file="report.json", sarif_file="report.sarif")
    assert done.returncode == 0, done.stdout
    pieces = {piece for value in values.values() for piece in value.splitlines()}

    def leaks(text: str) -> list[str]:
        return [piece for piece in pieces if piece in text]

    masked = {c.message for c in done.commands if c.name == "add-mask"}
    assert pieces | set(values.values()) <= masked
    printed = "\n".join(line for line in done.stdout.splitlines() if not line.startswith("::add-mask::"))
    assert leaks(printed) == [] and leaks(done.stderr) == [] and leaks(done.summary) == []
    assert leaks(json.dumps(done.outputs)) == []
    secrets_file = workspace / "secrets.yml"
    scanned = [p for p in tmp_path.rglob("*") if p.is_file() and p != secrets_file]
    assert workspace / "report.json" in scanned and workspace / "report.sarif" in scanned
    for path in scanned:
        assert leaks(path.read_bytes().decode("utf-8", errors="replace")) == [], path
    assert leaks(secrets_file.read_text()) == []
    assert decrypted(2048, secrets_file) == {
        "POSTGRES_PASSWORD": values["POSTGRES_PASSWORD"], "POSTGRES_USER": values["POSTGRES_USER"],
        "UNUSED_DOTENV": values["POSTGRES_PASSWORD"], "POSTGRES_HOST": values["POSTGRES_HOST"]}
    # The warnings the canaries caused did reach the log, by line number.
    titles = [c.properties.get("title", "") for c in done.commands if c.name == "warning"]
    assert any(t.startswith("K033") for t in titles) and any(t.startswith("K034") for t in titles)


PREVIOUS = "env: []\n# the previous file, which a failed run must leave alone\n"


@pytest.mark.parametrize(("given", "expected"), [
    ({"dotenv": "A=1\n"}, "no key is"),
    ({"public_key": "KEY"}, "nothing to encrypt"),
    ({"public_key": "KEY", "public_key_file": "org.pem", "dotenv": "A=1\n"}, "give the key once"),
    ({"public_key": "KEY", "dotenv": "# only comments\n\n"}, "defines no variable"),
    ({"public_key": "KEY", "dotenv": "A=1\nsecret-on-its-own-line\n"}, "line 2 has a name but no `=`"),
    ({"public_key": "KEY", "dotenv": "BIG=" + "x" * 191 + "\n"},
     "BIG is 191 bytes; one value can hold at most 190"),
    ({"public_key": "EC", "dotenv": "A=1\n"}, "elliptic-curve"),
    ({"public_key": "SMALL", "dotenv": "A=1\n"}, "RSA-1024"),
    ({"public_key": "CUT", "dotenv": "A=1\n"}, "malformed PEM"),
    ({"public_key": "PRIVATE", "dotenv": "A=1\n"}, "holds a private key"),
    ({"public_key": "KEY", "secrets": "{not json"}, "not a JSON object (Expecting property name"),
    ({"public_key": "KEY", "secrets": '{"UNRELATED": "x"}'}, "none of the 1 entries"),
    ({"public_key_file": "missing.pem", "dotenv": "A=1\n"}, "public-key-file 'missing.pem' does not exist"),
    ({"public_key": "KEY", "dotenv": "A=1\n", "secrets_output": "../outside.yml"},
     "lies outside the workspace"),
])
def test_refusals_exit_2_and_leave_the_previous_file(example, tmp_path: Path, given: dict,
                                                     expected: str) -> None:
    workspace = example("ready")
    keys = {"KEY": rsa_keys.public_pem(2048), "EC": rsa_keys.ec_public_pem(),
            "SMALL": rsa_keys.public_pem(1024), "PRIVATE": rsa_keys.private_pem(2048),
            "CUT": rsa_keys.public_pem(2048)[:-70] + b"\n-----END PUBLIC KEY-----\n"}
    given = {name: keys[value].decode() if name == "public_key" else value for name, value in given.items()}
    (workspace / "secrets.yml").write_text(PREVIOUS)
    before = sorted(p.relative_to(workspace) for p in workspace.rglob("*"))
    done = run(workspace, tmp_path, **given)
    assert done.returncode == 2
    errors = [c for c in done.commands if c.name == "error"]
    assert len(errors) == 1 and expected in errors[0].message, errors
    assert [c.name for c in done.commands if c.name != "add-mask"] == ["error"]
    assert (workspace / "secrets.yml").read_text() == PREVIOUS
    assert sorted(p.relative_to(workspace) for p in workspace.rglob("*")) == before
    assert "**Not checked**" in done.summary, "the summary says what was wrong, without the key"
    key_lines = [line for line in given.get("public_key", "").splitlines() if not line.startswith("-----")]
    printed = "\n".join(line for line in done.stdout.splitlines() if not line.startswith("::add-mask::"))
    assert not [line for line in key_lines if line in printed + done.stderr + done.summary]


def test_without_any_secret_input_nothing_is_encrypted(example, tmp_path: Path) -> None:
    workspace = example("ready")
    done = run(workspace, tmp_path)
    assert done.returncode == 0
    assert done.outputs["secrets-file"] == "" and done.outputs["secrets-count"] == "0"
    assert "::add-mask::" not in done.stdout and not (workspace / "secrets.yml").exists()


def test_a_dotenv_that_cannot_be_encrypted_leaks_no_value_into_the_summary(example, tmp_path: Path) -> None:
    workspace = example("ready")
    canary = uuid.uuid4().hex
    dotenv = f"POSTGRES_PASSWORD={canary}\nnot a line of a .env {canary}\n1BAD={canary}\n"
    done = run(workspace, tmp_path, public_key=rsa_keys.public_pem(2048).decode(), dotenv=dotenv)
    assert done.returncode == 2
    assert done.outputs == {"ready": "false"} and "**Not checked**" in done.summary
    assert "line 2" in done.summary
    printed = "\n".join(line for line in done.stdout.splitlines() if not line.startswith("::add-mask::"))
    assert canary not in printed + done.stderr + done.summary
