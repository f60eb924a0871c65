"""Hashing and checking staff passwords with argon2id (argon2-cffi).

Charger passwords use scrypt (services/passwords.py); people's passwords are what
attackers guess best, so they get argon2id at the library's recommended cost. A hash
made with other parameters (older, or the tests' small ones) still checks, and the login
that proves the password stores a new hash at today's cost ("rehash on login").

Tests call ``use_test_cost()`` (a few milliseconds per hash instead of ~100 ms), or set
the environment variable ``CHARGEDESK_TEST_ARGON2=1`` for programs they start.
"""

from __future__ import annotations

import os

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

TEST_COST_VARIABLE = "CHARGEDESK_TEST_ARGON2"

# RFC 9106's second recommendation (64 MiB, 3 passes), argon2-cffi's default.
_PRODUCTION = PasswordHasher(type=Type.ID)
# Small enough for a test suite, still argon2id; never for a real site.
_TEST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)

_hasher = _TEST if os.environ.get(TEST_COST_VARIABLE) == "1" else _PRODUCTION

# A hash of a password nobody has: checked when a username is unknown, so an unknown
# user costs the same time as a wrong password and timing tells nothing.
_DUMMY: dict[int, str] = {}


def use_test_cost(enabled: bool = True) -> None:
    """Hash with the tests' small cost (True) or the production cost (False)."""
    global _hasher
    _hasher = _TEST if enabled else _PRODUCTION


def hash_staff_password(password: str) -> str:
    """An argon2id hash of ``password`` (salted; the parameters are in the text)."""
    return _hasher.hash(password)


def check_staff_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; False for a mismatch or a broken hash."""
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with other parameters than today's."""
    try:
        return _hasher.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def burn_time(password: str) -> None:
    """Spend as long as checking a real password, for a username that does not exist."""
    key = id(_hasher)
    if key not in _DUMMY:
        _DUMMY[key] = _hasher.hash("no account has this password")
    check_staff_password(password, _DUMMY[key])
