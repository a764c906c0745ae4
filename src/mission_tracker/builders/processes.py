"""Whether the process that named a temporary file or folder is still running."""

from __future__ import annotations

import os


def alive(pid: str) -> bool:
    if not pid.isdigit():
        return False  # not named by this version: nothing else makes these folders
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
