"""The audit log for admins: a page of entries with filters, the export (CSV or JSON
lines, the same files as the console's Export and ``chargedesk audit export``) and the
check of the hash chain."""

from __future__ import annotations

import asyncio
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from aiohttp import web
from pydantic import AwareDatetime, Field

from console.api.models import ApiModel, Page, PageQuery, QueryModel
from console.api.routing import ApiCall, ApiRouter
from console.core.audit import AuditEntry
from console.core.staff import Permission
from console.services.audit_log import AuditFilter, change_summary

router = ApiRouter(
    "audit",
    "The audit log (admins): who changed what, from where; export; the hash chain check",
)

CSV = "text/csv"
NDJSON = "application/x-ndjson"


class AuditFilterQuery(QueryModel):
    """Which entries: every filter given must match (none: all entries)."""

    person: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Only what this person did, without case (a token is 'NAME (API token)')",
    )
    action: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Only actions starting with this ('staff.' lists every staff change)",
    )
    target: str | None = Field(
        None, min_length=1, max_length=200, description="Only changes of this (exact)"
    )
    origin: str | None = Field(
        None,
        min_length=1,
        max_length=20,
        description="Only changes made from here: console, command line, api, engine",
    )
    since: AwareDatetime | None = Field(
        None, description="From this time (inclusive; ISO 8601 with an offset)"
    )
    until: AwareDatetime | None = Field(None, description="Before this time (exclusive)")


class AuditPageQuery(AuditFilterQuery, PageQuery):
    """Filters and paging of the audit log (newest first)."""


class AuditEntryOut(ApiModel):
    """One entry of the audit log, with every field its hash covers."""

    seq: int = Field(description="Counts from 1 without gaps")
    at: datetime = Field(description="When (UTC)")
    person: str = Field(description="Who: a staff account, an API token, an OS account")
    staff_id: int | None = Field(None, description="The staff account's id, if it was one")
    origin: str = Field(description="console, command line, api or engine")
    place: str = Field(description="Where from: the desk's host, the API client's address")
    action: str = Field(description="What, as a dotted name such as card.block")
    target: str = Field(description="What it changed: a card id, a charger id, a username")
    before: Any = Field(None, description="The values before (null for an addition)")
    after: Any = Field(None, description="The values after")
    summary: str = Field(description="What changed, in one line")
    prev_hash: str
    hash: str


class AuditPage(Page):
    """A page of audit log entries, newest first."""

    items: list[AuditEntryOut]


class ChainProblemOut(ApiModel):
    """A break of the chain: where, and how."""

    seq: int
    problem: str = Field(description="e.g. changed after it was written, entries 4 to 6 deleted")


class AuditCheckOut(ApiModel):
    """The result of walking the whole chain."""

    intact: bool = Field(description="True when no entry was changed or deleted")
    entries: int
    problems: list[ChainProblemOut]


def audit_entry_out(entry: AuditEntry) -> AuditEntryOut:
    """The API form of an audit entry."""
    return AuditEntryOut(
        seq=entry.seq,
        at=entry.at,
        person=entry.actor,
        staff_id=entry.staff_id,
        origin=entry.origin,
        place=entry.place,
        action=entry.action,
        target=entry.target,
        before=entry.before,
        after=entry.after,
        summary=change_summary(entry),
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )


def _filter(query: AuditFilterQuery) -> AuditFilter:
    return AuditFilter(
        since=query.since,
        until=query.until,
        actor=query.person,
        action=query.action,
        target=query.target,
        origin=query.origin,
    )


@router.get(
    "/api/audit",
    summary="Audit log entries, newest first",
    needs=Permission.AUDIT,
    query=AuditPageQuery,
    response=AuditPage,
    errors=(403,),
)
async def list_audit_entries(call: ApiCall) -> AuditPage:
    """Needs the admin role. Every change made by a person or a script, with who, from
    where (`origin` api and the client's address for calls through this API), before
    and after. Ask for the next page with `offset=next_offset` until it is null."""
    query: AuditPageQuery = call.query
    rows = await call.engine.audit.entries(
        _filter(query), actor=call.actor, limit=query.limit + 1, offset=query.offset
    )
    more = len(rows) > query.limit
    return AuditPage(
        items=[audit_entry_out(entry) for entry in rows[: query.limit]],
        next_offset=query.offset + query.limit if more else None,
    )


async def _export(call: ApiCall, file_format: str, media: str) -> web.Response:
    query: AuditFilterQuery = call.query
    name = f"audit-log.{file_format}"
    # The service writes a file (the console's Export chooses where): write it in a
    # private temporary folder and answer its bytes. Its audit entry names that file.
    with tempfile.TemporaryDirectory(prefix="chargedesk-api-audit-") as folder:
        # The address names who took the copy; made safe for a Windows file name.
        client = re.sub(r"[^A-Za-z0-9.]", "-", call.address) or "client"
        path = Path(folder) / f"api-download-{client}-{name}"
        await call.engine.audit.export(
            path, _filter(query), actor=call.actor, file_format=file_format
        )
        data = await asyncio.to_thread(path.read_bytes)
    return web.Response(
        body=data,
        content_type=media,
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/api/audit.csv",
    summary="The audit log as a CSV file, oldest first",
    needs=Permission.AUDIT,
    query=AuditFilterQuery,
    response=str,
    response_media=CSV,
    errors=(403,),
)
async def export_audit_csv(call: ApiCall) -> web.Response:
    """The same file as the console's Export and `chargedesk audit export FILE.csv`:
    UTF-8 with a byte order mark, times in the site's zone, before and after as JSON,
    cells that look like formulas escaped. The export itself is recorded in the log."""
    return await _export(call, "csv", CSV)


@router.get(
    "/api/audit.jsonl",
    summary="The audit log as JSON lines, oldest first",
    needs=Permission.AUDIT,
    query=AuditFilterQuery,
    response=str,
    response_media=NDJSON,
    errors=(403,),
)
async def export_audit_jsonl(call: ApiCall) -> web.Response:
    """One JSON object a line with every hashed field (`at` in UTC as hashed, and the
    site's local time), so the chain can be checked again elsewhere. The export itself
    is recorded in the log."""
    return await _export(call, "jsonl", NDJSON)


@router.get(
    "/api/audit/check",
    summary="Check that no audit log entry was changed or deleted",
    needs=Permission.AUDIT,
    response=AuditCheckOut,
    errors=(403,),
)
async def check_audit_chain(call: ApiCall) -> AuditCheckOut:
    """Walks the whole hash chain (like `chargedesk audit check`): `intact` is false when
    an entry was changed, deleted or moved, and `problems` says where. A long log takes
    a while; it is read beside the engine, never blocking it."""
    report = await call.engine.audit.check()
    return AuditCheckOut(
        intact=report.intact,
        entries=report.entries,
        problems=[ChainProblemOut(seq=p.seq, problem=p.problem) for p in report.problems],
    )
