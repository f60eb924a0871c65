"""Table models of the Connections page: attempts, a charger's history, the PC's addresses."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from console.core.enums import RefusalReason
from console.core.i18n import tr_noop
from console.services.connections import (
    NO_HTTP_ANSWER,
    ConnectionAttempt,
    HistoryEntry,
    HistoryKind,
    InterfaceUrl,
    PortCheck,
)
from console.ui.detail.models import MUTED_COLOUR, RowsTableModel, local_time
from console.ui.table_model import ROW_ROLE, Column, RowTableModel
from console.ui.technician import connection_words as words

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
ATTEMPT_ROLE = ROW_ROLE  # the ConnectionAttempt of a row


class AttemptsTableModel(RowsTableModel[ConnectionAttempt]):
    """Every handshake, newest first: time, result, charger, reason, address, path."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            lambda a: (a.at, a.charger_id, a.reason, a.peer, a.path, a.http_status, a.count),
            parent,
        )
        titles = (
            tr_noop("Connections", "Time"),
            tr_noop("Connections", "Result"),
            tr_noop("Connections", "Charger"),
            tr_noop("Connections", "Reason"),
            tr_noop("Connections", "From"),
            tr_noop("Connections", "URL path"),
        )
        foreground: dict[int, Callable[[ConnectionAttempt], Any]] = {
            0: _muted,
            1: _attempt_colour,
            3: _attempt_colour,
            5: _muted,
        }
        self.set_columns(
            Column[ConnectionAttempt](
                words.tr(title),
                functools.partial(self._text, column=number),
                tooltip=self._tooltip,
                foreground=foreground.get(number),
            )
            for number, title in enumerate(titles)
        )

    @staticmethod
    def _text(attempt: ConnectionAttempt, column: int) -> str:
        if column == 0:
            return local_time(attempt.at)
        if column == 1:
            symbol = words.attempt_style(attempt.reason)[1]
            word = words.tr("Accepted") if attempt.accepted else words.tr("Refused")
            return f"{symbol} {word}"
        if column == 2:
            return attempt.charger_id or "—"
        if column == 3:
            if attempt.accepted:
                return ""
            text = words.reason_text(attempt.reason)
            if attempt.count <= 1:
                return text
            # The count first: a long reason is cut at the column's end.
            return words.tr("%2 times · %1").replace("%1", text).replace("%2", str(attempt.count))
        if column == 4:
            return attempt.peer or "—"
        if attempt.accepted:
            return ""
        if attempt.http_status == NO_HTTP_ANSWER:
            if attempt.reason is RefusalReason.TLS_FAILURE:
                return words.tr("(encrypted) · no HTTP answer")
            return words.tr("wss:// port · refused in the TLS handshake")
        offer = words.offer_text(attempt.subprotocols, attempt.username)
        return f"{attempt.path} · HTTP {attempt.http_status} · {offer}"

    @staticmethod
    def _tooltip(attempt: ConnectionAttempt) -> str:
        advice = words.reason_advice(attempt.reason)
        if attempt.count <= 1 or attempt.first_at is None:
            return advice
        times = (
            words.tr("Refused %1 times from %2 to %3.")
            .replace("%1", str(attempt.count))
            .replace("%2", local_time(attempt.first_at))
            .replace("%3", local_time(attempt.at))
        )
        return f"{times}\n{advice}"


class AttemptsFilterProxy(QSortFilterProxyModel):
    """Filters attempts: refused only, one charger, any text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.refused_only = False
        self.charger_id: str | None = None
        self.text = ""

    def set_filter(
        self, refused_only: bool | None = None, charger_id: str | None = "", text: str | None = None
    ) -> None:
        """Change some of the filters ('' keeps the charger, None shows every charger)."""
        self.beginFilterChange()
        if refused_only is not None:
            self.refused_only = refused_only
        if charger_id != "":
            self.charger_id = charger_id
        if text is not None:
            self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Whether a row passes every filter."""
        model = self.sourceModel()
        attempt = model.data(model.index(source_row, 0, source_parent), ATTEMPT_ROLE)
        if not isinstance(attempt, ConnectionAttempt):
            return False
        if self.refused_only and attempt.accepted:
            return False
        if self.charger_id is not None and attempt.charger_id != self.charger_id:
            return False
        if self.text:
            cells = " ".join(
                str(model.data(model.index(source_row, c, source_parent), DISPLAY) or "")
                for c in range(model.columnCount(source_parent))
            )
            return self.text in cells.casefold()
        return True


