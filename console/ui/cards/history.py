"""The sessions charged with a card, or with all cards of a person: totals and a table."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QSettings,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.authorization import normalize_id_tag
from console.core.billing import SessionBill
from console.core.enums import CardStatus
from console.core.model import Session
from console.services.card_history import CardHistory, write_history_csv
from console.ui.cards.table import build_table
from console.ui.cards.words import block_reason_text, local_time_text
from console.ui.table_model import RIGHT, SORT_ROLE, Column, RowTableModel
from console.ui.tasks import TaskKeeper


class HistoryColumn(IntEnum):
    """The history table's columns, in order."""

    SESSION = 0
    CARD = 1
    CHARGER = 2
    START = 3
    END = 4
    ENERGY = 5
    DURATION = 6
    COST = 7


def duration_text(session: Session) -> str:
    """How long a finished session lasted, as h:mm; empty while it runs."""
    if session.stopped_at is None:
        return ""
    minutes = max(0, int((session.stopped_at - session.started_at).total_seconds())) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def energy_text(session: Session) -> str:
    """Energy in kWh, or empty while the session runs."""
    energy = session.energy_wh
    return "" if energy is None else f"{energy / 1000:.2f}"


class HistorySessionsModel(RowTableModel[Session]):
    """The sessions of a history, one per row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._bills: Mapping[int, SessionBill] = {}
        self._running = self.tr("running")
        titles = column_titles()
        right = {
            HistoryColumn.SESSION,
            HistoryColumn.ENERGY,
            HistoryColumn.DURATION,
            HistoryColumn.COST,
        }
        self.set_columns(
            Column[Session](
                titles[column],
                functools.partial(self._text, column=column),
                sort=functools.partial(self._key, column=column),
                align=RIGHT if column in right else None,
            )
            for column in HistoryColumn
        )

    def set_sessions(
        self, sessions: Sequence[Session], bills: Mapping[int, SessionBill] | None = None
    ) -> None:
        """Show exactly these sessions, with the bills of those billed."""
        self._bills = dict(bills or {})
        self.set_rows(sessions)

    def _key(self, session: Session, column: HistoryColumn) -> Any:
        match column:
            case HistoryColumn.SESSION:
                return session.id
            case HistoryColumn.START:
                return session.started_at.timestamp()
            case HistoryColumn.END:
                return session.stopped_at.timestamp() if session.stopped_at else 1e12
            case HistoryColumn.ENERGY:
                return session.energy_wh or 0
            case HistoryColumn.DURATION:
                end = session.stopped_at or session.started_at
                return (end - session.started_at).total_seconds()
            case HistoryColumn.COST:
                bill = self._bills.get(session.id)
                return float(bill.breakdown.gross_total) if bill is not None else -1.0
            case _:
                return self._text(session, column).casefold()

    def _text(self, session: Session, column: HistoryColumn) -> str:
        match column:
            case HistoryColumn.SESSION:
                return str(session.id)
            case HistoryColumn.CARD:
                return session.id_tag
            case HistoryColumn.CHARGER:
                return f"{session.charger_id} / {session.connector_id}"
            case HistoryColumn.START:
                return local_time_text(session.started_at)
            case HistoryColumn.END:
                return local_time_text(session.stopped_at) if session.stopped_at else self._running
            case HistoryColumn.ENERGY:
                return energy_text(session)
            case HistoryColumn.DURATION:
                return duration_text(session)
            case HistoryColumn.COST:
                bill = self._bills.get(session.id)
                return "" if bill is None else money_text(bill.breakdown.gross_total, bill)


def money_text(amount: Decimal, bill: SessionBill) -> str:
    """An amount with its currency, as the billing views write it."""
    return f"{bill.breakdown.currency} {amount:,.2f}"


def costs_text(history: CardHistory) -> str:
    """The billed total per currency, or a dash when nothing was billed."""
    costs = history.costs
    if not costs:
        return "—"
    return ", ".join(f"{currency} {amount:,.2f}" for currency, amount in sorted(costs.items()))


def column_titles() -> list[str]:
    """The history table's column titles."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("HistorySessionsModel", text)

    return [
        tr("Session"),
        tr("Card"),
        tr("Charger / connector"),
        tr("Start"),
        tr("End"),
        tr("Energy (kWh)"),
        tr("Duration"),
        tr("Cost"),
    ]


_STATUS_CHANGES_SHOWN = 6


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryDialog", text)


