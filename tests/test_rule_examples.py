"""Every rule's documented examples, run: its `bad` example must fire it, its `good` example must not.

The examples are what docs/rules.md shows (generated from `Rule.bad` and
`Rule.good`), so a wrong example is a wrong doc. Most are meltano.yml as is.
The others say where they belong, and the fixtures below build that and what
else they need, the same for both examples of a rule:

* `# <file>` lines split an example into files (`# secrets.yml`, `# .gitignore`);
  an included file gets the `include_paths` entry in meltano.yml it needs;
* fragments go into the entry they are a part of (a schedule, a user, a
  project of the onboarding file), and a part of the onboarding file is
  completed with the keys a whole one has;
* jobs and schedules get the plugins they name; a Hub plugin's sensitive
  setting, its lock file;
* `# git ls-files` and "is committed too" make a real git repository, and
  `# checked in abc/data-platform` one with that remote;
* placeholders become real: `ciphertext: ...  # 684 characters` base64 of that
  length, `... 2,300 bytes ...` that many bytes, `AKIA...` a whole key id,
  `# ... and so on` the aliases nine levels deep, `${{ vars.MY_RSA_2048_KEY }}`
  an RSA-2048 key.

Rules without examples (their subject is not a file's content) are listed in
`NO_EXAMPLE` with the reason, never skipped silently.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from onboard_action.findings import DEFAULT_TARGET, ordered
from onboard_action.rules import load_all
from tests.gitcase import make_repository
from tests.helpers import FIXED_NOW, check_in_process
from tests.rsa_keys import public_pem

RULES = load_all()

# Rules that document no example, and why none can be written as a file.
NO_EXAMPLE = {
    "F001": "its subject is a folder without meltano.yml: there is no file to show",
    "F009": "its subject is a file that cannot be read (permissions, encoding, size), not its text",
    "F011": "its subject is a tree of folders too large to walk, not the text of a file",
    "O001": "its subject is an onboarding file named on the command line that does not exist",
    "O002": "its subject is the absence of the default onboarding file",
    "O033": "its subject is a branch a shallow clone cannot see, which no file shows",
    "S016": "its subject is what Meltano answers to a dry run (tests/cases/S016 shows it with stand-ins)",
    "S017": "its subject is a program missing from the PATH, not a file's content",
}

ONBOARDING = "onboarding.yml"
HEADER = re.compile(r"^# (\.?[\w./-]+\.(?:ya?ml|lock|json)|\.gitignore|\.env)$")
# `ciphertext: ...` with the length its comment gives (684 characters: RSA-4096, when none is given).
CIPHERTEXT = re.compile(r"ciphertext: [\w+/=]*\.\.\.(?:\s+# (\d+) characters[^\n]*)?")
BYTES_FOR_CHARACTERS = {684: 512, 512: 384, 344: 256}
REPOSITORY = "https://github.com/abc/data-platform"
PROJECT_ENTRY = ("projects:\n  - git: {provider: github, url: " + REPOSITORY + ", branch: main}\n"
                 "    root: .\n    environment: sandbox\n")
# The plugins the job and schedule examples name.
PLUGINS = ("plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
           "  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n"
           "  utilities:\n    - name: dbt-postgres\n      variant: dbt-labs\n")
LOCK = {"plugin_type": "extractors", "name": "tap-github", "namespace": "tap_github",
        "variant": "meltanolabs", "pip_url": "meltanolabs-tap-github", "settings": []}


class Example:
    """A workspace being built for one example, and the arguments its check needs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.args: list[str] = []
        self.project = "."
        self.repository: dict | None = None  # make_repository's arguments, when it needs git

    def write(self, name: str, text: str) -> None:
        path = self.root / self.project / name if not name.startswith("/") else self.root / name[1:]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def files(self, text: str, default: str = "meltano.yml") -> None:
        """The example as files: `# <file>` lines start a new one; text before any goes to `default`."""
        found: dict[str, list[str]] = {}
        current = None
        for line in text.splitlines(keepends=True):
            header = HEADER.match(line.rstrip("\n"))
            if header:
                current = header.group(1)
                found.setdefault(current, [])
            else:
                found.setdefault(current or default, []).append(line)
        included = [name for name in found if name.endswith(".meltano.yml")]
        meltano = "".join(found.pop("meltano.yml", ["version: 1\n"] if included else []))
        if included and "include_paths" not in meltano:
            meltano += "include_paths:\n" + "".join(f"  - ./{name}\n" for name in included)
        if meltano or "meltano.yml" in text or default == "meltano.yml":
            self.write("meltano.yml", meltano)
        for name, lines in found.items():
            self.write(name, _filled("".join(lines)))

    def onboarding(self, text: str) -> None:
        self.write("/" + ONBOARDING, text)
        self.args.append(f"--onboarding-file={ONBOARDING}")

    def in_git(self, **repository) -> None:
        self.repository = repository


