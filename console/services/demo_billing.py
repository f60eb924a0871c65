"""Billing for the demo database: tariffs by group, the site's details, bills and receipts.

Staff charge free, the fleet (employees' pool cars) at cost, visitors and everyone else at
full price. Visitors' sessions get receipts in every state a desk sees: paid in cash, by
card terminal, invoiced to a department, unpaid, and one voided and reissued.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import Connection

from console.core.authorization import normalize_id_tag
from console.core.billing import Payment, PaymentMethod, Receipt, SiteDetails, Visitor
from console.core.enums import CardStatus, ConnectorStatus
from console.core.model import Card, MeterValue, SampledValue, Session
from console.core.tariffs import Tariff, TariffWindow
from console.services.billing_plan import bill_of
from console.storage import bills as bill_repo
from console.storage import cards as card_repo
from console.storage import payments as payment_repo
from console.storage import receipts as receipt_repo
from console.storage import sessions as session_repo
from console.storage import tariffs as tariff_repo
from console.storage import visitors as visitor_repo
from console.storage.chargers import status_history

ZONE = "Europe/Berlin"
DEMO_SITE = SiteDetails(
    "St. Marien Hospital — Car park P1/P2",
    "St. Marien Hospital gGmbH\nMarienstraße 12\n10117 Berlin",
    "DE 287 654 321",
)
WEEKDAYS = frozenset(range(5))


def demo_tariffs() -> dict[str, Tariff]:
    """The demo tariffs by the group that pays them (prices include 19 % VAT)."""
    vat = Decimal("0.19")
    peak = TariffWindow("Peak", WEEKDAYS, time(16), time(20), energy_price=Decimal("0.59"))
    return {
        "STAFF": Tariff(name="Staff (free)", currency="EUR", timezone=ZONE, tax_rate=vat),
        "FLEET": Tariff(
            name="Employees at cost",
            currency="EUR",
            timezone=ZONE,
            energy_price=Decimal("0.25"),
            tax_rate=vat,
        ),
        "VISITOR": Tariff(
            name="Visitors",
            currency="EUR",
            timezone=ZONE,
            energy_price=Decimal("0.49"),
            time_price=Decimal("3.00"),  # 0.05 per minute of charging
            idle_price=Decimal("6.00"),
            idle_grace=timedelta(minutes=30),
            tax_rate=vat,
            windows=(peak,),
        ),
    }


def seed_billing_demo(connection: Connection, now: datetime) -> None:
    """Set up the demo's billing and bill its finished sessions (in the caller's transaction)."""
    ids = {}
    for group, tariff in demo_tariffs().items():
        ids[group] = tariff_repo.save_tariff(connection, None, tariff, now).id
        tariff_repo.assign_group(connection, group, ids[group])
    tariff_repo.set_default_tariff_id(connection, ids["VISITOR"])
    tariff_repo.set_visitor_tariff_id(connection, ids["VISITOR"])
    tariff_repo.set_visitor_group(connection, "VISITOR")
    tariff_repo.save_site_details(connection, DEMO_SITE)
    tariff_repo.set_site_timezone(connection, ZONE)
    _add_visitor_session(connection, now)
    visiting = []
    for session_id in bill_repo.unbilled_sessions(connection, limit=100_000):
        session = session_repo.get_session(connection, session_id)
        assert session is not None and session.stopped_at is not None
        _add_statuses(connection, session)
        bill = bill_of(connection, session, session.stopped_at + timedelta(minutes=1))
        if bill is None:
            continue
        bill_repo.add_bill(connection, bill)
        if bill.group is not None and normalize_id_tag(bill.group) == "visitor":
            visiting.append(session)
    for n, session in enumerate(sorted(visiting, key=lambda s: s.stopped_at or now)):
        assert session.stopped_at is not None
        issued_at = session.stopped_at + timedelta(minutes=3)
        receipt, _ = receipt_repo.issue_receipt(connection, session.id, issued_at)
        _settle(connection, receipt, n, issued_at)


def _settle(connection: Connection, receipt: Receipt, n: int, at: datetime) -> None:
    """Pay the demo receipts in turns: cash, terminal, invoice, unpaid; the second voided."""
    if n == 1:
        voided = receipt_repo.void_receipt(connection, receipt.id, "Wrong licence plate", at)
        receipt, _ = receipt_repo.issue_receipt(connection, receipt.content.session_id, at, voided)
    if receipt.total <= 0:
        return
    turn = n % 4
    if turn == 3:
        return  # left unpaid
    method = (PaymentMethod.CASH, PaymentMethod.TERMINAL, PaymentMethod.INVOICE)[turn]
    reference = (None, f"TRM-{4100 + n}", "Visitor services CC-9100")[turn]
    payment = Payment(None, receipt.id, method, receipt.total, at + timedelta(minutes=2), reference)
    payment_repo.add_payment(connection, payment)
    receipt_repo.settle_status(connection, receipt.id)


def _add_statuses(connection: Connection, session: Session) -> None:
    """Charging from the start; the car full (SuspendedEV) for the last fifth or 50 min."""
    assert session.stopped_at is not None
    length = session.stopped_at - session.started_at
    full_at = session.stopped_at - min(length / 5, timedelta(minutes=50))
    changes = [
        (session.started_at, ConnectorStatus.CHARGING),
        (full_at, ConnectorStatus.SUSPENDED_EV),
        (session.stopped_at, ConnectorStatus.FINISHING),
    ]
    connection.execute(
        status_history.insert(),
        [
            {
                "charger_id": session.charger_id,
                "connector_id": session.connector_id,
                "status": status.value,
                "error_code": "NoError",
                "charger_time": at,
                "received_at": at,
            }
            for at, status in changes
        ],
    )


def _add_visitor_session(connection: Connection, now: datetime) -> None:
    """A visitor without a card, started from the desk yesterday: 75 min at 11 kW."""
    newest = session_repo.list_sessions(connection, limit=1)
    if not newest:
        return
    charger_id, token = newest[0].charger_id, "VDEMO4K7QX"
    start = now - timedelta(days=1, hours=3)
    visitor = Visitor(None, token, charger_id, 1, start, "Anna Schulz", "B-AS 1234", None, None)
    card = Card(token, CardStatus.RETIRED, parent_id_tag="VISITOR", note="One-time visitor token")
    card_repo.save_card(connection, card, start)
    session, _ = session_repo.start_session(
        connection,
        charger_id=charger_id,
        connector_id=1,
        id_tag=token,
        meter_start=500_000,
        started_at=start,
        received_at=start,
        auth_status="Accepted",
        reservation_id=None,
        flags=(),
    )
    stored = visitor_repo.add_visitor(connection, visitor)
    assert stored.id is not None
    visitor_repo.link_session(connection, stored.id, session.id)
    stop = start + timedelta(minutes=75)
    register = 500_000 + 13_750  # 11 kW for 75 minutes
    value = MeterValue(stop, (SampledValue(float(register), unit="Wh"),))
    rows = session_repo.sample_rows(charger_id, 1, session.id, (value,), stop)
    session_repo.add_samples(connection, rows)
    session_repo.stop_session(
        connection,
        transaction_id=session.id,
        meter_stop=register,
        stopped_at=stop,
        received_at=stop,
        reason="EVDisconnected",
        id_tag=token,
        extra_flags=(),
    )
