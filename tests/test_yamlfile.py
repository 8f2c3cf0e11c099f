"""YAML loading with positions (onboard_action/load/yamlfile.py).

Expected positions are found by searching the YAML text itself (`at`), so
each test says "this value is where it is written" rather than repeating
numbers.
"""

from __future__ import annotations

import yaml

from onboard_action.load import yamlfile
from onboard_action.load.loader import MAX_FILE_BYTES
from onboard_action.load.yamlfile import Span, YList, YMap, parse, plain, span_at


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of `needle` in `text`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def start(span: Span | None) -> tuple[int, int]:
    assert span is not None
    return span.line, span.column


def data_of(text: str):
    document = parse(text)
    assert document.problems == [], document.problems
    return document.data


PROJECT = """\
version: 1
default_environment: dev
plugins:
  extractors:
    - name: tap-github
      variant: meltanolabs
      config:
        repositories: [meltano/meltano, "meltano/sdk"]
        flags: {stream_maps: true, batch: 'no'}
  loaders:
  - name: target-postgres
    config:
      note: |
        first line
        second line
      folded: >-
        folded
        text
schedules:
  - {name: daily, interval: "0 6 * * *", job: github}
"""


def test_uses_libyaml_when_pyyaml_has_it() -> None:
    if yaml.__with_libyaml__:
        assert yamlfile._Loader is yaml.CSafeLoader


def test_top_level_keys_and_values() -> None:
    data = data_of(PROJECT)
    assert start(span_at(data, ["version"], key=True)) == at(PROJECT, "version")
    assert start(span_at(data, ["version"])) == at(PROJECT, "1")
    assert start(span_at(data, ["default_environment"])) == at(PROJECT, "dev")


def test_nested_block_mappings_and_sequences() -> None:
    data = data_of(PROJECT)
    tap = ["plugins", "extractors", 0]
    assert start(span_at(data, tap)) == at(PROJECT, "name: tap-github")
    assert start(span_at(data, [*tap, "name"])) == at(PROJECT, "tap-github")
    assert start(span_at(data, [*tap, "variant"], key=True)) == at(PROJECT, "variant")
    assert start(span_at(data, [*tap, "config", "repositories"], key=True)) == at(PROJECT, "repositories")
    # A sequence not indented under its key is the same sequence.
    target = ["plugins", "loaders", 0, "name"]
    assert start(span_at(data, target)) == at(PROJECT, "target-postgres")


def test_flow_style_items_and_keys() -> None:
    data = data_of(PROJECT)
    repos = ["plugins", "extractors", 0, "config", "repositories"]
    assert start(span_at(data, repos)) == at(PROJECT, "[meltano/meltano")
    assert start(span_at(data, [*repos, 0])) == at(PROJECT, "meltano/meltano")
    assert start(span_at(data, [*repos, 1])) == at(PROJECT, '"meltano/sdk"')
    flags = ["plugins", "extractors", 0, "config", "flags"]
    assert start(span_at(data, [*flags, "batch"], key=True)) == at(PROJECT, "batch")
    assert start(span_at(data, [*flags, "batch"])) == at(PROJECT, "'no'")
    schedule = ["schedules", 0]
    assert start(span_at(data, [*schedule, "interval"])) == at(PROJECT, '"0 6 * * *"')
    assert start(span_at(data, [*schedule, "job"], key=True)) == at(PROJECT, "job")


def test_spans_end_where_the_value_ends() -> None:
    data = data_of(PROJECT)
    quoted = span_at(data, ["plugins", "extractors", 0, "config", "repositories", 1])
    line, column = at(PROJECT, '"meltano/sdk"')
    assert quoted == Span(line, column, line, column + len('"meltano/sdk"') - 1)  # inclusive end
    key = span_at(data, ["default_environment"], key=True)
    assert (key.end_line, key.end_column) == (2, len("default_environment"))
    flow = span_at(data, ["schedules", 0])
    assert (flow.end_line, flow.end_column) == (flow.line, PROJECT.splitlines()[flow.line - 1].index("}") + 1)


def test_block_scalars_start_at_their_indicator_and_end_on_their_last_line() -> None:
    data = data_of(PROJECT)
    config = ["plugins", "loaders", 0, "config"]
    assert data["plugins"]["loaders"][0]["config"]["note"] == "first line\nsecond line\n"
    assert data["plugins"]["loaders"][0]["config"]["folded"] == "folded text"
    note = span_at(data, [*config, "note"])
    assert start(note) == at(PROJECT, "|")
    assert note.end_line == at(PROJECT, "second line")[0]
    folded = span_at(data, [*config, "folded"])
    assert start(folded) == at(PROJECT, ">-")
    assert folded.end_line == at(PROJECT, "        text")[0]


