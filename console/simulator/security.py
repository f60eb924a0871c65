"""The OCPP 1.6 security extension (edition 3): security profiles, TLS and certificates.

Security profiles and URLs: profiles 0 and 1 connect with ws://, 2 and 3 with wss://.
The URL for a profile is ``urls[profile]`` when given; otherwise the simulator's
``url`` if its scheme fits, else that URL with the scheme swapped (and, for wss, the
port replaced by ``tls_port`` when given). HTTP Basic auth is sent whenever there is
an AuthorizationKey (``password``; profiles 1 and 2 need one), except with profile 3,
which presents the ChargePointCertificate instead. wss trusts only the installed
CentralSystemRootCertificates (``ca``).

ChangeConfiguration AuthorizationKey: hexadecimal digits of a 16-20 byte password
(or, failing that, a 16-40 character password as it is), write-only, used from the
next connection on.

ChangeConfiguration SecurityProfile: a lower profile is Rejected, and so is a higher
one whose prerequisites are missing (1-2: an AuthorizationKey; 2-3: a
CentralSystemRootCertificate; 3: a ChargePointCertificate). When Accepted the
charger reconnects with the new profile; if ``profile_attempts`` connections in a
row fail it falls back to the previous profile (and logs
ReconfigurationOfSecurityParameters).
"""

from __future__ import annotations

import base64
import ssl
from functools import partial
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ocpp.v16 import call, call_result
from websockets.exceptions import InvalidStatus

from console.simulator.base import Answer, Followup, Link
from console.simulator.certificates import (
    CENTRAL_SYSTEM_ROOT,
    CertificateStore,
    ChargePointCertificate,
    pem_text,
)
from console.simulator.commands import CommandsMixin
from console.simulator.config import Setting
from console.simulator.firmware_signed import SignedFirmwareMixin
from console.simulator.management import ManagementMixin

_HEX_KEY_LENGTHS = range(32, 41)  # 16 to 20 bytes as hexadecimal digits
_PLAIN_KEY_LENGTHS = range(16, 41)


def _authorization_key(value: str) -> bytes | None:
    """The password an AuthorizationKey value stands for; None when it is not valid.

    The security extension writes it as hexadecimal digits of 16 to 20 bytes; like
    the OCA's test tool, a value that is not such (16 to 40 characters) is taken as the
    password itself, as some chargers do.
    """
    if len(value) in _HEX_KEY_LENGTHS and len(value) % 2 == 0:
        try:
            return bytes.fromhex(value)
        except ValueError:
            pass
    return value.encode() if len(value) in _PLAIN_KEY_LENGTHS else None


