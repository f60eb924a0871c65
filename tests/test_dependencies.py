"""Every package the product imports is one of its declared dependencies.

The README's first command installs ChargeDesk without the test extra; a module that
only the tests happen to install would break it on a fresh machine.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Modules that a declared package installs under another distribution's name.
PROVIDED_BY = {"shiboken6": "pyside6-essentials"}


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = (re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0] for spec in project["dependencies"])
    return {_normal(name) for name in names}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_top_levels() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in (ROOT / "console").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def test_the_product_imports_only_declared_packages() -> None:
    declared = _declared()
    distributions = packages_distributions()
    undeclared = []
    for module, path in sorted(_imported_top_levels().items()):
        if module in sys.stdlib_module_names or module in ("console", "__future__"):
            continue
        owners = {_normal(dist) for dist in distributions.get(module, [module])}
        owners.add(PROVIDED_BY.get(module, ""))
        if owners.isdisjoint(declared):
            undeclared.append(f"{module} ({path.relative_to(ROOT)})")
    assert undeclared == []
