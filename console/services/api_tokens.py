"""Named API tokens for scripts: made and revoked by an admin, resolved on every call.

A token's secret is returned once by ``create`` and never stored (only its SHA-256);
``resolve`` recognises a secret on each API call and says which token it is, if it may
still be used. Its last use is written at most once a minute per token, so a busy script
does not turn every call into a write; the throttle is kept in memory (after a restart
the first use is written again, which costs one write).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from console.core.api_tokens import (
    ApiToken,
    TokenInputError,
    TokenNotFound,
    TokenState,
    check_expiry,
    check_name,
    check_roles,
    looks_like_secret,
    new_secret,
    secret_digest,
    shown_prefix,
)
from console.core.clock import utcnow
from console.core.events import EventBus
from console.core.staff import Actor, Permission, Role, require, roles_text
from console.services.audited import record
from console.storage import api_tokens as tokens_repo
from console.storage.writer import StorageWriter

__all__ = ["ApiTokenService", "TokenInputError", "TokenNotFound"]

log = logging.getLogger(__name__)

#: A token's last use is written at most this often.
USE_WRITE_INTERVAL = timedelta(minutes=1)

Clock = Callable[[], datetime]
#: Called after a change is committed with the token as it now is and the audit action
#: ("api_token.add", "api_token.revoke"); the engine hooks what should follow.
ChangeCallback = Callable[[ApiToken, str], None]


def _facts(token: ApiToken) -> dict[str, Any]:
    # Never the secret nor its digest: the audit log is exported and read by people.
    return {
        "name": token.name,
        "roles": roles_text(token.roles),
        "prefix": token.prefix,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
    }


class ApiTokenService:
    """Long-lived named API tokens: create, revoke, list, and resolve a secret."""

    def __init__(self, writer: StorageWriter, bus: EventBus, *, clock: Clock = utcnow) -> None:
        self._writer = writer
        self._bus = bus
        self._clock = clock
        #: When each token's last use was last written (the once-a-minute throttle).
        self._use_written: dict[int, datetime] = {}
        self.on_change: list[ChangeCallback] = []

    async def tokens(self) -> list[ApiToken]:
        """Every token, revoked and expired ones included, by name."""
        return await self._writer.submit(tokens_repo.list_tokens)

    async def create(
        self,
        name: str,
        roles: Iterable[Role],
        expires_at: datetime | None,
        *,
        actor: Actor,
    ) -> tuple[ApiToken, str]:
        """Make a token; the token and its secret, which is shown now and never again.

        Needs the admin role (Permission.STAFF). The name must be unused among tokens not
        revoked (compared without case); ``expires_at`` None means it never expires.
        """
        require(actor, Permission.STAFF)
        shown_name = check_name(name)
        chosen = check_roles(roles)
        now = self._clock()
        expiry = check_expiry(expires_at, now)
        secret = new_secret()

        def store(connection: Connection) -> ApiToken:
            taken = tokens_repo.unrevoked_with_name(connection, shown_name)
            if taken is not None:
                raise TokenInputError(
                    f"a token called '{taken.name}' exists already: choose another name, "
                    "or revoke that token first"
                )
            token = tokens_repo.add_token(
                connection,
                name=shown_name,
                roles=chosen,
                digest=secret_digest(secret),
                prefix=shown_prefix(secret),
                created_by=actor.name,
                created_at=now,
                expires_at=expiry,
            )
            record(connection, actor, "api_token.add", token.name, None, _facts(token))
            return token

        token = await self._writer.submit(store)
        self._changed(token, "api_token.add")
        return token, secret

    async def revoke(self, token_id: int, *, actor: Actor) -> ApiToken:
        """End a token at once: scripts using it are refused from their next call."""
        require(actor, Permission.STAFF)
        now = self._clock()

        def store(connection: Connection) -> ApiToken:
            before = tokens_repo.get_token(connection, token_id)
            if before is None:
                raise TokenNotFound(token_id)
            if before.state_at(now) is TokenState.REVOKED:
                raise TokenInputError(
                    f"the token '{before.name}' is revoked already (by {before.revoked_by})"
                )
            after = tokens_repo.revoke(connection, token_id, now, actor.name)
            assert after is not None
            record(connection, actor, "api_token.revoke", after.name, _facts(before), _facts(after))
            return after

        token = await self._writer.submit(store)
        self._use_written.pop(token.id, None)
        self._changed(token, "api_token.revoke")
        return token

    async def resolve(self, secret: str, address: str) -> ApiToken | None:
        """The token whose secret this is, if it may be used now; None otherwise.

        Unknown, revoked and expired tokens all give None (the caller refuses them alike,
        telling a guesser nothing). The use is recorded at most once a minute per token.
        """
        if not looks_like_secret(secret):
            return None
        digest = secret_digest(secret)
        token = await self._writer.submit(lambda c: tokens_repo.find_by_digest(c, digest))
        now = self._clock()
        if token is None or not token.active_at(now):
            return None
        written = self._use_written.get(token.id)
        if written is not None and now - written < USE_WRITE_INTERVAL:
            return token
        # Claimed before the write is awaited, so calls arriving meanwhile do not write too.
        self._use_written[token.id] = now
        token_id = token.id
        try:
            await self._writer.submit(lambda c: tokens_repo.record_use(c, token_id, now, address))
        except Exception:
            # The last use is a convenience; a script must not be refused because the
            # database cannot take this write (a full disk has its own alarm).
            log.warning("last use of API token %s not recorded", token.name, exc_info=True)
            return token
        return dataclasses.replace(token, last_used_at=now, last_used_from=address)

    def _changed(self, token: ApiToken, action: str) -> None:
        for callback in list(self.on_change):
            try:
                callback(token, action)
            except Exception:
                # The change is committed; a failing listener must not make it look failed.
                log.exception("API token change listener failed")
