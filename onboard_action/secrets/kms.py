"""RSAES-OAEP SHA-256 encryption of one value, exactly as AWS KMS `RSAES_OAEP_SHA_256` decrypts it."""

from __future__ import annotations

import base64

from onboard_action.secrets.keys import PublicKey

SCHEME = "RSAES_OAEP_SHA_256"
# Decoded ciphertext sizes of the RSA keys AWS KMS offers (2048, 3072, 4096 bits).
MODULUS_BYTES = (256, 384, 512)


class ValueTooLarge(ValueError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} bytes, limit {limit}")
        self.size = size
        self.limit = limit


def encrypt_value(key: PublicKey, value: str) -> str:
    """One value as standard base64 on one line. Randomized: each call differs."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    plaintext = value.encode("utf-8")
    if len(plaintext) > key.max_plaintext_bytes:
        # cryptography would fail with "Encryption/decryption failed"; callers
        # check sizes first and name the variable, this is the last guard.
        raise ValueTooLarge(len(plaintext), key.max_plaintext_bytes)
    ciphertext = key.rsa.encrypt(
        plaintext,
        padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
    )
    return base64.b64encode(ciphertext).decode("ascii")
