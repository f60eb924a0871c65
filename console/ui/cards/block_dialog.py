"""Block a card: why (lost, stolen, left the company, other with a text).

The reason is stored with the card and in its history, shown in the card list and the
editor, and named again when someone unblocks the card.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from console.core.enums import BlockReason
from console.core.model import Card


class BlockReasonDialog(QDialog):
    """Asks why a card is blocked; ``reason()`` and ``detail()`` once accepted.

    ``owner`` is the card owner's name, shown so the clerk blocks the right person's card.
    """

    def __init__(self, card: Card, owner: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.card = card
        self.setWindowTitle(self.tr("Block card %1").replace("%1", card.id_tag))
        who = self.tr(" (%1)").replace("%1", owner) if owner else ""
        intro = QLabel(
            self.tr("Block card %1%2? Chargers refuse it from now on. Why is it blocked?")
            .replace("%1", card.id_tag)
            .replace("%2", who)
        )
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.buttons_by_reason: dict[BlockReason, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for reason, text in (
            (BlockReason.LOST, self.tr("&Lost")),
            (BlockReason.STOLEN, self.tr("&Stolen")),
            (BlockReason.LEFT, self.tr("Left the &company")),
            (BlockReason.OTHER, self.tr("&Other reason")),
        ):
            button = QRadioButton(text)
            self.group.addButton(button)
            self.buttons_by_reason[reason] = button
            layout.addWidget(button)
            button.toggled.connect(self._revalidate)
        self.detail_label = QLabel(self.tr("&Details:"))
        self.detail_edit = QLineEdit()
        self.detail_edit.setMaxLength(200)
        self.detail_label.setBuddy(self.detail_edit)
        self.detail_edit.textChanged.connect(self._revalidate)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.detail_edit)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color:#A8410B;")
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Block"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._revalidate()

    def reason(self) -> BlockReason | None:
        """The reason chosen, None until one is."""
        for reason, button in self.buttons_by_reason.items():
            if button.isChecked():
                return reason
        return None

    def detail(self) -> str | None:
        """The text given, trimmed; None when empty."""
        return self.detail_edit.text().strip() or None

    def choose(self, reason: BlockReason, detail: str = "") -> None:
        """Choose a reason (tests and keyboard users)."""
        self.buttons_by_reason[reason].setChecked(True)
        self.detail_edit.setText(detail)

    def problem(self) -> str:
        """Why the card cannot be blocked yet; empty when it can."""
        reason = self.reason()
        if reason is None:
            return self.tr("Choose why the card is blocked")
        if reason is BlockReason.OTHER and self.detail() is None:
            return self.tr("Say what the other reason is")
        return ""

    def _revalidate(self, *_args: object) -> None:
        problem = self.problem()
        other = self.reason() is BlockReason.OTHER
        self.detail_edit.setPlaceholderText(
            self.tr("required: what happened") if other else self.tr("optional")
        )
        self.problem_label.setText(f"⚠ {problem}" if problem else "")
        self.ok_button.setEnabled(not problem)
