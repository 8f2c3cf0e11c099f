"""Each check declares the rules it reports: `@check(RULE_A, RULE_B)`.

What that buys: `--ignore` (and the `ignore` input) skips a check whose rules are
all ignored, so it costs nothing; and a check that reports a rule it does not
declare is a bug, stopped as an internal error (exit code 3) instead of
reaching a report.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from onboard_action.errors import InternalError
from onboard_action.findings import DEFAULT_TARGET, Location
from onboard_action.load.loader import load_project
from onboard_action.model.context import Context
from onboard_action.rules import CHECKS, REGISTRY, Check, check, load_all, run_checks
from onboard_action.settings import Settings
from tests.helpers import REPO, base_env, run_action

# A stand-in for the entry points with one more check, which reports P002 but declares only P001.
MISBEHAVING = textwrap.dedent("""\
    import runpy
    import sys

    from onboard_action.findings import Location
    from onboard_action.rules import REGISTRY, check, load_all

    load_all()


    @check(REGISTRY["P001"])
    def reports_another_rule(context):
        yield REGISTRY["P002"].finding(Location(context.project.root / "meltano.yml"), "not P001's")


    if sys.argv[1] == "action":
        runpy.run_path({entrypoint!r}, run_name="__main__")
    else:
        from onboard_action.cli import main

        raise SystemExit(main(sys.argv[1:]))
    """).format(entrypoint=str(REPO / "entrypoint.py"))


def test_every_check_declares_registered_rules_and_every_rule_has_a_check() -> None:
    registry = load_all()
    declared = set()
    for each in CHECKS:
        assert each.rules, each.name
        assert all(REGISTRY[rule.code] is rule for rule in each.rules), each.name
        declared |= each.codes
    assert sorted(set(registry) - declared) == []  # a rule no check declares could never fire


def test_a_check_names_its_rules() -> None:
    with pytest.raises(TypeError, match=r"@check\(RULE, ...\)"):
        check()
    with pytest.raises(TypeError):
        check("P001")  # the rule itself, not its code


def test_a_finding_of_an_undeclared_rule_stops_the_check(tmp_path: Path) -> None:
    load_all()
    (tmp_path / "meltano.yml").write_text("version: 1\n", encoding="utf-8")
    context = Context(load_project(tmp_path), Settings(project_dir=tmp_path, workspace=tmp_path))

    def reports_p002(context: Context):
        yield REGISTRY["P002"].finding(Location(tmp_path / "meltano.yml"), "not P001's")

    unregistered = Check(reports_p002, (REGISTRY["P001"],))
    with pytest.raises(InternalError, match=r"reported P002, which it does not declare \(it declares P001\)"):
        list(unregistered(context))


def test_the_cli_says_an_undeclared_rule_is_a_bug_and_exits_3(tmp_path: Path) -> None:
    (tmp_path / "meltano.yml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "misbehaving.py").write_text(MISBEHAVING, encoding="utf-8")
    done = _run_script(tmp_path, "check", ".", "--onboarding-file=")
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr == ("meltano-onboard: internal error: check __main__.reports_another_rule reported "
                           "P002, which it does not declare (it declares P001). This is a bug in "
                           "meltano-onboard; please report it.\n")


def test_the_action_says_an_undeclared_rule_is_a_bug_and_exits_3(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "meltano.yml").write_text("version: 1\n", encoding="utf-8")
    script = tmp_path / "misbehaving.py"
    script.write_text(MISBEHAVING.replace('sys.argv[1] == "action"', "True"), encoding="utf-8")
    run = run_action(workspace, {"onboarding-file": ""}, tmp_path, entrypoint=script)
    assert run.returncode == 3
    [error] = [c for c in run.commands if c.name == "error"]
    assert error.properties["title"] == "meltano-onboard: internal error"
    assert "check __main__.reports_another_rule reported P002, which it does not declare" in error.message
    assert "Traceback" not in run.stdout + run.stderr


def _run_script(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(folder / "misbehaving.py"), *args], cwd=folder,
                          env=base_env(), capture_output=True, text=True, timeout=120)


def _checks_run(folder: Path, ignore: set[str]) -> list[str]:
    """The names of the checks that run on `folder` when the settings ignore `ignore`."""
    load_all()
    settings = Settings(project_dir=folder, workspace=folder, onboarding_file="", ignore=frozenset(ignore))
    ran: list[Check] = []
    run_checks(Context(load_project(folder), settings), observe=ran.append)
    return [each.name for each in ran]


def test_a_check_whose_rules_are_all_ignored_does_not_run(tmp_path: Path) -> None:
    folder = tmp_path / "ready"
    shutil.copytree(REPO / "examples" / "ready", folder)
    every = _checks_run(folder, set())
    assert "secrets_hygiene.dotenv_tracked" in every
    # Every check with a rule of the default target runs; the others (today's Meltano Cloud's) do not.
    assert every == [c.name for c in CHECKS if any(DEFAULT_TARGET in r.targets for r in c.rules)]
    assert len(every) < len(CHECKS)
    # P504 is the only rule of the `.env`-in-git check: ignored, the check is skipped.
    dotenv_tracked = "secrets_hygiene.dotenv_tracked"
    assert _checks_run(folder, {"P504"}) == [name for name in every if name != dotenv_tracked]
    # P502 is one of two rules of its check: the check still runs for P503.
    assert _checks_run(folder, {"P502"}) == every
    # All the codes of both secrets-in-git checks.
    skipped = _checks_run(folder, {"P504", "P505"})
    assert set(every) - set(skipped) == {dotenv_tracked, "secrets_hygiene.gitignore_coverage"}
