"""A charger picker for the technician's pages, kept in step with the site mirror."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from console.core.model import BootInfo
from console.ui.site_mirror import SiteMirror


class ChargerChoice(QWidget):
    """'Charger: [combo]' listing every charger the site knows, online ones marked.

    ``chosen(charger_id)`` is emitted when the person picks one or ``choose`` is called.
    """

    chosen = Signal(str)

    def __init__(self, mirror: SiteMirror, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mirror = mirror
        self.combo = QComboBox()
        self.combo.setMinimumWidth(200)
        self.combo.setPlaceholderText(self.tr("Choose a charger…"))
        self.combo.setToolTip(self.tr("Charger the commands go to"))
        self.combo.activated.connect(self._on_activated)
        self.charger_id: str | None = None
        self._ids: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Charger:")))
        layout.addWidget(self.combo)
        mirror.chargersChanged.connect(self._on_chargers_changed)
        self._sync()

    def choose(self, charger_id: str) -> None:
        """Point the picker at ``charger_id`` (it may not be known yet)."""
        changed = charger_id != self.charger_id
        self.charger_id = charger_id
        self._sync()
        if changed:
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
