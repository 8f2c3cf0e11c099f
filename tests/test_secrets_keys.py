"""Public keys: every form Meltano or AWS KMS hands out is accepted; anything else is refused unechoed."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess

import pytest

from onboard_action.errors import UsageError
from onboard_action.secrets.keys import parse_public_key, read_key_file
from tests import rsa_keys


def test_pem_pkcs1_and_der_forms_give_the_same_key_and_fingerprint(tmp_path) -> None:
    spki_fingerprint = hashlib.sha256(rsa_keys.public_der(2048)).hexdigest()
    forms = {
        "spki pem": rsa_keys.public_pem(2048),
        "pkcs1 pem": rsa_keys.public_pem(2048, pkcs1=True),
        "base64 der (AWS KMS GetPublicKey)": base64.b64encode(rsa_keys.public_der(2048)),
        "wrapped base64 der": base64.encodebytes(rsa_keys.public_der(2048)),
        "raw der file": rsa_keys.public_der(2048),
    }
    for label, data in forms.items():
        key = parse_public_key(data, label)
        assert (key.bits, key.fingerprint) == (2048, spki_fingerprint), label
    path = tmp_path / "org.pem"
    path.write_bytes(rsa_keys.public_pem(2048, pkcs1=True))
    assert read_key_file(path, "key").fingerprint == spki_fingerprint


def test_limits_follow_the_modulus() -> None:
    assert parse_public_key(rsa_keys.public_pem(2048), "k").max_plaintext_bytes == 190
    key = parse_public_key(rsa_keys.public_pem(4096), "k")
    assert (key.modulus_bytes, key.max_plaintext_bytes) == (512, 446)


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is not installed")
def test_fingerprint_matches_openssl(tmp_path) -> None:
    pem = tmp_path / "org.pem"
    pem.write_bytes(rsa_keys.public_pem(4096))
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", str(pem), "-outform", "DER"],
                         capture_output=True, check=True).stdout
    assert read_key_file(pem, "key").fingerprint == hashlib.sha256(der).hexdigest()


def _refusal(data: bytes | str) -> str:
    with pytest.raises(UsageError) as caught:
        parse_public_key(data, "the `public-key` input")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("the `public-key` input ")
    return message


def test_private_keys_are_refused_without_echoing_them() -> None:
    pem, der = rsa_keys.private_pem(2048), rsa_keys.private_der(2048)
    body = b"".join(pem.splitlines()[1:-1]).decode()
    for data in (pem, pem.replace(b"PRIVATE KEY", b"RSA PRIVATE KEY"), base64.b64encode(der), der,
                 rsa_keys.public_pem(2048) + pem):
        message = _refusal(data)
        assert "private key" in message
        for chunk in (body[i:i + 12] for i in range(0, len(body), 12)):
            assert chunk not in message


def test_non_rsa_small_and_malformed_keys_are_refused() -> None:
    assert "elliptic-curve (secp256r1)" in _refusal(rsa_keys.ec_public_pem())
    assert "RSA-1024" in _refusal(rsa_keys.public_pem(1024))
    damaged = rsa_keys.public_pem(2048).replace(b"A", b"*", 3)
    assert "malformed PEM" in _refusal(damaged)
    assert "neither a PEM public key nor base64 DER" in _refusal("not a key, at all!")
    assert "not a DER public key" in _refusal(base64.b64encode(b"\x30\x03\x02\x01\x00"))
    assert "OpenSSH" in _refusal("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host")
    certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"
    assert "CERTIFICATE, not a public key" in _refusal(certificate)
    assert "is empty" in _refusal("  \n")


def test_key_file_problems_name_the_file(tmp_path) -> None:
    with pytest.raises(UsageError, match=r"missing\.pem does not exist"):
        read_key_file(tmp_path / "missing.pem", "PUBLIC_KEY missing.pem")
    with pytest.raises(UsageError, match="is a folder"):
        read_key_file(tmp_path, "PUBLIC_KEY .")
