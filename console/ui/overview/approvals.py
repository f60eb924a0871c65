"""The panel listing chargers that wait for a person to accept them onto the site."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.core.site import ChargerState
from console.core.staff import Permission
from console.ui.engine_client import EngineClient
from console.ui.site_mirror import SiteMirror
from console.ui.staff.roles import allow


def host_of(peer: str) -> str:
    """The address without the port: '10.0.0.7' of '10.0.0.7:51234', '::1' of '[::1]:80'."""
    host = peer.rsplit(":", 1)[0] if ":" in peer else peer
    return host.strip("[]")


class ApprovalPanel(QFrame):
    """One line per waiting charger with Accept and Reject; hidden while none waits."""

    approvalChosen = Signal(str, bool)  # charger id, accepted

    def __init__(
        self,
        mirror: SiteMirror,
        parent: QWidget | None = None,
        client: EngineClient | None = None,
    ) -> None:
        super().__init__(parent)
        self.mirror = mirror
        self.client = client  # whose roles decide whether Accept and Reject are offered
        self.setObjectName("ApprovalPanel")
        self.setStyleSheet(
            "QFrame#ApprovalPanel { background:#FFF6E0; border:1px solid #E69F00;"
            " border-radius:6px; }"
        )
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.setSpacing(4)
        self._shown: list[tuple[str, str]] = []
        self.lines: dict[str, tuple[QLabel, QPushButton, QPushButton]] = {}
        self.hide()
        mirror.chargersChanged.connect(self._on_chargers_changed)
        self._on_chargers_changed([], True)

    def _describe(self, charger: ChargerState) -> str:
        details = []
        if charger.boot is not None:
            details.append(f"{charger.boot.vendor} {charger.boot.model}")
        if charger.peer:
            details.append(host_of(charger.peer))
        text = f"<b>{charger.charger_id}</b>"
        if details:
            text += f" ({', '.join(details)})"
        return self.tr("◷ %1 is waiting for approval").replace("%1", text)

    def _on_chargers_changed(self, _ids: list[str], _full: bool) -> None:
        waiting = [self.mirror.chargers[cid] for cid in self.mirror.pending_approval()]
        shown = [(c.charger_id, self._describe(c)) for c in waiting]
        if shown == self._shown:
            return
        self._shown = shown
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.lines = {}
        for charger_id, text in shown:
            self._layout.addWidget(self._line(charger_id, text))
        self.setVisible(bool(shown))

    def _line(self, charger_id: str, text: str) -> QWidget:
        line = QWidget()
        label = QLabel(text)
        accept = QPushButton(self.tr("Accept"))
        reject = QPushButton(self.tr("Reject"))
        accept.setToolTip(self.tr("Let %1 charge on this site").replace("%1", charger_id))
        reject.setToolTip(self.tr("Refuse %1 from now on").replace("%1", charger_id))
        accept.clicked.connect(lambda: self.approvalChosen.emit(charger_id, True))
        reject.clicked.connect(lambda: self.approvalChosen.emit(charger_id, False))
        if self.client is not None:
            for button in (accept, reject):
                allow(self.client, button, Permission.APPROVALS)
        layout = QHBoxLayout(line)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label, 1)
        layout.addWidget(accept)
        layout.addWidget(reject)
        self.lines[charger_id] = (label, accept, reject)
        return line
