"""The one charger choice of the console, and the picker widgets that show it.

A technician looks at one charger through several pages (connections, messages,
configuration, commands, the charger detail): choosing it on one page shows it on all.
So the choice is one ``ChargerSelection`` per site mirror (``shared_selection``), and
every ``ChargerChoice`` picker is only a view of it.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from console.core.model import BootInfo
from console.ui.site_mirror import SiteMirror


class ChargerSelection(QObject):
    """The charger chosen; ``chosen(charger_id)`` when it changes."""

    chosen = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.charger_id: str | None = None

    def choose(self, charger_id: str) -> None:
        """Make ``charger_id`` the chosen charger (it may not be known yet)."""
        if charger_id != self.charger_id:
            self.charger_id = charger_id
            self.chosen.emit(charger_id)


_SELECTIONS: weakref.WeakKeyDictionary[SiteMirror, ChargerSelection] = weakref.WeakKeyDictionary()


def shared_selection(mirror: SiteMirror) -> ChargerSelection:
    """The console's one charger choice (one per site mirror)."""
    selection = _SELECTIONS.get(mirror)
    if selection is None:
        selection = _SELECTIONS[mirror] = ChargerSelection(mirror)
    return selection


class ChargerChoice(QWidget):
    """'Charger: [combo]' listing every charger the site knows, online ones marked.

    Shows and sets the shared choice: ``chosen(charger_id)`` is emitted when it changes,
    whether the person picked here, on another page, or ``choose`` was called.
    """

    chosen = Signal(str)

    def __init__(self, mirror: SiteMirror, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mirror = mirror
        self.selection = shared_selection(mirror)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(200)
        self.combo.setPlaceholderText(self.tr("Choose a charger…"))
        self.combo.setToolTip(
            self.tr("The charger shown; every technician page and the Charger tab follow it")
        )
        self.combo.activated.connect(self._on_activated)
        self._ids: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Charger:")))
        layout.addWidget(self.combo)
        mirror.chargersChanged.connect(self._on_chargers_changed)
        self.selection.chosen.connect(self._on_selection_chosen)
        self._sync()

    @property
    def charger_id(self) -> str | None:
        """The chosen charger (the shared choice)."""
        return self.selection.charger_id

    def choose(self, charger_id: str) -> None:
        """Point every picker at ``charger_id`` (it may not be known yet)."""
        self.selection.choose(charger_id)

    def _on_selection_chosen(self, charger_id: str) -> None:
        self._sync()
        self.chosen.emit(charger_id)

    def boot(self) -> BootInfo | None:
        """What the chosen charger said about itself at its last boot."""
        state = self.mirror.chargers.get(self.charger_id or "")
        return None if state is None else state.boot

    def online(self) -> bool:
        """True while the chosen charger is connected."""
        state = self.mirror.chargers.get(self.charger_id or "")
        return state is not None and state.online

    def connector_ids(self) -> list[int]:
        """The chosen charger's connectors (1..n) as far as the site knows them."""
        state = self.mirror.chargers.get(self.charger_id or "")
        ids = [] if state is None else sorted(c for c in state.connectors if c > 0)
        return ids or [1]

    def _on_chargers_changed(self, ids: list[str], full: bool) -> None:
        if full or any(i not in self._ids for i in ids) or self.charger_id in ids:
            self._sync()

    def _sync(self) -> None:
        ids = sorted(self.mirror.chargers)
        if self.charger_id is not None and self.charger_id not in ids:
            ids.append(self.charger_id)
        self._ids = ids
        self.combo.blockSignals(True)
        self.combo.clear()
        for charger_id in ids:
            state = self.mirror.chargers.get(charger_id)
            online = state is not None and state.online
            label = charger_id if online else self.tr("%1 (offline)").replace("%1", charger_id)
            self.combo.addItem(label, charger_id)
        self.combo.setCurrentIndex(ids.index(self.charger_id) if self.charger_id in ids else -1)
        self.combo.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        charger_id = self.combo.itemData(index)
        if isinstance(charger_id, str):
            self.choose(charger_id)
