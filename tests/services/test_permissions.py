"""Every operation that changes something checks the person's role and is audited.

One engine (and one simulated charger) for the whole module: each operation is run by
the most capable actor that still lacks the permission it needs (every role but the ones
granting it) and must be refused before anything changes: no row, no audit entry, no
CALL to the charger. Then a sample of operations is run by a person with the right role
and must leave an audit entry naming who, what and which.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import Connection, select

from console.core.billing import PaymentMethod, SiteDetails
from console.core.commands import Reset
from console.core.enums import AdmissionMode, BlockReason, CardStatus
from console.core.model import Card, Person
from console.core.staff import (
    ENGINE_ACTOR,
    ROLE_PERMISSIONS,
    Actor,
    Origin,
    Permission,
    PermissionDenied,
    Role,
)
from console.services.card_csv_plan import plan_import
from console.services.engine import CentralSystem, EngineConfig
from console.simulator.charger import SimulatedCharger
from console.storage import audit
from console.storage.samples import set_power_ceiling_w
from console.storage.tables import table_of
from tests.actors import DESK, TECHNICIAN
from tests.services.billing_helpers import energy_tariff

pytestmark = pytest.mark.asyncio(loop_scope="module")

CHARGER = "PERM-1"
CARD = "PERM-CARD"
PASSWORD = "a password of twenty"
Operation = Callable[[CentralSystem, Actor], Awaitable[Any]]

# What a refused operation must leave as it was (tables the chargers' own traffic, such as
# heartbeats and the message log, does not touch).
WATCHED = (
    "cards",
    "people",
    "card_status_changes",
    "settings",
    "tariffs",
    "tariff_groups",
    "session_bills",
    "receipts",
    "payments",
    "visitors",
    "alarms",
    "config_snapshots",
    "file_transfers",
    "technician_notes",
    "audit_log",
    "lockouts",
    "api_tokens",
)


class Site:
    """The module's engine, its charger and the facts the operations refer to."""

    def __init__(self, engine: CentralSystem, charger: SimulatedCharger, tariff: int) -> None:
        self.engine = engine
        self.charger = charger
        self.tariff = tariff
        self.firmware = Path()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def site(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Site]:
    """An engine with one booted charger, a card and a tariff."""
    folder = tmp_path_factory.mktemp("permissions")
    config = EngineConfig(
        database_url=f"sqlite:///{folder / 'engine.db'}",
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
    )
    engine = CentralSystem(config)
    await engine.start()
    await engine.writer.submit(lambda c: set_power_ceiling_w(c, 40_000_000.0))
    url = f"ws://127.0.0.1:{engine.port}/ocpp/"
    charger = SimulatedCharger(CHARGER, url, boot_retry_floor=0.05, response_timeout=5.0)
    await charger.start()
    await charger.wait_booted()
    await engine.local_lists.wait_idle()
    await engine.cards.save_card(Card(CARD), actor=ENGINE_ACTOR)
    tariff = await engine.billing.save_tariff(
        None, energy_tariff("Base", "0.30"), actor=ENGINE_ACTOR
    )
    await engine.local_lists.wait_idle()
    made = Site(engine, charger, tariff)
    made.firmware = folder / "firmware.bin"
    made.firmware.write_bytes(b"firmware")
    try:
        yield made
    finally:
        await charger.stop()
        await engine.stop()


def lacking(permission: Permission) -> Actor:
    """The most capable person without ``permission``: every role that does not grant it."""
    roles = frozenset(role for role in Role if permission not in ROLE_PERMISSIONS[role])
    return Actor("Lacks " + permission.value, roles, Origin.CONSOLE, None, "test desk")


def _plan(site: Site) -> Any:
    return site.engine.writer.submit(lambda c: plan_import(c, b"card\nPERM-CSV\n"))


