"""Rules about jobs: their tasks, and every block in them, as `meltano run` reads them.

Meltano splits each task on single spaces into blocks (meltano.core.task_sets),
looks each block up as a plugin name, else a mapping name, with an optional
`:command` (meltano.core.block.parser), and runs them in sets: an extractor,
then zero or more mappings, then a loader; any other plugin runs a command
on its own. Meltano only finds a wrong block when the job runs; here it is
found on its line.
"""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct

from onboard_action.findings import Finding, Location, Severity
from onboard_action.load.positions import piece_location
from onboard_action.load.project import Item
from onboard_action.load.yamlfile import value_at
from onboard_action.model.context import Context
from onboard_action.model.index import Mapping, Plugin, ProjectIndex
from onboard_action.model.scope import Scope
from onboard_action.rules import Rule, Worded, check, per_run, rule
from onboard_action.values.suggest import Suggestions, close_match

JOB_ENTRY_INVALID = rule(
    "P201", "job-entry-invalid", Severity.ERROR,
    "job entry is malformed",
    """
    A job is a mapping with a `name` and a list of `tasks`. A job without a
    name, with unknown keys or with tasks that are neither text nor lists of
    text makes Meltano fail on every command. Write the job in that form.
    """,
    bad="jobs:\n  - tasks:\n      - tap-github target-postgres\n",
    good="jobs:\n  - name: github-to-postgres\n    tasks:\n      - tap-github target-postgres\n",
)
JOB_TASKS_MISSING = rule(
    "P202", "job-tasks-missing", Severity.ERROR,
    "job has no tasks",
    """
    A job without `tasks` (or with `tasks:` and nothing after it, or an empty
    task) makes Meltano fail on every command. A job with `tasks: []` runs
    nothing: `meltano run` logs "No valid blocks found." and exits 0, so a
    schedule of it does nothing (a warning). List at least one task.
    """,
    bad="jobs:\n  - name: github-to-postgres\n    tasks: []\n",
    good="jobs:\n  - name: github-to-postgres\n    tasks:\n      - tap-github target-postgres\n",
)
JOB_TASKS_NOT_A_LIST = rule(
    "P203", "job-tasks-not-a-list", Severity.ERROR,
    "job `tasks` is a string or a mapping",
    """
    `tasks` must be a list. Meltano's schema accepts a single string, but
    `meltano run` then reads it one character at a time ("Block t not found");
    a mapping runs its keys as blocks. Put each task on its own `- ` line.
    """,
    bad="jobs:\n  - name: github-to-postgres\n    tasks: tap-github target-postgres\n",
    good="jobs:\n  - name: github-to-postgres\n    tasks:\n      - tap-github target-postgres\n",
)
JOB_BLOCK_UNKNOWN = rule(
    "P204", "job-block-unknown", Severity.ERROR,
    "job block names nothing Meltano can run",
    """
    Each block of a task must be an extractor, a mapping name (not the mapper's
    name), a loader, or `plugin:command` for any other plugin, with a command
    the plugin has. Meltano finds a wrong block only when the job runs
    ("Block ... not found"). Fix the name or the command.
    """,
    bad="jobs:\n  - name: github-to-postgres\n    tasks:\n      - tap-github target-postgre\n",
    good="jobs:\n  - name: github-to-postgres\n    tasks:\n      - tap-github target-postgres\n",
)
JOB_BLOCK_ORDER = rule(
    "P205", "job-block-order", Severity.ERROR,
    "job blocks are out of order",
    """
    Within a task, an extractor must be followed by its mappings (if any) and
    then a loader; commands such as `dbt-postgres:run` stand on their own,
    before or after such a set. Meltano rejects anything else when the job
    runs ("bad block sequence"). Reorder the blocks.
    """,
    bad="jobs:\n  - name: github-to-postgres\n    tasks:\n"
        "      - tap-github dbt-postgres:run target-postgres\n",
    good="jobs:\n  - name: github-to-postgres\n    tasks:\n"
         "      - tap-github target-postgres dbt-postgres:run\n",
)

SET_TYPES = ("extractors", "loaders", "mappers")
# The role of a block in a set, by the type of its plugin; any other plugin runs a command.
ROLES = {"extractors": "extractor", "mappers": "mapping", "loaders": "loader"}


# --- schema errors: which of the rules above reports them -------------------

SCHEMA_RULES = (JOB_ENTRY_INVALID, JOB_TASKS_MISSING, JOB_TASKS_NOT_A_LIST)


