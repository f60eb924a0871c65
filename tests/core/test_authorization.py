"""The 1.6 authorization rules as a table of cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.core.authorization import authorize, normalize_id_tag
from console.core.enums import AuthorizationStatus as S
from console.core.enums import CardStatus
from console.core.model import Card

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("card", "running", "expected"),
    [
        (None, 0, S.INVALID),
        (Card("A"), 0, S.ACCEPTED),
        (Card("A", status=CardStatus.BLOCKED), 0, S.BLOCKED),
        (Card("A", status=CardStatus.RETIRED), 0, S.INVALID),
        (Card("A", expires_at=NOW - timedelta(seconds=1)), 0, S.EXPIRED),
        (Card("A", expires_at=NOW), 0, S.EXPIRED),
        (Card("A", expires_at=NOW + timedelta(days=1)), 0, S.ACCEPTED),
        (Card("A"), 1, S.CONCURRENT_TX),
        (Card("A", max_concurrent=2), 1, S.ACCEPTED),
        (Card("A", max_concurrent=0), 5, S.ACCEPTED),
        # Blocked wins over expired, expired over concurrency.
        (Card("A", status=CardStatus.BLOCKED, expires_at=NOW - timedelta(1)), 1, S.BLOCKED),
        (Card("A", expires_at=NOW - timedelta(1)), 1, S.EXPIRED),
    ],
)
def test_authorization_rules(card: Card | None, running: int, expected: S) -> None:
    assert authorize(card, now=NOW, running_sessions=running).status is expected


def test_parent_id_and_expiry_are_reported() -> None:
    expiry = NOW + timedelta(days=30)
    info = authorize(
        Card("A", expires_at=expiry, parent_id_tag="STAFF"), now=NOW, running_sessions=0
    )
    assert info.parent_id_tag == "STAFF"
    assert info.expiry_date == expiry


def test_card_ids_compare_case_insensitively() -> None:
    assert normalize_id_tag("04A1b2C3") == normalize_id_tag("04a1B2c3 ")


def test_an_authorize_never_answers_concurrent_tx() -> None:
    # OCPP 1.6 keeps ConcurrentTx for StartTransaction: without a count, none is judged.
    assert authorize(Card("A"), now=NOW).status is S.ACCEPTED
    assert authorize(Card("A", status=CardStatus.BLOCKED), now=NOW).status is S.BLOCKED
