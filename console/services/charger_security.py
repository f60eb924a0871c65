"""The 1.6 security extension, central-system side: certificates, triggers, logs, firmware.

Charger -> us: SignCertificate is checked and signed by the site CA before it is
answered (a refused CSR is answered Rejected and kept as a security event); the signed
chain then goes back in a CertificateSigned sent apart, after the answer. Us -> charger:
each operation checks the person's permission, sends one command, writes an audit entry
with the charger's answer and returns the outcome.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console.core import commands as cmd
from console.core.charger_security import IssuedCertificate, SecurityEvent
from console.core.clock import utcnow
from console.core.commands import CertificateHash
from console.core.model import CommandOutcome
from console.core.staff import Actor, Permission, require
from console.protocol.ocpp16.outbound import read_certificate_hashes
from console.services import audited
from console.services.background import TaskSet
from console.services.charger_security_types import (
    Authority,
    CertificateRequestOutcome,
    CertificateResult,
    SecuritySetupMissing,
    store_issued,
    text_of,
)
from console.services.commands import CommandChannel
from console.services.security_events import WARNING, SecurityEventService
from console.services.transfers import FirmwareSignature, TransferRequest, TransferService
from console.storage import certificates as certificate_repo
from console.storage.writer import StorageWriter

if TYPE_CHECKING:  # the engine hands it over; only its type is needed here
    from console.services.pki_upkeep import PkiUpkeep
    from console.services.site_ca import CertificateInfo

__all__ = [
    "CENTRAL_SYSTEM_ROOT",
    "MANUFACTURER_ROOT",
    "CertificateRequestOutcome",
    "CertificateResult",
    "ChargerSecurityService",
    "SecuritySetupMissing",
]

log = logging.getLogger(__name__)

CENTRAL_SYSTEM_ROOT = "CentralSystemRootCertificate"
MANUFACTURER_ROOT = "ManufacturerRootCertificate"
LOG_TYPES = ("DiagnosticsLog", "SecurityLog")
DEFAULT_CERTIFICATE_WAIT = 60.0  # seconds to wait for SignCertificate after the trigger
# Certificates signed for one charger per day at most: a charger repeating SignCertificate
# must not grow the issued certificates without a bound.
SIGNINGS_PER_DAY = 5


def outcome_facts(outcome: CommandOutcome) -> dict[str, Any]:
    """An outcome as the audit log keeps it."""
    facts: dict[str, Any] = {"result": outcome.result.value, "status": outcome.status}
    if outcome.error:
        facts["error"] = outcome.error
    return facts


class ChargerSecurityService:
    """Certificates, extended triggers, logs and signed firmware of chargers."""

    def __init__(
        self,
        channel: CommandChannel,
        writer: StorageWriter,
        events: SecurityEventService,
        transfers: TransferService,
        authority: Authority | None = None,
    ) -> None:
        self._channel = channel
        self._writer = writer
        self._events = events
        self._transfers = transfers
        self.authority = authority
        self._waiting: dict[str, list[asyncio.Future[CertificateResult]]] = {}
        self._tasks = TaskSet(log, "could not deliver a signed certificate")
        # The site CA's audited changes (services/pki_upkeep.py), set by the engine when
        # it runs a site CA; the Security page reaches them through this service.
        self.site_ca_changes: PkiUpkeep | None = None

    async def close(self) -> None:
        """Stop the CertificateSigned deliveries still under way."""
        await self._tasks.close()

    # ------------------------------------------------------------ charger -> us

    async def sign_certificate(self, charger_id: str, csr: str) -> bool:
        """SignCertificate: sign the CSR now, send CertificateSigned once answered.

        Signing before the answer makes the answer true: Accepted means the certificate
        exists (and is recorded); a CSR the site CA refuses (bad signature, CN that is not
        the charger's id, weak key) is answered Rejected and kept as a security event.
        """
        authority = self.authority
        if authority is None:
            await self._refused(charger_id, "ChargeDesk has no site CA to sign with")
            return False
        since = utcnow() - timedelta(days=1)
        signed = await self._writer.submit(
            lambda c: certificate_repo.count_issued_since(c, charger_id, since)
        )
        if signed >= SIGNINGS_PER_DAY:
            await self._refused(
                charger_id,
                f"{signed} certificate{'' if signed == 1 else 's'} signed for it in the last"
                " 24 hours already; wait a day or look at why it keeps asking",
            )
            return False
        try:
            info = await asyncio.to_thread(authority.sign_csr, csr, charger_id)
            chain = text_of(await asyncio.to_thread(authority.chain_pem, info))
        except ValueError as exc:  # site_ca.CsrRefused says why in plain words
            await self._refused(charger_id, str(exc) or "the CSR could not be read")
            return False
        except OSError as exc:
            log.exception("%s: the site CA could not sign", charger_id)
            await self._refused(charger_id, f"the site CA's files could not be read ({exc})")
            return False
        issued = await self._writer.submit(lambda c: store_issued(c, charger_id, info))
        # The CALL must not start before our answer is on its way: the handler returns
        # first, and this task only sends after a round trip through the writer thread.
        self._tasks.spawn(self._deliver(charger_id, chain, issued))
        return True

    async def _refused(self, charger_id: str, reason: str) -> None:
        log.info("%s: CSR refused: %s", charger_id, reason)
        await self._events.record(charger_id, "CertificateSigningRefused", WARNING, reason)
        self._resolve(
            charger_id, CertificateResult(False, f"The certificate request was refused: {reason}.")
        )

    async def _deliver(self, charger_id: str, chain: str, issued: IssuedCertificate) -> None:
        # One round trip through the writer thread: our Accepted answer to SignCertificate
        # is written before this task runs on, so the CALL never overtakes it.
        await self._writer.submit(lambda c: None)
        outcome = await self._command(charger_id, cmd.CertificateSigned(chain))
        if outcome.accepted:
            words = f"{charger_id} installed its new certificate (serial {issued.serial})."
            self._resolve(charger_id, CertificateResult(True, words, issued))
            return
        reason = outcome.describe()
        await self._events.record(
            charger_id, "CertificateSignedNotAccepted", WARNING, f"CertificateSigned: {reason}"
        )
        words = (
            f"{charger_id} did not take the signed certificate ({reason}). Check that the"
            " site CA is installed on it, then ask again."
        )
        self._resolve(charger_id, CertificateResult(False, words, issued))

    def _resolve(self, charger_id: str, result: CertificateResult) -> None:
        for future in self._waiting.pop(charger_id, []):
            if not future.done():
                future.set_result(result)

    # ------------------------------------------------------------ us -> charger

    async def install_ca(self, charger_id: str, *, actor: Actor) -> CommandOutcome:
        """Install the site CA as the charger's CentralSystemRootCertificate."""
        require(actor, Permission.CHARGER_SECURITY)
        if self.authority is None:
            raise SecuritySetupMissing(
                "ChargeDesk has no site CA yet: start it with a TLS port to create one."
            )
        pem = text_of(await asyncio.to_thread(self.authority.ca_pem))
        command = cmd.InstallCertificate(CENTRAL_SYSTEM_ROOT, pem)
        return await self._send(charger_id, command, actor, "charger.install_ca")

    async def installed_certificates(
        self, charger_id: str, certificate_type: str = CENTRAL_SYSTEM_ROOT, *, actor: Actor
    ) -> tuple[CommandOutcome, list[CertificateHash]]:
        """The root certificates of one type the charger holds (GetInstalledCertificateIds)."""
        require(actor, Permission.CHARGER_SECURITY)
        command = cmd.GetInstalledCertificateIds(certificate_type)
        outcome = await self._send(charger_id, command, actor, "charger.certificate_ids")
        hashes = read_certificate_hashes(outcome.details) if outcome.accepted else []
        return outcome, hashes

    async def delete_certificate(
        self, charger_id: str, certificate: CertificateHash, *, actor: Actor
    ) -> CommandOutcome:
        """Remove an installed root certificate (DeleteCertificate)."""
        require(actor, Permission.CHARGER_SECURITY)
        extra = {"serial": certificate.serial_number}
        command = cmd.DeleteCertificate(certificate)
        return await self._send(charger_id, command, actor, "charger.delete_certificate", extra)

    async def extended_trigger(
        self, charger_id: str, message: str, connector_id: int | None = None, *, actor: Actor
    ) -> CommandOutcome:
        """Ask the charger to send ``message`` now (ExtendedTriggerMessage)."""
        require(actor, Permission.CHARGER_SECURITY)
        command = cmd.ExtendedTriggerMessage(message, connector_id)
        extra = {"message": message, "connector": connector_id}
        return await self._send(charger_id, command, actor, "charger.extended_trigger", extra)

    async def request_charger_certificate(
        self, charger_id: str, *, actor: Actor, timeout: float = DEFAULT_CERTIFICATE_WAIT
    ) -> CertificateRequestOutcome:
        """Have the charger ask for a site-CA certificate, followed until it installed it.

        ExtendedTriggerMessage(SignChargePointCertificate) -> the charger's SignCertificate
        -> signed -> CertificateSigned accepted; or the step where it stopped.
        """
        require(actor, Permission.CHARGER_SECURITY)
        future: asyncio.Future[CertificateResult] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(charger_id, []).append(future)
        command = cmd.ExtendedTriggerMessage("SignChargePointCertificate")
        outcome = await self._command(charger_id, command)
        if not outcome.accepted:
            self._forget(charger_id, future)
            words = (
                f"{charger_id} did not agree to ask for a certificate ({outcome.describe()})."
                " Check that it supports the OCPP 1.6 security extension."
            )
            result = CertificateRequestOutcome(outcome, False, words)
        else:
            try:
                done = await asyncio.wait_for(asyncio.shield(future), timeout)
            except TimeoutError:
                self._forget(charger_id, future)
                words = (
                    f"{charger_id} agreed but sent no certificate request within"
                    f" {timeout:.0f} s. Try again; if it keeps failing, restart the charger."
                )
                done = CertificateResult(False, words)
            result = CertificateRequestOutcome(
                outcome, done.succeeded, done.message, done.certificate
            )
        after = {**outcome_facts(outcome), "succeeded": result.succeeded, "message": result.message}
        if result.certificate is not None:
            after["serial"] = result.certificate.serial
        await self._writer.submit(
            lambda c: audited.record(
                c, actor, "charger.certificate_request", charger_id, None, after
            )
        )
        return result

    def _forget(self, charger_id: str, future: asyncio.Future[CertificateResult]) -> None:
        waiting = self._waiting.get(charger_id, [])
        if future in waiting:
            waiting.remove(future)
        if not waiting:
            self._waiting.pop(charger_id, None)

    async def request_log(
        self,
        charger_id: str,
        log_type: str = "DiagnosticsLog",
        since: datetime | None = None,
        until: datetime | None = None,
        *,
        actor: Actor,
    ) -> TransferRequest:
        """Ask the charger to upload a log (GetLog); the transfer follows its
        LogStatusNotifications to Uploaded (or the failure) on the technician's pages."""
        require(actor, Permission.FIRMWARE)
        if log_type not in LOG_TYPES:
            raise ValueError(f"unknown log type {log_type!r}: use DiagnosticsLog or SecurityLog")
        # The transfer service checks the permission again and audits the request.
        [request] = await self._transfers.request_log(
            [charger_id], since, until, security_log=log_type == "SecurityLog", actor=actor
        )
        return request

    async def signed_firmware_update(
        self, charger_id: str, firmware: Path, install_at: datetime | None = None, *, actor: Actor
    ) -> TransferRequest:
        """Offer signed firmware (SignedUpdateFirmware): the file from the file endpoint,
        its signature made with the site's firmware signing key, and that certificate."""
        require(actor, Permission.FIRMWARE)
        authority = self.authority
        signing = None if authority is None else authority.signing_certificate()
        if authority is None or signing is None:
            raise SecuritySetupMissing(
                "There is no firmware signing certificate: create or import one on the"
                " Security page first."
            )
        data = await asyncio.to_thread(firmware.read_bytes)
        signature = await asyncio.to_thread(authority.sign_firmware, data)
        [request] = await self._transfers.update_firmware(
            [charger_id],
            firmware,
            install_at,
            FirmwareSignature(text_of(signing.pem), signature),
            actor=actor,
        )
        before = {"file": firmware.name, "sha256": hashlib.sha256(data).hexdigest()}
        after = {**outcome_facts(request.outcome), "transfer": request.transfer_id}
        await self._audit(actor, "charger.signed_firmware_update", charger_id, before, after)
        return request

    # ------------------------------------------------------------ the site CA itself

    async def create_signing_certificate(self, *, actor: Actor) -> CertificateInfo:
        """Make a firmware signing certificate issued by the site CA (audited)."""
        return await self._site_ca(actor).create_signing_certificate(actor=actor)

    async def import_signing_certificate(
        self, cert_pem: str, key_pem: str, *, actor: Actor
    ) -> CertificateInfo:
        """Use a firmware signing certificate and key from elsewhere (audited)."""
        changes = self._site_ca(actor)
        return await changes.import_signing_certificate(cert_pem, key_pem, actor=actor)

    async def renew_server_certificate(self, *, actor: Actor) -> CertificateInfo:
        """Make a new server certificate for the wss:// port now (audited)."""
        return await self._site_ca(actor).renew_server_certificate(actor=actor)

    def _site_ca(self, actor: Actor) -> PkiUpkeep:
        require(actor, Permission.SECURITY_SETTINGS)  # refused before "no site CA"
        if self.site_ca_changes is None:
            raise SecuritySetupMissing(
                "ChargeDesk has no site CA yet: start it with a TLS port to create one."
            )
        return self.site_ca_changes

    # ------------------------------------------------------------ reading

    async def security_events(
        self, charger_id: str | None = None, limit: int = 200
    ) -> list[SecurityEvent]:
        """The newest security events of a charger (or of the site), newest first."""
        return await self._events.events(charger_id, limit)

    async def issued_certificates(
        self, charger_id: str | None = None, limit: int = 200
    ) -> list[IssuedCertificate]:
        """The certificates the site CA issued (to one charger), newest first."""
        return await self._writer.submit(
            lambda c: certificate_repo.list_issued_certificates(c, charger_id, limit=limit)
        )

    # ------------------------------------------------------------ helpers

    async def _send(
        self,
        charger_id: str,
        command: cmd.Command,
        actor: Actor,
        action: str,
        extra: dict[str, Any] | None = None,
    ) -> CommandOutcome:
        outcome = await self._command(charger_id, command)
        await self._audit(actor, action, charger_id, extra, outcome_facts(outcome))
        return outcome

    async def _command(self, charger_id: str, command: cmd.Command) -> CommandOutcome:
        """Send a command; the outcome names the action (the words shown depend on it)."""
        outcome = await self._channel.send(charger_id, command)
        if outcome.action is None:
            outcome = replace(outcome, action=cmd.action_name(command))
        return outcome

    async def _audit(self, actor: Actor, action: str, target: str, before: Any, after: Any) -> None:
        await self._writer.submit(lambda c: audited.record(c, actor, action, target, before, after))
