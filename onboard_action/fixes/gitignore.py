"""P505: add `.env` and `.meltano/` to the project's `.gitignore` (creating it if needed).

Safe: it only stops files from being added; what git tracks already stays tracked
(P504 and R003 say so). The project's own `.gitignore` is the one edited: its
lines win over the repository's, so an `!.env` higher up cannot undo them.
"""

from __future__ import annotations

from onboard_action.findings import Edit, Finding
from onboard_action.fixes import fixer
from onboard_action.load.edits import read_text
from onboard_action.model.context import Context
from onboard_action.rules.secrets_hygiene import GITIGNORE_INCOMPLETE


@fixer(GITIGNORE_INCOMPLETE, safe=True)
def ignore_local_files(finding: Finding, context: Context) -> tuple[str, list[Edit]] | None:
    root = context.project.root
    git = context.git
    missing = [name for name, ignored in ((".env", git.is_ignored(root / ".env")),
                                          (".meltano/", git.is_ignored(root / ".meltano", directory=True)))
               if ignored is False]
    path = root / ".gitignore"
    if not missing or path.is_symlink() or (path.exists() and not path.is_file()):
        return None  # a link may lead out of the repository: never written through
    try:
        text = read_text(path) or ""
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.split("\n")
    line, column = len(lines), len(lines[-1]) + 1
    lead = "" if not text or text.endswith("\n") else "\n"
    added = "".join(f"{name}\n" for name in missing)
    return (f"add {', '.join(missing)} to .gitignore",
            [Edit(path, line, column, line, column, lead + added)])