# (name, permission, operation): every service operation that changes something.
OPERATIONS: list[tuple[str, Permission, Callable[[Site, Actor], Awaitable[Any]]]] = [
    (
        "cards.save_card",
        Permission.CARDS,
        lambda s, a: s.engine.cards.save_card(Card("P-NEW"), actor=a),
    ),
    (
        "cards.save_cards",
        Permission.CARDS,
        lambda s, a: s.engine.cards.save_cards([Card("P-2")], actor=a),
    ),
    (
        "cards.set_status",
        Permission.CARDS,
        lambda s, a: s.engine.cards.set_status(CARD, CardStatus.BLOCKED, BlockReason.LOST, actor=a),
    ),
    (
        "cards.save_person",
        Permission.CARDS,
        lambda s, a: s.engine.cards.save_person(Person(None, "Ann"), actor=a),
    ),
    ("alarms.acknowledge", Permission.ALARMS, lambda s, a: s.engine.alarms.acknowledge(1, actor=a)),
    (
        "alarms.acknowledge_all",
        Permission.ALARMS,
        lambda s, a: s.engine.alarms.acknowledge_all(actor=a),
    ),
    (
        "notes.add",
        Permission.ALARMS,
        lambda s, a: s.engine.notes.add(CHARGER, "RCD replaced", actor=a),
    ),
    ("receipts.issue", Permission.RECEIPTS, lambda s, a: s.engine.receipts.issue(999, actor=a)),
    (
        "receipts.void",
        Permission.VOID_RECEIPTS,
        lambda s, a: s.engine.receipts.void(1, "wrong", actor=a),
    ),
    (
        "receipts.record_payment",
        Permission.PAYMENTS,
        lambda s, a: s.engine.receipts.record_payment(
            1, PaymentMethod.CASH, Decimal("1.00"), actor=a
        ),
    ),
    (
        "billing.decide_readings",
        Permission.RECEIPTS,
        lambda s, a: s.engine.billing.decide_readings(1, True, actor=a),
    ),
    (
        "billing.save_tariff",
        Permission.TARIFFS,
        lambda s, a: s.engine.billing.save_tariff(None, energy_tariff("New", "0.40"), actor=a),
    ),
    (
        "billing.save_tariff_placed",
        Permission.TARIFFS,
        lambda s, a: s.engine.billing.save_tariff_placed(
            None, energy_tariff("Placed", "0.40"), ("STAFF",), True, True, actor=a
        ),
    ),
    (
        "billing.retire_tariff",
        Permission.TARIFFS,
        lambda s, a: s.engine.billing.retire_tariff(s.tariff, actor=a),
    ),
    (
        "billing.assign_group",
        Permission.TARIFFS,
        lambda s, a: s.engine.billing.assign_group("STAFF", s.tariff, actor=a),
    ),
    (
        "billing.set_default_tariff",
        Permission.TARIFFS,
        lambda s, a: s.engine.billing.set_default_tariff(s.tariff, actor=a),
    ),
    (
        "billing.set_visitor_tariff",
        Permission.TARIFFS,
        lambda s, a: s.engine.billing.set_visitor_tariff(s.tariff, actor=a),
    ),
    (
        "billing.set_visitor_group",
        Permission.TARIFFS,
        lambda s, a: s.engine.billing.set_visitor_group("GUESTS", actor=a),
    ),
    (
        "billing.save_site_details",
        Permission.SITE,
        lambda s, a: s.engine.billing.save_site_details(SiteDetails("X", "Y", "Z"), actor=a),
    ),
    (
        "billing.set_power_ceiling",
        Permission.SITE,
        lambda s, a: s.engine.billing.set_power_ceiling(1000.0, actor=a),
    ),
    (
        "billing.set_site_timezone",
        Permission.SITE,
        lambda s, a: s.engine.billing.set_site_timezone("Asia/Tokyo", actor=a),
    ),
    (
        "sessions.end_session",
        Permission.SESSIONS,
        lambda s, a: s.engine.sessions.end_session(1, "stuck", actor=a),
    ),
    (
        "admission.add_charger",
        Permission.APPROVALS,
        lambda s, a: s.engine.admission.add_charger("P-CP", actor=a),
    ),
    (
        "admission.set_password",
        Permission.CHARGER_SECURITY,
        lambda s, a: s.engine.admission.set_password(CHARGER, PASSWORD, actor=a),
    ),
    (
        "admission.unlock",
        Permission.APPROVALS,
        lambda s, a: s.engine.admission.unlock(CHARGER, actor=a),
    ),
    (
        "admission.set_approval",
        Permission.APPROVALS,
        lambda s, a: s.engine.admission.set_approval(CHARGER, False, actor=a),
    ),
    (
        "commands.send",
        Permission.CHARGER_COMMANDS,
        lambda s, a: s.engine.commands.send(CHARGER, Reset(False), actor=a),
    ),
    (
        "commands.start_session",
        Permission.SESSIONS,
        lambda s, a: s.engine.commands.start_session(CHARGER, 1, CARD, actor=a),
    ),
    (
        "commands.stop_session",
        Permission.SESSIONS,
        lambda s, a: s.engine.commands.stop_session(1, actor=a),
    ),
    (
        "commands.reset",
        Permission.CHARGER_COMMANDS,
        lambda s, a: s.engine.commands.reset(CHARGER, actor=a),
    ),
    (
        "commands.unlock",
        Permission.CHARGER_COMMANDS,
        lambda s, a: s.engine.commands.unlock(CHARGER, 1, actor=a),
    ),
    (
        "commands.set_available",
        Permission.CHARGER_COMMANDS,
        lambda s, a: s.engine.commands.set_available(CHARGER, 1, False, actor=a),
    ),
    (
        "raw_calls.send",
        Permission.RAW_CALLS,
        lambda s, a: s.engine.raw_calls.send(CHARGER, "Reset", '{"type": "Soft"}', actor=a),
    ),
    (
        "configuration.change",
        Permission.CONFIGURATION,
        lambda s, a: s.engine.configuration.change(CHARGER, {"HeartbeatInterval": "30"}, actor=a),
    ),
    (
        "configuration.save_snapshot",
        Permission.CONFIGURATION,
        lambda s, a: s.engine.configuration.save_snapshot(CHARGER, actor=a),
    ),
    (
        "configuration.mark_baseline",
        Permission.CONFIGURATION,
        lambda s, a: s.engine.configuration.mark_baseline(1, actor=a),
    ),
    (
        "configuration.apply_baseline",
        Permission.CONFIGURATION,
        lambda s, a: s.engine.configuration.apply_baseline(1, [CHARGER], actor=a),
    ),
    (
        "transfers.update_firmware",
        Permission.FIRMWARE,
        lambda s, a: s.engine.transfers.update_firmware([CHARGER], s.firmware, actor=a),
    ),
    (
        "transfers.request_diagnostics",
        Permission.FIRMWARE,
        lambda s, a: s.engine.transfers.request_diagnostics([CHARGER], actor=a),
    ),
    (
        "transfers.request_log",
        Permission.FIRMWARE,
        lambda s, a: s.engine.transfers.request_log([CHARGER], actor=a),
    ),
    (
        "local_lists.sync",
        Permission.CHARGER_COMMANDS,
        lambda s, a: s.engine.local_lists.sync(CHARGER, actor=a),
    ),
    (
        "local_lists.clear_cache",
        Permission.CHARGER_COMMANDS,
        lambda s, a: s.engine.local_lists.clear_cache(CHARGER, actor=a),
    ),
    (
        "follow_through.start_session",
        Permission.SESSIONS,
        lambda s, a: s.engine.follow_through.start_session(CHARGER, 1, CARD, actor=a),
    ),
    (
        "follow_through.stop_session",
        Permission.SESSIONS,
        lambda s, a: s.engine.follow_through.stop_session(1, actor=a),
    ),
    (
        "follow_through.start_visitor",
        Permission.VISITORS,
        lambda s, a: s.engine.follow_through.start_visitor(CHARGER, 1, name="Guest", actor=a),
    ),
    (
        "visitors.start",
        Permission.VISITORS,
        lambda s, a: s.engine.visitors.start(CHARGER, 1, actor=a),
    ),
    ("cards.import_cards", Permission.CARDS, lambda s, a: _import(s, a)),
    (
        "api_tokens.create",
        Permission.STAFF,
        lambda s, a: s.engine.api_tokens.create("P-TOKEN", {Role.VIEWER}, None, actor=a),
    ),
    ("api_tokens.revoke", Permission.STAFF, lambda s, a: s.engine.api_tokens.revoke(1, actor=a)),
]


