"""`python -m onboard_action` and the `meltano-onboard` command: the CLI, in a process of its own."""

import gc

# Importing the package makes tens of thousands of objects that live to the end and no garbage,
# so a collection during the imports only walks what every run keeps. Off from here to the end,
# as engine.collector_paused keeps it during a command, which ends the process (engine.leave).
gc.disable()

from onboard_action.cli import main  # noqa: E402  # after the collector is off
from onboard_action.engine import leave  # noqa: E402


def run() -> None:
    """The `meltano-onboard` command: `main`, then the process ends."""
    leave(main())


if __name__ == "__main__":
    run()