def schema_rule(path: tuple, data) -> Rule | Worded:
    """The rule for a schema error at `path`, which starts with "jobs"."""
    job = value_at(data, path[:2])
    if len(path) <= 2:
        if isinstance(job, dict) and _has_name(job) and "tasks" not in job:
            return JOB_TASKS_MISSING
        return JOB_ENTRY_INVALID
    if path[2] != "tasks":
        return JOB_ENTRY_INVALID
    tasks = job.get("tasks") if isinstance(job, dict) else None
    name = job.get("name") if isinstance(job, dict) and _has_name(job) else "?"
    if len(path) == 3 and isinstance(tasks, str):
        first = tasks.strip()[:1] or " "
        return Worded(JOB_TASKS_NOT_A_LIST,
                      f"job '{name}' has `tasks` as one string, not a list: Meltano would read it one "
                      f"character at a time and fail with \"Block {first} not found\"",
                      "make it a list: put the task on its own line after `- `")
    if len(path) == 3 and isinstance(tasks, dict):
        keys = ", ".join(repr(k) for k in list(tasks)[:3])
        return Worded(JOB_TASKS_NOT_A_LIST,
                      f"job '{name}' has `tasks` as a mapping, not a list: Meltano would run its keys "
                      f"({keys}) as blocks",
                      "make it a list of tasks, each written like `tap-github target-postgres`")
    if len(path) == 3 and tasks is None:
        return Worded(JOB_TASKS_MISSING, f"job '{name}' has no tasks: Meltano fails on every command",
                      "list at least one task, such as `- tap-github target-postgres`")
    return JOB_ENTRY_INVALID


def _has_name(entry: dict) -> bool:
    return isinstance(entry.get("name"), str) and bool(entry["name"])



# --- reading tasks as Meltano does ------------------------------------------------

class Block(Struct, frozen=True):
    """One block of a task: `value[start:end]` of the string at `path` in the job's file.

    A project makes one for each of tens of thousands of blocks.
    """

    text: str
    job: Item
    path: tuple  # inside the job entry
    value: str
    start: int

    @property
    def location(self) -> Location:
        # Computed only for a finding: most blocks never need one.
        if self.text:
            return piece_location(self.job.file, self.job.path + self.path, self.value,
                                  self.start, self.start + len(self.text))
        # An empty block: point at the two spaces (or the space at an end) that make it.
        return piece_location(self.job.file, self.job.path + self.path, self.value,
                              max(self.start - 1, 0), self.start + 1)


class Task(Struct, frozen=True):
    job: Item
    position: int  # in the job's `tasks`
    blocks: list[Block]

    @property
    def location(self) -> Location:
        """The task as written: a string, or a list of strings."""
        return self.job.location("tasks", self.position)

    @property
    def empty(self) -> bool:
        return not any(block.text for block in self.blocks)


def tasks_of(job: Item) -> list[Task]:
    """Each task of `job` with the blocks Meltano runs together (one set per task)."""
    tasks = job.get("tasks")
    if not isinstance(tasks, list):
        return []  # the schema rules report strings, mappings and missing tasks
    found = []
    for i, task in enumerate(tasks):
        if isinstance(task, str):
            found.append(Task(job, i, _split(job, ("tasks", i), task)))
        elif isinstance(task, list) and all(isinstance(part, str) for part in task):
            blocks: list[Block] = []
            for j, part in enumerate(task):
                blocks.extend(_split(job, ("tasks", i, j), part))
            found.append(Task(job, i, blocks))
    return found


def _split(job: Item, path: tuple, text: str) -> list[Block]:
    # Meltano splits on single spaces only: two spaces make an empty block, a tab joins two.
    blocks = []
    start = 0
    for part in text.split(" "):
        blocks.append(Block(part, job, path, text, start))
        start += len(part) + 1
    return blocks


class Resolved(Struct, frozen=True):
    block: Block
    plugin: Plugin
    mapping: Mapping | None
    command: str | None
    kind: str  # extractor, mapping, loader or command: its role in a set (see `ROLES`)

    @property
    def described(self) -> str:
        if self.mapping is not None:
            return f"mapping '{self.mapping.name}'"
        if self.kind == "command":
            return f"'{self.block.text}'"
        return self.plugin.described


