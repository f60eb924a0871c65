"""The one import rule of DESIGN.md: ui -> services -> (protocol | storage) -> core."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "console"
QT_MODULES = ("PySide6", "pyqtgraph", "qasync", "shiboken6")

# Which of our packages each layer may import.
ALLOWED = {
    "core": {"core"},
    "protocol": {"core", "protocol"},
    "storage": {"core", "storage"},
    "services": {"core", "protocol", "storage", "services"},
    "simulator": {"core", "simulator"},
    "ui": {"core", "services", "ui"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[tuple[str, Path]]:
    return [
        (path.relative_to(PACKAGE).parts[0], path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if len(path.relative_to(PACKAGE).parts) > 1
    ]


@pytest.mark.parametrize(("layer", "path"), _modules(), ids=lambda v: str(v))
def test_layer_imports_point_downwards(layer: str, path: Path) -> None:
    allowed = ALLOWED.get(layer)
    if allowed is None:
        pytest.skip(f"{layer} is not a layer")
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] == "console" and len(parts) > 1:
            assert parts[1] in allowed, f"{path.name} ({layer}) imports {name}"
        if layer != "ui":
            assert parts[0] not in QT_MODULES, f"{path.name} ({layer}) imports {name}"


def test_headless_stack_loads_no_qt() -> None:
    code = (
        "import sys\n"
        "import console.cli, console.app, console.services.engine, console.services.admin\n"
        "import console.simulator.cli\n"
        "console.cli.build_parser()\n"
        f"loaded = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
