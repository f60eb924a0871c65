"""The one import rule of DESIGN.md: ui -> services -> (protocol | storage) -> core.

The command line (``console/cli*.py``) and the HTTP API (``console/api``) sit beside ui:
they use services and core only, so every change they make goes through a service
operation (its permission check, transaction, audit entry and event). Imports inside
functions count too: the whole syntax tree is walked.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "console"
QT_MODULES = ("PySide6", "pyqtgraph", "qasync", "shiboken6")
CLI = "cli*"  # stands for every command-line module (cli.py, cli_*.py)

# Which of our packages each layer may import.
ALLOWED = {
    "core": {"core"},
    "protocol": {"core", "protocol"},
    "storage": {"core", "storage"},
    "services": {"core", "protocol", "storage", "services"},
    "simulator": {"core", "simulator"},
    "ui": {"core", "services", "ui", "assets", "log_files", "licences", "version_info"},
    "api": {"core", "services", "api"},
}
# The modules at the top of the package, by name; None: a composition root, which builds
# the object graph and may import any of our packages (but not Qt).
TOP_LEVEL: dict[str, set[str] | None] = {
    "cli_*": {"core", "services", CLI, "log_files", "version_info"},
    # The composition roots to serve and to start the demo, ui to open the window, and
    # the simulator for ``chargedesk simulate`` (a tool of its own, on core only).
    "cli": {"core", "services", CLI, "app", "demo", "ui", "simulator", "log_files", "version_info"},
    "screenshots": {"core", "services", "ui", "demo"},
    "app": None,
    "demo": None,
    # Leaves every program needs (files of resources/, log files, version and licences):
    # they import nothing of ours but each other.
    "assets": set(),
    "log_files": set(),
    "version_info": set(),
    "licences": {"assets"},
}
MAY_IMPORT_QT = {"ui", "screenshots"}


def _module_parts(path: Path) -> list[str]:
    parts = ["console", *path.relative_to(PACKAGE).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth, relative imports made absolute."""
    return _imports_in(path.read_text(), path)


def _imports_in(source: str, path: Path) -> set[str]:
    """Every module ``source`` imports, read as the text of the module at ``path``."""
    tree = ast.parse(source, str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _module_parts(path)
                if path.name != "__init__.py":
                    package = package[:-1]
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            if module == "console":  # ``from console import cli_x``: the module is cli_x
                names.update(f"console.{alias.name}" for alias in node.names)
    return names


def _layer(path: Path) -> str:
    """The layer of a module: its package, or its own name for the top-level modules."""
    parts = path.relative_to(PACKAGE).parts
    if len(parts) > 1:
        return parts[0]
    return path.stem


def _modules() -> list[tuple[str, Path]]:
    return [
        (_layer(path), path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts != ("__init__.py",)
    ]


def _allowed(layer: str) -> tuple[bool, set[str] | None]:
    """(is a layer, what it may import: None for anything)."""
    if layer in ALLOWED:
        return True, ALLOWED[layer]
    if layer.startswith("cli_"):
        return True, TOP_LEVEL["cli_*"]
    if layer in TOP_LEVEL:
        return True, TOP_LEVEL[layer]
    return False, None


def _permitted(target: str, allowed: set[str]) -> bool:
    return target in allowed or (CLI in allowed and (target == "cli" or target.startswith("cli_")))


@pytest.mark.parametrize(("layer", "path"), _modules(), ids=lambda v: str(v))
def test_layer_imports_point_downwards(layer: str, path: Path) -> None:
    known, allowed = _allowed(layer)
    if not known:
        pytest.skip(f"{layer} is not a layer")
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] == "console" and len(parts) > 1 and allowed is not None:
            assert _permitted(parts[1], allowed), f"{path.name} ({layer}) imports {name}"
        if layer not in MAY_IMPORT_QT:
            assert parts[0] not in QT_MODULES, f"{path.name} ({layer}) imports {name}"


def test_the_rule_sees_imports_inside_functions_and_from_the_package() -> None:
    source = (
        "from console import cli_reports, storage\n"
        "def run():\n"
        "    from console.storage.tariffs import save_tariff\n"
        "    from .protocol import server\n"
    )
    module = PACKAGE / "cli_probe.py"  # not a file: the text above read as if it were
    names = _imports_in(source, module)
    assert {"console.cli_reports", "console.storage", "console.storage.tariffs"} <= names
    assert "console.protocol" in names  # ``from .protocol import server``
    _known, allowed = _allowed(_layer(module))
    assert allowed is not None
    refused = {
        name
        for name in names
        if name.startswith("console.") and not _permitted(name.split(".")[1], allowed)
    }
    assert refused == {"console.storage", "console.storage.tariffs", "console.protocol"}


def test_no_two_command_line_modules_import_each_other() -> None:
    """Shared helpers live in a module of their own (cli_common), not in a cycle."""
    cli = {path.stem: path for path in PACKAGE.glob("cli*.py")}
    uses = {
        name: {n.split(".")[1] for n in _imports(path) if n.startswith("console.")} - {name}
        for name, path in cli.items()
    }
    both = sorted((a, b) for a in uses for b in uses[a] if b in cli and a < b and a in uses[b])
    assert both == []


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
