"""What every run pays besides its work: imports, bytecode, garbage collection.

jsonschema and croniter cost more to import than PyYAML takes to read a 500-plugin
project (see docs/performance.md), so they are imported by the first invalid
instance and the first interval beyond plain fields (values/cron.py), not by
the package. The figures live in the benchmark; these tests only keep the costs
where they belong.
"""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from onboard_action import engine, rules
from onboard_action.settings import from_values
from tests.helpers import REPO, base_env, run_probe

HEAVY = ("jsonschema", "croniter", "cryptography", "dotenv", "ruamel")


def imported_after(code: str, cwd: Path = REPO, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    probe = (f"import contextlib, io, json, sys\n{code}\n"
             f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {set(heavy)!r})))\n")
    return json.loads(run_probe(probe, cwd).strip().splitlines()[-1])


def test_the_cli_and_every_rule_module_import_none_of_the_heavy_libraries() -> None:
    code = ("from onboard_action.cli import build_parser\nbuild_parser()\n"
            "from onboard_action.rules import load_all\nload_all()\n"
            "from onboard_action.reporters import load_all as reporters\nreporters()\n"
            "import onboard_action.engine")
    assert imported_after(code) == []


def test_listing_the_rules_imports_none_of_them() -> None:
    code = ("from onboard_action.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    main(['rules'])")
    assert imported_after(code) == []


