"""The service report: gathered from a simulated charger's real history, printed as a PDF."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pypdfium2 as pdfium
from sqlalchemy import Connection

from console.core.alarms import AlarmKind
from console.core.clock import utcnow
from console.core.configuration import ConfigEntry
from console.core.enums import ConnectorStatus
from console.core.events import AlarmRaised, Event
from console.services.engine import CentralSystem
from console.services.queries import SiteQueries
from console.simulator.charger import SimulatedCharger
from console.storage import chargers as charger_repo
from console.storage import snapshots as snapshot_repo
from tests.actors import named

ChargerFactory = Callable[..., SimulatedCharger]


def pdf_text(path: Path, page: int = 0) -> str:
    """The text of one page of a PDF, as pdfium reads it back."""
    document = pdfium.PdfDocument(str(path))
    try:
        text_page = document[page].get_textpage()
        return str(text_page.get_text_range())
    finally:
        document.close()


async def _history(engine: CentralSystem, make_charger: ChargerFactory) -> None:
    """A charger that booted, faulted (alarm raised), and has a note and a snapshot."""
    raised = asyncio.Event()

    def on_event(event: Event) -> None:
        if isinstance(event, AlarmRaised) and event.alarm.kind is AlarmKind.FAULTED:
            raised.set()

    engine.bus.subscribe(on_event)
    charger = make_charger(engine, "SR-1", vendor="Acme", model="Wallbox 22", firmware="3.1.7")
    await charger.start()
    await charger.wait_booted()
    state = engine.site.charger("SR-1")
    await charger.wait_for(lambda: state.connector(1).status is ConnectorStatus.AVAILABLE)
    await charger.fault(1, "GroundFailure", "RCD tripped twice")
    await asyncio.wait_for(raised.wait(), 10)
    await engine.notes.add("SR-1", "Replaced the RCD on connector 1.", actor=named("Tom Tech"))
    record = await engine.writer.submit(lambda c: charger_repo.get_charger(c, "SR-1"))
    assert record is not None
    now = utcnow()

    def snapshots(connection: Connection) -> None:
        base = [
            ConfigEntry("HeartbeatInterval", "300"),
            ConfigEntry("MeterValueSampleInterval", "60"),
        ]
        mine = [
            ConfigEntry("HeartbeatInterval", "900"),
            ConfigEntry("MeterValueSampleInterval", "60"),
        ]
        baseline = snapshot_repo.add_snapshot(
            connection, "OTHER", "factory", record.boot, now, base
        )
        snapshot_repo.mark_baseline(connection, baseline)
        snapshot_repo.add_snapshot(connection, "SR-1", "after visit", record.boot, now, mine)

    await engine.writer.submit(snapshots)


async def test_report_gathers_identity_history_faults_alarms_config_and_notes(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _history(engine, make_charger)
    queries = SiteQueries(engine.config.database_url)
    try:
        now = utcnow()
        report = await asyncio.to_thread(
            queries.service_report, "SR-1", now - timedelta(days=1), now + timedelta(minutes=1)
        )
    finally:
        queries.close()
    assert report.firmware == "3.1.7"
    assert [e.kind for e in report.history][:2] == ["connected", "boot"]
    [fault] = report.faults
    assert (fault.connector_id, fault.error_code, fault.info) == (
        1,
        "GroundFailure",
        "RCD tripped twice",
    )
    assert [a.kind for a in report.alarms] == [AlarmKind.FAULTED]
    assert [n.text for n in report.notes] == ["Replaced the RCD on connector 1."]
    check = report.configuration
    assert check.baseline_name == "factory"
    assert [(d.key, d.left, d.right) for d in check.differences] == [
        ("HeartbeatInterval", "300", "900")
    ]


async def test_an_empty_period_and_no_baseline_are_said(
    engine: CentralSystem, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    charger = make_charger(engine, "SR-2")
    await charger.start()
    await charger.wait_booted()
    queries = SiteQueries(engine.config.database_url)
    try:
        past = utcnow() - timedelta(days=30)
        path = tmp_path / "empty.pdf"
        report = await asyncio.to_thread(
            queries.save_service_report, "SR-2", past, past + timedelta(days=1), path
        )
    finally:
        queries.close()
    assert report.history == () and report.faults == ()
    text = pdf_text(path)
    assert "No faults reported in this period." in text
    assert "No configuration snapshot of this charger." in text


async def test_service_report_pdf_renders(
    engine: CentralSystem, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    await _history(engine, make_charger)
    queries = SiteQueries(engine.config.database_url)
    path = tmp_path / "service.pdf"
    try:
        now = utcnow()
        await asyncio.to_thread(
            queries.save_service_report,
            "SR-1",
            now - timedelta(days=1),
            now + timedelta(minutes=1),
            path,
        )
    finally:
        queries.close()
    text = " ".join(pdf_text(path).split())
    for expected in (
        "Service report: SR-1",
        "3.1.7",
        "Wallbox 22",
        "GroundFailure",
        "RCD tripped twice",
        "Replaced the RCD on connector 1.",
        "Tom Tech",
        "HeartbeatInterval",
    ):
        assert expected in text, expected
