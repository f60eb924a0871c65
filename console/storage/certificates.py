"""Repository of the certificates the site CA issued (to chargers, the server, signing)."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from console.core.charger_security import IssuedCertificate
from console.storage.rows import utc_or_none
from console.storage.tables import table_of
from console.storage.tables_security import IssuedCertificateRow

issued_certificates = table_of(IssuedCertificateRow)


def add_issued_certificate(
    connection: Connection, certificate: IssuedCertificate
) -> IssuedCertificate:
    """Record a certificate the site CA signed (its ``id`` is ignored); returns it stored.

    The serial is unique: a certificate recorded already is returned as it was stored.
    """
    known = connection.execute(
        select(issued_certificates).where(issued_certificates.c.serial == certificate.serial)
    ).first()
    if known is not None:
        return _certificate(known)
    values = asdict(certificate)
    del values["id"]
    values["subject"] = certificate.subject[:255]
    result = connection.execute(issued_certificates.insert().values(**values))
    (new_id,) = result.inserted_primary_key or (0,)
    return replace(certificate, id=int(new_id))


def list_issued_certificates(
    connection: Connection,
    charger_id: str | None = None,
    kind: str | None = None,
    limit: int = 200,
) -> list[IssuedCertificate]:
    """The certificates issued (to one charger, of one kind), newest first."""
    table = issued_certificates
    query = select(table).order_by(table.c.issued_at.desc(), table.c.id.desc()).limit(limit)
    if charger_id is not None:
        query = query.where(table.c.charger_id == charger_id)
    if kind is not None:
        query = query.where(table.c.kind == kind)
    return [_certificate(row) for row in connection.execute(query)]


def _certificate(row: Any) -> IssuedCertificate:
    return IssuedCertificate(
        id=row.id,
        kind=row.kind,
        serial=row.serial,
        subject=row.subject,
        charger_id=row.charger_id,
        not_before=utc_or_none(row.not_before) or row.not_before,
        not_after=utc_or_none(row.not_after) or row.not_after,
        issued_at=utc_or_none(row.issued_at) or row.issued_at,
        fingerprint=row.fingerprint,
        pem=row.pem,
    )


def count_issued_since(connection: Connection, charger_id: str, since: datetime) -> int:
    """How many certificates were issued to a charger since ``since``."""
    table = issued_certificates
    query = (
        select(func.count())
        .select_from(table)
        .where(table.c.charger_id == charger_id, table.c.issued_at >= since)
    )
    return int(connection.execute(query).scalar() or 0)
