"""The console's database reads, asked of a site's engine by an attached console.

The screens read through ``SiteQueries`` in worker threads; an attached console gives
them this object instead: each read waits for the site's answer. Files the console
writes (exports, the service report's PDF) are written on this desk, from the data the
site sends.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from console.services.attached_calls import BlockingProxy
from console.services.attached_link import SiteLink
from console.services.formatting import set_site_zone
from console.services.pdf.service_report import render_service_report_pdf
from console.services.queries import SiteQueries
from console.services.service_report import ServiceReport
from console.services.statements import Statement


class AttachedQueries(BlockingProxy):
    """``SiteQueries`` of a site's engine, read over the link."""

    def __init__(
        self, link: SiteLink, loop: asyncio.AbstractEventLoop, site_zone: str | None
    ) -> None:
        super().__init__(link, "queries", SiteQueries, loop)
        self._zone = _zone(site_zone)

    def close(self) -> None:
        """Nothing to release: the link closes with the console."""

    def follow_site_zone(self) -> tzinfo | None:
        """Show times in the site's zone (as the site PC does), not this desk's."""
        set_site_zone(self._zone)
        return self._zone

    def monthly_statement(
        self, year: int, month: int, person_id: int | None = None, department: str | None = None
    ) -> Statement:
        """The month's statement, shown in the site's zone."""
        statement: Statement = self._wait(
            "monthly_statement", (year, month, person_id, department), {}
        )
        return replace(statement, tz=self._zone)

    def save_service_report(
        self, charger_id: str, since: datetime, until: datetime, path: Path
    ) -> ServiceReport:
        """The site's service report of a charger, written as a PDF on this desk."""
        report: ServiceReport = self._wait("service_report", (charger_id, since, until), {})
        site = self._wait("site_details", (), {})
        render_service_report_pdf(report, Path(path), site.name or "ChargeDesk", self._zone)
        return report

    def __getattr__(self, name: str) -> Any:
        return super().__getattr__(name)


def _zone(name: str | None) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
