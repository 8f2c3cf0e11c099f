"""`.meltano/` committed: Meltano's system database, installed plugins and logs in the repository.

Decided by what git tracks, not by `.gitignore`: a folder committed before
the ignore line was added stays tracked (P505 covers the ignore line).
Outside a git repository the rule says nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from onboard_action.findings import Finding, Location, Severity
from onboard_action.model.context import Context
from onboard_action.rules import check, rule

MELTANO_FOLDER = ".meltano"

MELTANO_FOLDER_TRACKED = rule(
    "R003", "meltano-folder-tracked", Severity.WARNING,
    "`.meltano/` is tracked by git",
    """
    `.meltano/` is Meltano's local folder: the system database (with run
    history and state, sometimes with secrets in it), the virtual environments
    of installed plugins and the logs. Committed, it bloats the repository,
    leaks whatever it holds and clashes with the folder Meltano Cloud builds
    itself. A `.gitignore` line does not untrack what is already committed:
    run `git rm -r --cached .meltano`, add `.meltano/` to `.gitignore`, and
    commit. Checked only inside a git repository, by asking git what it
    tracks.
    """,
    bad="# git ls-files\n.meltano/meltano.db\nmeltano.yml\n",
    good="# git ls-files\n.gitignore\nmeltano.yml\n",
)


@check(MELTANO_FOLDER_TRACKED)
def meltano_folder_tracked(context: Context) -> Iterator[Finding]:
    project = context.project
    tracked = context.git.tracked_names if project.meltano_file is not None else None
    if tracked is None:
        return  # not in a git repository: nothing to say
    folder = project.root / MELTANO_FOLDER
    prefix = str(folder) + os.sep
    # Compared as text: a Path for each of the repository's files costs more than the rule.
    inside = sorted(Path(name) for name in tracked if name.startswith(prefix))
    if not inside:
        return
    count = f"{len(inside)} file{'s' if len(inside) != 1 else ''}"
    database = folder / "meltano.db"  # the file that matters most, when it is among them
    yield MELTANO_FOLDER_TRACKED.finding(
        Location(database if database in inside else inside[0]),
        f".meltano/ is tracked by git ({count}): Meltano's local database, installed plugins and logs "
        "are in the repository",
        _hint(context, folder))


def _hint(context: Context, folder: Path) -> str:
    top = context.git.top
    relative = folder.relative_to(top).as_posix() if top and folder.is_relative_to(top) else MELTANO_FOLDER
    where = "" if relative == MELTANO_FOLDER else " from the repository's root"
    return (f"run `git rm -r --cached {relative}`{where}, add `.meltano/` to .gitignore, and commit "
            "(it stays in the history: rotate any secret it held)")
