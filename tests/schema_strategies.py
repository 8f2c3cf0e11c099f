"""Hypothesis strategies for project files the meltano.yml schema has opinions about."""

from __future__ import annotations

from hypothesis import strategies as st

# Entries drawn from the keys and values the meltano.yml schema cares about, with
# many alike, so that the memo is used and every kind of mistake turns up.
text = st.sampled_from(["", "tap-x", "a:b", "password", "string", "uv", "virtualenv", "x" * 3])
scalar = st.one_of(text, st.integers(-2, 2), st.booleans(), st.none(), st.just(1.0))
value = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["name", "args", "kind", "x"]), inner, max_size=3)),
    max_leaves=6)
setting = st.fixed_dictionaries({"name": text}, optional={"kind": text, "sensitive": scalar})
plugin = st.fixed_dictionaries({}, optional={"name": text, "settings": st.lists(setting, max_size=4)}) | \
    st.dictionaries(
        st.sampled_from(["name", "variant", "pip_url", "namespace", "config", "settings",
                         "commands", "capabilities", "mappings", "hidden", "unknown"]),
        st.one_of(value, st.lists(setting, max_size=3)), max_size=5)
job = st.fixed_dictionaries({"name": text}, optional={"tasks": value})
environment = st.fixed_dictionaries({"name": text}, optional={
    "config": st.fixed_dictionaries({"plugins": st.fixed_dictionaries(
        {"extractors": st.lists(plugin, max_size=3)})}), "env": value})
project_file = st.fixed_dictionaries({}, optional={
    "plugins": st.dictionaries(st.sampled_from(["extractors", "loaders", "mappers", "taps"]),
                               st.lists(plugin, max_size=6), max_size=2),
    "jobs": st.lists(job, max_size=5),
    "environments": st.lists(environment, max_size=3),
    "include_paths": st.lists(text, max_size=3),
    "version": scalar,
})