def _filled(text: str) -> str:
    """Placeholders made real: `ciphertext: ...  # 684 characters` gets 684 characters of base64."""
    def ciphertext(match: re.Match) -> str:
        size = BYTES_FOR_CHARACTERS[int(match.group(1) or 684)]
        return "ciphertext: " + base64.b64encode(bytes(size)).decode()
    return CIPHERTEXT.sub(ciphertext, text)


def _under(text: str, parent: str, indent: int) -> str:
    return parent + textwrap.indent(textwrap.dedent(text), " " * indent) + "\n"


def meltano(example: Example, text: str) -> None:
    example.files(text)


def secrets_file(example: Example, text: str) -> None:
    example.write("meltano.yml", "version: 1\n")
    example.write("secrets.yml", _filled(text))


def dotenv(example: Example, text: str) -> None:
    # `... 2,300 bytes ...`: a value of that size, as the example says.
    text = re.sub(r"\.\.\. ([\d,]+) bytes \.\.\.", lambda m: "x" * int(m.group(1).replace(",", "")), text)
    example.write("meltano.yml", "version: 1\n")
    example.write(".env", text)
    example.write("org.pem", public_pem(4096).decode())  # Meltano's organization keys are RSA-4096
    example.args += ["--dotenv-path=.env", "--public-key=org.pem"]


def dotenv_beside_the_project(example: Example, text: str) -> None:
    """meltano.yml and the .env the check is given, as the example's `# <file>` lines split them."""
    example.files(text)
    example.args.append("--dotenv-path=.env")


def listed_projects(example: Example, text: str) -> None:
    """The onboarding file lists the project `proj2` (in its folder); the check runs with no folder."""
    example.write("proj2/meltano.yml", "version: 1\n")
    example.onboarding(text + "\n")


def public_key(example: Example, text: str) -> None:
    # The input names the key by a variable: `MY_RSA_2048_KEY`, else the organization's RSA-4096 key.
    bits = int(m.group(1)) if (m := re.search(r"RSA_(\d+)", text)) else 4096
    example.write("meltano.yml", "version: 1\n")
    example.write("key.pem", public_pem(bits).decode())
    example.args.append("--public-key=key.pem")


def git_tracked(example: Example, text: str) -> None:
    """`# git ls-files` and the files it lists: a repository that tracks exactly those."""
    names = [line for line in text.splitlines()[1:] if line.strip()]
    for name in names:
        example.write(name, "version: 1\n" if name == "meltano.yml" else
                      ".env\n.meltano/\n" if name == ".gitignore" else "X=1\n")
    example.in_git()


def gitignore(example: Example, text: str) -> None:
    example.files(text)
    example.write("meltano.yml", "version: 1\n")
    example.in_git()


def lock_file(example: Example, text: str) -> None:
    example.write("meltano.yml", PLUGINS)
    example.write("plugins/extractors/tap-github--meltanolabs.lock", text)


def with_the_plugins_it_names(example: Example, text: str) -> None:
    example.write("meltano.yml", PLUGINS + text + "\n")


