"""YAML loading that remembers where every key and value came from.

PyYAML's C parser (libyaml) reads the text, with marks; we construct plain
Python data ourselves, from its events for the usual file and from its node
tree for files with anchors, tags or merge keys, so that:

* every mapping and sequence keeps the span of each key and item, so a finding
  can point at the exact line and column of any value;
* timestamps stay strings and keys become strings, as JSON Schema expects;
* anything surprising (duplicate keys, YAML 1.1 booleans as keys, alias
  expansion, absurd nesting) is recorded instead of silently accepted.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct, field

try:  # libyaml is ~10x faster; fall back to pure Python where it is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Meltano files are shallow (plugins -> type -> item -> config -> ...). The
# limits stop alias bombs and pathological nesting long before memory suffers.
MAX_DEPTH = 100
MAX_NODES = 1_000_000
# Python (Meltano's too) refuses to turn more decimal digits than this into an int, or back.
MAX_INT_DIGITS = 4300
_INT_TAG = "tag:yaml.org,2002:int"


class Span(Struct, frozen=True):
    """1-based start, inclusive 1-based end."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, node: yaml.Node) -> Span:
        start, end = node.start_mark, node.end_mark
        return _span(start.line, start.column, end.line, end.column)


# A project of 5,000 plugins has hundreds of thousands of keys and values.
# Their spans are kept in one flat array of unsigned numbers per mapping or
# list (PyYAML's 0-based start line and column, end line and column: 8 or 16
# bytes a span, where a Python int and a dict entry cost 60 or more), and
# made into a Span only when a finding needs one: that keeps the memory of a
# loaded project close to the data's. Lines and columns stay below 2**24
# (loader.MAX_FILE_BYTES), inside the 32 bits of the wider kind.
_POSITIONS = "I"
_BITS = 8 * array(_POSITIONS).itemsize  # what one line or column may take (loader.MAX_FILE_BYTES is below)
_WIDTH = 4  # numbers per span


def _packed(positions: list[int]) -> array:
    """`positions` in 16 bits each where they fit (files of fewer than 65,536 lines: most), else 32."""
    try:
        return array("H", positions)
    except OverflowError:
        return array(_POSITIONS, positions)


def _span(line: int, column: int, end_line: int, end_column: int) -> Span:
    if end_column == 0 and end_line > line:
        # Block scalars end at column 0 of the next line: point at the
        # end of the previous line instead.
        end_line, end_column = end_line - 1, column + 1
    # PyYAML's end column is 0-based and exclusive, i.e. our 1-based inclusive end.
    return Span(line + 1, column + 1, end_line + 1, max(end_column, column + 1))


def _span_in(positions: array, slot: int) -> Span:
    at = slot * _WIDTH
    return _span(positions[at], positions[at + 1], positions[at + 2], positions[at + 3])


# Mappings with more keys than this get a key -> index table the first time a
# span is asked of them; smaller ones are searched in order, which is cheaper
# than keeping a table for each of thousands of plugin entries.
_SCAN_KEYS = 16


