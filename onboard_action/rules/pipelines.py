"""Rules about today's Meltano Cloud's pipelines: `pipelines/<name>.yml` (`target: cloud`).

A pipeline (PipelineML `pipelines/v0.1`) is one file, named for the pipeline:
what it runs (`actions`, Meltano tasks read here by the same parser as jobs,
or a Bash `script`), on which plugins and data stores (`data_components`),
when (`schedule`, cron with a leading seconds field, read by the cron engine
with a seconds field: values/cron.py) and after what (`triggered_by`). Its
keys' types are in `schemas/pipeline.schema.json`; the rest is checked here.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct

from onboard_action.findings import TODAY, Finding, Location, Severity
from onboard_action.load.dataml import name_of
from onboard_action.load.project import Item, SourceFile
from onboard_action.load.yamlfile import YList, YMap
from onboard_action.model.context import Context
from onboard_action.rules import check, per_run, rule, validate
from onboard_action.rules.jobs import Task, _split, task_problems
from onboard_action.rules.workspace_files import DATAML_VERSION, data_store_names, version_problem
from onboard_action.values.cron import SecondsCron, parse_seconds_cron
from onboard_action.values.suggest import Suggestions, close_match

SCHEMA = "pipeline.schema.json"
DEPLOY = "deploy"  # `triggered_by: [deploy]`: the pipeline runs after each deployment (any case)

_MELTANO = ("# meltano.yml\nplugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
            "  loaders:\n    - name: target-postgres\n      variant: meltanolabs\n")
_LOCKS = ("# plugins/extractors/tap-github--meltanolabs.lock\n{}\n"
          "# plugins/loaders/target-postgres--meltanolabs.lock\n{}\n")
_PIPELINE = "# pipelines/daily.yml\nversion: pipelines/v0.1\n"
_TRANSFORM = "# pipelines/transform.yml\nversion: pipelines/v0.1\nscript: echo transform\n"

PIPELINE_KEY_INVALID = rule(
    "C010", "pipeline-key-invalid", Severity.ERROR,
    "pipeline key unknown or of the wrong type",
    """
    A pipeline file takes `version`, `label`, `data_components` and `actions`
    (lists of text), `script` (text), `timeout` and `max_retries` (whole
    numbers of 0 or more; a `timeout` of 0 means the default of 300 seconds),
    `properties` (a mapping), `schedule` (text) and `triggered_by` (a list of
    text). An unknown key is a typo the platform ignores; a value of the
    wrong type stops the deployment. Fix the key or the value's form.
    """,
    bad=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\ntimeout: -5\n",
    good=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\ntimeout: 600\n",
    targets=TODAY,
)
PIPELINE_SCHEDULE_INVALID = rule(
    "C011", "pipeline-schedule-invalid", Severity.ERROR,
    "pipeline `schedule` is not a six-field cron expression",
    """
    A pipeline's `schedule` is cron with a leading seconds field: `second
    minute hour day-of-month month day-of-week`, in UTC (`0 0 9-17 * * MON-FRI`
    runs on the hour from 9 to 17 on weekdays). meltano.yml's schedules take
    five fields, so a schedule copied from there is read with every field
    shifted, or refused. Write six fields, seconds first.
    """,
    bad=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\nschedule: 0 6 * * *\n",
    good=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\nschedule: 0 0 6 * * *\n",
    targets=TODAY,
)
PIPELINE_COMPONENT_UNKNOWN = rule(
    "C012", "pipeline-component-unknown", Severity.ERROR,
    "pipeline `data_components` names no plugin or data store",
    """
    Each entry of `data_components` is a plugin of the project (its name in
    meltano.yml) or a data store (the built-in `Warehouse`, or the name of a
    file of `datastores/`). Any other name gives the run nothing to
    configure, and the platform fails it. Fix the name, or add the plugin or
    the data store.
    """,
    bad=_MELTANO + _LOCKS + _PIPELINE + "data_components: [tap-github, Postgre]\n"
        "actions: [tap-github target-postgres]\n",
    good=_MELTANO + _LOCKS + _PIPELINE + "data_components: [tap-github, target-postgres]\n"
         "actions: [tap-github target-postgres]\n",
    targets=TODAY,
)
PIPELINE_ACTION_INVALID = rule(
    "C013", "pipeline-action-invalid", Severity.ERROR,
    "pipeline action is not a task Meltano can run",
    """
    Each entry of `actions` is a Meltano task, as a job's task in meltano.yml:
    blocks separated by single spaces, each an extractor, a mapping, a loader
    or `plugin:command`, in the order extractor, mappings, loader (or the
    name of a job). The platform runs them with `meltano run`, which finds a
    wrong block only then. Fix the block or its order.
    """,
    bad=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgre]\n",
    good=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\n",
    targets=TODAY,
)
PIPELINE_SCRIPT_AND_ACTIONS = rule(
    "C014", "pipeline-script-and-actions", Severity.WARNING,
    "pipeline has both `script` and `actions`: the script wins",
    """
    `script` replaces `actions`: a pipeline with both runs the script alone,
    so the actions, which look like what the pipeline does, never run. Keep
    one: move the actions into the script (`meltano run tap-github
    target-postgres`), or remove the script.
    """,
    bad=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\nscript: ./extract.sh\n",
    good=_MELTANO + _LOCKS + _PIPELINE
    + "script: |\n  ./extract.sh\n  meltano run tap-github target-postgres\n",
    targets=TODAY,
)
PIPELINE_TRIGGER_UNKNOWN = rule(
    "C015", "pipeline-trigger-unknown", Severity.ERROR,
    "pipeline `triggered_by` names no pipeline",
    """
    `triggered_by` lists the pipelines whose success starts this one (by
    their file names, `daily` for `pipelines/daily.yml`), or `deploy` to run
    after each deployment. A name that is neither never triggers: the
    pipeline waits for a run that cannot happen. Fix the name.
    """,
    bad=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\n"
        + _TRANSFORM + "triggered_by: [dayly]\n",
    good=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\n"
         + _TRANSFORM + "triggered_by: [daily]\n",
    targets=TODAY,
)
PIPELINE_TRIGGER_CYCLE = rule(
    "C016", "pipeline-trigger-cycle", Severity.ERROR,
    "pipelines trigger each other in a circle",
    """
    A pipeline triggered by one that it triggers itself (directly, or through
    others) either never starts, or, once one of them runs, starts the circle
    over and over; only one pipeline runs at a time in a workspace, so a
    circle also blocks every other pipeline. Remove one `triggered_by` entry
    of the circle, and start it with a `schedule` or `deploy` instead.
    """,
    bad=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\ntriggered_by: [transform]\n"
        + _TRANSFORM + "triggered_by: [daily]\n",
    good=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\ntriggered_by: [deploy]\n"
         + _TRANSFORM + "triggered_by: [daily]\n",
    targets=TODAY,
)
PIPELINE_NAME_DUPLICATE = rule(
    "C017", "pipeline-name-duplicate", Severity.ERROR,
    "two pipeline files give the same pipeline name",
    """
    A pipeline is named by its file, without `.yml`: `daily.yml` and
    `daily.yaml`, or `daily.yml` in two folders of `pipeline_paths`, are two
    pipelines of one name, and `triggered_by` cannot tell them apart (the
    platform keeps one of them). Rename or remove one.
    """,
    bad=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\n"
        "# pipelines/daily.yaml\nversion: pipelines/v0.1\nscript: echo again\n",
    good=_MELTANO + _LOCKS + _PIPELINE + "actions: [tap-github target-postgres]\n"
         "# pipelines/daily-again.yaml\nversion: pipelines/v0.1\nscript: echo again\n",
    targets=TODAY,
)
PIPELINE_RUNS_NOTHING = rule(
    "C018", "pipeline-runs-nothing", Severity.WARNING,
    "pipeline has neither `actions` nor `script`",
    """
    A pipeline runs its `actions` (Meltano tasks) or its `script`. With
    neither (or an empty list) it runs nothing, however it is scheduled or
    triggered. Add the tasks it should run under `actions:`, or remove the
    file.
    """,
    bad=_MELTANO + _LOCKS + _PIPELINE + "schedule: 0 0 6 * * *\n",
    good=_MELTANO + _LOCKS + _PIPELINE + "schedule: 0 0 6 * * *\nactions: [tap-github target-postgres]\n",
    targets=TODAY,
)


class Pipeline(Struct, frozen=True):
    name: str  # the file's name without `.yml`
    source: SourceFile
    data: YMap

    def location(self, *path, key: bool = False) -> Location:
        return self.source.location(path, key=key)

    def texts(self, key: str) -> list[tuple[int, str]]:
        """(position, text) of each text entry of a list key (the schema reports the others)."""
        value = self.data.get(key)
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, YList) else []

    @property
    def schedule(self) -> SecondsCron | None:
        text = self.data.get("schedule")
        return parse_seconds_cron(text) if isinstance(text, str) else None


def pipelines(context: Context) -> list[Pipeline]:
    """The pipelines that loaded as mappings, in folder and file order."""
    return [Pipeline(name_of(s), s, s.data) for s in context.dataml.pipelines if isinstance(s.data, YMap)]


@check(PIPELINE_KEY_INVALID, DATAML_VERSION, PIPELINE_SCRIPT_AND_ACTIONS, PIPELINE_RUNS_NOTHING)
def pipeline_shapes(context: Context) -> Iterator[Finding]:
    for pipeline in pipelines(context):
        yield from validate(pipeline.data, SCHEMA, pipeline.source, (), lambda path: PIPELINE_KEY_INVALID,
                            f"pipeline '{pipeline.name}'")
        yield from version_problem(pipeline.source, "pipeline")
        actions, script = pipeline.data.get("actions"), pipeline.data.get("script")
        has_script = isinstance(script, str) and bool(script.strip())
        if actions and has_script:
            yield PIPELINE_SCRIPT_AND_ACTIONS.finding(
                pipeline.location("actions", key=True),
                f"pipeline '{pipeline.name}' has both `script` and `actions`: the platform runs the "
                "script alone, and these actions never run",
                "move the actions into the script as `meltano run ...` lines, or remove `script`",
                related=[pipeline.location("script", key=True)])
        elif not actions and not has_script:
            where = (pipeline.location("actions", key=True) if "actions" in pipeline.data
                     else pipeline.location())
            yield PIPELINE_RUNS_NOTHING.finding(
                where, f"pipeline '{pipeline.name}' has neither `actions` nor `script`, so it runs nothing",
                "add `actions:` with the tasks it should run, e.g. `[tap-github target-postgres]`")


@check(PIPELINE_SCHEDULE_INVALID)
def pipeline_schedules(context: Context) -> Iterator[Finding]:
    for pipeline in pipelines(context):
        schedule = pipeline.schedule
        if schedule is None or schedule.valid:
            continue
        yield PIPELINE_SCHEDULE_INVALID.finding(
            pipeline.location("schedule"),
            f"pipeline '{pipeline.name}' has `schedule: {schedule.written}`: " + "; ".join(schedule.problems),
            schedule.hint)


@check(PIPELINE_COMPONENT_UNKNOWN)
def pipeline_components(context: Context) -> Iterator[Finding]:
    index = context.index
    stores = data_store_names(context)
    known = sorted({p.name for p in index.plugins} | set(stores))
    for pipeline in pipelines(context):
        for i, name in pipeline.texts("data_components"):
            if name in index.by_name or name in stores:
                continue
            close = close_match(name, known)
            yield PIPELINE_COMPONENT_UNKNOWN.finding(
                pipeline.location("data_components", i),
                f"pipeline '{pipeline.name}' lists data component {name!r}, which is neither a plugin of "
                "the project nor a data store",
                f"did you mean `{close}`?" if close else
                "name a plugin of meltano.yml, `Warehouse`, or a file of datastores/ (without `.yml`)")


@check(PIPELINE_ACTION_INVALID)
def pipeline_actions(context: Context) -> Iterator[Finding]:
    """Each action read as a job's task is (rules/jobs.py), its findings worded for the pipeline."""
    index = context.index
    suggestions = Suggestions()
    for pipeline in pipelines(context):
        holder = Item(pipeline.source, (), pipeline.data)
        for i, text in pipeline.texts("actions"):
            if text.strip() in index.jobs:
                continue  # `meltano run` takes a job's name and runs its tasks
            task = Task(holder, i, _split(holder, ("actions", i), text))
            if task.empty:
                yield PIPELINE_ACTION_INVALID.finding(
                    holder.location("actions", i), f"pipeline '{pipeline.name}' has an empty action",
                    "write the task's blocks, such as `tap-github target-postgres`, or remove it")
                continue
            for problem in task_problems(task, index, suggestions):
                yield _reworded(problem, pipeline)


def _reworded(finding: Finding, pipeline: Pipeline) -> Finding:
    return PIPELINE_ACTION_INVALID.finding(finding.location, f"pipeline '{pipeline.name}': {finding.message}",
                                           finding.hint, finding.related)


@per_run
def by_name(context: Context) -> dict[str, list[Pipeline]]:
    found: dict[str, list[Pipeline]] = {}
    for pipeline in pipelines(context):
        found.setdefault(pipeline.name, []).append(pipeline)
    return found


@check(PIPELINE_NAME_DUPLICATE)
def pipeline_names(context: Context) -> Iterator[Finding]:
    for name, same in by_name(context).items():
        for later in same[1:]:
            yield PIPELINE_NAME_DUPLICATE.finding(
                later.location(),
                f"pipeline {name!r} is also defined by {context.relative(same[0].source.path)}",
                f"rename {later.source.path.name} (the file name is the pipeline's name), or remove it",
                related=[same[0].location()])


@check(PIPELINE_TRIGGER_UNKNOWN, PIPELINE_TRIGGER_CYCLE)
def pipeline_triggers(context: Context) -> Iterator[Finding]:
    named = by_name(context)
    edges: dict[str, list[tuple[str, Location]]] = {}  # pipeline -> (the pipeline it waits for, where)
    for pipeline in pipelines(context):
        if named[pipeline.name][0].source is not pipeline.source:
            continue  # a duplicate: C017's
        for i, name in pipeline.texts("triggered_by"):
            if name.lower() == DEPLOY:
                continue
            where = pipeline.location("triggered_by", i)
            if name in named:
                edges.setdefault(pipeline.name, []).append((name, where))
                continue
            close = close_match(name, [*sorted(named), DEPLOY])
            yield PIPELINE_TRIGGER_UNKNOWN.finding(
                where, f"pipeline '{pipeline.name}' is triggered by {name!r}, which is not a pipeline of the "
                       "workspace (nor `deploy`)",
                f"did you mean `{close}`?" if close else
                "name a pipeline by its file name without `.yml`, or write `deploy`")
    yield from _cycles(edges)


def _cycles(edges: dict[str, list[tuple[str, Location]]]) -> Iterator[Finding]:
    """One finding per circle of triggers, on the first entry of it, naming every pipeline in it."""
    reported: set[frozenset[str]] = set()
    for start in edges:
        # Depth-first from `start`, keeping the path: a way back to `start` is a circle through it.
        stack: list[tuple[str, list[tuple[str, Location]]]] = [(start, [])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for parent, where in edges.get(node, ()):
                step = [*path, (parent, where)]
                if parent == start:
                    members = frozenset([start, *(n for n, _ in step)])
                    if members not in reported:
                        reported.add(members)
                        yield _cycle_finding(start, step)
                elif parent not in seen:
                    seen.add(parent)
                    stack.append((parent, step))


def _cycle_finding(start: str, step: list[tuple[str, Location]]) -> Finding:
    first, where = step[0]
    if len(step) == 1:
        message = f"pipeline '{start}' is triggered by itself"
    else:
        waits = ", which waits for ".join(f"'{n}'" for n, _ in step)
        message = f"pipeline '{start}' waits for {waits}: the pipelines trigger each other in a circle"
    return PIPELINE_TRIGGER_CYCLE.finding(
        where, message,
        f"remove '{first}' from the `triggered_by` of '{start}' and start '{start}' with a `schedule` "
        "or `triggered_by: [deploy]`", related=[w for _, w in step[1:]])