def hub_lock_file(example: Example, text: str) -> None:
    """The loader's lock file, which marks `password` as `kind: password` (as target-postgres's does)."""
    example.files(text)
    lock = {"plugin_type": "loaders", "name": "target-postgres", "namespace": "target_postgres",
            "variant": "meltanolabs", "pip_url": "meltanolabs-target-postgres",
            "settings": [{"name": "password", "kind": "password"}]}
    example.write("plugins/loaders/target-postgres--meltanolabs.lock", json.dumps(lock))


def aws_key(example: Example, text: str) -> None:
    """`AKIA...`: an access key id of the real length (not AWS's documentation key, which is harmless)."""
    example.files(text.replace("AKIA...", "AKIAV7GQ3ZKX5NR4TW2M"))


# tap-github's lock file as `meltano lock` writes it, cut to the settings the P7xx examples use.
GITHUB_LOCK = {
    "plugin_type": "extractors", "name": "tap-github", "namespace": "tap_github", "variant": "meltanolabs",
    "pip_url": "meltanolabs-tap-github", "capabilities": ["catalog", "discover", "state", "stream-maps"],
    "settings_group_validation": [["repositories"], ["organizations"]],
    "settings": [
        {"name": "auth_token", "kind": "string", "sensitive": True},
        {"name": "organizations", "kind": "array"},
        {"name": "rate_limit_buffer", "kind": "integer"},
        {"name": "repositories", "kind": "array"},
        {"name": "start_date", "kind": "date_iso8601"},
    ],
}
RUN_DAILY = ("jobs:\n  - name: github\n    tasks: [tap-github]\n"
             "schedules:\n  - name: daily\n    interval: '@daily'\n    job: github\n")


def github_lock(example: Example, text: str) -> None:
    example.files(text)
    example.write("plugins/extractors/tap-github--meltanolabs.lock", json.dumps(GITHUB_LOCK))


def scheduled_github(example: Example, text: str) -> None:
    """tap-github's lock file, a schedule that runs it, and the `.env` the example gives, if any."""
    github_lock(example, text)
    meltano_yml = example.root / "meltano.yml"
    meltano_yml.write_text(meltano_yml.read_text(encoding="utf-8").rstrip("\n") + "\n" + RUN_DAILY,
                           encoding="utf-8")
    if (example.root / ".env").exists():
        example.args.append("--dotenv-path=.env")


def locked_if_committed(example: Example, text: str) -> None:
    example.files(text)
    if "is committed" in text.splitlines()[0]:
        example.write("plugins/extractors/tap-github--meltanolabs.lock", json.dumps(LOCK))


def with_extract_folder(example: Example, text: str) -> None:
    example.files(text)
    example.write("extract/extractors.meltano.yml", "plugins: {}\n")


def outside_the_project(example: Example, text: str) -> None:
    """The project in a folder of the workspace, beside the `shared/` the bad pattern climbs to.

    The good pattern finds its own `shared/` inside the project.
    """
    example.project = "project"
    example.args.insert(0, "project")
    example.files(text)
    example.write("/shared/jobs.meltano.yml", "jobs: []\n")
    example.write("shared/jobs.meltano.yml", "jobs: []\n")


