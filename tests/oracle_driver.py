"""Run Meltano's own commands on project copies: the oracle's other half.

This script runs with the python of the oracle's virtualenv (the pinned `meltano` package), never
with the test suite's: `tests/oracle_support.py` starts it as

    <oracle venv>/bin/python tests/oracle_driver.py REQUEST.json

REQUEST.json is `{"workers": 2, "projects": [{"id", "dir", "environment", "result"}]}`. For each
project it runs, in this order, what a team (and Meltano Cloud) would run:

1. `meltano compile --lint`                     all environments, as a developer types it
2. `meltano schedule list --format=json`
3. `meltano job list --format=json`
4. `meltano config list PLUGIN`                 each plugin of a scheduled job or legacy schedule
5. `meltano run --dry-run --no-install JOB`     each scheduled job
   `meltano elt --dry --no-install ARGS`        each legacy schedule, as `meltano schedule run` does

Steps 1-3 run without `MELTANO_ENVIRONMENT` (the project's `default_environment` applies), steps 4-5
with `MELTANO_ENVIRONMENT` set to the onboarding environment, as a Meltano Cloud deployment runs
them. Steps 4-5 take their plugins and jobs from Meltano's own answer to step 2, and skip mapping
names found in step 1's manifest; when step 2 fails there is nothing to ask them about.
`--no-install`: a dry run would otherwise install every plugin from PyPI (Meltano 4.4.1 ignores
`auto_install: false` there).

Speed: importing Meltano costs ~2 s of the ~2.4 s a command takes. The script imports it once,
then forks a child per command: every command starts from the same freshly imported state, as a
new process would, and no state leaks between commands. Projects run on `workers` processes.
Each project's result is written to its `result` file as JSON: a list of commands with argv,
environment, exit code, seconds, stdout/stderr (cut to 20,000 characters each) and `message`,
the first error line Meltano logged.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
import shlex
import signal
import sys
import time
from pathlib import Path

COMMAND_TIMEOUT = 180  # seconds; a Hub lookup at the unreachable address fails in milliseconds
KEEP = 20_000
GLOBAL_OPTIONS = ["--log-level=info", "--log-format=json"]
# What every Meltano 4.4.1 command imports after start-up (the system database's migrations):
# imported once before forking, so that no command pays for it. A name missing in another
# release is skipped; it only costs time.
PRELOAD = (
    "alembic.command", "alembic.config", "alembic.runtime.environment", "alembic.runtime.migration",
    "alembic.script", "alembic.operations", "alembic.autogenerate", "alembic.ddl.sqlite", "alembic.op",
    "alembic.context", "mako.template", "sqlalchemy.dialects.sqlite", "sqlalchemy.ext.compiler",
    "sqlite3", "ctypes", "meltano.core.meltano_file", "meltano.migrations.utils",
    "meltano.core.state_store.s3", "meltano.core.state_store.azure", "meltano.core.state_store.google",
)


def main() -> int:
    request = json.loads(Path(sys.argv[1]).read_text())
    import meltano.cli  # noqa: F401  (imported once, before any fork)

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: S112  (see PRELOAD)
            continue

    pending = list(request["projects"])
    running: dict[int, dict] = {}
    status = 0
    while pending or running:
        while pending and len(running) < max(1, request.get("workers", 2)):
            project = pending.pop(0)
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    run_project(project)
                    code = 0
                finally:
                    os._exit(code)
            running[pid] = project
        pid, wait_status = os.wait()
        project = running.pop(pid)
        if os.waitstatus_to_exitcode(wait_status) != 0:
            print(f"oracle driver: project {project['id']} crashed", file=sys.stderr)
            status = 1
    return status


def run_project(project: dict) -> None:
    directory = Path(project["dir"])
    environment = project["environment"]
    work = Path(project["result"]).with_suffix(".work")
    work.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []

    def meltano(*argv: str, env: str | None = None) -> dict:
        result = run_command(directory, list(argv), env, work / str(len(results)))
        results.append(result)
        return result

    meltano("compile", "--lint")
    schedules = meltano("schedule", "list", "--format=json")
    meltano("job", "list", "--format=json")
    if schedules["exit"] == 0:
        jobs, legacy = scheduled_work(schedules["stdout"])
        mappings = mapping_names(directory / ".meltano" / "manifests" / "meltano-manifest.json")
        plugins: list[str] = []
        for tasks in jobs.values():
            for block in blocks(tasks):
                name = block.split(":", 1)[0]
                if name not in mappings and name not in plugins:
                    plugins.append(name)
        for elt_args in legacy:
            for name in elt_args[:2]:
                if name and name not in plugins:
                    plugins.append(name)
        for plugin in plugins:
            meltano("config", "list", plugin, env=environment)
        for job in jobs:
            meltano("run", "--dry-run", "--no-install", job, env=environment)
        for elt_args in legacy:
            meltano("elt", "--dry", "--no-install", *elt_args, env=environment)
    Path(project["result"]).write_text(json.dumps(results, indent=1))


def run_command(directory: Path, argv: list[str], environment: str | None, stem: Path) -> dict:
    """Fork a child that runs `meltano ARGV` in DIRECTORY; wait for it and read what it wrote."""
    out, err = stem.with_suffix(".stdout"), stem.with_suffix(".stderr")
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: become `meltano ARGV` started in DIRECTORY
        code = 70
        try:
            os.setpgid(0, 0)
            os.chdir(directory)
            os.environ.pop("MELTANO_ENVIRONMENT", None)
            if environment is not None:
                os.environ["MELTANO_ENVIRONMENT"] = environment
            for fd, path in ((1, out), (2, err)):
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(handle, fd)
                os.close(handle)
            sys.argv = ["meltano", *GLOBAL_OPTIONS, *argv]
            code = child_main()
        finally:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):  # a closed stream has nothing to flush
                    stream.flush()
            os._exit(code)
    deadline = started + COMMAND_TIMEOUT
    while True:
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(wait_status)
            break
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            code = -9
            break
        time.sleep(0.01)
    # The copy's place is not part of the answer, and it must go before messages are cut to length:
    # a longer temporary path would otherwise move the cut.
    stdout = out.read_text(errors="replace").replace(str(directory), "<project>")
    stderr = err.read_text(errors="replace").replace(str(directory), "<project>")
    return {
        "argv": ["meltano", *argv],
        "environment": environment,
        "exit": code,
        "seconds": round(time.monotonic() - started, 3),
        "stdout": stdout[:KEEP],
        "stderr": stderr[:KEEP],
        "message": "timed out" if code == -9 else first_error(stdout, stderr) if code else "",
    }


def child_main() -> int:
    from meltano.cli import main as meltano_main

    try:
        meltano_main()
    except SystemExit as exit_:
        if exit_.code is None:
            return 0
        return exit_.code if isinstance(exit_.code, int) else 1
    except BaseException as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


def first_error(stdout: str, stderr: str) -> str:
    """The line that says what went wrong: the first error Meltano logged, else the last line."""
    plain = []
    for line in stderr.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if isinstance(record, dict):
            if record.get("level") in {"error", "critical"}:
                return one_line(str(record.get("event", "")))
            continue
        if re.match(r"^(Error|[\w.]*(Error|Exception)):", line):
            return one_line(line)
        plain.append(line)
    said = [line for line in plain if not line.startswith(("Usage:", "Try '"))] or plain
    if said:  # a traceback ends with the exception
        return one_line(said[-1])
    said = [line for line in stdout.splitlines() if line.strip()]  # click.echo'd messages
    return one_line(said[0]) if said else ""


def one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297] + "..."


def scheduled_work(schedule_list: str) -> tuple[dict[str, object], list[list[str]]]:
    """Jobs (name -> tasks) and legacy schedules' `elt` arguments, from `schedule list --format=json`."""
    try:
        listed = json.loads(schedule_list)["schedules"]
    except (ValueError, KeyError, TypeError):
        return {}, []
    jobs: dict[str, object] = {}
    for entry in listed.get("job") or []:
        job = entry.get("job") or {}
        if job.get("name") is not None:  # a name YAML read as a number is run by its text
            jobs.setdefault(str(job["name"]), job.get("tasks"))
    legacy = [
        [str(arg) for arg in entry["elt_args"]]
        for entry in listed.get("elt") or []
        if isinstance(entry.get("elt_args"), list)
    ]
    return jobs, legacy


def blocks(tasks: object) -> list[str]:
    """Every block of a job's tasks, as `meltano run` splits them (strings, nested lists)."""
    if isinstance(tasks, str):
        return shlex.split(tasks) if tasks.strip() else []
    found: list[str] = []
    if isinstance(tasks, list):
        for task in tasks:
            found.extend(blocks(task))
    return found


def mapping_names(manifest: Path) -> set[str]:
    try:
        data = json.loads(manifest.read_text())
    except (OSError, ValueError):
        return set()
    names = set()
    for mapper in (data.get("plugins") or {}).get("mappers") or []:
        for mapping in mapper.get("mappings") or []:
            if isinstance(mapping, dict) and isinstance(mapping.get("name"), str):
                names.add(mapping["name"])
    return names


if __name__ == "__main__":
    sys.exit(main())
