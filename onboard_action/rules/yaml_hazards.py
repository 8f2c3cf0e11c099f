"""YAML hazards: text that YAML reads as something other than what its author wrote.

PyYAML (and this check) reads YAML 1.1, where `on`, `yes`, `no`, `off`,
`0777` and `1:20` are booleans and numbers; Meltano reads meltano.yml with
ruamel.yaml, YAML 1.2, where `on` is text but `null`, `true`, `0777`, `1e3`
and `2024-01-01` are still a null, a boolean, a number and a date. Either way,
a name that is not quoted may not be the name its author wrote.

Who says what, so that nothing is said twice:

* A value that YAML turned into a boolean, null or number where text is
  expected is a type error of the file's schema: `schema.py` reports it with
  the text as written ("is written `on`, which YAML reads as the boolean
  true"), under the rule that owns the place (P102, P201, S003, O005...).
* A value that looks like a date stays text for this check (JSON has no
  dates), so no schema sees it: Y002 says that Meltano reads it as a date.
* A key is always kept as written here; unknown keys in a closed mapping
  (top level, a plugin, a schedule, the onboarding file) are already reported
  by the unknown-key rules, so Y001 speaks only for keys in free-form mappings
  (`config:`, `env:`, `annotations:`...), where nothing else would.

Duplicate keys are reported by P605 (project files) and O004 (the onboarding file).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from onboard_action.findings import Finding, Severity
from onboard_action.load import meltano_yaml
from onboard_action.load.project import SourceFile, to_location
from onboard_action.load.yamlfile import CONTAINERS, Span, YList, YMap
from onboard_action.model.context import Context
from onboard_action.model.onboarding import SCHEMA_FILE as ONBOARDING_SCHEMA
from onboard_action.rules import check, rule
from onboard_action.schema.explain import load_schema

PROJECT_SCHEMA = "meltano.schema.json"
SCHEDULE_SCHEMA = "schedule.schema.json"

KEY_RETYPED = rule(
    "Y001", "yaml-key-not-text", Severity.WARNING,
    "key that YAML reads as a boolean, null, number or date",
    """
    A key such as `on`, `yes`, `null`, `1` or `2024-01-01` is not text to YAML:
    YAML 1.1 readers (PyYAML, yamllint and many other tools) turn `on`, `yes`,
    `no` and `off` into booleans, and every YAML reader, Meltano's included,
    turns `null`, `true`, numbers and dates into something other than the
    name that was written. A setting or variable named that way may not be
    found. Quote the key. In a project file, a key that YAML 1.1 reads as a
    boolean is an error: `meltano compile` reads the files with PyYAML and
    fails on it (Meltano 4.4.1: "'<' not supported between instances of 'str'
    and 'bool'"; tests/oracle/yaml-on-yes-keys and yaml-11-directive).
    """,
    bad="plugins:\n  extractors:\n    - name: tap-rest\n      config:\n        on: status\n",
    good="plugins:\n  extractors:\n    - name: tap-rest\n      config:\n        'on': status\n",
)
DATE_AS_TEXT = rule(
    "Y002", "yaml-date-as-name", Severity.WARNING,
    "name that YAML reads as a date",
    """
    An unquoted `2024-01-01` is a date to YAML, not text. This check keeps it
    as written, but Meltano's YAML reader turns it into a date, so a job,
    schedule, environment or branch named that way is not the name that other
    places refer to as text. Quote it. Plugin settings (`start_date` in
    `config:`) and a schedule's `start_date` are left alone: a date is what
    they mean. A schedule's `name` is an error, not a warning: Meltano 4.4.1's
    `meltano schedule list --format=json` fails on it ("Object of type date is
    not JSON serializable"; tests/oracle/yaml-date-as-schedule-name).
    """,
    bad="jobs:\n  - name: 2024-01-01\n    tasks: [tap-github target-postgres]\n",
    good="jobs:\n  - name: '2024-01-01'\n    tasks: [tap-github target-postgres]\n",
)

LONG_INTEGER = rule(
    "Y003", "yaml-integer-too-long", Severity.ERROR,
    "number with more digits than Python reads",
    """
    Python refuses to read an integer of more than 4,300 digits, so Meltano
    stops with an error on a file that holds one unquoted. This check keeps it
    as the text written. Quote it if it is meant as text (a token, an
    identifier), or shorten it.
    """,
    bad="env:\n  ACCOUNT: " + "9" * 4301 + "\n",
    good="env:\n  ACCOUNT: '" + "9" * 4301 + "'\n",
)

MELTANO_CANNOT_READ = rule(
    "Y004", "yaml-meltano-cannot-read", Severity.ERROR,
    "Meltano's YAML reader refuses a file this check reads",
    """
    Meltano reads its project files with ruamel.yaml, which refuses a tab
    anywhere outside quotes, block scalars and comments: `key:<tab>value`,
    `key: value<tab>`, `- item<tab>`. PyYAML reads such a file, so without
    this rule the check would pass a project on which every Meltano command
    fails (`found character '\\t' that cannot start any token`). The check
    asks ruamel about every file that holds a tab. Replace the tab with
    spaces, or quote the value if the tab belongs to it.
    """,
    bad="plugins:\n  loaders:\n    - name: target-postgres\n      config:\n        database:\twarehouse\n",
    good="plugins:\n  loaders:\n    - name: target-postgres\n      config:\n        database: warehouse\n",
)

# The YAML 1.2 core schema: what Meltano's reader still turns into something other than text.
_YAML_1_2_NOT_TEXT = re.compile(r"""
    (?: ~ | null | Null | NULL | true | True | TRUE | false | False | FALSE
      | [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+
      | [-+]? (?: \.[0-9]+ | [0-9]+ (?: \.[0-9]* )? ) (?: [eE][-+]?[0-9]+ )?
      | [-+]? \. (?: inf | Inf | INF ) | \. (?: nan | NaN | NAN )
      | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2} (?: [Tt ].* )? )
    """, re.VERBOSE)


def _became(written: str, became: str) -> str:
    """What a plain key turns into, for readers of both YAML versions."""
    if _YAML_1_2_NOT_TEXT.fullmatch(written):
        return f"{became} to every YAML reader, Meltano's included"
    return f"{became} to YAML 1.1 readers such as PyYAML, though Meltano's YAML 1.2 reader keeps it as text"


@check(KEY_RETYPED)
def keys_that_are_not_text(context: Context) -> Iterator[Finding]:
    for source in context.project.files:
        yield from _retyped_keys(source, _project_schema, compiled=True)
    onboarding = context.onboarding
    if onboarding is not None:
        yield from _retyped_keys(onboarding.source, _onboarding_schema, compiled=False)


@check(DATE_AS_TEXT)
def dates_as_names(context: Context) -> Iterator[Finding]:
    for source in context.project.usable_files:
        yield from _dates(source, _project_schema, "Meltano reads a date here")
    onboarding = context.onboarding
    if onboarding is not None and isinstance(onboarding.source.data, YMap):
        # Only this check reads the onboarding file, as text; other YAML tools would not.
        yield from _dates(onboarding.source, _onboarding_schema, "other YAML tools read a date here")


@check(MELTANO_CANNOT_READ)
def files_meltano_cannot_read(context: Context) -> Iterator[Finding]:
    for source in context.project.usable_files:
        if not meltano_yaml.asked(source.text):
            continue  # the usual file: no tab, nothing the two readers disagree on
        refused = meltano_yaml.refusal(source.text)
        if refused is not None:
            yield MELTANO_CANNOT_READ.finding(
                to_location(source.path, Span(refused.line, refused.column, refused.line, refused.column)),
                f"Meltano's YAML reader (ruamel.yaml) cannot read this file: {refused.said}",
                "replace the tab with spaces (a tab may stand only inside quotes, block scalars and "
                "comments), or quote the value it belongs to")


@check(LONG_INTEGER)
def long_integers(context: Context) -> Iterator[Finding]:
    sources = list(context.project.files)
    if context.onboarding is not None:
        sources.append(context.onboarding.source)
    for source in sources:
        for problem in source.problems:
            if problem.kind == "long-integer":
                yield LONG_INTEGER.finding(
                    to_location(source.path, problem.span), problem.message,
                    "quote it if it is text, or shorten it: it is kept as the text written")


def _retyped_keys(source: SourceFile, schema_at, *, compiled: bool) -> Iterator[Finding]:
    """`compiled`: a project file, which `meltano compile` reads with PyYAML."""
    problems = {p.span: p for p in source.problems if p.kind == "implicit-type"}
    if not problems:
        return
    reported: set[Span] = set()
    for path, node in _mappings(source.data):
        for key in node:
            span = node.key_span(key)
            problem = problems.get(span)
            if problem is None or span in reported or _closed(schema_at(path), key):
                continue
            reported.add(span)  # a key reached again through an alias is one finding
            written, became = problem.detail["written"], problem.detail["became"]
            if compiled and became == "a boolean":
                yield KEY_RETYPED.finding(
                    to_location(source.path, span),
                    f"key `{written}` is a boolean to YAML 1.1 readers such as PyYAML, and a boolean key "
                    "beside text keys makes `meltano compile` (which reads the files with PyYAML) fail",
                    f"quote it: '{written}'").with_severity(Severity.ERROR)
                continue
            yield KEY_RETYPED.finding(
                to_location(source.path, span), f"key `{written}` is {_became(written, became)}",
                f"quote it: '{written}'")


def _dates(source: SourceFile, schema_at, reader: str) -> Iterator[Finding]:
    if not source.retyped:
        return  # the usual file: nothing to look for, and walking it costs 20 ms at 5,000 plugins
    for path, node in _containers(source.data, retyped_only=True):
        for index_or_key, written in node.retyped.items():
            value = node[index_or_key]
            if not isinstance(value, str):
                continue  # a boolean, null or number: the schema's type error says it
            if index_or_key == "start_date":
                continue  # a legacy schedule's `start_date: 2024-01-01` means a date
            where = (*path, index_or_key)
            if not _expects_text(schema_at(where)):
                continue
            span = node.value_span(index_or_key) if isinstance(node, YMap) else node.item_span(index_or_key)
            if _is_schedule_name(where):
                yield DATE_AS_TEXT.finding(
                    to_location(source.path, span),
                    f"schedule name `{written}` is a date to YAML: Meltano reads a date here, and "
                    "`meltano schedule list --format=json` fails on it",
                    f"quote it: '{written}'").with_severity(Severity.ERROR)
                continue
            yield DATE_AS_TEXT.finding(
                to_location(source.path, span),
                f"`{written}` is a date to YAML: {reader}, not the text written",
                f"quote it: '{written}'")


def _is_schedule_name(path: tuple) -> bool:
    return len(path) == 3 and path[0] == "schedules" and path[2] == "name"


def _containers(data: Any, *, retyped_only: bool = False) -> Iterator[tuple[tuple, YMap | YList]]:
    """Every mapping and list in `data`, with its path; iterative, as data may nest 100 deep.

    With `retyped_only`, only those holding a value that YAML re-typed: most
    hold none. Only containers go on the stack: most values are scalars, and a
    path for each would cost more than the walk.
    """
    stack = [((), data)] if isinstance(data, CONTAINERS) else []
    while stack:
        where, node = stack.pop()
        if node.retyped or not retyped_only:
            yield where, node
        for key, value in node.items() if isinstance(node, YMap) else enumerate(node):
            if isinstance(value, CONTAINERS):
                stack.append(((*where, key), value))


def _mappings(data: Any) -> Iterator[tuple[tuple, YMap]]:
    return ((path, node) for path, node in _containers(data) if isinstance(node, YMap))


# --- which schema speaks for a place in a file ------------------------------------

def _project_schema(path: tuple) -> list[dict]:
    # meltano.schema.json keeps `schedules` a plain list; each entry has its own schema.
    if len(path) >= 2 and path[0] == "schedules" and isinstance(path[1], int):
        return _walk(load_schema(SCHEDULE_SCHEMA), path[2:])
    return _walk(load_schema(PROJECT_SCHEMA), path)


def _onboarding_schema(path: tuple) -> list[dict]:
    return _walk(load_schema(ONBOARDING_SCHEMA), path)


def _walk(root: dict, path: tuple) -> list[dict]:
    """The subschemas that apply at `path`, every combinator branch included."""
    current = _expand(root, root)
    for part in path:
        following: list[dict] = []
        for schema in current:
            following.extend(_expand(root, child) for child in _children(schema, part))
        current = [s for group in following for s in group] if following else []
        if not current:
            return []
    return current


def _children(schema: dict, part: Any) -> list[Any]:
    if isinstance(part, int):
        return [schema["items"]] if isinstance(schema.get("items"), dict) else []
    if part in schema.get("properties", {}):
        return [schema["properties"][part]]
    matched = [sub for pattern, sub in schema.get("patternProperties", {}).items()
               if re.search(pattern, str(part))]
    if matched:
        return matched
    extra = schema.get("additionalProperties")
    return [extra] if isinstance(extra, dict) else []


def _expand(root: dict, schema: Any, depth: int = 0) -> list[dict]:
    """`schema` and the subschemas it combines ($ref, allOf, anyOf, oneOf, then, else)."""
    if not isinstance(schema, dict) or depth > 20:
        return []
    found = [schema]
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for name in ref[2:].split("/"):
            target = target.get(name, {}) if isinstance(target, dict) else {}
        found.extend(_expand(root, target, depth + 1))
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(keyword, []):
            found.extend(_expand(root, branch, depth + 1))
    for keyword in ("then", "else"):
        found.extend(_expand(root, schema.get(keyword), depth + 1))
    return found


def _closed(schemas: list[dict], key: str) -> bool:
    """Does a schema here refuse unknown keys (so an unknown-key rule already reports `key`)?"""
    for schema in schemas:
        extra = schema.get("additionalProperties", schema.get("unevaluatedProperties"))
        refuses = extra is False or (isinstance(extra, dict) and extra.get("not") == {})
        if refuses and key not in schema.get("properties", {}) and not any(
                re.search(pattern, key) for pattern in schema.get("patternProperties", {})):
            return True
    return False


def _expects_text(schemas: list[dict]) -> bool:
    for schema in schemas:
        kind = schema.get("type")
        if kind == "string" or (isinstance(kind, list) and "string" in kind):
            return True
    return False
