"""Words, symbols and colours of the Diagnostics & firmware page.

Every status has a colour, a symbol and a word, so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.core.transfers import REQUESTED, FileTransfer, TransferKind

DONE_STYLE = ("#009E73", "✔")  # bluish green
FAILED_STYLE = ("#D55E00", "✖")  # vermillion
BUSY_STYLE = ("#0072B2", "◐")  # blue
WAITING_STYLE = ("#7F7F7F", "◷")  # grey


def tr(text: str) -> str:
    """Translate a string of the Diagnostics & firmware page."""
    return QCoreApplication.translate("Transfers", text)


def kind_text(kind: TransferKind) -> str:
    """What was asked, in plain words."""
    words = {
        TransferKind.DIAGNOSTICS: tr("Diagnostics"),
        TransferKind.LOG: tr("Log"),
        TransferKind.FIRMWARE: tr("Firmware"),
    }
    return words[kind]


def status_text(status: str) -> str:
    """A transfer status in plain words (the OCPP word when there is no better one)."""
    words = {
        REQUESTED: tr("Asked"),
        "Accepted": tr("Accepted, waiting"),
        "Uploading": tr("Uploading"),
        "Uploaded": tr("Uploaded"),
        "UploadFailed": tr("Upload failed"),
        "UploadFailure": tr("Upload failed"),
        "Downloading": tr("Downloading"),
        "Downloaded": tr("Downloaded"),
        "DownloadFailed": tr("Download failed"),
        "Installing": tr("Installing"),
        "Installed": tr("Installed"),
        "InstallationFailed": tr("Installation failed"),
        "InvalidSignature": tr("Invalid signature"),
        "Rejected": tr("Rejected by the charger"),
        "NotSupported": tr("Not supported by the charger"),
        "Offline": tr("Charger offline"),
        "TimedOut": tr("No answer in time"),
        "NoFile": tr("No diagnostics available"),
        "Interrupted": tr("Interrupted by a restart"),
        "Failed": tr("Failed"),
    }
    return words.get(status, status)


def style_of(transfer: FileTransfer) -> tuple[str, str]:
    """Colour and symbol of a transfer's status."""
    if transfer.succeeded:
        return DONE_STYLE
    if transfer.failed:
        return FAILED_STYLE
    if transfer.status == REQUESTED:
        return WAITING_STYLE
    return BUSY_STYLE


def colour(style: tuple[str, str]) -> QColor:
    """The QColor of a style."""
    return QColor(style[0])


def size_text(size: int | None) -> str:
    """A file size for people: bytes, KiB, MiB."""
    if size is None:
        return ""
    if size < 1024:
        return tr("%1 B").replace("%1", str(size))
    if size < 1024 * 1024:
        return tr("%1 KiB").replace("%1", f"{size / 1024:.1f}")
    return tr("%1 MiB").replace("%1", f"{size / (1024 * 1024):.1f}")