async def _import(site: Site, actor: Actor) -> Any:
    plan = await _plan(site)
    return await site.engine.cards.import_cards(plan, actor=actor)


async def _fingerprint(engine: CentralSystem) -> dict[str, list[tuple[Any, ...]]]:
    def read(connection: Connection) -> dict[str, list[tuple[Any, ...]]]:
        rows = {
            name: sorted(map(tuple, connection.execute(select(table_of_name(name)))), key=repr)
            for name in WATCHED
        }
        chargers = table_of_name("chargers")
        picked = select(chargers.c.id, chargers.c.approval, chargers.c.password_hash)
        rows["chargers"] = sorted(map(tuple, connection.execute(picked)), key=repr)
        return rows

    return await engine.writer.submit(read)


def table_of_name(name: str) -> Any:
    """The SQLAlchemy table called ``name``."""
    from console.storage import tables, tables_api_tokens, tables_security

    for module in (tables, tables_security, tables_api_tokens):
        for value in vars(module).values():
            if getattr(value, "__tablename__", None) == name:
                return table_of(value)
    raise LookupError(name)


@pytest.mark.parametrize(
    ("name", "permission", "operation"), OPERATIONS, ids=[o[0] for o in OPERATIONS]
)
async def test_refused_without_the_role_and_nothing_changes(
    site: Site,
    name: str,
    permission: Permission,
    operation: Callable[[Site, Actor], Awaitable[Any]],
) -> None:
    actor = lacking(permission)
    before = await _fingerprint(site.engine)
    calls = len(site.charger.received)
    with pytest.raises(PermissionDenied) as refused:
        await operation(site, actor)
    assert refused.value.permission is permission
    assert "may not do this" in str(refused.value)
    assert await _fingerprint(site.engine) == before, f"{name} changed something"
    assert len(site.charger.received) == calls, f"{name} sent a CALL"


