"""The two ways yamlfile builds data agree (onboard_action/load/yamlfile.py).

Most files are built from libyaml's events (`_Builder.from_events`); anything
that one leaves aside goes to the node builder (`_Builder.build`). Each
document here is built both ways, where the event builder takes it, and the
values, spans, re-typed texts, problems and counts must be the same; those it
must leave aside must raise `_Fallback`.
"""

from __future__ import annotations

import pytest
import yaml

from onboard_action.load import yamlfile
from onboard_action.load.yamlfile import YList, YMap, parse

# Documents the event builder reads itself.
TAKEN = [
    "version: 1\nplugins:\n  extractors:\n  - name: tap-x\n    variant: meltanolabs\n"
    "    pip_url: tap-x==1.0\n    config: {start_date: '2024-01-01', flag: on}\n",
    "a: 1\nb: on\nc: 0777\nd: 2024-01-01\ne: ~\nf:\ng: 1.5\nh: -.inf\ni: 0x1F\nj: 1:30\nk: '<<'\nl: =\n",
    "tasks: [on, 'off', 0777, tap target, 2024-01-01, null, '', \"\", ~, yes]\n",
    "yes: 1\n'no': 2\n1: 3\n~: 4\n2024-01-01: 5\n",  # keys YAML 1.1 retypes, and quoted ones it does not
    "k: |\n  text\n  more\nj: >-\n  folded\n  lines\nl: \"esc\\taped\"\n",
    "url: http://example.com/?a=1&b=2\n",  # an & that anchors nothing
    "big: " + "9" * 5000 + "\nok: 12\n",  # more digits than int() reads
    "a:\n" + "".join(f"  k{i}: v{i}\n" for i in range(40)),  # more keys than a span lookup scans
    "r:\r\n  s: t\r\n  u: [1, 2]\r\n",
    "ünï: cödé\nx: [é, {y: z}]\n",
    "[1, [2, [3, {a: [4]}]]]\n",
    "{}\n",
    "- []\n- {}\n- ''\n",
]
# Documents it leaves to the node builder, each for its own reason.
LEFT = [
    "a: &x {k: 1}\nb: *x\n",  # anchor and alias
    "x: *nope\n",  # an alias without its anchor: the node builder says so
    "a: {k: 1}\n<<: {m: 2}\n",  # merge key
    "a: !!str 1\n",  # explicit tag
    "a: ! 1\n",  # non-specific tag
    "? [a, b]\n: 1\n",  # a key that is no scalar
    "a: 1\na: 2\n",  # duplicate key
    "plain\n",  # a scalar document
    "",  # no document
    "a: 1\n---\nb: 2\n",  # two documents
    "a: [1, 2\n",  # a syntax error
    "[" * 102 + "]" * 102,  # deeper than MAX_DEPTH
]


def _both(text: str):
    loader = yamlfile._Loader(text)
    events = yamlfile._Builder()
    try:
        from_events = events.from_events(loader)
    finally:
        loader.dispose()
    nodes = yamlfile._Builder()
    from_nodes = nodes.build(yaml.compose(text, Loader=yamlfile._Composer))
    return (from_events, events), (from_nodes, nodes)


def _assert_same(a, b, path=()) -> None:
    assert type(a) is type(b) and a == b, path
    if isinstance(a, YMap):
        assert (a.span, a.lines(), a.retyped) == (b.span, b.lines(), b.retyped), path
        for key in a:
            assert (a.key_span(key), a.value_span(key), a.value_line(key)) == (
                b.key_span(key), b.value_span(key), b.value_line(key)), (*path, key)
            _assert_same(a[key], b[key], (*path, key))
    elif isinstance(a, YList):
        assert (a.span, a.retyped) == (b.span, b.retyped), path
        for index in range(len(a)):
            assert a.item_span(index) == b.item_span(index) == a.item_span(index - len(a)), (*path, index)
            _assert_same(a[index], b[index], (*path, index))


@pytest.mark.parametrize("text", TAKEN)
def test_the_event_builder_gives_what_the_node_builder_gives(text: str) -> None:
    (data, events), (expected, nodes) = _both(text)
    _assert_same(data, expected)
    assert (events.problems, events.nodes, events.retyped) == (nodes.problems, nodes.nodes, nodes.retyped)


@pytest.mark.parametrize("text", LEFT)
def test_what_the_event_builder_leaves_aside_goes_to_the_node_builder(text: str) -> None:
    loader = yamlfile._Loader(text)
    try:
        with pytest.raises((yamlfile._Fallback, yaml.YAMLError)):
            yamlfile._Builder().from_events(loader)
    finally:
        loader.dispose()
    parse(text)  # and `parse` still answers, problems and all, without raising


def test_keys_written_many_times_are_one_str() -> None:
    data = parse("- {name: a}\n- {name: b}\n").data
    first, second = (next(iter(item)) for item in data)
    assert first == second == "name" and first is second
