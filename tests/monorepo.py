"""A repository of two Meltano projects, `data` and `proj2`, and one onboarding file listing both.

Built from the bundled ready example and committed with real git (tests/gitcase.py), so the
repository rules (URL, branch) see a repository as on a runner.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.gitcase import git, make_repository
from tests.helpers import REPO

READY = REPO / "examples" / "ready"
# proj2's only schedule runs every five minutes: Meltano Cloud refuses it (S004).
BAD_INTERVAL = '"*/5 * * * *"'
GOOD_INTERVAL = '"0 7 * * *"'

ONBOARDING = """\
company: ABC Company Inc.
contact:
  name: Jane Doe
  email: jane@abc.example
org_id: abc-data-team
projects:
  - name: data-platform
    git:
      provider: github
      url: https://github.com/abc/data-platform
      branch: main
    root: data
    environment: sandbox
    schedules: [daily-github]
  - name: proj2
    git:
      provider: github
      url: https://github.com/abc/data-platform
      branch: main
    root: proj2
    environment: sandbox
    schedules: [often-github]
users:
  - name: Jane Doe
    email: jane@abc.example
    github: janedoe
    role: owner
  - name: Sam Lee
    email: sam@abc.example
    github: samlee
    role: maintainer
"""


def build(folder: Path, *, interval: str = BAD_INTERVAL) -> Path:
    """The two-project repository in `folder`, committed on main with `origin` on GitHub."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("data", "proj2"):
        shutil.copytree(READY, folder / name, ignore=shutil.ignore_patterns("onboarding.yml"))
    second = folder / "proj2" / "meltano.yml"
    text = second.read_text(encoding="utf-8").replace("name: daily-github", "name: often-github")
    second.write_text(text.replace('"0 6 * * *"', interval), encoding="utf-8")
    (folder / "onboarding.yml").write_text(ONBOARDING, encoding="utf-8")
    return make_repository(folder, remote="https://github.com/abc/data-platform.git")


def fix(folder: Path) -> None:
    """proj2's schedule at a time Meltano Cloud accepts, committed."""
    second = folder / "proj2" / "meltano.yml"
    second.write_text(second.read_text(encoding="utf-8").replace(BAD_INTERVAL, GOOD_INTERVAL),
                      encoding="utf-8")
    git("commit", "-qam", "proj2: a daily schedule", cwd=folder)


def schedule_line(folder: Path) -> int:
    """The line of proj2's interval."""
    lines = (folder / "proj2" / "meltano.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "interval:" in line)
