"""The organization's public key: RSA only, public only, big enough, and never echoed.

Accepted forms: PEM SubjectPublicKeyInfo (`BEGIN PUBLIC KEY`), PEM PKCS#1
(`BEGIN RSA PUBLIC KEY`), and DER SubjectPublicKeyInfo as AWS KMS
`GetPublicKey` returns it, either base64-encoded or as raw bytes in a file.
Every error names where the key came from (`origin`) and never quotes it: a
private key pasted by mistake must not end up in a log.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path
from typing import Any

from msgspec import Struct

from onboard_action.errors import UsageError
from onboard_action.fileio import read_regular
from onboard_action.records import repr_without

MIN_BITS = 2048
# Meltano's organization keys are RSA-4096; anything smaller is suspicious.
RECOMMENDED_BITS = 4096
# RSAES-OAEP with SHA-256 adds 2 * 32 + 2 bytes to every plaintext.
OAEP_SHA256_OVERHEAD = 2 * 32 + 2
# A public key is a few hundred bytes; a bigger file is something else.
MAX_KEY_BYTES = 64 * 1024

_PEM_LABEL = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----")
_PRIVATE_HINT = ("never share it; paste the organization's public key (`-----BEGIN PUBLIC KEY-----`) "
                 "instead, and treat this private key as exposed wherever it was stored")


class PublicKey(Struct, frozen=True):
    rsa: Any  # cryptography's RSAPublicKey
    bits: int
    fingerprint: str  # SHA-256 of the DER SubjectPublicKeyInfo, lowercase hex
    origin: str  # how messages name the key: "public-key", "public-key-file keys/org.pem"
    path: Path | None = None  # the key file, when it came from one

    __repr__ = repr_without("rsa")

    @property
    def modulus_bytes(self) -> int:
        """k: the size of every ciphertext made with this key."""
        return (self.bits + 7) // 8

    @property
    def max_plaintext_bytes(self) -> int:
        """The largest value (UTF-8 bytes) one OAEP-SHA-256 block can hold."""
        return self.modulus_bytes - OAEP_SHA256_OVERHEAD


def read_key_file(path: Path, origin: str) -> PublicKey:
    try:
        data = read_regular(path, MAX_KEY_BYTES)
        if len(data) > MAX_KEY_BYTES:
            raise UsageError(f"{origin} is larger than {MAX_KEY_BYTES:,} bytes, too large to be a public "
                             "key: point it at the organization's public key file")
    except FileNotFoundError:
        raise UsageError(f"{origin} does not exist: point it at the organization's public key file") from None
    except IsADirectoryError:
        raise UsageError(f"{origin} is a folder: point it at the organization's public key file") from None
    except OSError as exc:
        raise UsageError(f"{origin} cannot be read ({exc.strerror or type(exc).__name__})") from None
    return parse_public_key(data, origin, path)


def parse_public_key(data: bytes | str, origin: str, path: Path | None = None) -> PublicKey:
    """Load an RSA public key from PEM, base64 DER or raw DER; UsageError otherwise."""
    raw = data.encode("utf-8", errors="replace") if isinstance(data, str) else data
    if not raw.strip():
        raise UsageError(f"{origin} is empty: give the organization's public key (PEM)")
    if raw[:1] == b"\x30":  # an ASN.1 SEQUENCE: raw DER, e.g. saved from `aws kms get-public-key`
        key = _from_der(raw, origin)
    else:
        text = raw.decode("utf-8", errors="replace").strip()
        labels = _PEM_LABEL.findall(text)
        if any("PRIVATE" in label for label in labels):
            raise UsageError(f"{origin} holds a private key, which is refused: {_PRIVATE_HINT}")
        if labels:
            key = _from_pem(text, labels[0], origin)
        elif text.startswith(("ssh-", "ecdsa-")):
            raise UsageError(f"{origin} is an OpenSSH public key; convert it to PEM "
                             "(`ssh-keygen -e -m PKCS8 -f KEY.pub`) or use the PEM key Meltano gave you")
        else:
            try:
                der = base64.b64decode("".join(text.split()), validate=True)
            except (binascii.Error, ValueError):
                raise UsageError(f"{origin} is neither a PEM public key nor base64 DER: give the "
                                 "organization's public key as PEM (`-----BEGIN PUBLIC KEY-----`)") from None
            key = _from_der(der, origin)
    return _checked(key, origin, path)


def _from_pem(text: str, label: str, origin: str) -> Any:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    if label not in ("PUBLIC KEY", "RSA PUBLIC KEY"):
        raise UsageError(f"{origin} holds a PEM {label}, not a public key: give the organization's "
                         "public key (`-----BEGIN PUBLIC KEY-----`)")
    try:
        return load_pem_public_key(text.encode("ascii", errors="replace"))
    except (ValueError, UnsupportedAlgorithm):
        # cryptography's message is generic; ours says where and what to do.
        raise UsageError(f"{origin} is a malformed PEM public key (damaged base64 or cut lines?): "
                         "copy the whole key again, from -----BEGIN to -----END") from None


def _from_der(der: bytes, origin: str) -> Any:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.serialization import load_der_private_key, load_der_public_key

    try:
        return load_der_public_key(der)
    except (ValueError, UnsupportedAlgorithm):
        pass
    try:
        load_der_private_key(der, password=None)
    except TypeError:  # an encrypted private key: still a private key
        pass
    except (ValueError, UnsupportedAlgorithm):
        raise UsageError(f"{origin} is not a DER public key: give the organization's public key as "
                         "PEM, or the base64 `PublicKey` that AWS KMS GetPublicKey returns") from None
    raise UsageError(f"{origin} holds a private key, which is refused: {_PRIVATE_HINT}")


def _checked(key: Any, origin: str, path: Path | None) -> PublicKey:
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    if not isinstance(key, rsa.RSAPublicKey):
        raise UsageError(f"{origin} is {_kind(key)} key; Meltano Cloud decrypts with RSA "
                         "(RSAES_OAEP_SHA_256): use the organization's RSA public key")
    bits = key.key_size
    if bits < MIN_BITS:
        raise UsageError(f"{origin} is an RSA-{bits} key, too weak to protect secrets (at least "
                         f"{MIN_BITS} bits, and Meltano's keys are {RECOMMENDED_BITS}): use the "
                         "organization's public key")
    der = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    import hashlib  # only when a key is read

    return PublicKey(key, bits, hashlib.sha256(der).hexdigest(), origin, path)


def _kind(key: Any) -> str:
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, x448, x25519

    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"an elliptic-curve ({key.curve.name})"
    names = {ed25519.Ed25519PublicKey: "an Ed25519", ed448.Ed448PublicKey: "an Ed448",
             x25519.X25519PublicKey: "an X25519", x448.X448PublicKey: "an X448",
             dsa.DSAPublicKey: "a DSA"}
    for cls, name in names.items():
        if isinstance(key, cls):
            return name
    return "a non-RSA"
