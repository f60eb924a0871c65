"""The guided move of a charger up to security profile 2 or 3, and the admin's move down.

Moving up, step by step, each reported to ``progress`` in words for a person:
1. install the site CA on the charger (InstallCertificate CentralSystemRootCertificate);
2. give it a new generated password (ChangeConfiguration AuthorizationKey);
3. for profile 3: have it get a site-CA certificate (ExtendedTriggerMessage ->
   SignCertificate -> CertificateSigned);
4. switch it (ChangeConfiguration SecurityProfile);
5. follow it as it reconnects: on wss:// with the new profile within the timeout.
Only then is the required profile raised for good. While it runs, the admission accepts
the charger on its old and its new profile, with its old and its new password, so a step
that fails locks nothing out: the charger keeps working on its old profile.

Moving down only lowers what ChargeDesk requires (a charger never lowers its own profile
through ChangeConfiguration, the security extension forbids it): for a charger that was
reset to factory settings. It needs the security-settings permission and is audited.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import secrets
import string
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from console.core import commands as cmd
from console.core.enums import Approval
from console.core.events import ChargerConnected, Event, EventBus
from console.core.model import ChargerRecord, CommandOutcome
from console.core.staff import Actor, Permission, require
from console.services import audited
from console.services.charger_security import ChargerSecurityService
from console.services.charger_security_types import SecuritySetupMissing
from console.services.commands import CommandChannel
from console.services.passwords import hash_password
from console.services.security_profiles import SecurityProfileError
from console.storage import chargers as charger_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

DEFAULT_RECONNECT_TIMEOUT = 120.0  # seconds the charger has to come back on the new profile
# AuthorizationKey holds the password as hexadecimal digits of its bytes, 20 bytes at
# most (40 digits; 1.6 security extension), at least 16: 20 letters and digits.
PASSWORD_LENGTH = 20
PASSWORD_LENGTHS = range(16, 21)
_ALPHABET = string.ascii_letters + string.digits
HEX = "hex"  # AuthorizationKey = the password's bytes as hexadecimal digits (the spec)
PLAIN = "plain"  # AuthorizationKey = the password itself (some chargers read it so)


class UpgradeAdmission(Protocol):
    """What the upgrade needs of the admission (services/admission.py)."""

    def expect_upgrade(
        self, charger_id: str, profile: int, password_hash: str
    ) -> Awaitable[None] | None:
        """Until ``finish_upgrade``: accept the charger on its old profile and on
        ``profile``, with its old password and the new one."""
        ...

    def finish_upgrade(self, charger_id: str, succeeded: bool) -> Awaitable[None] | None:
        """End the transition; only the stored profile and password count again."""
        ...

    def connection_profile(self, charger_id: str) -> int | None:
        """The security profile the charger's open connection uses (None: not connected)."""
        ...

    async def set_password(self, charger_id: str, password: str | None, *, actor: Actor) -> bool:
        """Store the charger's password (audited)."""
        ...

    async def set_security_profile(
        self, charger_id: str, profile: int, *, actor: Actor, action: str = ...
    ) -> ChargerRecord:
        """Store the profile the charger is required to use (audited as ``action``)."""
        ...


class UpgradeChannel(CommandChannel, Protocol):
    """The server: commands, and whether a charger is connected."""

    def is_connected(self, charger_id: str) -> bool:
        """True while the charger has an open connection."""
        ...


@dataclass(frozen=True, slots=True)
class UpgradeStep:
    """One step of a move up, as shown to the person following it."""

    key: str  # install_ca, password, certificate, profile, reconnect
    number: int
    total: int
    state: str  # running, done, failed
    text: str


@dataclass(frozen=True, slots=True)
class UpgradeOutcome:
    """What really happened: the profile the charger is now required to use, in words."""

    charger_id: str
    target: int
    succeeded: bool
    profile: int  # the required profile after the attempt
    message: str
    failed_step: str | None = None
    steps: tuple[UpgradeStep, ...] = field(default=())


Progress = Callable[[UpgradeStep], object]


def generate_password(length: int = PASSWORD_LENGTH) -> str:
    """A random password of letters and digits for a charger's Basic auth."""
    if length not in PASSWORD_LENGTHS:
        raise ValueError("a charger password has 16 to 20 characters (AuthorizationKey)")
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def authorization_key(password: str, key_format: str = HEX) -> str:
    """The AuthorizationKey value for ``password``: its bytes as hexadecimal digits (the
    security extension's encoding), or the password as it is for chargers that take it
    so (``PLAIN``)."""
    return password if key_format == PLAIN else password.encode().hex()