class YMap(dict):
    """A dict that knows the span of each key and value, and of itself.

    `_positions` holds the mapping's own span (slot 0), then the key span
    and value span of each entry in insertion order (slots 1 + 2i and
    2 + 2i): a loaded YMap is read, never changed.
    """

    __slots__ = ("_index", "_positions", "retyped")

    def __init__(self) -> None:
        self._positions = _NO_POSITIONS  # the builder sets them once the entries are read
        # Plain scalars that YAML 1.1 turned into something other than the
        # text written (on -> True, 0777 -> 511, 2024-01-01 -> a date):
        # key -> the text as written. Rules use it to explain type errors.
        self.retyped: dict[str, str] = _EMPTY

    def _order(self, key: str) -> int:
        """The insertion index of `key` (KeyError when it is not here)."""
        if len(self) > _SCAN_KEYS:
            try:
                index = self._index
            except AttributeError:
                index = self._index = {k: i for i, k in enumerate(self)}
            return index[key]
        try:
            return list(self).index(key)
        except ValueError:
            raise KeyError(key) from None

    @property
    def span(self) -> Span:
        return _span_in(self._positions, 0)

    def key_span(self, key: str) -> Span:
        return _span_in(self._positions, 1 + 2 * self._order(key))

    def value_span(self, key: str) -> Span:
        return _span_in(self._positions, 2 + 2 * self._order(key))

    def value_line(self, key: str) -> int:
        """`value_span(key).line`, without making a Span: the preview asks it of every schedule."""
        return self._positions[(2 + 2 * self._order(key)) * _WIDTH] + 1

    def lines(self) -> tuple[int, int]:
        """The first and last line holding this mapping, without making a Span.

        A block mapping ends where the next entry (or the file) starts, at a
        column left of its own keys: that line is not its own.
        """
        line, column, end_line, end_column = self._positions[:_WIDTH]
        if end_line > line and end_column <= column:
            end_line -= 1
        return line + 1, end_line + 1


class YList(list):
    """A list that knows the span of each item, and of itself.

    `_positions` holds the list's own span (slot 0), then each item's (slot 1 + i).
    """

    __slots__ = ("_positions", "retyped")

    def __init__(self) -> None:
        self._positions = _NO_POSITIONS
        # Like YMap.retyped, by index: `tasks: [on]` holds True, written `on`.
        self.retyped: dict[int, str] = _EMPTY_ITEMS

    @property
    def span(self) -> Span:
        return _span_in(self._positions, 0)

    def item_span(self, index: int) -> Span:
        size = len(self)
        if not -size <= index < size:
            raise IndexError("list index out of range")
        return _span_in(self._positions, 1 + index % size)


CONTAINERS = (YMap, YList)  # for isinstance: what holds other values
_NO_POSITIONS = array(_POSITIONS)  # shared and never written, like _EMPTY
_EMPTY: dict[str, str] = {}  # shared and never written: `retyped` is replaced, not updated
_EMPTY_ITEMS: dict[int, str] = {}


class YamlProblem(Struct, frozen=True):
    """Something about the text that the user should hear about."""

    kind: str  # "syntax", "duplicate-key", "too-deep", "too-many-nodes", "implicit-type", "long-integer"
    message: str
    span: Span
    detail: dict = field(default_factory=dict)


class _TooBig(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        self.problem = problem


_STRING_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SCALAR_NODE, _SEQUENCE_NODE, _MAPPING_NODE = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
_IMPLICIT_SURPRISES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
}


_INT_BOUND = 10 ** MAX_INT_DIGITS


