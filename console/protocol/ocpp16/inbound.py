"""Handlers of the CALLs a 1.6 charger sends: payload -> core types -> port -> reply.

Each handler gets a payload that has passed its schema, so required keys are present
and have the right types and ranges (console/protocol/ocpp16/limits.py); it only
translates. Whatever a handler raises becomes a CALLERROR (an ``OcppError`` keeps its
code, anything else is InternalError).

Times: a StartTransaction, StopTransaction or MeterValues whose time is unusable (no
moment in UTC, such as year 1 with a positive offset) or implausible is still handled,
with our receipt time in its place and ``timestamp_unusable`` set so the services flag
it.
"""

from __future__ import annotations

import weakref
from typing import Any

from console.core.clock import utcnow
from console.core.enums import ConnectorStatus
from console.core.model import BootInfo, MeterReport, StartRequest, StatusReport, StopRequest
from console.protocol.datetimes import charger_time, format_timestamp
from console.protocol.dialect import CallHandler, HandlerContext
from console.protocol.ocpp16.convert import id_tag_info, meter_values, optional_timestamp

# Connections that have sent a BootNotification; a closed connection drops out by itself.
_BOOTED: weakref.WeakSet[HandlerContext] = weakref.WeakSet()


async def boot_notification(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """BootNotification -> ``boot``; the decision becomes status, interval, currentTime."""
    info = BootInfo(
        vendor=p["chargePointVendor"],
        model=p["chargePointModel"],
        serial=p.get("chargePointSerialNumber"),
        firmware_version=p.get("firmwareVersion"),
        charge_box_serial=p.get("chargeBoxSerialNumber"),
        iccid=p.get("iccid"),
        imsi=p.get("imsi"),
        meter_type=p.get("meterType"),
        meter_serial=p.get("meterSerialNumber"),
        reboot=ctx not in _BOOTED,
    )
    # Only the first BootNotification of a connection is a reboot; a pending charger's
    # retries and a boot we asked for with TriggerMessage come on the same connection.
    _BOOTED.add(ctx)
    decision = await ctx.messages.boot(ctx.charger_id, info)
    if decision.accepted:
        status = "Accepted"
    elif decision.rejected:
        status = "Rejected"
    else:
        status = "Pending"
    # Pending and Rejected chargers retry the boot after `interval`: the same rhythm.
    ctx.set_heartbeat_interval(decision.heartbeat_interval)
    return {
        "status": status,
        "currentTime": format_timestamp(utcnow()),
        "interval": decision.heartbeat_interval,
    }


async def heartbeat(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """Heartbeat -> ``heartbeat``; answered with our clock."""
    await ctx.messages.heartbeat(ctx.charger_id)
    return {"currentTime": format_timestamp(utcnow())}


async def status_notification(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """StatusNotification -> ``status``."""
    report = StatusReport(
        connector_id=int(p["connectorId"]),
        status=ConnectorStatus(p["status"]),
        error_code=p["errorCode"],
        info=p.get("info"),
        vendor_id=p.get("vendorId"),
        vendor_error_code=p.get("vendorErrorCode"),
        timestamp=optional_timestamp(p, "timestamp", utcnow()),
    )
    await ctx.messages.status(ctx.charger_id, report)
    return {}


async def authorize(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """Authorize -> ``authorize``."""
    info = await ctx.messages.authorize(ctx.charger_id, p["idTag"])
    return {"idTagInfo": id_tag_info(info)}


async def start_transaction(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """StartTransaction -> ``start_transaction``."""
    timestamp, unusable = charger_time(p["timestamp"], utcnow())
    reservation_id = p.get("reservationId")
    request = StartRequest(
        connector_id=int(p["connectorId"]),
        id_tag=p["idTag"],
        meter_start=int(p["meterStart"]),
        timestamp=timestamp,
        reservation_id=None if reservation_id is None else int(reservation_id),
        timestamp_unusable=unusable,
    )
    decision = await ctx.messages.start_transaction(ctx.charger_id, request)
    return {
        "transactionId": decision.transaction_id,
        "idTagInfo": id_tag_info(decision.id_tag_info),
    }


async def stop_transaction(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """StopTransaction (with its transactionData) -> ``stop_transaction``."""
    received = utcnow()
    timestamp, unusable = charger_time(p["timestamp"], received)
    request = StopRequest(
        transaction_id=int(p["transactionId"]),
        meter_stop=int(p["meterStop"]),
        timestamp=timestamp,
        id_tag=p.get("idTag"),
        reason=p.get("reason"),
        transaction_data=meter_values(p.get("transactionData", []), received),
        timestamp_unusable=unusable,
    )
    info = await ctx.messages.stop_transaction(ctx.charger_id, request)
    return {} if info is None else {"idTagInfo": id_tag_info(info)}


async def meter_values_(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """MeterValues -> ``meter_values``."""
    transaction_id = p.get("transactionId")
    report = MeterReport(
        connector_id=int(p["connectorId"]),
        transaction_id=None if transaction_id is None else int(transaction_id),
        meter_values=meter_values(p["meterValue"], utcnow()),
    )
    await ctx.messages.meter_values(ctx.charger_id, report)
    return {}


async def data_transfer(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """DataTransfer from the charger -> ``data_transfer``."""
    reply = await ctx.messages.data_transfer(
        ctx.charger_id, p["vendorId"], p.get("messageId"), p.get("data")
    )
    payload: dict[str, Any] = {"status": reply.status}
    if reply.data is not None:
        payload["data"] = reply.data
    return payload


async def sign_certificate(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """SignCertificate -> ``sign_certificate``; CertificateSigned is sent later, apart."""
    taken = await ctx.messages.sign_certificate(ctx.charger_id, p["csr"])
    return {"status": "Accepted" if taken else "Rejected"}


def _notice(kind: str, action: str) -> CallHandler:
    """A handler passing a notification to ``notice`` with snake_case details."""

    async def handle(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
        details: dict[str, Any] = {"action": action}
        for key, value in p.items():
            if key == "timestamp":
                # A wrong clock: the receipt time (when the notice is stored) tells more.
                details["timestamp"] = optional_timestamp(p, key, utcnow())
            else:
                details[_SNAKE.get(key, key)] = value
        await ctx.messages.notice(ctx.charger_id, kind, details)
        return {}

    handle.__doc__ = f"{action} -> ``notice(charger_id, {kind!r}, details)``."
    return handle


_SNAKE = {"requestId": "request_id", "techInfo": "tech_info"}

HANDLERS: dict[str, CallHandler] = {
    "BootNotification": boot_notification,
    "Heartbeat": heartbeat,
    "StatusNotification": status_notification,
    "Authorize": authorize,
    "StartTransaction": start_transaction,
    "StopTransaction": stop_transaction,
    "MeterValues": meter_values_,
    "DataTransfer": data_transfer,
    "DiagnosticsStatusNotification": _notice("diagnostics", "DiagnosticsStatusNotification"),
    "FirmwareStatusNotification": _notice("firmware", "FirmwareStatusNotification"),
    "SecurityEventNotification": _notice("security", "SecurityEventNotification"),
    "LogStatusNotification": _notice("log", "LogStatusNotification"),
    "SignedFirmwareStatusNotification": _notice("firmware", "SignedFirmwareStatusNotification"),
    "SignCertificate": sign_certificate,
}