def resolve(block: Block, index: ProjectIndex, suggestions: Suggestions | None = None) -> Resolved | Finding:
    """The plugin (and mapping, command) a block names, or the finding saying why it names none.

    `suggestions` bounds the `did you mean` hints of one check (see onboard_action/values/suggest.py).
    """
    text = block.text
    if not text:
        return JOB_BLOCK_UNKNOWN.finding(
            block.location, "this task has two spaces in a row (or a space at an end): Meltano splits "
                            "tasks on single spaces and then finds an empty block",
            "separate blocks with exactly one space")
    name, command = text, None
    if ":" in text:  # most blocks name a plugin alone
        parts = text.split(":")
        if len(parts) == 2:
            name, command = parts[0], parts[1] or None
    plugins = index.by_name.get(name)
    if plugins:
        plugin = plugins[0]
        if name in index.jobs:
            return JOB_BLOCK_UNKNOWN.finding(
                block.location, f"block '{name}' names both {plugin.described} and a job, which "
                                "Meltano refuses as ambiguous", f"rename the job '{name}'")
        if plugin.type == "mappers":
            mapping_names = [m.name for m in index.mappings_of(plugin)]
            return JOB_BLOCK_UNKNOWN.finding(
                block.location, f"'{name}' is a mapper; a job names one of its mappings, not the mapper",
                "use a mapping name: " + (", ".join(f"`{m}`" for m in mapping_names)
                                          if mapping_names else "add `mappings:` to the mapper first"))
        return _with_command(block, index, plugin, None, command)
    mappings = index.mappings.get(name)
    if mappings:
        return _with_command(block, index, mappings[0].mapper, mappings[0], command)
    if text in index.jobs or name in index.jobs:
        return JOB_BLOCK_UNKNOWN.finding(
            block.location, f"'{name}' is a job; Meltano does not run a job inside another job's tasks",
            f"copy the tasks of '{name}' here, or schedule '{name}' on its own")
    return JOB_BLOCK_UNKNOWN.finding(
        block.location, f"block '{text}' is not a plugin or mapping of this project"
        + (" (a tab or other space joins two names)" if any(c.isspace() for c in text) else ""),
        _suggestion(name, index, command is not None, suggestions or Suggestions())
        or "add the plugin, or fix the name")


def _suggestion(name: str, index: ProjectIndex, with_command: bool, suggestions: Suggestions) -> str:
    close = suggestions.closest(name, with_command, lambda: _candidates(index, with_command=with_command))
    return f"did you mean `{close}`?" if close else ""


def _candidates(index: ProjectIndex, *, with_command: bool) -> list[str]:
    """Names that could stand where a block is written: `plugin:command` runs other plugins."""
    if with_command:
        return sorted({p.name for p in index.plugins if p.type not in SET_TYPES})
    return sorted({p.name for p in index.plugins if p.type in ("extractors", "loaders")}
                  | set(index.mappings))


def _with_command(block: Block, index: ProjectIndex, plugin: Plugin, mapping: Mapping | None,
                  command: str | None) -> Resolved | Finding:
    resolved = Resolved(block, plugin, mapping, command, ROLES.get(plugin.type, "command"))
    if resolved.kind != "command":
        return resolved
    known = index.commands(plugin)
    if command is None:
        return JOB_BLOCK_UNKNOWN.finding(
            block.location, f"{plugin.described} runs in a job only with a command, as "
                            f"`{plugin.name}:<command>`",
            "add the command" + (": " + ", ".join(f"`{plugin.name}:{c}`" for c in sorted(known))
                                 if known else ", for example `:run`"))
    if known is not None and command not in known:
        suggestion = _did_you_mean(command, sorted(known))
        return JOB_BLOCK_UNKNOWN.finding(
            block.location, f"{plugin.described} has no command '{command}'",
            suggestion or ("its commands are: " + ", ".join(f"`{c}`" for c in sorted(known)) if known
                           else f"define it under `commands:` of {plugin.described}"))
    return resolved


def _did_you_mean(name: str, candidates: list[str]) -> str:
    close = close_match(name, candidates)
    return f"did you mean `{close}`?" if close else ""


def order_problem(blocks: list[Resolved]) -> Finding | None:
    """The first block out of order, if any; like `meltano run`, later ones would only be echoes.

    Extractor, mappings, loader; commands only between such sets (meltano.core.block.parser).
    """
    return next(_order_problems(blocks), None)


