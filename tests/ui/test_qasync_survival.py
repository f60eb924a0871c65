"""The process survives websocket load under qasync (DESIGN.md: the PySide6 6.12 abort)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("qasync_load_script.py")


def test_websocket_load_under_qasync_does_not_abort() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "6"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    frames = int(result.stdout.split()[1])
    assert frames > 1000, result.stdout
