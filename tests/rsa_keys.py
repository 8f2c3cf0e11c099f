"""Real RSA key pairs for the secrets tests, generated once per test process (never committed)."""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa


@cache
def private_key(bits: int) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def public_pem(bits: int, pkcs1: bool = False) -> bytes:
    fmt = ser.PublicFormat.PKCS1 if pkcs1 else ser.PublicFormat.SubjectPublicKeyInfo
    return private_key(bits).public_key().public_bytes(ser.Encoding.PEM, fmt)


def public_der(bits: int) -> bytes:
    public = private_key(bits).public_key()
    return public.public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo)


def private_pem(bits: int) -> bytes:
    return private_key(bits).private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption())


def private_der(bits: int) -> bytes:
    return private_key(bits).private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption())


def ec_public_pem() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    return key.public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo)


def fingerprint(bits: int) -> str:
    """What Meltano (or `openssl pkey -pubin -outform DER | sha256sum`) shows for the public key."""
    return hashlib.sha256(public_der(bits)).hexdigest()


def decrypt(bits: int, ciphertext_b64: str) -> str:
    """What AWS KMS Decrypt with RSAES_OAEP_SHA_256 returns, done locally with the private key."""
    raw = base64.b64decode(ciphertext_b64, validate=True)
    plaintext = private_key(bits).decrypt(
        raw, padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
    return plaintext.decode("utf-8")
