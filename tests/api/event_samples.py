"""One sample of every core event, with every optional field filled where it has one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from console.core import events as ev
from console.core.alarms import Alarm, AlarmKind
from console.core.enums import AuthorizationStatus, ConnectorStatus, RefusalReason
from console.core.model import BootInfo, RefusedConnection, Session
from console.core.staff_accounts import SecuritySettings

AT = datetime(2026, 12, 7, 18, 30, 15, 123456, tzinfo=UTC)

SESSION = Session(
    id=42,
    charger_id="CP-1",
    connector_id=2,
    id_tag="04A1B2C3",
    started_at=AT - timedelta(hours=1),
    meter_start=1000,
    stopped_at=AT,
    meter_stop=12_500,
    stop_reason="Local",
    stop_id_tag="04A1B2C3",
    flags=("meter_jump", "late"),
    received_at=AT + timedelta(seconds=2),
    stop_estimated=True,
    end_note="ended by staff",
)

ALARM = Alarm(
    id=7,
    charger_id="CP-1",
    connector_id=1,
    kind=AlarmKind.FAULTED,
    message="CP-1 connector 1 is faulted: GroundFailure",
    details={"error_code": "GroundFailure", "vendor_error_code": None, "count": 2},
    raised_at=AT,
    cleared_at=AT + timedelta(minutes=5),
    acknowledged_at=AT + timedelta(minutes=6),
    acknowledged_by="Theo Tech",
)

#: Event class -> a sample. A new event type without a sample here fails the tests.
SAMPLES: dict[type[Any], Any] = {
    ev.ChargerConnected: ev.ChargerConnected("CP-1", "10.0.0.7:50123", AT),
    ev.ChargerDisconnected: ev.ChargerDisconnected("CP-1", AT, 1006, "no heartbeat"),
    ev.ChargerBooted: ev.ChargerBooted(
        "CP-1",
        BootInfo(
            vendor="Acme",
            model="Wallbox 22",
            serial="SN-1",
            firmware_version="1.2.3",
            charge_box_serial="CB-1",
            iccid="8931",
            imsi="2620",
            meter_type="EM-340",
            meter_serial="M-9",
            reboot=False,
        ),
        True,
        AT,
    ),
    ev.ChargerAwaitingApproval: ev.ChargerAwaitingApproval("CP-NEW", AT),
    ev.ChargerApprovalChanged: ev.ChargerApprovalChanged("CP-NEW", True),
    ev.ChargerStatusChanged: ev.ChargerStatusChanged(
        "CP-1", 1, ConnectorStatus.FAULTED, "GroundFailure", "leak", AT, "E42"
    ),
    ev.MeterSampled: ev.MeterSampled("CP-1", 2, 42, AT, 7400.5, 12_345.0, 80.0),
    ev.SessionStarted: ev.SessionStarted(SESSION),
    ev.SessionStopped: ev.SessionStopped(SESSION),
    ev.SessionFlagsChanged: ev.SessionFlagsChanged(SESSION),
    ev.ConnectionRefused: ev.ConnectionRefused(
        RefusedConnection(
            at=AT,
            charger_id="CP-X",
            reason=RefusalReason.WRONG_PASSWORD,
            peer="10.0.0.9",
            path="/ocpp/CP-X",
            http_status=401,
            count=3,
            first_at=AT - timedelta(minutes=2),
            subprotocols=("ocpp1.6", "ocpp2.0.1"),
            username="CP-X",
        )
    ),
    ev.ChargerLockedOut: ev.ChargerLockedOut(
        "CP-X", "10.0.0.9", 10, AT + timedelta(minutes=15), True, AT
    ),
    ev.ChargerNotice: ev.ChargerNotice("CP-1", "firmware", "status=Installed", AT),
    ev.CardRefused: ev.CardRefused("CP-1", "DEADBEEF", AuthorizationStatus.BLOCKED, True, AT),
    ev.CardsChanged: ev.CardsChanged(17, ("04A1B2C3", "DEADBEEF")),
    ev.SessionBilled: ev.SessionBilled(42, Decimal("12.50"), "EUR"),
    ev.ReceiptChanged: ev.ReceiptChanged(9),
    ev.AlarmRaised: ev.AlarmRaised(ALARM),
    ev.AlarmChanged: ev.AlarmChanged(ALARM),
    ev.StaffChanged: ev.StaffChanged(3, "dana", "staff.roles"),
    ev.SecuritySettingsChanged: ev.SecuritySettingsChanged(
        SecuritySettings(
            idle_lock_minutes=20,
            cli_requires_login=True,
            plain_port_enabled=False,
            api_plain_local=True,
        )
    ),
    ev.TariffsChanged: ev.TariffsChanged(5, "tariff.change"),
}
