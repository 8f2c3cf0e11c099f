"""What a plugin's `pip_url` installs, and whether it installs the same thing every time.

Meltano hands `pip_url` to `pip install` split on spaces, so one `pip_url` can name
several packages (dbt's `dbt-core~=1.8.0 dbt-snowflake~=1.8.0`). A package is pinned
when pip can only pick one release series for it: an exact version (`==`, `===`), a
compatible release (`~=`), or an upper bound. A `git+` URL is pinned by a commit or a
tag after `@`; a branch moves. Local paths and archive URLs are the bytes they name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_COMMIT = re.compile(r"[0-9a-fA-F]{7,40}")
# `v1.2.3`, `1.2`, `release-2024.01`: what tags look like; `main` or `develop` do not.
_TAG = re.compile(r"(?:[A-Za-z][\w.-]*?[-_/]?)?v?\d+(?:[._-]\w+)*")
_PINNING = ("==", "===", "~=", "<", "<=")
_ARCHIVES = (".whl", ".tar.gz", ".zip", ".tgz", ".tar.bz2")


@dataclass(frozen=True)
class Package:
    written: str  # the token as written in pip_url
    identity: str  # what it installs, without its version: a canonical name or a URL without ref
    pinned: bool
    why: str  # when not pinned: what moves
    example: str = ""  # the token written pinned, with a placeholder for the version

    @property
    def pinned_example(self) -> str:
        return self.example or self.written


@functools.lru_cache(maxsize=4096)  # thousands of plugins share a handful of pip_urls
def packages(pip_url: str) -> tuple[Package, ...] | None:
    """Each package `pip_url` installs; None when it cannot be told offline (a `$VAR`, an option)."""
    if "$" in pip_url:
        return None
    found = []
    for token in pip_url.split():
        if token in ("-e", "--editable"):
            continue
        if token.startswith("-"):
            return None  # pip options change what is installed in ways not worth guessing
        found.append(_package(token))
    return tuple(found) or None


def _package(token: str) -> Package:
    if token.startswith("git+"):
        return _git(token)
    if token.startswith((".", "/", "file:")) or "://" in token:
        pinned = not token.startswith(("http://", "https://")) or token.endswith(_ARCHIVES)
        return Package(token, token, pinned, "" if pinned else "the address can serve other files")
    # packaging with the first plain requirement: a project whose plugins come from the Hub and
    # lock files, or from paths and URLs, never imports it.
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    try:
        requirement = Requirement(token)
    except InvalidRequirement:
        return Package(token, token, True, "")  # pip refuses it; installing is not this rule's concern
    name = canonicalize_name(requirement.name)
    if requirement.url:
        return _package(requirement.url) if requirement.url.startswith("git+") else Package(
            token, requirement.url, True, "")
    pinned = any(spec.operator in _PINNING for spec in requirement.specifier)
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    return Package(token, name, pinned, "" if pinned else "each install takes the newest release",
                   f"{requirement.name}{extras}==<version>")


def _git(token: str) -> Package:
    url = token.split("#", 1)[0]
    address, ref = url, ""
    tail = url.rsplit("/", 1)[-1]
    if "@" in tail:
        address, ref = url.rsplit("@", 1)
    pinned = bool(ref) and (_COMMIT.fullmatch(ref) is not None or _TAG.fullmatch(ref) is not None)
    why = ("" if pinned else f"`@{ref}` looks like a branch, which moves" if ref
           else "without `@<tag or commit>` each install takes the default branch")
    return Package(token, address.removesuffix(".git").lower(), pinned, why, f"{address}@<tag>")


def same_packages(one: tuple[Package, ...], other: tuple[Package, ...]) -> bool:
    return {p.identity for p in one} == {p.identity for p in other}