class _Composer(_Loader):
    """The loader, with Resolver.resolve's answer given at once where it is known beforehand.

    The composer asks `resolve` for the tag of every node. Without path
    resolvers (SafeLoader has none) and wildcard implicit resolvers (none
    either), the answer is the default tag for a collection or a quoted
    scalar, and for a plain scalar whose first character starts no implicit
    type (`name`, `meltanolabs`, `${TAP_KEY}`), since implicit resolvers are
    looked up by first character: two scalars in three at 5,000 plugins.
    The others get PyYAML's own resolve, so every tag is the one it gives.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is _SCALAR_NODE:
            if not implicit[0]:
                return _STRING_TAG
            if value and value[0] not in self.yaml_implicit_resolvers:
                return _STRING_TAG
            return _Loader.resolve(self, kind, value, implicit)
        if kind is _MAPPING_NODE:
            return _Loader.DEFAULT_MAPPING_TAG
        return _Loader.DEFAULT_SEQUENCE_TAG if kind is _SEQUENCE_NODE else _Loader.resolve(
            self, kind, value, implicit)


if (_Loader.yaml_path_resolvers or None in _Loader.yaml_implicit_resolvers
        or _Loader.DEFAULT_SCALAR_TAG != _STRING_TAG):  # pragma: no cover - not PyYAML's SafeLoader
    _Composer = _Loader  # type: ignore[misc]


class _Builder:
    def __init__(self, max_nodes: int = MAX_NODES) -> None:
        self.problems: list[YamlProblem] = []
        self.nodes = 0
        self.retyped = 0
        self.max_nodes = max_nodes
        self._scalar = _Loader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self._count(node, depth)
        return self._value(node, depth)

    def _count(self, node: yaml.Node, depth: int) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _TooBig(YamlProblem(
                "too-many-nodes",
                f"the document expands to more than {self.max_nodes:,} values "
                "(an alias bomb?); refusing to read it",
                Span.of(node)))
        if depth > MAX_DEPTH:
            raise _TooBig(YamlProblem(
                "too-deep", f"nesting is deeper than {MAX_DEPTH} levels; refusing to read it",
                Span.of(node)))

    def _value(self, node: yaml.Node, depth: int) -> Any:
        """The value of a node already counted."""
        kind = type(node)
        if kind is _MAPPING_NODE:
            return self._mapping(node, depth)
        if kind is _SEQUENCE_NODE:
            return self._sequence(node, depth)
        return self._scalar_value(node)

    # _sequence and _mapping inline `build` for their plain string children (most
    # values): a call per value costs a tenth of a load at 5,000 plugins.

    def _child(self, node: yaml.Node, depth: int, container: YMap | YList, slot: str | int) -> Any:
        """The value of a counted child that is not a plain string, a re-typed scalar noted."""
        if type(node) is not _SCALAR_NODE:
            return self._value(node, depth)
        value = self._scalar_value(node)
        if _retyped(node, value):
            self._note_retyped(container, slot, node.value)
        return value

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> YList:
        depth += 1
        start, end = node.start_mark, node.end_mark
        positions = [start.line, start.column, end.line, end.column]
        seq = YList()
        for item in node.value:
            self.nodes += 1
            if self.nodes > self.max_nodes or depth > MAX_DEPTH:
                self.nodes -= 1
                self._count(item, depth)
            if type(item) is _SCALAR_NODE and item.tag == _STRING_TAG:
                value = item.value
            else:
                value = self._child(item, depth, seq, len(seq))
            seq.append(value)
            start, end = item.start_mark, item.end_mark
            positions += (start.line, start.column, end.line, end.column)
        seq._positions = _packed(positions)
        return seq

    def _note_retyped(self, container: YMap | YList, slot: str | int, written: str) -> None:
        """Keep the text of a value YAML 1.1 re-typed, by key or index (only such values come here)."""
        if not container.retyped:  # the shared empty table, never written
            container.retyped = {}
        container.retyped[slot] = written
        self.retyped += 1

    def _scalar_value(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STRING_TAG:
            return node.value
        if tag == "tag:yaml.org,2002:timestamp":
            return node.value  # JSON has no dates; keep what was written
        try:
            value = self._scalar.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value
        except ValueError:  # more digits than int() reads: only an int gets here
            return self._long_integer(node)
        if tag == _INT_TAG and not -_INT_BOUND < value < _INT_BOUND:  # 0x... or 1:2:3 can grow that large too
            return self._long_integer(node)
        return value

    def _long_integer(self, node: yaml.ScalarNode) -> str:
        """An integer Python cannot read or print: kept as the text written, and recorded."""
        self.problems.append(YamlProblem(
            "long-integer", f"this number has {len(node.value):,} characters, more than the "
                            f"{MAX_INT_DIGITS:,} digits Python (and so Meltano) reads as a number",
            Span.of(node), {"length": len(node.value)}))
        node.tag = _STRING_TAG  # text from here on: not re-typed, and one problem however often aliased
        return node.value

    def _mapping(self, node: yaml.MappingNode, depth: int) -> YMap:
        depth += 1
        start, end = node.start_mark, node.end_mark
        positions = [start.line, start.column, end.line, end.column]
        mapping = YMap()
        pairs = node.value
        for key_node, _ in pairs:
            if key_node.tag == _MERGE_TAG:
                pairs = _merged_pairs(node)
                break
        for key_node, value_node in pairs:
            if type(key_node) is _SCALAR_NODE:
                key = sys.intern(key_node.value)  # see from_events
                if key_node.tag in _IMPLICIT_SURPRISES and not key_node.style:
                    self.problems.append(YamlProblem(
                        "implicit-type",
                        f"key {key!r} is read by YAML 1.1 as "
                        f"{_IMPLICIT_SURPRISES[key_node.tag]}",
                        Span.of(key_node),
                        {"written": key, "became": _IMPLICIT_SURPRISES[key_node.tag]}))
            else:
                key = str(self.build(key_node, depth))
            key_start, key_end = key_node.start_mark, key_node.end_mark
            key_span = (key_start.line, key_start.column, key_end.line, key_end.column)
            duplicate = key in mapping
            if duplicate:
                first = _slot_of(mapping, key)
                self.problems.append(YamlProblem(
                    "duplicate-key",
                    f"key {key!r} appears twice in this mapping; YAML keeps only the last one",
                    _span(*key_span),
                    {"key": key, "first": _span(*positions[first * _WIDTH:(first + 1) * _WIDTH])}))
            self.nodes += 1
            if self.nodes > self.max_nodes or depth > MAX_DEPTH:
                self.nodes -= 1
                self._count(value_node, depth)
            if type(value_node) is _SCALAR_NODE and value_node.tag == _STRING_TAG:
                value = value_node.value
            else:
                value = self._child(value_node, depth, mapping, key)
            mapping[key] = value
            value_start, value_end = value_node.start_mark, value_node.end_mark
            value_span = (value_start.line, value_start.column, value_end.line, value_end.column)
            if duplicate:  # the entry keeps its place, with the last spans
                at = first * _WIDTH
                positions[at:at + 2 * _WIDTH] = key_span + value_span
            else:
                positions += key_span
                positions += value_span
        mapping._positions = _packed(positions)
        return mapping


    def from_events(self, loader: _Loader) -> Any:
        """The document's data built from libyaml's events, with no PyYAML node composed.

        Composing nodes and then building from them costs half as much again
        as this for the files Meltano projects are made of. Anything else
        raises _Fallback, and `build` reads it as ever: an alias or anchor, an
        explicit tag, a merge key, a key that is no scalar, a duplicate key, a
        scalar document, more than one document, a limit passed, a syntax error.
        Tags, values, spans, problems and counts are those `build` gives.
        """
        get = loader.get_event
        if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
            raise _Fallback
        resolvers = loader.yaml_implicit_resolvers
        tags: dict[str, str] = {}  # plain scalar -> tag, for those _Composer.resolve leaves to PyYAML
        stack: list[tuple] = []
        container: Any = None
        positions: list[int] = []
        is_map = False
        key: str | None = None  # None: a mapping's next scalar is a key
        key_span: tuple[int, ...] = ()
        depth = -1  # of `container`
        # Locals, not globals or attributes: this loop runs once per value.
        nodes, limit, max_depth = self.nodes, self.max_nodes, MAX_DEPTH
        intern, string, scalar_event = sys.intern, _STRING_TAG, _SCALAR_EVENT
        while True:
            event = get()
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    raise _Fallback
                text, implicit = event.value, event.implicit
                if not implicit[0] or (text and text[0] not in resolvers):
                    tag = string
                else:
                    tag = tags.get(text)
                    if tag is None:
                        tag = tags[text] = _Loader.resolve(self._scalar, _SCALAR_NODE, text, implicit)
                start, end = event.start_mark, event.end_mark
                span = (start.line, start.column, end.line, end.column)
                if is_map and key is None:
                    if tag != string:
                        if tag == _MERGE_TAG:
                            raise _Fallback
                        if tag in _IMPLICIT_SURPRISES and not event.style:
                            self.problems.append(YamlProblem(
                                "implicit-type",
                                f"key {text!r} is read by YAML 1.1 as {_IMPLICIT_SURPRISES[tag]}",
                                _span(*span), {"written": text, "became": _IMPLICIT_SURPRISES[tag]}))
                    if text in container:
                        raise _Fallback
                    # One str for each key however often it is written (`name` 15,000
                    # times at 5,000 plugins): 3 MB less, for a lookup in a table.
                    key, key_span = intern(text), span
                    continue
                nodes += 1
                if nodes > limit or not 0 <= depth < max_depth:  # below 0: a scalar document
                    raise _Fallback
                if tag == string:
                    value = text
                else:
                    node = yaml.ScalarNode(tag, text, start, end, event.style)
                    value = self._scalar_value(node)
                    if _retyped(node, value):
                        self._note_retyped(container, key if is_map else len(container), text)
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None or event.tag is not None or (is_map and key is None):
                    raise _Fallback
                nodes += 1
                if nodes > limit or depth >= max_depth:
                    raise _Fallback
                stack.append((container, positions, is_map, key, key_span, event.start_mark))
                is_map = kind is _MAPPING_START
                container = YMap() if is_map else YList()
                positions = [0, 0, 0, 0]  # its own span, once its end is read
                key = None
                depth += 1
                continue  # it is placed in its container once its end is read
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                value = container
                start, end = stack[-1][-1], event.end_mark
                span = (start.line, start.column, end.line, end.column)
                positions[:_WIDTH] = span
                value._positions = _packed(positions)
                container, positions, is_map, key, key_span, _ = stack.pop()
                depth -= 1
                if container is None:
                    break
            else:
                raise _Fallback  # an alias (no anchor precedes it: an error) or a second document
            # The value read (a scalar, or a collection just closed) into its container.
            if is_map:
                container[key] = value
                positions += key_span
                positions += span
                key = None
            else:
                container.append(value)
                positions += span
        if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
            raise _Fallback
        self.nodes = nodes
        return value


class _Fallback(Exception):
    """What `_Builder.from_events` leaves to `_Builder.build`."""


_SCALAR_EVENT, _MAPPING_START, _MAPPING_END = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _slot_of(mapping: YMap, key: str) -> int:
    """The slot of `key`'s span in the positions of a mapping being built."""
    for index, candidate in enumerate(mapping):
        if candidate == key:
            return 1 + 2 * index
    raise KeyError(key)  # pragma: no cover - only asked of keys it holds


