"""Git repository URLs: parsed, checked against their hosting provider, compared, shown.

People write the same repository as `https://github.com/abc/repo`,
`https://github.com/abc/repo.git`, `git@github.com:abc/repo.git` or
`ssh://git@github.com/abc/repo`; `GitUrl.key` makes them compare equal.
A URL can carry credentials (`https://user:token@host/...`): `display`
never shows them, and no message, summary or packet should show anything else.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from msgspec import Struct

PROVIDERS = ("github", "gitlab", "bitbucket", "azure-devops", "other")
PROVIDER_NAMES = {"github": "GitHub", "gitlab": "GitLab", "bitbucket": "Bitbucket",
                  "azure-devops": "Azure DevOps", "other": "other"}
_HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "bitbucket.org": "bitbucket",
          "dev.azure.com": "azure-devops", "ssh.dev.azure.com": "azure-devops"}
_SCHEMES = ("https", "http", "ssh", "git", "git+ssh")
# `git@host:owner/repo.git`: no scheme, `:` before the path.
_SCP = re.compile(r"(?:(?P<user>[^@/\s]+)@)?(?P<host>[A-Za-z0-9.-]+):(?P<path>[^/\s][^\s]*)")
# Segments that mark a web page inside a repository rather than the repository.
_PAGE_SEGMENTS = {"tree", "blob", "-", "src", "pulls", "issues", "commits", "branches", "wiki"}


class GitUrl(Struct, frozen=True):
    scheme: str  # https, http, ssh, git, or "scp" for git@host:path
    host: str  # lower case, without port
    path: str  # without leading/trailing "/" and without ".git"
    user: str | None = None
    has_password: bool = False

    @property
    def segments(self) -> list[str]:
        return [s for s in self.path.split("/") if s]

    @property
    def provider(self) -> str | None:
        """The provider this host belongs to, when the host is one of the public services."""
        if self.host in _HOSTS:
            return _HOSTS[self.host]
        if self.host.endswith(".visualstudio.com"):
            return "azure-devops"
        return None

    @property
    def has_credentials(self) -> bool:
        """A password, or a user name in an http(s) URL (where tokens go as user names)."""
        return self.has_password or (self.scheme in ("https", "http") and bool(self.user)
                                     and self.provider != "azure-devops")

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the repository, whatever the URL's form: (host, path), lower case."""
        host, segments = self.host, self.segments
        if self.provider == "azure-devops":
            host, segments = "dev.azure.com", _azure_segments(self)
        return host, "/".join(segments).lower()

    def display(self) -> str:
        """The URL to show people: https form where there is one, never credentials."""
        if self.provider == "azure-devops":
            org, project, repo = [*_azure_segments(self), "", "", ""][:3]
            return f"https://dev.azure.com/{org}/{project}/_git/{repo}"
        if self.scheme in ("https", "http", "ssh", "scp", "git+ssh"):
            return f"https://{self.host}/{self.path}"
        return f"{self.scheme}://{self.host}/{self.path}"


def parse(url: str) -> GitUrl | None:
    """A git URL, or None when `url` is not one (no host, no path, unknown scheme, spaces)."""
    text = url.strip()
    if not text or any(c.isspace() for c in text):
        return None
    if "://" not in text:
        match = _SCP.fullmatch(text)
        if not match:
            return None
        return GitUrl("scp", match["host"].lower(), _clean_path(match["path"]), match["user"])
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    path = _clean_path(parts.path)
    if scheme not in _SCHEMES or not host or not path or parts.query or parts.fragment:
        return None
    return GitUrl(scheme, host.lower(), path, parts.username, parts.password is not None)


def _clean_path(path: str) -> str:
    path = path.strip("/")
    return path[: -len(".git")] if path.endswith(".git") else path


def _azure_segments(url: GitUrl) -> list[str]:
    """[organization, project, repository] of an Azure DevOps URL in any of its forms."""
    segments = url.segments
    if url.host.endswith(".visualstudio.com") and url.host != "vs-ssh.visualstudio.com":
        segments = [url.host.split(".")[0], *segments]
    if segments[:1] == ["v3"]:  # git@ssh.dev.azure.com:v3/org/project/repo
        segments = segments[1:]
    return [s for s in segments if s != "_git"]


def provider_of(url: GitUrl) -> str:
    """The provider to write for a URL: the public service's, else `other`."""
    return url.provider or "other"


def fit_problem(url: GitUrl, provider: str) -> tuple[str, str] | None:
    """Why `url` does not fit `provider`, and how to fix it; None when it fits."""
    if url.has_credentials:
        return ("holds a user name, token or password", "remove everything between `//` and `@`; "
                "Meltano Cloud gets access to the repository another way (see Prereq #1)")
    host_provider = url.provider
    if host_provider and provider in PROVIDERS and host_provider != provider:
        return (f"is on {url.host}, a {PROVIDER_NAMES[host_provider]} host, but the provider is "
                f"`{provider}`", f"set `provider: {host_provider}`, or fix the URL")
    if provider not in PROVIDERS or provider == "other":
        return None
    if url.scheme in ("http", "git"):
        return (f"uses {url.scheme}://, which {PROVIDER_NAMES[provider]} does not serve "
                "repositories over", f"use {url.display()}")
    segments = url.segments
    page = next((i for i, s in enumerate(segments) if s in _PAGE_SEGMENTS and i >= 2), None)
    if provider in ("github", "bitbucket", "gitlab") and page is not None:
        repository = GitUrl(url.scheme, url.host, "/".join(segments[:page]))
        return ("points at a page inside the repository, not at the repository",
                f"use the repository's URL, {repository.display()}")
    if provider in ("github", "bitbucket") and len(segments) != 2:
        return (f"should be {url.host}/OWNER/REPOSITORY, with exactly two parts after the host",
                f"write it as https://{url.host}/OWNER/REPOSITORY")
    if provider == "gitlab" and len(segments) < 2:
        return (f"should be {url.host}/GROUP/PROJECT (subgroups allowed)",
                f"write it as https://{url.host}/GROUP/PROJECT")
    if provider == "azure-devops" and not _azure_shape(url):
        return ("is not an Azure DevOps repository URL",
                "write it as https://dev.azure.com/ORGANIZATION/PROJECT/_git/REPOSITORY")
    return None


def _azure_shape(url: GitUrl) -> bool:
    segments = url.segments
    if segments[:1] == ["v3"]:
        return len(segments) == 4
    if "_git" in segments:
        index = segments.index("_git")
        return index == len(segments) - 2 and index >= 1
    return False


def same_repository(a: GitUrl, b: GitUrl) -> bool:
    return a.key == b.key


def redact(text: str) -> str:
    """`text` with anything between `://` and `@` hidden: it may be a token."""
    return re.sub(r"(://)[^/@\s]*@", r"\1***@", text)
