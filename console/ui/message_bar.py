"""Message bars with a fixed place: a message never moves what is below it.

A person at the desk is interrupted for minutes, not seconds, and a bar that appears and
vanishes shifts the table under the mouse (a technician once ticked the wrong charger that
way). So every bar here keeps its height whether or not it shows a message: when empty it
is hidden with its size retained, and the text wraps to at most two lines inside a fixed
height (the whole text is in the tooltip). Failures and anything that needs a person's
attention stay until dismissed or replaced; only a plain "done" fades, and its place stays.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from console.core.model import CommandOutcome

CALM_SECONDS = 8  # a plain "done" fades after this long; everything else stays
TEXT_LINES = 2  # lines of text the bar has room for; longer text is in the tooltip
FADING_KINDS = frozenset({"ok"})

_STYLES = {
    "pending": "background:#EEF3F8; border:1px solid #B8C7D6; color:#1F2D3A;",
    "ok": "background:#E6F4EE; border:1px solid #9CCFB8; color:#0B3D2A;",
    "info": "background:#EEF3F8; border:1px solid #B8C7D6; color:#1F2D3A;",
    "warning": "background:#FFF6E0; border:2px solid #E69F00; color:#4A3300;",
    "failed": "background:#FBE3D6; border:2px solid #D55E00; color:#5A1E00;",
}
SYMBOLS = {"pending": "◷", "ok": "✓", "info": "●", "warning": "⚠", "failed": "⚠"}


def escape(text: str) -> str:
    """Text made safe to show in a rich-text label."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def reserve_space(widget: QWidget) -> None:
    """Keep ``widget``'s place in its layout while it is hidden, so nothing below moves."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


def hold_place(widget: QWidget, lines: int = 0) -> QWidget:
    """Keep ``widget``'s place while it is hidden; nothing below moves when it shows.

    With ``lines``, a (wrapping) label gets the height of that many lines, so a longer
    text does not grow it either.
    """
    reserve_space(widget)
    if lines and isinstance(widget, QLabel):
        margins = widget.contentsMargins()
        extra = margins.top() + margins.bottom() + 2 * widget.margin() + 10
        widget.setFixedHeight(lines * widget.fontMetrics().lineSpacing() + extra)
        widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return widget


def approval_slot(panel: QWidget, lines: int = 1) -> QScrollArea:
    """A place of fixed height for a panel that grows a line per item (waiting chargers).

    The panel shows and hides itself; the slot keeps its height, so the page below does
    not move when a charger starts or stops waiting. Beyond ``lines`` items it scrolls a
    whole line at a time: each line gets its margin as spacing, so a scroll position
    never shows a cut line.
    """
    margin = 5
    layout = panel.layout()
    if layout is not None:
        sides = layout.contentsMargins()
        layout.setContentsMargins(sides.left(), margin, sides.right(), margin)
        layout.setSpacing(2 * margin)
    slot = QScrollArea()
    slot.setObjectName("ApprovalSlot")
    hidden = panel.isHidden()
    slot.setWidget(panel)
    panel.setHidden(hidden)  # setWidget shows it; the panel decides when it shows
    slot.setWidgetResizable(True)
    slot.setFrameShape(QFrame.Shape.NoFrame)
    slot.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    slot.setStyleSheet("QScrollArea#ApprovalSlot { background:transparent; }")
    slot.viewport().setAutoFillBackground(False)
    pitch = QPushButton("Accept").sizeHint().height() + 2 * margin
    scroll = slot.verticalScrollBar()
    scroll.setSingleStep(pitch)
    scroll.setPageStep(pitch)
    slot.setFixedHeight(lines * pitch + 2)  # + the panel's border
    slot.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return slot


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it has too little room; ``text()`` stays whole.

    It asks for no width of its own (a long message must not widen or push its row), so
    it takes what the layout gives it.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def natural_width(self) -> int:
        """The width the whole text needs."""
        return self.fontMetrics().horizontalAdvance(self.text()) + 4

    def minimumSizeHint(self) -> QSize:  # Qt override
        """As narrow as an ellipsis."""
        return QSize(
            self.fontMetrics().horizontalAdvance("…") + 4, super().minimumSizeHint().height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        """Draw the text cut to the width available, ending in "…"."""
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), shown)


class MessageBar(QFrame):
    """One message at a time in a place of fixed height, empty when there is nothing to say.

    ``kind`` is "" while empty, else one of pending, ok, info, warning, failed. Only "ok"
    fades (after ``CALM_SECONDS``); the others stay until dismissed (✕ or Esc while the bar
    has focus) or replaced by the next message. ``hide()`` clears the message but keeps
    the place.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.kind = ""
        self.symbol = QLabel()
        self.symbol.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss (Esc)"))
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 4, 3)
        layout.addWidget(self.symbol)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        lines = self.fontMetrics().lineSpacing() * TEXT_LINES
        self.setFixedHeight(max(lines, self.close_button.sizeHint().height()) + 10)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        reserve_space(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        super().setVisible(False)

    # ----------------------------------------------------------------- showing

    def show_message(self, kind: str, text: str, *, rich: bool = False) -> None:
        """Show ``text`` (plain unless ``rich``) as a message of ``kind``, replacing any."""
        self.kind = kind
        style = _STYLES.get(kind, _STYLES["info"])
        self.setStyleSheet(f"QFrame#MessageBar {{{style} border-radius:4px;}}")
        for label in (self.symbol, self.text):
            label.setStyleSheet("border:none; background:transparent;")
        self.symbol.setText(SYMBOLS.get(kind, ""))
        shown = text if rich else escape(text)
        if kind == "failed":
            shown = f"<b>{shown}</b>"
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setText(shown)
        self.text.setToolTip(self.text.text() if not rich else text)
        self.setToolTip(text if not rich else "")
        self._timer.stop()
        if kind in FADING_KINDS:
            self._timer.start(int(CALM_SECONDS * 1000))
        super().setVisible(True)

    def clear(self) -> None:
        """Remove the message; the bar keeps its place."""
        self._timer.stop()
        self.kind = ""
        self.text.clear()
        self.symbol.clear()
        self.text.setToolTip("")
        super().setVisible(False)

    def hide(self) -> None:
        """Clear the message (the place stays, nothing below moves)."""
        self.clear()

    def has_message(self) -> bool:
        """True while a message is shown."""
        return bool(self.kind)

    def fades(self) -> bool:
        """True if the message shown will go away by itself."""
        return self._timer.isActive()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        """Esc dismisses the message when the bar (or its ✕) has focus."""
        if event.key() == Qt.Key.Key_Escape and self.kind:
            self.clear()
            return
        super().keyPressEvent(event)


class OutcomeBanner(MessageBar):
    """The bar a view shows staff commands' outcomes in: what became of the last command."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OutcomeBanner")

    def show_message(self, kind: str, text: str, *, rich: bool = False) -> None:
        """As ``MessageBar.show_message``, styled under this bar's object name."""
        super().show_message(kind, text, rich=rich)
        style = _STYLES.get(kind, _STYLES["info"])
        self.setStyleSheet(f"QFrame#{self.objectName()} {{{style} border-radius:4px;}}")

    def _show(self, kind: str, symbol: str, text: str) -> None:
        # Kept for subclasses written before show_message: text here is rich text.
        self.show_message(kind, text, rich=True)
        if symbol:
            self.symbol.setText(symbol)

    def show_pending(self, charger_id: str, title: str) -> None:
        """Say that a command is on its way (a charger may take many seconds to answer)."""
        text = self.tr("%1 — %2: waiting for the charger…").replace("%1", charger_id)
        self.show_message("pending", text.replace("%2", title))

    def show_outcome(
        self, charger_id: str, title: str, outcome: CommandOutcome, kind: str = ""
    ) -> None:
        """Show what became of a command, with the reason when it did not succeed.

        ``kind`` overrides the look (e.g. "warning" for an accepted command whose effect
        is only scheduled); by default accepted is "ok" (fades) and anything else "failed".
        """
        text = f"{charger_id} — {title}: {outcome.describe()}"
        self.show_message(kind or ("ok" if outcome.accepted else "failed"), text)

    def show_error(self, text: str) -> None:
        """Show a failure that is not a charger's answer (a bug, a database error)."""
        self.show_message("failed", text)

    def show_done(self, text: str) -> None:
        """A change was stored or a task finished (fades after a few seconds)."""
        self.show_message("ok", text)

    def show_working(self, text: str) -> None:
        """Something is on its way; stays until its outcome replaces it."""
        self.show_message("pending", text)

    def show_attention(self, text: str) -> None:
        """Something that needs a person's attention; stays until dismissed or replaced."""
        self.show_message("warning", text)
