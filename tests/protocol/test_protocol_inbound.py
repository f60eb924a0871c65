"""Every message a 1.6 charger sends: what the services receive and what the charger gets."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from protocol_helpers import Ports

from console.core.enums import AuthorizationStatus, ConnectorStatus
from console.core.model import BootDecision, IdTagInfo
from console.protocol.datetimes import parse_timestamp
from console.protocol.ports import DataTransferReply

T0 = "2025-03-01T10:00:00Z"
T0_UTC = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)


def _recent(text: str) -> bool:
    return abs((parse_timestamp(text) - datetime.now(UTC)).total_seconds()) < 60


async def test_boot_notification_accepted(charger, ports: Ports) -> None:
    cp = await charger()
    reply = await cp.request(
        "BootNotification",
        {
            "chargePointVendor": "Acme",
            "chargePointModel": "Wallbox",
            "chargePointSerialNumber": "S1",
            "firmwareVersion": "1.2",
            "chargeBoxSerialNumber": "B1",
            "iccid": "I",
            "imsi": "M",
            "meterType": "MT",
            "meterSerialNumber": "MS",
        },
    )
    assert reply[0] == 3
    assert reply[2]["status"] == "Accepted"
    assert reply[2]["interval"] == 300
    assert reply[2]["currentTime"].endswith("Z") and _recent(reply[2]["currentTime"])
    boot = ports.messages.last("boot")
    assert (boot.vendor, boot.model, boot.serial, boot.firmware_version) == (
        "Acme",
        "Wallbox",
        "S1",
        "1.2",
    )
    assert (boot.charge_box_serial, boot.iccid, boot.imsi) == ("B1", "I", "M")
    assert (boot.meter_type, boot.meter_serial) == ("MT", "MS")


async def test_boot_notification_pending_and_rejected(charger, ports: Ports) -> None:
    cp = await charger()
    boot = {"chargePointVendor": "Acme", "chargePointModel": "W"}
    ports.messages.boot_decision = BootDecision(False, False, 60)
    reply = await cp.request("BootNotification", boot)
    assert (reply[2]["status"], reply[2]["interval"]) == ("Pending", 60)
    ports.messages.boot_decision = BootDecision(False, True, 600)
    reply = await cp.request("BootNotification", boot)
    assert (reply[2]["status"], reply[2]["interval"]) == ("Rejected", 600)


async def test_heartbeat_answers_current_time(charger, ports: Ports) -> None:
    cp = await charger()
    reply = await cp.request("Heartbeat", {})
    assert list(reply[2]) == ["currentTime"] and _recent(reply[2]["currentTime"])
    assert ports.messages.calls == [("heartbeat", "CP1", None)]


async def test_status_notification(charger, ports: Ports) -> None:
    cp = await charger()
    reply = await cp.request(
        "StatusNotification",
        {
            "connectorId": 2,
            "errorCode": "GroundFailure",
            "status": "Faulted",
            "info": "rcd",
            "vendorId": "Acme",
            "vendorErrorCode": "E7",
            "timestamp": "2025-03-01T11:00:00+01:00",
        },
    )
    assert reply[2] == {}
    report = ports.messages.last("status")
    assert report.connector_id == 2
    assert report.status is ConnectorStatus.FAULTED
    assert (report.error_code, report.info, report.vendor_id, report.vendor_error_code) == (
        "GroundFailure",
        "rcd",
        "Acme",
        "E7",
    )
    assert report.timestamp == T0_UTC and report.timestamp.tzinfo is UTC


async def test_status_notification_without_timestamp(charger, ports: Ports) -> None:
    cp = await charger()
    payload = {"connectorId": 0, "errorCode": "NoError", "status": "Available"}
    await cp.request("StatusNotification", payload)
    assert ports.messages.last("status").timestamp is None


async def test_authorize(charger, ports: Ports) -> None:
    cp = await charger()
    expiry = datetime(2030, 1, 1, tzinfo=UTC)
    ports.messages.id_tag_info = IdTagInfo(AuthorizationStatus.BLOCKED, expiry, "PARENT")
    reply = await cp.request("Authorize", {"idTag": "abc123"})
    assert reply[2] == {
        "idTagInfo": {
            "status": "Blocked",
            "expiryDate": "2030-01-01T00:00:00.000Z",
            "parentIdTag": "PARENT",
        }
    }
    assert ports.messages.last("authorize") == "abc123"


async def test_start_transaction(charger, ports: Ports) -> None:
    cp = await charger()
    payload = {
        "connectorId": 1,
        "idTag": "TAG",
        "meterStart": 1000,
        "timestamp": T0,
        "reservationId": 7,
    }
    reply = await cp.request("StartTransaction", payload)
    assert reply[2] == {"transactionId": 42, "idTagInfo": {"status": "Accepted"}}
    request = ports.messages.last("start_transaction")
    assert (request.connector_id, request.id_tag, request.meter_start) == (1, "TAG", 1000)
    assert (request.timestamp, request.reservation_id) == (T0_UTC, 7)


async def test_stop_transaction_with_transaction_data(charger, ports: Ports) -> None:
    cp = await charger()
    payload = {
        "transactionId": 42,
        "meterStop": 2500,
        "timestamp": T0,
        "idTag": "TAG",
        "reason": "EVDisconnected",
        "transactionData": [
            {"timestamp": T0, "sampledValue": [{"value": "1000", "context": "Transaction.Begin"}]},
            {"timestamp": T0, "sampledValue": [{"value": "2500", "context": "Transaction.End"}]},
        ],
    }
    reply = await cp.request("StopTransaction", payload)
    assert reply[2] == {}
    request = ports.messages.last("stop_transaction")
    assert (request.transaction_id, request.meter_stop, request.reason) == (
        42,
        2500,
        "EVDisconnected",
    )
    assert [mv.samples[0].value for mv in request.transaction_data] == [1000.0, 2500.0]
    assert request.transaction_data[1].samples[0].context == "Transaction.End"


async def test_stop_transaction_answers_id_tag_info_when_given(charger, ports: Ports) -> None:
    cp = await charger()
    ports.messages.stop_info = IdTagInfo(AuthorizationStatus.INVALID)
    reply = await cp.request(
        "StopTransaction", {"transactionId": -1, "meterStop": 1, "timestamp": T0}
    )
    assert reply[2] == {"idTagInfo": {"status": "Invalid"}}
    assert ports.messages.last("stop_transaction").transaction_data == ()


async def test_meter_values(charger, ports: Ports) -> None:
    cp = await charger()
    payload = {
        "connectorId": 1,
        "transactionId": 42,
        "meterValue": [
            {
                "timestamp": "2025-03-01T10:00:00.1234567z",
                "sampledValue": [
                    {"value": "12.5"},
                    {
                        "value": "7200",
                        "measurand": "Power.Active.Import",
                        "unit": "W",
                        "phase": "L1",
                    },
                    {"value": "0A1B2C", "format": "SignedData"},
                    {"value": "1234", "format": "SignedData"},
                    {"value": "n/a", "measurand": "SoC", "location": "EV"},
                ],
            }
        ],
    }
    reply = await cp.request("MeterValues", payload)
    assert reply[2] == {}
    report = ports.messages.last("meter_values")
    assert (report.connector_id, report.transaction_id) == (1, 42)
    (value,) = report.meter_values
    assert value.timestamp == datetime(2025, 3, 1, 10, 0, 0, 123456, tzinfo=UTC)
    energy, power, signed, signed_digits, soc = value.samples
    assert energy.measurand == "Energy.Active.Import.Register" and energy.unit == "Wh"
    assert energy.value == 12.5 and energy.raw_value is None
    assert (power.measurand, power.unit, power.phase, power.value) == (
        "Power.Active.Import",
        "W",
        "L1",
        7200.0,
    )
    assert math.isnan(signed.value) and signed.raw_value == "0A1B2C"
    assert math.isnan(signed_digits.value) and signed_digits.raw_value == "1234"
    assert math.isnan(soc.value) and soc.raw_value == "n/a" and soc.location == "EV"
    assert soc.unit is None


async def test_meter_values_naive_timestamp_is_utc(charger, ports: Ports) -> None:
    cp = await charger()
    payload = {
        "connectorId": 1,
        "meterValue": [{"timestamp": "2025-03-01 10:00:00", "sampledValue": [{"value": "1"}]}],
    }
    await cp.request("MeterValues", payload)
    report = ports.messages.last("meter_values")
    assert report.transaction_id is None
    assert report.meter_values[0].timestamp == T0_UTC


async def test_data_transfer(charger, ports: Ports) -> None:
    cp = await charger()
    reply = await cp.request("DataTransfer", {"vendorId": "Acme", "messageId": "ping", "data": "x"})
    assert reply[2] == {"status": "Accepted", "data": "pong"}
    assert ports.messages.last("data_transfer") == ("Acme", "ping", "x")
    ports.messages.data_transfer_reply = DataTransferReply("UnknownVendorId")
    reply = await cp.request("DataTransfer", {"vendorId": "Other"})
    assert reply[2] == {"status": "UnknownVendorId"}
    assert ports.messages.last("data_transfer") == ("Other", None, None)


async def test_notices(charger, ports: Ports) -> None:
    cp = await charger()
    messages = [
        ("DiagnosticsStatusNotification", {"status": "Uploaded"}, "diagnostics"),
        ("FirmwareStatusNotification", {"status": "Installed"}, "firmware"),
        (
            "SecurityEventNotification",
            {"type": "TamperDetectionActivated", "timestamp": T0, "techInfo": "lid"},
            "security",
        ),
        ("LogStatusNotification", {"status": "Uploaded", "requestId": 3}, "log"),
        ("SignedFirmwareStatusNotification", {"status": "Downloading", "requestId": 4}, "firmware"),
    ]
    for action, payload, _ in messages:
        reply = await cp.request(action, payload)
        assert reply[0] == 3 and reply[2] == {}, action
    notices = [arg for name, _, arg in ports.messages.calls if name == "notice"]
    assert [kind for kind, _ in notices] == [kind for _, _, kind in messages]
    assert notices[0][1] == {"action": "DiagnosticsStatusNotification", "status": "Uploaded"}
    assert notices[2][1] == {
        "action": "SecurityEventNotification",
        "type": "TamperDetectionActivated",
        "timestamp": T0_UTC,
        "tech_info": "lid",
    }
    assert notices[3][1]["request_id"] == 3
    assert notices[4][1]["action"] == "SignedFirmwareStatusNotification"


async def test_every_frame_marks_the_charger_seen(charger, ports: Ports) -> None:
    cp = await charger()
    await cp.request("Heartbeat", {})
    await cp.ws.send("garbage")
    await cp.request("Heartbeat", {})
    assert ports.admission.seen["CP1"] == 3
