"""Words, symbols and colours of the Diagnostics & firmware page.

Every status has a colour, a symbol and a word, so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.core.transfers import ACCEPTED, REQUESTED, FileTransfer, TransferKind, stages_of

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


def transfer_kind_text(transfer: FileTransfer) -> str:
    """What a stored transfer moved: signed firmware carries a request id, plain has none."""
    if transfer.kind is TransferKind.FIRMWARE and transfer.request_id is not None:
        return tr("Signed firmware")
    return kind_text(transfer.kind)


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
        # SignedUpdateFirmware and its SignedFirmwareStatusNotification (security extension)
        "DownloadScheduled": tr("Download scheduled"),
        "DownloadPaused": tr("Download paused"),
        "SignatureVerified": tr("Signature verified"),
        "InstallScheduled": tr("Installation scheduled"),
        "InstallRebooting": tr("Restarting to install"),
        "InstallVerificationFailed": tr("Installed firmware failed its check"),
        "InvalidCertificate": tr("The charger does not trust the signing certificate"),
        "RevokedCertificate": tr("The signing certificate was revoked"),
        # GetLog and its LogStatusNotification (security extension)
        "BadMessage": tr("The charger could not use the upload address"),
        "NotSupportedOperation": tr("The charger cannot upload that way"),
        "PermissionDenied": tr("The upload was refused (permission denied)"),
        "AcceptedCanceled": tr("Accepted, an earlier upload was cancelled"),
        "NotImplemented": tr("Not supported by the charger"),
        "Rejected": tr("Rejected by the charger"),
        "NotSupported": tr("Not supported by the charger"),
        "Offline": tr("Charger offline"),
        "TimedOut": tr("No answer in time"),
        "NoFile": tr("No diagnostics available"),
        "Interrupted": tr("Interrupted by a restart"),
        "Failed": tr("Failed"),
    }
    return words.get(status, status)


# Statuses of signed firmware that are not in FIRMWARE_STAGES, counted as the stage they
# stand for, so the bar does not fall back to its first stage on them.
_SIGNED_STAGES = {
    "DownloadScheduled": ACCEPTED,
    "DownloadPaused": "Downloading",
    "SignatureVerified": "Downloaded",
    "InstallScheduled": "Downloaded",
    "InstallRebooting": "Installing",
}


def stage_of(transfer: FileTransfer) -> int:
    """How many stages of the transfer are done, signed firmware's own statuses included."""
    same = _SIGNED_STAGES.get(transfer.status)
    if same is not None and transfer.kind is TransferKind.FIRMWARE:
        return stages_of(transfer.kind).index(same) + 1
    return transfer.stage


def transfer_status_text(transfer: FileTransfer) -> str:
    """A stored transfer's status in words; a log a charger cannot send says what to do."""
    if transfer.kind is TransferKind.LOG and transfer.status in _UNSUPPORTED:
        return tr("GetLog not supported: use Get diagnostics")
    return status_text(transfer.status)


def request_failure_text(kind: TransferKind, status: str) -> str:
    """Why one charger did not take a request on, in words for the banner."""
    if kind is TransferKind.LOG and status in _UNSUPPORTED:
        return tr(
            "this charger does not support GetLog (OCPP 1.6 security extension);"
            " use Get diagnostics"
        )
    if kind is TransferKind.FIRMWARE and status == "InvalidCertificate":
        return tr(
            "the charger does not trust the signing certificate: install the site CA on it"
            " (Security page), then send the firmware again"
        )
    return status_text(status)


_UNSUPPORTED = frozenset({"NotSupported", "NotImplemented"})


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
