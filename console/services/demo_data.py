"""A week of made-up history for the demo database, so every view has something to show."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import Connection

from console.core.clock import utcnow
from console.core.enums import Approval
from console.core.model import Card, MeterValue, SampledValue
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database

SAMPLE_EVERY = timedelta(minutes=5)


def seed_demo_database(
    url: str, chargers: list[tuple[str, int, float]], cards: list[str], days: int = 7
) -> None:
    """Register ``chargers`` (id, connectors, kW) and ``cards``, and add past sessions."""
    engine = open_database(url)
    try:
        with engine.begin() as connection:
            now = utcnow()
            for charger_id, _connectors, _kw in chargers:
                charger_repo.add_charger(connection, charger_id, Approval.ACCEPTED, now)
            for card in cards:
                card_repo.save_card(connection, Card(card), now)
            _add_history(connection, chargers, cards, days)
    finally:
        engine.dispose()


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
