"""Table models of the Security page: installed certificates, issued ones, events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from console.ui.technician import security_words as words
from console.ui.technician.security_words import field

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
Column = tuple[str, Callable[[Any], str]]

CRITICAL_COLOUR = QColor("#B04A00")


class SecurityRowsModel(QAbstractTableModel):
    """A read-only list of rows shown through ``columns`` (title, text of a row)."""

    columns: tuple[Column, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of rows (a table has no children)."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return words.tr(self.columns[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text (whole in the tooltip) and the row itself (ROW_ROLE)."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(row)
        return None

    def colour(self, row: Any) -> QColor | None:
        """A row's text colour (None: the usual)."""
        return None

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows`` instead of the ones shown."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()


@dataclass(frozen=True, slots=True)
class InstalledCertificate:
    """One certificate a charger holds: the type asked for and its hash data."""

    certificate_type: str
    hash_data: Any  # CertificateHashData: a dataclass or the charger's dictionary


def _hash(name: str, camel: str) -> Callable[[InstalledCertificate], str]:
    return lambda row: str(field(row.hash_data, name, camel, default=""))


class InstalledCertificatesModel(SecurityRowsModel):
    """The certificates a charger said it holds (GetInstalledCertificateIds)."""

    columns: tuple[Column, ...] = (
        ("Type", lambda r: words.certificate_type_text(r.certificate_type)),
        ("Serial number", _hash("serial_number", "serialNumber")),
        ("Issuer name hash", _hash("issuer_name_hash", "issuerNameHash")),
        ("Issuer key hash", _hash("issuer_key_hash", "issuerKeyHash")),
        ("Algorithm", _hash("hash_algorithm", "hashAlgorithm")),
    )


def _valid_until(row: Any) -> str:
    return words.expiry_text(field(row, "not_after"), datetime.now(UTC))


class IssuedCertificatesModel(SecurityRowsModel):
    """The certificates the site CA signed for the charger, newest first."""

    columns: tuple[Column, ...] = (
        ("Issued", lambda r: words.time_text(field(r, "issued_at", "not_before"))),
        ("Subject", lambda r: str(field(r, "subject", default=""))),
        ("Valid", _valid_until),
        ("Serial", lambda r: str(field(r, "serial", default=""))),
        ("SHA-256 fingerprint", lambda r: words.fingerprint_text(field(r, "fingerprint"))),
    )

    def colour(self, row: Any) -> QColor | None:
        """Expired certificates stand out."""
        not_after = field(row, "not_after")
        if isinstance(not_after, datetime) and not_after < datetime.now(UTC):
            return CRITICAL_COLOUR
        return None


class SecurityEventsModel(SecurityRowsModel):
    """The charger's SecurityEventNotifications, newest first."""

    columns: tuple[Column, ...] = (
        ("Time", lambda r: words.time_text(field(r, "at", "timestamp", "received_at"))),
        ("Type", lambda r: str(field(r, "kind", "type", "event_type", default=""))),
        ("Severity", lambda r: words.severity_text(field(r, "severity"))),
        ("Technical information", lambda r: str(field(r, "tech_info", "techInfo", default=""))),
    )

    def colour(self, row: Any) -> QColor | None:
        """Critical events stand out."""
        if str(field(row, "severity", default="")).lower() == "critical":
            return CRITICAL_COLOUR
        return None
