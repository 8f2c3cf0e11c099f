"""Installs that reproduce: a `pip_url` that pins what it installs, and agrees with its lock file.

Meltano Cloud installs every plugin afresh for each deployment. A `pip_url`
that pins nothing installs whatever was released last, so a project that
passed yesterday can fail today without a commit (issue 21).
"""

from __future__ import annotations

from collections.abc import Iterator

from onboard_action.findings import Finding, Location, Severity
from onboard_action.model.context import Context
from onboard_action.model.index import Plugin
from onboard_action.rules import check, rule
from onboard_action.rules.jobs import scheduled_plugins
from onboard_action.values.pip_url import Package, packages, reading

_TAP = "plugins:\n  extractors:\n    - name: tap-github\n      variant: meltanolabs\n"
_WHY = """
    Meltano installs a plugin with `pip install <pip_url>` in every new
    environment, and Meltano Cloud makes one for each deployment. A package
    name without a version (`meltanolabs-tap-github`) takes the newest
    release, and a `git+` URL without `@<tag or commit>` the newest commit, so
    the same commit of the project installs different code over time. Pin it:
    `name==1.2.3` (or `~=1.2`), or `git+https://...@v1.2.3`.
"""

UNPINNED = rule(
    "P705", "pip-url-unpinned", Severity.NOTICE,
    "plugin installs whatever version is newest",
    _WHY + "This plugin is not run by a schedule, hence a notice.",
    bad=_TAP + "      pip_url: meltanolabs-tap-github\n",
    good=_TAP + "      pip_url: meltanolabs-tap-github==1.14.0\n",
)
SCHEDULED_UNPINNED = rule(
    "P706", "scheduled-pip-url-unpinned", Severity.WARNING,
    "scheduled plugin installs whatever version is newest",
    _WHY + "A schedule runs this plugin, so an unpinned release can break a scheduled run.",
    bad=_TAP + "      pip_url: meltanolabs-tap-github\n",
    good=_TAP + "      pip_url: meltanolabs-tap-github==1.14.0\n",
)
DIFFERS_FROM_LOCK = rule(
    "P707", "pip-url-differs-from-lock", Severity.WARNING,
    "pip_url installs another package than the lock file's",
    """
    A `pip_url` in meltano.yml overrides the lock file's: Meltano installs
    what meltano.yml names. The lock file still supplies the plugin's
    settings and commands, which then describe another package. Pinning the
    lock file's own package in meltano.yml is fine; naming a different one
    (a fork, another connector) is a custom plugin in disguise. Install the
    lock file's package (pinned), or make the plugin custom with its own
    `namespace` and `settings:`.
    """,
    bad=_TAP + "      pip_url: git+https://github.com/someone/tap-github-fork.git@v1.0.0\n",
    good=_TAP + "      pip_url: meltanolabs-tap-github==1.14.0\n",
)


@check(UNPINNED, SCHEDULED_UNPINNED, DIFFERS_FROM_LOCK)
def pip_urls(context: Context) -> Iterator[Finding]:
    if not context.project.loaded:
        return
    index = context.index
    scheduled = {id(p.item.data) for p in scheduled_plugins(context)}
    for plugin in index.plugins:
        if plugin.inherit_from and index.parent(plugin) is not None and plugin.text("pip_url") is None:
            continue  # installs its parent's pip_url: reported on the parent
        source = index.hub_source(plugin)
        lock = source.lock if source is not None and source.plugin.item is plugin.item else None
        lock_url = lock.data.get("pip_url") if lock is not None and lock.data else None
        lock_url = lock_url if isinstance(lock_url, str) else None
        own = plugin.text("pip_url")
        written = own or lock_url
        read = reading(written) if written else None
        if read is None:
            continue
        installed, loose = read
        if own and lock_url and own != lock_url and (locked := reading(lock_url)) \
                and installed != locked[0]:
            example = packages(lock_url)[0].pinned_example
            yield DIFFERS_FROM_LOCK.finding(
                plugin.item.location("pip_url"),
                f"{plugin.described} installs `{own}`, while its lock file {_lock_name(lock.path)} "
                f"describes `{lock_url}`; Meltano installs meltano.yml's and takes the settings from "
                "the lock file", f"install the lock file's package, pinned (`{example}`), "
                                 "or make the plugin custom (`namespace`, `settings:`)",
                related=[Location(lock.path)])
            continue
        if loose:
            yield _unpinned(plugin, list(loose), own is not None, id(plugin.item.data) in scheduled, lock)


def _unpinned(plugin: Plugin, loose: list[Package], in_project: bool, scheduled: bool, lock) -> Finding:
    rule_ = SCHEDULED_UNPINNED if scheduled else UNPINNED
    names = ", ".join(f"`{p.written}`" for p in loose)
    whence = "" if in_project else f" (from its lock file {_lock_name(lock.path)})"
    examples = " ".join(p.pinned_example for p in loose)
    location = plugin.item.location("pip_url") if in_project else plugin.item.name_location()
    return rule_.finding(
        location,
        f"{plugin.described}{' runs on a schedule and' if scheduled else ''} installs {names}"
        f"{whence}, which pins no version: {loose[0].why}",
        f"pin it{'' if in_project else ' with a `pip_url:` in its entry'}: `pip_url: {examples}` "
        "with the version you tested")


def _lock_name(path) -> str:
    return f"plugins/{path.parent.name}/{path.name}"