class _Failed(Exception):
    """A step failed; ``message`` says what happened and what to do."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


class ProfileUpgradeService:
    """Moves chargers up to security profile 2 or 3 (guided) and down (admins only)."""

    def __init__(
        self,
        channel: UpgradeChannel,
        writer: StorageWriter,
        bus: EventBus,
        admission: UpgradeAdmission,
        security: ChargerSecurityService,
        tls_available: Callable[[], bool],
    ) -> None:
        self._channel = channel
        self._writer = writer
        self._bus = bus
        self._admission = admission
        self._security = security
        self._tls_available = tls_available
        self._running: set[str] = set()
        # How AuthorizationKey is written: the spec's hexadecimal unless a site's chargers
        # take the password as it is.
        self.key_format = HEX
        # Told when a charger accepted its new profile: the reconnection (a boot, for
        # some chargers) is not a reboot worth an alarm. The engine sets it.
        self.restart_expected: Callable[[str], None] = lambda _charger_id: None

    async def move_up(
        self,
        charger_id: str,
        target: int,
        *,
        actor: Actor,
        progress: Progress | None = None,
        timeout: float = DEFAULT_RECONNECT_TIMEOUT,
    ) -> UpgradeOutcome:
        """Move a connected charger up to ``target`` (2 or 3), following it to the end."""
        require(actor, Permission.CHARGER_SECURITY)
        if target not in (2, 3):
            raise ValueError("a charger can be moved up to security profile 2 or 3")
        record = await self._writer.submit(lambda c: charger_repo.get_charger(c, charger_id))
        if record is None:
            raise ValueError(f"there is no charger {charger_id}")
        charger_id, current = record.id, record.security_profile
        if current >= target:
            words = f"{charger_id} is already required to use security profile {current}."
            return UpgradeOutcome(charger_id, target, True, current, words)
        if record.approval is not Approval.ACCEPTED:
            # ChargeDesk sends a charger nothing until staff accepted it.
            words = f"{charger_id} is not accepted yet: accept it first, then move it up."
            return UpgradeOutcome(charger_id, target, False, current, words, "install_ca")
        if charger_id in self._running:
            raise RuntimeError(f"{charger_id} is already being moved up; wait for it to finish")
        run = _Run(charger_id, target, 5 if target == 3 else 4, progress)
        self._running.add(charger_id)
        try:
            await self._steps(run, current, actor, timeout)
        except _Failed as failed:
            run.report(failed.key, "failed", failed.message)
            await self._end(charger_id, False)
            await self._audit(actor, charger_id, current, target, False, failed.message)
            message = f"{failed.message} {charger_id} keeps working on security profile {current}."
            return UpgradeOutcome(
                charger_id, target, False, current, message, failed.key, tuple(run.steps)
            )
        except BaseException:
            # A bug or a cancelled call: the transition must not stay open behind it.
            await self._end(charger_id, False)
            raise
        finally:
            self._running.discard(charger_id)
        message = f"{charger_id} is connected again on security profile {target}."
        await self._audit(actor, charger_id, current, target, True, message)
        return UpgradeOutcome(charger_id, target, True, target, message, None, tuple(run.steps))

    async def _steps(self, run: _Run, current: int, actor: Actor, timeout: float) -> None:
        charger_id, target = run.charger_id, run.target
        if not self._tls_available():
            raise _Failed(
                "install_ca",
                "ChargeDesk has no wss:// port: start it with a TLS port, then try again.",
            )
        if not self._channel.is_connected(charger_id):
            raise _Failed("install_ca", f"{charger_id} is offline: it must be connected.")
        # 1. The site CA, so the charger trusts our server certificate.
        run.report("install_ca", "running", f"Installing the site CA on {charger_id}…")
        try:
            outcome = await self._security.install_ca(charger_id, actor=actor)
        except SecuritySetupMissing as exc:
            raise _Failed("install_ca", str(exc)) from exc
        self._check(outcome, "install_ca", f"{charger_id} did not install the site CA")
        run.report("install_ca", "done", f"{charger_id} installed the site CA.")
        # 2. A new password; accepted beside the old one until the move is over.
        run.report("password", "running", f"Giving {charger_id} a new password…")
        password = generate_password()
        hashed = await asyncio.to_thread(hash_password, password)
        await _maybe(self._admission.expect_upgrade(charger_id, target, hashed))
        key = cmd.ChangeConfiguration(
            "AuthorizationKey", authorization_key(password, self.key_format)
        )
        outcome = await self._channel.send(charger_id, key)
        self._check(outcome, "password", f"{charger_id} did not take the new password")
        # The charger holds the new password now: it is the one to keep, whatever follows.
        await self._admission.set_password(charger_id, password, actor=actor)
        run.report("password", "done", f"{charger_id} has a new password.")
        # 3. Profile 3: a client certificate from the site CA.
        if target == 3:
            run.report("certificate", "running", f"{charger_id} is getting a certificate…")
            got = await self._security.request_charger_certificate(charger_id, actor=actor)
            if not got.succeeded:
                raise _Failed("certificate", got.message)
            run.report("certificate", "done", got.message)
        # 4. The switch, watched from before it is sent so no reconnection is missed.
        run.report("profile", "running", f"Switching {charger_id} to security profile {target}…")
        arrivals: asyncio.Queue[ChargerConnected] = asyncio.Queue()

        def on_event(event: Event) -> None:
            if isinstance(event, ChargerConnected) and event.charger_id == charger_id:
                arrivals.put_nowait(event)

        unsubscribe = self._bus.subscribe(on_event)
        try:
            switch = cmd.ChangeConfiguration("SecurityProfile", str(target))
            outcome = await self._channel.send(charger_id, switch)
            if outcome.status == "RebootRequired":
                outcome = await self._channel.send(charger_id, cmd.Reset(hard=False))
            self._check(outcome, "profile", f"{charger_id} did not switch its security profile")
            self.restart_expected(charger_id)  # it reconnects (or reboots) on purpose
            run.report("profile", "done", f"{charger_id} accepted security profile {target}.")
            # 5. Back on the new profile, or back on the old one (its fallback), or silent.
            run.report("reconnect", "running", f"Waiting for {charger_id} to connect again…")
            await self._await_return(charger_id, target, current, arrivals, timeout)
        finally:
            unsubscribe()
        await self._admission.set_security_profile(charger_id, target, actor=actor)
        await self._end(charger_id, True)
        run.report("reconnect", "done", f"{charger_id} is connected on security profile {target}.")

    async def _await_return(
        self,
        charger_id: str,
        target: int,
        current: int,
        arrivals: asyncio.Queue[ChargerConnected],
        timeout: float,
    ) -> None:
        try:
            async with asyncio.timeout(timeout):
                while True:
                    await arrivals.get()
                    profile = self._admission.connection_profile(charger_id)
                    if profile is not None and profile >= target:
                        return
                    if profile is not None:
                        raise _Failed(
                            "reconnect",
                            f"{charger_id} came back on security profile {profile}: it could"
                            f" not connect on profile {target}. The Connections page shows"
                            " why its wss:// connection was refused.",
                        )
        except TimeoutError:
            raise _Failed(
                "reconnect",
                f"{charger_id} did not connect again on security profile {target} within"
                f" {timeout:.0f} s. Check that it can reach the wss:// port and look at the"
                " Connections page for refused connections.",
            ) from None

    @staticmethod
    def _check(outcome: CommandOutcome, key: str, what: str) -> None:
        if not outcome.accepted:
            raise _Failed(key, f"{what} ({outcome.describe()}).")

    async def _end(self, charger_id: str, succeeded: bool) -> None:
        try:
            await _maybe(self._admission.finish_upgrade(charger_id, succeeded))
        except Exception:
            log.exception("%s: ending the upgrade transition failed", charger_id)

    async def _audit(
        self, actor: Actor, charger_id: str, current: int, target: int, ok: bool, words: str
    ) -> None:
        before = {"security_profile": current}
        after = {"target": target, "succeeded": ok, "message": words}
        await self._writer.submit(
            lambda c: audited.record(
                c, actor, "charger.security_upgrade", charger_id, before, after
            )
        )

    async def move_down(self, charger_id: str, target: int, *, actor: Actor) -> ChargerRecord:
        """Lower the profile ChargeDesk requires of a charger (admins only; audited)."""
        require(actor, Permission.SECURITY_SETTINGS)
        if target not in (0, 1, 2):
            raise SecurityProfileError("a charger can be moved down to security profile 0, 1 or 2")
        record = await self._writer.submit(lambda c: charger_repo.get_charger(c, charger_id))
        if record is None:
            raise SecurityProfileError(f"there is no charger {charger_id}")
        if record.security_profile <= target:
            raise SecurityProfileError(
                f"{record.id} is required to use security profile {record.security_profile}:"
                f" that is not above {target}"
            )
        # One change, one audit entry, named as the move down it is.
        return await self._admission.set_security_profile(
            record.id, target, actor=actor, action="charger.security_profile_down"
        )


@dataclass(slots=True)
class _Run:
    """One move up under way: its steps so far and who follows them."""

    charger_id: str
    target: int
    total: int
    progress: Progress | None
    steps: list[UpgradeStep] = field(default_factory=list)

    _ORDER = ("install_ca", "password", "certificate", "profile", "reconnect")

    def report(self, key: str, state: str, text: str) -> None:
        order = [k for k in self._ORDER if k != "certificate" or self.target == 3]
        number = order.index(key) + 1 if key in order else len(order)
        step = UpgradeStep(key, number, self.total, state, text)
        self.steps.append(step)
        log.info("%s: upgrade step %d/%d %s: %s", self.charger_id, number, self.total, state, text)
        if self.progress is not None:
            try:
                self.progress(step)
            except Exception:
                log.exception("%s: an upgrade progress listener failed", self.charger_id)


async def _maybe(result: Awaitable[None] | None) -> None:
    if inspect.isawaitable(result):
        await result
