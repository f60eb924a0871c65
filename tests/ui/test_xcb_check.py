"""A bare Linux desktop without Qt's xcb libraries gets one clear paragraph and exit 3."""

from __future__ import annotations

import pytest

from console.ui.xcb_check import (
    EXIT_MISSING_LIBRARIES,
    check_xcb_libraries,
    missing_xcb_packages,
    platform_is_xcb,
)

MISSING = {"libxcb-cursor.so.0", "libxcb-keysyms.so.1"}


def fake_finder(soname: str) -> bool:
    """A machine that lacks libxcb-cursor0 and libxcb-keysyms1."""
    return soname not in MISSING


def test_missing_libraries_named_with_the_apt_command(capsys: pytest.CaptureFixture[str]) -> None:
    """X11 session, libraries missing: the packages and the command, exit 3."""
    with pytest.raises(SystemExit) as stopped:
        check_xcb_libraries(["chargedesk"], {"DISPLAY": ":0"}, fake_finder, "linux")
    assert stopped.value.code == EXIT_MISSING_LIBRARIES == 3
    err = capsys.readouterr().err
    assert "sudo apt install libxcb-cursor0 libxcb-keysyms1" in err
    assert "libxcb-icccm4" not in err  # present: not asked for


def test_nothing_said_when_everything_is_there(capsys: pytest.CaptureFixture[str]) -> None:
    """All libraries found: silent, Qt starts."""
    check_xcb_libraries(["chargedesk"], {"DISPLAY": ":0"}, lambda _name: True, "linux")
    assert capsys.readouterr().err == ""
    assert missing_xcb_packages(lambda _name: True) == []


@pytest.mark.parametrize(
    ("argv", "environ", "platform", "xcb"),
    [
        (["cd"], {"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        (["cd"], {"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        (["cd"], {"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        (["cd"], {"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        (["cd"], {"DISPLAY": ":0"}, "linux", True),
        (["cd", "-platform", "offscreen"], {}, "linux", False),
        (["cd", "-platform", "xcb"], {"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        (["cd"], {}, "win32", False),
        (["cd"], {}, "darwin", False),
    ],
)
def test_only_the_xcb_platform_is_checked(
    argv: list[str], environ: dict[str, str], platform: str, xcb: bool
) -> None:
    """Offscreen, Wayland, Windows and macOS are left alone."""
    assert platform_is_xcb(argv, environ, platform) is xcb


def test_offscreen_is_unaffected_even_with_libraries_missing() -> None:
    """The tests' own platform: no check, no exit."""
    check_xcb_libraries(["cd"], {"QT_QPA_PLATFORM": "offscreen"}, fake_finder, "linux")
