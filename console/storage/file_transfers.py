"""Repository of the file_transfers table (diagnostics, log, firmware)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from console.core.redaction import redact_secrets
from console.core.transfers import FileTransfer, TransferKind
from console.storage.rows import utc_or_none
from console.storage.tables import FileTransferRow, table_of

_TABLE = table_of(FileTransferRow)


def add_transfer(
    connection: Connection,
    charger_id: str,
    kind: TransferKind,
    at: datetime,
    url: str,
    status: str,
    file_name: str | None = None,
) -> int:
    """Store a new transfer and return its id."""
    result = connection.execute(
        _TABLE.insert().values(
            charger_id=charger_id,
            kind=kind.value,
            requested_at=at,
            url=redact_secrets(url),  # the secret stays in memory (see core.redaction)
            status=status,
            status_at=at,
            file_name=file_name,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def update_transfer(connection: Connection, transfer_id: int, **values: Any) -> None:
    """Change the given columns of one transfer (status, status_at, file_name…).

    A ``url`` is stored without its secret; ``secret_hash`` keeps a digest of it.
    """
    if "url" in values:
        values["url"] = redact_secrets(values["url"])
    connection.execute(update(_TABLE).where(_TABLE.c.id == transfer_id).values(**values))


def get_transfer(connection: Connection, transfer_id: int) -> FileTransfer | None:
    """One transfer, or None."""
    row = connection.execute(select(_TABLE).where(_TABLE.c.id == transfer_id)).first()
    return None if row is None else _transfer(row)


def list_transfers(
    connection: Connection,
    charger_id: str | None = None,
    kinds: Iterable[TransferKind] = (),
    received_only: bool = False,
    limit: int = 500,
) -> list[FileTransfer]:
    """The newest transfers first, optionally of one charger, some kinds, with a file."""
    query = select(_TABLE).order_by(_TABLE.c.id.desc()).limit(limit)
    if charger_id is not None:
        query = query.where(_TABLE.c.charger_id == charger_id)
    wanted = [kind.value for kind in kinds]
    if wanted:
        query = query.where(_TABLE.c.kind.in_(wanted))
    if received_only:
        query = query.where(_TABLE.c.file_size.is_not(None))
    return [_transfer(row) for row in connection.execute(query)]


def mark_unfinished(
    connection: Connection, finished: Iterable[str], status: str, at: datetime
) -> int:
    """Give every transfer not in a ``finished`` status the status ``status``."""
    result = connection.execute(
        update(_TABLE)
        .where(_TABLE.c.status.not_in(list(finished)))
        .values(status=status, status_at=at)
    )
    return int(result.rowcount)


def _transfer(row: Any) -> FileTransfer:
    requested_at = utc_or_none(row.requested_at)
    status_at = utc_or_none(row.status_at)
    assert requested_at is not None and status_at is not None
    return FileTransfer(
        id=row.id,
        charger_id=row.charger_id,
        kind=TransferKind(row.kind),
        requested_at=requested_at,
        url=row.url,
        status=row.status,
        status_at=status_at,
        file_name=row.file_name,
        file_size=row.file_size,
        request_id=row.request_id,
    )
