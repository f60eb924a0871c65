"""A console attached to a site's engine: the same service calls, reads and events as on
the site PC, through the API over HTTPS (no window: the link, the proxies, the copy)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from importlib.metadata import version
from pathlib import Path

import pytest

from console.core.enums import CardStatus, ConnectorStatus
from console.core.events import CardsChanged, Event, SessionStarted
from console.core.model import Card, CommandOutcome
from console.core.staff import Origin, PermissionDenied, Role
from console.core.staff_accounts import StaffInputError
from console.services.attached_link import LinkLost, RemoteError
from console.services.attached_thread import AttachedThread, VersionMismatch
from console.services.staff_login import LoginRefused
from console.simulator.charger import SimulatedCharger
from tests.actors import ADMIN
from tests.api.api_helpers import ApiSite, site_tls

ChargerFactory = Callable[..., SimulatedCharger]


@pytest.fixture
async def attached(api_site: ApiSite, tmp_path: Path) -> AsyncIterator[AttachedThread]:
    """An attached console's link to the API site (not logged in)."""
    thread = AttachedThread(
        f"https://localhost:{api_site.api.port}",
        site_tls(api_site.folder),
        tmp_path / "desk",
        version("chargedesk"),
    )
    await asyncio.to_thread(thread.start)
    yield thread
    await asyncio.to_thread(thread.stop)


async def _on_link(thread: AttachedThread, work: Callable[..., object]) -> object:
    async def run(engine: object) -> object:
        return await work(engine)  # type: ignore[misc]

    return await asyncio.wrap_future(thread.submit(run))


