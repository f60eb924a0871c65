"""Resources are found in a checkout, a PyInstaller bundle and a built package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from console import assets

REPO = Path(__file__).resolve().parents[1]


def test_checkout_resources_found() -> None:
    """In a checkout the repository's resources/ folder is used."""
    path = assets.resource_path("icons", "chargedesk.svg")
    assert path == REPO / "resources" / "icons" / "chargedesk.svg"
    assert path.is_file()


def test_bundle_folder_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside a PyInstaller bundle, sys._MEIPASS/resources is tried first."""
    (tmp_path / "resources" / "sounds").mkdir(parents=True)
    (tmp_path / "resources" / "sounds" / "alarm.wav").write_bytes(b"RIFF")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert assets.resource_path("sounds", "alarm.wav") == tmp_path / "resources/sounds/alarm.wav"
    # A file the bundle lacks still comes from the next folder.
    assert assets.resource_path("icons", "chargedesk.svg").is_file()


def test_missing_resource_names_a_sensible_place() -> None:
    """A missing file gives a path under a resource folder, for the caller's message."""
    path = assets.resource_path("nothing", "here.txt")
    assert not path.exists()
    assert path.parent.parent in assets.resource_roots()


def test_build_hook_copies_resources_into_package(tmp_path: Path) -> None:
    """setup.py's build_py puts resources/ into console/_resources, without the scripts."""
    pytest.importorskip("setuptools", reason="the build hook needs setuptools in this venv")
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(tmp_path)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    shipped = tmp_path / "console" / "_resources"
    assert (shipped / "icons" / "chargedesk.svg").is_file()
    assert not list(shipped.glob("make_*.py"))
