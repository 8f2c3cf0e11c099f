"""Whether Meltano's own YAML reader reads a file that this check's reader (PyYAML) reads.

Meltano reads its project files with ruamel.yaml (`YAML()`, round-trip, pure Python:
meltano/core/yaml.py). The two disagree on tabs: ruamel refuses a tab anywhere in block
context outside quotes, block scalars and comments (`key:<tab>value`, `key: value<tab>`,
`- item<tab>`), which PyYAML reads, so a file the check passes would fail every Meltano
command (tests/oracle/yaml-tab-in-value). Only files holding a tab are asked, and only up
to `MAX_BYTES`: ruamel's pure-Python reader costs tens of times PyYAML's C one.
"""

from __future__ import annotations

import warnings

from msgspec import Struct

MAX_BYTES = 1 << 20


class Refusal(Struct, frozen=True):
    line: int
    column: int
    said: str  # ruamel's words, one line


def asked(text: str) -> bool:
    """Is the text worth asking ruamel about (it holds a tab, and is small enough)?"""
    return "\t" in text and len(text) <= MAX_BYTES


def refusal(text: str) -> Refusal | None:
    """Where and why ruamel cannot read `text`; None when it reads it (or cannot tell)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ruamel warns about style; only its errors matter here
            YAML().compose(text)  # the scanner and parser are what refuse; nothing to construct
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        said = " ".join(part for part in (exc.context, exc.problem) if part)
        return Refusal(mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, " ".join(said.split()))
    except (YAMLError, RecursionError, ValueError):
        return None  # PyYAML's own findings already speak about such a file
    return None
