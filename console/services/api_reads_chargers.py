"""Reads the HTTP API needs about chargers and alarms that the console's queries lack.

The console lists every charger that is not retired and the newest alarms; a script
asks for one charger (retired or not), for alarms filtered by charger and kind a page at
a time, and for one alarm by its id. Each function takes the API's ``SiteQueries`` and
runs one read on its connections (call them in a worker thread).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from console.core.alarms import Alarm, AlarmKind
from console.core.model import ChargerRecord
from console.services.queries import SiteQueries
from console.storage import alarms as alarm_repo
from console.storage import chargers as charger_repo


def charger_record(queries: SiteQueries, charger_id: str) -> ChargerRecord | None:
    """One charger by its id (compared without case), retired ones included; None when
    there is no such charger."""
    return queries.run(lambda c: charger_repo.get_charger(c, charger_id))


def charger_records(queries: SiteQueries, include_retired: bool = False) -> list[ChargerRecord]:
    """Every charger ordered by id; retired ones only when ``include_retired``."""
    return queries.run(lambda c: charger_repo.list_chargers(c, include_retired=include_retired))


def alarm_by_id(queries: SiteQueries, alarm_id: int) -> Alarm | None:
    """One alarm, or None when there is no such alarm."""
    return queries.run(lambda c: alarm_repo.get_alarm(c, alarm_id))


def alarm_window(
    queries: SiteQueries,
    *,
    charger_id: str | None = None,
    open_only: bool = False,
    unacknowledged_only: bool = False,
    kinds: Sequence[AlarmKind] = (),
    limit: int = 100,
    offset: int = 0,
) -> list[Alarm]:
    """Alarms newest first, filtered in the query (so a page never misses older ones):
    ``open_only`` those not cleared, ``unacknowledged_only`` those nobody acknowledged;
    at most ``limit`` from ``offset``."""

    def read(connection: Connection) -> list[Alarm]:
        table = alarm_repo.alarms
        query = select(table.c.id).order_by(table.c.raised_at.desc(), table.c.id.desc())
        if charger_id is not None:
            query = query.where(table.c.charger_id == charger_id)
        if open_only:
            query = query.where(table.c.cleared_at.is_(None))
        if unacknowledged_only:
            query = query.where(table.c.acknowledged_at.is_(None))
        if kinds:
            query = query.where(table.c.kind.in_([kind.value for kind in kinds]))
        ids = list(connection.execute(query.limit(limit).offset(offset)).scalars())
        # The repository builds each alarm (its details are JSON): one row per id, in order.
        found = [alarm_repo.get_alarm(connection, alarm_id) for alarm_id in ids]
        return [alarm for alarm in found if alarm is not None]

    return queries.run(read)