def status_changes_text(history: CardHistory) -> str:
    """When and why the cards were blocked, unblocked or retired, newest first."""
    changes = history.status_changes
    if not changes:
        return ""
    several = len({normalize_id_tag(change.id_tag) for change in changes}) > 1
    lines = []
    for change in changes[:_STATUS_CHANGES_SHOWN]:
        word = {
            CardStatus.ACTIVE: _tr("active again"),
            CardStatus.BLOCKED: _tr("blocked"),
            CardStatus.RETIRED: _tr("retired"),
        }[change.status]
        line = f"{local_time_text(change.at)}  {word}"
        if several:
            line = f"{local_time_text(change.at)}  {change.id_tag} {word}"
        if change.status is CardStatus.BLOCKED:
            line += " — " + block_reason_text(change.reason, change.detail)
        lines.append(line)
    hidden = len(changes) - _STATUS_CHANGES_SHOWN
    if hidden > 0:
        lines.append(_tr("… and %1 earlier changes").replace("%1", str(hidden)))
    return _tr("Status changes:") + "\n" + "\n".join(lines)


class HistoryDialog(QDialog):
    """Totals and sessions of a card or a person; Export CSV… writes in a worker thread.

    ``choose_export_path`` may be replaced (tests do).
    """

    def __init__(self, title: str, history: CardHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.history = history
        self.export_task: asyncio.Task[None] | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self.setWindowTitle(self.tr("History — %1").replace("%1", title))
        self.model = HistorySessionsModel(self)
        self.model.set_sessions(history.sessions, history.bills)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(self.model)
        samples = ["Session", "04A2B3C4D5E6", "HOSP-PARK-B-012 / 2", "2026-12-31 23:59"]
        samples += ["2026-12-31 23:59", "Energy (kWh)", "Duration", "EUR 1,234.56"]
        self.table = build_table(
            self.proxy, samples, HistoryColumn.START, Qt.SortOrder.DescendingOrder
        )
        heading = QLabel(f"<b>{_escape(title)}</b>")
        heading.setStyleSheet("font-size:14px;")
        totals = QGridLayout()
        figures = [
            (self.tr("Sessions"), f"{history.session_count:,}"),
            (self.tr("Energy"), f"{history.energy_kwh:,.1f} kWh"),
            (
                self.tr("First use"),
                local_time_text(history.first_use) if history.first_use else "—",
            ),
            (self.tr("Last use"), local_time_text(history.last_use) if history.last_use else "—"),
            (self.tr("Cost"), costs_text(history)),
        ]
        self.total_labels: dict[str, QLabel] = {}
        for column, (caption, value) in enumerate(figures):
            name = QLabel(caption)
            name.setStyleSheet("color:#555;")
            figure = QLabel(value)
            figure.setStyleSheet("font-size:16px; font-weight:bold;")
            figure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            totals.addWidget(name, 0, column)
            totals.addWidget(figure, 1, column)
            self.total_labels[caption] = figure
        self.status_label = QLabel(status_changes_text(history))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setVisible(bool(history.status_changes))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setEnabled(history.session_count > 0)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(totals)
        layout.addWidget(self.status_label)
        if not history.session_count:
            layout.addWidget(QLabel(self.tr("No sessions were charged with this card yet.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.resize(920, 540)

    def choose_export_path(self, suggested: str) -> str | None:
        """Where to write the CSV; None when the person cancels."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export history"), suggested, self.tr("CSV files (*.csv)")
        )
        return path or None

    def export_csv(self) -> asyncio.Task[None] | None:
        """Ask where, then write the sessions in a worker thread."""
        if self.export_task is not None and not self.export_task.done():
            return None
        folder = QSettings().value("cards/export_folder", str(Path.home()))
        name = "history_" + "".join(c if c.isalnum() else "_" for c in self.title)
        path = self.choose_export_path(str(Path(str(folder)) / f"{name}.csv"))
        if not path:
            return None
        self.export_task = self.tasks.start(self._export(path))
        return self.export_task

    def _on_export_clicked(self) -> None:
        self.export_csv()

    async def _export(self, path: str) -> None:
        self.export_button.setEnabled(False)
        self.message_label.setStyleSheet("")
        self.message_label.setText(self.tr("Exporting…"))
        try:
            rows = await asyncio.to_thread(write_history_csv, self.history, Path(path))
        except Exception as error:  # shown, never swallowed
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            self.message_label.setStyleSheet("color:#A33F00; font-weight:bold;")
            self.message_label.setText(
                self.tr("⚠ The history could not be written to %1: %2")
                .replace("%1", path)
                .replace("%2", reason)
            )
        else:
            QSettings().setValue("cards/export_folder", str(Path(path).parent))
            self.message_label.setText(self.tr("✓ %n session(s) exported to ", "", rows) + path)
        finally:
            self.export_button.setEnabled(True)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
