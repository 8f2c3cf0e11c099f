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

from msgspec import Struct

_COMMIT = re.compile(r"[0-9a-fA-F]{7,40}")
# `v1.2.3`, `1.2`, `release-2024.01`: what tags look like; `main` or `develop` do not.
_TAG = re.compile(r"(?:[A-Za-z][\w.-]*?[-_/]?)?v?\d+(?:[._-]\w+)*")
_PINNING = ("==", "===", "~=", "<", "<=")
_ARCHIVES = (".whl", ".tar.gz", ".zip", ".tgz", ".tar.bz2")
# `name`, `name[extra]`, `name==1.2`, `name>=1,<2`: the forms nearly every pip_url takes, with versions
# that PEP 440 accepts after these operators. packaging parses them to the same answer 10x slower
# (0.4 s for 10,000 plugins); anything else still goes to packaging (tests/test_pip_url.py compares).
_VERSION = {"==": r"\d+(?:\.\d+)*(?:\.\*)?", "!=": r"\d+(?:\.\d+)*(?:\.\*)?", "~=": r"\d+(?:\.\d+)+",
            "<=": r"\d+(?:\.\d+)*", ">=": r"\d+(?:\.\d+)*", "<": r"\d+(?:\.\d+)*", ">": r"\d+(?:\.\d+)*"}
_SPECIFIER = "(?:" + "|".join(f"{re.escape(op)}{version}" for op, version in _VERSION.items()) + ")"
_SIMPLE = re.compile(r"([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)"
                     r"(?:\[([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
                     r"(?:,[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)*)\])?"
                     f"({_SPECIFIER}(?:,{_SPECIFIER})*)?")
_OPERATOR = re.compile(r"===|==|~=|!=|<=|>=|<|>")
_SEPARATORS = re.compile(r"[-_.]+")


class Package(Struct, frozen=True):
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
    tokens = _requirements(pip_url)
    if tokens is None:
        return None
    return tuple(map(_package, tokens)) or None


def _requirements(pip_url: str) -> list[str] | None:
    """The tokens of `pip_url` that name what it installs; None for a `$VAR` or an option."""
    if "$" in pip_url:
        return None
    tokens = []
    for token in pip_url.split():
        if token in ("-e", "--editable"):
            continue
        if token.startswith("-"):
            return None  # pip options change what is installed in ways not worth guessing
        tokens.append(token)
    return tokens


def _located(token: str) -> bool:
    """A path or an address rather than a requirement: what `_package` reads without packaging."""
    return token.startswith((".", "/", "file:")) or "://" in token


def _package(token: str) -> Package:
    if token.startswith("git+"):
        return _git(token)
    if _located(token):
        pinned = not token.startswith(("http://", "https://")) or token.endswith(_ARCHIVES)
        return Package(token, token, pinned, "" if pinned else "the address can serve other files")
    simple = _simple(token)
    return simple if simple is not None else requirement(token)


def _simple(token: str) -> Package | None:
    """The package of a requirement in one of the common forms (`_SIMPLE`), as packaging would read it."""
    match = _SIMPLE.fullmatch(token)
    if match is None:
        return None
    name, extras, specifiers = match.groups()
    pinned = _pins(specifiers)
    shown = f"[{','.join(sorted(set(extras.split(','))))}]" if extras else ""
    return Package(token, _canonical(name), pinned,
                   "" if pinned else "each install takes the newest release", f"{name}{shown}==<version>")


def _pins(specifiers: str | None) -> bool:
    """Does a version specifier `_SIMPLE` matched (`==1.2`, `>=1,<2`) pin what is installed?"""
    return bool(specifiers) and any(op in _PINNING for op in _OPERATOR.findall(specifiers))


def _canonical(name: str) -> str:
    """packaging's canonicalize_name for a name `_SIMPLE` matched (no separator at either end)."""
    if "_" in name or "." in name or "--" in name:
        return _SEPARATORS.sub("-", name).lower()
    return name.lower()  # single hyphens only, as nearly every name: the regex would change nothing


@functools.lru_cache(maxsize=4096)
def reading(pip_url: str) -> tuple[frozenset[str], tuple[Package, ...]] | None:
    """What P705-P707 ask of `packages(pip_url)`: what it installs without versions, and which
    of its packages are not pinned (in order); None where `packages` gives None.

    The common forms are read without making a Package for those that are pinned: thousands
    of plugins each have a pip_url of their own, most of them pinned.
    """
    tokens = _requirements(pip_url)
    if tokens is None:
        return None
    found = set()
    loose = []
    for token in tokens:
        match = None if token.startswith("git+") or _located(token) else _SIMPLE.fullmatch(token)
        if match is None:
            package = _package(token)
            found.add(package.identity)
            if not package.pinned:
                loose.append(package)
            continue
        name, _, specifiers = match.groups()
        found.add(_canonical(name))
        if not _pins(specifiers):
            loose.append(_simple(token))
    return (frozenset(found), tuple(loose)) if found else None


def requirement(token: str) -> Package:
    """The package of any requirement pip reads, by packaging."""
    # packaging for anything else (markers, URLs after `@`, other versions): a project whose
    # pip_urls all take the forms above, or that has none, never imports it.
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    try:
        parsed = Requirement(token)
    except InvalidRequirement:
        return Package(token, token, True, "")  # pip refuses it; installing is not this rule's concern
    name = canonicalize_name(parsed.name)
    if parsed.url:
        return _package(parsed.url) if parsed.url.startswith("git+") else Package(token, parsed.url, True, "")
    pinned = any(spec.operator in _PINNING for spec in parsed.specifier)
    extras = f"[{','.join(sorted(parsed.extras))}]" if parsed.extras else ""
    return Package(token, name, pinned, "" if pinned else "each install takes the newest release",
                   f"{parsed.name}{extras}==<version>")


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
