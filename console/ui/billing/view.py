"""The Billing tab: receipts with their payments, tariffs, and the site details.

Receipts of one year (or all) are read in a worker thread, on events (a session billed,
a receipt changed) and after every change made here; the filter, the year and "unpaid
only" narrow the table. Actions work on the selected receipt and report in the banner.
"""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.core.billing import Receipt, ReceiptStatus
from console.core.staff import Permission
from console.ui.billing.billing_actions import BillingActions
from console.ui.billing.reads import BillingSnapshot, read_billing
from console.ui.billing.receipts_model import (
    RECEIPT_ROLE,
    ReceiptColumn,
    ReceiptsTableModel,
    open_amount,
)
from console.ui.billing.receipts_proxy import ReceiptsFilterProxyModel
from console.ui.billing.tariffs_panel import SitePanel, TariffsPanel
from console.ui.billing.words import money_text, tr
from console.ui.cards.table import build_table
from console.ui.engine_client import EngineClient
from console.ui.loop_guard import run_or_retry
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper

RELOAD_DELAY_MS = 250  # events arriving together cause one read
_RELOAD_EVENTS = ("SessionBilled", "ReceiptChanged")
_WIDTH_SAMPLES = [
    "2026-00042",
    "2026-11-23 14:05",
    "Dr. Maria Hoffmann, B-XY 1234",
    "P2-DC-01 / 2",
    "Energy (kWh)",
    "EUR 1,234.56",
    "◷ Unpaid",
    "EUR 1,234.56 · card terminal",
]