class HistoryTableModel(RowsTableModel[HistoryEntry]):
    """A charger's connection history, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda e: (e.at, e.kind, e.gap_seconds), parent)
        self.set_columns(
            (
                Column[HistoryEntry](
                    words.tr("Time"), lambda e: local_time(e.at), foreground=_muted
                ),
                Column[HistoryEntry](
                    words.tr("Event"),
                    lambda e: f"{words.history_style(e.kind)[1]} {words.history_text(e.kind)}",
                    foreground=lambda e: words.colour(words.history_style(e.kind)),
                ),
                Column[HistoryEntry](words.tr("Details"), self._details),
            )
        )

    @staticmethod
    def _details(entry: HistoryEntry) -> str:
        if entry.kind is HistoryKind.CONNECTED:
            return words.tr("from %1").replace("%1", entry.peer or "?")
        if entry.kind is HistoryKind.DISCONNECTED:
            text = words.close_code_text(entry.close_code)
            return f"{text}: {entry.close_reason}" if entry.close_reason else text
        if entry.kind is HistoryKind.BOOT:
            if entry.firmware:
                return words.tr("firmware %1").replace("%1", entry.firmware)
            return ""
        gap = words.duration_text(entry.gap_seconds or 0)
        return words.tr("nothing heard for %1").replace("%1", gap)


class InterfacesTableModel(RowTableModel[InterfaceUrl]):
    """The PC's addresses, the URL for chargers on each, and the port check's result."""

    CHECK = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checks: dict[tuple[str, int], PortCheck] = {}  # by (address, port)
        self.checking = False
        self.set_columns(
            (
                Column[InterfaceUrl](words.tr("Interface"), lambda u: u.interface or "—"),
                Column[InterfaceUrl](words.tr("Address"), lambda u: u.address),
                Column[InterfaceUrl](
                    words.tr("URL for chargers"),
                    lambda u: u.url,
                    tooltip=lambda _u: words.tr(
                        "Type this into the charger's central system URL, with its id."
                    ),
                ),
                Column[InterfaceUrl](
                    words.tr("Port check"), self._check_text, foreground=self._check_colour
                ),
            )
        )

    @property
    def urls(self) -> list[InterfaceUrl]:
        """The addresses shown."""
        return self.rows

    def set_urls(self, urls: list[InterfaceUrl]) -> None:
        """Show these addresses; results of addresses that remain are kept."""
        shown = {(u.address, u.port) for u in urls}
        self.checks = {key: check for key, check in self.checks.items() if key in shown}
        self.set_rows(urls)

    def set_checking(self, checking: bool) -> None:
        """Show that a check is running (results cleared) or finished."""
        self.checking = checking
        if checking:
            self.checks = {}
        self.columns_changed(self.CHECK, self.CHECK)

    def set_checks(self, checks: list[PortCheck]) -> None:
        """Show the results of a port check."""
        self.checking = False
        self.checks = {(check.address, check.port): check for check in checks}
        self.columns_changed(self.CHECK, self.CHECK)

    def _check_text(self, url: InterfaceUrl) -> str:
        if self.checking:
            return words.tr("… checking")
        check = self.checks.get((url.address, url.port))
        result = None if check is None else check.result
        symbol = words.reachability_style(result)[1]
        text = f"{symbol} {words.reachability_text(result)}"
        return f"{text}: {check.detail}" if check is not None and check.detail else text

    def _check_colour(self, url: InterfaceUrl) -> Any:
        if self.checking:
            return None
        check = self.checks.get((url.address, url.port))
        return words.colour(words.reachability_style(None if check is None else check.result))


def _muted(_row: object) -> Any:
    return MUTED_COLOUR


def _attempt_colour(attempt: ConnectionAttempt) -> Any:
    return words.colour(words.attempt_style(attempt.reason))
