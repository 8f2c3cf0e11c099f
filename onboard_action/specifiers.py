"""PEP 440 version specifiers (`>=3.0,<4`), as `requires_meltano` takes them.

Meltano parses `requires_meltano` with `packaging.specifiers.SpecifierSet`.
`packaging` is not a runtime dependency of this action, so the grammar of
PEP 440 ("Version specifiers") is written out here; tests compare it with
`packaging` on many inputs.
"""

from __future__ import annotations

import re

# Pieces of a public version, as PEP 440 spells them (case-insensitive).
_PRE = r"(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?"
_POST = r"(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?"
_DEV = r"(?:[-_.]?dev[-_.]?[0-9]*)?"
_LOCAL = r"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?"
_EPOCH = r"(?:[0-9]+!)?"

_CLAUSES = {
    # `===` compares text, so almost anything goes.
    "===": r"[^\s;)]*",
    # `==` and `!=` also take a `.*` prefix match (without pre/post/dev) or a local version.
    "==": rf"v?{_EPOCH}[0-9]+(?:\.[0-9]+)*(?:\.\*|{_PRE}{_POST}{_DEV}{_LOCAL})",
    "!=": rf"v?{_EPOCH}[0-9]+(?:\.[0-9]+)*(?:\.\*|{_PRE}{_POST}{_DEV}{_LOCAL})",
    # `~=` needs at least two release numbers and takes no local version.
    "~=": rf"v?{_EPOCH}[0-9]+(?:\.[0-9]+)+{_PRE}{_POST}{_DEV}",
}
_ORDERED = rf"v?{_EPOCH}[0-9]+(?:\.[0-9]+)*{_PRE}{_POST}{_DEV}"
OPERATORS = ("===", "~=", "==", "!=", "<=", ">=", "<", ">")
_ONE = re.compile(
    r"\s*(?:" + "|".join(
        rf"(?P<op{i}>{re.escape(op)})\s*{_CLAUSES.get(op, _ORDERED)}" for i, op in enumerate(OPERATORS)
    ) + r")\s*",
    re.IGNORECASE,
)


def invalid_specifiers(text: str) -> list[str]:
    """The comma-separated parts of `text` that are not PEP 440 specifiers (none: it is valid)."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    return [part for part in parts if not _ONE.fullmatch(part)]
