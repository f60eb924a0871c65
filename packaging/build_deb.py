"""Build ``dist/chargedesk_<version>_<arch>.deb`` from the bundle ``dist/chargedesk/``.

    python3 packaging/build_deb.py [--bundle dist/chargedesk] [--icons build/icons]

No debhelper: the tree is laid out here and packed with ``dpkg-deb --root-owner-group``.

  /opt/chargedesk/                     the PyInstaller bundle
  /usr/bin/chargedesk                  a symlink to /opt/chargedesk/chargedesk
  /usr/share/applications/             org.chargedesk.ChargeDesk.desktop
  /usr/share/metainfo/                 org.chargedesk.ChargeDesk.metainfo.xml
  /usr/share/icons/hicolor/*/apps/     the PNG sizes and the SVG (scalable)
  /lib/systemd/system/                 chargedesk.service (installed, not enabled)
  /usr/share/doc/chargedesk/copyright

The maintainer scripts add the system user ``chargedesk`` (data in /var/lib/chargedesk).
Depends: the system libraries the bundle links to and does not carry (found with ldd on
every ELF file of the bundle, mapped to packages with ``dpkg -S``), plus those Qt opens
at run time (GL, EGL, the xcb helpers of the xcb platform plugin).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "org.chargedesk.ChargeDesk"
MAINTAINER = "ChargeDesk maintainers <maintainers@chargedesk.invalid>"
# Opened by Qt with dlopen, or linked by plugins whose libraries a bare system lacks:
# ldd on the bundle cannot see them all (the xcb helpers are in the bundle only when the
# build machine had them). libc6 for the bootloader, adduser for the postinst.
BASE_DEPENDS = [
    "libc6",
    "adduser",
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-randr0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "libx11-xcb1",
]
LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(\S+|not found)")

POSTINST = """#!/bin/sh
set -e
if [ "$1" = configure ]; then
    # The service's own user; `chargedesk serve` keeps its database in its home.
    if ! getent passwd chargedesk >/dev/null; then
        adduser --system --group --quiet --home /var/lib/chargedesk --no-create-home \\
            --gecos "ChargeDesk central system" chargedesk
    fi
    install -d -o chargedesk -g chargedesk -m 0700 /var/lib/chargedesk
fi
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || true
    # An upgrade stopped the service (prerm): the site that enabled it gets it back,
    # now on the new files.
    enabled=$(systemctl is-enabled chargedesk.service 2>/dev/null || true)
    if [ "$1" = configure ] && [ -n "$2" ] && [ "$enabled" = enabled ]; then
        systemctl restart chargedesk.service >/dev/null 2>&1 || true
    fi
fi
exit 0
"""
# Stopped for an upgrade too: a running serve must not load libraries from a bundle being
# replaced under it (postinst starts it again).
PRERM = """#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
    case "$1" in
        remove|upgrade|deconfigure)
            systemctl stop chargedesk.service >/dev/null 2>&1 || true ;;
    esac
    if [ "$1" = remove ]; then
        systemctl disable chargedesk.service >/dev/null 2>&1 || true
    fi
fi
exit 0
"""
# The site's database (sessions, receipts) stays in /var/lib/chargedesk even on purge:
# deleting billing records is the site's decision, not the package manager's.
POSTRM = """#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || true
fi
if [ "$1" = purge ]; then
    rm -rf /var/log/chargedesk
fi
exit 0
"""
COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ChargeDesk
Source: https://github.com/chargedesk/chargedesk

Files: *
Copyright: ChargeDesk contributors
License: {licence}

Files: opt/chargedesk/_internal/*
Copyright: the authors of each bundled component
License: various
 /opt/chargedesk/_internal holds Python, Qt (PySide6, LGPL-3.0) and the Python
 libraries ChargeDesk uses, each under its own licence. The console's About box
 (Help > About ChargeDesk) lists them with their licence texts; the metadata of each is
 in /opt/chargedesk/_internal/*.dist-info.
"""


def _project() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    licence = data.get("license", {})
    return {
        "version": data["version"],
        "description": data["description"],
        "licence": licence.get("text", "see the About box")
        if isinstance(licence, dict)
        else str(licence),
    }


def _architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(4) == b"\x7fELF"
    except OSError:
        return False


def system_libraries(bundle: Path) -> tuple[set[Path], set[str]]:
    """The libraries outside the bundle its ELF files link to, and the ones not found."""
    outside: set[Path] = set()
    missing: set[str] = set()
    internal = bundle / "_internal"
    # Each library's own folder and the bundle's top level, as the bootloader sets it up.
    for file in bundle.rglob("*"):
        if not file.is_file() or file.is_symlink() or not _is_elf(file):
            continue
        env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{file.parent}"}
        done = subprocess.run(["ldd", str(file)], capture_output=True, text=True, env=env)
        for line in done.stdout.splitlines():
            match = LDD_LINE.match(line)
            if not match:
                continue
            soname, target = match.groups()
            if target == "not found":
                if not (internal / soname).exists():
                    missing.add(soname)
            elif not Path(target).resolve().is_relative_to(bundle.resolve()):
                outside.add(Path(target))
    return outside, missing


