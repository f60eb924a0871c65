"""The application icon: the SVG the window, dialogs and tray use, and the image files
make_icons.py renders from it for the bundles and the menu entry."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from console.assets import resource_path
from console.ui.console_app import application_icon, create_application

REPO = Path(__file__).resolve().parents[2]


def _opaque_share(image: QImage) -> float:
    pixels = [
        image.pixelColor(x, y).alpha() for x in range(image.width()) for y in range(image.height())
    ]
    return sum(1 for alpha in pixels if alpha > 200) / len(pixels)


def test_application_icon_renders_at_small_sizes(qapp: object) -> None:
    """The SVG icon draws at 16 and 32 px (mostly the opaque tile)."""
    assert resource_path("icons", "chargedesk.svg").is_file()
    icon = application_icon()
    assert not icon.isNull()
    for size in (16, 32):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        assert _opaque_share(image) > 0.7


def test_the_application_carries_the_icon(qapp: object) -> None:
    """create_application sets it: every window, dialog and the tray inherit it."""
    app = create_application()
    assert not app.windowIcon().isNull()
    assert app.desktopFileName() == "org.chargedesk.ChargeDesk"


def test_make_icons_writes_pngs_ico_and_icns(qapp: object, tmp_path: Path) -> None:
    """PNG 16…512, a multi-size .ico and an .icns, each size rendered from the SVG."""
    image = pytest.importorskip("PIL.Image")
    script = runpy.run_path(str(REPO / "resources" / "make_icons.py"))
    written = script["make_icons"](tmp_path)
    names = {path.name for path in written}
    assert {"chargedesk-16.png", "chargedesk-256.png", "chargedesk-512.png"} <= names
    with image.open(tmp_path / "chargedesk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with image.open(tmp_path / "chargedesk.icns") as icns:
        assert icns.format == "ICNS"
    with image.open(tmp_path / "chargedesk-16.png") as small:
        assert small.size == (16, 16) and small.mode == "RGBA"
