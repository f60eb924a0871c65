"""Build hook: ship the repository's ``resources/`` folder inside the package.

Everything else is declared in pyproject.toml. A wheel (``pip install .``) gets a copy of
``resources/`` as ``console/_resources`` so ``console.assets.resource_path`` finds the
icon, the alarm sound, the desktop files and the translations in an installed package.
An editable install and a checkout read ``resources/`` where it is, so nothing is copied
for them. The scripts that generate resources (``resources/make_*.py``) are not shipped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

_RESOURCES = Path(__file__).resolve().parent / "resources"
_SKIP = shutil.ignore_patterns("make_*.py", "__pycache__", "*.pyc")


class BuildPyWithResources(build_py):
    """``build_py`` that also copies ``resources/`` to ``console/_resources``."""

    def run(self) -> None:
        """Build the packages, then add the resource folder to the build tree."""
        super().run()
        # Editable installs find the checkout's resources/ directly (console.assets).
        if getattr(self, "editable_mode", False) or not _RESOURCES.is_dir():
            return
        target = Path(self.build_lib) / "console" / "_resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(_RESOURCES, target, ignore=_SKIP)


setup(cmdclass={"build_py": BuildPyWithResources})
