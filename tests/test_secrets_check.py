"""`check` reads secrets.yml, a key and a .env without showing a value; a plain check loads no crypto."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests import rsa_keys
from tests.helpers import REPO, run_cli, run_probe

CASES = REPO / "tests" / "cases"
FORMATS = ("text", "json", "markdown", "sarif")


def outputs_of(workspace: Path, *args: str) -> str:
    texts = []
    for fmt in FORMATS:
        done = run_cli("check", ".", "--onboarding-file=", "--format", fmt, *args, cwd=workspace)
        assert done.returncode in (0, 1), done.stderr
        texts.append(done.stdout + done.stderr)
    return "\n".join(texts)


def test_a_plain_text_secret_is_reported_but_never_shown(tmp_path: Path) -> None:
    workspace = tmp_path / "project"
    shutil.copytree(CASES / "K003" / "fires", workspace)
    text = outputs_of(workspace)
    assert "[K003]" in text and "POSTGRES_PASSWORD" in text
    assert "hunter2-plain-text" not in text and "5432" not in text


def test_dotenv_problems_and_values_stay_apart(tmp_path: Path) -> None:
    workspace = tmp_path / "project"
    shutil.copytree(REPO / "examples" / "ready", workspace)
    (workspace / "org.pem").write_bytes(rsa_keys.public_pem(2048))
    canary = "canary-Xq7-value"
    (workspace / "prod.env").write_text(
        f"POSTGRES_PASSWORD={canary}\n{canary}-bare\nPOSTGRES_PASSWORD={canary}2\nBIG={canary * 20}\n")
    text = outputs_of(workspace, "--dotenv-path", "prod.env", "--public-key", "org.pem")
    for code in ("K020", "K031", "K033", "K035"):
        assert code in text
    assert canary not in text


def test_the_secrets_fact_lists_names_sizes_and_the_key(tmp_path: Path) -> None:
    workspace = tmp_path / "project"
    shutil.copytree(CASES / "K020" / "fires", workspace)
    report = json.loads(run_cli("check", ".", "--onboarding-file=", "--format", "json",
                                "--public-key", "org.pem", cwd=workspace).stdout)
    fact = report["facts"]["secrets"]
    assert fact["files"] == [{"file": "secrets.yml", "count": 2,
                              "names": ["POSTGRES_HOST", "POSTGRES_PASSWORD"],
                              "key_bits": [2048], "written": False}]
    assert fact["key"]["bits"] == 2048 and len(fact["key"]["fingerprint"]) == 64
    summary = run_cli("check", ".", "--onboarding-file=", "--format", "markdown", cwd=workspace).stdout
    assert "### Secrets" in summary and "`POSTGRES_HOST`, `POSTGRES_PASSWORD`" in summary


def test_a_project_without_secrets_has_no_secrets_fact(tmp_path: Path) -> None:
    report = json.loads(run_cli("check", "examples/ready", "--format", "json", cwd=REPO).stdout)
    assert report["facts"]["secrets"] is None


def test_a_plain_check_does_not_import_the_crypto_libraries() -> None:
    probe = ("import sys, io, contextlib\n"
             "from onboard_action.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    main(['check', 'examples/ready', '--format', 'json'])\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'cryptography', 'dotenv'}))\n")
    assert run_probe(probe).strip() == "[]"
