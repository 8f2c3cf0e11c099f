"""secrets.yml byte for byte as the format notes show it (docs: kms-secrets.md)."""

from __future__ import annotations

import os
import stat

import pytest
import yaml

from onboard_action.secrets.secrets_file import EncryptedEntry, encrypt_entries, render, write


def fake_ciphertext(value: str) -> str:
    # Deterministic stand-in for OAEP, so the layout can be compared exactly.
    return "Q0lQSEVS+/" + str(len(value)) + "=="


def test_layout_matches_the_spec_with_a_key_id() -> None:
    entries = encrypt_entries([("DATABASE_PASSWORD", "abc"), ("TAP_GITHUB_AUTH_TOKEN", "tok3n")],
                              fake_ciphertext)
    text = render(entries, "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab")
    assert text == (
        "kms_key_id: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab\n"
        "env:\n"
        "- name: DATABASE_PASSWORD\n"
        "  value:\n"
        "    ciphertext: Q0lQSEVS+/3==\n"
        "    scheme: RSAES_OAEP_SHA_256\n"
        "- name: TAP_GITHUB_AUTH_TOKEN\n"
        "  value:\n"
        "    ciphertext: Q0lQSEVS+/5==\n"
        "    scheme: RSAES_OAEP_SHA_256\n"
    )


def test_layout_without_key_id_and_when_empty() -> None:
    assert render([EncryptedEntry("A", "eA==")]) == (
        "env:\n- name: A\n  value:\n    ciphertext: eA==\n    scheme: RSAES_OAEP_SHA_256\n")
    assert render([]) == "env: []\n"


def test_a_684_character_ciphertext_stays_on_one_line() -> None:
    ciphertext = "A" * 682 + "=="
    text = render([EncryptedEntry("A", ciphertext)])
    assert f"    ciphertext: {ciphertext}\n" in text
    assert "\r" not in text and not text.startswith("---")


@pytest.mark.parametrize("name", ["ON", "yes", "NULL", "Y", "True", "_1"])
def test_names_yaml_would_misread_are_quoted_and_read_back_as_text(name: str) -> None:
    text = render([EncryptedEntry(name, "eA==")], "1234")
    data = yaml.safe_load(text)
    assert data["env"][0]["name"] == name and data["kms_key_id"] == "1234"


def test_written_owner_only_and_replaced_atomically(tmp_path) -> None:
    target = tmp_path / "secrets.yml"
    target.write_text("old\n")
    os.chmod(target, 0o644)
    write(target, "env: []\n")
    assert target.read_text() == "env: []\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secrets.yml"]
