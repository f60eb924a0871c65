"""Before Qt starts on a bare Linux desktop: are the X11 (xcb) libraries Qt needs there?

Qt's xcb platform plugin needs a few system libraries a fresh Ubuntu or Debian desktop
often lacks (libxcb-cursor0 above all, since Qt 6.5). Without them Qt prints one line the
user will not understand ("Could not load the Qt platform plugin xcb") and aborts. This
check runs first and says which packages to install, with the apt command.

Pure Python (ctypes), no Qt import: it runs before the QApplication is made, which is
when Qt loads its xcb platform plugin. Offscreen, Wayland and the other platforms are
not checked.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

EXIT_MISSING_LIBRARIES = 3

# soname -> the Debian/Ubuntu package that ships it (what Qt's xcb plugin links to and a
# bare desktop may lack; libxcb.so.1 and libX11 come with any X11 session).
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

LibraryFinder = Callable[[str], bool]


def _bundled_library_dirs() -> list[Path]:
    """Folders where a bundle or the PySide6 wheel may carry its own copies."""
    folders: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders += [Path(bundle), Path(bundle) / "PySide6" / "Qt" / "lib"]
    spec = importlib.util.find_spec("PySide6")  # locates the package without importing Qt
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "Qt" / "lib")
    return folders


def library_loads(soname: str) -> bool:
    """Whether ``soname`` loads from the system, or ships beside Qt (as the plugin finds it)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return any((folder / soname).is_file() for folder in _bundled_library_dirs())
    return True


def platform_is_xcb(
    argv: Sequence[str], environ: Mapping[str, str], platform: str = sys.platform
) -> bool:
    """Whether Qt will try the xcb platform first for this process.

    ``-platform NAME`` on the command line wins over ``QT_QPA_PLATFORM``; unset, Qt 6
    takes Wayland in a Wayland session and xcb otherwise.
    """
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    for index, arg in enumerate(argv[:-1]):
        if arg in ("-platform", "--platform"):
            chosen = argv[index + 1]
    if chosen:
        first = chosen.split(";")[0].split(":")[0].strip()
        return first == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def missing_xcb_packages(finder: LibraryFinder = library_loads) -> list[str]:
    """The packages whose libraries the xcb plugin needs and ``finder`` does not find."""
    return [package for soname, package in XCB_LIBRARIES.items() if not finder(soname)]


def missing_libraries_text(packages: Sequence[str]) -> str:
    """One paragraph for the terminal: what is missing and the command that fixes it."""
    names = " ".join(packages)
    return (
        "chargedesk: the console cannot open its window: this Linux desktop lacks system "
        f"libraries that Qt's X11 (xcb) support needs: {', '.join(packages)}. Install them "
        f"(Debian, Ubuntu) with:\n\n    sudo apt install {names}\n\n"
        "and start ChargeDesk again. The headless service (chargedesk serve) does not "
        "need them."
    )


def check_xcb_libraries(
    argv: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    finder: LibraryFinder = library_loads,
    platform: str = sys.platform,
) -> None:
    """Exit with EXIT_MISSING_LIBRARIES and a clear paragraph when xcb cannot start."""
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    if not platform_is_xcb(argv, environ, platform):
        return
    missing = missing_xcb_packages(finder)
    if missing:
        print(missing_libraries_text(missing), file=sys.stderr)
        raise SystemExit(EXIT_MISSING_LIBRARIES)