def _retyped(node: yaml.Node, value: Any) -> bool:
    """Did YAML 1.1 turn this plain scalar into something other than the text written?"""
    return (isinstance(node, yaml.ScalarNode) and not node.style
            and node.tag in _IMPLICIT_SURPRISES
            and (not isinstance(value, (int, float)) or isinstance(value, bool)
                 or str(value) != node.value))


def _merged_pairs(node: yaml.MappingNode) -> Iterable[tuple[yaml.Node, yaml.Node]]:
    """Pairs of a mapping with `<<` merge keys expanded, explicit keys winning."""
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    own: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE_TAG:
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(_merged_pairs(source))
        else:
            own.append((key_node, value_node))
    if not merged:
        return own
    explicit = {k.value for k, _ in own if isinstance(k, yaml.ScalarNode)}
    seen: set[str] = set()
    result = []
    for key_node, value_node in merged:
        value = getattr(key_node, "value", None)
        if value in explicit or value in seen:
            continue
        seen.add(value)
        result.append((key_node, value_node))
    return result + own


def _expanded_size(root: yaml.Node, max_nodes: int = MAX_NODES) -> int:
    """How many values `root` becomes once every alias is expanded.

    Memoised per node, so it costs one visit per distinct node however
    large the expansion is.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 0) for c in children)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
        if len(sizes) > max_nodes or len(stack) > max_nodes:
            return max_nodes + 1
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class YamlDocument(Struct):
    """The data of one YAML file (None when it is empty or unreadable)."""

    data: Any
    problems: list[YamlProblem]
    nodes: int = 0  # values built, aliases expanded: what the data costs in memory
    retyped: int = 0  # plain scalars YAML 1.1 made other than text (see YMap.retyped); most files: 0


# Deeper than this, libyaml's recursive composer can overflow the C stack and
# kill the process; we measure before composing (see `_nesting_depth`).
_SUSPICIOUS_DEPTH = 500
_DEEP_INDENT = "\n" + " " * _SUSPICIOUS_DEPTH
_COMPACT_ITEMS = re.compile(r"(?:[-?:][ \t]+){" + str(_SUSPICIOUS_DEPTH) + "}")
# Two in a row: rare in real files, and four times cheaper to look for in a 2 MB one.
_TWO_COMPACT_ITEMS = re.compile(r"[-?:][ \t]+[-?:][ \t]")
# _COMPACT_ITEMS needs that many indicators and blanks on one line; few files have a line that long.
_COMPACT_LINE = 2 * _SUSPICIOUS_DEPTH


def _may_be_deep(text: str) -> bool:
    """A cheap upper bound: can this text nest more than _SUSPICIOUS_DEPTH levels?

    Nesting needs indentation, flow brackets or compact `- - -` items; if
    none of them occurs that often, the document cannot be that deep.
    """
    return (_DEEP_INDENT in text
            or text.count("[") + text.count("{") > _SUSPICIOUS_DEPTH
            or (len(text) >= _COMPACT_LINE and max(map(len, text.split("\n"))) >= _COMPACT_LINE
                and _TWO_COMPACT_ITEMS.search(text) is not None
                and _COMPACT_ITEMS.search(text) is not None))


def _measure(text: str, max_nodes: int) -> tuple[int, int, Span]:
    """(deepest nesting, nodes, where a limit was passed), from libyaml's streaming event parser.

    Stops as soon as a limit is passed, so neither a deep nor a huge document
    is ever held in memory; an alias counts as one node here (expansion is
    measured on the composed graph, see `_expanded_size`).
    """
    depth = deepest = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
            nodes += 1
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if deepest > MAX_DEPTH or nodes > max_nodes:
            mark = event.start_mark
            return deepest, nodes, Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1)
    return deepest, nodes, Span(1, 1, 1, 1)


# YAML allows tab, line breaks and printable characters only (YAML 1.1, 5.1).
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _unreadable_character(text: str) -> YamlProblem:
    """Where and what the character libyaml's reader refused is (it says neither well)."""
    found = _NOT_YAML.search(text)
    index = found.start() if found else 0
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    character = found.group() if found else ""
    if character == "\x00":
        message = ("the file holds a NUL byte (character 0): it is binary data, or text saved as "
                   "UTF-16 without a byte-order mark, not YAML")
        hint = "save the file as UTF-8 text"
    else:
        message = f"the control character U+{ord(character or chr(0)):04X} is not allowed in YAML"
        hint = (f"remove it, or write it as the escape \"\\u{ord(character or chr(0)):04x}\" "
                "inside a double-quoted string")
    return YamlProblem("syntax", message, Span(line, column, line, column), {"hint": hint})


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(filter(None, [exc.context, exc.problem]))
    detail: dict = {}
    lines = text.splitlines()
    at = lines[line - 1][column - 1:column] if 0 < line <= len(lines) else ""
    if at == "\t" or "tab character" in message:
        # libyaml only says "found character that cannot start any token".
        message = "a tab character is used for indentation here, and YAML forbids tabs for indentation"
        detail["hint"] = "indent with spaces instead of tabs"
    return YamlProblem("syntax", message, Span(line, column, line, column), detail)


