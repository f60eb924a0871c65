"""Repository of what we know of each charger's local authorization list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from console.core.local_lists import LocalListState
from console.storage.rows import utc_or_none
from console.storage.tables import LocalListStateRow, table_of

local_list_state = table_of(LocalListStateRow)

RESULT_MAX_LENGTH = 255  # the column's size


def _state(row: Any) -> LocalListState:
    return LocalListState(
        charger_id=row.charger_id,
        version=row.version,
        supported=row.supported,
        max_length=row.max_length,
        synced_at=utc_or_none(row.synced_at),
        last_result=row.last_result,
    )


def get_state(connection: Connection, charger_id: str) -> LocalListState | None:
    """What we know of the charger's list, or None when it was never synced."""
    row = connection.execute(
        select(local_list_state).where(local_list_state.c.charger_id == charger_id)
    ).first()
    return None if row is None else _state(row)


def list_states(connection: Connection) -> list[LocalListState]:
    """Every charger's list state, ordered by charger id."""
    query = select(local_list_state).order_by(local_list_state.c.charger_id)
    return [_state(row) for row in connection.execute(query)]


def save_state(connection: Connection, state: LocalListState) -> LocalListState:
    """Insert or replace a charger's list state (the charger must be registered)."""
    result = state.last_result
    fields = {
        "version": state.version,
        "supported": state.supported,
        "max_length": state.max_length,
        "synced_at": state.synced_at,
        "last_result": None if result is None else result[:RESULT_MAX_LENGTH],
    }
    changed = connection.execute(
        update(local_list_state)
        .where(local_list_state.c.charger_id == state.charger_id)
        .values(**fields)
    ).rowcount
    if not changed:
        connection.execute(local_list_state.insert().values(charger_id=state.charger_id, **fields))
    saved = get_state(connection, state.charger_id)
    assert saved is not None
    return saved