def _order_problems(blocks: list[Resolved]) -> Iterator[Finding]:
    extractor: Resolved | None = None
    for current in blocks:
        kind = current.kind
        if extractor is None:
            if kind == "extractor":
                extractor = current
            elif kind == "loader":
                yield JOB_BLOCK_ORDER.finding(
                    current.block.location,
                    f"{current.described} has no extractor before it in this task",
                    f"put an extractor (and any mappings) first: `tap-... {current.block.text}`")
            elif kind == "mapping":
                yield JOB_BLOCK_ORDER.finding(
                    current.block.location,
                    f"{current.described} is not between an extractor and a loader",
                    f"move it right after the extractor: `tap-... {current.block.text} target-...`")
        elif kind == "loader":
            extractor = None
        elif kind != "mapping":
            yield JOB_BLOCK_ORDER.finding(
                current.block.location,
                f"{current.described} comes after {extractor.described} before any loader",
                f"end the set with a loader first: `{extractor.block.text} ... target-...`, then "
                f"`{current.block.text}`")
            extractor = current if kind == "extractor" else None
    if extractor is not None:
        yield JOB_BLOCK_ORDER.finding(
            extractor.block.location, f"{extractor.described} is not followed by a loader in this task",
            f"add a loader after it (and after any mappings): `{extractor.block.text} target-...`")


def task_problems(task: Task, index: ProjectIndex, suggestions: Suggestions) -> Iterator[Finding]:
    """A task's blocks that name nothing Meltano can run, then, only when every block resolves, their order.

    One reading for a job's task and a pipeline's action: both are run by `meltano run`.
    """
    resolved: list[Resolved] = []
    for block in task.blocks:
        outcome = resolve(block, index, suggestions)
        if isinstance(outcome, Finding):
            yield outcome
        else:
            resolved.append(outcome)
    if len(resolved) == len(task.blocks) and (problem := order_problem(resolved)):
        yield problem


@check(JOB_TASKS_MISSING, JOB_BLOCK_UNKNOWN, JOB_BLOCK_ORDER)
def job_blocks(context: Context) -> Iterator[Finding]:
    index = context.index
    suggestions = Suggestions()
    for job in context.project.items("jobs"):
        if job.get("tasks") == []:
            yield JOB_TASKS_MISSING.finding(
                job.location("tasks"),
                f"job '{job.name or '?'}' has `tasks: []`: Meltano runs nothing (\"No valid blocks "
                "found.\") and exits 0, so a schedule of it does nothing",
                "list at least one task, such as `- tap-github target-postgres`, or remove the job"
            ).with_severity(Severity.WARNING)
            continue
        for task in tasks_of(job):
            if task.empty:
                yield JOB_TASKS_MISSING.finding(
                    task.location, f"job '{job.name or '?'}' has an empty task, which Meltano cannot run",
                    "write the task's blocks, such as `tap-github target-postgres`, or remove it")
                continue
            yield from task_problems(task, index, suggestions)


# --- what the onboarding runs run: for the rules that judge only those --------------

@per_run
def scheduled_plugins(context: Context) -> list[Plugin]:
    """The plugins that the schedules of the onboarding environment run, in schedule order."""
    index = context.index
    environment = context.onboarding_environment
    found: dict[int, Plugin] = {}
    # A job scheduled again adds nothing; a block's plugin depends on its text alone, and
    # the same plugins are named in many jobs.
    jobs_seen: set[int] = set()
    named: dict[str, Plugin | None] = {}
    for schedule in context.schedules.schedules:
        if not schedule.runs_in(environment):
            continue
        job = index.jobs.get(schedule.text("job") or "")
        if job is not None:
            if id(job) in jobs_seen:
                continue
            jobs_seen.add(id(job))
            # Read again rather than kept from job_blocks: thousands of jobs' blocks, kept for
            # the run, cost more memory (3.5 MiB at 5,000) than reading them twice costs time.
            for task in tasks_of(job):
                for block in task.blocks:
                    text = block.text
                    if text in named:
                        plugin = named[text]
                    else:
                        resolved = resolve(block, index)
                        plugin = named[text] = None if isinstance(resolved, Finding) else resolved.plugin
                    if plugin is not None:
                        found.setdefault(id(plugin.item.data), plugin)
        elif schedule.legacy:
            for key, kind in (("extractor", "extractors"), ("loader", "loaders")):
                plugin = index.find(kind, schedule.text(key) or "")
                if plugin is not None:
                    found.setdefault(id(plugin.item.data), plugin)
            if schedule.text("transform") in ("run", "only"):  # `meltano elt` runs the transformers
                for plugin in index.by_type.get("transformers", {}).values():
                    found.setdefault(id(plugin.item.data), plugin)
    return list(found.values())


@per_run
def onboarding_scope(context: Context) -> Scope:
    """What an onboarding run uses (model/scope.py): the scheduled plugins and their ancestors."""
    plugins = scheduled_plugins(context)
    if not plugins:
        return Scope(context.onboarding_environment, None)
    index = context.index
    used = {(ancestor.type, ancestor.name) for plugin in plugins for ancestor in index.ancestry(plugin)}
    return Scope(context.onboarding_environment, frozenset(used))