def test_a_path_into_nothing_lands_on_the_deepest_existing_value() -> None:
    data = data_of(PROJECT)
    tap = span_at(data, ["plugins", "extractors", 0])
    assert span_at(data, ["plugins", "extractors", 0, "no-such-key"]) == tap
    assert span_at(data, ["plugins", "extractors", 0, "name", "deeper"]) == span_at(
        data, ["plugins", "extractors", 0, "name"])
    assert span_at(data, ["plugins", "extractors", 7]) == span_at(data, ["plugins", "extractors"])
    assert span_at(data, []) == data.span
    assert span_at("not yaml data", ["x"]) is None


def test_windows_line_endings_and_a_bom_do_not_shift_positions() -> None:
    text = "\ufeffa: 1\r\nb:\r\n  c: two\r\n"
    data = data_of(text)
    assert start(span_at(data, ["a"], key=True)) == (1, 1)
    assert start(span_at(data, ["b", "c"])) == (3, 6)


def test_columns_count_characters_not_bytes() -> None:
    text = "x: {é😀: 1, b: 2}\n"
    data = data_of(text)
    assert start(span_at(data, ["x", "b"], key=True)) == (1, text.index("b") + 1)


def test_containers_are_dicts_and_lists_that_know_their_spans() -> None:
    data = data_of(PROJECT)
    assert isinstance(data, YMap) and isinstance(data, dict)
    assert isinstance(data["schedules"], YList) and isinstance(data["schedules"], list)
    assert data.span.line == 1
    assert data["schedules"].item_span(0) == span_at(data, ["schedules", 0])
    assert data.key_span("plugins") == span_at(data, ["plugins"], key=True)
    assert data.value_span("plugins") == span_at(data, ["plugins"])


# --- values as JSON Schema sees them ------------------------------------------------

def test_timestamps_stay_strings_and_keys_become_strings() -> None:
    text = "start_date: 2024-01-01\n1: one\n? [a, b]\n: pair\n"
    document = parse(text)
    assert document.data["start_date"] == "2024-01-01"
    assert list(document.data) == ["start_date", "1", "['a', 'b']"]


def test_scalars_are_typed_as_yaml_1_1_reads_them() -> None:
    data = parse("a: yes\nb: 0777\nc: 1.5\nd: ~\ne: 'yes'\nf: 12\n").data
    assert data == {"a": True, "b": 511, "c": 1.5, "d": None, "e": "yes", "f": 12}


def test_values_yaml_1_1_changed_remember_what_was_written() -> None:
    data = parse("enabled: yes\nmode: 0777\nquoted: 'on'\ncount: 12\nname: tap\n").data
    assert data.retyped["enabled"] == "yes"
    assert data.retyped["mode"] == "0777"
    for unchanged in ("quoted", "count", "name"):
        assert unchanged not in data.retyped


# --- problems that are recorded, not raised --------------------------------------------

def test_duplicate_key_is_recorded_at_the_second_key_and_the_last_value_wins() -> None:
    text = "plugins:\n  extractors: []\nname: first\nplugins:\n  loaders: []\n"
    document = parse(text)
    [problem] = document.problems
    assert problem.kind == "duplicate-key"
    assert "'plugins' appears twice" in problem.message
    assert start(problem.span) == at(text, "plugins", 1)
    assert start(problem.detail["first"]) == at(text, "plugins", 0)
    assert document.data["plugins"] == {"loaders": []}
    assert start(span_at(document.data, ["plugins"], key=True)) == at(text, "plugins", 1)


def test_duplicate_keys_are_found_at_any_depth() -> None:
    text = "plugins:\n  extractors:\n    - name: a\n      name: b\n"
    [problem] = parse(text).problems
    assert problem.kind == "duplicate-key"
    assert start(problem.span) == at(text, "name", 1)


def test_keys_that_yaml_1_1_retypes_are_recorded() -> None:
    text = "on: x\nyes: x\n1: x\nnull: x\n2024-01-01: x\n'off': quoted\nplain: x\n"
    problems = parse(text).problems
    assert [(p.kind, p.detail["written"], p.detail["became"]) for p in problems] == [
        ("implicit-type", "on", "a boolean"),
        ("implicit-type", "yes", "a boolean"),
        ("implicit-type", "1", "a number"),
        ("implicit-type", "null", "null"),
        ("implicit-type", "2024-01-01", "a date"),
    ]
    assert [start(p.span) for p in problems] == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]


