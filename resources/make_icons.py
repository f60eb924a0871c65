"""Render the application icon (resources/icons/chargedesk.svg) to PNG, .ico and .icns.

    python resources/make_icons.py [OUTPUT_FOLDER]     (default: build/icons)

Writes ``chargedesk-<size>.png`` for every size in SIZES, ``chargedesk.ico`` (16..256,
several sizes in one file, for Windows) and ``chargedesk.icns`` (for macOS). Each size is
rendered from the SVG itself with QtSvg, not scaled down from a big bitmap, so the small
sizes stay sharp. Needs PySide6 and Pillow (a test dependency). The generated images are
build products and are not committed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "icons" / "chargedesk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # the .ico format stops at 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512)  # the sizes Pillow's ICNS writer uses


def render_png(svg: Path, size: int, target: Path) -> None:
    """Render ``svg`` to a square PNG of ``size`` pixels with a transparent background."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"make_icons: cannot write {target}")


def make_icons(output: Path, svg: Path = SVG) -> list[Path]:
    """Write the PNG sizes, the .ico and the .icns into ``output``; return their paths."""
    # QImage and QPainter need a GUI application object, but no screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    output.mkdir(parents=True, exist_ok=True)
    pngs: dict[int, Path] = {}
    for size in SIZES:
        pngs[size] = output / f"chargedesk-{size}.png"
        render_png(svg, size, pngs[size])

    from PIL import Image

    images = {size: Image.open(path).convert("RGBA") for size, path in pngs.items()}
    ico = output / "chargedesk.ico"
    # Every size comes from its own rendering (append_images), none is scaled by Pillow.
    images[256].save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    icns = output / "chargedesk.icns"
    images[512].save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES if s != 512])
    return [*pngs.values(), ico, icns]


def main(argv: list[str] | None = None) -> int:
    """Command line: render into the given folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=Path("build/icons"))
    args = parser.parse_args(argv)
    for path in make_icons(args.output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