class SecurityMixin(CommandsMixin, ManagementMixin, SignedFirmwareMixin):
    """Security profile, AuthorizationKey, certificates and the extension's commands."""

    def __init__(
        self,
        charger_id: str,
        url: str,
        *args: Any,
        security_profile: int | None = None,
        ca: str | None = None,
        cert: str | None = None,
        key: str | None = None,
        urls: dict[int, str] | None = None,
        tls_port: int | None = None,
        check_hostname: bool = True,
        cpo_name: str = "ChargeDesk",
        profile_attempts: int = 3,
        certificate_store_max_length: int = 10,
        certificate_signed_max_chain_size: int = 10_000,
        **options: Any,
    ) -> None:
        super().__init__(charger_id, url, *args, **options)
        self.urls = dict(urls or {})
        self.tls_port = tls_port
        self.check_hostname = check_hostname
        self.profile_attempts = max(1, profile_attempts)
        self.certificates = CertificateStore(certificate_store_max_length)
        ca_pem = pem_text(ca)
        if ca_pem:
            self.certificates.add_roots(ca_pem, CENTRAL_SYSTEM_ROOT)
        cert_pem, key_pem = pem_text(cert), pem_text(key)
        if cert_pem and key_pem:
            self.certificates.charge_point = ChargePointCertificate(cert_pem, key_pem)
        elif cert_pem or key_pem:
            raise ValueError("a client certificate needs both cert and key")
        if security_profile is None:
            tls = url.startswith("wss://")
            security_profile = (3 if cert_pem else 2) if tls else (1 if self.password else 0)
        if security_profile not in range(4):
            raise ValueError(f"security_profile must be 0 to 3, not {security_profile}")
        self.config.add(
            [
                Setting("SecurityProfile", str(security_profile), "int"),
                Setting("AuthorizationKey", "", writeonly=True),
                Setting("CpoName", cpo_name),
                Setting(
                    "CertificateSignedMaxChainSize",
                    str(certificate_signed_max_chain_size),
                    "int",
                    readonly=True,
                ),
                Setting(
                    "CertificateStoreMaxLength",
                    str(certificate_store_max_length),
                    "int",
                    readonly=True,
                ),
                Setting("AdditionalRootCertificateCheck", "false", "bool", readonly=True),
            ]
        )
        # (previous profile, attempts left) while a new profile has not yet connected.
        self._profile_trial: tuple[int, int] | None = None
        self._connecting_profile = security_profile
        # The AuthorizationKey last set by ChangeConfiguration: (as text, its bytes).
        self._key_bytes: tuple[str | None, bytes] = (None, b"")

    # ----------------------------------------------------------------- profile and URL

    @property
    def security_profile(self) -> int:
        """The SecurityProfile configuration key: 0 to 3."""
        return self.config.integer("SecurityProfile", 0)

    def url_for(self, profile: int) -> str:
        """The central system's base URL for connecting with ``profile``."""
        if profile in self.urls:
            return self.urls[profile]
        tls = profile >= 2
        parts = urlsplit(self.url)
        if (parts.scheme == "wss") == tls:
            return self.url
        netloc = parts.netloc
        if tls and self.tls_port is not None:
            netloc = f"{parts.hostname}:{self.tls_port}"
            if parts.hostname and ":" in parts.hostname:  # an IPv6 address
                netloc = f"[{parts.hostname}]:{self.tls_port}"
        return urlunsplit(("wss" if tls else "ws", netloc, parts.path, parts.query, ""))

    def _base_url(self) -> str:
        return self.url_for(self.security_profile)

    def _auth_headers(self) -> dict[str, str]:
        if self.security_profile == 3:
            return {}  # the client certificate is the charger's credential
        text, secret = self._key_bytes
        if self.password is None or self.password != text:
            return super()._auth_headers()  # set in the constructor (or by a test)
        # A key set as hexadecimal digits may be any bytes, not only text.
        token = base64.b64encode(self.charger_id.encode() + b":" + secret).decode()
        return {"Authorization": f"Basic {token}"}

    def _tls_context(self) -> ssl.SSLContext | None:
        context = self.certificates.client_context(
            with_certificate=self.security_profile == 3, check_hostname=self.check_hostname
        )
        if not self.certificates.roots(CENTRAL_SYSTEM_ROOT):
            context.load_default_certs()  # nothing installed: the platform's roots
        return context

    async def _after_boot(self, link: Link) -> None:
        updated = self._firmware_installed_pending  # an UpdateFirmware just installed
        await super()._after_boot(link)
        if updated:
            self._security_event("FirmwareUpdated", f"firmware {self.firmware} installed")

    async def _connect_once(self) -> bool:
        self._connecting_profile = self.security_profile
        return await super()._connect_once()

    def _attempt_done(self, opened: bool, error: BaseException | None) -> None:
        if isinstance(error, ssl.SSLCertVerificationError):
            self._security_event("InvalidCentralSystemCertificate", str(error.verify_message))
        elif isinstance(error, InvalidStatus) and error.response.status_code in (401, 403):
            self._security_event(
                "FailedToAuthenticateAtCentralSystem", f"HTTP {error.response.status_code}"
            )
        trial = self._profile_trial
        if trial is None or self._connecting_profile != self.security_profile:
            return
        previous, left = trial
        if opened:
            self._profile_trial = None  # the new profile works
        elif left > 1:
            self._profile_trial = (previous, left - 1)
        else:
            failed = self.security_profile
            self._profile_trial = None
            self.config.set("SecurityProfile", str(previous))
            self._security_event(
                "ReconfigurationOfSecurityParameters",
                f"security profile {failed} failed to connect; back to profile {previous}",
            )

    # ----------------------------------------------------------------- configuration

    def _cmd_change_configuration(self, key: str, value: str, **_: Any) -> Answer:
        name = key.casefold()
        if name == "securityprofile":
            return self._change_profile(value)
        if name == "authorizationkey":
            secret = _authorization_key(value)
            if secret is None:
                return call_result.ChangeConfiguration(status="Rejected"), None
            # Used for Basic auth from the next connection on.
            self.password = secret.decode("utf-8", errors="replace")
            self._key_bytes = (self.password, secret)
            self._security_event("ReconfigurationOfSecurityParameters", "AuthorizationKey changed")
            return call_result.ChangeConfiguration(status="Accepted"), None
        if name == "cponame" and not value:
            return call_result.ChangeConfiguration(status="Rejected"), None
        return super()._cmd_change_configuration(key=key, value=value)

    def _change_profile(self, value: str) -> Answer:
        current = self.security_profile
        try:
            wanted = int(value)
        except ValueError:
            wanted = -1
        missing = self._profile_missing(wanted)
        if wanted < current or missing:
            return call_result.ChangeConfiguration(status="Rejected"), None
        if wanted == current:
            return call_result.ChangeConfiguration(status="Accepted"), None
        self.config.set("SecurityProfile", str(wanted))
        self._profile_trial = (current, self.profile_attempts)
        self._security_event(
            "ReconfigurationOfSecurityParameters", f"security profile {current} -> {wanted}"
        )
        # Reconnect with the new profile once the answer has gone out.
        return call_result.ChangeConfiguration(status="Accepted"), self._reboot

    def _profile_missing(self, profile: int) -> str | None:
        """What ``profile`` needs that the charger lacks (None: nothing)."""
        if profile not in range(4):
            return "no such profile"
        if profile in (1, 2) and not self.password:
            return "an AuthorizationKey"
        if profile >= 2 and not self.certificates.roots(CENTRAL_SYSTEM_ROOT):
            return "a CentralSystemRootCertificate"
        if profile == 3 and self.certificates.charge_point is None:
            return "a ChargePointCertificate"
        return None

    # ----------------------------------------------------------------- certificates

    def _cmd_install_certificate(self, certificate_type: str, certificate: str, **_: Any) -> Answer:
        status = self.certificates.install(certificate_type, certificate)
        self._notify()
        return call_result.InstallCertificate(status=status), None

    def _cmd_get_installed_certificate_ids(self, certificate_type: str, **_: Any) -> Answer:
        found = self.certificates.installed_ids(certificate_type)
        if not found:
            return call_result.GetInstalledCertificateIds(status="NotFound"), None
        reply = call_result.GetInstalledCertificateIds(
            status="Accepted", certificate_hash_data=found
        )
        return reply, None

    def _cmd_delete_certificate(self, certificate_hash_data: dict[str, Any], **_: Any) -> Answer:
        status = self.certificates.delete(certificate_hash_data, in_use=self.security_profile >= 2)
        self._notify()
        return call_result.DeleteCertificate(status=status), None

    def _cmd_certificate_signed(self, certificate_chain: str, **_: Any) -> Answer:
        problem = self.certificates.accept_signed(
            certificate_chain,
            self.charger_id,
            self.config.integer("CertificateSignedMaxChainSize", 0),
        )
        self._notify()
        if problem is not None:
            self._security_event("InvalidChargePointCertificate", problem)
            return call_result.CertificateSigned(status="Rejected"), None
        # Used for security profile 3 from the next connection on.
        return call_result.CertificateSigned(status="Accepted"), None

    async def _sign_certificate(self) -> None:
        csr = self.certificates.new_csr(self.charger_id, self.config.value("CpoName"))
        await self._send(call.SignCertificate(csr=csr))

    # ----------------------------------------------------------------- triggers, logs, reset

    def _cmd_extended_trigger_message(
        self, requested_message: str, connector_id: int | None = None, **_: Any
    ) -> Answer:
        if connector_id is not None and connector_id not in self._connectors:
            return call_result.ExtendedTriggerMessage(status="Rejected"), None
        own: dict[str, Followup] = {
            "FirmwareStatusNotification": partial(self._send, self._signed_status_payload()),
            "LogStatusNotification": partial(
                self._send,
                call.LogStatusNotification(status=self.log_status, request_id=self.log_request_id),
            ),
            "SignChargePointCertificate": self._sign_certificate,
        }
        if requested_message in own:
            return call_result.ExtendedTriggerMessage(status="Accepted"), own[requested_message]
        if requested_message not in (
            "BootNotification",
            "Heartbeat",
            "MeterValues",
            "StatusNotification",
        ):
            return call_result.ExtendedTriggerMessage(status="NotImplemented"), None
        reply, followup = self._cmd_trigger_message(requested_message, connector_id)
        return call_result.ExtendedTriggerMessage(status=reply.status), followup

    def log_text(self, log_type: str) -> bytes:
        """GetLog: the security log for SecurityLog, else the diagnostics."""
        if log_type == "SecurityLog":
            return self.security_log_text()
        return super().log_text(log_type)

    def _cmd_reset(self, type: str, **_: Any) -> Answer:
        self._security_event("ResetOrReboot", f"{type} reset requested by the central system")
        return super()._cmd_reset(type=type)
