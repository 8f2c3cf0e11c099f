#!/usr/bin/env python3
"""Entry point of the container action: a thin shim into the package."""

import gc
import sys
from pathlib import Path

# No collection during the imports or the run: see onboard_action/__main__.py.
gc.disable()

# In the image the package sits beside this file; elsewhere it is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from onboard_action.action.main import main  # noqa: E402  # after the collector is off
from onboard_action.engine import leave  # noqa: E402

if __name__ == "__main__":
    leave(main())