def packages_of(libraries: set[Path]) -> set[str]:
    """The Debian packages the ``libraries`` belong to (``dpkg -S``)."""
    packages: set[str] = set()
    for library in sorted(libraries):
        for candidate in {library, library.resolve()}:
            done = subprocess.run(["dpkg", "-S", str(candidate)], capture_output=True, text=True)
            if done.returncode == 0:
                for line in done.stdout.splitlines():  # "pkg:arch, pkg2:arch: /path"
                    owners = line.rsplit(": ", 1)[0].split(",")
                    packages.update(owner.strip().split(":")[0] for owner in owners)
                break
        else:
            print(f"build_deb: no package owns {library}", file=sys.stderr)
    return packages


def _install_icons(icons: Path, root: Path) -> None:
    hicolor = root / "usr/share/icons/hicolor"
    for png in sorted(icons.glob("chargedesk-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, target)
    svg = ROOT / "resources/icons/chargedesk.svg"
    if svg.exists():
        target = hicolor / "scalable/apps" / f"{APP_ID}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(svg, target)


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    path.chmod(mode)


def lay_out(bundle: Path, icons: Path, root: Path) -> None:
    """Put every file of the package under ``root``."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / "opt/chargedesk", symlinks=True)
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin/chargedesk").symlink_to("/opt/chargedesk/chargedesk")
    linux = ROOT / "resources/linux"
    for name, folder in (
        (f"{APP_ID}.desktop", "usr/share/applications"),
        (f"{APP_ID}.metainfo.xml", "usr/share/metainfo"),
    ):
        if (linux / name).exists():
            (root / folder).mkdir(parents=True, exist_ok=True)
            shutil.copy2(linux / name, root / folder / name)
        else:
            print(f"build_deb: resources/linux/{name} is missing", file=sys.stderr)
    _install_icons(icons, root)
    unit = root / "lib/systemd/system/chargedesk.service"
    unit.parent.mkdir(parents=True)
    shutil.copy2(ROOT / "packaging/linux/chargedesk.service", unit)
    doc = root / "usr/share/doc/chargedesk"
    _write(doc / "copyright", COPYRIGHT.format(licence=_project()["licence"]))
    changelog = (
        f"chargedesk ({_project()['version']}) stable; urgency=medium\n\n  * Release.\n\n"
        f" -- {MAINTAINER}  Mon, 07 Dec 2026 00:00:00 +0000\n"
    )
    # mtime 0: the same bytes on every build.
    (doc / "changelog.gz").write_bytes(gzip.compress(changelog.encode("utf-8"), mtime=0))
    _normalise_modes(root)


def _normalise_modes(root: Path) -> None:
    """Folders 0755, the program 0755, every other file 0644 (PyInstaller marks its
    libraries and data executable; the build tree's umask must not leak either)."""
    program = root / "opt/chargedesk/chargedesk"
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or path == program else 0o644)


def write_control(root: Path, depends: list[str]) -> None:
    """DEBIAN/control and the maintainer scripts."""
    project = _project()
    installed_kib = (
        sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink()) // 1024
    )
    control = (
        "Package: chargedesk\n"
        f"Version: {project['version']}\n"
        f"Architecture: {_architecture()}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Homepage: https://github.com/chargedesk/chargedesk\n"
        f"Description: {project['description']}\n"
        " ChargeDesk is a desktop operations console and an OCPP central system for a\n"
        " small EV charging site. Run `chargedesk` for the console, or enable the\n"
        " chargedesk service for a headless central system (`systemctl enable --now\n"
        " chargedesk`).\n"
    )
    debian = root / "DEBIAN"
    _write(debian / "control", control)
    _write(debian / "postinst", POSTINST, 0o755)
    _write(debian / "prerm", PRERM, 0o755)
    _write(debian / "postrm", POSTRM, 0o755)


def main(argv: list[str] | None = None) -> int:
    """Lay out, compute the dependencies and pack the .deb."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist/chargedesk")
    parser.add_argument("--icons", type=Path, default=ROOT / "build/icons")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build/deb")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not (bundle / "chargedesk").is_file():
        raise SystemExit(f"build_deb: no bundle at {bundle}: run packaging/build_bundle.py")
    root = args.work.resolve() / "root"
    lay_out(bundle, args.icons.resolve(), root)
    outside, missing = system_libraries(bundle)
    if missing:
        print(f"build_deb: not found by ldd here: {', '.join(sorted(missing))}", file=sys.stderr)
    found = packages_of(outside)
    depends = sorted(set(BASE_DEPENDS) | found)
    print(f"build_deb: Depends: {', '.join(depends)}")
    write_control(root, depends)
    version = _project()["version"]
    target = args.out.resolve() / f"chargedesk_{version}_{_architecture()}.deb"
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"build_deb: {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
