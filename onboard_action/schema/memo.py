"""Validate each distinct kind of list entry once: 5,000 plugins mostly look alike.

jsonschema spends ~100 µs on a plugin entry; a project of 5,000 plugins, jobs
and environments costs seconds that way, far more than reading it. Entries
that differ only in what the schema cannot see (the text of a name, of a
`pip_url`) are valid or invalid together, so the `items` keyword here
remembers which (subschema, shape) pairs were valid and skips them.

A shape keeps everything the schema's keywords can observe, derived from the
schema itself: keys and their order, list lengths, value types, numbers,
booleans, and of a string its length up to the longest `minLength` /
`maxLength` bound, whether each `pattern` matches, and its text when an
`enum` or `const` names it. A schema that uses a keyword outside the ones
below (`uniqueItems`, `$dynamicRef`, a remote `$ref`, an object in `enum`...)
gets no memo. Only validity is remembered: an entry that is not known to be
valid is validated as before, so errors and their order are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

# Keywords whose subschemas the walk below visits.
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas"})
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SCHEMAS = frozenset({"additionalProperties", "propertyNames", "items", "contains", "not", "if",
                      "then", "else", "unevaluatedProperties", "unevaluatedItems"})
# Keywords that look only at what a shape keeps whole: keys, lengths, types, numbers.
_STRUCTURAL = frozenset({
    "type", "required", "minProperties", "maxProperties", "minItems", "maxItems",
    "minContains", "maxContains", "dependentRequired", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
})
# Annotations: no effect on validity (`format` asserts nothing without a format checker).
_ANNOTATIONS = frozenset({
    "$schema", "$comment", "title", "description", "default", "examples", "deprecated",
    "readOnly", "writeOnly", "format", "contentMediaType", "contentEncoding", "contentSchema",
})
# Beyond this many remembered shapes (and strings), entries are validated one by one again.
MAX_REMEMBERED = 100_000

Items = Callable[[Any, Any, Any, dict], Iterator]


class _Unshapeable(Exception):
    pass


def memoizing(validator_class: Any, schema: Any) -> tuple[Any, Shapes | None]:
    """A validator of `validator_class` for `schema` that remembers valid entries, and its memo.

    Without a memo (None) when the schema uses a keyword a shape cannot stand for.
    """
    shapes = Shapes.of(schema)
    if shapes is None:
        return validator_class(schema), None
    from jsonschema import validators

    items = shapes.items_keyword(validator_class.VALIDATORS["items"])
    return validators.extend(validator_class, {"items": items})(schema), shapes


class Shapes:
    """What a schema can observe of a value, and the (subschema, shape) pairs known valid."""

    def __init__(self, length_cap: int, patterns: list[str], enum_strings: set[str]) -> None:
        self.length_cap = length_cap
        self.patterns = tuple(re.compile(p) for p in dict.fromkeys(patterns))
        self.enum_strings = frozenset(enum_strings)
        self.valid: set[tuple[int, Any]] = set()
        self._strings: dict[str, tuple] = {}
        # Keeps each subschema alive so that its id() is never reused for another.
        self._subschemas: dict[int, Any] = {}

    @classmethod
    def of(cls, schema: Any) -> Shapes | None:
        """The shapes for `schema`, or None when it uses a keyword a shape cannot stand for."""
        lengths: list[int] = []
        patterns: list[str] = []
        enum_strings: set[str] = set()
        stack = [(schema, True)]
        while stack:
            node, root = stack.pop()
            if isinstance(node, bool):
                continue
            if not isinstance(node, dict):
                return None
            for key, value in node.items():
                if key in _SCHEMA_MAPS and isinstance(value, dict):
                    stack.extend((v, False) for v in value.values())
                elif key in _SCHEMA_LISTS and isinstance(value, list):
                    stack.extend((v, False) for v in value)
                elif key in _SCHEMAS:
                    stack.append((value, False))
                elif key in ("minLength", "maxLength") and isinstance(value, int):
                    lengths.append(value)
                elif key == "pattern" and isinstance(value, str):
                    patterns.append(value)
                elif key in ("enum", "const"):
                    members = value if key == "enum" and isinstance(value, list) else [value]
                    if any(isinstance(m, (dict, list)) for m in members):
                        return None
                    enum_strings.update(m for m in members if isinstance(m, str))
                elif key == "$ref":
                    if not (isinstance(value, str) and value.startswith("#")):
                        return None  # another document: its keywords are not known here
                elif key == "$id":
                    if not root:
                        return None  # a nested resource changes what `#` refers to
                elif not (key in _STRUCTURAL or key in _ANNOTATIONS or key.startswith("x-")):
                    return None
        return cls(max(lengths, default=-1) + 1, patterns, enum_strings)

    def shape(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self._string(value)
        if isinstance(value, dict):
            return ("object", tuple(value), tuple(map(self.shape, value.values())))
        if isinstance(value, list):
            return ("array", tuple(map(self.shape, value)))
        if value is None or kind in (bool, int, float):
            return (kind.__name__, value)
        if isinstance(value, str):
            return self._string(value)
        raise _Unshapeable

    def _string(self, text: str) -> tuple:
        # Names, URLs and dates repeat across entries: each distinct text is looked at once.
        known = self._strings.get(text)
        if known is None:
            known = ("string", min(len(text), self.length_cap),
                     tuple([p.search(text) is not None for p in self.patterns]),
                     text if text in self.enum_strings else None)
            if len(self._strings) < MAX_REMEMBERED:
                self._strings[text] = known
        return known

    def items_keyword(self, original: Items) -> Items:
        """jsonschema's `items`, skipping entries of a shape already found valid here."""
        def items(validator, subschema, instance, schema):
            if (isinstance(subschema, bool) or "prefixItems" in schema
                    or not validator.is_type(instance, "array")):
                yield from original(validator, subschema, instance, schema)
                return
            self._subschemas.setdefault(id(subschema), subschema)
            for index, entry in enumerate(instance):
                try:
                    key = (id(subschema), self.shape(entry))
                except _Unshapeable:
                    key = None
                if key is not None and key in self.valid:
                    continue
                errors = list(validator.descend(instance=entry, schema=subschema, path=index))
                if not errors and key is not None and len(self.valid) < MAX_REMEMBERED:
                    self.valid.add(key)
                yield from errors
        return items
