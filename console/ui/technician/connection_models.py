"""Table models of the Connections page: attempts, a charger's history, the PC's addresses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from console.core.enums import RefusalReason
from console.services.connections import (
    NO_HTTP_ANSWER,
    ConnectionAttempt,
    HistoryEntry,
    HistoryKind,
    InterfaceUrl,
    PortCheck,
)
from console.ui.detail.models import MUTED_COLOUR, RowsTableModel, local_time
from console.ui.technician import connection_words as words

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
ATTEMPT_ROLE = Qt.ItemDataRole.UserRole + 1  # the ConnectionAttempt of a row


def _header(headers: tuple[str, ...], section: int, orientation: Qt.Orientation, role: int) -> Any:
    horizontal = orientation == Qt.Orientation.Horizontal
    if horizontal and role == DISPLAY and 0 <= section < len(headers):
        return words.tr(headers[section])
    return None


class AttemptsTableModel(RowsTableModel[ConnectionAttempt]):
    """Every handshake, newest first: time, result, charger, reason, address, path."""

    headers = ("Time", "Result", "Charger", "Reason", "From", "URL path")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            lambda a: (a.at, a.charger_id, a.reason, a.peer, a.path, a.http_status, a.count),
            parent,
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        """Column titles."""
        return _header(self.headers, section, orientation, role)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        """Cell text, colours, tooltips and the attempt itself (ATTEMPT_ROLE)."""
        attempt = self.row(index)
        if attempt is None:
            return None
        column = index.column()
        if role == DISPLAY:
            return self._text(attempt, column)
        if role == ATTEMPT_ROLE:
            return attempt
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(attempt)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (1, 3):
                return words.colour(words.attempt_style(attempt.reason))
            if column in (0, 5):
                return MUTED_COLOUR
        return None

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

    headers = ("Time", "Event", "Details")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda e: (e.at, e.kind, e.gap_seconds), parent)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        """Column titles."""
        return _header(self.headers, section, orientation, role)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        """Cell text and colours."""
        entry = self.row(index)
        if entry is None:
            return None
        column = index.column()
        if role == DISPLAY:
            if column == 0:
                return local_time(entry.at)
            if column == 1:
                symbol = words.history_style(entry.kind)[1]
                return f"{symbol} {words.history_text(entry.kind)}"
            return self._details(entry)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return words.colour(words.history_style(entry.kind))
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return MUTED_COLOUR
        return None

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


class InterfacesTableModel(QAbstractTableModel):
    """The PC's addresses, the URL for chargers on each, and the port check's result."""

    headers = ("Interface", "Address", "URL for chargers", "Port check")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.urls: list[InterfaceUrl] = []
        self.checks: dict[tuple[str, int], PortCheck] = {}  # by (address, port)
        self.checking = False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of addresses."""
        return 0 if parent.isValid() else len(self.urls)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        """Column titles."""
        return _header(self.headers, section, orientation, role)

    def set_urls(self, urls: list[InterfaceUrl]) -> None:
        """Show these addresses; results of addresses that remain are kept."""
        self.beginResetModel()
        self.urls = list(urls)
        shown = {(u.address, u.port) for u in urls}
        self.checks = {key: check for key, check in self.checks.items() if key in shown}
        self.endResetModel()

    def set_checking(self, checking: bool) -> None:
        """Show that a check is running (results cleared) or finished."""
        self.checking = checking
        if checking:
            self.checks = {}
        self._result_changed()

    def set_checks(self, checks: list[PortCheck]) -> None:
        """Show the results of a port check."""
        self.checking = False
        self.checks = {(check.address, check.port): check for check in checks}
        self._result_changed()

    def _result_changed(self) -> None:
        if self.urls:
            last = len(self.urls) - 1
            self.dataChanged.emit(self.index(0, 3), self.index(last, 3))

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        """Cell text and colours."""
        if not index.isValid() or not 0 <= index.row() < len(self.urls):
            return None
        url, column = self.urls[index.row()], index.column()
        check = self.checks.get((url.address, url.port))
        if role == DISPLAY:
            if column == 0:
                return url.interface or "—"
            if column == 1:
                return url.address
            if column == 2:
                return url.url
            if self.checking:
                return words.tr("… checking")
            result = None if check is None else check.result
            symbol = words.reachability_style(result)[1]
            text = f"{symbol} {words.reachability_text(result)}"
            return f"{text}: {check.detail}" if check is not None and check.detail else text
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and not self.checking:
            return words.colour(words.reachability_style(None if check is None else check.result))
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return words.tr("Type this into the charger's central system URL, with its id.")
        return None
