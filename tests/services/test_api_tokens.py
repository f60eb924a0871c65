"""The API token service on a real SQLite file: a secret shown once and never stored,
resolved on each call, revoked and expired tokens refused, last use written at most once
a minute, only admins make and revoke tokens, and the audit log never holds a secret."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from actors import ADMIN, DESK, TECHNICIAN
from sqlalchemy import Connection, select
from staff_fixtures import *  # noqa: F403
from staff_fixtures import FakeClock

from console.core.api_tokens import (
    ApiToken,
    TokenInputError,
    TokenNotFound,
    TokenState,
    new_secret,
    secret_digest,
)
from console.core.audit import AuditEntry
from console.core.events import EventBus
from console.core.staff import PermissionDenied, Role
from console.services.api_tokens import ApiTokenService
from console.storage import api_tokens as tokens_repo
from console.storage import audit
from console.storage.api_tokens import api_tokens
from console.storage.writer import StorageWriter

pytestmark = pytest.mark.asyncio

SCRIPT = frozenset({Role.DESK, Role.TECHNICIAN})


@pytest.fixture
def service(writer: StorageWriter, bus: EventBus, clock: FakeClock) -> ApiTokenService:
    """The API token service with the test's clock."""
    return ApiTokenService(writer, bus, clock=clock)


async def _entries(writer: StorageWriter) -> list[AuditEntry]:
    return await writer.submit(lambda c: audit.entries(c, newest_first=False, limit=None))


async def _rows(writer: StorageWriter) -> list[dict[str, Any]]:
    def read(connection: Connection) -> list[dict[str, Any]]:
        return [dict(row._mapping) for row in connection.execute(select(api_tokens))]

    return await writer.submit(read)


def _files_hold(site_db: Path, text: str) -> bool:
    """True when the database file (or its WAL) holds ``text`` anywhere."""
    needle = text.encode()
    return any(
        needle in path.read_bytes()
        for path in site_db.parent.iterdir()
        if path.name.startswith(site_db.name)
    )


async def test_the_secret_is_returned_once_and_only_its_digest_is_stored(
    service: ApiTokenService, writer: StorageWriter, site_db: Path, clock: FakeClock
) -> None:
    token, secret = await service.create(" Nightly export ", SCRIPT, None, actor=ADMIN)
    assert secret.startswith("cdk_") and len(secret) == 47
    assert token.name == "Nightly export" and token.roles == SCRIPT
    assert token.prefix == secret[:8] and token.created_by == ADMIN.name
    assert token.created_at == clock.now and token.expires_at is None
    assert token.state_at(clock.now) is TokenState.ACTIVE
    assert await service.tokens() == [token]
    [row] = await _rows(writer)
    assert row["digest"] == secret_digest(secret)
    assert secret not in repr(row) and secret not in repr(token)
    assert _files_hold(site_db, row["digest"])  # the check sees what was written
    assert not _files_hold(site_db, secret)
    assert not _files_hold(site_db, secret[8:])  # not even the part after the prefix

    [entry] = await _entries(writer)
    assert (entry.actor, entry.action, entry.target) == (ADMIN.name, "api_token.add", token.name)
    assert entry.after == {
        "name": "Nightly export",
        "roles": "desk,technician",
        "prefix": secret[:8],
        "expires_at": None,
        "revoked_at": None,
    }
    assert secret[8:] not in repr(entry) and row["digest"] not in repr(entry)


async def test_a_secret_resolves_to_its_token_and_anything_else_to_none(
    service: ApiTokenService, clock: FakeClock
) -> None:
    token, secret = await service.create("exporter", {Role.VIEWER}, None, actor=ADMIN)
    other, _ = await service.create("other", {Role.DESK}, None, actor=ADMIN)
    resolved = await service.resolve(secret, "10.0.0.5")
    assert resolved is not None and resolved.id == token.id and resolved.roles == {Role.VIEWER}
    assert (resolved.last_used_at, resolved.last_used_from) == (clock.now, "10.0.0.5")
    for wrong in (new_secret(), secret[:-1], secret.upper(), "", "Bearer " + secret, " " + secret):
        assert await service.resolve(wrong, "10.0.0.5") is None
    listed = {t.id: t for t in await service.tokens()}
    assert listed[token.id].last_used_from == "10.0.0.5"
    assert listed[other.id].last_used_at is None


