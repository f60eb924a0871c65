"""Reads the HTTP API needs about file transfers that the console's queries lack.

The console lists the newest transfers of every charger; a script filters by charger
and kind and pages through them, and asks for one transfer by its id. Each function
takes the API's ``SiteQueries`` and runs one read on its connections (call them in a
worker thread).
"""

from __future__ import annotations

from collections.abc import Sequence

from console.core.transfers import FileTransfer, TransferKind
from console.services.queries import SiteQueries
from console.storage import file_transfers as transfer_repo


def transfer_by_id(queries: SiteQueries, transfer_id: int) -> FileTransfer | None:
    """One transfer, or None when there is no such transfer."""
    return queries.run(lambda c: transfer_repo.get_transfer(c, transfer_id))


def transfer_window(
    queries: SiteQueries,
    *,
    charger_id: str | None = None,
    kinds: Sequence[TransferKind] = (),
    received_only: bool = False,
    limit: int = 100,
) -> list[FileTransfer]:
    """The newest ``limit`` transfers first, filtered in the query (so a page never
    misses older ones): of one charger, of some kinds, only those with a file."""
    return queries.run(
        lambda c: transfer_repo.list_transfers(
            c, charger_id, kinds, received_only=received_only, limit=limit
        )
    )
