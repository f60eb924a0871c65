"""The charging history of one card, or of one person over all their cards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection

from console.core.billing import SessionBill
from console.core.model import Card, CardStatusChange, Person, Session
from console.services.csv_text import write_rows
from console.services.formatting import iso_local, with_zone
from console.storage import bills as bill_repo
from console.storage import cards as card_repo
from console.storage import people as people_repo
from console.storage import sessions as session_repo

HISTORY_COLUMNS = (
    "session",
    "card",
    "charger",
    "connector",
    "start",
    "stop",
    "duration_min",
    "energy_kwh",
    "stop_reason",
    "flags",
    "cost",
    "currency",
)
TIME_COLUMNS = frozenset({"start", "stop"})


def history_header(tz: tzinfo | None = None) -> list[str]:
    """The history CSV's column titles; the times name their zone: "start (Europe/Berlin)"."""
    return [with_zone(name, tz) if name in TIME_COLUMNS else name for name in HISTORY_COLUMNS]


@dataclass(frozen=True, slots=True)
class CardHistory:
    """Sessions of some cards, newest first, with their totals.

    ``card`` is set for the history of one card (None when the id is not registered but
    sessions used it); ``person`` for the history of a person over ``cards``.
    """

    cards: tuple[Card, ...]
    sessions: tuple[Session, ...]
    card: Card | None = None
    person: Person | None = None
    bills: Mapping[int, SessionBill] = field(default_factory=dict)  # by session id
    # When and why the cards were blocked, unblocked or retired, newest first.
    status_changes: tuple[CardStatusChange, ...] = ()

    @property
    def session_count(self) -> int:
        """How many sessions, running ones included."""
        return len(self.sessions)

    @property
    def energy_wh(self) -> int:
        """Energy of the finished sessions, in Wh."""
        return sum(session.energy_wh or 0 for session in self.sessions)

    @property
    def energy_kwh(self) -> float:
        """Energy of the finished sessions, in kWh."""
        return self.energy_wh / 1000

    @property
    def costs(self) -> dict[str, Decimal]:
        """What the billed sessions cost (gross), per currency."""
        totals: dict[str, Decimal] = {}
        for bill in self.bills.values():
            currency = bill.breakdown.currency
            totals[currency] = totals.get(currency, Decimal("0.00")) + bill.breakdown.gross_total
        return totals

    @property
    def first_use(self) -> datetime | None:
        """When the earliest session started (UTC), None without sessions."""
        return min((s.started_at for s in self.sessions), default=None)

    @property
    def last_use(self) -> datetime | None:
        """When the latest session started (UTC), None without sessions."""
        return max((s.started_at for s in self.sessions), default=None)


def card_history(connection: Connection, id_tag: str) -> CardHistory:
    """The sessions of the card ``id_tag`` in any spelling, registered or not."""
    card = card_repo.get_card(connection, id_tag)
    sessions = session_repo.list_sessions(connection, id_tags=[id_tag])
    person = None
    if card is not None and card.person_id is not None:
        person = people_repo.get_person(connection, card.person_id)
    cards = (card,) if card is not None else ()
    bills = bill_repo.bills_of_sessions(connection, [session.id for session in sessions])
    changes = tuple(card_repo.status_history(connection, [id_tag]))
    return CardHistory(
        cards, tuple(sessions), card=card, person=person, bills=bills, status_changes=changes
    )


def person_history(connection: Connection, person_id: int) -> CardHistory | None:
    """The sessions of every card a person owns (retired cards too); None: no such person.

    Sessions are those of the cards, so a card passed on to someone else brings its earlier
    sessions along.
    """
    person = people_repo.get_person(connection, person_id)
    if person is None:
        return None
    cards = card_repo.cards_of_person(connection, person_id)
    sessions = (
        session_repo.list_sessions(connection, id_tags=[card.id_tag for card in cards])
        if cards
        else []
    )
    bills = bill_repo.bills_of_sessions(connection, [session.id for session in sessions])
    changes = tuple(card_repo.status_history(connection, [card.id_tag for card in cards]))
    return CardHistory(
        tuple(cards), tuple(sessions), person=person, bills=bills, status_changes=changes
    )


def _local(moment: datetime | None, tz: tzinfo | None) -> str:
    return iso_local(moment, tz)


def history_row(
    session: Session, bill: SessionBill | None = None, tz: tzinfo | None = None
) -> list[str]:
    """One session as the history CSV writes it (times in ``tz``, else the site's zone,
    ISO 8601 with their UTC offset)."""
    duration = ""
    if session.stopped_at is not None:
        minutes = (session.stopped_at - session.started_at).total_seconds() / 60
        duration = f"{minutes:.1f}"
    energy = session.energy_wh
    return [
        str(session.id),
        session.id_tag,
        session.charger_id,
        str(session.connector_id),
        _local(session.started_at, tz),
        _local(session.stopped_at, tz),
        duration,
        f"{energy / 1000:.3f}" if energy is not None else "",
        session.stop_reason or "",
        " ".join(session.flags),
        str(bill.breakdown.gross_total) if bill is not None else "",
        bill.breakdown.currency if bill is not None else "",
    ]


def write_history_csv(history: CardHistory, path: Path, tz: tzinfo | None = None) -> int:
    """Write one row per session, newest first; returns how many.

    Times in ``tz`` (UTC when a technician asks for it), else in the site's zone."""
    rows = (history_row(s, history.bills.get(s.id), tz) for s in history.sessions)
    return write_rows(path, history_header(tz), rows)