def parse(text: str, max_nodes: int = MAX_NODES) -> YamlDocument:
    """Parse one YAML document; never raises for bad input.

    `max_nodes` caps the values the document may hold once aliases are
    expanded (a project's files share one budget, see loader.py).
    """
    # A node needs at least one character (`{a,b}` is four nodes), so only a
    # text that long can hold too many; measure those before composing.
    if _may_be_deep(text) or len(text) >= max_nodes // 2:
        try:
            depth, nodes, where = _measure(text, max_nodes)
        except yaml.YAMLError:
            depth = nodes = 0  # the composer below reports the syntax error with its position
        if depth > MAX_DEPTH:
            return YamlDocument(None, [YamlProblem(
                "too-deep", f"nesting is deeper than {MAX_DEPTH} levels; refusing to read it", where)])
        if nodes > max_nodes:
            return YamlDocument(None, [YamlProblem(
                "too-many-nodes", f"the document holds more than {max_nodes:,} values; "
                "refusing to read it", where)])
    # An anchor sends the document to the node builder (from_events), so `&` in a URL costs nothing.
    if _Composer is not _Loader:
        builder = _Builder(max_nodes)
        loader = _Loader(text)
        try:
            data = builder.from_events(loader)
        except (_Fallback, yaml.YAMLError):
            pass
        else:
            return YamlDocument(data, builder.problems, builder.nodes, builder.retyped)
        finally:
            loader.dispose()
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return YamlDocument(None, [_syntax_problem(exc, text)])
    except yaml.reader.ReaderError:
        return YamlDocument(None, [_unreadable_character(text)])
    except yaml.YAMLError as exc:
        return YamlDocument(None, [YamlProblem("syntax", str(exc).splitlines()[0], Span(1, 1, 1, 1))])
    except RecursionError:
        return YamlDocument(None, [YamlProblem(
            "too-deep", "nesting is too deep to read", Span(1, 1, 1, 1))])
    finally:
        loader.dispose()
    if node is None:
        return YamlDocument(None, [])
    builder = _Builder(max_nodes)
    # Only aliases make expansion explode, and an alias needs an anchor (`&`);
    # `*` alone is common (cron intervals) and would cost a walk of every node.
    if "&" in text:
        size = _expanded_size(node, max_nodes)
        if size > max_nodes:
            return YamlDocument(None, [YamlProblem(
                "too-many-nodes",
                f"aliases expand this document to {size:,} values, more than the "
                f"{max_nodes:,} allowed (an alias bomb?); refusing to read it",
                Span.of(node))])
    try:
        data = builder.build(node)
    except _TooBig as exc:
        return YamlDocument(None, [*builder.problems, exc.problem])
    except RecursionError:
        return YamlDocument(None, [YamlProblem(
            "too-deep", "nesting is too deep to read", Span.of(node))])
    return YamlDocument(data, builder.problems, builder.nodes, builder.retyped)


