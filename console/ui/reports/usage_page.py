"""When the site is used: the weekday x hour heat map and utilisation per connector."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.services.formatting import zone_label
from console.services.report_usage import (
    ConnectorUtilisation,
    HeatMap,
    HeatMapTotals,
    write_heatmap_csv,
    write_utilisation_csv,
)
from console.ui.cards.table import build_table
from console.ui.reports.colours import CHARGING_COLOUR, OCCUPIED_COLOUR
from console.ui.reports.files import ReportFiles
from console.ui.reports.heatmap_model import HeatmapTableModel
from console.ui.reports.heatmap_view import HeatLegendWidget, build_heatmap_table
from console.ui.reports.latest import LatestRead, Reader, Superseded
from console.ui.reports.share_delegate import ShareBarDelegate
from console.ui.reports.source import heatmap_read, utilisation_read
from console.ui.reports.utilisation_model import (
    CHARGING,
    OCCUPIED,
    UtilisationProxyModel,
    UtilisationTableModel,
)
from console.ui.reports.words import agreement_text
from console.ui.tasks import TaskKeeper

_UTILISATION_SAMPLES = [
    "HOSP-PARK-B-012",
    "Connector",
    "██████████████ 100.0 %",
    "██████████████ 100.0 %",
    "Charging (h) 0",
    "Occupied (h) 0",
]


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class UsageReportPage(QWidget):
    """The heat map above (with its kWh scale) and the connectors' utilisation below."""

    loaded = Signal()  # both reports show a fresh read
    failed = Signal(str)

    def __init__(self, client: Reader, files: ReportFiles, parent: Any = None) -> None:
        super().__init__(parent)
        self.files = files
        self.heatmap_reads = LatestRead(client, self)
        self.utilisation_reads = LatestRead(client, self)
        self.heatmap_model = HeatmapTableModel(self)
        self.utilisation_model = UtilisationTableModel(self)
        self.utilisation_proxy = UtilisationProxyModel(self)
        self.utilisation_proxy.setSourceModel(self.utilisation_model)
        self._days: tuple[date, date] | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self._build()

    def _build(self) -> None:
        self.heatmap_export_button = QPushButton(self.tr("Export heat map CSV…"))
        self.heatmap_export_button.clicked.connect(self._on_heatmap_export_clicked)
        self.heatmap_total_label = QLabel()
        top_bar = QHBoxLayout()
        top_bar.addWidget(_heading(self.tr("Peak hours: energy charged by weekday and hour")))
        top_bar.addSpacing(12)
        top_bar.addWidget(self.heatmap_total_label)
        top_bar.addStretch(1)
        top_bar.addWidget(self.heatmap_export_button)
        self.heatmap_table = build_heatmap_table(self.heatmap_model)
        self.legend = HeatLegendWidget()
        # Why this total may differ from the energy report's: said under the figure.
        self.agreement_label = QLabel()
        self.agreement_label.setWordWrap(True)
        self.agreement_label.setStyleSheet("color:#4A5560;")
        heat = QWidget()
        heat_layout = QVBoxLayout(heat)
        heat_layout.setContentsMargins(0, 0, 0, 0)
        heat_layout.addLayout(top_bar)
        heat_layout.addWidget(self.heatmap_table, 1)
        heat_layout.addWidget(self.legend)
        heat_layout.addWidget(self.agreement_label)

        self.utilisation_export_button = QPushButton(self.tr("Export utilisation CSV…"))
        self.utilisation_export_button.clicked.connect(self._on_utilisation_export_clicked)
        bottom_bar = QHBoxLayout()
        bottom_bar.addWidget(_heading(self.tr("Utilisation per connector")))
        bottom_bar.addSpacing(12)
        note = QLabel(
            self.tr("share of the period spent charging, and occupied by a car (plugged in)")
        )
        bottom_bar.addWidget(note)
        bottom_bar.addStretch(1)
        bottom_bar.addWidget(self.utilisation_export_button)
        self.utilisation_table = build_table(
            self.utilisation_proxy, _UTILISATION_SAMPLES, CHARGING, Qt.SortOrder.DescendingOrder
        )
        self.utilisation_table.horizontalHeader().setStretchLastSection(False)
        self.utilisation_table.setItemDelegateForColumn(
            CHARGING, ShareBarDelegate(CHARGING_COLOUR, self.utilisation_table)
        )
        self.utilisation_table.setItemDelegateForColumn(
            OCCUPIED, ShareBarDelegate(OCCUPIED_COLOUR, self.utilisation_table)
        )
        use = QWidget()
        use_layout = QVBoxLayout(use)
        use_layout.setContentsMargins(0, 0, 0, 0)
        use_layout.addLayout(bottom_bar)
        use_layout.addWidget(self.utilisation_table, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(heat)
        self.splitter.addWidget(use)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

    # --- loading ------------------------------------------------------------------------

    def load(self, first: date, last: date) -> asyncio.Task[Any] | None:
        """Read both reports of these local days in worker threads; newer loads win."""
        self._days = (first, last)
        return self.tasks.start(self._both(first, last))

    async def _both(self, first: date, last: date) -> None:
        # Both reads run at once; "loaded" says both tables show this period.
        results = await asyncio.gather(
            self._load_heatmap(first, last), self._load_utilisation(first, last)
        )
        if all(results):
            self.loaded.emit()

    async def _load_heatmap(self, first: date, last: date) -> bool:
        try:
            matrix, totals = await self.heatmap_reads.read(heatmap_read(first, last))
        except Superseded:
            return False
        except Exception as error:  # shown, never swallowed
            self.failed.emit(
                self.tr("The heat map could not be read: %1").replace("%1", str(error))
            )
            return False
        self.show_heatmap(matrix, totals)
        return True

    async def _load_utilisation(self, first: date, last: date) -> bool:
        try:
            rows = await self.utilisation_reads.read(utilisation_read(first, last))
        except Superseded:
            return False
        except Exception as error:  # shown, never swallowed
            self.failed.emit(self.tr("Utilisation could not be read: %1").replace("%1", str(error)))
            return False
        self.show_utilisation(rows)
        return True

    def show_heatmap(self, matrix: HeatMap, totals: HeatMapTotals | None = None) -> None:
        """Put a 7 x 24 matrix of kWh in the heat map, and say how its total meets the
        energy report's (``totals``)."""
        self.heatmap_model.set_matrix(matrix)
        self.legend.set_top(self.heatmap_model.top)
        total = QLocale().toString(self.heatmap_model.total(), "f", 1)
        self.heatmap_total_label.setText(self.tr("%1 kWh in the period").replace("%1", total))
        self.agreement_label.setText(agreement_text(totals) if totals is not None else "")

    def show_utilisation(self, rows: list[ConnectorUtilisation]) -> None:
        """Put the connectors' shares in the utilisation table."""
        self.utilisation_model.set_rows(rows)

    # --- export -------------------------------------------------------------------------

    def _name(self, what: str) -> str:
        assert self._days is not None
        return f"{what}_{self._days[0].isoformat()}_{self._days[1].isoformat()}.csv"

    def export_heatmap_csv(self) -> asyncio.Task[Any] | None:
        """Ask where, then write the heat map's kWh (weekdays x hours) to CSV."""
        if self._days is None:
            return None
        path = self.files.choose_path(
            self.tr("Export heat map"),
            self.files.suggested(self._name("peak-hours")),
            self.tr("CSV files (*.csv)"),
        )
        if not path:
            return None
        model = self.heatmap_model
        matrix = [[model.kwh(day, hour) for hour in range(24)] for day in range(7)]

        zone = zone_label()  # the site's: its weekdays and hours

        def write(target: Path) -> int:
            return write_heatmap_csv(matrix, target, zone)

        return self.tasks.start(self.files.save(path, write))

    def export_utilisation_csv(self) -> asyncio.Task[Any] | None:
        """Ask where, then write the connectors, in the table's order, to CSV."""
        if self._days is None:
            return None
        path = self.files.choose_path(
            self.tr("Export utilisation"),
            self.files.suggested(self._name("utilisation")),
            self.tr("CSV files (*.csv)"),
        )
        if not path:
            return None
        rows = self.utilisation_proxy.visible_rows()

        def write(target: Path) -> int:
            return write_utilisation_csv(rows, target)

        return self.tasks.start(self.files.save(path, write))

    def _on_heatmap_export_clicked(self) -> None:
        self.export_heatmap_csv()

    def _on_utilisation_export_clicked(self) -> None:
        self.export_utilisation_csv()
