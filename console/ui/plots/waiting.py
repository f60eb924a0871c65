"""What a power plot knows: since when the console watched, and whether any power is known.

A fresh start knows nothing of the minutes before it, and a running session's power is
unknown until its charger reports it (the live buffers hold zeros for unknown power).
Drawing either as a zero line says "nothing was charging", which is untrue; the plot
leaves such time blank and, while sessions run with no power known, says so.
"""

from __future__ import annotations

import time
import weakref

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from console.ui.site_mirror import SiteMirror

# When each site mirror's plots started watching: before it nothing was recorded by us,
# so an empty stored history there means "unknown", not "nothing was charging".
_WATCHING_SINCE: weakref.WeakKeyDictionary[SiteMirror, float] = weakref.WeakKeyDictionary()


def watching_since(mirror: SiteMirror) -> float:
    """The unix time the console started watching this site (its first plot)."""
    return _WATCHING_SINCE.setdefault(mirror, time.time())


def power_known(mirror: SiteMirror, charger_id: str | None) -> bool | None:
    """True when a connector in scope reported power; False while sessions run (or no
    charger is online) with none reported; None when zero is simply true (all idle)."""
    if charger_id is None:
        states = list(mirror.chargers.values())
    else:
        found = mirror.chargers.get(charger_id)
        states = [] if found is None else [found]
    if not states:
        # No charger state (yet): what the live buffers hold is all there is to know.
        buffers = mirror.connector_power
        held = buffers if charger_id is None else [k for k in buffers if k[0] == charger_id]
        return bool(held)
    running = False
    online = False
    for state in states:
        online = online or state.online
        for connector in state.connectors.values():
            if connector.connector_id == 0:
                continue
            if connector.power_w is not None:
                return True
            running = running or connector.transaction_id is not None
    return False if running or not online else None


class WaitingNote(QLabel):
    """ "Waiting for the first readings…", centred over an empty plot."""

    def __init__(self, plot: QWidget) -> None:
        super().__init__(plot)
        self.setText(self.tr("Waiting for the first readings…"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            "color:#33404D; background:rgba(255,255,255,220); padding:6px 10px;"
            " border:1px solid #C9D1D9; border-radius:4px;"
        )
        self.setToolTip(self.tr("Sessions are running but no charger has reported its power yet."))
        self.hide()
        self._plot = plot
        plot.installEventFilter(self)

    def show_waiting(self, waiting: bool) -> None:
        """Show (centred) or hide the note."""
        self.setVisible(waiting)
        if waiting:
            self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """Stay centred when the plot is resized."""
        if watched is self._plot and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        self.adjustSize()
        self.move(
            max(0, (self._plot.width() - self.width()) // 2),
            max(0, (self._plot.height() - self.height()) // 2),
        )