async def test_last_use_is_written_at_most_once_a_minute(
    service: ApiTokenService, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    token, secret = await service.create("busy script", {Role.VIEWER}, None, actor=ADMIN)
    writes: list[tuple[int, str]] = []
    real = tokens_repo.record_use

    def counted(connection: Connection, token_id: int, at: Any, address: str) -> None:
        writes.append((token_id, address))
        real(connection, token_id, at, address)

    monkeypatch.setattr(tokens_repo, "record_use", counted)
    first = clock.now
    # A burst of calls at once: one write.
    results = await asyncio.gather(*(service.resolve(secret, "10.0.0.5") for _ in range(20)))
    assert all(r is not None and r.id == token.id for r in results)
    assert writes == [(token.id, "10.0.0.5")]
    clock.advance(seconds=59)
    assert await service.resolve(secret, "10.0.0.6") is not None
    assert len(writes) == 1
    [stored] = await service.tokens()
    assert (stored.last_used_at, stored.last_used_from) == (first, "10.0.0.5")
    clock.advance(seconds=1)
    assert await service.resolve(secret, "10.0.0.6") is not None
    assert writes[-1] == (token.id, "10.0.0.6") and len(writes) == 2
    [stored] = await service.tokens()
    assert (stored.last_used_at, stored.last_used_from) == (clock.now, "10.0.0.6")


async def test_a_revoked_token_is_refused_and_its_name_may_be_used_again(
    service: ApiTokenService, writer: StorageWriter, clock: FakeClock
) -> None:
    token, secret = await service.create("backup", {Role.ADMIN}, None, actor=ADMIN)
    assert await service.resolve(secret, "10.0.0.5") is not None
    with pytest.raises(TokenInputError, match="'backup' exists already"):
        await service.create("BACKUP ", {Role.VIEWER}, None, actor=ADMIN)
    clock.advance(minutes=5)
    revoked = await service.revoke(token.id, actor=ADMIN)
    assert revoked.revoked_at == clock.now and revoked.revoked_by == ADMIN.name
    assert revoked.state_at(clock.now) is TokenState.REVOKED
    assert await service.resolve(secret, "10.0.0.5") is None
    with pytest.raises(TokenInputError, match="revoked already"):
        await service.revoke(token.id, actor=ADMIN)
    with pytest.raises(TokenNotFound, match="no API token 999"):
        await service.revoke(999, actor=ADMIN)
    again, new = await service.create("Backup", {Role.VIEWER}, None, actor=ADMIN)
    assert again.id != token.id and new != secret
    assert [t.name for t in await service.tokens()] == ["backup", "Backup"]

    entry = (await _entries(writer))[1]
    assert (entry.action, entry.target) == ("api_token.revoke", "backup")
    assert entry.before["revoked_at"] is None and entry.after["revoked_at"] is not None
    assert entry.after["prefix"] == secret[:8]
    assert all(secret[8:] not in repr(e) for e in await _entries(writer))


async def test_an_expired_token_is_refused(service: ApiTokenService, clock: FakeClock) -> None:
    token, secret = await service.create(
        "monthly", {Role.VIEWER}, clock.now + timedelta(days=30), actor=ADMIN
    )
    assert token.expires_at == clock.now + timedelta(days=30)
    clock.advance(days=29, hours=23)
    assert await service.resolve(secret, "10.0.0.5") is not None
    clock.advance(hours=1)
    assert await service.resolve(secret, "10.0.0.5") is None
    [listed] = await service.tokens()
    assert listed.state_at(clock.now) is TokenState.EXPIRED
    # An expired token may still be revoked, so the list says it was ended on purpose.
    assert (await service.revoke(token.id, actor=ADMIN)).revoked_at == clock.now
    with pytest.raises(TokenInputError, match="in the past"):
        await service.create("late", {Role.VIEWER}, clock.now, actor=ADMIN)


@pytest.mark.parametrize("actor", [DESK, TECHNICIAN], ids=["desk", "technician"])
async def test_only_an_admin_makes_and_revokes_tokens(
    service: ApiTokenService, writer: StorageWriter, actor: Any
) -> None:
    token, _ = await service.create("kept", {Role.VIEWER}, None, actor=ADMIN)
    before = (await _rows(writer), await _entries(writer))
    with pytest.raises(PermissionDenied, match="needs the admin role"):
        await service.create("mine", {Role.ADMIN}, None, actor=actor)
    with pytest.raises(PermissionDenied):
        await service.revoke(token.id, actor=actor)
    assert (await _rows(writer), await _entries(writer)) == before


async def test_wrong_input_changes_nothing(service: ApiTokenService, writer: StorageWriter) -> None:
    with pytest.raises(TokenInputError, match="at least one role"):
        await service.create("no roles", set(), None, actor=ADMIN)
    with pytest.raises(TokenInputError, match="give the token a name"):
        await service.create("  ", {Role.VIEWER}, None, actor=ADMIN)
    assert await _rows(writer) == [] and await _entries(writer) == []


async def test_listeners_hear_each_change_and_a_failing_one_changes_nothing(
    service: ApiTokenService,
) -> None:
    heard: list[tuple[str, str]] = []

    def broken(_token: ApiToken, _action: str) -> None:
        raise RuntimeError("listener bug")

    service.on_change.append(broken)
    service.on_change.append(lambda token, action: heard.append((token.name, action)))
    token, _ = await service.create("watched", {Role.VIEWER}, None, actor=ADMIN)
    await service.revoke(token.id, actor=ADMIN)
    assert heard == [("watched", "api_token.add"), ("watched", "api_token.revoke")]
