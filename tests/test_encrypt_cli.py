"""`meltano-onboard encrypt`, run as users run it: real keys, real files, decrypted back."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
import yaml
from dotenv import dotenv_values

from tests import rsa_keys
from tests.dotenv_corpus import CORPUS, NAMES_REFERENCED_NOT_DEFINED
from tests.helpers import run_cli

LIMITS = {2048: 190, 4096: 446}


def decrypted(bits: int, path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in data["env"]:
        assert item["value"]["scheme"] == "RSAES_OAEP_SHA_256"
        assert len(item["value"]["ciphertext"]) == 4 * ((bits // 8 + 2) // 3)  # 344 or 684 characters
    return {item["name"]: rsa_keys.decrypt(bits, item["value"]["ciphertext"]) for item in data["env"]}


@pytest.mark.parametrize("bits", [2048, 4096])
def test_round_trip_matches_python_dotenv(bits: int, tmp_path: Path, monkeypatch) -> None:
    limit = LIMITS[bits]
    # Exactly at the limit, counted in UTF-8 bytes: "é" is two of them.
    at_limit = "é" * (limit // 2) + "x" * (limit % 2)
    env_text = CORPUS + f'AT_LIMIT="{at_limit}"\n'
    (tmp_path / ".env").write_text(env_text, encoding="utf-8")
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(bits))
    done = run_cli("encrypt", "org.pem", "--dotenv-path", ".env", "--output-path", "secrets.yml",
                   cwd=tmp_path, stdin="")
    assert done.returncode == 0, done.stderr
    assert f"RSA-{bits}" in done.stdout and "SHA-256 fingerprint" in done.stdout
    for name in NAMES_REFERENCED_NOT_DEFINED:
        monkeypatch.delenv(name, raising=False)
    expected = dotenv_values(stream=io.StringIO(env_text))
    assert len(expected["AT_LIMIT"].encode()) == limit
    output = tmp_path / "secrets.yml"
    assert decrypted(bits, output) == expected
    assert [item["name"] for item in yaml.safe_load(output.read_text())["env"]] == list(expected)
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env", "org.pem", "secrets.yml"]


def test_every_run_gives_new_ciphertexts_and_the_same_plaintexts(tmp_path: Path) -> None:
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(2048, pkcs1=True))
    (tmp_path / ".env").write_text("A=same\n")
    texts = []
    for _ in range(2):
        assert run_cli("encrypt", "org.pem", cwd=tmp_path, stdin="").returncode == 0
        texts.append((tmp_path / "secrets.yml").read_text())
        assert decrypted(2048, tmp_path / "secrets.yml") == {"A": "same"}
    assert texts[0] != texts[1]


def test_kms_key_id_comes_first(tmp_path: Path) -> None:
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(2048))
    (tmp_path / ".env").write_text("A=1\n")
    done = run_cli("encrypt", "org.pem", "--kms-key-id", "arn:aws:kms:eu-west-1:1:key/k",
                   cwd=tmp_path, stdin="")
    assert done.returncode == 0
    text = (tmp_path / "secrets.yml").read_text()
    assert text.startswith("kms_key_id: arn:aws:kms:eu-west-1:1:key/k\nenv:\n")


def test_dotenv_from_standard_input(tmp_path: Path) -> None:
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(2048))
    (tmp_path / ".env").write_text("FROM_FILE=1\n")
    for args in (["--dotenv-path", "-"], []):
        done = run_cli("encrypt", "org.pem", *args, cwd=tmp_path, stdin="FROM_STDIN=2\n")
        assert done.returncode == 0, done.stderr
        assert "standard input" in done.stdout
        assert decrypted(2048, tmp_path / "secrets.yml") == {"FROM_STDIN": "2"}
    # Nothing piped (CI often connects /dev/null): kms-ext's default, .env.
    assert run_cli("encrypt", "org.pem", cwd=tmp_path, stdin="").returncode == 0
    assert decrypted(2048, tmp_path / "secrets.yml") == {"FROM_FILE": "1"}


def test_warnings_name_lines_only(tmp_path: Path) -> None:
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(2048))
    (tmp_path / ".env").write_text("A=first-Zq\nA=second-Zq\nB=${MISSING}\n")
    done = run_cli("encrypt", "org.pem", cwd=tmp_path, stdin="")
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert [line.split(": ")[2] for line in lines] == [
        "'.env'", "'.env'", "the public key is RSA-2048; Meltano's organization keys are RSA-4096"]
    assert "line 2 defines the same name as line 1" in lines[0]
    assert "line 3 uses `${...}`" in lines[1]
    assert "Zq" not in done.stderr + done.stdout
    assert decrypted(2048, tmp_path / "secrets.yml") == {"A": "second-Zq", "B": ""}


PREVIOUS = "env:\n- name: KEEP\n  value:\n    ciphertext: previous\n    scheme: RSAES_OAEP_SHA_256\n"


def _failure(tmp_path: Path, key: bytes | None, env: str | None, *args: str) -> str:
    if key is not None:
        (tmp_path / "org.pem").write_bytes(key)
    if env is not None:
        (tmp_path / ".env").write_text(env, encoding="utf-8")
    output = tmp_path / "secrets.yml"
    output.write_text(PREVIOUS)
    before = sorted(p.name for p in tmp_path.iterdir())
    done = run_cli("encrypt", "org.pem", "--dotenv-path", ".env", *args, cwd=tmp_path, stdin="")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("meltano-onboard: error: ") and done.stderr.count("\n") == 1
    assert output.read_bytes() == PREVIOUS.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary file left behind
    return done.stderr


def test_a_value_over_the_limit_is_named_with_its_size_and_the_limit(tmp_path: Path) -> None:
    message = _failure(tmp_path, rsa_keys.public_pem(2048), "OK=1\nBIG_ONE=" + "s" * 191 + "\n")
    assert "BIG_ONE is 191 bytes" in message and "at most 190 bytes" in message
    assert "s" * 20 not in message


def test_refused_keys(tmp_path: Path) -> None:
    env = "A=1\n"
    assert "elliptic-curve" in _failure(tmp_path, rsa_keys.ec_public_pem(), env)
    assert "RSA-1024" in _failure(tmp_path, rsa_keys.public_pem(1024), env)
    cut = rsa_keys.public_pem(2048)[:-60] + b"\n-----END PUBLIC KEY-----\n"
    assert "malformed PEM" in _failure(tmp_path, cut, env)
    private = rsa_keys.private_pem(2048)
    message = _failure(tmp_path, private, env)
    assert "private key" in message
    assert not any(line.decode() in message for line in private.splitlines()[1:-1])
    (tmp_path / "org.pem").unlink()
    assert "PUBLIC_KEY 'org.pem' does not exist" in _failure(tmp_path, None, env)


def test_refused_dotenv_files(tmp_path: Path) -> None:
    key = rsa_keys.public_pem(2048)
    assert "defines no variable" in _failure(tmp_path, key, "")
    assert "defines no variable" in _failure(tmp_path, key, "# only a comment\n\n")
    (tmp_path / ".env").unlink()
    assert "'.env' does not exist" in _failure(tmp_path, key, None)
    message = _failure(tmp_path, key, "A=1\nsecret-fragment-Zq\nB=\"unclosed-Zq\n")
    assert "line 2 has a name but no `=`" in message and "line 3 cannot be parsed" in message
    assert "Zq" not in message
    (tmp_path / ".env").write_bytes(b"A=1\nB=\xff\n")
    assert "not UTF-8 text (invalid byte on line 2)" in _failure(tmp_path, key, None)


def test_the_encrypted_file_never_replaces_what_it_is_made_from(tmp_path: Path) -> None:
    key, env = rsa_keys.public_pem(2048), "A=1\n"
    message = _failure(tmp_path, key, env, "--output-path", ".env")
    assert message == ("meltano-onboard: error: --output-path '.env' is the .env to encrypt; writing it "
                       "would replace that file: choose another path\n")
    assert (tmp_path / ".env").read_text(encoding="utf-8") == env
    assert "'org.pem' is the public key" in _failure(tmp_path, key, env, "--output-path", "./org.pem")
    assert (tmp_path / "org.pem").read_bytes() == key
    (tmp_path / "meltano.yml").write_text("version: 1\n", encoding="utf-8")
    assert "is the project's meltano.yml" in _failure(tmp_path, key, env, "--output-path", "meltano.yml")
    assert "inside a `.git` folder" in _failure(tmp_path, key, env, "--output-path", ".git/secrets.yml")
    # The advice followed: another path is written, and holds the .env's variables.
    done = run_cli("encrypt", "org.pem", "--dotenv-path", ".env", "--output-path", "out/secrets.yml",
                   cwd=tmp_path, stdin="")
    assert done.returncode == 0, done.stderr
    assert decrypted(2048, tmp_path / "out" / "secrets.yml") == {"A": "1"}


def test_a_byte_order_mark_does_not_stick_to_the_first_name(tmp_path: Path) -> None:
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(2048))
    (tmp_path / ".env").write_bytes("A=1\n".encode("utf-8-sig"))
    assert run_cli("encrypt", "org.pem", cwd=tmp_path, stdin="").returncode == 0
    assert decrypted(2048, tmp_path / "secrets.yml") == {"A": "1"}


def test_the_guides_literal_form_round_trips_and_matches_the_flag_form(tmp_path: Path) -> None:
    """Step 2: `meltano-onboard encrypt <kms_key_id> <pubkey_file_path> --dotenv-path --output-path`."""
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(2048))
    (tmp_path / "prod.env").write_text("A=1\nB='two words'\n")
    key_id = "arn:aws:kms:eu-west-1:1:key/k"
    guide = run_cli("encrypt", key_id, "org.pem", "--dotenv-path", "prod.env",
                    "--output-path", "guide.yml", cwd=tmp_path, stdin="")
    flags = run_cli("encrypt", "org.pem", "--kms-key-id", key_id, "--dotenv-path", "prod.env",
                    "--output-path", "flags.yml", cwd=tmp_path, stdin="")
    assert guide.returncode == flags.returncode == 0, guide.stderr + flags.stderr
    assert decrypted(2048, tmp_path / "guide.yml") == decrypted(2048, tmp_path / "flags.yml") == {
        "A": "1", "B": "two words"}

    def layout(name: str) -> object:  # the same keys and names; only the ciphertexts differ
        data = yaml.safe_load((tmp_path / name).read_text())
        return [data["kms_key_id"], [(e["name"], sorted(e["value"])) for e in data["env"]], list(data)]
    assert layout("guide.yml") == layout("flags.yml")


def test_the_key_id_given_two_different_ways_is_refused(tmp_path: Path) -> None:
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(2048))
    (tmp_path / ".env").write_text("A=1\n")
    done = run_cli("encrypt", "key/one", "org.pem", "--kms-key-id", "key/two", cwd=tmp_path, stdin="")
    assert done.returncode == 2
    assert "given twice" in done.stderr
    assert not (tmp_path / "secrets.yml").exists()


ONBOARDED_PROJECT = """\
version: 1
environments:
  - name: sandbox
  - name: cicd
    config:
      plugins:
        loaders:
          - name: target-postgres
            config:
              password: ${CICD_POSTGRES_PASSWORD}