def anchors(example: Example, text: str) -> None:
    """`# ... and so on`: the example's aliases, nine levels deep."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    for previous, name in itertools.pairwise("bcdefghi") if "and so on" in text else ():
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    example.write("meltano.yml", "\n".join(lines) + "\n")


def orphan(example: Example, text: str) -> None:
    example.files(text)
    example.write("extract/extractors.meltano.yml", "plugins: {}\n")
    example.write("load/loaders.meltano.yml", "plugins:\n  loaders:\n    - name: target-postgres\n")
    example.in_git()


SCHEDULE = "schedules:\n  - name: daily\n"
JOB = "jobs:\n  - name: github-to-postgres\n    tasks: [tap-github target-postgres]\n"


def schedule_part(example: Example, text: str, *, listed: bool = False) -> None:
    """A part of a schedule entry: the rest of the entry around it (`listed` in the onboarding file)."""
    keys = set(re.findall(r"^\s*(\w+):", text, re.MULTILINE))
    entry = _under(text, SCHEDULE, 4)
    if "interval" not in keys:
        entry += "    interval: '0 6 * * *'\n"
    if "transform" in keys:  # `transform` belongs to the legacy form
        entry += "    extractor: tap-github\n    loader: target-postgres\n"
    else:
        entry += "    job: github-to-postgres\n"
    environments = "environments:\n  - name: sandbox\n  - name: prod\n"
    example.write("meltano.yml", JOB + environments + entry)
    if listed:
        example.onboarding(PROJECT_ENTRY + "    schedules: [daily]\n")


def listed_schedule_part(example: Example, text: str) -> None:
    """"listed in onboarding.yml", "onboarding uses sandbox": a schedule the onboarding file lists."""
    schedule_part(example, text, listed=True)


def onboarding_schedules(example: Example, text: str) -> None:
    example.write("meltano.yml", JOB + "schedules:\n  - name: daily-github\n    interval: '0 6 * * *'\n"
                  "    job: github-to-postgres\nenvironments:\n  - name: sandbox\n")
    example.onboarding(PROJECT_ENTRY + text.split("\n", 1)[1] + "\n")


# A complete onboarding file for the checked project, for examples that show a part of one.
ONBOARDING_SECTIONS = {
    "company": "company: ABC Company Inc.\n",
    "contact": "contact:\n  name: Jane Doe\n  email: jane@abc.example\n",
    "org_id": "org_id: abc-data-team\n",
    "projects": PROJECT_ENTRY + "    schedules: [daily]\n",
    "users": "users:\n  - {name: Jane Doe, email: jane@abc.example, github: janedoe, role: owner}\n",
}


def onboarding(example: Example, text: str) -> None:
    """Top-level keys of the onboarding file; the file's other keys as a complete one has them."""
    written = set(re.findall(r"^(\w+):", text, re.MULTILINE))
    rest = "".join(section for key, section in ONBOARDING_SECTIONS.items() if key not in written)
    example.write("meltano.yml", "version: 1\n")
    example.onboarding(text + "\n" + rest)


def onboarding_as_is(example: Example, text: str) -> None:
    example.write("meltano.yml", "version: 1\n")
    example.onboarding(text + "\n")


def user_field(example: Example, text: str) -> None:
    example.write("meltano.yml", "version: 1\n")
    example.onboarding(_under(text, "users:\n  - name: Jane Doe\n", 4))


def contact_field(example: Example, text: str) -> None:
    example.write("meltano.yml", "version: 1\n")
    example.onboarding(_under(text, "contact:\n  name: Jane Doe\n", 2))


def project_git(example: Example, text: str) -> None:
    example.write("meltano.yml", "version: 1\n")
    example.onboarding(_under(text, "projects:\n  - root: .\n", 4))


def project_git_part(example: Example, text: str) -> None:
    """`url:` or `branch:` of the project's `git:`, checked in the repository abc/data-platform."""
    git_entry = {"provider": "github", "url": REPOSITORY, "branch": "main"}
    key, value = text.split("#")[0].split(":", 1)
    git_entry[key.strip()] = value.strip()
    example.write("meltano.yml", "version: 1\n")
    example.onboarding("projects:\n  - git: " + json.dumps(git_entry) + "\n    root: .\n")
    example.in_git(remote=REPOSITORY + ".git")


def project_part(example: Example, text: str) -> None:
    """A field of the checked project's entry."""
    example.write("meltano.yml", "version: 1\n")
    example.onboarding("projects:\n  - root: .\n" + textwrap.indent(text, "    ") + "\n")


def project_environment(example: Example, text: str) -> None:
    """The entry's environment, where "meltano.yml defines dev and prod; the input says prod"."""
    project_part(example, text)
    example.write("meltano.yml", "version: 1\nenvironments:\n  - name: dev\n  - name: prod\n")
    example.args.append("--environment=prod")


def project_in_a_folder(example: Example, text: str) -> None:
    """meltano.yml in data/, the onboarding file at the top, as the example's first line says."""
    example.write("data/meltano.yml", "version: 1\n")
    example.onboarding(text + "\n")
    example.args.insert(0, "data")


