"""Build ChargeDesk's one-folder bundle ``dist/chargedesk/`` with PyInstaller.

    python3 packaging/build_bundle.py [--venv build/bundle-venv] [--dist dist]

Steps: a build venv of its own (PyInstaller from the package registry, pinned below, and
chargedesk installed non-editable with its dependencies: the bundle holds exactly what
a user's install would), the resources staged with the translations compiled to .qm and
the icons rendered, PyInstaller on packaging/chargedesk.spec, then the bundle's size and
the time ``chargedesk --version`` takes, run with an empty environment.

Runs on Linux, Windows and macOS with the Python that runs it (3.11+, on Linux built with
``--enable-shared``, as pyenv's and the distributions' are). The build venv is reused
while pyproject.toml and the PyInstaller pin stay the same.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYINSTALLER = "pyinstaller>=6.10,<7"
# The postgresql extra too: a site's serve may keep its data on PostgreSQL.
EXTRAS = "[postgresql]"
BUILD_TOOLS = ["setuptools>=68", "wheel"]
# Not shipped: the sources of generated files and the scripts that make them.
STAGE_IGNORE = shutil.ignore_patterns("make_*.py", "*.ts", "__pycache__", "*.pyc")


def _say(text: str) -> None:
    print(f"build_bundle: {text}", flush=True)


def _venv_python(venv: Path) -> Path:
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def _run(*command: str | Path, quiet: bool = False, **options: object) -> None:
    """Run ``command``; with ``quiet`` its output is shown only when it fails."""
    done = subprocess.run(
        [str(part) for part in command], capture_output=quiet, text=True, **options
    )  # type: ignore[call-overload]
    if done.returncode != 0:
        if quiet:
            sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"build_bundle: failed ({done.returncode}): {' '.join(map(str, command))}")


def ensure_venv(venv: Path) -> Path:
    """Create or refresh the build venv; return its Python."""
    python = _venv_python(venv)
    stamp_text = (ROOT / "pyproject.toml").read_bytes() + (PYINSTALLER + EXTRAS).encode()
    stamp = hashlib.sha256(stamp_text).hexdigest()
    stamp_file = venv / "chargedesk-build.stamp"
    if not python.exists():
        _say(f"creating the build venv {venv}")
        _run(sys.executable, "-m", "venv", venv)
    if not stamp_file.exists() or stamp_file.read_text() != stamp:
        _say("installing PyInstaller and chargedesk's dependencies into the build venv")
        _run(python, "-m", "pip", "install", "-q", "--upgrade", "pip", PYINSTALLER, *BUILD_TOOLS,
             quiet=True)  # fmt: skip
        _run(python, "-m", "pip", "install", "-q", f"{ROOT}{EXTRAS}", quiet=True)
        stamp_file.write_text(stamp)
    # The project itself on every build: the bundle takes the code from the build venv.
    _run(
        python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
        "--force-reinstall", ROOT, quiet=True,
    )  # fmt: skip
    return python


def stage_resources(python: Path, stage: Path, *, translations: bool = True) -> Path:
    """Copy resources/ to ``stage`` and compile the translations into it; return it."""
    if stage.exists():
        shutil.rmtree(stage)
    source = ROOT / "resources"
    if source.is_dir():
        shutil.copytree(source, stage, ignore=STAGE_IGNORE)
    else:
        stage.mkdir(parents=True)
    if not translations:
        _say("--no-translations: the bundle has no compiled translations")
        return stage
    _say("compiling translations")
    target = stage / "translations"
    target.mkdir(exist_ok=True)
    script = ROOT / "packaging" / "translations.py"
    _run(python, script, "compile", target, cwd=ROOT, env=_qt_env())
    return stage


def _qt_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def make_icons(python: Path, out: Path) -> Path:
    """Render the icons into ``out`` with resources/make_icons.py."""
    _say("rendering icons with resources/make_icons.py")
    _run(python, ROOT / "resources" / "make_icons.py", out, cwd=ROOT, env=_qt_env())
    return out


def program_icon(icons: Path) -> Path | None:
    """The icon file PyInstaller puts on the executable (Windows .ico, macOS .icns)."""
    # Linux executables carry no icon: the .desktop entry names it.
    suffix = {"win32": ".ico", "darwin": ".icns"}.get(sys.platform)
    candidates = sorted(icons.glob(f"*{suffix}")) if suffix else []
    return candidates[0] if candidates else None


def run_pyinstaller(python: Path, dist: Path, work: Path, stage: Path, icon: Path | None) -> None:
    """Run PyInstaller on the spec."""
    env = {**os.environ, "CHARGEDESK_RESOURCES": str(stage), "CHARGEDESK_ICON": str(icon or "")}
    _run(
        python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", dist, "--workpath", work, ROOT / "packaging" / "chargedesk.spec",
        env=env, cwd=ROOT,
    )  # fmt: skip


def folder_size(folder: Path) -> int:
    """Bytes in the files under ``folder`` (symlinks not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def bare_env() -> dict[str, str]:
    """An environment with nothing of this machine's Python in it, like a user's."""
    if os.name == "nt":
        return {"SYSTEMROOT": os.environ.get("SYSTEMROOT", r"C:\Windows")}
    return {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")}


def time_version(program: Path) -> float:
    """Seconds ``chargedesk --version`` takes (run from a folder outside the checkout)."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(program), "--version"], env=bare_env(), cwd=Path.home(), capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"build_bundle: {program} --version failed ({done.returncode})")
    _say("--version says: " + " | ".join(done.stdout.strip().splitlines()[:3]))
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Build the bundle and report its size and start time."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--venv", type=Path, default=ROOT / "build" / "bundle-venv")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument(
        "--no-translations", action="store_true", help="skip compiling the .qm files"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    python = ensure_venv(args.venv.resolve())
    stage = stage_resources(
        python, ROOT / "build" / "bundle-resources", translations=not args.no_translations
    )
    icons = make_icons(python, ROOT / "build" / "icons")
    run_pyinstaller(python, args.dist.resolve(), args.work.resolve(), stage, program_icon(icons))
    bundle = args.dist.resolve() / "chargedesk"
    program = bundle / ("chargedesk.exe" if os.name == "nt" else "chargedesk")
    built = time.perf_counter() - started
    version_seconds = time_version(program)
    size_mb = folder_size(bundle) / 1e6
    _say(f"bundle {bundle}: {size_mb:.1f} MB, built in {built:.0f} s")
    _say(f"--version took {version_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
