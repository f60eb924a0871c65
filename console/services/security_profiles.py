"""The security profile each charger must connect with, and moving a charger up.

Profiles (OCPP 1.6 security extension): 0 nothing, 1 Basic auth over ws://, 2 Basic
auth over wss://, 3 a client certificate from the site CA over wss://. Raising a
charger's required profile is a charger-security change; lowering it weakens the site
and needs the security-settings permission. Both are in the audit log.

The guided move up (services/profile_upgrade.py) calls ``expect_upgrade`` before it
switches the charger, so that the charger is let in on its old and its new profile and
password while it reconnects; on success it stores the new password and profile
(``set_password``, ``set_security_profile``), then calls ``finish_upgrade``.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection

from console.core.charger_ids import charger_key
from console.core.model import ChargerRecord
from console.core.staff import Actor, Permission, PermissionDenied, require
from console.services.audited import record as audit_record
from console.services.handshake_judge import HandshakeJudge, PendingUpgrade
from console.services.staff_settings import read_security_settings, write_security_settings
from console.storage import chargers as charger_repo
from console.storage.writer import StorageWriter

PROFILES = (0, 1, 2, 3)


class SecurityProfileError(ValueError):
    """A profile change staff asked for that cannot be made; the message says why."""


def check_profile(profile: int) -> None:
    """Raise SecurityProfileError unless ``profile`` is 0, 1, 2 or 3."""
    if profile not in PROFILES:
        raise SecurityProfileError(f"security profile {profile} does not exist: choose 0 to 3")


def plain_port_enabled(connection: Connection) -> bool:
    """The site setting: is ws:// (the plain port) on? On unless an admin switched it off
    (one of the security settings the staff pages edit)."""
    return read_security_settings(connection).plain_port_enabled


class SecurityProfiles:
    """Stores and changes chargers' required security profiles (used by AdmissionService)."""

    def __init__(self, writer: StorageWriter, judge: HandshakeJudge) -> None:
        self._writer = writer
        self.connected: dict[str, int] = {}  # id key -> profile of its open connection
        self._judge = judge

    async def set_profile(
        self,
        charger_id: str,
        profile: int,
        *,
        actor: Actor,
        action: str = "charger.security_profile",
    ) -> ChargerRecord:
        """Require ``profile`` of a charger from its next connection on; ``action`` names
        the change in the audit log (the guided move down names itself).

        Raising needs Permission.CHARGER_SECURITY, lowering Permission.SECURITY_SETTINGS.
        Raises SecurityProfileError for an unknown charger, a profile outside 0-3, or
        profile 1 or 2 for a charger without a password (it could never connect).
        """
        check_profile(profile)
        require(actor, Permission.CHARGER_SECURITY)

        # Refusals are returned, not raised, from the writer: an exception there would
        # fail the whole group commit this operation shares with others.
        def store(connection: Connection) -> ChargerRecord | Exception:
            before = charger_repo.get_charger(connection, charger_id)
            if before is None:
                return SecurityProfileError(
                    f"no charger {charger_id!r} is registered: add it first, then set its profile"
                )
            if profile < before.security_profile and not actor.may(Permission.SECURITY_SETTINGS):
                return PermissionDenied(actor, Permission.SECURITY_SETTINGS)
            if profile in (1, 2) and not before.has_password:
                return SecurityProfileError(
                    f"security profile {profile} needs a password: set {before.id}'s password first"
                )
            if profile == before.security_profile:
                return before
            charger_repo.set_security_profile(connection, before.id, profile)
            audit_record(
                connection,
                actor,
                action,
                before.id,
                {"security_profile": before.security_profile},
                {"security_profile": profile},
            )
            after = charger_repo.get_charger(connection, before.id)
            assert after is not None
            return after

        outcome = await self._writer.submit(store)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def expect_upgrade(self, charger_id: str, profile: int, password_hash: str | None) -> None:
        """Let the charger in on ``profile`` and the password of ``password_hash`` as well
        as on its present ones, until ``finish_upgrade``."""
        check_profile(profile)
        self._judge.upgrades[charger_key(charger_id)] = PendingUpgrade(profile, password_hash)
        # Verifications remembered against the old hash stay valid: both are accepted.

    def finish_upgrade(self, charger_id: str, succeeded: bool) -> None:
        """End a move up: from now on only the stored profile and password count.

        Store the new password and profile (``set_password``, ``set_profile``, both
        audited) before calling this when the move ``succeeded``; when it failed, the old
        ones simply stay.
        """
        del succeeded  # either way the stored profile and password are the truth again
        self._judge.upgrades.pop(charger_key(charger_id), None)

    def connection_profile(self, charger_id: str) -> int | None:
        """The profile the charger's open connection met (3 client certificate, 2 TLS
        with password, 1 ws:// with password, 0 neither); None when it is not connected."""
        return self.connected.get(charger_key(charger_id))

    def connected_now(self, charger_id: str) -> None:
        """The charger's connection opened: its handshake's profile is its connection's."""
        key = charger_key(charger_id)
        profile = self._judge.profiles.pop(key, None)
        if profile is not None:
            self.connected[key] = profile

    def disconnected_now(self, charger_id: str) -> None:
        """The charger's connection closed."""
        self.connected.pop(charger_key(charger_id), None)

    async def set_plain_port(self, enabled: bool, *, actor: Actor) -> None:
        """Switch ws:// (the plain port) on or off for the site, from the next start on
        (Permission.SECURITY_SETTINGS, audited)."""
        require(actor, Permission.SECURITY_SETTINGS)

        def store(connection: Connection) -> None:
            settings = read_security_settings(connection)
            if settings.plain_port_enabled != enabled:
                write_security_settings(connection, replace(settings, plain_port_enabled=enabled))
                audit_record(
                    connection,
                    actor,
                    "site.plain_port",
                    "plain_port_enabled",
                    {"enabled": settings.plain_port_enabled},
                    {"enabled": enabled},
                )

        await self._writer.submit(store)
