"""Energy, sessions and revenue by day, week, month, charger or group: a chart and a table."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.services.formatting import zone_label
from console.services.reports import ReportBy, ReportRow, write_energy_report_csv
from console.ui import locale_format
from console.ui.cards.table import build_table
from console.ui.reports.bar_chart import ReportBarChartWidget
from console.ui.reports.energy_model import (
    EnergyReportTableModel,
    TotalLastProxyModel,
    measure_text,
    measure_value,
)
from console.ui.reports.files import ReportFiles
from console.ui.reports.latest import LatestRead, Reader, Superseded
from console.ui.reports.source import energy_read
from console.ui.reports.words import (
    TIME_GROUPINGS,
    Measure,
    energy_rule_text,
    grouping_word,
    key_label,
    measure_word,
)
from console.ui.tasks import TaskKeeper

_WIDTH_SAMPLES = ["Wed 2026-12-31 0", "Sessions 0", "Energy (kWh) 0", "Revenue (EUR) 0"]


class EnergyReportPage(QWidget):
    """Group-by and measure pickers, a bar chart of the measure and a table with totals."""

    loaded = Signal()  # the chart and table show a fresh report
    failed = Signal(str)  # a read went wrong; the message for a person
    message = Signal(str)  # an outcome to show in the tab's message line

    def __init__(self, client: Reader, files: ReportFiles, parent: Any = None) -> None:
        super().__init__(parent)
        self.files = files
        self.reads = LatestRead(client, self)
        self.model = EnergyReportTableModel(self)
        self.proxy = TotalLastProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self._days: tuple[date, date] | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self._build()

    def _build(self) -> None:
        self.by_combo = QComboBox()
        for by in ReportBy:
            self.by_combo.addItem(grouping_word(by), by)
        self.by_combo.currentIndexChanged.connect(self._on_by_changed)
        self.measure_combo = QComboBox()
        self.measure_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_measures([])
        self.measure_combo.currentIndexChanged.connect(self._on_measure_changed)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Write this report, as the table shows it, to CSV"))
        self.export_button.clicked.connect(self._on_export_clicked)

        controls = QHBoxLayout()
        for text, combo in (
            (self.tr("&Group by:"), self.by_combo),
            (self.tr("&Show:"), self.measure_combo),
        ):
            caption = QLabel(text)
            caption.setBuddy(combo)
            controls.addWidget(caption)
            controls.addWidget(combo)
            controls.addSpacing(12)
        controls.addStretch(1)
        controls.addWidget(self.export_button)

        self.chart = ReportBarChartWidget()
        self.table = build_table(self.proxy, _WIDTH_SAMPLES)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_selected)
        self.proxy.layoutChanged.connect(self._on_order_changed)  # the chart follows the table
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.summary_label = QLabel()
        # What the figures count, so a different total elsewhere is not a mystery.
        self.rule_label = QLabel(energy_rule_text())
        self.rule_label.setWordWrap(True)
        self.rule_label.setStyleSheet("color:#4A5560;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.rule_label)

    # --- choices ------------------------------------------------------------------------

    def by(self) -> ReportBy:
        """How the report is grouped."""
        return ReportBy(self.by_combo.currentData())

    def measure(self) -> tuple[Measure, str | None]:
        """What the chart shows, and the currency when it is revenue."""
        data = self.measure_combo.currentData()
        if data is None:
            return Measure.ENERGY, None
        measure, currency = data
        return Measure(measure), currency

    def choose(self, by: ReportBy | None = None, measure: Measure | None = None) -> None:
        """Pick a grouping and a measure (as a person would)."""
        if by is not None:
            self.by_combo.setCurrentIndex(self.by_combo.findData(by))
        if measure is not None:
            for index in range(self.measure_combo.count()):
                if self.measure_combo.itemData(index)[0] == measure:
                    self.measure_combo.setCurrentIndex(index)
                    break

    def _fill_measures(self, currencies: list[str]) -> None:
        """Energy, sessions, and revenue once per currency (money is never added up across)."""
        chosen = self.measure_combo.currentData()
        combo = self.measure_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(measure_word(Measure.ENERGY), (Measure.ENERGY, None))
        combo.addItem(measure_word(Measure.SESSIONS), (Measure.SESSIONS, None))
        choices: list[str | None] = list(currencies) or [None]
        for currency in choices:
            combo.addItem(measure_word(Measure.REVENUE, currency), (Measure.REVENUE, currency))
        found = combo.findData(chosen) if chosen is not None else 0
        if found < 0 and chosen is not None and chosen[0] == Measure.REVENUE:
            found = 2  # the revenue of another currency
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    # --- loading ------------------------------------------------------------------------

    def load(self, first: date, last: date) -> asyncio.Task[Any] | None:
        """Read the report of these local days in a worker thread; newer loads win."""
        self._days = (first, last)
        return self.tasks.start(self._load(first, last, self.by()))

    def reload(self) -> asyncio.Task[Any] | None:
        """Read the last period again (after the grouping changed)."""
        return self.load(*self._days) if self._days is not None else None

    async def _load(self, first: date, last: date, by: ReportBy) -> None:
        try:
            rows = await self.reads.read(energy_read(first, last, by))
        except Superseded:
            return
        except Exception as error:  # shown, never swallowed: an empty chart would mislead
            self.failed.emit(self.tr("The report could not be read: %1").replace("%1", str(error)))
            return
        self.show_report(rows, by)
        self.loaded.emit()

    def show_report(self, rows: list[ReportRow], by: ReportBy) -> None:
        """Put a report in the table and the chart."""
        self.model.set_report(rows, by)
        self._fill_measures(self.model.currencies)
        if by in TIME_GROUPINGS:
            self.proxy.sort(-1)  # time order, as the report comes
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._fit_table()
        self._redraw()
        self._refresh_summary()

    def _fit_table(self) -> None:
        """Columns as wide as their contents; the table gets the room it needs, the chart
        the rest (but never less than half)."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        needed = header.length() + self.table.verticalScrollBar().sizeHint().width() + 6
        total = sum(self.splitter.sizes()) or self.width()
        table = min(needed, total // 2)
        self.splitter.setSizes([total - table, table])

    # --- drawing ------------------------------------------------------------------------

    def _redraw(self) -> None:
        measure, currency = self.measure()
        rows = self.proxy.visible_rows()
        by = self.model.by
        values = [measure_value(row, measure, currency) for row in rows]
        texts = [measure_text(value, measure) for value in values]
        unit = {Measure.ENERGY: "kWh", Measure.SESSIONS: "", Measure.REVENUE: currency or ""}
        empty = ""
        if measure is Measure.REVENUE and not currency:
            empty = self.tr("No billed revenue in this period")
        elif not rows or not any(values):
            empty = self.tr("No finished sessions in this period")
        self.chart.set_bars(
            [key_label(row.key, by, short=True) for row in rows],
            values,
            texts,
            measure_word(measure, currency),
            long_labels=[key_label(row.key, by) for row in rows],
            empty_message=empty,
            unit=unit[measure],
        )

    def _refresh_summary(self) -> None:
        total = self.model.total()
        locale = QLocale()
        parts = [
            QCoreApplication.translate("Reports", "%n session(s)", "", total.sessions),
            locale.toString(float(total.energy_kwh), "f", 1) + " kWh",
        ]
        parts += [
            locale_format.format_money(Decimal(str(amount)), currency)
            for currency, amount in total.revenue.items()
        ]
        text = self.tr("Total: ") + " · ".join(parts)
        if total.unbilled:
            text += self.tr(" · %n session(s) without a bill", "", total.unbilled)
        self.summary_label.setText(text)

    # --- reactions ----------------------------------------------------------------------

    def _on_by_changed(self, _index: int) -> None:
        self.reload()

    def _on_measure_changed(self, _index: int) -> None:
        self._redraw()

    def _on_row_selected(self, current: Any, _previous: Any) -> None:
        row = current.row() if current.isValid() else -1
        self.chart.hover(row if row < len(self.proxy.visible_rows()) else -1)

    def _on_order_changed(self, *_args: Any) -> None:
        self._redraw()

    # --- export -------------------------------------------------------------------------

    def export_csv(self) -> asyncio.Task[Any] | None:
        """Ask where, then write the report as the table shows it (with its total line)."""
        if self._days is None:
            return None
        first, last = self._days
        by = self.model.by
        name = f"energy-by-{by.value}_{first.isoformat()}_{last.isoformat()}.csv"
        path = self.files.choose_path(
            self.tr("Export energy report"),
            self.files.suggested(name),
            self.tr("CSV files (*.csv)"),
        )
        if not path:
            return None
        rows = self.proxy.visible_rows()

        zone = zone_label()  # the site's: its days, weeks and months

        def write(target: Path) -> int:
            return write_energy_report_csv(rows, by, target, zone)

        return self.tasks.start(self.files.save(path, write))

    def _on_export_clicked(self) -> None:
        self.export_csv()
