"""Routes the central system's commands to the simulated charger (ocpp library side).

One ``SimulatorProtocol`` exists per connection. Each ``@on`` handler records the
command and asks the charger for the answer; anything the charger must do after
answering (start a session, reboot, send the triggered message...) comes back as a
follow-up, which the matching ``@after`` hook starts as a task the charger holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ocpp import routing
from ocpp.v16 import ChargePoint
from ocpp.v16.enums import Action
from websockets.asyncio.client import ClientConnection

if TYPE_CHECKING:
    from console.simulator.base import Answer, Followup
    from console.simulator.charger import SimulatedCharger

F = TypeVar("F", bound=Callable[..., Any])


def on(action: str) -> Callable[[F], F]:
    """``ocpp.routing.on`` with a type mypy can see through."""
    return cast(Callable[[F], F], routing.on(action))


def after(action: str) -> Callable[[F], F]:
    """``ocpp.routing.after`` with a type mypy can see through."""
    return cast(Callable[[F], F], routing.after(action))


# The 19 commands a 1.6 central system can send (Core and the optional profiles).
COMMANDS: tuple[str, ...] = (
    "CancelReservation",
    "ChangeAvailability",
    "ChangeConfiguration",
    "ClearCache",
    "ClearChargingProfile",
    "DataTransfer",
    "GetCompositeSchedule",
    "GetConfiguration",
    "GetDiagnostics",
    "GetLocalListVersion",
    "RemoteStartTransaction",
    "RemoteStopTransaction",
    "ReserveNow",
    "Reset",
    "SendLocalList",
    "SetChargingProfile",
    "TriggerMessage",
    "UnlockConnector",
    "UpdateFirmware",
)
# The commands of the 1.6 security extension (edition 3) the simulator answers too.
SECURITY_COMMANDS: tuple[str, ...] = (
    "CertificateSigned",
    "DeleteCertificate",
    "ExtendedTriggerMessage",
    "GetInstalledCertificateIds",
    "GetLog",
    "InstallCertificate",
    "SignedUpdateFirmware",
)


class SimulatorProtocol(ChargePoint):  # type: ignore[misc]  # ocpp is untyped
    """The ocpp-library charge point of one connection, answering every 1.6 command."""

    def __init__(
        self, charger: SimulatedCharger, connection: ClientConnection, response_timeout: float
    ) -> None:
        super().__init__(charger.charger_id, connection, response_timeout=response_timeout)
        self._charger = charger
        self._followup: Followup | None = None

    def _answer(self, action: str, payload: dict[str, Any], handler: Callable[..., Answer]) -> Any:
        self._charger._record_command(action, payload)
        # Handlers run one at a time on this connection, so one slot is enough to
        # carry the follow-up from the @on handler to its @after hook.
        reply, self._followup = handler(**payload)
        return reply

    def _follow_up(self, action: str) -> None:
        followup, self._followup = self._followup, None
        if followup is not None:
            self._charger._spawn(followup(), name=f"{self._charger.charger_id}-{action}")

    @on(Action.cancel_reservation)
    def on_cancel_reservation(self, **payload: Any) -> Any:
        return self._answer(
            Action.cancel_reservation, payload, self._charger._cmd_cancel_reservation
        )

    @after(Action.cancel_reservation)
    def after_cancel_reservation(self, **_: Any) -> None:
        self._follow_up(Action.cancel_reservation)

    @on(Action.change_availability)
    def on_change_availability(self, **payload: Any) -> Any:
        return self._answer(
            Action.change_availability, payload, self._charger._cmd_change_availability
        )

    @after(Action.change_availability)
    def after_change_availability(self, **_: Any) -> None:
        self._follow_up(Action.change_availability)

    @on(Action.change_configuration)
    def on_change_configuration(self, **payload: Any) -> Any:
        return self._answer(
            Action.change_configuration, payload, self._charger._cmd_change_configuration
        )

    @after(Action.change_configuration)
    def after_change_configuration(self, **_: Any) -> None:
        self._follow_up(Action.change_configuration)

    @on(Action.clear_cache)
    def on_clear_cache(self, **payload: Any) -> Any:
        return self._answer(Action.clear_cache, payload, self._charger._cmd_clear_cache)

    @on(Action.clear_charging_profile)
    def on_clear_charging_profile(self, **payload: Any) -> Any:
        return self._answer(
            Action.clear_charging_profile, payload, self._charger._cmd_clear_charging_profile
        )

    @after(Action.clear_charging_profile)
    def after_clear_charging_profile(self, **_: Any) -> None:
        self._follow_up(Action.clear_charging_profile)

    @on(Action.data_transfer)
    def on_data_transfer(self, **payload: Any) -> Any:
        return self._answer(Action.data_transfer, payload, self._charger._cmd_data_transfer)

    @on(Action.get_composite_schedule)
    def on_get_composite_schedule(self, **payload: Any) -> Any:
        return self._answer(
            Action.get_composite_schedule, payload, self._charger._cmd_get_composite_schedule
        )

    @on(Action.get_configuration)
    def on_get_configuration(self, **payload: Any) -> Any:
        return self._answer(Action.get_configuration, payload, self._charger._cmd_get_configuration)

    @on(Action.get_diagnostics)
    def on_get_diagnostics(self, **payload: Any) -> Any:
        return self._answer(Action.get_diagnostics, payload, self._charger._cmd_get_diagnostics)

    @after(Action.get_diagnostics)
    def after_get_diagnostics(self, **_: Any) -> None:
        self._follow_up(Action.get_diagnostics)

    # GetLog is of the 1.6 security extension, not one of the 19 commands above.
    @on(Action.get_log)
    def on_get_log(self, **payload: Any) -> Any:
        return self._answer(Action.get_log, payload, self._charger._cmd_get_log)

    @after(Action.get_log)
    def after_get_log(self, **_: Any) -> None:
        self._follow_up(Action.get_log)

    @on(Action.get_local_list_version)
    def on_get_local_list_version(self, **payload: Any) -> Any:
        return self._answer(
            Action.get_local_list_version, payload, self._charger._cmd_get_local_list_version
        )

    @on(Action.remote_start_transaction)
    def on_remote_start_transaction(self, **payload: Any) -> Any:
        return self._answer(
            Action.remote_start_transaction, payload, self._charger._cmd_remote_start_transaction
        )

    @after(Action.remote_start_transaction)
    def after_remote_start_transaction(self, **_: Any) -> None:
        self._follow_up(Action.remote_start_transaction)

    @on(Action.remote_stop_transaction)
    def on_remote_stop_transaction(self, **payload: Any) -> Any:
        return self._answer(
            Action.remote_stop_transaction, payload, self._charger._cmd_remote_stop_transaction
        )

    @after(Action.remote_stop_transaction)
    def after_remote_stop_transaction(self, **_: Any) -> None:
        self._follow_up(Action.remote_stop_transaction)

    @on(Action.reserve_now)
    def on_reserve_now(self, **payload: Any) -> Any:
        return self._answer(Action.reserve_now, payload, self._charger._cmd_reserve_now)

    @after(Action.reserve_now)
    def after_reserve_now(self, **_: Any) -> None:
        self._follow_up(Action.reserve_now)

    @on(Action.reset)
    def on_reset(self, **payload: Any) -> Any:
        return self._answer(Action.reset, payload, self._charger._cmd_reset)

    @after(Action.reset)
    def after_reset(self, **_: Any) -> None:
        self._follow_up(Action.reset)

    @on(Action.send_local_list)
    def on_send_local_list(self, **payload: Any) -> Any:
        return self._answer(Action.send_local_list, payload, self._charger._cmd_send_local_list)

    @on(Action.set_charging_profile)
    def on_set_charging_profile(self, **payload: Any) -> Any:
        return self._answer(
            Action.set_charging_profile, payload, self._charger._cmd_set_charging_profile
        )

    @after(Action.set_charging_profile)
    def after_set_charging_profile(self, **_: Any) -> None:
        self._follow_up(Action.set_charging_profile)

    @on(Action.trigger_message)
    def on_trigger_message(self, **payload: Any) -> Any:
        return self._answer(Action.trigger_message, payload, self._charger._cmd_trigger_message)

    @after(Action.trigger_message)
    def after_trigger_message(self, **_: Any) -> None:
        self._follow_up(Action.trigger_message)

    @on(Action.unlock_connector)
    def on_unlock_connector(self, **payload: Any) -> Any:
        return self._answer(Action.unlock_connector, payload, self._charger._cmd_unlock_connector)

    @after(Action.unlock_connector)
    def after_unlock_connector(self, **_: Any) -> None:
        self._follow_up(Action.unlock_connector)

    @on(Action.update_firmware)
    def on_update_firmware(self, **payload: Any) -> Any:
        return self._answer(Action.update_firmware, payload, self._charger._cmd_update_firmware)

    @after(Action.update_firmware)
    def after_update_firmware(self, **_: Any) -> None:
        self._follow_up(Action.update_firmware)

    # ----------------------------------------------------------------- security extension

    @on(Action.certificate_signed)
    def on_certificate_signed(self, **payload: Any) -> Any:
        return self._answer(
            Action.certificate_signed, payload, self._charger._cmd_certificate_signed
        )

    @on(Action.delete_certificate)
    def on_delete_certificate(self, **payload: Any) -> Any:
        return self._answer(
            Action.delete_certificate, payload, self._charger._cmd_delete_certificate
        )

    @on(Action.extended_trigger_message)
    def on_extended_trigger_message(self, **payload: Any) -> Any:
        return self._answer(
            Action.extended_trigger_message, payload, self._charger._cmd_extended_trigger_message
        )

    @after(Action.extended_trigger_message)
    def after_extended_trigger_message(self, **_: Any) -> None:
        self._follow_up(Action.extended_trigger_message)

    @on(Action.get_installed_certificate_ids)
    def on_get_installed_certificate_ids(self, **payload: Any) -> Any:
        return self._answer(
            Action.get_installed_certificate_ids,
            payload,
            self._charger._cmd_get_installed_certificate_ids,
        )

    @on(Action.install_certificate)
    def on_install_certificate(self, **payload: Any) -> Any:
        return self._answer(
            Action.install_certificate, payload, self._charger._cmd_install_certificate
        )

    @on(Action.signed_update_firmware)
    def on_signed_update_firmware(self, **payload: Any) -> Any:
        return self._answer(
            Action.signed_update_firmware, payload, self._charger._cmd_signed_update_firmware
        )

    @after(Action.signed_update_firmware)
    def after_signed_update_firmware(self, **_: Any) -> None:
        self._follow_up(Action.signed_update_firmware)
