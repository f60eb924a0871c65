"""Repository of named API tokens: plain ApiToken dataclasses out, never a secret.

Only the SHA-256 digest of a secret is stored; ``find_by_digest`` is how a script's
secret is recognised.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from console.core.api_tokens import ApiToken, name_key
from console.core.staff import Role, roles_from_text, roles_text
from console.storage.rows import utc_or_none
from console.storage.tables import table_of
from console.storage.tables_api_tokens import ApiTokenRow

api_tokens = table_of(ApiTokenRow)


def _token(row: Any) -> ApiToken:
    return ApiToken(
        id=int(row.id),
        name=row.name,
        roles=roles_from_text(row.roles),
        prefix=row.prefix,
        created_by=row.created_by,
        created_at=utc_or_none(row.created_at),  # type: ignore[arg-type]
        expires_at=utc_or_none(row.expires_at),
        last_used_at=utc_or_none(row.last_used_at),
        last_used_from=row.last_used_from,
        revoked_at=utc_or_none(row.revoked_at),
        revoked_by=row.revoked_by,
    )


def add_token(
    connection: Connection,
    *,
    name: str,
    roles: frozenset[Role],
    digest: str,
    prefix: str,
    created_by: str,
    created_at: datetime,
    expires_at: datetime | None,
) -> ApiToken:
    """Store a new token (its secret's digest only) and return it."""
    result = connection.execute(
        insert(api_tokens).values(
            name=name,
            name_key=name_key(name),
            digest=digest,
            prefix=prefix,
            roles=roles_text(roles),
            created_by=created_by[:128],
            created_at=created_at,
            expires_at=expires_at,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    token = get_token(connection, int(key[0]))
    assert token is not None
    return token


def list_tokens(connection: Connection) -> list[ApiToken]:
    """Every token, revoked ones included, by name and then by age."""
    query = select(api_tokens).order_by(api_tokens.c.name_key, api_tokens.c.id)
    return [_token(row) for row in connection.execute(query)]


def get_token(connection: Connection, token_id: int) -> ApiToken | None:
    """The token with ``token_id``, or None."""
    row = connection.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
    return None if row is None else _token(row)


def find_by_digest(connection: Connection, digest: str) -> ApiToken | None:
    """The token whose secret has this SHA-256 digest, or None."""
    row = connection.execute(select(api_tokens).where(api_tokens.c.digest == digest)).first()
    return None if row is None else _token(row)


def unrevoked_with_name(connection: Connection, name: str) -> ApiToken | None:
    """A token not revoked that has ``name`` (compared without case), or None."""
    row = connection.execute(
        select(api_tokens)
        .where(api_tokens.c.name_key == name_key(name), api_tokens.c.revoked_at.is_(None))
        .limit(1)
    ).first()
    return None if row is None else _token(row)


def revoke(connection: Connection, token_id: int, at: datetime, by: str) -> ApiToken | None:
    """Mark a token revoked (it stays on record); None when there is no such token."""
    connection.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id)
        .values(revoked_at=at, revoked_by=by[:128])
    )
    return get_token(connection, token_id)


def record_use(connection: Connection, token_id: int, at: datetime, address: str) -> None:
    """Remember when and from where a token was last used."""
    connection.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id)
        .values(last_used_at=at, last_used_from=address[:255])
    )
