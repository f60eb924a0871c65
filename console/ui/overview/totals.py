"""The strip of site totals at the top of the overview.

A total that needs attention names its chargers ("⚠ Offline: P2-DC-02"), and each name is
a link: clicking it (or Tab to it and Enter) asks the overview to select that charger's
row and scroll to it (``SiteTotalsStrip.chargerRequested``, ``reveal_charger``), since on a
small screen the row is often below the fold.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, unquote

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.core.enums import ConnectorStatus
from console.ui import theme
from console.ui.locale_format import kw_text
from console.ui.overview.model import KEY_ROLE, PROBLEM_ROLE
from console.ui.site_mirror import SiteMirror

_NUMBER_STYLE = "font-size:20pt; font-weight:600; color:%s;"
_CALM = "#1F2D3A"
_QUIET = "#5F6B76"
NAMES_SHOWN = 3  # names in a tile's note; the tooltip has them all
_LINK_SCHEME = "charger:"


class TotalTile(QFrame):
    """One figure with its caption and an optional quiet note under it.

    The note may name chargers as links; ``chargerLinked`` carries the id clicked.
    """

    chargerLinked = Signal(str)

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
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.linkActivated.connect(self._on_link)
        self.names: list[str] = []  # the chargers the note names, in order
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
        self._plain_note(note)

    def name_chargers(self, lead: str, charger_ids: list[str], more: str) -> None:
        """Note "<lead> A, B, C <more>" with each charger id a link; no note for none.

        ``more`` holds "%1", the number of chargers not named.
        """
        if not charger_ids:
            self._plain_note("")
            self.setToolTip("")
            return
        links = ", ".join(
            f'<a href="{_LINK_SCHEME}{quote(charger_id)}">{escape(charger_id)}</a>'
            for charger_id in charger_ids[:NAMES_SHOWN]
        )
        rest = len(charger_ids) - NAMES_SHOWN
        tail = f" {escape(more.replace('%1', str(rest)))}" if rest > 0 else ""
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.note.setText(f"{escape(lead)} {links}{tail}" if lead else f"{links}{tail}")
        self.setToolTip("\n".join(charger_ids))
        self.names = list(charger_ids)

    def _plain_note(self, note: str) -> None:
        self.names = []
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.note.setText(note)

    def _on_link(self, link: str) -> None:
        if link.startswith(_LINK_SCHEME):
            self.chargerLinked.emit(unquote(link[len(_LINK_SCHEME) :]))


class SiteTotalsStrip(QWidget):
    """Site power, chargers online, sessions running and faulted connectors.

    ``chargerRequested`` carries the id of a charger named in a total that was clicked.
    """

    chargerRequested = Signal(str)

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
            tile.chargerLinked.connect(self.chargerRequested)
        mirror.chargersChanged.connect(self._on_chargers_changed)
        mirror.powerChanged.connect(self._on_power_changed)
        self._on_chargers_changed([], True)
        self._on_power_changed()

    def _on_power_changed(self) -> None:
        self.power.set(kw_text(self.mirror.site_power_w / 1000))

    def _on_chargers_changed(self, _ids: list[str], _full: bool) -> None:
        chargers = self.mirror.chargers.values()
        total = len(self.mirror.chargers)
        offline = sorted(c.charger_id for c in chargers if not c.online)
        self.online.set(f"{total - len(offline)} / {total}")
        self.online.name_chargers(self.tr("⚠ Offline:"), offline, self.tr("and %1 more"))
        running = sum(
            1
            for c in chargers
            for k in c.connectors.values()
            if k.connector_id and k.transaction_id is not None
        )
        self.sessions.set(str(running))
        faulted = sorted(
            {
                c.charger_id
                for c in chargers
                for k in c.connectors.values()
                if c.online and k.status is ConnectorStatus.FAULTED
            }
        )
        symbol = theme.status_symbol(ConnectorStatus.FAULTED)
        self.faulted.set(f"{symbol} {len(faulted)}" if faulted else "0", alert=bool(faulted))
        self.faulted.name_chargers("", faulted, self.tr("and %1 more"))


def reveal_charger(table: QTableView, charger_id: str) -> bool:
    """Select a row of ``charger_id`` in the overview table and scroll it into view: its
    first row with a problem (the faulted connector), else its first row.

    False when no row of that charger is shown (the filter hides it).
    """
    model: QAbstractItemModel = table.model()
    found: QModelIndex | None = None
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        key = index.data(KEY_ROLE)
        if not key or key[0] != charger_id:
            continue
        if index.data(PROBLEM_ROLE):
            found = index
            break
        found = found or index
    if found is None:
        return False
    table.selectRow(found.row())
    table.setCurrentIndex(found)
    table.scrollTo(found, QAbstractItemView.ScrollHint.PositionAtCenter)
    table.setFocus(Qt.FocusReason.OtherFocusReason)
    return True
