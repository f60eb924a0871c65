"""API tokens: names, roles and expiry a person can use, the secret's form, the state."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from console.core.api_tokens import (
    SECRET_LENGTH,
    ApiToken,
    TokenInputError,
    TokenState,
    check_expiry,
    check_name,
    check_roles,
    looks_like_secret,
    name_key,
    new_secret,
    secret_digest,
    shown_prefix,
    token_actor,
)
from console.core.staff import Origin, Permission, Role

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def _token(**changes: object) -> ApiToken:
    values: dict[str, object] = {
        "id": 1,
        "name": "nightly export",
        "roles": frozenset({Role.VIEWER}),
        "prefix": "cdk_AbCd",
        "created_by": "anna",
        "created_at": NOW - timedelta(days=1),
        "expires_at": None,
        "last_used_at": None,
        "last_used_from": None,
        "revoked_at": None,
        "revoked_by": None,
    }
    values.update(changes)
    return ApiToken(**values)  # type: ignore[arg-type]


def test_names_are_trimmed_and_compared_without_case() -> None:
    assert check_name("  Nightly export ") == "Nightly export"
    assert name_key(" Nightly EXPORT") == name_key("nightly export")
    assert check_name("x" * 64) == "x" * 64
    assert check_name("Zählerstände → Excel") == "Zählerstände → Excel"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "give the token a name"),
        ("   ", "give the token a name"),
        ("x" * 65, r"at most 64 characters \(not 65\)"),
        ("two\nlines", "line breaks"),
        ("tab\there", "tabs"),
        ("bell\x07", "invisible"),
    ],
)
def test_names_a_token_cannot_have_say_why(name: str, words: str) -> None:
    with pytest.raises(TokenInputError, match=words):
        check_name(name)


def test_a_token_needs_a_role() -> None:
    assert check_roles([Role.DESK, Role.DESK]) == frozenset({Role.DESK})
    with pytest.raises(TokenInputError, match="at least one role"):
        check_roles([])


def test_the_expiry_lies_in_the_future_and_has_a_zone() -> None:
    assert check_expiry(None, NOW) is None
    later = NOW + timedelta(days=30)
    assert check_expiry(later, NOW) == later
    with pytest.raises(TokenInputError, match="in the past"):
        check_expiry(NOW, NOW)
    with pytest.raises(TokenInputError, match="time zone"):
        check_expiry(datetime(2027, 1, 1), NOW)


def test_a_secret_has_its_form_and_only_its_digest_is_kept() -> None:
    secrets = {new_secret() for _ in range(50)}
    assert len(secrets) == 50
    for secret in secrets:
        assert secret.startswith("cdk_") and len(secret) == SECRET_LENGTH == 47
        assert looks_like_secret(secret)
        assert secret_digest(secret) == hashlib.sha256(secret.encode()).hexdigest()
        assert shown_prefix(secret) == secret[:8]
    one = next(iter(secrets))
    assert not looks_like_secret(one[:-1])
    assert not looks_like_secret("xyz_" + one[4:])
    assert not looks_like_secret(one[:-1] + "/")
    assert not looks_like_secret("")


def test_the_state_at_a_moment() -> None:
    assert _token().state_at(NOW) is TokenState.ACTIVE and _token().active_at(NOW)
    expiring = _token(expires_at=NOW + timedelta(seconds=1))
    assert expiring.active_at(NOW)
    assert expiring.state_at(NOW + timedelta(seconds=1)) is TokenState.EXPIRED
    revoked = _token(revoked_at=NOW - timedelta(hours=1), revoked_by="anna", expires_at=NOW)
    assert revoked.state_at(NOW) is TokenState.REVOKED and not revoked.active_at(NOW)


def test_a_token_acts_with_its_own_roles_from_the_api() -> None:
    actor = token_actor(_token(roles=frozenset({Role.DESK})), "10.0.0.7")
    assert actor.name == "nightly export (API token)"
    assert actor.origin is Origin.API and actor.place == "10.0.0.7" and actor.staff_id is None
    assert actor.may(Permission.CARDS) and not actor.may(Permission.STAFF)
