"""The alarm list and a service report page for the documentation (used by console.screenshots)."""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from console.core.clock import utcnow
from console.core.staff import Actor, Origin, Role
from console.ui.alarms.banner import show_alarms_page
from console.ui.alarms.page import AlarmsPage

WAIT_SECONDS = 60.0
SECURITY_CHARGER = "P2-DC-01"
NOTE = "Connector 2: RCD tripped on a cold start. Reset, insulation tested 550 MΩ, back in use."
#: The demo technician who wrote the note in the service report screenshot.
NOTE_AUTHOR = Actor("Tom Becker", frozenset({Role.TECHNICIAN}), Origin.CONSOLE)


async def _until(predicate: Any, timeout: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the alarms did not arrive in time")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # let the table paint


async def _security_event(engine: Any) -> None:
    details = {"type": "TamperDetectionActivated", "tech_info": "cabinet door opened"}
    await engine.charging.notice(SECURITY_CHARGER, "security", details)


def _page(window: Any) -> AlarmsPage:
    pages = window.technician.pages
    for index in range(pages.count()):
        widget = pages.widget(index)
        if isinstance(widget, AlarmsPage):
            return widget
    raise LookupError("the technician tab has no alarms page")


def render_pdf_page(pdf: Path, png: Path, width: int = 1240) -> Path:
    """Save page 1 of ``pdf`` as a PNG ``width`` pixels wide (pypdfium2, a dev dependency)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        scale = width / page.get_width()
        page.render(scale=scale).to_pil().save(str(png))
    finally:
        document.close()
    return png


def alarm_screens(loop: asyncio.AbstractEventLoop, window: Any, target: Path) -> list[Path]:
    """technician-alarms.png: the alarm list; service-report.png: page 1 of a report."""
    page = _page(window)
    show_alarms_page(window.tabs, window.technician)
    loop.run_until_complete(_until(lambda: page.model.rowCount() > 0))
    # The demo site only faults a connector; a security event, taken the way a charger's
    # SecurityEventNotification is, and acknowledged, shows the other states too.
    loop.run_until_complete(page.client.call(_security_event))
    loop.run_until_complete(_until(lambda: page.model.rowCount() > 1))
    loop.run_until_complete(page.acknowledge([page.model.alarms[0].id]))
    loop.run_until_complete(_until(lambda: page.model.alarms[0].acknowledged))
    saved = [target / "technician-alarms.png"]
    window.grab().save(str(saved[-1]))

    alarm = next(a for a in page.model.alarms if a.connector_id is not None)
    client = page.client
    loop.run_until_complete(
        client.call(lambda engine: engine.notes.add(alarm.charger_id, NOTE, actor=NOTE_AUTHOR))
    )
    now = utcnow()
    with tempfile.TemporaryDirectory(prefix="chargedesk-report-") as folder:
        pdf = Path(folder) / "service-report.pdf"
        loop.run_until_complete(
            client.read(
                lambda q: q.save_service_report(
                    alarm.charger_id, now - timedelta(days=7), now + timedelta(days=1), pdf
                )
            )
        )
        saved.append(render_pdf_page(pdf, target / "service-report.png"))
    return saved
