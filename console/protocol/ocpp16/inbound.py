"""Handlers of the CALLs a 1.6 charger sends: payload -> core types -> port -> reply.

Each handler gets a payload that has passed its schema, so required keys are present
and have the right types; it only translates. Whatever a handler raises becomes a
CALLERROR (an ``OcppError`` keeps its code, anything else is InternalError).
"""

from __future__ import annotations

from typing import Any

from console.core.clock import utcnow
from console.core.enums import ConnectorStatus
from console.core.model import BootInfo, MeterReport, StartRequest, StatusReport, StopRequest
from console.protocol.datetimes import format_timestamp, parse_timestamp
from console.protocol.dialect import CallHandler, HandlerContext
from console.protocol.ocpp16.convert import id_tag_info, meter_values, optional_timestamp


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
    )
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
        connector_id=p["connectorId"],
        status=ConnectorStatus(p["status"]),
        error_code=p["errorCode"],
        info=p.get("info"),
        vendor_id=p.get("vendorId"),
        vendor_error_code=p.get("vendorErrorCode"),
        timestamp=optional_timestamp(p, "timestamp"),
    )
    await ctx.messages.status(ctx.charger_id, report)
    return {}


async def authorize(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """Authorize -> ``authorize``."""
    info = await ctx.messages.authorize(ctx.charger_id, p["idTag"])
    return {"idTagInfo": id_tag_info(info)}


async def start_transaction(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """StartTransaction -> ``start_transaction``."""
    request = StartRequest(
        connector_id=p["connectorId"],
        id_tag=p["idTag"],
        meter_start=p["meterStart"],
        timestamp=parse_timestamp(p["timestamp"]),
        reservation_id=p.get("reservationId"),
    )
    decision = await ctx.messages.start_transaction(ctx.charger_id, request)
    return {
        "transactionId": decision.transaction_id,
        "idTagInfo": id_tag_info(decision.id_tag_info),
    }


async def stop_transaction(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """StopTransaction (with its transactionData) -> ``stop_transaction``."""
    request = StopRequest(
        transaction_id=p["transactionId"],
        meter_stop=p["meterStop"],
        timestamp=parse_timestamp(p["timestamp"]),
        id_tag=p.get("idTag"),
        reason=p.get("reason"),
        transaction_data=meter_values(p.get("transactionData", [])),
    )
    info = await ctx.messages.stop_transaction(ctx.charger_id, request)
    return {} if info is None else {"idTagInfo": id_tag_info(info)}


async def meter_values_(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
    """MeterValues -> ``meter_values``."""
    report = MeterReport(
        connector_id=p["connectorId"],
        transaction_id=p.get("transactionId"),
        meter_values=meter_values(p["meterValue"]),
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


def _notice(kind: str, action: str) -> CallHandler:
    """A handler passing a notification to ``notice`` with snake_case details."""

    async def handle(ctx: HandlerContext, p: dict[str, Any]) -> dict[str, Any]:
        details: dict[str, Any] = {"action": action}
        for key, value in p.items():
            if key == "timestamp":
                details["timestamp"] = parse_timestamp(value)
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
}
