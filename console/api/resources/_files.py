"""Shared by the billing resources: reads on a connection of their own, and answers that
are files (CSV, PDF) a script saves under the name the server suggests."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from aiohttp import web
from sqlalchemy import Connection

from console.api.routing import ApiCall
from console.services.api_reads_billing import csv_file, run_read
from console.services.queries import SiteQueries

T = TypeVar("T")
CSV = "text/csv"
PDF = "application/pdf"


async def read_on(call: ApiCall, work: Callable[[Connection], T]) -> T:
    """Run ``work`` on a read connection in a worker thread (the engine loop stays free)."""

    def run(queries: SiteQueries) -> T:
        return run_read(queries, work)

    return await call.read(run)


def _attachment(name: str) -> dict[str, str]:
    # curl -OJ and browsers save the file under this name.
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def csv_response(table: list[list[str]], name: str) -> web.Response:
    """``table`` as the command line's CSV file (byte order mark, CRLF), saved as ``name``."""
    text = csv_file(table).text
    return web.Response(
        body=text.encode("utf-8"), content_type=CSV, charset="utf-8", headers=_attachment(name)
    )


def pdf_response(body: bytes, name: str) -> web.Response:
    """A PDF, saved as ``name``."""
    return web.Response(body=body, content_type=PDF, headers=_attachment(name))
