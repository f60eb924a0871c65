"""Lint, format and type checks run with the tests, so CI fails on them too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["console", "tests", "benchmarks"]


def _tool(name: str) -> list[str]:
    beside_python = Path(sys.executable).parent / name
    if beside_python.exists():
        return [str(beside_python)]
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return [found]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_lint() -> None:
    _run([*_tool("ruff"), "check", *TARGETS])


def test_ruff_format() -> None:
    _run([*_tool("ruff"), "format", "--check", *TARGETS])


def test_mypy() -> None:
    _run([*_tool("mypy")])
