"""The container action: inputs from the runner, the same engine, GitHub reporting.

Order matters: anything secret is masked before any other output of the
step, then the check runs, then reports, outputs and the summary are written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from msgspec.structs import replace

from onboard_action import baseline, engine
from onboard_action.action import inputs as action_inputs
from onboard_action.action.encrypt import encrypt_from_inputs
from onboard_action.action.inputs import Inputs
from onboard_action.action.pull_request import baseline_ref
from onboard_action.errors import UsageError
from onboard_action.fileio import owner_for
from onboard_action.fixes import session
from onboard_action.outputs import (
    refuse_overwrites,
    refuse_packet_off_the_guide,
    write_packet_for_action,
    write_report_files,
)
from onboard_action.reporters import summary
from onboard_action.reporters.github import publish
from onboard_action.rules import load_all
from onboard_action.runner import Runner
from onboard_action.settings import Settings, from_values


def settings_from_inputs(inputs: Inputs, environ: Mapping[str, str]) -> Settings:
    workspace = Path(environ.get("GITHUB_WORKSPACE") or os.getcwd()).resolve()
    # The files it writes go to the workspace's owner: the steps after a container run as that user.
    values = inputs.settings_values()
    values["baseline-ref"] = baseline_ref(inputs.text("new-findings-only"), inputs.text("baseline-ref"),
                                          environ)
    return from_values(values, workspace, environ, set(load_all()), confine=True,
                       names=action_inputs.option_names(inputs.table), file_owner=owner_for(workspace))


def main(environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    runner = Runner(environ)
    inputs = action_inputs.read(environ)
    # Every secret value is masked before anything else of this step is printed.
    for text in inputs.masks:
        runner.mask(text)
    for spec in inputs.aliases_used:
        runner.annotate("warning", spec.deprecation, title=f"meltano-onboard: `{spec.alias}` is deprecated")
    for warning in inputs.warnings:
        runner.annotate("warning", warning, title="meltano-onboard: input read differently from written")
    try:
        # Paused until the report is published and dropped (see engine.collector_paused).
        with engine.collector_paused():
            return _check(inputs, environ, runner)
    except UsageError as exc:
        # One escaped line on stdout: the runner parses stderr for commands too,
        # and inputs can quote repository text.
        runner.annotate("error", str(exc), title="meltano-onboard: invalid input")
        _not_checked(runner, summary.usage_error(str(exc)))
        return exc.exit_code
    except Exception as exc:  # never a traceback in the log: a bug, said plainly
        message = f"internal error ({type(exc).__name__}): {exc}"
        runner.annotate("error", f"{message}. This is a bug in meltano-onboard; please report it.",
                        title="meltano-onboard: internal error")
        _not_checked(runner, summary.internal_error(message))
        return 3


def _not_checked(runner: Runner, said: str) -> None:
    """A step that checked nothing still says so where workflows look: `ready` and the summary."""
    runner.set_output("ready", "false")
    runner.append_summary(said)


def patch_section(patch: str) -> str:
    """The patch in a fence longer than any run of backticks in it: repository text cannot close it."""
    longest = max((len(run) for run in re.findall(r"`+", patch)), default=0)
    fence = "`" * max(3, longest + 1)
    return (f"\n### Safe fixes\n\nApply with `git apply`, or run `meltano-onboard check --fix`.\n\n"
            f"{fence}diff\n{patch}{fence}\n")


def _check(inputs: Inputs, environ: Mapping[str, str], runner: Runner) -> int:
    settings = settings_from_inputs(inputs, environ)
    if settings.packet_file is not None:
        refuse_packet_off_the_guide(settings, "the `packet-file` input")
    roots = engine.targets(settings)
    # Secrets belong to one project: the first checked (the only one, unless the onboarding file lists more).
    first = replace(settings, project_dir=roots[0])
    project = engine.load(first)  # once: encryption picks the variables it needs from it too
    refuse_overwrites(settings, [source.path for source in project.files], [project.root])
    secrets, secret_outputs = encrypt_from_inputs(inputs, first, project, runner)
    fix = inputs.text("fix").lower()
    if fix not in ("false", "diff"):
        raise UsageError(f"the `fix` input is {fix!r}; use `false` or `diff`")
    if roots == [settings.project_dir]:
        report = engine.check(project, settings, secrets)
    else:
        report = engine.run_all(settings, secrets)
        refuse_overwrites(settings, report.files, roots)  # the other projects' files too
    report = baseline.judge(report, settings)
    write_report_files(report, settings)
    packet_file = write_packet_for_action(report, settings, runner)
    patch = session.patch(report, unsafe=False)[0] if fix == "diff" else ""
    publish(report, runner, report_file=settings.report_file, sarif_file=settings.sarif_file,
            outputs={**secret_outputs, "packet-file": packet_file, "fix-patch": patch},
            names=settings.names)
    if patch:
        runner.append_summary(patch_section(patch))
    return report.exit_code
