"""The Reports tab's screenshots for the documentation (used by console.screenshots)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from console.services.reports import ReportBy
from console.ui.reports.period import PeriodChoice
from console.ui.reports.view import ReportsView
from console.ui.reports.words import Measure

READ_TIMEOUT = 60.0


async def _read_done(view: ReportsView, page: Any) -> None:
    """Until the page's reports are read (a fixed pause would race a slow machine)."""
    readers = (
        [view.energy.reads]
        if page is view.energy
        else [view.usage.heatmap_reads, view.usage.utilisation_reads]
    )
    deadline = time.monotonic() + READ_TIMEOUT
    await asyncio.sleep(0.1)  # the read starts once the page is shown
    while any(reads.busy for reads in readers) or page in view._stale:
        if time.monotonic() > deadline:
            raise TimeoutError("the report was not read in time")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)  # let the chart and tables paint


def report_screens(loop: asyncio.AbstractEventLoop, window: Any, target: Path) -> list[Path]:
    """reports.png: the last 7 days by day; reports-heatmap.png: peak hours, utilisation."""
    view: ReportsView = window.reports
    window.tabs.setCurrentWidget(view)
    view.pages.setCurrentWidget(view.energy)
    view.period_bar.choose(PeriodChoice.LAST_7_DAYS)
    view.energy.choose(by=ReportBy.DAY, measure=Measure.ENERGY)
    loop.run_until_complete(_read_done(view, view.energy))
    saved = [target / "reports.png"]
    window.grab().save(str(saved[-1]))
    view.pages.setCurrentWidget(view.usage)
    loop.run_until_complete(_read_done(view, view.usage))
    saved.append(target / "reports-heatmap.png")
    window.grab().save(str(saved[-1]))
    return saved