class BillingView(QWidget):
    """Receipts (record payment, void and reissue, open, print), tariffs and site details."""

    loaded = Signal()  # the tab shows a fresh read

    def __init__(self, client: EngineClient, mirror: SiteMirror, parent: Any = None) -> None:
        super().__init__(parent)
        self.client = client
        self.mirror = mirror
        self.model = ReceiptsTableModel(self)
        self.proxy = ReceiptsFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.billing = BillingActions(client, self)
        self.billing.changed.connect(self.schedule_reload)
        self.billing.receiptIssued.connect(self._on_receipt_issued)
        self.snapshot: BillingSnapshot | None = None
        self._wanted: int | None = None  # receipt to select after the next read
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self._latest_load: asyncio.Task[None] | None = None
        self._generation = 0  # a newer read makes an older one's result obsolete
        self._build()
        self._reload_delay = QTimer(self)
        self._reload_delay.setSingleShot(True)
        self._reload_delay.setInterval(RELOAD_DELAY_MS)
        self._reload_delay.timeout.connect(self._on_reload_due)
        mirror.eventsArrived.connect(self._on_events_arrived)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._refresh_summary)
        QTimer.singleShot(0, self._on_reload_due)

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(tr("Filter number, customer, charger, reference…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(260)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.year_combo = QComboBox()
        self.year_combo.setToolTip(tr("Receipts are numbered per year"))
        self._fill_years([])
        self.year_combo.currentIndexChanged.connect(lambda _i: self.schedule_reload())
        self.unpaid_check = QCheckBox(tr("&Unpaid only"))
        self.unpaid_check.toggled.connect(self.proxy.set_unpaid_only)

        self.pay_button = QPushButton(tr("Record payment…"))
        self.pay_button.setToolTip(tr("Cash, card terminal, or invoice to a department"))
        self.void_button = QPushButton(tr("Void and reissue…"))
        self.void_button.setToolTip(tr("Cancel the receipt (it is kept) and issue a correction"))
        self.pdf_button = QPushButton(tr("Open PDF"))
        self.pdf_button.setToolTip(tr("Open the receipt in the PDF viewer"))
        self.print_button = QPushButton(tr("Print…"))
        self.pay_button.clicked.connect(lambda: self._act("pay"))
        self.void_button.clicked.connect(lambda: self._act("void"))
        self.pdf_button.clicked.connect(lambda: self._act("pdf"))
        self.print_button.clicked.connect(lambda: self._act("print"))

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addSpacing(8)
        year_caption = QLabel(tr("&Year:"))
        year_caption.setBuddy(self.year_combo)
        bar.addWidget(year_caption)
        bar.addWidget(self.year_combo)
        bar.addWidget(self.unpaid_check)
        bar.addStretch(1)
        for button in (self.pay_button, self.void_button, self.pdf_button, self.print_button):
            bar.addWidget(button)

        self.table = build_table(
            self.proxy, _WIDTH_SAMPLES, ReceiptColumn.NUMBER, Qt.SortOrder.DescendingOrder
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the customer takes the room, not "Paid"
        header.setSectionResizeMode(ReceiptColumn.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_row_activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)

        self.tariffs = TariffsPanel()
        self.tariffs.follow_roles(self.client)
        self.tariffs.addRequested.connect(lambda: self._edit_tariff(None))
        self.tariffs.editRequested.connect(self._edit_tariff)
        self.tariffs.retireRequested.connect(
            lambda row: self.billing.tasks.start(self.billing.retire_tariff(row))
        )
        self.site_panel = SitePanel()
        self.site_panel.follow_roles(self.client)
        self.site_panel.editRequested.connect(
            lambda: self.billing.tasks.start(self.billing.edit_site(self.site_panel.site))
        )
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.tariffs)
        lower.addWidget(self.site_panel)
        lower.setChildrenCollapsible(False)
        lower.setStretchFactor(0, 4)
        lower.setStretchFactor(1, 1)
        lower.setSizes([1070, 280])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([470, 230])  # receipts first; a site has a few tariffs

        self.summary_label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)  # as the other tabs, so they do not jump
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.billing.banner)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.summary_label)

        context = Qt.ShortcutContext.WindowShortcut
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self, context=context)
        self.find_shortcut.activated.connect(self._focus_filter)
        self.find_shortcut.setEnabled(False)
        self._on_selection_changed()
        when_actor_changes(self.client, self, self._on_selection_changed)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Ctrl+F filters receipts while the tab shows."""
        self.find_shortcut.setEnabled(True)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # Qt override
        """Other tabs use Ctrl+F for themselves."""
        self.find_shortcut.setEnabled(False)
        super().hideEvent(event)

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _fill_years(self, years: list[int]) -> None:
        chosen = self.year_combo.currentData() if self.year_combo.count() else date.today().year
        shown = sorted({date.today().year, *years}, reverse=True)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in shown:
            self.year_combo.addItem(str(year), year)
        self.year_combo.addItem(tr("All years"), None)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(chosen)))
        self.year_combo.blockSignals(False)

    # --- loading ------------------------------------------------------------------------

    def schedule_reload(self) -> None:
        """Read again shortly (several changes in a row cause one read)."""
        self._reload_delay.start()

    def _on_reload_due(self) -> None:
        run_or_retry(self.reload, self._reload_delay)

    def reload(self) -> asyncio.Task[None] | None:
        """Read receipts, tariffs and site details again (in a worker thread); None when
        no loop runs yet."""
        self._latest_load = self.tasks.start(self._load())
        return self._latest_load

    async def _load(self) -> None:
        self._generation += 1
        generation = self._generation
        year = self.year_combo.currentData()
        try:
            snapshot = await self.client.read(lambda q: read_billing(q, year))
        except Exception as error:  # shown, never swallowed: the tables would look empty
            self.billing.banner.show_error(
                tr("Billing could not be read: %1").replace("%1", str(error))
            )
            return
        if generation != self._generation:
            # A newer read is under way; whoever awaits this one waits for that one.
            latest = self._latest_load
            if latest is not None and latest is not asyncio.current_task():
                await asyncio.shield(latest)
            return
        self.snapshot = snapshot
        chosen = self._wanted or (r.id if (r := self.selected_receipt()) else None)
        self._wanted = None
        self.model.set_receipts(snapshot.receipts)
        if chosen is not None:
            self.select_receipt(chosen)
        self.tariffs.set_rows(snapshot.tariffs)
        self.site_panel.set_site(snapshot.site)
        self._fill_years(snapshot.years)
        self._on_selection_changed()
        self._refresh_summary()
        self.loaded.emit()

    def _on_events_arrived(self, events: list[Any]) -> None:
        if any(type(e).__name__ in _RELOAD_EVENTS for e in events):
            self.schedule_reload()

    def _on_receipt_issued(self, receipt: Receipt) -> None:
        self._wanted = receipt.id

    # --- selection ----------------------------------------------------------------------

    def selected_receipt(self) -> Receipt | None:
        """The receipt selected in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        receipt = rows[0].data(RECEIPT_ROLE)
        return receipt if isinstance(receipt, Receipt) else None

    def select_receipt(self, receipt_id: int) -> bool:
        """Select a receipt by id; False when it is not shown."""
        row = self.model.row_of(receipt_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _on_selection_changed(self, *_args: Any) -> None:
        receipt = self.selected_receipt()
        live = receipt is not None and receipt.status is not ReceiptStatus.VOID
        owing = live and receipt is not None and open_amount(receipt) > 0
        gate(self.client, self.pay_button, Permission.PAYMENTS, owing)
        gate(self.client, self.void_button, Permission.VOID_RECEIPTS, live)
        self.pdf_button.setEnabled(receipt is not None)
        self.print_button.setEnabled(receipt is not None)

    def _on_row_activated(self, _index: QModelIndex) -> None:
        self._act("pdf")

    def _on_context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for button, name in (
            (self.pay_button, "pay"),
            (self.void_button, "void"),
            (self.pdf_button, "pdf"),
            (self.print_button, "print"),
        ):
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(lambda _=False, n=name: self._act(n))
        menu.popup(self.table.viewport().mapToGlobal(position))

    # --- actions ------------------------------------------------------------------------

    def _act(self, name: str) -> asyncio.Task[Any] | None:
        receipt = self.selected_receipt()
        if receipt is None or self.billing.dialog is not None:
            return None
        work = {
            "pay": self.billing.record_payment,
            "void": self.billing.void,
            "pdf": self.billing.open_pdf,
            "print": self.billing.print_receipt,
        }[name]
        return self.billing.tasks.start(work(receipt))

    def _edit_tariff(self, row: Any) -> None:
        if self.billing.dialog is None:
            groups = self.snapshot.groups if self.snapshot else []
            self.billing.tasks.start(self.billing.edit_tariff(row, groups))

    # --- summary ------------------------------------------------------------------------

    def _refresh_summary(self, *_args: Any) -> None:
        receipts = [r for r in self.model.receipts() if self.proxy.accepts(r)]
        text = tr("%1 receipt(s) shown").replace("%1", str(len(receipts)))
        totals: dict[str, list[Decimal]] = {}
        for receipt in receipts:
            if receipt.status is ReceiptStatus.VOID:
                continue
            currency = receipt.content.breakdown.currency
            pair = totals.setdefault(currency, [Decimal(0), Decimal(0)])
            pair[0] += receipt.total
            pair[1] += open_amount(receipt)
        for currency, (total, still_open) in sorted(totals.items()):
            text += "   ·   " + tr("%1 billed, %2 open").replace(
                "%1", money_text(total, currency)
            ).replace("%2", money_text(still_open, currency))
        self.summary_label.setText(text)