# (operation, actor, audit action, target): run by a person with the right role.
ALLOWED: list[tuple[Callable[[Site, Actor], Awaitable[Any]], Actor, str, str]] = [
    (lambda s, a: s.engine.cards.save_card(Card("OK-1"), actor=a), DESK, "card.add", "OK-1"),
    (
        lambda s, a: s.engine.cards.set_status(
            "OK-1", CardStatus.BLOCKED, BlockReason.LOST, actor=a
        ),
        DESK,
        "card.block",
        "OK-1",
    ),
    (
        lambda s, a: s.engine.notes.add(CHARGER, "Cable checked", actor=a),
        TECHNICIAN,
        "note.add",
        CHARGER,
    ),
    (
        lambda s, a: s.engine.admission.add_charger("OK-CP", actor=a),
        TECHNICIAN,
        "charger.add",
        "OK-CP",
    ),
    (
        lambda s, a: s.engine.admission.set_password("OK-CP", PASSWORD, actor=a),
        TECHNICIAN,
        "charger.password",
        "OK-CP",
    ),
    (
        lambda s, a: s.engine.commands.unlock(CHARGER, 1, actor=a),
        TECHNICIAN,
        "command.outcome",
        CHARGER,
    ),
    (
        lambda s, a: s.engine.raw_calls.send(CHARGER, "ClearCache", "{}", actor=a),
        TECHNICIAN,
        "raw_call.outcome",
        CHARGER,
    ),
    (
        lambda s, a: s.engine.configuration.change(
            CHARGER, {"MeterValueSampleInterval": "60"}, actor=a
        ),
        TECHNICIAN,
        "command.outcome",
        CHARGER,
    ),
    (
        lambda s, a: s.engine.billing.save_site_details(
            SiteDetails("St. Marien", "P1", "DE1"), actor=a
        ),
        lacking(Permission.CARDS),
        "site.details",
        "",
    ),
    (
        lambda s, a: s.engine.api_tokens.create("OK-TOKEN", {Role.VIEWER}, None, actor=a),
        lacking(Permission.CARDS),
        "api_token.add",
        "OK-TOKEN",
    ),
]


@pytest.mark.parametrize(
    ("operation", "actor", "action", "target"),
    ALLOWED,
    ids=[a[2] + "-" + a[1].name for a in ALLOWED],
)
async def test_allowed_with_the_role_and_audited(
    site: Site,
    operation: Callable[[Site, Actor], Awaitable[Any]],
    actor: Actor,
    action: str,
    target: str,
) -> None:
    await operation(site, actor)
    [newest] = await site.engine.writer.submit(lambda c: audit.entries(c, limit=1))
    assert (newest.actor, newest.action, newest.target) == (actor.name, action, target)
    assert newest.origin == "console" and newest.place == "test desk"


async def test_a_command_is_audited_before_it_is_sent_and_with_the_answer(site: Site) -> None:
    await site.engine.commands.unlock(CHARGER, 2, actor=TECHNICIAN)
    sent, answer = await site.engine.writer.submit(
        lambda c: audit.entries(c, limit=2, newest_first=True)[::-1]
    )
    assert sent.action == "command.send" and sent.after["action"] == "UnlockConnector"
    assert sent.after["details"] == {"connector_id": 2}
    assert answer.action == "command.outcome" and answer.after["status"] is not None


async def test_a_secret_configuration_value_is_not_in_the_audit_log(site: Site) -> None:
    await site.engine.configuration.change(
        CHARGER, {"AuthorizationKey": "00112233445566778899"}, actor=TECHNICIAN
    )
    entries = await site.engine.writer.submit(lambda c: audit.entries(c, limit=2))
    assert all("00112233445566778899" not in repr(entry) for entry in entries)


async def test_chargedesk_itself_is_not_audited_as_a_person(site: Site) -> None:
    before = await site.engine.writer.submit(lambda c: audit.entries(c, limit=1))
    await site.engine.cards.save_card(Card("ENGINE-1"), actor=ENGINE_ACTOR)
    assert await site.engine.writer.submit(lambda c: audit.entries(c, limit=1)) == before
