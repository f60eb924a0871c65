"""The simulator is a standalone charge point: it needs none of the console's layers."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = (
    "PySide6",
    "qasync",
    "sqlalchemy",
    "console.ui",
    "console.services",
    "console.storage",
    "console.protocol",
)


def test_simulator_imports_no_console_layer() -> None:
    code = (
        "import sys, console.simulator, console.simulator.cli\n"
        f"bad = sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r}))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
