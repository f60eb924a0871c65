"""Table models of the Security page: installed certificates, issued ones, events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from console.core.i18n import tr_noop
from console.ui.table_model import Column, RowTableModel
from console.ui.technician import security_words as words
from console.ui.technician.security_words import field

Spec = tuple[str, Callable[[Any], str]]  # a column: its title and the text of a row

CRITICAL_COLOUR = QColor("#B04A00")


class SecurityRowsModel(RowTableModel[Any]):
    """A read-only list of rows shown through ``COLUMNS`` (title, text of a row); the
    whole text is in each cell's tooltip, the row itself under ``ROW_ROLE``."""

    COLUMNS: tuple[Spec, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            Column[Any](words.tr(title), text, tooltip=text, foreground=self.colour)
            for title, text in self.COLUMNS
        )

    def colour(self, row: Any) -> QColor | None:
        """A row's text colour (None: the usual)."""
        return None


@dataclass(frozen=True, slots=True)
class InstalledCertificate:
    """One certificate a charger holds: the type asked for and its hash data."""

    certificate_type: str
    hash_data: Any  # CertificateHashData: a dataclass or the charger's dictionary


def _hash(name: str, camel: str) -> Callable[[InstalledCertificate], str]:
    return lambda row: str(field(row.hash_data, name, camel, default=""))


class InstalledCertificatesModel(SecurityRowsModel):
    """The certificates a charger said it holds (GetInstalledCertificateIds)."""

    COLUMNS: tuple[Spec, ...] = (
        (
            tr_noop("SecurityPage", "Type"),
            lambda r: words.certificate_type_text(r.certificate_type),
        ),
        (tr_noop("SecurityPage", "Serial number"), _hash("serial_number", "serialNumber")),
        (tr_noop("SecurityPage", "Issuer name hash"), _hash("issuer_name_hash", "issuerNameHash")),
        (tr_noop("SecurityPage", "Issuer key hash"), _hash("issuer_key_hash", "issuerKeyHash")),
        (tr_noop("SecurityPage", "Algorithm"), _hash("hash_algorithm", "hashAlgorithm")),
    )


def _valid_until(row: Any) -> str:
    return words.expiry_text(field(row, "not_after"), datetime.now(UTC))


class IssuedCertificatesModel(SecurityRowsModel):
    """The certificates the site CA signed for the charger, newest first."""

    COLUMNS: tuple[Spec, ...] = (
        (
            tr_noop("SecurityPage", "Issued"),
            lambda r: words.time_text(field(r, "issued_at", "not_before")),
        ),
        (tr_noop("SecurityPage", "Subject"), lambda r: str(field(r, "subject", default=""))),
        (tr_noop("SecurityPage", "Valid"), _valid_until),
        (tr_noop("SecurityPage", "Serial"), lambda r: str(field(r, "serial", default=""))),
        (
            tr_noop("SecurityPage", "SHA-256 fingerprint"),
            lambda r: words.fingerprint_text(field(r, "fingerprint")),
        ),
    )

    def colour(self, row: Any) -> QColor | None:
        """Expired certificates stand out."""
        not_after = field(row, "not_after")
        if isinstance(not_after, datetime) and not_after < datetime.now(UTC):
            return CRITICAL_COLOUR
        return None


class SecurityEventsModel(SecurityRowsModel):
    """The charger's SecurityEventNotifications, newest first."""

    COLUMNS: tuple[Spec, ...] = (
        (
            tr_noop("SecurityPage", "Time"),
            lambda r: words.time_text(field(r, "at", "timestamp", "received_at")),
        ),
        (
            tr_noop("SecurityPage", "Type"),
            lambda r: str(field(r, "kind", "type", "event_type", default="")),
        ),
        (tr_noop("SecurityPage", "Severity"), lambda r: words.severity_text(field(r, "severity"))),
        (
            tr_noop("SecurityPage", "Technical information"),
            lambda r: str(field(r, "tech_info", "techInfo", default="")),
        ),
    )

    def colour(self, row: Any) -> QColor | None:
        """Critical events stand out."""
        if str(field(row, "severity", default="")).lower() == "critical":
            return CRITICAL_COLOUR
        return None
