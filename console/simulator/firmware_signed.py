"""SignedUpdateFirmware of the OCPP 1.6 security extension.

The signing certificate must lead to an installed ManufacturerRootCertificate or
CentralSystemRootCertificate (else InvalidCertificate and an
InvalidFirmwareSigningCertificate event). The image is downloaded (only from the
central system's own host, as every transfer of the simulator), its signature checked
(base64; ECDSA or RSA PKCS#1 v1.5 over SHA-256 with the certificate's key), and the
charger reports Downloading, Downloaded, SignatureVerified or InvalidSignature,
Installing, reboots, and reports Installed after the reboot, every one with the
requestId. A location the simulator does not download from gets the same sequence
without traffic: with no image there is no signature to check.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

from cryptography import x509
from ocpp.v16 import call, call_result

from console.simulator import files
from console.simulator.base import Answer, Link
from console.simulator.certificates import (
    ROOT_USES,
    CertificateStore,
    chains_to,
    parse_certificates,
    verify_signature,
)
from console.simulator.clock import parse_time, utcnow
from console.simulator.security_events import EventsMixin


class SignedFirmwareMixin(EventsMixin):
    """SignedUpdateFirmware and its SignedFirmwareStatusNotification sequence."""

    certificates: CertificateStore  # set up by the security layer
    firmware_image: bytes | None  # the last image fetched (the management layer's)
    signed_firmware_status = "Idle"
    signed_firmware_request: int | None = None
    _signed_installed_pending = False

    def _signed_status_payload(self) -> call.SignedFirmwareStatusNotification:
        """The current status, as ExtendedTriggerMessage FirmwareStatusNotification sends it."""
        request_id = None if self.signed_firmware_status == "Idle" else self.signed_firmware_request
        return call.SignedFirmwareStatusNotification(
            status=self.signed_firmware_status, request_id=request_id
        )

    def _cmd_signed_update_firmware(
        self, request_id: int, firmware: dict[str, Any], **_: Any
    ) -> Answer:
        signing = self._signing_certificate(str(firmware.get("signing_certificate", "")))
        if signing is None:
            self._security_event(
                "InvalidFirmwareSigningCertificate", "the signing certificate leads to no root"
            )
            return call_result.SignedUpdateFirmware(status="InvalidCertificate"), None
        signature = _decode(str(firmware.get("signature", "")))
        if signature is None:
            return call_result.SignedUpdateFirmware(status="Rejected"), None

        async def update() -> None:
            await self._signed_update(request_id, firmware, signing, signature)

        return call_result.SignedUpdateFirmware(status="Accepted"), update

    def _signing_certificate(self, pem: str) -> x509.Certificate | None:
        # Lenient where the specification leaves room: the chain may end at a
        # ManufacturerRootCertificate or at a CentralSystemRootCertificate.
        try:
            chain = parse_certificates(pem)
        except ValueError:
            return None
        roots = [c for use in ROOT_USES for c in self.certificates.roots(use)]
        return chain[0] if chains_to(chain, roots) else None

    async def _signed_update(
        self,
        request_id: int,
        firmware: dict[str, Any],
        signing: x509.Certificate,
        signature: bytes,
    ) -> None:
        self.signed_firmware_request = request_id
        location = str(firmware.get("location", ""))
        retrieve = parse_time(firmware.get("retrieve_date_time"))
        delay = 0.0 if retrieve is None else (retrieve - utcnow()).total_seconds()
        if delay > 0:
            await self._signed_status("DownloadScheduled")
            await asyncio.sleep(delay)  # wait for the retrieveDateTime the central system set
        await self._signed_status("Downloading")
        image: bytes | None = None
        if files.reachable(location, self.url):
            image = await files.download(location)
            if image is None:
                await self._signed_status("DownloadFailed", final=True)
                return
            self.firmware_image = image
        await self._signed_status("Downloaded")
        if image is not None and not verify_signature(signing, signature, image):
            self._security_event("InvalidFirmwareSignature", f"image from {location}")
            await self._signed_status("InvalidSignature", final=True)
            return
        await self._signed_status("SignatureVerified")
        install = parse_time(firmware.get("install_date_time"))
        wait = 0.0 if install is None else (install - utcnow()).total_seconds()
        if wait > 0:
            await self._signed_status("InstallScheduled")
            await asyncio.sleep(wait)  # the installDateTime the central system set
        # A real charger installs only when that cuts no session short.
        await self._wait_state(lambda: all(c.session is None for c in self._connectors.values()))
        await self._signed_status("Installing")
        version = PurePosixPath(urlparse(location).path).stem
        if version:
            self.firmware = version[:50]
        self._signed_installed_pending = True
        await self._reboot()

    async def _signed_status(self, status: str, final: bool = False) -> None:
        self.signed_firmware_status = status
        self._notify()
        await self._send(
            call.SignedFirmwareStatusNotification(
                status=status, request_id=self.signed_firmware_request
            )
        )
        if final:
            self.signed_firmware_status = "Idle"

    async def _after_boot(self, link: Link) -> None:
        await super()._after_boot(link)
        if self._signed_installed_pending:
            # "Installed" comes after the reboot into the new firmware.
            self._signed_installed_pending = False
            await self._signed_status("Installed", final=True)
            self._security_event("FirmwareUpdated", f"signed firmware {self.firmware} installed")


def _decode(signature: str) -> bytes | None:
    try:
        return base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return None
