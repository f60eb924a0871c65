"""Long-lived named API tokens for scripts: what a token is, its rules, its secret.

A token stands in for a person when a script calls the HTTP API: it holds roles like a
staff account, and every call it makes passes the same permission checks and lands in
the audit log under the token's name. The secret is shown once when the token is made;
only its SHA-256 digest is stored (the secret has 256 random bits, so a plain hash is
enough and a lookup by digest stays one indexed read).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from console.core.staff import Actor, Origin, Role

#: Every secret starts with this, so a leaked one is recognised (and secret scanners
#: can be taught to look for it).
SECRET_PREFIX = "cdk_"
#: ``secrets.token_urlsafe(32)``: 32 random bytes as 43 characters of urlsafe base64.
SECRET_RANDOM_LENGTH = 43
SECRET_LENGTH = len(SECRET_PREFIX) + SECRET_RANDOM_LENGTH
#: How many leading characters of the secret are kept to recognise a token by.
SHOWN_PREFIX_LENGTH = 8
MAX_NAME_LENGTH = 64
_SECRET_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class TokenState(StrEnum):
    """Whether a token lets a script in at a moment."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A named API token as the services and the console see it (never its secret).

    ``prefix`` is the first characters of the secret, to tell tokens apart ("cdk_AbC1");
    ``created_by`` and ``revoked_by`` name the person as the audit log does.
    ``last_used_from`` is the address of the last script that used it.
    """

    id: int
    name: str
    roles: frozenset[Role]
    prefix: str
    created_by: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    last_used_from: str | None
    revoked_at: datetime | None
    revoked_by: str | None

    def state_at(self, now: datetime) -> TokenState:
        """Active, expired (its time has run out) or revoked (an admin ended it)."""
        if self.revoked_at is not None:
            return TokenState.REVOKED
        if self.expires_at is not None and self.expires_at <= now:
            return TokenState.EXPIRED
        return TokenState.ACTIVE

    def active_at(self, now: datetime) -> bool:
        """True when the token lets a script in at ``now``."""
        return self.state_at(now) is TokenState.ACTIVE


class TokenInputError(ValueError):
    """A name, set of roles or expiry a token cannot have; says why in plain words."""


class TokenNotFound(LookupError):
    """No API token has this id."""

    def __init__(self, token_id: object) -> None:
        super().__init__(f"there is no API token {token_id}: reload the list of tokens")


def name_key(name: str) -> str:
    """The form token names are compared in: "Backup" and "backup " are one name."""
    return name.strip().casefold()


def check_name(name: str) -> str:
    """``name`` trimmed, or TokenInputError saying what is wrong with it."""
    shown = name.strip()
    if not shown:
        raise TokenInputError("give the token a name that says which script uses it")
    if len(shown) > MAX_NAME_LENGTH:
        raise TokenInputError(
            f"the name is too long: use at most {MAX_NAME_LENGTH} characters (not {len(shown)})"
        )
    if not shown.isprintable():
        raise TokenInputError(
            "the name cannot hold tabs, line breaks or other invisible characters"
        )
    return shown


def check_roles(roles: Iterable[Role]) -> frozenset[Role]:
    """The roles as a set, or TokenInputError when there is none."""
    chosen = frozenset(roles)
    if not chosen:
        raise TokenInputError(
            "give the token at least one role (viewer reads everything and changes nothing)"
        )
    return chosen


def check_expiry(expires_at: datetime | None, now: datetime) -> datetime | None:
    """``expires_at`` (aware, in the future) or None for a token that never expires."""
    if expires_at is None:
        return None
    if expires_at.tzinfo is None:
        raise TokenInputError("the expiry needs a time zone (give it in UTC)")
    if expires_at <= now:
        raise TokenInputError("the expiry lies in the past: choose a later date, or none")
    return expires_at


def new_secret() -> str:
    """A fresh token secret: ``cdk_`` and 43 characters (256 random bits)."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def looks_like_secret(text: str) -> bool:
    """True when ``text`` has a secret's form (checked before any lookup)."""
    return (
        len(text) == SECRET_LENGTH
        and text.startswith(SECRET_PREFIX)
        and set(text[len(SECRET_PREFIX) :]) <= _SECRET_ALPHABET
    )


def secret_digest(secret: str) -> str:
    """What is stored of a secret: its SHA-256, hexadecimal."""
    return hashlib.sha256(secret.encode("ascii", "replace")).hexdigest()


def shown_prefix(secret: str) -> str:
    """The first characters of a secret, kept and shown to recognise the token."""
    return secret[:SHOWN_PREFIX_LENGTH]


def token_actor(token: ApiToken, address: str) -> Actor:
    """Who acts when a script calls the API with ``token`` from ``address``.

    The name says it is a token, so the audit log never mistakes it for a person's
    login; the roles are the token's own.
    """
    return Actor(f"{token.name} (API token)", token.roles, Origin.API, None, address)