async def _wait(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


async def test_login_then_the_same_operations_as_on_the_site_pc(
    api_site: ApiSite, attached: AttachedThread
) -> None:
    actor = await _on_link(
        attached,
        lambda e: e.staff.login("desk", "desk-password", origin=Origin.CONSOLE, place="desk 2"),
    )
    assert actor.name == "desk" and actor.roles == frozenset({Role.DESK})
    saved = await _on_link(attached, lambda e: e.cards.save_card(Card("AB-12"), actor=actor))
    assert isinstance(saved, Card) and saved.id_tag == "AB-12"
    # Stored at the site, by the site's own service, audited as this desk's login.
    stored = await asyncio.to_thread(lambda: attached.queries.card("ab-12"))
    assert isinstance(stored, Card) and stored.status is CardStatus.ACTIVE
    entries = await api_site.engine.audit.entries(actor=ADMIN)
    last = entries[0]
    assert last.action.startswith("card") and last.actor == "desk" and last.origin == "api"


async def test_refusals_come_back_as_the_same_errors(attached: AttachedThread) -> None:
    with pytest.raises(LoginRefused):
        await _on_link(
            attached, lambda e: e.staff.login("desk", "wrong", origin=Origin.CONSOLE, place="")
        )
    viewer = await _on_link(
        attached,
        lambda e: e.staff.login("viewer", "viewer-password", origin=Origin.CONSOLE, place=""),
    )
    with pytest.raises(PermissionDenied, match="desk role"):
        await _on_link(attached, lambda e: e.cards.save_card(Card("CD-34"), actor=viewer))


async def test_events_and_live_state_reach_the_attached_desk(
    api_site: ApiSite, attached: AttachedThread, make_charger: ChargerFactory
) -> None:
    seen: list[Event] = []
    attached.call_soon(lambda: attached.engine.bus.subscribe(seen.append))
    actor = await _on_link(
        attached, lambda e: e.staff.login("desk", "desk-password", origin=Origin.CONSOLE, place="")
    )
    await _wait(lambda: attached.engine.connected)
    charger = make_charger("CP-ATT", connectors=1, meter_interval=0.05, speed=60.0)
    await charger.start()
    await charger.wait_booted()
    site = attached.engine.site
    await _wait(
        lambda: (
            "CP-ATT" in site.chargers
            and site.chargers["CP-ATT"].connector(1).status is ConnectorStatus.AVAILABLE
        )
    )
    await _on_link(attached, lambda e: e.cards.save_card(Card("EF-56"), actor=actor))
    outcome = await _on_link(
        attached, lambda e: e.follow_through.start_session("CP-ATT", 1, "EF-56", actor=actor)
    )
    assert isinstance(outcome, CommandOutcome) and outcome.accepted
    await _wait(lambda: any(isinstance(e, SessionStarted) for e in seen))
    await _wait(lambda: site.chargers["CP-ATT"].connector(1).transaction_id is not None)
    assert any(isinstance(e, CardsChanged) for e in seen)
    running = await asyncio.to_thread(lambda: attached.queries.running_sessions())
    assert [s.charger_id for s in running] == ["CP-ATT"]


async def test_a_console_of_another_version_is_refused(api_site: ApiSite, tmp_path: Path) -> None:
    thread = AttachedThread(
        f"https://localhost:{api_site.api.port}", site_tls(api_site.folder), tmp_path, "0.0.1"
    )
    with pytest.raises(VersionMismatch, match="install the same version"):
        await asyncio.to_thread(thread.start)


async def test_only_the_consoles_operations_can_be_called(
    api_site: ApiSite, attached: AttachedThread
) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    reply = await admin.post(
        "/api/console/call",
        json={"target": "staff", "operation": "ensure_demo_accounts", "args": {}},
    )
    assert reply.status == 404
    reply = await admin.post(
        "/api/console/call",
        json={"target": "cards", "operation": "save_card", "args": {"card": {"id_tag": "x" * 99}}},
    )
    assert reply.status == 422, reply.body
    with pytest.raises(RemoteError):
        # not logged in, and not an operation
        body = {"target": "writer", "operation": "submit", "args": {}}
        await _on_link(attached, lambda e: e.link.request("POST", "/api/console/call", json=body))


async def test_the_first_admin_is_made_from_this_pc_only(tmp_path: Path) -> None:
    """A console whose engine runs in a child process makes the site's first admin
    through the API, from 127.0.0.1 only and only while no account exists."""
    from console.api.server import ApiServer
    from console.services.engine import CentralSystem, EngineConfig
    from tests.api.api_helpers import api_config

    api = ApiServer(api_config())
    config = EngineConfig(
        database_url=f"sqlite:///{tmp_path / 'fresh.db'}",
        host="127.0.0.1",
        port=0,
        tls_port=0,
        pki_folder=tmp_path / "pki",
    )
    engine = CentralSystem(config, [api])
    await engine.start()
    thread = AttachedThread(
        f"https://localhost:{api.port}",
        site_tls(tmp_path),
        tmp_path / "desk",
        version("chargedesk"),
    )
    try:
        await asyncio.to_thread(thread.start)
        assert await _on_link(thread, lambda e: e.staff.needs_first_admin()) is True
        actor = await _on_link(
            thread,
            lambda e: e.staff.create_first_admin(
                "anna", "Anna Berg", "a long enough password", place="desk"
            ),
        )
        assert actor.name == "anna" and Role.ADMIN in actor.roles
        assert await _on_link(thread, lambda e: e.staff.needs_first_admin()) is False
        accounts = await _on_link(thread, lambda e: e.staff.accounts())
        assert [a.username for a in accounts] == ["anna"]
        # A second "first admin" is refused: the site has one.
        with pytest.raises(StaffInputError, match="exist already"):
            await _on_link(
                thread,
                lambda e: e.staff.create_first_admin("eve", "Eve", "another password!", place=""),
            )
    finally:
        await asyncio.to_thread(thread.stop)
        await engine.stop()


async def test_an_attached_desk_backs_up_the_site_database(attached: AttachedThread) -> None:
    tech = await _on_link(
        attached, lambda e: e.staff.login("tech", "tech-password", origin=Origin.CONSOLE, place="")
    )
    status = await _on_link(attached, lambda e: e.backups.back_up_now(actor=tech))
    # The copy is made at the site, beside the site's database, and its outcome comes back.
    assert status.ok, status.outcome
    assert await asyncio.to_thread(Path(status.file).is_file) and status.size > 0
    assert await _on_link(attached, lambda e: e.backups.status()) == status


async def test_reads_waiting_for_a_login_end_when_the_console_closes(
    attached: AttachedThread,
) -> None:
    # A screen's read starts before anyone logged in and waits for the login; closing the
    # window must end it at once, or the window's worker threads keep the program alive.
    read = asyncio.ensure_future(asyncio.to_thread(lambda: attached.queries.card("ab-12")))
    await _wait(lambda: not read.done(), timeout=1.0)
    attached.stop_waiting()
    with pytest.raises(LinkLost, match="closing"):
        await asyncio.wait_for(read, 10)
