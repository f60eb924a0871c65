"""A week of made-up history for the demo database, so every view has something to show.

Besides chargers and sessions it registers people and cards in every state a person
should recognise (active, blocked, expired, retired; in groups) and a few refused cards.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection

from console.core.cards import expiry_at_end_of
from console.core.clock import utcnow
from console.core.enums import Approval, AuthorizationStatus, BlockReason, CardStatus
from console.core.model import Card, MeterValue, Person, SampledValue
from console.services.demo_billing import seed_billing_demo
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import people as people_repo
from console.storage import samples as sample_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database

SAMPLE_EVERY = timedelta(minutes=5)
DEMO_POWER_CEILING_W = 400_000.0 * 10  # the site's ceiling at the simulators' speed

# (name, department or cost centre, e-mail, phone)
DEMO_PEOPLE = [
    ("Dr. Maria Hoffmann", "Radiology", "m.hoffmann@st-marien.example", "+49 30 4505 1120"),
    ("Jonas Weber", "Facilities CC-4100", "j.weber@st-marien.example", "+49 30 4505 2210"),
    ("Aylin Demir", "Emergency Department", "a.demir@st-marien.example", "+49 30 4505 3301"),
    ("Tomás Álvarez", "Pharmacy CC-2300", "t.alvarez@st-marien.example", None),
    ("Sophie Martin", "Radiology", "s.martin@st-marien.example", "+49 30 4505 1125"),
    ("Fleet office", "Transport CC-7800", "fleet@st-marien.example", "+49 30 4505 7800"),
]


@dataclass(frozen=True, slots=True)
class DemoCard:
    """A demo card: its group, owner (by name), state and note."""

    id_tag: str
    group: str | None = None
    owner: str | None = None
    status: CardStatus = CardStatus.ACTIVE
    valid_days: int | None = None  # days from today until it expires (negative: expired)
    at_once: int = 1
    note: str | None = None


# The demo site's cards. The simulated chargers use some ids (demo_site.DEMO_CARDS):
# those stay active so their sessions start.
DEMO_CARD_DETAILS = [
    DemoCard("04A1B2C3", "STAFF", "Dr. Maria Hoffmann", valid_days=400),
    DemoCard("04D4E5F6", "STAFF", "Jonas Weber", note="Replaces 04C0FFEE"),
    DemoCard("0417AB9C", "STAFF", "Aylin Demir", valid_days=90),
    DemoCard("VISITOR-01", "VISITOR", None, valid_days=30, note="Reception loan card"),
    DemoCard("VISITOR-02", "VISITOR", None, valid_days=30, note="Reception loan card"),
    DemoCard("FLEET-22", "FLEET", "Fleet office", at_once=0, note="Pool cars B-SM 22..29"),
    DemoCard("FLEET-23", "FLEET", "Fleet office", at_once=0),
    DemoCard("04B7C8D9", "STAFF", "Tomás Álvarez", CardStatus.BLOCKED, note="Reported lost"),
    DemoCard("04E1F2A3", "STAFF", "Sophie Martin", valid_days=-12, note="Contract ended"),
    DemoCard("04C0FFEE", "STAFF", "Jonas Weber", CardStatus.RETIRED, note="Damaged, replaced"),
]

# (card, charger, answer, hours ago for each time it was presented)
DEMO_REFUSALS = [
    ("DE-EMSP-8812", "P2-DC-02", AuthorizationStatus.INVALID, (30.0, 5.5)),
    ("04B7C8D9", "P1-AC-01", AuthorizationStatus.BLOCKED, (20.0, 2.0)),
    ("04E1F2A3", "P2-DC-01", AuthorizationStatus.EXPIRED, (26.0, 8.0, 3.2)),
    ("04A1B2C3", "P1-AC-02", AuthorizationStatus.CONCURRENT_TX, (1.5,)),
]


def seed_demo_database(
    url: str, chargers: list[tuple[str, int, float]], cards: list[str], days: int = 7
) -> None:
    """Register ``chargers`` (id, connectors, kW), people, ``cards`` and the demo cards,
    add past sessions and a few refused cards."""
    engine = open_database(url)
    try:
        with engine.begin() as connection:
            now = utcnow()
            for charger_id, _connectors, _kw in chargers:
                charger_repo.add_charger(connection, charger_id, Approval.ACCEPTED, now)
            # The demo's meters run 10 times faster than their timestamps (demo_site).
            sample_repo.set_power_ceiling_w(connection, DEMO_POWER_CEILING_W)
            owners = _add_people(connection, now)
            details = {d.id_tag: d for d in DEMO_CARD_DETAILS}
            for card in cards:
                card_repo.save_card(
                    connection, _card(details.get(card, DemoCard(card)), owners), now
                )
            for detail in DEMO_CARD_DETAILS:
                if detail.id_tag not in cards:
                    card_repo.save_card(connection, _card(detail, owners), now)
            used = [*cards, *(d.id_tag for d in DEMO_CARD_DETAILS if d.id_tag not in cards)]
            _add_history(connection, chargers, used, days)
            _add_refusals(connection, now)
            seed_billing_demo(connection, now)
    finally:
        engine.dispose()


def _add_people(connection: Connection, now: datetime) -> dict[str, int]:
    owners: dict[str, int] = {}
    for name, department, email, phone in DEMO_PEOPLE:
        person = people_repo.save_person(
            connection, Person(None, name, department, email, phone), now
        )
        assert person.id is not None
        owners[name] = person.id
    return owners


def _card(detail: DemoCard, owners: dict[str, int]) -> Card:
    expires = None
    if detail.valid_days is not None:
        expires = expiry_at_end_of(date.today() + timedelta(days=detail.valid_days))
    return Card(
        detail.id_tag,
        status=detail.status,
        expires_at=expires,
        parent_id_tag=detail.group,
        max_concurrent=detail.at_once,
        person_id=owners.get(detail.owner) if detail.owner else None,
        note=detail.note,
        # The demo's one blocked card was reported lost: its reason shows in the list.
        block_reason=BlockReason.LOST if detail.status is CardStatus.BLOCKED else None,
    )


def _add_refusals(connection: Connection, now: datetime) -> None:
    for id_tag, charger_id, answer, hours_ago in DEMO_REFUSALS:
        for hours in hours_ago:
            at = now - timedelta(hours=hours)
            card_repo.record_refusal(connection, id_tag, charger_id, answer, at)


def _add_history(
    connection: Connection, chargers: list[tuple[str, int, float]], cards: list[str], days: int
) -> None:
    rng = random.Random(2026)
    now = utcnow()
    for charger_id, connectors, power_kw in chargers:
        for connector in range(1, connectors + 1):
            register = rng.randint(10_000, 400_000)
            start = now - timedelta(days=days) + timedelta(hours=rng.uniform(0, 12))
            while True:
                # Fast chargers fill a car in well under an hour; AC takes hours.
                minutes = rng.randint(15, 50) if power_kw > 40 else rng.randint(40, 240)
                length = timedelta(minutes=minutes)
                if start + length > now - timedelta(hours=1):
                    break
                register = _add_session(
                    connection, rng, charger_id, connector, power_kw, start, length, register,
                    rng.choice(cards),
                )  # fmt: skip
                start += length + timedelta(hours=rng.uniform(1, 14))


def _add_session(
    connection: Connection,
    rng: random.Random,
    charger_id: str,
    connector: int,
    power_kw: float,
    start: datetime,
    length: timedelta,
    register: int,
    card: str,
) -> int:
    session, _ = session_repo.start_session(
        connection,
        charger_id=charger_id,
        connector_id=connector,
        id_tag=card,
        meter_start=register,
        started_at=start,
        received_at=start,
        auth_status="Accepted",
        reservation_id=None,
        flags=(),
    )
    values: list[MeterValue] = []
    at = start
    while at < start + length:
        watts = power_kw * 1000 * rng.uniform(0.85, 1.0)
        register += int(watts * SAMPLE_EVERY.total_seconds() / 3600)
        values.append(
            MeterValue(
                at,
                (
                    SampledValue(watts, "Power.Active.Import", "W"),
                    SampledValue(float(register), "Energy.Active.Import.Register", "Wh"),
                ),
            )
        )
        at += SAMPLE_EVERY
    rows = session_repo.sample_rows(charger_id, connector, session.id, tuple(values), start)
    session_repo.add_samples(connection, rows)
    session_repo.stop_session(
        connection,
        transaction_id=session.id,
        meter_stop=register,
        stopped_at=start + length,
        received_at=start + length,
        reason="EVDisconnected",
        id_tag=None,
        extra_flags=(),
    )
    return register