plugins:
  extractors:
    - name: tap-github
      namespace: tap_github
  loaders:
    - name: target-postgres
      namespace: target_postgres
      config:
        host: $POSTGRES_HOST
        user: $POSTGRES_USER
        password: ${POSTGRES_PASSWORD}
  utilities:
    - name: slack-notify
      namespace: slack_notify
      config:
        webhook: ${SLACK_WEBHOOK_URL}
jobs:
  - name: github-to-postgres
    tasks: [tap-github target-postgres]
schedules:
  - name: daily
    interval: "0 6 * * *"
    job: github-to-postgres
"""


def test_every_missing_variable_is_named_with_its_use_before_anything_is_written(tmp_path: Path) -> None:
    # Two variables the scheduled job needs are missing; the cicd environment's password and the
    # unscheduled utility's webhook are not what onboarding runs read, so they are not demanded.
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(2048))
    (tmp_path / "meltano.yml").write_text(ONBOARDED_PROJECT)
    (tmp_path / ".env").write_text("POSTGRES_HOST=db\nCANARY_SECRET=canary-value-Zq\n")
    done = run_cli("encrypt", "org.pem", "--dotenv-path", ".env", cwd=tmp_path, stdin="")
    assert done.returncode == 2
    assert not (tmp_path / "secrets.yml").exists()
    assert done.stderr == (
        "meltano-onboard: error: nothing written: 2 problem(s): POSTGRES_PASSWORD is not in '.env'; "
        "onboarding runs in environment 'sandbox' use it at meltano.yml:21:19; POSTGRES_USER is not in "
        "'.env'; onboarding runs in environment 'sandbox' use it at meltano.yml:20:15; add what is missing "
        "to '.env' and shorten what is too large, then encrypt again\n")
    assert "canary-value-Zq" not in done.stdout + done.stderr
    # Given them, it encrypts: nothing else was demanded.
    (tmp_path / ".env").write_text("POSTGRES_HOST=db\nPOSTGRES_USER=u\nPOSTGRES_PASSWORD=p\n")
    done = run_cli("encrypt", "org.pem", "--dotenv-path", ".env", cwd=tmp_path, stdin="")
    assert done.returncode == 0, done.stderr
    assert decrypted(2048, tmp_path / "secrets.yml") == {"POSTGRES_HOST": "db", "POSTGRES_USER": "u",
                                                          "POSTGRES_PASSWORD": "p"}


def test_encrypt_demands_what_the_checks_k036_reports(tmp_path: Path) -> None:
    # One answer for both (rules/secrets_file.missing_for_onboarding), also for another environment.
    (tmp_path / "org.pem").write_bytes(rsa_keys.public_pem(2048))
    (tmp_path / "meltano.yml").write_text(ONBOARDED_PROJECT)
    (tmp_path / ".env").write_text("POSTGRES_HOST=db\nPOSTGRES_USER=u\nPOSTGRES_PASSWORD=p\n")
    check = run_cli("check", ".", "--dotenv-path", ".env", "--onboarding-file", "", "--environment", "cicd",
                    "--format", "text", cwd=tmp_path)
    assert [line.split(": error: ")[1].split(" is used")[0]
            for line in check.stdout.splitlines() if line.endswith("[K036]")] == ["CICD_POSTGRES_PASSWORD"]
    done = run_cli("encrypt", "org.pem", "--dotenv-path", ".env", "--environment", "cicd", cwd=tmp_path,
                   stdin="")
    assert done.returncode == 2
    assert ("1 problem(s): CICD_POSTGRES_PASSWORD is not in '.env'; onboarding runs in environment 'cicd' "
            "use it at meltano.yml:10:25;") in done.stderr
    assert not (tmp_path / "secrets.yml").exists()
    # The onboarding file's environment for the project, as the check reads it.
    (tmp_path / "onboarding.yml").write_text("projects:\n  - root: .\n    environment: cicd\n")
    done = run_cli("encrypt", "org.pem", "--dotenv-path", ".env", cwd=tmp_path, stdin="")
    assert "CICD_POSTGRES_PASSWORD is not in '.env'; onboarding runs in environment 'cicd'" in done.stderr
    assert not (tmp_path / "secrets.yml").exists()


def test_check_without_a_key_measures_values_against_an_rsa_4096_key(tmp_path: Path) -> None:
    (tmp_path / "meltano.yml").write_text("version: 1\n")
    (tmp_path / ".env").write_text("BIG=" + "s" * 447 + "\nFITS=" + "s" * 446 + "\n")
    done = run_cli("check", ".", "--dotenv-path", ".env", "--onboarding-file", "", cwd=tmp_path)
    lines = [line for line in done.stdout.splitlines() if "[K035]" in line]
    assert lines == [".env:1:1: error: the value of BIG is 447 bytes; one value can hold at most 446 bytes "
                     "under an RSA-4096 key (assumed: no --public-key was given); shorten the value or keep "
                     "large material (certificates, key files) out of the .env [K035]"]
