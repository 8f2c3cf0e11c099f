"""Rules about the onboarding file itself: present, readable, complete, and its people right.

Company, contact, org ID and users are what Step 1 of the onboarding guide
asks for. Structure and types come from `schemas/onboarding.schema.json`;
the form of the org ID, emails, GitHub IDs and roles is checked here, where
the message can say exactly what is wrong and propose a fix. The rules that
compare the file with the project and the repository are in
`onboarding_projects.py`. Also registers the fact `organization`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from onboard_action.findings import CLOUDS, GUIDE, GUIDE_CLOUD, Finding, Location, Severity
from onboard_action.load.project import Item
from onboard_action.load.yamlfile import value_at
from onboard_action.model.context import Context
from onboard_action.model.onboarding import CLOUD_SCHEMA_FILE, SCHEMA_FILE, Onboarding
from onboard_action.rules import check, files, rule
from onboard_action.rules.files import load_problem_finding
from onboard_action.schema.explain import problems as schema_problems
from onboard_action.values import giturl, identifiers, placeholders

NOT_FOUND = rule(
    "O001", "onboarding-file-not-found", Severity.ERROR,
    "the named onboarding file does not exist",
    """
    The `onboarding-file` input (or `--onboarding-file`) names a file that does
    not exist, or that is not a file, so the organization checks cannot run.
    Relative names are looked up in the workspace, then in the project folder.
    Fix the name, write a starter file with `meltano-onboard init`, or set the
    input to an empty string to skip the organization checks.
    """,
    targets=CLOUDS,
)
ABSENT = rule(
    "O002", "onboarding-file-absent", Severity.NOTICE,
    "no onboarding file: organization checks skipped",
    """
    Without `onboarding.yml` nothing checks what Step 1 of the onboarding guide
    asks for (company, contact, org ID, projects, users), and no packet can be
    produced. `meltano-onboard init` writes a starter file from the repository.
    Set `onboarding-file` to an empty string to skip these checks without this
    notice.
    """,
    targets=GUIDE,
)
NOT_A_MAPPING = rule(
    "O003", "onboarding-file-not-a-mapping", Severity.ERROR,
    "onboarding file is empty or not a mapping",
    """
    The onboarding file is a YAML mapping with the keys `company`, `contact`,
    `org_id`, `projects` and `users`. An empty file, a list or a bare value at
    the top holds none of them. `meltano-onboard init` writes a starter file
    (remove this one first).
    """,
    bad="- company: ABC Company Inc.\n- org_id: abc-data-team\n",
    good="company: ABC Company Inc.\norg_id: abc-data-team\n# contact, projects, users...\n",
    targets=CLOUDS,
)
DUPLICATE_KEY = rule(
    "O004", "onboarding-duplicate-key", Severity.ERROR,
    "key written twice in the onboarding file",
    """
    YAML keeps only the last of two equal keys in one mapping: the first value
    is silently lost, and the packet would not say what its author meant. Keep
    one of them.
    """,
    bad="org_id: abc\norg_id: abc-data-team\n",
    good="org_id: abc-data-team\n",
    targets=CLOUDS,
)
FIELD_INVALID = rule(
    "O005", "onboarding-field-invalid", Severity.ERROR,
    "onboarding file field missing, unknown or of the wrong type",
    """
    Every field Step 1 of the onboarding guide asks for must be present with
    the right type: `company`, `contact` (`name`, `email`), `org_id`,
    `projects` (each with `git` {`provider`, `url`, `branch`}, `environment`,
    optional `name`, `root` and `schedules`) and `users` (each with `name`,
    `email`, `github`, `role`). Unknown keys are usually typos. The schema is
    `onboard_action/schemas/onboarding.schema.json`; point your editor at it
    with a first line `# yaml-language-server: $schema=...`.
    """,
    bad="company: ABC Company Inc.\ncontact: Jane Doe\n",
    good="company: ABC Company Inc.\ncontact:\n  name: Jane Doe\n  email: jane@abc.example\n",
    targets=CLOUDS,
)
PLACEHOLDER = rule(
    "O006", "onboarding-placeholder", Severity.ERROR,
    "the onboarding file still holds a placeholder",
    """
    `meltano-onboard init` writes placeholders where the repository cannot
    tell: `you@example.com`, `Your Name`, `github: your-github-login` (or
    `you`), `https://github.com/OWNER/REPOSITORY`, and `OWNER` in the
    `$schema` line when it cannot find which repository of meltano-onboard the
    workflows use. Sent to Meltano, the packet would register nobody, or a
    repository that does not exist, so the packet is not written while one is
    left. Write the real value; the `$schema` line may also be deleted (it only
    points editors at the schema).
    """,
    bad="contact:\n  name: Your Name\n  email: you@example.com\n",
    good="contact:\n  name: Jane Doe\n  email: jane@abc.example\n",
    targets=CLOUDS,
)
ORG_ID_INVALID = rule(
    "O010", "org-id-invalid", Severity.ERROR,
    "org ID is not a valid Meltano Cloud organization ID",
    """
    The guide: an organization ID is at most 20 characters of lowercase
    letters, digits and dashes. We also refuse a dash at either end and two
    dashes in a row. The message proposes a valid ID derived from what was
    written. (Whether it is still free on Meltano Cloud cannot be checked
    offline.)
    """,
    bad="org_id: ABC_Data_Team\n",
    good="org_id: abc-data-team\n",
    targets=GUIDE,
)
EMAIL_INVALID = rule(
    "O020", "email-invalid", Severity.ERROR,
    "email address is not well-formed",
    """
    Meltano registers the contact and every user by email address. Write just
    the address (`jane@abc.example`): no name, angle brackets, `mailto:` or
    spaces.
    """,
    bad="email: Jane Doe <jane@abc.example>\n",
    good="email: jane@abc.example\n",
    targets=CLOUDS,
)
GITHUB_ID_INVALID = rule(
    "O021", "github-id-invalid", Severity.ERROR,
    "GitHub ID is not a valid GitHub login",
    """
    Meltano Cloud identifies, authenticates and authorizes users by their GitHub
    login: 1 to 39 letters, digits and single hyphens, not starting or ending
    with a hyphen. Write the login alone, without `@` or the profile URL.
    """,
    bad="github: '@jane_doe'\n",
    good="github: jane-doe\n",
    targets=CLOUDS,
)
ROLE_UNKNOWN = rule(
    "O022", "role-unknown", Severity.ERROR,
    "user role is not owner, maintainer or reader",
    """
    Meltano Cloud knows three roles: `owner` (creates and deletes projects, adds
    users), `maintainer` (updates schedules, runs jobs) and `reader`. The
    onboarding guide itself misspells `maintaner`; the message suggests the
    role that was probably meant.
    """,
    bad="role: maintaner\n",
    good="role: maintainer\n",
    targets=GUIDE,
)
NO_OWNER = rule(
    "O023", "no-owner", Severity.ERROR,
    "no user is an owner",
    """
    An organization on Meltano Cloud needs at least one owner: only owners can
    create and delete projects and add users. Give at least one user
    `role: owner`.
    """,
    bad="users:\n  - {name: Sam Lee, email: sam@abc.example, github: samlee, role: reader}\n",
    good="users:\n  - {name: Sam Lee, email: sam@abc.example, github: samlee, role: owner}\n",
    targets=GUIDE,
)
USER_DUPLICATE = rule(
    "O024", "user-duplicate", Severity.ERROR,
    "the same user is listed twice",
    """
    Two entries of `users` with the same email address or the same GitHub ID
    (compared without regard to case) are the same person: Meltano Cloud would
    register one of them, with one of the two roles. Merge the entries.
    """,
    bad=("users:\n  - {name: Jane Doe, email: jane@abc.example, github: janedoe, role: owner}\n"
         "  - {name: J. Doe, email: Jane@ABC.example, github: jdoe, role: reader}\n"),
    good="users:\n  - {name: Jane Doe, email: jane@abc.example, github: janedoe, role: owner}\n",
    targets=CLOUDS,
)
CONTACT_NOT_USER = rule(
    "O025", "contact-not-a-user", Severity.WARNING,
    "the primary contact is not one of the users",
    """
    The primary contact is the person Meltano talks to during onboarding and
    debugging, who then usually needs access to the organization's logs. Add
    the contact to `users` (with a GitHub ID and a role), or make one of the
    users the contact.
    """,
    bad=("contact: {name: Jane Doe, email: jane@abc.example}\n"
         "users:\n  - {name: Sam Lee, email: sam@abc.example, github: samlee, role: owner}\n"),
    good=("contact: {name: Jane Doe, email: jane@abc.example}\n"
          "users:\n  - {name: Jane Doe, email: jane@abc.example, github: janedoe, role: owner}\n"),
    targets=CLOUDS,
)

# Load problems the foundation's file rules already word well for any YAML file.
_SHARED_LOAD_KINDS = {"yaml-syntax", "yaml-too-deep", "yaml-too-many-nodes",
                      "unreadable", "not-utf8", "too-large", "link-outside"}


def usable(context: Context) -> Onboarding | None:
    """The onboarding file when it loaded as a mapping; None otherwise."""
    onboarding = context.onboarding
    return onboarding if onboarding is not None and onboarding.data is not None else None


def user_label(user: Item) -> str:
    name = user.get("name")
    return f"user '{name}'" if isinstance(name, str) and name.strip() else f"users[{user.path[-1]}]"


@check(NOT_FOUND, ABSENT, org=True)
def onboarding_file_present(context: Context) -> Iterator[Finding]:
    settings = context.settings
    path = settings.onboarding_path()
    if path is None or path.is_file():
        return
    shown = context.relative(path)
    option = settings.names.phrase("onboarding-file")
    if path.exists():
        yield NOT_FOUND.finding(Location(path), f"onboarding file {shown} is not a file",
                                f"point {option} at the onboarding YAML file")
    elif settings.onboarding_file_explicit:
        yield NOT_FOUND.finding(
            Location(path), f"onboarding file {settings.onboarding_file} not found in the "
                            "workspace or the project folder",
            "fix the name, write a starter file with `meltano-onboard init`, "
            f"or set {option} to '' to skip the organization checks")
    else:
        yield ABSENT.finding(
            Location(path), f"no {settings.onboarding_file}: the organization checks (org ID, "
                            "users, git repository) were skipped",
            "create it with `meltano-onboard init` at the repository root, "
            f"or set {option} to '' to skip these checks")


@check(NOT_A_MAPPING, DUPLICATE_KEY, files.YAML_SYNTAX, files.YAML_TOO_COMPLEX, files.FILE_UNREADABLE,
       org=True)
def onboarding_file_loads(context: Context) -> Iterator[Finding]:
    onboarding = context.onboarding
    if onboarding is None:
        return
    for problem in onboarding.problems:
        if problem.kind in _SHARED_LOAD_KINDS:
            finding = load_problem_finding(problem, context)
            if finding:
                yield finding
        elif problem.kind in ("empty", "not-a-mapping"):
            what = ("is empty" if problem.kind == "empty"
                    else "holds a list or a single value at the top, not a mapping of keys")
            yield NOT_A_MAPPING.finding(
                problem.location, f"the onboarding file {what}",
                "write `company:`, `contact:`, `org_id:`, `projects:` and `users:` at the top level; "
                "`meltano-onboard init` writes a starter file")
    for problem in onboarding.source.problems:
        if problem.kind == "duplicate-key":
            first = problem.detail["first"]
            yield DUPLICATE_KEY.finding(
                Location(onboarding.path, problem.span.line, problem.span.column,
                         problem.span.end_line, problem.span.end_column),
                f"`{problem.detail['key']}` is written twice in this mapping (first at line "
                f"{first.line}); YAML keeps only this one",
                "keep one of the two", related=[Location(onboarding.path, first.line, first.column)])


def _checked_by_rules(path: tuple, data: Any) -> bool:
    """Strings whose form a rule below explains better than the schema (with a proposal)."""
    if not (path in (("org_id",), ("contact", "email"))
            or (len(path) == 3 and path[0] == "users" and path[2] in ("email", "github", "role"))
            or (len(path) == 4 and path[0] == "projects" and path[2:] == ("git", "url"))):
        return False
    return isinstance(value_at(data, path), str)


@check(FIELD_INVALID, org=True)
def onboarding_fields(context: Context) -> Iterator[Finding]:
    onboarding = usable(context)
    if onboarding is None:
        return
    # Today's Meltano Cloud reads the same file with other roles, no org ID and a `workspace:` section.
    schema = SCHEMA_FILE if context.settings.target == GUIDE_CLOUD else CLOUD_SCHEMA_FILE
    for problem in schema_problems(onboarding.data, schema):
        if _checked_by_rules(problem.path, onboarding.data):
            continue
        location = onboarding.source.location(problem.path, key=problem.key)
        yield FIELD_INVALID.finding(location, problem.message, problem.hint)


@check(ORG_ID_INVALID, org=True)
def org_id(context: Context) -> Iterator[Finding]:
    onboarding = usable(context)
    if onboarding is None:
        return
    value = onboarding.data.get("org_id")
    if not isinstance(value, str):
        return
    company = onboarding.data.get("company")
    found = identifiers.org_id_problem(value, company if isinstance(company, str) else "")
    if found:
        yield ORG_ID_INVALID.finding(
            onboarding.source.location(("org_id",)), f"org ID `{value}` {found.reason}",
            f"use `{found.suggestion}`, or another ID of at most {identifiers.ORG_ID_MAX} lowercase "
            "letters, digits and single dashes")


@check(EMAIL_INVALID, GITHUB_ID_INVALID, ROLE_UNKNOWN, NO_OWNER, USER_DUPLICATE, CONTACT_NOT_USER, org=True)
def people(context: Context) -> Iterator[Finding]:
    onboarding = usable(context)
    if onboarding is None:
        return
    contact = onboarding.entry("contact")
    if contact is not None:
        yield from _email(contact, "the primary contact")
    users = onboarding.users
    for user in users:
        label = user_label(user)
        yield from _email(user, label)
        github = user.get("github")
        if isinstance(github, str):
            found = identifiers.github_id_problem(github)
            if found:
                yield GITHUB_ID_INVALID.finding(
                    user.location("github"), f"GitHub ID `{github}` of {label} {found.reason}",
                    f"write `{found.suggestion}`" if found.suggestion else
                    "write the login shown on the user's GitHub profile: 1 to 39 letters, digits "
                    "and single hyphens, no hyphen at either end")
        role = user.get("role")
        if isinstance(role, str):
            found = identifiers.role_problem(role)
            if found:
                yield ROLE_UNKNOWN.finding(
                    user.location("role"), f"role `{role}` of {label} {found.reason}",
                    (f"did you mean `{found.suggestion}`?" if found.suggestion else "use one of: "
                     + ", ".join(f"`{r}`" for r in identifiers.ROLES)))
    yield from _owner(onboarding, users)
    yield from _duplicates(users)
    if contact is not None:
        yield from _contact_is_user(contact, users)


def _email(item: Item, label: str) -> Iterator[Finding]:
    value = item.get("email")
    if not isinstance(value, str):
        return
    found = identifiers.email_problem(value)
    if found:
        yield EMAIL_INVALID.finding(
            item.location("email"), f"email `{value}` of {label} {found.reason}",
            f"write `{found.suggestion}`" if found.suggestion else
            "write just the address, such as jane@abc.example")


def _owner(onboarding: Onboarding, users: list[Item]) -> Iterator[Finding]:
    roles = [user.get("role") for user in users if isinstance(user.data, dict)]
    if not roles:
        return  # no users at all: the schema says so
    if not any(_means_owner(role) for role in roles):
        yield NO_OWNER.finding(
            onboarding.source.location(("users",), key=True),
            "no user has the role `owner`; an organization needs at least one",
            "give at least one user `role: owner` (owners create and delete projects and add users)")


def _means_owner(role: Any) -> bool:
    """`owner`, or a misspelling of it: O022 reports that one with its fix, once is enough."""
    if not isinstance(role, str):
        return False
    found = identifiers.role_problem(role)
    return role == "owner" if found is None else found.suggestion == "owner"


def _folded(value: Any) -> str | None:
    return value.strip().casefold() if isinstance(value, str) and value.strip() else None


def _duplicates(users: list[Item]) -> Iterator[Finding]:
    seen: dict[tuple[str, str], Item] = {}
    for user in users:
        keys = [(field, _folded(user.get(field))) for field in ("email", "github")]
        keys = [(field, value) for field, value in keys if value]
        earlier = next((seen[key] for key in keys if key in seen), None)
        if earlier is not None:
            same = [field for field, value in keys if _folded(earlier.get(field)) == value]
            what = " and ".join({"email": "email address", "github": "GitHub ID"}[f] for f in same)
            first = earlier.location(same[0])
            yield USER_DUPLICATE.finding(
                user.location(same[0]),
                f"{user_label(user)} has the same {what} as {user_label(earlier)} (line {first.line})",
                "list each person once: merge the two entries and keep one role", related=[first])
        for key in keys:
            seen.setdefault(key, user)


def _contact_is_user(contact: Item, users: list[Item]) -> Iterator[Finding]:
    email = _folded(contact.get("email"))
    if email is None or not users:
        return
    if any(_folded(user.get("email")) == email for user in users):
        return
    name = contact.get("name")
    who = f"{name} ({contact.get('email')})" if isinstance(name, str) else contact.get("email")
    yield CONTACT_NOT_USER.finding(
        contact.location("email"), f"the primary contact {who} is not among the users",
        "add the contact to `users` with a GitHub ID and a role, or make one of the users the contact")


@check(PLACEHOLDER)
def placeholders_left(context: Context) -> Iterator[Finding]:
    onboarding = usable(context)
    if onboarding is None:
        return
    yield from _schema_placeholder(onboarding)
    people = [(onboarding.entry("contact"), "the primary contact")]
    people += [(user, user_label(user)) for user in onboarding.users]
    for person, label in people:
        if person is None:
            continue
        for key, spotted, what in (("name", placeholders.is_name, "full name"),
                                   ("email", placeholders.is_email, "email address"),
                                   ("github", placeholders.is_github_id, "GitHub login")):
            value = person.get(key)
            if isinstance(value, str) and spotted(value):
                yield PLACEHOLDER.finding(
                    person.location(key), f"`{key}: {value}` of {label} is a placeholder",
                    f"write the {what} of {'the person' if key == 'name' else label}")
    for entry in onboarding.projects:
        git = entry.get("git")
        url = git.get("url") if isinstance(git, dict) else None
        if isinstance(url, str) and placeholders.is_repository_url(url):
            origin = context.git.remote_url() if entry is onboarding.project else None
            parsed = giturl.parse(origin) if origin else None
            example = f", here `{parsed.display()}` (the `origin` remote)" if parsed else ""
            yield PLACEHOLDER.finding(
                entry.location("git", "url"), f"git.url `{url}` is a placeholder",
                f"write the URL of the repository Meltano Cloud clones{example}")


def _schema_placeholder(onboarding: Onboarding) -> Iterator[Finding]:
    for number, line in enumerate(onboarding.source.text.splitlines()[:20], start=1):
        if not line.startswith("#"):
            return  # the modeline sits in the comments at the top
        column = placeholders.schema_owner_column(line)
        if column is not None:
            owner = len(placeholders.OWNER)
            yield PLACEHOLDER.finding(
                Location(onboarding.path, number, column + 1, number, column + owner),
                "the `$schema` URL still says `OWNER`, so editors cannot load the schema",
                "replace `OWNER` with the owner of the meltano-onboard repository your workflow uses "
                "(its `uses: <owner>/meltano-onboard@...` line), or delete the line")
