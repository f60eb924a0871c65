"""The rules of a charger id (its charge point identity) and of its password.

OCPP 1.6 (with the security whitepaper) and 2.0.1 make the identity at most 48
characters from the "unreserved" set of RFC 3986 (letters, digits, ``- . _ ~``), so it
can stand in a URL path unescaped and as the Basic-auth user name (which may not hold a
colon). Ids compare without case: ``cp1`` and ``CP1`` are one charger, stored once under
the spelling it was first registered with. ``.`` and ``..`` are path segments, not ids.

Passwords (Basic-auth keys of security profile 1) are 16 to 40 characters, as the 1.6
security extension asks of ``AuthorizationKey``.
"""

from __future__ import annotations

import secrets
import string

MAX_ID_LENGTH = 48
ID_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~")
MIN_PASSWORD_LENGTH = 16
MAX_PASSWORD_LENGTH = 40
# Letters and digits only: a generated password survives any charger's web form.
_PASSWORD_ALPHABET = string.ascii_letters + string.digits
GENERATED_PASSWORD_LENGTH = 24  # about 143 bits


def charger_id_problem(charger_id: str) -> str | None:
    """Why ``charger_id`` is not a valid charge point identity, or None when it is."""
    if not charger_id:
        return "empty"
    if len(charger_id) > MAX_ID_LENGTH:
        return f"longer than {MAX_ID_LENGTH} characters"
    if charger_id in (".", ".."):
        return "a path segment, not an id"
    if not ID_CHARACTERS.issuperset(charger_id):
        return "characters outside A-Z a-z 0-9 - . _ ~"
    return None


def charger_key(charger_id: str) -> str:
    """The key ids are compared by: ``CP1`` and ``cp1`` give the same key."""
    # Valid ids are ASCII, so lower() cannot turn two different ids into one by accident.
    return charger_id.lower()


def password_problem(password: str) -> str | None:
    """Why ``password`` cannot be a charger's new password, or None when it can."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        return f"a password has {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters"
    if not password.isprintable() or not password.isascii():
        return "a password holds printable ASCII characters only"
    return None


def generate_password() -> str:
    """A random password that meets :func:`password_problem`."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(GENERATED_PASSWORD_LENGTH))
