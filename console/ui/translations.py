"""Loads the console's language at start: Qt's own words and ChargeDesk's.

The language is the system locale's unless the desk chose another (QSettings
``desk/language``: "system", "en" or "de"). A change takes effect at the next start:
every widget translates its texts once, when it is made.

Compiled translations (.qm) are never committed. A bundle ships them beside the .ts
sources (``packaging/translations.py compile`` at build time); in a checkout or a pip
install they are compiled on the first start into the desk's cache folder, and again
whenever the .ts is newer than the .qm found.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from console.assets import resource_path
from console.core import i18n
from console.ui import locale_format

log = logging.getLogger(__name__)

LANGUAGE_KEY = "desk/language"
LANGUAGE_VARIABLE = "CHARGEDESK_LANGUAGE"
SYSTEM = "system"
# Languages with a whole chargedesk_<lang>.ts. English is the code's own; its .ts holds
# only the singular and plural of counts.
TRANSLATED = ("de",)
LRELEASE_SECONDS = 60
# Installed translators must stay referenced: Qt does not own them.
_installed: list[QTranslator] = []


def chosen_language() -> str:
    """What the desk chose: "system", "en" or "de" (``CHARGEDESK_LANGUAGE`` overrides it,
    for screenshots and CI)."""
    value = os.environ.get(LANGUAGE_VARIABLE) or str(QSettings().value(LANGUAGE_KEY, SYSTEM))
    return value if value in (SYSTEM, "en", *TRANSLATED) else SYSTEM


def choose_language(choice: str) -> None:
    """Remember ``choice`` ("system", "en" or "de") for the next start."""
    QSettings().setValue(LANGUAGE_KEY, choice)


def effective_language(choice: str | None = None) -> str:
    """The language the console shows for ``choice``: the system's when it has one of
    ours, else English."""
    choice = chosen_language() if choice is None else choice
    if choice == SYSTEM:
        choice = QLocale.system().name().split("_")[0]
    return choice if choice in TRANSLATED else "en"


def lrelease_path() -> Path:
    """PySide6's bundled lrelease (the wheel ships Qt's Linguist tools)."""
    folder = Path(PySide6.__file__).parent
    names = ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",)
    for candidate in [folder / name for name in names] + [
        folder / "Qt" / "libexec" / "lrelease",
        folder / "Qt" / "bin" / "lrelease",
    ]:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"lrelease not found in {folder}")


def compile_ts(ts_file: Path, target: Path, name: str | None = None) -> Path:
    """Compile ``ts_file`` into ``target``/``name`` (default: its own name, .qm) with
    lrelease; return the .qm."""
    target.mkdir(parents=True, exist_ok=True)
    qm_file = target / (name or ts_file.with_suffix(".qm").name)
    # Written under a name of its own, then renamed: a second console starting at the
    # same moment loads the old file or the new one, never half of one.
    partial = target / f".{qm_file.name}.{os.getpid()}.partial"
    try:
        subprocess.run(
            [str(lrelease_path()), "-silent", str(ts_file), "-qm", str(partial)],
            check=True,
            timeout=LRELEASE_SECONDS,
            capture_output=True,
        )
        os.replace(partial, qm_file)
    finally:
        partial.unlink(missing_ok=True)
    return qm_file


def cache_folder() -> Path:
    """Where a checkout or pip install keeps the translations it compiled."""
    return Path(platformdirs.user_cache_dir("ChargeDesk", appauthor=False)) / "translations"


def qm_file(language: str, cache: Path | None = None) -> Path | None:
    """A compiled translation of ``language`` no older than its source, compiling one
    into the cache when needed; None when there is none (logged).

    A bundle's own .qm is taken as it is (its files' times say nothing: copying may
    reset them, and a bundle has no lrelease); an older .qm beats none at all.
    """
    name = f"chargedesk_{language}"
    source = resource_path("translations", f"{name}.ts")
    cache = cache_folder() if cache is None else cache
    shipped = resource_path("translations", f"{name}.qm")
    if getattr(sys, "frozen", False) and shipped.is_file():
        return shipped
    # The cache is the user's, shared by every checkout and install of theirs: a .qm is
    # named by its source's content, so one version never loads another's.
    cached = cache / f"{name}.qm"
    if source.is_file():
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
        cached = cache / f"{name}-{digest}.qm"
    candidates = [path for path in (shipped, cached) if path.is_file()]
    for candidate in candidates:
        if not source.is_file() or candidate.stat().st_mtime >= source.stat().st_mtime:
            return candidate
    if not source.is_file():
        log.warning("no translation for %s: %s is missing", language, source)
        return None
    try:
        made = compile_ts(source, cache, cached.name)
        for old in cache.glob(f"{name}-*.qm"):  # other versions' files: the cache stays small
            if old != made:
                old.unlink(missing_ok=True)
        return made
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("cannot compile %s: %s", source, error)
        return candidates[0] if candidates else None


def _install(path: Path | str, name: str = "") -> bool:
    translator = QTranslator()
    loaded = translator.load(name, str(path)) if name else translator.load(str(path))
    if loaded:
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
    return loaded


def install_translations(choice: str | None = None, cache: Path | None = None) -> str:
    """Load Qt's and ChargeDesk's translations for the chosen language, before any
    widget is made, and set the locale numbers and dates are shown in. Returns the
    language shown ("en" or one of ``TRANSLATED``)."""
    remove_translations()
    language = effective_language(choice)
    system = QLocale.system()
    if language == "en":
        if system.language() != QLocale.Language.English and system.name() != "C":
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        locale_format.set_display_locale(None)  # the fixed formats of today
        # English needs only its counts: "1 card", "2 cards" for the code's "%n card(s)".
        found = qm_file("en", cache)
        if found is None or not _install(found):
            log.warning("the console's English plural forms could not be loaded")
        return language
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not _install(qt_folder, f"qtbase_{language}"):
        log.info("Qt's own %s translation not found in %s", language, qt_folder)
    found = qm_file(language, cache)
    if found is None or not _install(found):
        log.warning("the console's %s translation could not be loaded", language)
    locale = QLocale(language)
    QLocale.setDefault(locale)
    locale_format.set_display_locale(locale)
    # The services' sentences, on this (the GUI) thread only: the API stays English.
    i18n.set_translator(QCoreApplication.translate)
    return language


@contextmanager
def untranslated() -> Iterator[None]:
    """English words for a file written from the console (CSV headers, flag labels):
    files stay English whatever the desk's language. Do not call cached word tables
    inside (they keep the language they were first made in)."""
    removed = list(_installed)
    for translator in removed:
        QCoreApplication.removeTranslator(translator)
    try:
        yield
    finally:
        for translator in removed:
            QCoreApplication.installTranslator(translator)


def remove_translations() -> None:
    """Back to English (tests start the console in several languages in one process)."""
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
    i18n.set_translator(None)
    locale_format.set_display_locale(None)


def language_menu(parent: QWidget) -> QMenu:
    """The Desk menu's "Language" choice: System, English, Deutsch (at the next start)."""
    menu = QMenu(QCoreApplication.translate("LanguageMenu", "La&nguage"), parent)
    group = QActionGroup(menu)
    current = chosen_language()
    names = {
        SYSTEM: QCoreApplication.translate("LanguageMenu", "System language"),
        "en": "English",  # each language in its own words: findable by its speakers
        "de": "Deutsch",
    }
    for value, text in names.items():
        action = QAction(text, menu)
        action.setCheckable(True)
        action.setChecked(value == current)
        action.setData(value)
        group.addAction(action)
        menu.addAction(action)

    def on_chosen(action: QAction) -> None:
        value = str(action.data())
        if value == chosen_language():
            return
        choose_language(value)
        QMessageBox.information(
            parent,
            QCoreApplication.translate("LanguageMenu", "Language"),
            QCoreApplication.translate(
                "LanguageMenu", "The console shows the new language when it starts next time."
            ),
        )

    group.triggered.connect(on_chosen)
    return menu
