"""The lower half of the Billing tab: tariffs with who pays them, and the site details."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.billing import SiteDetails
from console.core.staff import Permission
from console.ui.billing.tariffs_model import (
    TARIFF_ROLE,
    TariffColumn,
    TariffRow,
    TariffsTableModel,
)
from console.ui.billing.words import tr
from console.ui.cards.table import build_table
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes
from console.ui.staff.roles import allow
from console.ui.table_model import SORT_ROLE

_WIDTH_SAMPLES = [
    "Visitors (hospital)",
    "EUR 0.39 / kWh",
    "EUR 1.20 / h",
    "EUR 6.00 / h after 60 min",
    "EUR 1.00",
    "EUR 2.00 / EUR 40.00",
    "19% incl.",
    "Peak, Night",
    "★ site default, visitors",
]


class TariffsPanel(QGroupBox):
    """Tariffs in a table with Add, Edit and Retire; the table says who pays each."""

    addRequested = Signal()
    editRequested = Signal(object)  # TariffRow
    retireRequested = Signal(object)  # TariffRow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Tariffs"), parent)
        self.model = TariffsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(self.model)
        self.table = build_table(self.proxy, _WIDTH_SAMPLES)
        # Most tariffs leave several columns empty: size them to what they hold.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.add_button = QPushButton(tr("Add tariff…"))
        self.edit_button = QPushButton(tr("Edit…"))
        self.retire_button = QPushButton(tr("Retire"))
        self.retire_button.setToolTip(
            tr("Take a tariff nobody pays any more out of use; bills keep their prices")
        )
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.retire_button.clicked.connect(self._on_retire_clicked)
        self.note_label = QLabel()
        self.note_label.setStyleSheet("color:#5A6570;")
        self.note_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note_label, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.retire_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._on_selection_changed()

    def set_rows(self, rows: list[TariffRow]) -> None:
        """Show these tariffs, keeping the selection on the same tariff."""
        chosen = self.selected()
        self.model.set_rows(rows)
        if chosen is not None:
            self.select(chosen.stored.id)
        has_default = any(r.default for r in rows)
        has_visitor = any(r.visitor for r in rows)
        notes = []
        if not has_default:
            notes.append(tr("⚠ No site default: cards without a group tariff are not billed."))
        if not has_visitor:
            notes.append(tr("⚠ No visitor tariff: visitors' sessions are not billed."))
        self.note_label.setText(" ".join(notes))
        self._on_selection_changed()

    def selected(self) -> TariffRow | None:
        """The tariff selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].data(TARIFF_ROLE)
        return row if isinstance(row, TariffRow) else None

    def select(self, tariff_id: int) -> bool:
        """Select a tariff by id."""
        for row, tariff in enumerate(self.model.rows):
            if tariff.stored.id == tariff_id:
                index = self.proxy.mapFromSource(self.model.index(row, TariffColumn.NAME))
                self.table.selectRow(index.row())
                return True
        return False

    def follow_roles(self, client: EngineClient) -> None:
        """Offer changing tariffs only to someone who may (the admin role)."""
        self._client = client
        allow(client, self.add_button, Permission.TARIFFS)
        when_actor_changes(client, self, self._on_selection_changed)
        self._on_selection_changed()

    def _on_selection_changed(self, *_args: object) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.retire_button.setEnabled(row is not None and not row.uses)
        if row is not None and row.uses:
            self.retire_button.setToolTip(
                tr("In use by %1: choose another tariff for them first").replace(
                    "%1", ", ".join(row.uses)
                )
            )
        else:
            self.retire_button.setToolTip(
                tr("Take this tariff out of use; bills keep their prices")
            )
        client: EngineClient | None = getattr(self, "_client", None)
        if client is not None:
            gate(client, self.edit_button, Permission.TARIFFS, row is not None)
            gate(client, self.retire_button, Permission.TARIFFS, row is not None and not row.uses)

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(TARIFF_ROLE)
        if isinstance(row, TariffRow):
            self.editRequested.emit(row)

    def _on_edit_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            self.editRequested.emit(row)

    def _on_retire_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            self.retireRequested.emit(row)


class SitePanel(QGroupBox):
    """The site's name, address and tax number, as receipts print them."""

    editRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Site details on receipts"), parent)
        self.site = SiteDetails("", "", "")
        self.name_label = QLabel()
        self.address_label = QLabel()
        self.tax_label = QLabel()
        for label in (self.name_label, self.address_label, self.tax_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        self.edit_button = QPushButton(tr("Edit site details…"))
        self.edit_button.clicked.connect(self.editRequested)
        form = QFormLayout()
        form.addRow(tr("Name:"), self.name_label)
        form.addRow(tr("Address:"), self.address_label)
        form.addRow(tr("Tax number:"), self.tax_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignRight)

    def follow_roles(self, client: EngineClient) -> None:
        """Offer editing the site details only to someone who may (the admin role)."""
        allow(client, self.edit_button, Permission.SITE)

    def set_site(self, site: SiteDetails) -> None:
        """Show the details (a warning where one is missing)."""
        self.site = site
        missing = tr("⚠ not set")
        self.name_label.setText(site.name or missing)
        self.address_label.setText(site.address or missing)
        self.tax_label.setText(site.tax_number or missing)