def check_imports(project: Path, meltano_yml: str, *args: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    (project / "meltano.yml").write_text(meltano_yml, encoding="utf-8")
    code = ("from onboard_action.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['check', '.', '--format', 'json', '--onboarding-file=', *{list(args)!r}])")
    return imported_after(code, cwd=project, heavy=heavy)


VALID = ("version: 1\nplugins:\n  extractors:\n    - name: tap-x\n      namespace: tap_x\n"
         "      pip_url: tap-x\n")


def test_a_valid_project_without_schedules_imports_none_of_them(tmp_path: Path) -> None:
    # The generated validators (onboard_action/schema/generated) find it valid: jsonschema is not needed.
    assert check_imports(tmp_path, VALID) == []


def test_a_clean_check_imports_no_fixer_packet_or_other_command(tmp_path: Path) -> None:
    # What only --fix, --diff, a finding, a packet or another command needs waits for it.
    later = ("onboard_action.fixes", "onboard_action.fixes.session", "onboard_action.reporters.packet",
             "onboard_action.cli.encrypt", "onboard_action.cli.init", "onboard_action.cli.packet",
             "onboard_action.cli.rules", "pkgutil",
             "tempfile")  # not shutil: argparse's help formatter imports it
    clean = (VALID.replace("pip_url: tap-x", "pip_url: tap-x==1.0.0")
             + "  loaders:\n    - name: target-y\n      namespace: target_y\n      pip_url: target-y==1.0.0\n"
             + "environments:\n  - name: sandbox\njobs:\n  - name: j\n    tasks: [tap-x target-y]\n"
             "schedules:\n  - {name: s, interval: '@daily', job: j}\n")
    (tmp_path / "meltano.yml").write_text(clean, encoding="utf-8")
    probe = ("import contextlib, io, json, sys\nfrom onboard_action.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             "    code = main(['check', '.', '--format', 'json', '--onboarding-file='])\n"
             f"print(code, json.dumps(sorted(set(sys.modules) & {set(later)!r})))\n")
    assert run_probe(probe, tmp_path).split() == ["0", "[]"]


def test_packaging_reads_only_the_pip_urls_the_common_forms_do_not_cover(tmp_path: Path) -> None:
    from_the_hub = "version: 1\nplugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
    assert check_imports(tmp_path, from_the_hub, heavy=("packaging",)) == []
    assert check_imports(tmp_path, VALID, heavy=("packaging",)) == []  # `tap-x`
    release_candidate = VALID.replace("pip_url: tap-x", "pip_url: tap-x==1.0rc1")
    assert check_imports(tmp_path, release_candidate, heavy=("packaging",)) == ["packaging"]


def test_only_a_file_with_a_tab_asks_meltanos_yaml_reader(tmp_path: Path) -> None:
    with_a_tab = VALID.replace("pip_url: tap-x", "pip_url:\ttap-x")
    assert check_imports(tmp_path, with_a_tab) == ["ruamel"]


def test_a_project_that_breaks_the_schema_imports_jsonschema_to_explain_it(tmp_path: Path) -> None:
    assert check_imports(tmp_path, VALID + "      pip: tap-x\n") == ["jsonschema"]


def test_msgspec_comes_without_typing_extensions_and_jsonschema_still_gets_it(tmp_path: Path) -> None:
    # msgspec wants it (with inspect, ast and dis) only for typed decoding: onboard_action/__init__.py.
    lean = ("typing_extensions", "inspect", "ast", "dis")
    assert check_imports(tmp_path, VALID, heavy=lean) == []
    # A schema finding needs jsonschema, whose `referencing` imports typing_extensions for real.
    broken = check_imports(tmp_path, VALID + "      pip: tap-x\n", heavy=("jsonschema", "typing_extensions"))
    assert broken == ["jsonschema", "typing_extensions"]


def test_ignoring_every_rule_of_the_schema_check_skips_it_and_jsonschema(tmp_path: Path) -> None:
    # `pip:` is an unknown key (P104); its check reports a dozen rules, so ignoring P104 alone still runs it.
    rules.load_all()
    [schema_check] = [each for each in rules.CHECKS if each.name == "project_schema.schema_problems"]
    broken = VALID + "      pip: tap-x\n"
    assert check_imports(tmp_path, broken, "--ignore=P104") == ["jsonschema"]
    assert check_imports(tmp_path, broken, "--ignore=" + ",".join(sorted(schema_check.codes))) == []


def test_only_an_interval_beyond_plain_fields_imports_croniter_to_read_it(tmp_path: Path) -> None:
    def schedules(interval: str) -> str:
        return ("jobs:\n  - name: j\n    tasks: [tap-x]\n"
                f"schedules:\n  - {{name: s, interval: '{interval}', job: j}}\n")
    assert check_imports(tmp_path, VALID + schedules("@daily")) == []
    assert check_imports(tmp_path, VALID + schedules("0 2 * * 1-5")) == []
    assert check_imports(tmp_path, VALID + schedules("0 2 * * MON-FRI")) == ["croniter"]


def test_the_image_compiles_the_stdlib_its_dependencies_and_the_package_once() -> None:
    # The slim image ships the stdlib without bytecode and runs never write any: without this step
    # every run compiles all it imports (benchmarks/image_layout.py measures the difference).
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^ENV .*PYTHONDONTWRITEBYTECODE=1", dockerfile, re.MULTILINE | re.DOTALL)
    joined = dockerfile.replace("\\\n", " ")
    copied = joined.index("COPY onboard_action /action/onboard_action")
    [compile_line] = [line for line in joined.splitlines() if line.startswith("RUN python -m compileall")]
    assert joined.index(compile_line) > copied
    words = compile_line.split()
    mode = words.index("--invalidation-mode")
    assert words[mode + 1] == "unchecked-hash"
    assert {"/usr/local/lib/python3.12", "/action"} <= set(words)
    assert "--no-compile" in next(line for line in joined.splitlines() if "pip install" in line)


def test_a_check_runs_without_the_cyclic_collector_and_gives_it_back() -> None:
    assert gc.isenabled()
    with engine.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with engine.collector_paused():
            pass
        assert not gc.isenabled()  # a caller that switched it off keeps it off
    finally:
        gc.enable()


def test_the_collector_is_given_back_when_a_check_fails(tmp_path: Path) -> None:
    settings = from_values({"project-dir": "."}, tmp_path, {}, set(), confine=False)
    report = engine.run(settings)  # no meltano.yml: a finding, not an exception
    assert report.findings and gc.isenabled()
    try:
        with engine.collector_paused():
            raise KeyError("boom")
    except KeyError:
        pass
    assert gc.isenabled()


def test_entries_are_listed_once_per_run_and_each_caller_gets_its_own_list() -> None:
    from onboard_action.load.loader import load_project

    root = REPO / "examples" / "multi-file"
    project = load_project(root, root)
    jobs = project.items("jobs")
    assert jobs, "the example defines jobs"
    jobs.append("not a job")
    again = project.items("jobs")
    assert "not a job" not in again
    assert [a is b for a, b in zip(again, jobs, strict=False)] == [True] * len(again)  # made once
    assert [kind for kind, _ in project.plugins("loaders")] == ["loaders"] * len(project.plugins("loaders"))


def test_a_cli_command_runs_without_the_collector_and_gives_it_back(monkeypatch) -> None:
    # Turned back on before the report is dropped, the collector would walk it all (engine docs).
    from onboard_action import cli
    from onboard_action.cli import rules as rules_command

    seen: list[bool] = []
    monkeypatch.setattr(rules_command, "run", lambda args: seen.append(gc.isenabled()) or 0)
    assert cli.main(["rules"]) == 0
    assert seen == [False]
    assert gc.isenabled()


def test_a_check_of_a_committed_project_starts_at_most_five_git_processes(tmp_path: Path) -> None:
    # Each process costs a few milliseconds; questions are batched (check-ignore --stdin, for-each-ref).
    import shutil

    real_git = shutil.which("git")
    assert real_git, "git is needed for this test"
    bin_dir, log = tmp_path / "bin", tmp_path / "git.log"
    bin_dir.mkdir()
    (bin_dir / "git").write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real_git}" "$@"\n',
                                 encoding="utf-8")
    (bin_dir / "git").chmod(0o755)
    project = tmp_path / "project"
    project.mkdir()
    (project / "meltano.yml").write_text(VALID, encoding="utf-8")
    (project / ".gitignore").write_text(".env\n.meltano/\n", encoding="utf-8")
    git_env = {**base_env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t.example",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t.example"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "x"],
                 ["remote", "add", "origin", "https://github.com/abc/data"]):
        subprocess.run([real_git, "-c", "commit.gpgsign=false", *args], cwd=project, env=git_env, check=True)
    (project / "onboarding.yml").write_text(
        "company: A\ncontact: {name: J D, email: j@a.example}\norg_id: abc-data\nprojects:\n"
        "  - git: {provider: github, url: 'https://github.com/abc/data', branch: main}\n"
        "    root: .\n    environment: sandbox\n"
        "users:\n  - {name: J D, email: j@a.example, github: jd, role: owner}\n", encoding="utf-8")
    env = {**base_env(), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([sys.executable, "-m", "onboard_action", "check", ".", "--format", "json"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert any("check-ignore" in call for call in calls) and any("for-each-ref" in call for call in calls)
    assert len(calls) <= 5, calls


def test_fingerprints_are_sha256_without_loading_openssl(tmp_path: Path) -> None:
    # A report with findings fingerprints each one; CPython's own SHA-256 spares OpenSSL's 3.6 MiB.
    import hashlib

    from onboard_action.report import fingerprint

    text = "\0".join(("P302", "meltano.yml", "environments", "0"))
    expected = hashlib.sha256(text.encode()).hexdigest()[:32]
    assert fingerprint("P302", "meltano.yml", "environments", 0) == expected
    (tmp_path / "meltano.yml").write_text(VALID, encoding="utf-8")  # findings: no environment, no schedule
    probe = ("import contextlib, io, json, sys\nfrom onboard_action.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
             "    code = main(['check', '.', '--format', 'json', '--onboarding-file='])\n"
             "fingerprints = [f['fingerprint'] for f in json.loads(out.getvalue())['findings']]\n"
             "print(code, len(fingerprints), '_hashlib' in sys.modules)\n")
    code, count, openssl = run_probe(probe, tmp_path).split()
    assert (code, openssl) == ("1", "False") and int(count) > 0


def test_leaving_freezes_the_heap_and_still_runs_exit_handlers() -> None:
    # engine.leave spares the interpreter's last collection; atexit handlers and flushing still run.
    probe = ("import atexit, gc, sys\nfrom onboard_action.engine import leave\n"
             "atexit.register(lambda: print('handler ran, frozen:', gc.get_freeze_count() > 0))\n"
             "sys.stdout.write('buffered ')\nleave(3)\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=base_env(), capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stdout) == (3, "buffered handler ran, frozen: True\n"), done.stderr


@pytest.mark.parametrize(("start", "first_import"), [
    ("from onboard_action.__main__ import run\nrun()", "onboard_action.cli"),  # the console script
    (f"import runpy\nrunpy.run_path({str(REPO / 'entrypoint.py')!r}, run_name='__main__')",
     "onboard_action.action.main"),  # the action
], ids=["console-script", "action"])
def test_each_entry_point_turns_the_collector_off_before_importing_the_package(start: str,
                                                                                first_import: str) -> None:
    # The imports make tens of thousands of lasting objects: a collection then only walks them.
    probe = ("import gc, sys\n"
             "class Watch:\n"
             "    def find_spec(self, name, path=None, target=None):\n"
             f"        if name == {first_import!r}:\n"
             "            sys.stderr.write(f'collector on: {gc.isenabled()}\\n')\n"
             "sys.meta_path.insert(0, Watch())\n"
             "sys.argv = ['meltano-onboard', 'rules']\n" + start)
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=base_env(), capture_output=True,
                          text=True, timeout=60)
    assert "collector on: False\n" in done.stderr
