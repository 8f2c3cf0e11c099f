"""The container action: inputs from the runner, the same engine, GitHub reporting.

Order matters: anything secret is masked before any other output of the
step, then the check runs, then reports, outputs and the summary are written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from onboard_action import baseline, engine
from onboard_action.action.encrypt import SecretInputs, encrypt_from_inputs, read_and_mask
from onboard_action.action.pull_request import baseline_ref
from onboard_action.errors import UsageError
from onboard_action.outputs import write_packet_for_action, write_report_files
from onboard_action.reporters.github import publish
from onboard_action.rules import load_all
from onboard_action.runner import Runner, input_value
from onboard_action.settings import Settings, from_values


def settings_from_inputs(environ: Mapping[str, str]) -> Settings:
    workspace = Path(environ.get("GITHUB_WORKSPACE") or os.getcwd()).resolve()
    names = ("project-dir", "onboarding-file", "environment", "fail-on", "ignore", "severity",
             "report-file", "sarif-file", "packet-file")
    values = {name: input_value(name, environ) if _given(name, environ) else None for name in names}
    values["baseline-ref"] = baseline_ref(input_value("new-findings-only", environ),
                                          input_value("baseline-ref", environ), environ)
    return from_values(values, workspace, environ, set(load_all()), confine=True)


def _given(name: str, environ: Mapping[str, str]) -> bool:
    key = "INPUT_" + name.upper()
    return key in environ or key.replace("-", "_") in environ


def main(environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    runner = Runner(environ)
    # Every secret value is masked before anything else of this step is printed.
    secret_inputs = read_and_mask(environ, runner)
    try:
        # Paused until the report is published and dropped (see engine.collector_paused).
        with engine.collector_paused():
            return _check(environ, runner, secret_inputs)
    except UsageError as exc:
        # One escaped line on stdout: the runner parses stderr for commands too,
        # and inputs can quote repository text.
        runner.annotate("error", str(exc), title="meltano-onboard: invalid input")
        return exc.exit_code
    except Exception as exc:  # never a traceback in the log: a bug, said plainly
        runner.annotate("error", f"internal error ({type(exc).__name__}): {exc}. "
                                 "This is a bug in meltano-onboard; please report it.",
                        title="meltano-onboard: internal error")
        return 3


def _check(environ: Mapping[str, str], runner: Runner, secret_inputs: SecretInputs) -> int:
    settings = settings_from_inputs(environ)
    project = engine.load(settings)  # once: encryption picks the variables it needs from it too
    secrets, secret_outputs = encrypt_from_inputs(secret_inputs, settings, project, environ, runner)
    report = baseline.judge(engine.check(project, settings, secrets), settings)
    write_report_files(report, settings)
    packet_file = write_packet_for_action(report, settings, runner)
    publish(report, runner, report_file=settings.report_file, sarif_file=settings.sarif_file,
            outputs={**secret_outputs, "packet-file": packet_file})
    return report.exit_code
