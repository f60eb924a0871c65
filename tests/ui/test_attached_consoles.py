"""Two consoles attached to one headless engine through its API: what one desk does, the
other sees within a second; the chargers of the site show on both."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
import qasync
import shiboken6

from console.api.server import ApiConfig, ApiServer
from console.core.enums import AdmissionMode
from console.core.model import Card
from console.core.staff import Origin
from console.services.attached_thread import AttachedThread
from console.services.engine import EngineConfig
from console.services.engine_thread import EngineThread
from console.services.staff_passwords import use_test_cost
from console.simulator.charger import SimulatedCharger
from console.ui.console_app import Console
from tests.ui.conftest import run, wait_until


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[EngineThread, ApiServer]]:
    """A headless engine (its own thread, as `chargedesk serve` would run) with its API."""
    use_test_cost()
    api = ApiServer(ApiConfig(port=0, host="127.0.0.1", local_port=None))
    config = EngineConfig(
        database_url=f"sqlite:///{tmp_path / 'site.db'}",
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
        tls_port=0,
        pki_folder=tmp_path / "pki",
    )
    thread = EngineThread(config, [api])
    thread.start()
    thread.submit(lambda e: e.staff.ensure_demo_accounts()).result(30)
    yield thread, api
    thread.stop()


def _attach(site: tuple[EngineThread, ApiServer], folder: Path, username: str) -> Console:
    thread, api = site
    tls = ssl.create_default_context(
        cafile=str(Path(thread.engine.config.pki_folder or "") / "ca.pem")
    )
    attached = AttachedThread(f"https://localhost:{api.port}", tls, folder, version("chargedesk"))
    attached.start()
    console = Console(None, attached=attached)
    return console


def _login(qloop: qasync.QEventLoop, console: Console, username: str) -> None:
    actor = run(
        qloop,
        console.client.call(
            lambda e: e.staff.login(
                username, f"{username}-password", origin=Origin.CONSOLE, place="test"
            )
        ),
    )
    console.client.actor = actor


def _close(console: Console) -> None:
    console.window.close()
    console.stop()
    shiboken6.delete(console.window)


def test_what_one_desk_does_the_other_sees(
    qloop: qasync.QEventLoop, site: tuple[EngineThread, ApiServer], tmp_path: Path
) -> None:
    entrance = _attach(site, tmp_path / "entrance", "desk")
    office = _attach(site, tmp_path / "office", "admin")
    charger: SimulatedCharger | None = None
    try:
        _login(qloop, entrance, "desk")
        _login(qloop, office, "admin")
        office.window.tabs.setCurrentWidget(office.window.cards)
        office.window.show()
        # A charger connects to the site: both desks list it.
        url = f"ws://127.0.0.1:{site[0].engine.port}/ocpp/"
        charger = SimulatedCharger("CP-SHARED", url, boot_retry_floor=0.05, reconnect_delay=0.05)
        run(qloop, charger.start())
        run(qloop, charger.wait_booted())
        for console in (entrance, office):
            run(qloop, wait_until(lambda c=console: "CP-SHARED" in c.mirror.chargers, 10))
        # The desk at the entrance registers a card; the office's Cards tab shows it.
        actor = entrance.client.actor
        run(qloop, entrance.client.call(lambda e: e.cards.save_card(Card("04AA11"), actor=actor)))
        model = office.window.cards.model

        def listed() -> bool:
            return model.row_of("04AA11") is not None

        started = qloop.time()
        run(qloop, wait_until(listed, 5))
        assert qloop.time() - started < 1.5
        # Audited at the site as the entrance desk's login, made through the API.
        entries = run(
            qloop, office.client.call(lambda e: e.audit.entries(actor=office.client.actor))
        )
        assert entries[0].actor == "desk" and entries[0].origin == "api"
    finally:
        if charger is not None:
            run(qloop, charger.stop())
        _close(entrance)
        _close(office)
