#!/usr/bin/env python3
"""Entry point of the container action: a thin shim into the package."""

import sys
from pathlib import Path

# In the image the package sits beside this file; elsewhere it is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from onboard_action.action.main import main
from onboard_action.engine import leave

if __name__ == "__main__":
    leave(main())
