"""File transfers asked of chargers: diagnostics and log uploads, firmware downloads.

Pure values: the statuses a transfer goes through and how far along it is, so the
services and the console agree on which transfer is still under way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class TransferKind(StrEnum):
    """What is moved: an upload from the charger, or a download by the charger."""

    DIAGNOSTICS = "diagnostics"
    LOG = "log"
    FIRMWARE = "firmware"

    @property
    def is_upload(self) -> bool:
        """True for diagnostics and logs (the charger sends us a file)."""
        return self is not TransferKind.FIRMWARE


# Statuses we set ourselves, before and around the charger's notifications.
REQUESTED = "Requested"
ACCEPTED = "Accepted"
INTERRUPTED = "Interrupted"  # ChargeDesk restarted while it was under way

UPLOAD_STAGES: tuple[str, ...] = (REQUESTED, ACCEPTED, "Uploading", "Uploaded")
FIRMWARE_STAGES: tuple[str, ...] = (
    REQUESTED,
    ACCEPTED,
    "Downloading",
    "Downloaded",
    "Installing",
    "Installed",
)

SUCCEEDED = frozenset({"Uploaded", "Installed"})
FAILED = frozenset(
    {
        # 1.6 and the security extension (DiagnosticsStatus, UploadLogStatus,
        # FirmwareStatus)
        "UploadFailed",
        "UploadFailure",
        "BadMessage",
        "NotSupportedOperation",
        "PermissionDenied",
        "DownloadFailed",
        "InstallationFailed",
        "InstallVerificationFailed",
        "InvalidSignature",
        "SignatureVerified_Failed",
        # The outcome of our request
        "Rejected",
        "InvalidCertificate",
        "RevokedCertificate",
        "NotSupported",
        "NotImplemented",
        "Offline",
        "TimedOut",
        "Failed",
        "NoFile",
        INTERRUPTED,
    }
)
# Notifications that say nothing about a transfer (a TriggerMessage answer when idle).
IGNORED = frozenset({"Idle"})


def stages_of(kind: TransferKind) -> tuple[str, ...]:
    """The statuses a successful transfer of ``kind`` passes through, in order."""
    return UPLOAD_STAGES if kind.is_upload else FIRMWARE_STAGES


def is_finished(status: str) -> bool:
    """True when nothing more will happen to a transfer in this status."""
    return status in SUCCEEDED or status in FAILED


@dataclass(frozen=True, slots=True)
class FileTransfer:
    """One transfer asked of one charger, as stored."""

    id: int
    charger_id: str
    kind: TransferKind
    requested_at: datetime
    url: str
    status: str
    status_at: datetime
    file_name: str | None = None
    file_size: int | None = None
    request_id: int | None = None

    @property
    def finished(self) -> bool:
        """Nothing more will happen to it."""
        return is_finished(self.status)

    @property
    def failed(self) -> bool:
        """It ended without the file arriving or the firmware being installed."""
        return self.status in FAILED

    @property
    def succeeded(self) -> bool:
        """The file arrived (upload) or the firmware was installed."""
        return self.status in SUCCEEDED

    @property
    def stage(self) -> int:
        """How many stages of ``stages_of(kind)`` are done (a failure keeps its last)."""
        stages = stages_of(self.kind)
        if self.status in stages:
            return stages.index(self.status) + 1
        if self.status == "Installed" or self.status in SUCCEEDED:
            return len(stages)
        if self.file_size is not None:
            return len(stages) - 1
        return 1

    @property
    def received(self) -> bool:
        """An uploaded file is stored for it."""
        return self.kind.is_upload and self.file_size is not None
