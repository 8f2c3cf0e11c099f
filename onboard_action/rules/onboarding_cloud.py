"""The onboarding file as today's Meltano Cloud reads it (`target: cloud`): roles and the workspace.

The platform invites people by email with the roles Owner, Administrator or
Member (not the guide's owner, maintainer and reader), and a workspace has a
name and approved email domains, which the onboarding file may give under
`workspace:` (schemas/onboarding-cloud.schema.json). The rules of the file
that hold on both platforms (its shape, emails, git URL and branch, the
project's entry) are the O rules; the org ID rules do not apply.
"""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import TODAY, Finding, Severity
from onboard_action.load.yamlfile import YList, YMap
from onboard_action.model.context import Context
from onboard_action.rules import check, rule
from onboard_action.rules.onboarding import usable, user_label
from onboard_action.values.suggest import close_match

ROLES = ("Owner", "Administrator", "Member")
# The onboarding guide's roles, as the closest of today's (inferred from what each may do).
GUIDE_ROLES = {"owner": "Owner", "maintainer": "Administrator", "maintaner": "Administrator",
               "reader": "Member"}

ROLE_UNKNOWN = rule(
    "C040", "workspace-role-unknown", Severity.ERROR,
    "user role is not Owner, Administrator or Member",
    """
    Today's Meltano Cloud invites each member of a workspace by email with
    one of three roles: `Owner`, `Administrator` or `Member`. The onboarding
    guide's roles (`owner`, `maintainer`, `reader`) and anything else are not
    roles the platform can give. Write one of the three.
    """,
    bad="# meltano.yml\nversion: 1\nenvironments:\n  - name: dev\n# onboarding.yml\n"
        "users:\n  - {name: Jane Doe, email: jane@abc.example, role: maintainer}\n",
    good="# meltano.yml\nversion: 1\nenvironments:\n  - name: dev\n# onboarding.yml\n"
         "users:\n  - {name: Jane Doe, email: jane@abc.example, role: Administrator}\n",
    targets=TODAY,
)
WORKSPACE_SETTINGS_DIFFER = rule(
    "C041", "workspace-settings-differ", Severity.WARNING,
    "the onboarding file and workspace.yml give the workspace different names or domains",
    """
    The onboarding file's `workspace:` may give the workspace's name and
    approved email domains; workspace.yml holds them too. When both say and
    they differ, one of them is out of date, and people may be invited to a
    workspace under another name, or be refused for their domain. Make them
    the same (or keep them in workspace.yml only).
    """,
    bad="# meltano.yml\nversion: 1\nenvironments:\n  - name: dev\n"
        "# workspace.yml\nversion: workspaces/v0.2\nname: Data platform\ndomains: [abc.example]\n"
        "# onboarding.yml\nworkspace: {name: Data Platform, domains: [abc.example]}\n",
    good="# meltano.yml\nversion: 1\nenvironments:\n  - name: dev\n"
         "# workspace.yml\nversion: workspaces/v0.2\nname: Data platform\ndomains: [abc.example]\n"
         "# onboarding.yml\nworkspace: {name: Data platform, domains: [abc.example]}\n",
    targets=TODAY,
)


@check(ROLE_UNKNOWN)
def workspace_roles(context: Context) -> Iterator[Finding]:
    onboarding = usable(context)
    if onboarding is None:
        return
    for user in onboarding.users:
        role = user.get("role")
        if not isinstance(role, str) or role in ROLES:
            continue
        lowered = role.strip().lower()
        meant = (GUIDE_ROLES.get(lowered) or next((r for r in ROLES if r.lower().startswith(lowered)), None)
                 or close_match(role, ROLES)) if lowered else None
        guide = " (a role of the onboarding guide's Meltano Cloud)" if lowered in GUIDE_ROLES else ""
        yield ROLE_UNKNOWN.finding(
            user.location("role"), f"role `{role}` of {user_label(user)} is not a role of today's Meltano "
            f"Cloud{guide}", f"write `role: {meant}`" if meant else
            "use one of: " + ", ".join(f"`{r}`" for r in ROLES))


@check(WORKSPACE_SETTINGS_DIFFER)
def workspace_settings(context: Context) -> Iterator[Finding]:
    onboarding = usable(context)
    given = onboarding.data.get("workspace") if onboarding is not None else None
    written = context.dataml.workspace_data
    if not isinstance(given, YMap) or written is None:
        return
    for key in ("name", "domains"):
        mine, theirs = given.get(key), written.get(key)
        if key == "domains":
            if not (isinstance(mine, YList) and isinstance(theirs, YList)):
                continue
            same = {d for d in mine if isinstance(d, str)} == {d for d in theirs if isinstance(d, str)}
            shown = ", ".join(sorted({d for d in theirs if isinstance(d, str)}))
        else:
            if not (isinstance(mine, str) and isinstance(theirs, str)):
                continue
            same, shown = mine == theirs, theirs
        if same:
            continue
        yield WORKSPACE_SETTINGS_DIFFER.finding(
            onboarding.source.location(("workspace", key)),
            f"the onboarding file gives the workspace's `{key}` otherwise than workspace.yml ({shown})",
            f"write the same `{key}` as workspace.yml, or remove it here and keep it in workspace.yml",
            related=[context.dataml.workspace.location((key,))])
