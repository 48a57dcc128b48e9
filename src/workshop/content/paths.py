"""Every file a workshop names is a regular file inside its folder, once links are resolved.

workshop.yaml, the card files and the logo are checked alike: a link that leads out of the
folder (to /etc/passwd, to another user's files) is refused before the file is opened, so
its lines never show up in a message; so is a device or a pipe, which would never end.
"""

from __future__ import annotations

import stat
from pathlib import Path


def outside_problem(root: Path, path: Path, shown: str) -> str | None:
    """Why `path` (named `shown` in messages) cannot be read as a file of the workshop in
    `root`, or None when it can. OSError and RuntimeError (a link loop) pass to the caller."""
    if not path.resolve().is_relative_to(root.resolve()):
        return f"'{shown}' leads outside the workshop folder (through a link); copy the file inside it"
    if not path.exists():
        return None  # the caller says it is missing, in its own words
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        return f"'{shown}' is a folder; name a file inside it"
    if not stat.S_ISREG(mode):
        return f"'{shown}' is not a regular file (a device or a pipe); name a file"
    return None
