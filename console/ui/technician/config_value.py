"""The chosen configuration key with its whole value, below the keys table.

A cell cuts a long value (a list of measurands, a URL, a certificate); here it wraps,
can be selected and copied, read-only keys included. The box keeps its height whatever
it shows, so the table above never moves.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from console.core.configuration import ConfigEntry

VALUE_LINES = 3  # lines of value shown before the box scrolls


class ConfigValueView(QWidget):
    """'Key (read-only)' and the value, wrapped and selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight:600;")
        # A long previous value must not widen the page: the label is cut, never grows.
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.value_text = QPlainTextEdit()
        self.value_text.setReadOnly(True)
        self.value_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.value_text.setTabChangesFocus(True)
        lines = QFontMetrics(self.value_text.font()).lineSpacing() * VALUE_LINES
        self.value_text.setFixedHeight(lines + 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.value_text)
        self.show_entry(None)

    def show_entry(self, entry: ConfigEntry | None, edited: str | None = None) -> None:
        """Show a key's whole value (``edited``: the value typed, not applied yet)."""
        if entry is None:
            self.heading.setText(self.tr("Choose a key to see its whole value."))
            self.value_text.setPlainText("")
            return
        heading = entry.key
        if entry.readonly:
            heading += "  " + self.tr("(read-only)")
        elif edited is not None:
            heading += "  " + self.tr("(changed, not applied yet; was: %1)").replace(
                "%1", entry.value or ""
            )
        self.heading.setText(heading)
        self.heading.setToolTip(heading)
        value = edited if edited is not None else (entry.value or "")
        self.value_text.setPlainText(value if value else self.tr("(no value)"))
