"""The Linux menu entry (.desktop) and AppStream metainfo: their key fields, and the
freedesktop validators where they are installed."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parents[2] / "resources" / "linux"
APP_ID = "org.chargedesk.ChargeDesk"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_fields() -> None:
    """The entry starts the chargedesk command with our icon, in English and German."""
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "ChargeDesk"
    assert entry["Exec"] == "chargedesk"
    assert entry["Icon"] in (APP_ID, "chargedesk")
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    assert entry["Name[de]"] and entry["Comment[de]"] and entry["GenericName[de]"]


def test_metainfo_fields() -> None:
    """AppStream: id, names, launchable, binary, licences, a 1.x release, content rating."""
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == "ChargeDesk"
    summaries = {s.get(XML_LANG): s.text for s in root.findall("summary")}
    assert summaries.get(None) and summaries.get("de")
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license")
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") == "chargedesk"
    assert root.find("content_rating") is not None
    versions = [r.get("version", "") for r in root.findall("releases/release")]
    assert versions and versions[0].startswith("1.")
    assert root.find("description/p") is not None


def _run_validator(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (apt-get install desktop-file-utils appstream)")
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_desktop_file_validates() -> None:
    """desktop-file-validate finds no error (and no warning)."""
    result = _run_validator("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout and "warning" not in result.stdout, result.stdout


def test_metainfo_validates() -> None:
    """appstreamcli validates the metainfo offline (infos allowed, no warning or error)."""
    result = _run_validator("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith(("W:", "E:"))], result.stdout
