"""secrets.yml, kms-ext's layout byte for byte.

```yaml
kms_key_id: arn:aws:kms:...        # only when given
env:
- name: DATABASE_PASSWORD
  value:
    ciphertext: <base64, one line>
    scheme: RSAES_OAEP_SHA_256
```

Block style, keys in this order, the `env:` list not indented, no `---`,
LF line endings, a newline at the end, `env: []` when empty. PyYAML's
`safe_dump` writes exactly this with the options below, and quotes a name or
key id only where YAML would otherwise misread it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import yaml
from msgspec import Struct

from onboard_action.fileio import Owner, atomic_write_text
from onboard_action.secrets.kms import SCHEME

FILE_NAME = "secrets.yml"  # where Meltano Cloud's runners look, at the project root


class EncryptedEntry(Struct, frozen=True):
    name: str
    ciphertext: str


def encrypt_entries(values: Iterable[tuple[str, str]], encrypt: Callable[[str], str]) -> list[EncryptedEntry]:
    """Encrypt each (name, value) with `encrypt`, which maps plaintext to base64 ciphertext."""
    return [EncryptedEntry(name, encrypt(value)) for name, value in values]


def render(entries: Iterable[EncryptedEntry], kms_key_id: str | None = None) -> str:
    document: dict = {}
    if kms_key_id:
        document["kms_key_id"] = kms_key_id
    document["env"] = [
        {"name": entry.name, "value": {"ciphertext": entry.ciphertext, "scheme": SCHEME}}
        for entry in entries
    ]
    return yaml.safe_dump(document, sort_keys=False, default_flow_style=False, allow_unicode=True,
                          width=1 << 30, line_break="\n")


def write(path: Path, text: str, owner: Owner | None = None) -> None:
    """Atomically, readable by the owner only; the previous file survives any failure."""
    atomic_write_text(path, text, mode=0o600, owner=owner)
