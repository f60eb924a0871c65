"""Where the console's resources (icon, sound, desktop files, translations) live.

The repository keeps them in a top-level ``resources/`` folder. They reach the program
by one of three routes, tried in this order:

1. a PyInstaller bundle: ``sys._MEIPASS/resources`` (the spec copies the folder there);
2. an installed wheel (``pip install .``): ``console/_resources`` inside the package,
   copied there at build time by ``setup.py``'s ``build_py`` hook;
3. a checkout or an editable install: ``resources/`` beside the ``console`` package,
   recognised by the ``pyproject.toml`` next to it (so a stray ``site-packages/resources``
   of some other distribution is never taken for ours).

No Qt here: the command line and ``serve`` use this module too.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_roots() -> list[Path]:
    """Return the existing resource folders, the most specific first."""
    candidates: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")
    checkout = _PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file():
        candidates.append(checkout / "resources")
    return [path for path in candidates if path.is_dir()]


def resource_path(*parts: str) -> Path:
    """Return the path of a resource, e.g. ``resource_path("icons", "chargedesk.svg")``.

    The first resource folder that holds the file wins. When none does, the path under
    the first existing folder is returned (or under the checkout's ``resources/``), so the
    caller's ``exists()`` check and its error message name a sensible place.
    """
    roots = resource_roots()
    for root in roots:
        path = root.joinpath(*parts)
        if path.exists():
            return path
    fallback = roots[0] if roots else _PACKAGE_DIR.parent / "resources"
    return fallback.joinpath(*parts)
