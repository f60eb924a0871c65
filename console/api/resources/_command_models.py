"""The request bodies and answers of the command resource (commands.py).

Names follow OCPP 1.6 (``type``, ``requested_message``…) in snake case, so a script
writer who knows the spec finds each field; values are checked here before anything is
sent to a charger.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime, Field, JsonValue, field_validator

from console.api.models import ApiModel
from console.services.raw_calls import raw_actions

_RAW_ACTIONS: list[JsonValue] = list(raw_actions())
_ID_TAG = Field(min_length=1, max_length=20, description="A card id (idTag), 1 to 20 characters")

TriggerName = Literal[
    "BootNotification",
    "DiagnosticsStatusNotification",
    "FirmwareStatusNotification",
    "Heartbeat",
    "MeterValues",
    "StatusNotification",
]
ExtendedTriggerName = Literal[
    "BootNotification",
    "LogStatusNotification",
    "FirmwareStatusNotification",
    "Heartbeat",
    "MeterValues",
    "SignChargePointCertificate",
    "StatusNotification",
]


# ----------------------------------------------------------------- bodies


class CommandResetBody(ApiModel):
    """Reset: Soft ends running sessions first, Hard cuts power."""

    type: Literal["Soft", "Hard"] = Field("Soft", description="Soft (default) or Hard")


class CommandConnectorBody(ApiModel):
    """The connector to unlock."""

    connector_id: int = Field(ge=1, le=100, description="The connector (1..n)")


class CommandAvailabilityBody(ApiModel):
    """ChangeAvailability of one connector or of the whole charger."""

    connector_id: int = Field(ge=0, le=100, description="The connector; 0 is the whole charger")
    type: Literal["Operative", "Inoperative"]


class CommandTriggerBody(ApiModel):
    """TriggerMessage: the message the charger should send now."""

    requested_message: TriggerName
    connector_id: int | None = Field(
        None, ge=1, le=100, description="Only about this connector (omit: the charger)"
    )


class CommandExtendedTriggerBody(ApiModel):
    """ExtendedTriggerMessage (OCPP 1.6 security extension)."""

    requested_message: ExtendedTriggerName
    connector_id: int | None = Field(
        None, ge=1, le=100, description="Only about this connector (omit: the charger)"
    )


class CommandDataTransferBody(ApiModel):
    """DataTransfer: a vendor-specific message."""

    vendor_id: str = Field(min_length=1, max_length=255, description="e.g. com.vendor")
    message_id: str | None = Field(None, min_length=1, max_length=50)
    data: str | None = Field(None, max_length=100_000, description="Free text, sent as is")


class CommandLocalListBody(ApiModel):
    """How to bring the charger's local list up to date."""

    full: bool = Field(
        True, description="Replace the whole list (true, as the console does) or send changes"
    )


class CommandReserveBody(ApiModel):
    """ReserveNow: hold a connector (0: any) for a card until ``expiry_date``."""

    connector_id: int = Field(ge=0, le=100, description="The connector; 0 is any connector")
    expiry_date: AwareDatetime = Field(description="ISO 8601 with an offset")
    id_tag: str = _ID_TAG
    reservation_id: int = Field(ge=0, le=2_147_483_647)
    parent_id_tag: str | None = Field(None, min_length=1, max_length=20)


class CommandCancelReservationBody(ApiModel):
    """CancelReservation."""

    reservation_id: int = Field(ge=0, le=2_147_483_647)


class CommandChargingProfileBody(ApiModel):
    """SetChargingProfile: an OCPP 1.6 csChargingProfiles object, as the spec writes it."""

    connector_id: int = Field(ge=0, le=100, description="The connector; 0 is the whole charger")
    cs_charging_profiles: dict[str, Any] = Field(
        description="ChargingProfile of OCPP 1.6 (camelCase keys), checked against the schema"
    )


class CommandClearProfileBody(ApiModel):
    """ClearChargingProfile: profiles matching every criterion given (none: all)."""

    id: int | None = Field(None, ge=0, le=2_147_483_647, description="The profile's id")
    connector_id: int | None = Field(None, ge=0, le=100)
    charging_profile_purpose: (
        Literal["ChargePointMaxProfile", "TxDefaultProfile", "TxProfile"] | None
    ) = None
    stack_level: int | None = Field(None, ge=0, le=1000)


class CommandScheduleBody(ApiModel):
    """GetCompositeSchedule: the schedule a connector will follow."""

    connector_id: int = Field(ge=0, le=100, description="The connector; 0 is the whole charger")
    duration: int = Field(ge=1, le=31 * 86400, description="Seconds from now")
    charging_rate_unit: Literal["A", "W"] | None = None


class RawCallBody(ApiModel):
    """A hand-written OCPP 1.6 call: an action the central system may send and its
    payload exactly as the spec writes it (camelCase)."""

    action: str = Field(
        min_length=1,
        max_length=64,
        description="The OCPP 1.6 action",
        json_schema_extra={"enum": _RAW_ACTIONS},
    )
    payload: dict[str, Any] = Field(
        default_factory=dict, description="The CALL's payload, checked against the schema"
    )

    @field_validator("action")
    @classmethod
    def _known_action(cls, action: str) -> str:
        if action not in raw_actions():
            raise ValueError(f"{action} is not an OCPP 1.6 action a central system sends")
        return action


class LocalListOut(ApiModel):
    """What ChargeDesk knows of a charger's local authorization list."""

    charger_id: str
    version: int = Field(description="The list version the charger confirmed last (0: none)")
    supported: bool | None = Field(
        None, description="False once the charger said it has no local list; null: not known yet"
    )
    max_length: int | None = Field(None, description="LocalAuthListMaxLength, once read")
    synced_at: AwareDatetime | None = None
    last_result: str | None = Field(None, description="What the last update came to")
