"""Custom plugins that Meltano Cloud cannot install: no `pip_url`, and nothing to run instead.

Meltano installs a plugin only from its `pip_url`; without one, `meltano
install` skips it and Meltano runs the plugin's `executable` as is, found on
the PATH or relative to the project folder. In Meltano Cloud's image that
works only for the few commands the image itself holds, or for a script
committed with the project.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import PurePosixPath

from onboard_action.findings import Finding, Severity
from onboard_action.model.context import Context
from onboard_action.model.index import Plugin
from onboard_action.rules import check, rule

# Commands on the PATH of a Meltano image (python base image, plus git for
# `git+` pip URLs). dbt is not among them: it comes from a transformer's pip_url.
IMAGE_EXECUTABLES = frozenset({"python", "python3", "pip", "pip3", "meltano", "sh", "bash", "git", "env"})

CUSTOM_PLUGIN_WITHOUT_PIP_URL = rule(
    "R005", "custom-plugin-without-pip-url", Severity.WARNING,
    "custom plugin has no `pip_url`",
    """
    A custom plugin (`namespace`, no `inherit_from`) is installed from its
    `pip_url`. Without one, Meltano installs nothing and runs its `executable`
    (by default the plugin's name) as is: on a laptop that may be a command
    installed by hand, on Meltano Cloud it does not exist and every job using
    the plugin fails. Add `pip_url` with the package to install. Without it,
    only an `executable` that Meltano's image has on its PATH (`python`,
    `python3`, `pip`, `pip3`, `meltano`, `sh`, `bash`, `git`, `env`; not
    `dbt`, which a transformer installs) or a script committed in the project
    (`executable: ./scripts/extract.sh`) can run.
    """,
    bad="plugins:\n  extractors:\n    - name: tap-internal-api\n      namespace: tap_internal_api\n"
        "      executable: tap-internal-api\n",
    good="plugins:\n  extractors:\n    - name: tap-internal-api\n      namespace: tap_internal_api\n"
         "      pip_url: git+https://github.com/abc/tap-internal-api.git\n"
         "      executable: tap-internal-api\n",
)


@check(CUSTOM_PLUGIN_WITHOUT_PIP_URL)
def custom_plugins_installable(context: Context) -> Iterator[Finding]:
    for plugin in context.index.plugins:
        if not plugin.is_custom or _has_pip_url(plugin):
            continue
        executable = plugin.text("executable")
        problem = _executable_problem(context, executable or plugin.name)
        if problem is None:
            continue
        runs = (f"its executable `{executable}`" if executable
                else f"the command it runs without `executable:`, its name `{plugin.name}`,")
        yield CUSTOM_PLUGIN_WITHOUT_PIP_URL.finding(
            plugin.item.name_location(),
            f"custom {plugin.described} has no `pip_url`, so Meltano Cloud installs nothing for it, "
            f"and {runs} {problem}",
            "add `pip_url:` with the package to install (a PyPI name or `git+https://...`), or set "
            "`executable:` to a script committed in the project")


def _has_pip_url(plugin: Plugin) -> bool:
    # A pip_url of the wrong type is the schema's to report, not a missing one.
    return plugin.item.get("pip_url") not in (None, "")


def _executable_problem(context: Context, executable: str) -> str | None:
    """Why `executable` will not run on Meltano Cloud ("is not ..."), or None when it will."""
    if "/" not in executable and os.sep not in executable:
        return None if executable in IMAGE_EXECUTABLES else "is not a command of Meltano's image"
    if PurePosixPath(executable).is_absolute():
        return None if PurePosixPath(executable).name in IMAGE_EXECUTABLES else "is not in Meltano's image"
    root = context.project.root
    path = root / executable
    try:
        inside = path.resolve().is_relative_to(root) and path.is_file()
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        return "is not a file in the project"
    if context.git.is_tracked(path) is False:
        return "is not committed"
    return None
