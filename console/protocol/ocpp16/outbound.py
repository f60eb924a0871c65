"""Core commands -> 1.6 actions and payloads. Replies are read generically (outcomes.py)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, assert_never

from console.core.commands import (
    CancelReservation,
    CertificateHash,
    CertificateSigned,
    ChangeAvailability,
    ChangeConfiguration,
    ClearCache,
    ClearChargingProfile,
    Command,
    DataTransfer,
    DeleteCertificate,
    ExtendedTriggerMessage,
    GetCompositeSchedule,
    GetConfiguration,
    GetDiagnostics,
    GetInstalledCertificateIds,
    GetLocalListVersion,
    InstallCertificate,
    LocalListEntry,
    RemoteStart,
    RemoteStop,
    ReserveNow,
    Reset,
    SendLocalList,
    SetChargingProfile,
    TriggerMessage,
    UnlockConnector,
    UpdateFirmware,
)
from console.protocol.datetimes import format_timestamp

# Actions only a charger starts (DataTransfer goes both ways, so it is not here).
CHARGER_ACTIONS = frozenset(
    {
        "Authorize",
        "BootNotification",
        "DiagnosticsStatusNotification",
        "FirmwareStatusNotification",
        "Heartbeat",
        "LogStatusNotification",
        "MeterValues",
        "SecurityEventNotification",
        "SignCertificate",
        "SignedFirmwareStatusNotification",
        "StartTransaction",
        "StatusNotification",
        "StopTransaction",
    }
)


def encode_command(command: Command) -> tuple[str, dict[str, Any]]:
    """The 1.6 action and payload of ``command``; optional fields left out when None."""
    match command:
        case RemoteStart(id_tag, connector_id, profile):
            return "RemoteStartTransaction", _drop_none(
                idTag=id_tag, connectorId=connector_id, chargingProfile=_jsonable(profile)
            )
        case RemoteStop(transaction_id):
            return "RemoteStopTransaction", {"transactionId": transaction_id}
        case Reset(hard):
            return "Reset", {"type": "Hard" if hard else "Soft"}
        case UnlockConnector(connector_id):
            return "UnlockConnector", {"connectorId": connector_id}
        case ChangeAvailability(connector_id, available):
            kind = "Operative" if available else "Inoperative"
            return "ChangeAvailability", {"connectorId": connector_id, "type": kind}
        case GetConfiguration(keys):
            return "GetConfiguration", {"key": list(keys)} if keys else {}
        case ChangeConfiguration(key, value):
            return "ChangeConfiguration", {"key": key, "value": value}
        case ClearCache():
            return "ClearCache", {}
        case TriggerMessage(message, connector_id):
            return "TriggerMessage", _drop_none(requestedMessage=message, connectorId=connector_id)
        case DataTransfer(vendor_id, message_id, data):
            return "DataTransfer", _drop_none(vendorId=vendor_id, messageId=message_id, data=data)
        case GetDiagnostics(location, retries, retry_interval, start_time, stop_time):
            return "GetDiagnostics", _drop_none(
                location=location,
                retries=retries,
                retryInterval=retry_interval,
                startTime=_time(start_time),
                stopTime=_time(stop_time),
            )
        case UpdateFirmware(location, retrieve_date, retries, retry_interval):
            return "UpdateFirmware", _drop_none(
                location=location,
                retrieveDate=format_timestamp(retrieve_date),
                retries=retries,
                retryInterval=retry_interval,
            )
        case GetLocalListVersion():
            return "GetLocalListVersion", {}
        case SendLocalList(version, full, entries):
            return "SendLocalList", {
                "listVersion": version,
                "updateType": "Full" if full else "Differential",
                "localAuthorizationList": [_list_entry(e) for e in entries],
            }
        case ReserveNow(connector_id, expiry_date, id_tag, reservation_id, parent_id_tag):
            return "ReserveNow", _drop_none(
                connectorId=connector_id,
                expiryDate=format_timestamp(expiry_date),
                idTag=id_tag,
                reservationId=reservation_id,
                parentIdTag=parent_id_tag,
            )
        case CancelReservation(reservation_id):
            return "CancelReservation", {"reservationId": reservation_id}
        case SetChargingProfile(connector_id, profile):
            return "SetChargingProfile", {
                "connectorId": connector_id,
                "csChargingProfiles": _jsonable(profile),
            }
        case ClearChargingProfile(profile_id, connector_id, purpose, stack_level):
            return "ClearChargingProfile", _drop_none(
                id=profile_id,
                connectorId=connector_id,
                chargingProfilePurpose=purpose,
                stackLevel=stack_level,
            )
        case GetCompositeSchedule(connector_id, duration, rate_unit):
            return "GetCompositeSchedule", _drop_none(
                connectorId=connector_id, duration=duration, chargingRateUnit=rate_unit
            )
        case InstallCertificate(certificate_type, certificate):
            return "InstallCertificate", {
                "certificateType": certificate_type,
                "certificate": certificate,
            }
        case GetInstalledCertificateIds(certificate_type):
            return "GetInstalledCertificateIds", {"certificateType": certificate_type}
        case DeleteCertificate(certificate):
            return "DeleteCertificate", {"certificateHashData": certificate_hash(certificate)}
        case ExtendedTriggerMessage(message, connector_id):
            return "ExtendedTriggerMessage", _drop_none(
                requestedMessage=message, connectorId=connector_id
            )
        case CertificateSigned(chain):
            return "CertificateSigned", {"certificateChain": chain}
        case _:
            assert_never(command)


def certificate_hash(value: CertificateHash) -> dict[str, str]:
    """A CertificateHashDataType object."""
    return {
        "hashAlgorithm": value.hash_algorithm,
        "issuerNameHash": value.issuer_name_hash,
        "issuerKeyHash": value.issuer_key_hash,
        "serialNumber": value.serial_number,
    }


def read_certificate_hashes(payload: dict[str, Any]) -> list[CertificateHash]:
    """The certificateHashData list of a GetInstalledCertificateIds answer (may be absent)."""
    items = payload.get("certificateHashData") or []
    return [
        CertificateHash(
            hash_algorithm=str(item.get("hashAlgorithm", "")),
            issuer_name_hash=str(item.get("issuerNameHash", "")),
            issuer_key_hash=str(item.get("issuerKeyHash", "")),
            serial_number=str(item.get("serialNumber", "")),
        )
        for item in items
        if isinstance(item, dict)
    ]


def _list_entry(entry: LocalListEntry) -> dict[str, Any]:
    """A localAuthorizationList item; no idTagInfo removes the card (Differential)."""
    item: dict[str, Any] = {"idTag": entry.id_tag}
    if entry.status is not None:
        item["idTagInfo"] = _drop_none(
            status=entry.status,
            expiryDate=_time(entry.expiry_date),
            parentIdTag=entry.parent_id_tag,
        )
    return item


def _drop_none(**fields: Any) -> dict[str, Any]:
    """The fields that are set: 1.6 leaves optional fields out rather than sending null."""
    return {key: value for key, value in fields.items() if value is not None}


def _time(value: datetime | None) -> str | None:
    return None if value is None else format_timestamp(value)


def _jsonable(value: Any) -> Any:
    """A charging profile built by the services, with datetimes and Decimals made JSON."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime):
        return format_timestamp(value)
    if isinstance(value, Decimal):
        return float(value)
    return value
