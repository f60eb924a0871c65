"""The strip of site totals at the top of the overview."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.core.enums import ConnectorStatus
from console.ui import theme
from console.ui.site_mirror import SiteMirror

_NUMBER_STYLE = "font-size:20pt; font-weight:600; color:%s;"
_CALM = "#1F2D3A"
_QUIET = "#5F6B76"


class TotalTile(QFrame):
    """One figure with its caption and an optional quiet note under it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TotalTile")
        self.setStyleSheet(
            "QFrame#TotalTile { background:#F6F8FA; border:1px solid #DDE3E8; border-radius:6px; }"
        )
        self.caption = QLabel(caption)
        self.caption.setStyleSheet(f"color:{_QUIET};")
        self.value = QLabel("—")
        self.value.setStyleSheet(_NUMBER_STYLE % _CALM)
        self.note = QLabel()
        self.note.setStyleSheet(f"color:{_QUIET};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set(self, value: str, note: str = "", alert: bool = False) -> None:
        """Show a figure; ``alert`` marks it (colour and symbol) as needing attention."""
        colour = theme.status_colour(ConnectorStatus.FAULTED).name() if alert else _CALM
        self.value.setStyleSheet(_NUMBER_STYLE % colour)
        self.value.setText(value)
        self.note.setText(note)


class SiteTotalsStrip(QWidget):
    """Site power, chargers online, sessions running and faulted connectors."""

    def __init__(self, mirror: SiteMirror, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mirror = mirror
        self.power = TotalTile(self.tr("Site power"))
        self.online = TotalTile(self.tr("Chargers online"))
        self.sessions = TotalTile(self.tr("Sessions running"))
        self.faulted = TotalTile(self.tr("Faulted"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for tile in (self.power, self.online, self.sessions, self.faulted):
            layout.addWidget(tile, 1)
        mirror.chargersChanged.connect(self._on_chargers_changed)
        mirror.powerChanged.connect(self._on_power_changed)
        self._on_chargers_changed([], True)
        self._on_power_changed()

    def _on_power_changed(self) -> None:
        self.power.set(f"{self.mirror.site_power_w / 1000:.1f} kW")

    def _on_chargers_changed(self, _ids: list[str], _full: bool) -> None:
        chargers = self.mirror.chargers.values()
        total = len(self.mirror.chargers)
        online = sum(1 for c in chargers if c.online)
        offline = total - online
        self.online.set(
            f"{online} / {total}",
            self.tr("⚠ %1 offline").replace("%1", str(offline)) if offline else "",
        )
        running = sum(
            1
            for c in chargers
            for k in c.connectors.values()
            if k.connector_id and k.transaction_id is not None
        )
        self.sessions.set(str(running))
        faulted = [
            c.charger_id
            for c in chargers
            for k in c.connectors.values()
            if c.online and k.status is ConnectorStatus.FAULTED
        ]
        symbol = theme.status_symbol(ConnectorStatus.FAULTED)
        self.faulted.set(
            f"{symbol} {len(faulted)}" if faulted else "0",
            ", ".join(sorted(set(faulted))[:4]) + (" …" if len(set(faulted)) > 4 else ""),
            alert=bool(faulted),
        )
        self.faulted.setToolTip("\n".join(sorted(set(faulted))))
