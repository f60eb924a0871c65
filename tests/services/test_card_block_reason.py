"""Why a card is blocked: stored with the card, kept in its history, named on unblocking.

Through the engine's card service on a real SQLite file, and a migrated database.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from ocpp.v16 import call
from sqlalchemy import text

from console.cli import main
from console.core.enums import BlockReason, CardStatus
from console.core.events import CardsChanged, Event
from console.core.model import Card
from console.services.card_csv import plan_import
from console.services.card_history import card_history
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage.database import alembic_config, create_db_engine, migrate, open_database
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]


async def _read(engine: CentralSystem, work: Callable[[Any], Any]) -> Any:
    return await engine.writer.submit(work)


async def test_blocking_stores_the_reason_and_the_history_keeps_it(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    events: list[Event] = []
    engine.bus.subscribe(events.append)
    await engine.cards.save_card(Card("04AA01", parent_id_tag="STAFF"), actor=ADMIN)
    blocked = await engine.cards.set_status(
        "04aa01", CardStatus.BLOCKED, BlockReason.STOLEN, "  reported to security ", actor=ADMIN
    )
    assert blocked.status is CardStatus.BLOCKED
    assert blocked.block_reason is BlockReason.STOLEN
    assert blocked.block_detail == "reported to security"
    assert blocked.blocked_at is not None
    assert any(isinstance(e, CardsChanged) and "04AA01" in e.id_tags for e in events)

    # The chargers are told: the card is refused as Blocked.
    charger = make_charger(engine, "CP-BLOCK")
    await charger.start()
    await charger.wait_booted()
    reply = await charger.call(call.Authorize(id_tag="04AA01"))
    assert reply.id_tag_info["status"] == "Blocked"

    unblocked = await engine.cards.set_status("04AA01", CardStatus.ACTIVE, actor=ADMIN)
    assert unblocked.status is CardStatus.ACTIVE
    assert unblocked.block_reason is None and unblocked.blocked_at is None

    history = await _read(engine, lambda c: card_repo.status_history(c, ["04aa01"]))
    assert [(h.status, h.reason, h.detail) for h in history] == [
        (CardStatus.ACTIVE, None, None),
        (CardStatus.BLOCKED, BlockReason.STOLEN, "reported to security"),
    ]
    assert history[0].at >= history[1].at
    assert all(h.id_tag == "04AA01" for h in history)


async def test_other_needs_a_text_and_unknown_cards_are_refused(engine: CentralSystem) -> None:
    await engine.cards.save_card(Card("04AA02"), actor=ADMIN)
    with pytest.raises(ValueError, match="why"):
        await engine.cards.set_status(
            "04AA02", CardStatus.BLOCKED, BlockReason.OTHER, "  ", actor=ADMIN
        )
    card = await _read(engine, lambda c: card_repo.get_card(c, "04AA02"))
    assert card.status is CardStatus.ACTIVE  # nothing changed
    other = await engine.cards.set_status(
        "04AA02", CardStatus.BLOCKED, BlockReason.OTHER, "card damaged", actor=ADMIN
    )
    assert other.block_reason is BlockReason.OTHER and other.block_detail == "card damaged"


async def test_an_edit_or_an_import_keeps_the_reason_of_a_blocked_card(
    engine: CentralSystem, tmp_path: Any
) -> None:
    await engine.cards.save_card(Card("04AA03", parent_id_tag="STAFF"), actor=ADMIN)
    blocked = await engine.cards.set_status(
        "04AA03", CardStatus.BLOCKED, BlockReason.LOST, actor=ADMIN
    )
    # An edit of the note through the editor carries the card as read.
    noted = await engine.cards.save_card(
        Card("04AA03", CardStatus.BLOCKED, note="spare", parent_id_tag="STAFF"), actor=ADMIN
    )
    assert noted.block_reason is BlockReason.LOST and noted.blocked_at == blocked.blocked_at
    assert noted.note == "spare"

    # A CSV import that lists the card as blocked says nothing about the reason: kept.
    sheet = tmp_path / "cards.csv"
    sheet.write_text("card,status,group,note\n04AA03,blocked,STAFF,spare\n", encoding="utf-8")
    data = sheet.read_bytes()
    plan = await _read(engine, lambda c: plan_import(c, data))
    await engine.cards.import_cards(plan, actor=ADMIN)
    card = await _read(engine, lambda c: card_repo.get_card(c, "04AA03"))
    assert card.status is CardStatus.BLOCKED and card.block_reason is BlockReason.LOST

    history = await _read(engine, lambda c: card_repo.status_history(c, ["04AA03"]))
    assert [h.status for h in history] == [CardStatus.BLOCKED]  # one change, not three


async def test_a_card_registered_blocked_has_a_history_entry(engine: CentralSystem) -> None:
    await engine.cards.save_card(
        Card("04AA04", CardStatus.BLOCKED, block_reason=BlockReason.LEFT), actor=ADMIN
    )
    card = await _read(engine, lambda c: card_repo.get_card(c, "04AA04"))
    assert card.block_reason is BlockReason.LEFT and card.blocked_at is not None
    history = await _read(engine, lambda c: card_repo.status_history(c, ["04AA04"]))
    assert [(h.status, h.reason) for h in history] == [(CardStatus.BLOCKED, BlockReason.LEFT)]


async def test_the_card_history_shows_the_status_changes(engine: CentralSystem) -> None:
    await engine.cards.save_card(Card("04AA05", person_id=None), actor=ADMIN)
    await engine.cards.set_status("04AA05", CardStatus.BLOCKED, BlockReason.LOST, actor=ADMIN)
    await engine.cards.set_status("04AA05", CardStatus.ACTIVE, actor=ADMIN)
    history = await _read(engine, lambda c: card_history(c, "04aa05"))
    assert [(h.status, h.reason) for h in history.status_changes] == [
        (CardStatus.ACTIVE, None),
        (CardStatus.BLOCKED, BlockReason.LOST),
    ]


def test_a_database_from_before_keeps_its_blocked_cards_without_a_reason(
    tmp_path: Path,
) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0009")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO cards (id_key, id_tag, status, max_concurrent, list_version,"
                " created_at) VALUES ('04bb', '04BB', 'blocked', 1, 1, CURRENT_TIMESTAMP)"
            )
        )
    migrate(engine)
    with engine.begin() as connection:
        card = card_repo.get_card(connection, "04BB")
        assert card is not None and card.status is CardStatus.BLOCKED
        assert card.block_reason is None and card.blocked_at is None
        assert card_repo.status_history(connection, ["04BB"]) == []
    engine.dispose()


def test_the_command_line_blocks_with_a_reason(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*args: str) -> tuple[int, str]:
        code = main(["cards", *args, "--db", db_url])
        _out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, err

    assert run("add", "CLI-1")[0] == 0
    code, err = run("block", "CLI-1", "--reason", "other")
    assert code != 0 and "--detail" in err
    assert run("block", "CLI-1", "--reason", "stolen", "--detail", "bag taken")[0] == 0
    database = open_database(db_url)
    with database.begin() as connection:
        card = card_repo.get_card(connection, "cli-1")
        changes = card_repo.status_history(connection, ["CLI-1"])
    database.dispose()
    assert card is not None and card.block_reason is BlockReason.STOLEN
    assert card.block_detail == "bag taken"
    assert [(c.status, c.reason) for c in changes] == [(CardStatus.BLOCKED, BlockReason.STOLEN)]
