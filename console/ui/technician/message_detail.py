"""The message log's detail pane: the chosen frame pretty-printed, and its partner."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.enums import FrameKind
from console.services.message_export import StoredFrame
from console.services.message_log import truncation_of
from console.ui.technician.message_model import (
    ERROR_COLOUR,
    direction_text,
    kind_text,
    local_time_ms,
    monospace_font,
    problem_of,
)


def pretty_payload(payload: str) -> str:
    """The frame as indented JSON; unreadable text as it came (a cut frame says so first)."""
    try:
        return json.dumps(json.loads(payload), indent=2, ensure_ascii=False)
    except ValueError:
        cut = truncation_of(payload)
        if cut is None:
            return payload
        note = QCoreApplication.translate(
            "MessageDetail",
            "Too large to keep whole: {omitted} of {total} bytes were left out "
            "(where is marked at the end).",
        ).format(omitted=f"{cut[0]:,}", total=f"{cut[1]:,}")
        return f"{note}\n\n{payload}"


def describe(stored: StoredFrame) -> str:
    """One line about a frame: time, charger, direction, type, action, id, latency."""
    frame = stored.frame
    parts = [
        local_time_ms(stored),
        frame.charger_id,
        direction_text(frame.direction),
        kind_text(frame.kind),
        frame.action or "",
        f"id {frame.message_id}" if frame.message_id else "",
        f"{frame.latency_ms:.1f} ms" if frame.latency_ms is not None else "",
    ]
    return "  ·  ".join(p for p in parts if p)


class MessageDetailPane(QWidget):
    """Shows one frame and the other half of its call/reply pair."""

    goToPartner = Signal(object)  # StoredFrame

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame: StoredFrame | None = None
        self.partner: StoredFrame | None = None
        mono = monospace_font()
        self.heading = QLabel(self.tr("Choose a message to see it here."))
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight:600;")
        self.payload_text = QPlainTextEdit()
        self.payload_text.setReadOnly(True)
        self.payload_text.setFont(mono)
        self.partner_heading = QLabel()
        self.partner_heading.setWordWrap(True)
        self.partner_button = QPushButton(self.tr("Go to partner"))
        self.partner_button.setToolTip(self.tr("Select the other half of this call/reply pair"))
        self.partner_button.setEnabled(False)
        self.partner_button.clicked.connect(self._on_go_to_partner)
        self.partner_text = QPlainTextEdit()
        self.partner_text.setReadOnly(True)
        self.partner_text.setFont(mono)

        partner_row = QHBoxLayout()
        partner_row.addWidget(self.partner_heading, 1)
        partner_row.addWidget(self.partner_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.payload_text, 3)
        layout.addLayout(partner_row)
        layout.addWidget(self.partner_text, 2)

    def show_frame(self, stored: StoredFrame | None) -> None:
        """Show a frame (its partner follows with ``show_partner``)."""
        self.frame = stored
        self.partner = None
        self.partner_button.setEnabled(False)
        self.partner_text.clear()
        if stored is None:
            self.heading.setText(self.tr("Choose a message to see it here."))
            self.heading.setStyleSheet("font-weight:600;")
            self.payload_text.clear()
            self.partner_heading.clear()
            return
        failed = problem_of(stored.frame.kind, stored.frame.payload)
        colour = f" color:{ERROR_COLOUR.name()};" if failed == "error" else ""
        self.heading.setStyleSheet(f"font-weight:600;{colour}")
        self.heading.setText(describe(stored))
        self.payload_text.setPlainText(pretty_payload(stored.frame.payload))
        if stored.frame.kind is FrameKind.INVALID or not stored.frame.message_id:
            self.partner_heading.setText(self.tr("An unreadable frame has no partner."))
        else:
            self.partner_heading.setText(self.tr("Looking for its partner…"))

    def show_partner(self, partner: StoredFrame | None) -> None:
        """Show the other half of the pair (None: not found)."""
        self.partner = partner
        self.partner_button.setEnabled(partner is not None)
        if self.frame is None:
            return
        if partner is None:
            if self.frame.frame.kind is FrameKind.CALL:
                text = self.tr("No reply was logged for this call.")
            else:
                text = self.tr("The call of this reply is no longer in the log.")
            self.partner_heading.setText(text)
            self.partner_text.clear()
            return
        role = self.tr("Reply") if partner.frame.kind is not FrameKind.CALL else self.tr("Call")
        self.partner_heading.setText(f"{role}: {describe(partner)}")
        self.partner_text.setPlainText(pretty_payload(partner.frame.payload))

    def _on_go_to_partner(self) -> None:
        if self.partner is not None:
            self.goToPartner.emit(self.partner)