def plain(value: Any) -> Any:
    """Loaded data as plain lists and dicts, for comparing it with values that were never YAML."""
    if isinstance(value, YList):
        return [plain(v) for v in value]
    if isinstance(value, YMap):
        return {k: plain(v) for k, v in value.items()}
    return value


def value_at(data: Any, path: Iterable[Any]) -> Any:
    """The value at `path` inside loaded data, or None when the path does not exist."""
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def span_at(data: Any, path: Iterable[Any], *, key: bool = False) -> Span | None:
    """The span of the value at `path` (or of its key, for a mapping entry).

    Walks as deep as the data allows and returns the deepest span found, so a
    path into a missing key still lands on its parent.
    """
    # The deepest container reached and what was found in it; only the span returned is looked up.
    holder, found, at = (data, None, -1) if isinstance(data, (YMap, YList)) else (None, None, -1)
    node = data
    path = list(path)
    for index, part in enumerate(path):
        if (isinstance(node, YMap) and part in node) or (
                isinstance(node, YList) and isinstance(part, int) and 0 <= part < len(node)):
            holder, found, at = node, part, index
            node = node[part]
        else:
            break
    if holder is None:
        return getattr(data, "span", None)
    if at < 0:
        slot = 0  # the container's own span
    elif isinstance(holder, YMap):
        slot = (1 if key and at == len(path) - 1 else 2) + 2 * holder._order(found)
    else:
        slot = 1 + found
    return _span_in(holder._positions, slot)


def read_path(path: Path) -> str:
    return path.read_text(encoding="utf-8")
