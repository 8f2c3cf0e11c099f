"""Rules about the shape of each project file: the schema, `version`, `requires_meltano`, includes.

Every project file (meltano.yml and each included file) is validated on its
own against `schemas/meltano.schema.json`, so a finding lands in the file
that holds the problem. Which rule reports a schema error depends on where it
is: the top level here, plugins, jobs and environments in their own modules.
"""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import Finding, Severity
from onboard_action.load.yamlfile import YMap
from onboard_action.model.context import Context
from onboard_action.rules import RuleFor, check, environments, jobs, plugins, rule, validate
from onboard_action.schema import explain

SCHEMA = "meltano.schema.json"

UNKNOWN_TOP_LEVEL_KEY = rule(
    "P001", "unknown-top-level-key", Severity.ERROR,
    "unknown top-level key",
    """
    Meltano reads a fixed set of top-level keys. Anything else is a typo
    (`schedule:` for `schedules:`) or a setting in the wrong place, and is
    silently ignored, so what it should configure never happens. Rename the
    key to the one you meant, or move it where it belongs.
    """,
    bad="version: 1\nschedule:\n  - name: daily\n    interval: '@daily'\n    job: github-to-postgres\n",
    good="version: 1\nschedules:\n  - name: daily\n    interval: '@daily'\n    job: github-to-postgres\n",
)
INVALID_TOP_LEVEL_VALUE = rule(
    "P002", "invalid-top-level-value", Severity.ERROR,
    "top-level setting has the wrong type",
    """
    A top-level setting holds a value of the wrong kind (a list where Meltano
    expects text, a number where it expects a mapping). Meltano either fails
    on every command or ignores the value. Write the value in the form the
    message names.
    """,
    bad="version: 1\ndefault_environment: [dev, prod]\n",
    good="version: 1\ndefault_environment: dev\n",
)
VERSION_NOT_1 = rule(
    "P003", "version-not-1", Severity.ERROR,
    "`version` is not 1",
    """
    Meltano only knows project files of `version: 1`. Any other value means the
    file was written for another tool or by hand in error. Write `version: 1`,
    or remove the key, which current Meltano versions no longer need.
    """,
    bad="version: 2\n",
    good="version: 1\n",
)
REQUIRES_MELTANO_INVALID = rule(
    "P004", "requires-meltano-invalid", Severity.ERROR,
    "`requires_meltano` is not a version specifier",
    """
    Meltano parses `requires_meltano` as a PEP 440 version specifier and stops
    before running anything when it cannot. Write comparisons such as
    `>=3.0,<4` or `~=3.4`, separated by commas.
    """,
    bad="requires_meltano: '>= 3.0 < 4'\n",
    good="requires_meltano: '>=3.0,<4'\n",
)
INCLUDE_PATHS_NESTED = rule(
    "P005", "include-paths-in-included-file", Severity.WARNING,
    "`include_paths` in an included file",
    """
    Meltano documents `include_paths` in meltano.yml only. Patterns written in
    an included file are followed all the same (measured with Meltano 4.4.1: its
    merge extends meltano.yml's list with them), after meltano.yml's own and
    relative to the project folder, not to the included file; the check
    follows them the same way. That works by accident of how Meltano merges
    files, and a reader of meltano.yml cannot see what the project holds. Move
    the patterns to meltano.yml's `include_paths`.
    """,
    bad="# extract/extractors.meltano.yml\ninclude_paths:\n  - ./more/*.meltano.yml\n",
    good="# meltano.yml\ninclude_paths:\n  - ./extract/*.meltano.yml\n  - ./more/*.meltano.yml\n",
)


SCHEMA_RULES = (UNKNOWN_TOP_LEVEL_KEY, INVALID_TOP_LEVEL_VALUE, VERSION_NOT_1,
                *plugins.SCHEMA_RULES, *jobs.SCHEMA_RULES, *environments.SCHEMA_RULES)


def _top_level_keys() -> frozenset[str]:
    return frozenset(explain.load_schema(SCHEMA)["properties"])


def rule_for(data) -> RuleFor:
    """The rule reporting a schema error at a path inside the file holding `data`."""
    known = _top_level_keys()

    def choose(path: tuple):
        if not path:
            return INVALID_TOP_LEVEL_VALUE
        head = path[0]
        if head not in known:
            return UNKNOWN_TOP_LEVEL_KEY
        if head == "version":
            return VERSION_NOT_1
        if head == "plugins":
            return plugins.schema_rule(path, data)
        if head == "jobs":
            return jobs.schema_rule(path, data)
        if head == "environments":
            return environments.schema_rule(path, data)
        return INVALID_TOP_LEVEL_VALUE

    return choose


@check(*SCHEMA_RULES)
def schema_problems(context: Context) -> Iterator[Finding]:
    for source in context.project.usable_files:
        yield from validate(source.data, SCHEMA, source, (), rule_for(source.data))


@check(REQUIRES_MELTANO_INVALID)
def requires_meltano(context: Context) -> Iterator[Finding]:
    for source in context.project.usable_files:
        value = source.data.get("requires_meltano")
        if not isinstance(value, str):
            continue  # the schema reports other types
        bad = invalid_specifiers(value)
        if bad:
            yield REQUIRES_MELTANO_INVALID.finding(
                source.location(("requires_meltano",)),
                f"`requires_meltano` part {bad[0]!r} is not a version specifier, so Meltano "
                "stops before running anything",
                "write comparisons separated by commas, such as `>=3.0,<4`")


@check(INCLUDE_PATHS_NESTED)
def include_paths_in_included_files(context: Context) -> Iterator[Finding]:
    for source in context.project.included:
        if isinstance(source.data, YMap) and "include_paths" in source.data:
            yield INCLUDE_PATHS_NESTED.finding(
                source.location(("include_paths",), key=True),
                "`include_paths` in an included file: Meltano follows these patterns, relative to the "
                "project folder, only as a side effect of how it merges files",
                "move these patterns to the `include_paths` of meltano.yml")


def invalid_specifiers(text: str) -> list[str]:
    """The comma-separated parts of `text` that are not PEP 440 specifiers (none: it is valid).

    `packaging` is what Meltano itself parses `requires_meltano` with.
    """
    from packaging.specifiers import InvalidSpecifier, Specifier

    invalid = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        try:
            Specifier(part)
        except InvalidSpecifier:
            invalid.append(part)
    return invalid
