"""Run a command and write its peak resident memory (KiB) to a file: `peak_rss.py OUT -- CMD...`.

Why a launcher: Linux keeps the high-water mark of a process's memory across
`exec`, and a child forked from the test process starts with the test
process's mark (pytest, hypothesis and the test data: easily 200 MB). Forked
from this small script instead, the command's mark is its own.
"""

import os
import subprocess
import sys

if __name__ == "__main__":
    out, separator, *command = sys.argv[1:]
    assert separator == "--"
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    with open(out, "w") as handle:
        handle.write(str(usage.ru_maxrss))
    sys.exit(child.returncode)
