"""The licence notices of ChargeDesk's run-time components, from their metadata."""

from __future__ import annotations

import pytest

from console.licences import (
    _marker_excludes_us,
    _requirement_name,
    component_licences,
    licence_texts,
    normal_name,
)


def test_closure_has_the_runtime_components_and_not_the_test_extra() -> None:
    """Direct and transitive run-time dependencies are listed, the test tools are not."""
    names = {normal_name(c.name) for c in component_licences()}
    assert {"chargedesk", "pyside6-essentials", "shiboken6", "websockets", "sqlalchemy"} <= names
    assert "aiosignal" in names  # aiohttp's own dependency: the closure is transitive
    assert not {"pytest", "mypy", "ruff", "hypothesis"} & names


def test_each_component_says_its_licence() -> None:
    """A licence in a few words for every component; licence files where shipped."""
    components = {normal_name(c.name): c for c in component_licences()}
    assert all(c.licence and c.version for c in components.values())
    assert "LGPL" in components["pyside6-essentials"].licence
    assert components["websockets"].licence_files
    texts = components["websockets"].texts()
    assert texts and "Redistribution" in texts[0][1]


def test_licence_texts_document() -> None:
    """One document: a heading per component, its texts below."""
    components = [
        c for c in component_licences() if normal_name(c.name) in ("websockets", "shiboken6")
    ]
    document = licence_texts(components)
    assert "websockets " in document and "--- " in document
    # shiboken6's metadata has no file: the LGPL's and GPL's texts from resources/licences.
    assert "--- LGPL-3.0.txt ---" in document and "--- GPL-3.0.txt ---" in document
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in document


@pytest.mark.parametrize(
    ("requirement", "named"),
    [
        ("aiohttp>=3.9,<4", "aiohttp"),
        ("pillow>=10; extra == 'test'", None),
        ("tzdata; sys_platform == 'win32'", None),
        ("colorama; sys_platform != 'win32'", "colorama"),
        ("exceptiongroup; python_version < '3.11'", "exceptiongroup"),  # installed decides
    ],
)
def test_requirements_of_other_platforms_and_extras_are_left_out(
    requirement: str, named: str | None
) -> None:
    """Markers for extras and other platforms exclude; other markers leave it to install."""
    assert _requirement_name(requirement) == named
    assert not _marker_excludes_us("sys_platform == 'linux' or sys_platform == 'win32'")