def test_syntax_error_at_its_line_and_column() -> None:
    text = "plugins:\n  extractors:\n    - name: a\n   variant: b\n"
    document = parse(text)
    assert document.data is None
    [problem] = document.problems
    assert problem.kind == "syntax"
    assert start(problem.span) == at(text, "variant")


def test_tabs_and_extra_documents_are_syntax_errors_where_they_are() -> None:
    [tab] = parse("a:\n\tb: 1\n").problems
    assert (tab.kind, start(tab.span)) == ("syntax", (2, 1))
    [second] = parse("a: 1\n---\nb: 2\n").problems
    assert second.kind == "syntax" and "single document" in second.message
    assert start(second.span) == (2, 1)


def test_empty_and_comment_only_documents_have_no_data_and_no_problem() -> None:
    for text in ("", "\n\n", "# nothing here\n", "---\n"):
        document = parse(text)
        assert (document.data, document.problems) == (None, [])


# --- anchors, aliases and merge keys --------------------------------------------------

MERGE = """\
base: &base
  variant: meltanolabs
  pip_url: tap-base
other: &other
  pip_url: tap-other
  namespace: other
plugin:
  <<: [*base, *other]
  pip_url: tap-own
"""


def test_merge_keys_expand_with_explicit_keys_winning_and_earlier_maps_first() -> None:
    plugin = data_of(MERGE)["plugin"]
    assert plugin == {"variant": "meltanolabs", "pip_url": "tap-own", "namespace": "other"}
    assert "<<" not in plugin


def test_merged_values_point_where_they_are_written() -> None:
    data = data_of(MERGE)
    assert start(span_at(data, ["plugin", "variant"])) == at(MERGE, "meltanolabs")
    assert start(span_at(data, ["plugin", "namespace"], key=True)) == at(MERGE, "namespace")
    assert start(span_at(data, ["plugin", "pip_url"])) == at(MERGE, "tap-own")


def test_a_single_merged_map_and_plain_aliases() -> None:
    text = "a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\nc: *a\n"
    data = data_of(text)
    assert data["b"] == {"x": 1, "y": 2}
    assert data["c"] == {"x": 1}
    assert start(span_at(data, ["c", "x"])) == at(text, "1")


def test_an_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    document = parse("\n".join(lines) + "\n")
    assert document.data is None
    [problem] = document.problems
    assert problem.kind == "too-many-nodes"


def test_absurd_nesting_is_refused() -> None:
    for text in ("[" * 300 + "]" * 300, "".join("  " * i + "k:\n" for i in range(150)) + "  " * 150 + "v\n"):
        document = parse(text)
        assert document.data is None
        assert [p.kind for p in document.problems] == ["too-deep"]


def test_moderate_nesting_is_fine() -> None:
    assert parse("[" * 50 + "]" * 50).problems == []


def test_the_largest_file_read_fits_the_packed_spans() -> None:
    # Spans keep each line and column in _BITS bits; the loader refuses any file
    # large enough to hold a line or column past that.
    assert MAX_FILE_BYTES < 1 << yamlfile._BITS


def test_list_items_yaml_1_1_changed_remember_what_was_written() -> None:
    # The schema explains `tasks: [on]` with the text as written (tests/hostile/test_yaml_surprises.py).
    data = parse("tasks: [on, 'off', 0777, tap target, 2024-01-01]\n").data
    assert data["tasks"] == [True, "off", 511, "tap target", "2024-01-01"]
    assert data["tasks"].retyped == {0: "on", 2: "0777", 4: "2024-01-01"}


def test_unreadable_characters_are_located_and_named() -> None:
    [nul] = parse("a: 1\nb: x\x00y\n").problems
    assert (nul.kind, start(nul.span)) == ("syntax", (2, 5))
    assert "NUL byte" in nul.message and nul.detail["hint"] == "save the file as UTF-8 text"
    [tab] = parse("a:\n\tb: 1\n").problems
    assert "YAML forbids tabs for indentation" in tab.message


def test_a_document_counts_the_values_yaml_retyped_so_rules_can_skip_files_without_any() -> None:
    assert parse("name: tap-x\nstart_date: '2024-01-01'\n").retyped == 0
    assert parse("start: 2024-01-01\nflags: [on, 'off', 0777]\n").retyped == 3


def test_plain_gives_the_loaded_data_as_lists_and_dicts_all_the_way_down() -> None:
    data = parse("config:\n  hosts: [a, {port: 5432}]\n  on: yes\n").data
    result = plain(data)
    assert result == {"config": {"hosts": ["a", {"port": 5432}], "on": True}}
    assert type(result) is dict and type(result["config"]) is dict
    assert type(result["config"]["hosts"]) is list and type(result["config"]["hosts"][1]) is dict
