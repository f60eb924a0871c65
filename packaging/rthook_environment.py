"""PyInstaller runtime hook: programs the bundle starts see the system's library path.

On Linux the bootloader puts the bundle's ``_internal`` folder on ``LD_LIBRARY_PATH``;
a system program the console starts (a sound player for the alarm, ``pg_dump``, a PDF
viewer) would inherit it and load the bundle's libraries instead of its own. The dynamic
loader of this process read the variable when it started, so restoring it here changes
only what child processes see. The bundle started as a child (``--engine process``)
sets it again for itself.
"""

from __future__ import annotations

import os
import sys

if sys.platform.startswith("linux"):
    _original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if _original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = _original
