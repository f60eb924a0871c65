"""The console in German: translations load at start, values follow the locale, files
stay English, and the desk can choose its language."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from console.core import i18n
from console.core.enums import AdmissionMode
from console.services import formatting
from console.ui import locale_format, translations
from console.ui.console_app import Console
from tests.ui.conftest import running_console

BERLIN_NOON = datetime(2026, 12, 7, 13, 5, tzinfo=UTC)  # 14:05 in Berlin


@pytest.fixture
def german(qloop: qasync.QEventLoop, tmp_path: Path) -> Iterator[Path]:
    """German loaded (compiled into a cache folder of the test's own), English after."""
    cache = tmp_path / "cache"
    assert translations.install_translations("de", cache=cache) == "de"
    yield cache
    translations.remove_translations()
    QLocale.setDefault(QLocale.c())


@pytest.fixture
def german_console(german: Path, tmp_path: Path) -> Iterator[Console]:
    """A console made after German was loaded, as at a German desk's start."""
    with running_console(tmp_path, AdmissionMode.OPEN) as instance:
        yield instance


def test_the_main_window_speaks_german(german_console: Console) -> None:
    """The tabs, the Desk menu and a standard Qt button are German."""
    tabs = german_console.window.tabs
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    assert "Übersicht" in titles and "Ladevorgänge" in titles and "Karten" in titles
    menus = [a.text().replace("&", "") for a in german_console.window.menuBar().actions()]
    assert "Empfang" in menus  # the Desk menu
    # A number on screen in the German format: the site's power, "0,0 kW".
    totals = german_console.window.overview.totals
    totals._on_power_changed()
    assert totals.power.value.text() == "0,0 kW"
    # Qt's own words come from qtbase_de: the standard buttons.
    box = QMessageBox(QMessageBox.Icon.Question, "", "")
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Abbrechen"


def test_counts_take_the_german_singular_and_plural(german_console: Console) -> None:
    """Qt's plural forms: one charger, several chargers, as a German desk reads them."""
    label = german_console.window.connected_label
    assert label.text() == "0 Ladestationen verbunden / 0"

    def connected(count: int) -> str:
        return QCoreApplication.translate("MainWindow", "%n charger(s) connected", "", count)

    assert connected(1) == "1 Ladestation verbunden"
    assert connected(6) == "6 Ladestationen verbunden"
    alarms = "%n unacknowledged alarm(s)"
    assert QCoreApplication.translate("AlarmBanner", alarms, "", 1) == "1 unbestätigter Alarm"
    assert QCoreApplication.translate("AlarmBanner", alarms, "", 2) == "2 unbestätigte Alarme"


def test_values_follow_the_german_locale(german: Path) -> None:
    """Money, energy, power and times in German; the files' fixed formats unchanged."""
    formatting.set_site_zone(None)
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    assert locale_format.format_money(Decimal("1234.5"), "EUR") == "1.234,50\xa0€"
    assert locale_format.kwh_text(Decimal("1234.56")) == "1.234,56 kWh"
    assert locale_format.kw_text(11) == "11,0 kW"
    assert locale_format.format_local(BERLIN_NOON, berlin) == "07.12.2026 14:05"
    assert locale_format.format_seconds(BERLIN_NOON, berlin) == "07.12.2026 14:05:00"
    # What files and the command line write does not change with the console's language.
    assert formatting.format_money(Decimal("1234.5"), "EUR") == "EUR 1234.50"
    assert formatting.format_local(BERLIN_NOON, berlin) == "2026-12-07 14:05"


def test_english_keeps_todays_formats(qloop: qasync.QEventLoop) -> None:
    """With no display locale (English) the console shows the fixed formats as before."""
    translations.install_translations("en")
    assert locale_format.format_money(Decimal("12.3"), "EUR") == "EUR 12.30"
    assert locale_format.format_kwh(Decimal("3.25")) == "3.250"
    assert locale_format.number_text(11.04, 1) == "11.0"
    assert QCoreApplication.translate("MainWindow", "&Overview") == "&Overview"
    # English counts read as English: "1 charger", "6 chargers", never "charger(s)".
    count = "%n charger(s) connected"
    assert QCoreApplication.translate("MainWindow", count, "", 1) == "1 charger connected"
    assert QCoreApplication.translate("MainWindow", count, "", 6) == "6 chargers connected"
    assert QCoreApplication.translate("MainWindow", count, "", 0) == "0 chargers connected"


def test_services_sentences_translate_on_the_gui_thread_only(german: Path) -> None:
    """The hook translates for the console's thread; other threads keep English."""
    import threading

    assert i18n.translate("MainWindow", "&Overview") != "&Overview"
    seen: list[str] = []
    worker = threading.Thread(target=lambda: seen.append(i18n.translate("MainWindow", "&Overview")))
    worker.start()
    worker.join(5)
    assert seen == ["&Overview"]


def test_files_written_from_a_german_console_stay_english(german: Path) -> None:
    """untranslated() gives the English words for a file (the sessions CSV's header)."""
    from console.ui.sessions.words import column_titles

    assert column_titles(for_file=True)[0] != "Session"
    with translations.untranslated():
        assert column_titles(for_file=True)[0] == "Session"
    assert column_titles(for_file=True)[0] != "Session"


def test_the_language_choice_is_kept_for_the_next_start(qloop: qasync.QEventLoop) -> None:
    """The Desk menu's choice is stored; "system" follows the system locale."""
    assert translations.chosen_language() == "system"
    translations.choose_language("de")
    assert translations.chosen_language() == "de"
    assert translations.effective_language() == "de"
    assert translations.effective_language("system") in ("en", "de")
    app = QApplication.instance()
    assert app is not None
    menu = translations.language_menu(None)  # type: ignore[arg-type]
    checked = [a.data() for a in menu.actions() if a.isChecked()]
    assert checked == ["de"]


def test_a_stale_cache_is_compiled_again(tmp_path: Path) -> None:
    """No .qm newer than the .ts: one is compiled into the cache; then it is reused."""
    first = translations.qm_file("de", cache=tmp_path)
    assert first is not None and first.parent == tmp_path and first.stat().st_size > 0
    stamp = first.stat().st_mtime_ns
    assert translations.qm_file("de", cache=tmp_path) == first
    assert first.stat().st_mtime_ns == stamp
    # The .ts changed after the .qm was made (an older .qm): compiled again.
    source = translations.resource_path("translations", "chargedesk_de.ts")
    older = source.stat().st_mtime - 60
    os.utime(first, (older, older))
    assert translations.qm_file("de", cache=tmp_path) == first
    assert first.stat().st_mtime >= source.stat().st_mtime


def test_two_versions_sharing_the_cache_each_load_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's cache serves every install of theirs: an older install with a newer
    .qm beside it must not show the other version's words."""
    cache = tmp_path / "cache"
    ours = translations.qm_file("de", cache=cache)
    other = tmp_path / "other" / "chargedesk_de.ts"
    other.parent.mkdir()
    real = translations.resource_path("translations", "chargedesk_de.ts")
    other.write_text(real.read_text(encoding="utf-8").replace("Übersicht", "Überblick"))
    os.utime(other, (real.stat().st_mtime - 3600,) * 2)  # the older install's source
    monkeypatch.setattr(
        translations,
        "resource_path",
        lambda _folder, name: other if name.endswith(".ts") else tmp_path / "none" / name,
    )
    theirs = translations.qm_file("de", cache=cache)
    assert ours is not None and theirs is not None and theirs != ours
    assert list(cache.glob("chargedesk_de-*.qm")) == [theirs]  # one per name, not a pile


def test_alarm_sentences_in_german_with_german_times(german: Path) -> None:
    """The console writes alarms from their details: German words, German times."""
    from zoneinfo import ZoneInfo

    from console.core.alarms import Alarm, AlarmKind
    from console.ui.alarms.words import alarm_sentence

    formatting.set_site_zone(ZoneInfo("Europe/Berlin"))
    offline = Alarm(
        id=1,
        charger_id="P2-DC-02",
        connector_id=None,
        kind=AlarmKind.OFFLINE,
        message="",
        details={"since": BERLIN_NOON.isoformat()},
        raised_at=BERLIN_NOON,
    )
    assert alarm_sentence(offline) == "P2-DC-02 ist seit 07.12.2026 14:05 CET offline."
    backup = Alarm(
        id=2,
        charger_id="database",
        connector_id=None,
        kind=AlarmKind.BACKUP_FAILED,
        message="The backup failed",
        details={"at": BERLIN_NOON.isoformat(), "folder": "/srv/backups", "reason": "disk full"},
        raised_at=BERLIN_NOON,
    )
    assert alarm_sentence(backup) == (
        "Die Sicherung der Datenbank um 07.12.2026 14:05 CET nach /srv/backups ist "
        "fehlgeschlagen: disk full."
    )
