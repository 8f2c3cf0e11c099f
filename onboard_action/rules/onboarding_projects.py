"""Rules about `projects` in the onboarding file, and about the entry for the checked project.

Every entry: a well-formed repository URL that fits its provider, and at
least one schedule. The entry whose `root` is the checked project (see
`onboard_action/model/onboarding.py`) is also compared with the project (its
environment exists) and with the repository it is checked in (URL and
branch). Which schedules exist is the schedule rules' business (S0xx).

The repository comparisons (O031, O032, O033) run only when the onboarding
file sits at the top of the repository: that is where `root` and the URL
describe this repository. A file elsewhere (the bundled examples, a template
copied into a subfolder) describes its projects as if its folder were a
repository of its own, so there is nothing to compare it with. On GitHub the
workspace counts as the top when it holds `.git`, even where git itself is
not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from onboard_action.findings import CLOUDS, GUIDE, Finding, Severity
from onboard_action.load.project import Item
from onboard_action.model.context import Context
from onboard_action.model.onboarding import Onboarding
from onboard_action.rules import check, rule
from onboard_action.rules.onboarding import usable
from onboard_action.values import giturl
from onboard_action.values.suggest import close_match

GIT_URL_INVALID = rule(
    "O030", "git-url-invalid", Severity.ERROR,
    "git URL is not well-formed or does not fit the provider",
    """
    Meltano Cloud clones the project from `git.url`. It must be a repository URL
    (`https://host/owner/repo` or `git@host:owner/repo.git`), on the provider's
    host when that is a public service (github.com, gitlab.com, bitbucket.org,
    dev.azure.com), with the provider's shape (GitHub and Bitbucket:
    OWNER/REPOSITORY; Azure DevOps: ORGANIZATION/PROJECT/_git/REPOSITORY), and
    not a page inside the repository (`.../tree/main`). Credentials in the URL
    (`https://user:token@...`) are refused: this file is committed, and Meltano
    Cloud gets access another way (Prereq #1). Self-hosted servers are accepted
    for every provider; use `other` for anything else.
    """,
    bad="git:\n  provider: github\n  url: https://gitlab.com/abc/data-platform\n  branch: main\n",
    good="git:\n  provider: gitlab\n  url: https://gitlab.com/abc/data-platform\n  branch: main\n",
    targets=CLOUDS,
)
URL_NOT_THIS_REPOSITORY = rule(
    "O031", "git-url-not-this-repository", Severity.ERROR,
    "git URL is not the repository being checked",
    """
    The entry for the checked project must name the repository it lives in,
    or Meltano Cloud would onboard another one. On GitHub the repository is
    `GITHUB_SERVER_URL/GITHUB_REPOSITORY` and a mismatch is an error. Elsewhere
    the `origin` remote stands in for it; because a local clone's `origin` may
    be a fork or a mirror, a mismatch with it is only a warning. URL forms are
    compared without regard to https/ssh, a trailing `.git` or case. Only
    checked when the onboarding file sits at the top of the repository (see
    the module docs: the bundled examples are not compared).
    """,
    bad="url: https://github.com/abc/old-data-platform   # checked in abc/data-platform\n",
    good="url: https://github.com/abc/data-platform\n",
    targets=CLOUDS,
)
BRANCH_NOT_FOUND = rule(
    "O032", "git-branch-not-found", Severity.ERROR,
    "git branch does not exist in the repository",
    """
    Meltano Cloud runs the branch named in `git.branch`; a branch that exists
    neither locally nor on `origin` is usually a typo (`master` for `main`).
    Create and push it, or name an existing branch. Only checked when the
    onboarding file sits at the top of the repository.
    """,
    bad="branch: mian\n",
    good="branch: main\n",
    targets=CLOUDS,
)
BRANCH_UNKNOWN = rule(
    "O033", "git-branch-unknown", Severity.WARNING,
    "cannot tell whether the git branch exists",
    """
    The branch is not in the checkout and git cannot say whether it exists
    elsewhere: typically a shallow clone (actions/checkout fetches one commit
    by default), or git is not installed where the check runs. On GitHub the
    pushed branch and a pull request's base branch count as existing. Check
    out with `fetch-depth: 0` to let the check see every branch.
    """,
    targets=CLOUDS,
)
NOT_LISTED = rule(
    "O040", "project-not-listed", Severity.ERROR,
    "no entry of projects is the checked project",
    """
    Each entry of `projects` names its project by `root`: the folder of
    meltano.yml relative to the folder that holds the onboarding file (keep
    that file at the repository root; `root` defaults to "."). No entry has
    the checked project's folder, so nothing would onboard it. Set `root` on
    the entry meant for it, or add one.
    """,
    bad="# meltano.yml is in data/, the onboarding file at the repository root\nprojects:\n"
        "  - git: {provider: github, url: https://github.com/abc/data-platform, branch: main}\n"
        "    environment: sandbox\n    schedules: [daily]\n",
    good="projects:\n  - git: {provider: github, url: https://github.com/abc/data-platform, branch: main}\n"
         "    root: data\n    environment: sandbox\n    schedules: [daily]\n",
    targets=CLOUDS,
)
ENVIRONMENT_NOT_FOUND = rule(
    "O041", "environment-not-found", Severity.ERROR,
    "the onboarding file's environment is not defined in meltano.yml",
    """
    Meltano Cloud onboards and tests the project with the environment named in
    the project's entry, so it must be one of `environments` in meltano.yml.
    The project check (P305) verifies the onboarding environment: the
    `environment` input, else this one. When the input names another
    environment, this rule makes sure the one the packet sends exists too
    (without the input, P305 reports a missing one, once). The guide recommends
    a dedicated `sandbox` environment (Prereq #2).
    """,
    bad="environment: sandbox   # meltano.yml defines dev and prod; the input says prod\n",
    good="environment: prod\n",
    targets=GUIDE,
)
NO_SCHEDULES = rule(
    "O042", "project-without-schedules", Severity.ERROR,
    "project lists no schedule",
    """
    Onboarding runs the schedules listed for each project; a project that lists
    none runs nothing, and Meltano Cloud fails a deployment without schedules.
    List the names of the schedules in meltano.yml that Meltano Cloud should
    run (create them first if the project has none: Prereq #3).
    """,
    bad="environment: sandbox\nschedules: []\n",
    good="environment: sandbox\nschedules: [daily_el]\n",
    targets=GUIDE,
)

ROOT_WITHOUT_PROJECT = rule(
    "O043", "project-root-without-meltano-yml", Severity.ERROR,
    "a listed project's root holds no meltano.yml",
    """
    Each entry of `projects` names the folder of its meltano.yml in `root`,
    relative to the folder that holds the onboarding file; a run without a
    project folder checks every listed root. A root without meltano.yml is a
    project Meltano Cloud could not run: correct `root`, or remove the entry.
    """,
    bad="projects:\n  - name: proj2\n    root: porj2   # the folder is proj2\n",
    good="projects:\n  - name: proj2\n    root: proj2\n",
    targets=CLOUDS,
)


def project_label(entry: Item) -> str:
    name = entry.get("name")
    return f"project '{name}'" if isinstance(name, str) and name.strip() else f"projects[{entry.path[-1]}]"


@check(GIT_URL_INVALID, NO_SCHEDULES, org=True)
def every_project(context: Context) -> Iterator[Finding]:
    onboarding = usable(context)
    if onboarding is None:
        return
    for entry in onboarding.projects:
        if isinstance(entry.data, dict):
            yield from _url_form(entry)
            yield from _schedules_listed(context, onboarding, entry)


@check(ROOT_WITHOUT_PROJECT, org=True)
def listed_roots(context: Context) -> Iterator[Finding]:
    onboarding = usable(context)
    if onboarding is None:
        return
    for entry in onboarding.projects:
        if not isinstance(entry.data, dict):
            continue
        root = onboarding.root_of(entry)
        if (root / "meltano.yml").is_file():
            continue
        written = entry.get("root")
        where = entry.location("root") if "root" in entry.data else entry.location()
        written = written if isinstance(written, str) else "."
        shown = context.relative(root) or "."
        what = "does not exist" if not root.exists() else "holds no meltano.yml"
        yield ROOT_WITHOUT_PROJECT.finding(
            where, f"{project_label(entry)}: root `{written}`"
                   f"{f' ({shown})' if shown != written else ''} {what}",
            "set `root` to the folder of the project's meltano.yml, relative to the folder that holds "
            "the onboarding file, or remove the entry")


def _git(entry: Item) -> dict:
    git = entry.get("git")
    return git if isinstance(git, dict) else {}


def _url_form(entry: Item) -> Iterator[Finding]:
    git = _git(entry)
    url, provider = git.get("url"), git.get("provider")
    if not isinstance(url, str):
        return
    where = entry.location("git", "url")
    label = project_label(entry)
    parsed = giturl.parse(url)
    if parsed is None:
        host = {"gitlab": "gitlab.com", "bitbucket": "bitbucket.org"}.get(provider, "github.com")
        reason = "is empty" if not url.strip() else f"`{giturl.redact(url)}` is not a git repository URL"
        yield GIT_URL_INVALID.finding(
            where, f"{label}: git.url {reason}",
            f"write it as https://{host}/OWNER/REPOSITORY or git@{host}:OWNER/REPOSITORY.git")
        return
    problem = giturl.fit_problem(parsed, provider if isinstance(provider, str) else "other")
    if problem:
        reason, hint = problem
        # A URL with credentials is never repeated: the token would land in the log.
        shown = "" if parsed.has_credentials else f" `{url}`"
        yield GIT_URL_INVALID.finding(where, f"{label}: git.url{shown} {reason}", hint)


def _schedules_listed(context: Context, onboarding: Onboarding, entry: Item) -> Iterator[Finding]:
    schedules = entry.get("schedules")
    if schedules is not None and schedules != []:
        return  # a wrong type is the schema's to report
    where = entry.location("schedules") if schedules is not None else entry.location()
    names = ([item.name for item in context.project.items("schedules") if item.name]
             if entry is onboarding.project else [])
    hint = (f"list the schedules Meltano Cloud should run, e.g. `schedules: [{', '.join(names[:3])}]`"
            if names else "list the names of the schedules in meltano.yml that Meltano Cloud should "
                          "run (create them first: Prereq #3)")
    yield NO_SCHEDULES.finding(
        where, f"{project_label(entry)} lists no schedule; onboarding runs the listed schedules", hint)


@check(NOT_LISTED, ENVIRONMENT_NOT_FOUND, URL_NOT_THIS_REPOSITORY, BRANCH_NOT_FOUND, BRANCH_UNKNOWN)
def checked_project(context: Context) -> Iterator[Finding]:
    onboarding = usable(context)
    if onboarding is None or not onboarding.projects:
        return
    entry = onboarding.project
    if entry is None:
        yield _not_listed(context, onboarding)
        return
    yield from _environment(context, entry)
    if _repository_top(context) == onboarding.base:
        yield from _same_repository(context, entry)
        yield from _branch(context, entry)


def _not_listed(context: Context, onboarding: Onboarding) -> Finding:
    wanted = onboarding.relative(context.project.root)
    written = sorted({onboarding.relative(onboarding.root_of(p)) for p in onboarding.projects})
    return NOT_LISTED.finding(
        onboarding.source.location(("projects",), key=True),
        f"no entry of `projects` has `root: {wanted}`, the folder of the checked meltano.yml "
        f"(the entries' roots are: {', '.join(written)})",
        f"set `root: {wanted}` on the entry for this project, or add one; `root` is relative to "
        "the folder that holds the onboarding file")


def _environment(context: Context, entry: Item) -> Iterator[Finding]:
    wanted = entry.get("environment")
    if not isinstance(wanted, str) or not wanted.strip() or not context.project.loaded:
        return
    given = context.settings.environment
    if given is None or given == wanted:
        return  # the project check P305 (rules/environments.py) checks this very name
    environments = context.project.items("environments")
    names = [item.name for item in environments if item.name]
    if wanted in names:
        return
    defined = f" (it defines: {', '.join(names)})" if names else " (it defines no environment)"
    close = close_match(wanted, names)
    hint = (f"did you mean `{close}`?" if close else
            f"add `- name: {wanted}` under `environments:` in meltano.yml, or name an existing one; "
            "Meltano recommends a `sandbox` environment for onboarding (Prereq #2)")
    related = [context.project.meltano_file.location(("environments",), key=True)]
    yield ENVIRONMENT_NOT_FOUND.finding(
        entry.location("environment"),
        f"{project_label(entry)}: environment `{wanted}` is not defined in meltano.yml{defined}; "
        f"the check used {context.settings.names.phrase('environment')}, `{given}`, but the packet "
        "sends this one",
        hint, related=related)


def _repository_top(context: Context) -> Path | None:
    top = context.git.top
    workspace = context.settings.workspace
    if top is None and context.settings.github is not None and (workspace / ".git").exists():
        top = workspace.resolve()
    return top


def _same_repository(context: Context, entry: Item) -> Iterator[Finding]:
    url = _git(entry).get("url")
    written = giturl.parse(url) if isinstance(url, str) else None
    if written is None or written.has_credentials:
        return  # O030 reports it
    label = project_label(entry)
    github = context.settings.github
    if github is not None:
        actual = giturl.parse(github.repository_url)
        if actual is not None and not giturl.same_repository(written, actual):
            yield URL_NOT_THIS_REPOSITORY.finding(
                entry.location("git", "url"),
                f"{label}: git.url points at {written.display()}, but this workflow checks "
                f"{actual.display()}",
                f"set `url: {actual.display()}`, or correct `root` if this entry is for another project")
        return
    origin_url = context.git.remote_url()
    origin = giturl.parse(origin_url) if origin_url else None
    if origin is not None and not giturl.same_repository(written, origin):
        finding = URL_NOT_THIS_REPOSITORY.finding(
            entry.location("git", "url"),
            f"{label}: git.url points at {written.display()}, but the `origin` remote of this "
            f"repository is {origin.display()}",
            f"set `url: {origin.display()}`; if `origin` is a fork or a mirror, ignore this warning")
        yield finding.with_severity(Severity.WARNING)


def _branch(context: Context, entry: Item) -> Iterator[Finding]:
    branch = _git(entry).get("branch")
    if not isinstance(branch, str) or not branch.strip():
        return
    exists = context.git.branch_exists(branch)
    github = context.settings.github
    if not exists and github is not None and branch in github.branches:
        exists = True
    label = project_label(entry)
    where = entry.location("git", "branch")
    if exists is False:
        current = context.git.current_branch
        yield BRANCH_NOT_FOUND.finding(
            where, f"{label}: branch `{branch}` exists neither in this repository nor on `origin`",
            "create and push it, or set `branch:` to an existing branch"
            + (f" such as `{current}`" if current else ""))
    elif exists is None:
        import shutil  # only to say why git could not answer

        if shutil.which("git") is None:
            reason, hint = "git is not installed where the check runs", "install git, or check it by hand"
        elif context.git.shallow:
            reason = "this is a shallow clone that does not hold it"
            hint = "check out with full history (actions/checkout: `fetch-depth: 0`) to let the check see it"
        else:
            reason, hint = "git cannot read this repository", "check it by hand"
        yield BRANCH_UNKNOWN.finding(
            where, f"{label}: cannot tell whether branch `{branch}` exists: {reason}", hint)
