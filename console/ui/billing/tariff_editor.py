"""The tariff editor: prices, limits, tax, time windows and where the tariff applies.

Every field is checked as the person types; problems are listed in words under the
form, the fields in question are marked, and Save stays off until nothing is wrong. Save
hands the draft to ``save`` (the engine) and the dialog closes only once it is stored:
a refusal (a name already taken) is shown in the dialog, with what was typed kept.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.core.tariffs import Tariff, TariffWindow
from console.ui.billing.tariff_fields import (
    TariffDraft,
    build_tariff,
    desk_timezone,
    read_amount,
    read_currency,
    read_groups,
    read_price,
    read_tax_percent,
    read_timezone,
    timezone_names,
)
from console.ui.billing.windows_model import TariffWindowsModel, WindowColumn, WindowDraft
from console.ui.billing.words import tr
from console.ui.message_bar import hold_place
from console.ui.tasks import TaskKeeper

SaveHook = Callable[[TariffDraft], Awaitable[None]]
_PROBLEM_STYLE = "border:1px solid #D55E00; background:#FFF4EE;"


class TariffEditorDialog(QDialog):
    """Add or edit one tariff. ``draft()`` is the tariff as typed (ValueError if invalid)."""

    def __init__(
        self,
        save: SaveHook,
        tariff: Tariff | None = None,
        groups: Iterable[str] = (),
        default: bool = False,
        visitor: bool = False,
        known_groups: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self.setWindowTitle(tr("Edit tariff") if tariff else tr("Add tariff"))
        self._build(sorted(set(known_groups), key=str.casefold))
        self._fill(tariff, groups, default, visitor)
        self._connect()
        self.revalidate()

    # --- building -----------------------------------------------------------------------

    def _build(self, known_groups: list[str]) -> None:
        def line(placeholder: str = "", tip: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.setToolTip(tip)
            return edit

        self.name_edit = line(tr("e.g. Staff"), tr("Shown on receipts"))
        self.currency_edit = line("EUR", tr("ISO 4217 code"))
        self.currency_edit.setMaxLength(3)
        self.timezone_combo = QComboBox()
        self.timezone_combo.setEditable(True)
        self.timezone_combo.addItems(timezone_names())
        self.timezone_combo.setToolTip(tr("The site's zone: time windows are read in it"))
        completer = self.timezone_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.energy_edit = line("0.00", tr("Price per kWh delivered"))
        self.time_edit = line("0.00", tr("Price per hour the car is charging"))
        self.idle_edit = line("0.00", tr("Price per hour the car stays plugged in, not charging"))
        self.grace_spin = QSpinBox()
        self.grace_spin.setRange(0, 24 * 60)
        self.grace_spin.setSuffix(tr(" min"))
        self.grace_spin.setToolTip(tr("Idle time that is free after charging ends"))
        self.fee_edit = line("0.00", tr("Charged once per session"))
        self.minimum_edit = line(tr("none"), tr("The least a session costs (not if no energy)"))
        self.maximum_edit = line(tr("none"), tr("The most a session costs"))
        self.tax_edit = line("19", tr("Tax rate in percent, e.g. 19 or 7.7"))
        self.tax_included_check = QCheckBox(tr("Prices include tax"))
        self.tax_included_check.setToolTip(
            tr("Ticked: the prices are gross and tax is worked out of them")
        )
        self.groups_edit = line(tr("e.g. STAFF, STUDENTS"), tr("Card groups (parent idTags)"))
        if known_groups:
            group_completer = QCompleter(known_groups, self.groups_edit)
            group_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.groups_edit.setCompleter(group_completer)
        self.default_check = QCheckBox(tr("Site default (cards without a group tariff)"))
        self.visitor_check = QCheckBox(tr("Visitor tariff (sessions started without a card)"))

        prices = QFormLayout()
        prices.addRow(tr("&Name:"), self.name_edit)
        prices.addRow(tr("C&urrency:"), self.currency_edit)
        prices.addRow(tr("&Timezone:"), self.timezone_combo)
        prices.addRow(tr("&Energy per kWh:"), self.energy_edit)
        prices.addRow(tr("Charging per &hour:"), self.time_edit)
        prices.addRow(tr("&Idle fee per hour:"), self.idle_edit)
        prices.addRow(tr("Idle &grace period:"), self.grace_spin)
        limits = QFormLayout()
        limits.addRow(tr("&Session fee:"), self.fee_edit)
        limits.addRow(tr("Mi&nimum per session:"), self.minimum_edit)
        limits.addRow(tr("Ma&ximum per session:"), self.maximum_edit)
        limits.addRow(tr("Tax &rate (%):"), self.tax_edit)
        limits.addRow("", self.tax_included_check)
        applies = QGroupBox(tr("Applies to"))
        applies_layout = QFormLayout(applies)
        applies_layout.addRow(tr("Card &groups:"), self.groups_edit)
        applies_layout.addRow(self.default_check)
        applies_layout.addRow(self.visitor_check)
        limits.addRow(applies)
        columns = QHBoxLayout()
        columns.addLayout(prices, 1)
        columns.addSpacing(16)
        columns.addLayout(limits, 1)

        self.windows_model = TariffWindowsModel(self)
        self.windows_table = QTableView()
        self.windows_table.setTabKeyNavigation(False)  # Tab moves on; arrows move in it
        self.windows_table.setModel(self.windows_model)
        self.windows_table.verticalHeader().hide()
        self.windows_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.windows_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.windows_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.windows_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WindowColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.windows_table.setMinimumHeight(110)
        self.add_window_button = QPushButton(tr("Add window"))
        self.add_window_button.setToolTip(tr("Prices of their own on some days and hours"))
        self.remove_window_button = QPushButton(tr("Remove window"))
        window_buttons = QHBoxLayout()
        hint = QLabel(
            tr("Peak and off-peak: the first window that matches a moment sets its prices.")
        )
        hint.setStyleSheet("color:#5A6570;")
        window_buttons.addWidget(hint, 1)
        window_buttons.addWidget(self.add_window_button)
        window_buttons.addWidget(self.remove_window_button)
        windows_box = QGroupBox(tr("Time windows"))
        windows_layout = QVBoxLayout(windows_box)
        windows_layout.addWidget(self.windows_table)
        windows_layout.addLayout(window_buttons)

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color:#A8410B;")
        hold_place(self.problems_label)  # nothing below moves when problems come and go
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(windows_box, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)
        self.resize(860, 600)

    def _fill(
        self, tariff: Tariff | None, groups: Iterable[str], default: bool, visitor: bool
    ) -> None:
        zone = tariff.timezone if tariff else desk_timezone()
        self.timezone_combo.setCurrentText(zone)
        self.groups_edit.setText(", ".join(groups))
        self.default_check.setChecked(default)
        self.visitor_check.setChecked(visitor)
        if tariff is None:
            self.currency_edit.setText("EUR")
            self.tax_edit.setText("19")
            self.tax_included_check.setChecked(True)
            return
        self.name_edit.setText(tariff.name)
        self.currency_edit.setText(tariff.currency)
        self.energy_edit.setText(_plain(tariff.energy_price))
        self.time_edit.setText(_plain(tariff.time_price))
        self.idle_edit.setText(_plain(tariff.idle_price))
        self.grace_spin.setValue(int(tariff.idle_grace.total_seconds() // 60))
        self.fee_edit.setText(_plain(tariff.session_fee))
        self.minimum_edit.setText(_plain(tariff.minimum))
        self.maximum_edit.setText(_plain(tariff.maximum))
        self.tax_edit.setText(_plain(tariff.tax_rate * 100, 0))
        self.tax_included_check.setChecked(tariff.prices_include_tax)
        self.windows_model.set_windows(tariff.windows)

    def _connect(self) -> None:
        for edit in self._edits():
            edit.textChanged.connect(self.revalidate)
        self.timezone_combo.currentTextChanged.connect(self.revalidate)
        self.grace_spin.valueChanged.connect(self.revalidate)
        self.tax_included_check.toggled.connect(self.revalidate)
        for signal in (
            self.windows_model.dataChanged,
            self.windows_model.rowsInserted,
            self.windows_model.rowsRemoved,
            self.windows_model.modelReset,
        ):
            signal.connect(self.revalidate)
        self.add_window_button.clicked.connect(self._on_add_window)
        self.remove_window_button.clicked.connect(self._on_remove_window)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)

    def _edits(self) -> list[QLineEdit]:
        return [
            self.name_edit,
            self.currency_edit,
            self.energy_edit,
            self.time_edit,
            self.idle_edit,
            self.fee_edit,
            self.minimum_edit,
            self.maximum_edit,
            self.tax_edit,
            self.groups_edit,
        ]

    # --- checking -----------------------------------------------------------------------

    def draft(self) -> TariffDraft:
        """The tariff as typed; ValueError names the first problem."""
        problems, draft = self._check()
        if draft is None:
            raise ValueError(problems[0])
        return draft

    def problems(self) -> list[str]:
        """What is wrong with what was typed, in words (empty when it can be saved)."""
        return self._check()[0]

    def _check(self) -> tuple[list[str], TariffDraft | None]:
        problems: list[str] = []
        marked: set[QWidget] = set()

        def field(widget: QWidget, read: Callable[[], Any]) -> Any:
            try:
                return read()
            except ValueError as error:
                problems.append(str(error))
                marked.add(widget)
                return None

        currency = field(self.currency_edit, lambda: read_currency(self.currency_edit.text()))
        zone = field(self.timezone_combo, lambda: read_timezone(self.timezone_combo.currentText()))
        energy = field(
            self.energy_edit, lambda: read_price(self.energy_edit.text(), tr("Energy price"))
        )
        per_hour = field(
            self.time_edit, lambda: read_price(self.time_edit.text(), tr("Charging price"))
        )
        idle = field(self.idle_edit, lambda: read_price(self.idle_edit.text(), tr("Idle fee")))
        fee = field(self.fee_edit, lambda: read_amount(self.fee_edit.text(), tr("Session fee")))
        minimum = field(
            self.minimum_edit, lambda: read_amount(self.minimum_edit.text(), tr("Minimum"))
        )
        maximum = field(
            self.maximum_edit, lambda: read_amount(self.maximum_edit.text(), tr("Maximum"))
        )
        tax = field(self.tax_edit, lambda: read_tax_percent(self.tax_edit.text()))
        groups = field(self.groups_edit, lambda: read_groups(self.groups_edit.text()))
        windows: tuple[TariffWindow, ...] | None = None
        window_problems = self.windows_model.problems()
        if window_problems:
            problems += window_problems
            marked.add(self.windows_table)
        else:
            windows = self.windows_model.windows()
        if not self.name_edit.text().strip():
            problems.insert(0, tr("A tariff needs a name"))
            marked.add(self.name_edit)
        draft = None
        if not problems:
            assert windows is not None
            try:
                tariff = build_tariff(
                    name=self.name_edit.text(),
                    currency=currency,
                    timezone=zone,
                    energy_price=energy,
                    time_price=per_hour,
                    idle_price=idle,
                    idle_grace_minutes=self.grace_spin.value(),
                    session_fee=fee,
                    minimum=minimum,
                    maximum=maximum,
                    tax_rate=tax,
                    prices_include_tax=self.tax_included_check.isChecked(),
                    windows=windows,
                )
            except ValueError as error:
                problems.append(str(error))
                marked.update({self.minimum_edit, self.maximum_edit})
            else:
                draft = TariffDraft(
                    tariff, groups, self.default_check.isChecked(), self.visitor_check.isChecked()
                )
        self._marked = marked
        return problems, draft

    def revalidate(self, *_args: Any) -> None:
        """Check everything again and show the problems; Save only when there are none."""
        problems = self.problems()
        for widget in [*self._edits(), self.timezone_combo, self.windows_table]:
            widget.setStyleSheet(_PROBLEM_STYLE if widget in self._marked else "")
        self.problems_label.setText("\n".join(f"⚠ {p}" for p in problems))
        self.problems_label.setVisible(bool(problems))
        self.save_button.setEnabled(not problems and not self.tasks.tasks)

    def show_refusal(self, text: str) -> None:
        """Show why the engine did not store the tariff; the dialog stays open."""
        self.problems_label.setText(f"⚠ {text}")
        self.problems_label.setVisible(True)

    # --- actions ------------------------------------------------------------------------

    def _on_add_window(self) -> None:
        row = self.windows_model.add_window(WindowDraft(name=self._free_window_name()))
        self.windows_table.selectRow(row)

    def _free_window_name(self) -> str:
        taken = {d.name.casefold() for d in self.windows_model.drafts()}
        for name in (tr("Peak"), tr("Off-peak"), tr("Weekend"), tr("Night")):
            if name.casefold() not in taken:
                return name
        return tr("Window %1").replace("%1", str(len(taken) + 1))

    def _on_remove_window(self) -> None:
        rows = self.windows_table.selectionModel().selectedRows()
        if rows:
            self.windows_model.remove_window(rows[0].row())

    def _on_save_clicked(self) -> None:
        try:
            draft = self.draft()
        except ValueError as error:
            self.show_refusal(str(error))
            return
        self.tasks.start(self._store(draft))
        self.save_button.setEnabled(False)

    async def _store(self, draft: TariffDraft) -> None:
        try:
            await self._save(draft)
        except Exception as error:  # shown in the dialog, which stays open
            self.show_refusal(tr("Not saved: %1").replace("%1", str(error)))
            self.save_button.setEnabled(True)
            return
        self.accept()


def _plain(value: Decimal | None, places: int = 2) -> str:
    """A stored number as a person would type it: at least ``places`` decimals, no exponent."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    shown = max(places, -exponent) if isinstance(exponent, int) else places
    return f"{value:.{shown}f}"
