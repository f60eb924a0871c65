"""A charger only touches its own sessions, and no reading is dropped (issue 10).

Raw OCPP frames over real websockets to a real engine: charger A runs a session, charger
B (another device on the site network) names A's transaction, or one that does not
exist, in its MeterValues and StopTransaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from console.core.billing import BillingError, SiteDetails
from console.core.enums import AsideReason, SessionFlag
from console.core.events import MeterSampled, SessionBilled, SessionFlagsChanged
from console.core.model import Card
from console.services.engine import CentralSystem
from console.services.queries import SiteQueries
from console.services.report_usage import usage_heatmap
from console.storage import samples as sample_repo
from console.storage import sessions as session_repo
from tests.actors import ADMIN
from tests.protocol.protocol_helpers import ScriptedCharger, open_ws
from tests.services.billing_helpers import Events, energy_tariff

EngineFactory = Callable[..., Awaitable[CentralSystem]]
BOOT = {"chargePointVendor": "Acme", "chargePointModel": "Wallbox"}
T0 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
REGISTER = "Energy.Active.Import.Register"


def _at(minutes: float) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")


def _meter(
    connector: int, tx: int | None, minutes: float, *samples: dict[str, Any]
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "connectorId": connector,
        "meterValue": [{"timestamp": _at(minutes), "sampledValue": list(samples)}],
    }
    if tx is not None:
        payload["transactionId"] = tx
    return payload


def _wh(value: float, context: str = "Sample.Periodic", **extra: str) -> dict[str, Any]:
    return {"value": str(value), "measurand": REGISTER, "unit": "Wh", "context": context, **extra}


class Site:
    """An engine with a tariff, a card, and raw chargers that booted."""

    def __init__(self, engine: CentralSystem) -> None:
        self.engine = engine
        self.events = Events(engine)
        self.chargers: list[ScriptedCharger] = []

    async def charger(self, charger_id: str) -> ScriptedCharger:
        charger = ScriptedCharger(await open_ws(self.engine.server, charger_id))
        self.chargers.append(charger)
        boot = await charger.request("BootNotification", BOOT)
        assert boot[2]["status"] == "Accepted"
        return charger

    async def start(self, charger: ScriptedCharger, connector: int = 1, meter: int = 1000) -> int:
        reply = await charger.request(
            "StartTransaction",
            {
                "connectorId": connector,
                "idTag": "STAFF-1",
                "meterStart": meter,
                "timestamp": _at(0),
            },
        )
        return int(reply[2]["transactionId"])

    async def read(self, work: Callable[[Any], Any]) -> Any:
        return await self.engine.writer.submit(work)

    async def session(self, tx: int) -> Any:
        return await self.read(lambda c: session_repo.get_session(c, tx))

    async def energy_so_far(self, tx: int) -> Decimal:
        cost = await self.engine.billing.cost_so_far(tx)
        assert cost is not None
        return cost.energy_kwh


@pytest.fixture
async def site(make_engine: EngineFactory) -> AsyncIterator[Site]:
    engine = await make_engine()
    await engine.cards.save_card(Card("STAFF-1"), actor=ADMIN)
    tariff = await engine.billing.save_tariff(None, energy_tariff("Energy", "0.30"), actor=ADMIN)
    await engine.billing.set_default_tariff(tariff, actor=ADMIN)
    await engine.billing.save_site_details(
        SiteDetails("St. Marien", "Car park P1", "DE1"), actor=ADMIN
    )
    await engine.billing.set_power_ceiling(
        400_000, actor=ADMIN
    )  # the default (the fixture raised it)
    made = Site(engine)
    yield made
    for charger in made.chargers:
        await charger.close()


async def test_meter_values_naming_another_chargers_transaction_are_kept_aside(
    site: Site,
) -> None:
    a, b = await site.charger("CP-A"), await site.charger("CP-B")
    tx = await site.start(a)
    assert (await a.request("MeterValues", _meter(1, tx, 60, _wh(6000))))[2] == {}
    await site.events.wait(lambda: site.events.of(MeterSampled))
    before = await site.energy_so_far(tx)
    assert before == Decimal(5)

    # B names A's transaction with a huge reading, then a transaction nobody has.
    assert (await b.request("MeterValues", _meter(1, tx, 90, _wh(1_000_000))))[2] == {}
    assert (await b.request("MeterValues", _meter(2, 777_777, 90, _wh(5))))[2] == {}
    assert (await b.request("MeterValues", _meter(2, -1, 95, _wh(5))))[2] == {}

    aside = await site.read(lambda c: sample_repo.list_aside_samples(c))
    assert {(s.charger_id, s.transaction_id, s.why_kept_aside) for s in aside} == {
        ("CP-B", tx, AsideReason.OTHER_CHARGER.value),
        ("CP-B", 777_777, AsideReason.UNKNOWN_TRANSACTION.value),
        ("CP-B", -1, AsideReason.UNKNOWN_TRANSACTION.value),
    }
    assert [e.charger_id for e in site.events.of(MeterSampled)] == ["CP-A"]
    assert site.engine.site.charger("CP-B").connector(1).energy_wh is None
    samples = await site.read(lambda c: session_repo.samples_of_session(c, tx))
    assert {s["charger_id"] for s in samples} == {"CP-A"}
    assert await site.energy_so_far(tx) == before
    assert (await site.session(tx)).flags == ()

    await a.request(
        "StopTransaction", {"transactionId": tx, "meterStop": 7000, "timestamp": _at(120)}
    )
    await site.events.billed(tx)
    bill = await site.engine.billing.bill(tx)
    assert bill is not None and bill.energy_wh == 6000
    report = await site.read(
        lambda c: usage_heatmap(c, T0 - timedelta(days=1), T0 + timedelta(days=1))
    )
    assert sum(map(sum, report)) == pytest.approx(6.0)


async def test_stop_of_another_chargers_transaction_leaves_that_session_alone(
    site: Site,
) -> None:
    a, b = await site.charger("CP-A"), await site.charger("CP-B")
    tx = await site.start(a)
    await a.request("MeterValues", _meter(1, tx, 30, _wh(3000)))
    before = await site.energy_so_far(tx)
    samples_before = await site.read(lambda c: session_repo.samples_of_session(c, tx))

    foreign = {
        "transactionId": tx,
        "meterStop": 999_999,
        "timestamp": _at(40),
        "transactionData": [{"timestamp": _at(35), "sampledValue": [_wh(900_000)]}],
    }
    assert (await b.request("StopTransaction", foreign))[0] == 3
    unknown = {"transactionId": 424_242, "meterStop": 10, "timestamp": _at(40)}
    assert (await b.request("StopTransaction", unknown))[0] == 3

    session = await site.session(tx)
    assert session.running and session.charger_id == "CP-A"
    assert site.engine.site.charger("CP-A").connector(1).transaction_id == tx
    assert await site.energy_so_far(tx) == before
    samples_after = await site.read(lambda c: session_repo.samples_of_session(c, tx))
    assert samples_after == samples_before
    orphans = await site.read(session_repo.list_orphan_stops)
    assert {(o.transaction_id, o.why_kept_aside) for o in orphans} == {
        (tx, AsideReason.OTHER_CHARGER.value),
        (424_242, AsideReason.UNKNOWN_TRANSACTION.value),
    }
    # What staff see: the console's read side, beside the engine.
    queries = SiteQueries(site.engine.config.database_url)
    try:
        samples_aside, stops_aside = queries.kept_aside("CP-B")
    finally:
        queries.close()
    assert samples_aside == [] and len(stops_aside) == 2
    assert not site.events.of(SessionBilled)


async def test_readings_for_another_connector_are_flagged_and_not_counted(site: Site) -> None:
    a = await site.charger("CP-A")
    tx = await site.start(a, connector=1)
    await a.request("MeterValues", _meter(1, tx, 30, _wh(2000)))
    await a.request("MeterValues", _meter(2, tx, 45, _wh(50_000)))
    samples = await site.read(lambda c: session_repo.samples_of_session(c, tx))
    assert sorted(s["connector_id"] for s in samples) == [1, 2]  # kept with the session
    session = await site.session(tx)
    assert SessionFlag.CONNECTOR_MISMATCH.value in session.flags
    assert site.events.of(SessionFlagsChanged)
    assert await site.energy_so_far(tx) == Decimal(1)
    assert [e.connector_id for e in site.events.of(MeterSampled)] == [1]
    with pytest.raises(BillingError, match="no readings to review"):
        await site.engine.billing.decide_readings(tx, keep=True, actor=ADMIN)


async def test_no_reading_is_dropped_and_a_repeat_stores_nothing(site: Site) -> None:
    a = await site.charger("CP-A")
    tx = await site.start(a)
    both = _meter(1, tx, 30, _wh(2000, "Sample.Periodic"), _wh(2000, "Transaction.End"))
    await a.request("MeterValues", both)
    in_kwh = _meter(1, tx, 30, {"value": "2", "measurand": REGISTER, "unit": "kWh"})
    await a.request("MeterValues", in_kwh)
    stored = await site.read(lambda c: session_repo.samples_of_session(c, tx))
    assert sorted((s["context"], s["unit"]) for s in stored) == [
        ("", "kWh"),
        ("Sample.Periodic", "Wh"),
        ("Transaction.End", "Wh"),
    ]
    for frame in (both, in_kwh, both):
        assert (await a.request("MeterValues", frame))[2] == {}
    again = await site.read(lambda c: session_repo.samples_of_session(c, tx))
    assert [s["id"] for s in again] == [s["id"] for s in stored]


async def test_implausible_readings_hold_the_bill_until_staff_decide(site: Site) -> None:
    a = await site.charger("CP-A")
    tx = await site.start(a, meter=0)
    await a.request("MeterValues", _meter(1, tx, 10, _wh(10_000)))  # 60 kW: fine
    await a.request("MeterValues", _meter(1, tx, 20, _wh(900_000)))  # 5.3 MW: impossible
    await site.events.wait(lambda: site.events.of(SessionFlagsChanged))
    session = await site.session(tx)
    assert SessionFlag.READINGS_NEED_REVIEW.value in session.flags
    assert await site.energy_so_far(tx) == Decimal(10)  # the live cost leaves it out
    assert site.engine.site.charger("CP-A").connector(1).energy_wh == 10_000

    stop = {"transactionId": tx, "meterStop": 15_000, "timestamp": _at(30)}
    await a.request("StopTransaction", stop)
    assert await site.engine.billing.bill_session(tx) is None  # held for staff
    assert await site.engine.billing.bill(tx) is None
    with pytest.raises(BillingError):
        await site.engine.receipts.issue(tx, actor=ADMIN)

    bill = await site.engine.billing.decide_readings(tx, keep=False, actor=ADMIN)
    assert bill is not None and bill.energy_wh == 15_000
    session = await site.session(tx)
    assert SessionFlag.READINGS_NEED_REVIEW.value not in session.flags
    assert SessionFlag.READINGS_LEFT_OUT.value in session.flags
    receipt = await site.engine.receipts.issue(tx, actor=ADMIN)
    assert receipt.total == bill.breakdown.gross_total
    with pytest.raises(BillingError):
        await site.engine.billing.decide_readings(tx, keep=True, actor=ADMIN)  # billed: too late


async def test_a_register_going_backwards_is_flagged_and_kept_on_request(site: Site) -> None:
    a = await site.charger("CP-A")
    tx = await site.start(a, meter=5000)
    await a.request("MeterValues", _meter(1, tx, 10, _wh(8000)))
    await a.request("MeterValues", _meter(1, tx, 20, _wh(6000)))  # backwards
    await site.events.wait(lambda: site.events.of(SessionFlagsChanged))
    await a.request(
        "StopTransaction", {"transactionId": tx, "meterStop": 9000, "timestamp": _at(30)}
    )
    assert await site.engine.billing.bill_session(tx) is None
    bill = await site.engine.billing.decide_readings(tx, keep=True, actor=ADMIN)
    assert bill is not None and bill.energy_wh == 4000
    assert SessionFlag.READINGS_KEPT.value in (await site.session(tx)).flags
