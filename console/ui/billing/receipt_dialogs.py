"""Dialogs on one receipt: record a payment, void it (and issue a correction)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.core.billing import PaymentMethod, Receipt
from console.ui.billing.receipts_model import open_amount
from console.ui.billing.windows_model import parse_price
from console.ui.billing.words import method_word, money_text, tr


@dataclass(frozen=True, slots=True)
class PaymentEntry:
    """A payment as staff entered it."""

    method: PaymentMethod
    amount: Decimal
    reference: str | None
    note: str | None


def _summary(receipt: Receipt) -> QLabel:
    content = receipt.content
    currency = content.breakdown.currency
    text = (
        tr("Receipt %1 · %2 · total %3 · paid %4")
        .replace("%1", receipt.label)
        .replace("%2", content.customer)
        .replace("%3", money_text(receipt.total, currency))
        .replace("%4", money_text(receipt.paid, currency))
    )
    label = QLabel(text)
    label.setStyleSheet("font-weight:600;")
    label.setWordWrap(True)
    return label


def _ok_cancel(ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    return buttons


class PaymentDialog(QDialog):
    """Cash, a card-terminal reference, or an invoice to a department or cost centre.

    The amount starts at what is still open; a terminal or invoice payment needs its
    reference (the terminal's slip number, the department or cost centre).
    """

    def __init__(self, receipt: Receipt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.receipt = receipt
        self.currency = receipt.content.breakdown.currency
        self.setWindowTitle(tr("Record payment"))
        self.method_combo = QComboBox()
        for method in PaymentMethod:
            self.method_combo.addItem(method_word(method), method.value)
        self.amount_edit = QLineEdit(f"{open_amount(receipt):.2f}")
        self.amount_edit.setToolTip(tr("Amount received, in %1").replace("%1", self.currency))
        self.reference_label = QLabel()
        self.reference_edit = QLineEdit()
        self.reference_edit.setMaxLength(120)
        # A QLabel handed to QFormLayout.addRow gets no buddy: without one its "&" shows
        # as a literal ampersand and Alt+R does nothing.
        self.reference_label.setBuddy(self.reference_edit)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(tr("optional"))
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color:#A8410B;")
        self.buttons = _ok_cancel(tr("Record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(tr("&Method:"), self.method_combo)
        form.addRow(tr("&Amount (%1):").replace("%1", self.currency), self.amount_edit)
        form.addRow(self.reference_label, self.reference_edit)
        form.addRow(tr("&Note:"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(_summary(receipt))
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.method_combo.currentIndexChanged.connect(self._on_method_changed)
        for edit in (self.amount_edit, self.reference_edit):
            edit.textChanged.connect(self._revalidate)
        self._on_method_changed()

    def method(self) -> PaymentMethod:
        """The method chosen."""
        # Qt hands the enum back as its plain string value.
        return PaymentMethod(str(self.method_combo.currentData()))

    def set_method(self, method: PaymentMethod) -> None:
        """Choose a method (tests and keyboard users)."""
        self.method_combo.setCurrentIndex(self.method_combo.findData(method.value))

    def _on_method_changed(self, *_args: object) -> None:
        method = self.method()
        if method is PaymentMethod.TERMINAL:
            self.reference_label.setText(tr("Terminal &reference:"))
            self.reference_edit.setPlaceholderText(tr("the slip or transaction number"))
        elif method is PaymentMethod.INVOICE:
            self.reference_label.setText(tr("Department / cost &centre:"))
            self.reference_edit.setPlaceholderText(tr("e.g. Radiology CC-4100"))
        else:
            self.reference_label.setText(tr("&Reference:"))
            self.reference_edit.setPlaceholderText(tr("optional"))
        self._revalidate()

    def problem(self) -> str:
        """Why the payment cannot be recorded yet; empty when it can."""
        try:
            amount = parse_price(self.amount_edit.text(), tr("Amount"), optional=False)
        except ValueError as error:
            return str(error)
        if amount is None or amount <= 0:
            return tr("The amount must be more than 0")
        if amount != amount.quantize(Decimal("0.01")):
            return tr("The amount must be whole cents")
        if self.method() is not PaymentMethod.CASH and not self.reference_edit.text().strip():
            if self.method() is PaymentMethod.TERMINAL:
                return tr("Enter the terminal's reference")
            return tr("Enter the department or cost centre to invoice")
        return ""

    def _revalidate(self, *_args: object) -> None:
        problem = self.problem()
        self.problem_label.setText(f"⚠ {problem}" if problem else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def entry(self) -> PaymentEntry:
        """The payment as entered (only valid when ``problem()`` is empty)."""
        amount = parse_price(self.amount_edit.text(), tr("Amount"), optional=False)
        assert amount is not None
        return PaymentEntry(
            self.method(),
            amount.quantize(Decimal("0.01")),
            self.reference_edit.text().strip() or None,
            self.note_edit.text().strip() or None,
        )


class VoidDialog(QDialog):
    """Void a receipt with a reason; by default a corrected receipt is issued in its place."""

    def __init__(self, receipt: Receipt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.receipt = receipt
        self.setWindowTitle(tr("Void receipt"))
        explanation = QLabel(
            tr(
                "A receipt is never changed once issued. Voiding keeps it, marked void, "
                "and a new receipt with the next number replaces it."
            )
        )
        explanation.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(tr("Why is it voided? (required)"))
        self.reason_edit.setFixedHeight(72)
        self.reissue_check = QCheckBox(tr("Issue a corrected receipt now"))
        self.reissue_check.setChecked(True)
        self.buttons = _ok_cancel(tr("Void"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._revalidate)
        layout = QVBoxLayout(self)
        layout.addWidget(_summary(receipt))
        layout.addWidget(explanation)
        reason_label = QLabel(tr("&Reason:"))
        reason_label.setBuddy(self.reason_edit)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.reissue_check)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._revalidate()

    def reason(self) -> str:
        """The reason given, trimmed."""
        return self.reason_edit.toPlainText().strip()

    def _revalidate(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason()))
