"""The licence notices of the components ChargeDesk runs with (its dependency closure).

Read from the installed distributions' metadata (importlib.metadata): each component's
name, version, licence (the SPDX expression, else the licence classifiers, else a short
``License`` field) and the licence files its metadata ships. A PyInstaller bundle keeps
the metadata of what it bundles (the spec's ``copy_metadata``), so the About box shows
the same list there. No Qt here.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from collections import deque
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from console.assets import resource_path

ROOT_DISTRIBUTION = "chargedesk"
LICENCE_FILE_NAME = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT)", re.IGNORECASE)
SHORT_LICENCE_FIELD = 100  # a longer ``License`` field is the whole text, not a name
# Licence texts kept in resources/licences for components whose metadata has none;
# the LGPL's text says it supplements the GPL's, so both go with an LGPL component.
SHIPPED_LICENCE_TEXTS: dict[str, tuple[str, ...]] = {
    "LGPL-3.0": ("LGPL-3.0.txt", "GPL-3.0.txt"),
}


@dataclass(frozen=True)
class ComponentLicence:
    """One component's licence notice."""

    name: str
    version: str
    licence: str
    licence_files: tuple[str, ...]

    def texts(self) -> list[tuple[str, str]]:
        """The licence files' (name, text), read now (they can be long).

        A component whose metadata ships no file but names the LGPL 3 (Qt, PySide6,
        shiboken6) gets the LGPL's and the GPL's texts kept in resources/licences: the
        LGPL asks for both to go with the program.
        """
        found: list[tuple[str, str]] = []
        try:
            distribution = metadata.distribution(self.name)
        except metadata.PackageNotFoundError:
            distribution = None
        if distribution is not None:
            for name in self.licence_files:
                text = _read_licence_file(distribution, name)
                if text is not None:
                    found.append((name, text))
        if not found:
            for spdx, file_names in SHIPPED_LICENCE_TEXTS.items():
                paths = [resource_path("licences", name) for name in file_names]
                if spdx in self.licence:
                    found += [(p.name, p.read_text(encoding="utf-8")) for p in paths if p.is_file()]
        return found


def normal_name(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


_PLATFORM_VALUES = {
    "sys_platform": sys.platform,
    "platform_system": platform.system(),
    "os_name": os.name,
    "implementation_name": sys.implementation.name,
    "platform_python_implementation": platform.python_implementation(),
}
_CLAUSE = re.compile(r"^\(?\s*(\w+)\s*(==|!=)\s*['\"]([^'\"]*)['\"]\s*\)?$")


def _marker_excludes_us(marker: str) -> bool:
    """True when ``marker`` is a plain "and" of platform tests and one of them fails here.

    Anything more involved (or, versions) counts as not excluding: the requirement is
    then listed when it is installed.
    """
    if " or " in marker:
        return False
    for clause in marker.split(" and "):
        match = _CLAUSE.match(clause.strip())
        if match is None or match.group(1) not in _PLATFORM_VALUES:
            continue
        variable, operator, value = match.groups()
        if (_PLATFORM_VALUES[variable] == value) != (operator == "=="):
            return True
    return False


def _requirement_name(requirement: str) -> str | None:
    """The name a run-time requirement names here; None for an extra's (tests, docs…)
    or for another platform's."""
    marker = requirement.split(";", 1)[1] if ";" in requirement else ""
    if "extra" in marker or (marker and _marker_excludes_us(marker)):
        return None
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return match.group(1) if match else None


def dependency_closure(root: str = ROOT_DISTRIBUTION) -> list[metadata.Distribution]:
    """``root`` and every installed distribution it needs at run time, transitively.

    A requirement whose environment marker excludes this platform is simply not
    installed, so "installed" stands in for evaluating markers (no ``packaging`` needed).
    """
    seen: dict[str, metadata.Distribution] = {}
    queue = deque([root])
    while queue:
        name = queue.popleft()
        key = normal_name(name)
        if key in seen:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = distribution
        for requirement in distribution.requires or []:
            required = _requirement_name(requirement)
            if required is not None:
                queue.append(required)
    return sorted(seen.values(), key=lambda d: normal_name(d.metadata["Name"] or ""))


def _field(fields: metadata.PackageMetadata, name: str) -> str:
    values = fields.get_all(name) or []
    return str(values[0]) if values else ""


def licence_of(distribution: metadata.Distribution, files: tuple[str, ...] | None = None) -> str:
    """The licence in a few words: SPDX expression, classifiers or a short field
    (``files``: its licence files, when the caller has looked them up already)."""
    fields = distribution.metadata
    expression = _field(fields, "License-Expression")
    if expression:
        return str(expression)
    classifiers = [
        str(c).split("::")[-1].strip()
        for c in fields.get_all("Classifier") or []
        if str(c).startswith("License ::") and str(c).count("::") >= 2
    ]
    if classifiers:
        return ", ".join(classifiers)
    field = _field(fields, "License").strip()
    if field and "\n" not in field and len(field) <= SHORT_LICENCE_FIELD:
        return field
    if files is None:
        files = licence_files_of(distribution)
    return "see the licence files" if files else "not stated"


def licence_files_of(distribution: metadata.Distribution) -> tuple[str, ...]:
    """The licence files the metadata names (License-File) or its folder holds."""
    named = [str(name) for name in distribution.metadata.get_all("License-File") or []]
    if named:
        return tuple(named)
    found: list[str] = []
    for path in distribution.files or []:
        parts = path.parts
        if parts and parts[0].endswith(".dist-info") and LICENCE_FILE_NAME.search(path.name):
            found.append("/".join(parts[1:]))
    return tuple(found)


def _read_licence_file(distribution: metadata.Distribution, name: str) -> str | None:
    # PEP 639 puts them under licenses/; older wheels beside METADATA.
    for candidate in (f"licenses/{name}", name):
        try:
            text = distribution.read_text(candidate)
        except (OSError, UnicodeDecodeError):
            text = None
        if text:
            return text
    return None


def component_licences(root: str = ROOT_DISTRIBUTION) -> list[ComponentLicence]:
    """The licence notice of every component in ``root``'s run-time closure."""
    return list(_component_licences(root))


@cache
def _component_licences(root: str) -> tuple[ComponentLicence, ...]:
    # Read once: the installed components do not change while the program runs, and
    # the metadata scan walks every folder of sys.path.
    found: list[ComponentLicence] = []
    for distribution in dependency_closure(root):
        files = licence_files_of(distribution)
        found.append(
            ComponentLicence(
                name=str(distribution.metadata["Name"]),
                version=distribution.version,
                licence=licence_of(distribution, files),
                licence_files=files,
            )
        )
    return tuple(found)


def licence_texts(components: list[ComponentLicence]) -> str:
    """All licence texts as one document (plain text, English headings)."""
    sections: list[str] = []
    for component in components:
        heading = f"{component.name} {component.version}: {component.licence}"
        texts = component.texts()
        if not texts:
            sections.append(f"{heading}\n(no licence text in its metadata)")
            continue
        for name, text in texts:
            sections.append(f"{heading}\n--- {name} ---\n{text.strip()}")
    rule = "\n\n" + "=" * 72 + "\n\n"
    return rule.join(sections)
