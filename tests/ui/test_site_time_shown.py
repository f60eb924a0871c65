"""The console shows the site's time, not the PC's (issue 11): a site in Berlin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import qasync
from conftest import run, running_console, wait_until

from console.core.enums import AdmissionMode, Approval
from console.services.formatting import site_zone, zone_label
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from console.storage import tariffs as tariff_repo
from console.storage.database import open_database
from console.ui.sessions.words import Column

BERLIN = ZoneInfo("Europe/Berlin")
# Recent, so that the table's default period shows it.
STARTED = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=3)
STOPPED = STARTED + timedelta(minutes=90)


def berlin(moment: datetime) -> str:
    return f"{moment.astimezone(BERLIN):%Y-%m-%d %H:%M}"


def test_the_sessions_table_shows_the_sites_clock(qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'console.db'}")
    with database.begin() as connection:
        tariff_repo.set_site_timezone(connection, "Europe/Berlin")
        charger_repo.add_charger(connection, "CP-ZONE", Approval.ACCEPTED, STARTED)
        session, _ = session_repo.start_session(
            connection,
            charger_id="CP-ZONE",
            connector_id=1,
            id_tag="C1",
            meter_start=0,
            started_at=STARTED,
            received_at=STARTED,
            auth_status="Accepted",
            reservation_id=None,
            flags=(),
        )
        session_repo.stop_session(
            connection,
            transaction_id=session.id,
            meter_stop=5000,
            stopped_at=STOPPED,
            received_at=STOPPED,
            reason="Local",
            id_tag=None,
            extra_flags=(),
        )
    database.dispose()
    with running_console(tmp_path, AdmissionMode.OPEN) as console:
        assert zone_label(site_zone()) == "Europe/Berlin"
        window = console.window
        window.show()
        window.tabs.setCurrentWidget(window.sessions)
        model = window.sessions.model
        run(qloop, wait_until(lambda: model.row_of(session.id) is not None))
        row = model.row_of(session.id)
        assert row is not None
        # Berlin's clock, whatever the zone of this computer (UTC on the test machine).
        assert model.index(row, Column.START).data() == berlin(STARTED)
        assert model.index(row, Column.END).data() == berlin(STOPPED)