def files_and_onboarding(example: Example, text: str) -> None:
    """Files split by `# <file>` lines, one of them the onboarding file, which the check then reads."""
    example.files(text)
    example.args.append(f"--onboarding-file={ONBOARDING}")


FIXTURES: dict[str, Callable[[Example, str], None]] = {
    **{code: secrets_file for code in ("K001", "K002", "K003", "K004", "K005", "K006", "K007", "K008")},
    **{code: dotenv for code in ("K030", "K031", "K032", "K033", "K034", "K035")},
    "K020": public_key,
    "K036": dotenv_beside_the_project,
    "O043": listed_projects,
    "P504": git_tracked, "R003": git_tracked,
    "P505": gitignore,
    "P107": locked_if_committed,
    "P108": lock_file,
    "P112": lock_file,
    "F006": with_extract_folder, "F008": with_extract_folder,
    "F007": outside_the_project,
    "F010": anchors,
    "R001": orphan,
    **{code: schedule_part for code in ("S008", "S012", "S014")},
    "S011": listed_schedule_part, "S013": listed_schedule_part,
    "S010": onboarding_schedules,
    "O003": onboarding_as_is,  # its `bad` example is a list: nothing to complete
    **{code: onboarding for code in ("O004", "O005", "O006", "O010", "O023", "O024", "O025")},
    **{code: with_the_plugins_it_names for code in ("P204", "P205", "S007")},
    "P501": hub_lock_file,
    **{code: github_lock for code in ("P701", "P702", "P705", "P707")},
    **{code: scheduled_github for code in ("P703", "P704", "P706")},
    "P503": aws_key,
    "O020": contact_field,
    "O021": user_field, "O022": user_field,
    "O030": project_git,
    "O031": project_git_part, "O032": project_git_part,
    "O040": project_in_a_folder,
    "O041": project_environment, "O042": project_part,
    "C040": files_and_onboarding, "C041": files_and_onboarding,
}


def codes_found(tmp_path: Path, code: str, which: str, capsys, monkeypatch) -> set[str]:
    """The codes `meltano-onboard check` reports on the workspace built from rule `code`'s example."""
    text = getattr(RULES[code], which)
    example = Example(tmp_path / "workspace")
    example.root.mkdir()
    FIXTURES.get(code, meltano)(example, text)
    if example.repository is not None:
        make_repository(example.root, **example.repository)
    if not any(a.startswith("--onboarding-file") for a in example.args):
        example.args.append("--onboarding-file=")
    if DEFAULT_TARGET not in RULES[code].targets:  # run where the rule holds: its first target
        example.args.append(f"--target={ordered(RULES[code].targets)[0]}")
    status, out, err = check_in_process(example.root, [*example.args, "--format", "json", "--now", FIXED_NOW],
                                        capsys, monkeypatch)
    assert status in (0, 1), err
    return {finding["code"] for finding in json.loads(out)["findings"]}


RUNNABLE = sorted(code for code in RULES if code not in NO_EXAMPLE)


@pytest.mark.parametrize("code", RUNNABLE)
def test_the_bad_example_fires_the_rule(code: str, tmp_path: Path, capsys, monkeypatch) -> None:
    assert code in codes_found(tmp_path, code, "bad", capsys, monkeypatch)


# Files that do not load: every other rule is quiet then, so a good example must not be one.
NOT_LOADED = {"F001", "F002", "F003", "F004", "F009", "F010", "O003"}


@pytest.mark.parametrize("code", RUNNABLE)
def test_the_good_example_keeps_the_rule_quiet(code: str, tmp_path: Path, capsys, monkeypatch) -> None:
    found = codes_found(tmp_path, code, "good", capsys, monkeypatch)
    assert code not in found
    assert found.isdisjoint(NOT_LOADED)


def test_rules_without_examples_are_those_listed() -> None:
    assert sorted(code for code, r in RULES.items() if not r.bad and not r.good) == sorted(NO_EXAMPLE)
    assert all(RULES[code].bad and RULES[code].good for code in RUNNABLE)
