"""Git URLs: one repository in all its spellings, each provider's shape, credentials never shown."""

from __future__ import annotations

import pytest

from onboard_action.values.giturl import fit_problem, parse, provider_of, redact, same_repository

SAME_REPOSITORY = [
    "https://github.com/abc/data-platform",
    "https://github.com/abc/data-platform.git",
    "https://github.com/abc/data-platform/",
    "https://GitHub.com/ABC/Data-Platform",
    "git@github.com:abc/data-platform.git",
    "git@github.com:abc/data-platform",
    "ssh://git@github.com/abc/data-platform.git",
    "ssh://git@github.com:22/abc/data-platform",
    "https://x-access-token:secret@github.com/abc/data-platform.git",
]


@pytest.mark.parametrize("url", SAME_REPOSITORY)
def test_every_spelling_is_the_same_repository(url: str) -> None:
    reference = parse("https://github.com/abc/data-platform")
    parsed = parse(url)
    assert parsed is not None
    assert same_repository(parsed, reference)
    assert parsed.display().lower() == "https://github.com/abc/data-platform"


@pytest.mark.parametrize("url", [
    "https://github.com/abc/data-platform-old", "https://gitlab.com/abc/data-platform",
    "git@github.com:abd/data-platform.git",
])
def test_other_repositories_differ(url: str) -> None:
    assert not same_repository(parse(url), parse("https://github.com/abc/data-platform"))


@pytest.mark.parametrize("azure", [
    "https://dev.azure.com/abc/data/_git/platform",
    "https://abc@dev.azure.com/abc/data/_git/platform",
    "git@ssh.dev.azure.com:v3/abc/data/platform",
    "https://abc.visualstudio.com/data/_git/platform",
    "abc@vs-ssh.visualstudio.com:v3/abc/data/platform",
])
def test_azure_devops_forms_are_one_repository(azure: str) -> None:
    parsed = parse(azure)
    assert provider_of(parsed) == "azure-devops"
    assert fit_problem(parsed, "azure-devops") is None
    assert parsed.display() == "https://dev.azure.com/abc/data/_git/platform"
    assert same_repository(parsed, parse("https://dev.azure.com/abc/data/_git/platform"))


@pytest.mark.parametrize("text", ["", "abc/data-platform", "https://github.com", "ftp://github.com/a/b",
                                  "https://github.com/abc/data platform", "https://github.com/a/b?tab=x",
                                  "https://github.com:notaport/a/b"])
def test_not_git_urls(text: str) -> None:
    assert parse(text) is None


@pytest.mark.parametrize(("host", "provider"), [
    ("github.com", "github"), ("gitlab.com", "gitlab"), ("bitbucket.org", "bitbucket"),
    ("dev.azure.com", "azure-devops"), ("git.abc.example", "other"),
])
def test_the_provider_follows_the_host(host: str, provider: str) -> None:
    assert provider_of(parse(f"https://{host}/abc/x/_git/y")) == provider


def test_credentials_are_refused_and_never_displayed() -> None:
    for url in ("https://jane:ghp_s3cr3t@github.com/abc/x", "https://ghp_s3cr3t@github.com/abc/x"):
        parsed = parse(url)
        reason, hint = fit_problem(parsed, "github")
        assert "token" in reason
        assert "s3cr3t" not in parsed.display() + reason + hint
    assert redact("https://jane:ghp_s3cr3t@github .com/x") == "https://***@github .com/x"
    assert redact("git@github.com:abc/x.git") == "git@github.com:abc/x.git"


def test_an_azure_user_name_is_not_a_credential() -> None:
    assert not parse("https://abc@dev.azure.com/abc/data/_git/platform").has_credentials


@pytest.mark.parametrize(("url", "provider", "words"), [
    ("https://gitlab.com/abc/x", "github", "is on gitlab.com, a GitLab host"),
    ("https://github.com/abc/x", "other", "is on github.com, a GitHub host"),
    ("https://github.com/abc/x/tree/main", "github", "points at a page inside the repository"),
    ("https://gitlab.com/abc/x/-/tree/main", "gitlab", "points at a page inside the repository"),
    ("https://bitbucket.org/abc/x/src/main/", "bitbucket", "points at a page inside the repository"),
    ("https://github.com/abc", "github", "exactly two parts"),
    ("https://gitlab.com/abc", "gitlab", "GROUP/PROJECT"),
    ("https://dev.azure.com/abc/x", "azure-devops", "not an Azure DevOps repository URL"),
    ("http://github.com/abc/x", "github", "uses http://"),
])
def test_urls_that_do_not_fit_their_provider(url: str, provider: str, words: str) -> None:
    problem = fit_problem(parse(url), provider)
    assert problem is not None
    assert words in problem[0]


@pytest.mark.parametrize(("url", "provider"), [
    ("https://github.com/abc/x", "github"),
    ("https://git.abc.example/team/x", "github"),  # GitHub Enterprise Server on its own host
    ("https://gitlab.abc.example/group/sub/x", "gitlab"),
    ("https://gitlab.com/group/sub/x", "gitlab"),
    ("git@bitbucket.org:abc/x.git", "bitbucket"),
    ("https://git.abc.example/scm/x.git", "other"),
    ("http://git.abc.example/x", "other"),
])
def test_urls_that_fit(url: str, provider: str) -> None:
    assert fit_problem(parse(url), provider) is None
