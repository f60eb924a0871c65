"""What this ChargeDesk is: its version, Python's, Qt's, the OCPP versions it speaks.

Shared by ``chargedesk --version`` (English, fixed format) and the About box (translated
labels). Reads package metadata only, never imports Qt: ``--version`` must work on a
headless server, and the About box adds the Qt version it runs with itself.
"""

from __future__ import annotations

import platform
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# The OCPP versions the engine's server offers (console.protocol.server's default
# dialects; tests/test_version_info.py checks the two agree).
OCPP_VERSIONS = ("OCPP 1.6J",)
SUBPROTOCOL_NAMES = {"ocpp1.6": "OCPP 1.6J", "ocpp2.0.1": "OCPP 2.0.1"}
DISTRIBUTION = "chargedesk"
PYSIDE_DISTRIBUTIONS = ("PySide6-Essentials", "PySide6")


def distribution_version(name: str) -> str | None:
    """The installed version of a distribution, None when its metadata is not there."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def chargedesk_version() -> str:
    """ChargeDesk's version: the package metadata (installed, or copied into a bundle),
    else a checkout's pyproject.toml, else "unknown"."""
    found = distribution_version(DISTRIBUTION)
    if found:
        return found
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    if pyproject.is_file():
        match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text("utf-8"), re.M)
        if match:
            return match.group(1)
    return "unknown"


def pyside_version() -> str | None:
    """The PySide6 version installed (its wheels carry the Qt of the same version)."""
    for name in PYSIDE_DISTRIBUTIONS:
        found = distribution_version(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class VersionInfo:
    """The facts ``--version`` prints and the About box shows."""

    chargedesk: str
    python: str
    pyside: str | None
    qt: str | None
    ocpp: tuple[str, ...]
    database: str
    log_folder: str

    def lines(self) -> list[str]:
        """The English, fixed-format lines of ``chargedesk --version``."""
        qt = f"Qt {self.qt or 'not installed'}, PySide6 {self.pyside or 'not installed'}"
        return [
            f"ChargeDesk {self.chargedesk}",
            f"Python {self.python}",
            qt,
            f"OCPP versions spoken: {', '.join(self.ocpp)}",
            f"Database: {self.database}",
            f"Log folder: {self.log_folder}",
        ]


def version_info(database: str, log_folder: Path | str, qt: str | None = None) -> VersionInfo:
    """Collect the facts; ``qt`` is the running Qt's version when the caller has Qt."""
    pyside = pyside_version()
    return VersionInfo(
        chargedesk=chargedesk_version(),
        python=f"{platform.python_version()} ({platform.python_implementation()}, {sys.platform})",
        pyside=pyside,
        # PySide6's wheels and bundles carry the Qt of their own version.
        qt=qt or pyside,
        ocpp=OCPP_VERSIONS,
        database=database,
        log_folder=str(log_folder),
    )
