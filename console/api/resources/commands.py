"""Commands to chargers: one operation per message ChargeDesk sends, and the raw call.

Each answers what became of the command (``OutcomeOut``): a charger that is offline,
refuses or does not answer is an answer too (HTTP 200 with ``effect``), not an HTTP
error. Remote start and stop are under sessions; configuration keys and file transfers
have resources of their own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import orjson

from console.api.problems import ApiProblem
from console.api.resources._command_models import (
    CommandAvailabilityBody,
    CommandCancelReservationBody,
    CommandChargingProfileBody,
    CommandClearProfileBody,
    CommandConnectorBody,
    CommandDataTransferBody,
    CommandExtendedTriggerBody,
    CommandLocalListBody,
    CommandReserveBody,
    CommandResetBody,
    CommandScheduleBody,
    CommandTriggerBody,
    LocalListOut,
    RawCallBody,
)
from console.api.resources._commands_common import known_charger
from console.api.resources._common import OutcomeOut, outcome_out
from console.api.routing import ApiCall, ApiRouter
from console.core import commands as cmd
from console.core.local_lists import LocalListState
from console.core.model import CommandOutcome
from console.core.staff import Permission
from console.services.raw_calls import check_raw_call

router = ApiRouter(
    "commands",
    "Commands to chargers (Reset, UnlockConnector, triggers, local list…) and raw OCPP calls",
)

_BASE = "/api/chargers/{charger_id}/commands"
# The body's names of SetChargingProfile's fields, for the field a problem names.
_PROFILE_FIELDS = {"connectorId": "connector_id", "csChargingProfiles": "cs_charging_profiles"}


# ----------------------------------------------------------------- helpers


async def _send(call: ApiCall, command: cmd.Command) -> OutcomeOut:
    """The console's Commands page path: the command service, audited as the caller."""
    charger_id = await known_charger(call, call.path["charger_id"])
    outcome = await call.engine.commands.send(charger_id, command, actor=call.actor)
    return outcome_out(outcome, charger_id)


def schema_problem(
    action: str,
    payload: dict[str, Any],
    root: str = "body.payload",
    names: dict[str, str] | None = None,
) -> ApiProblem | None:
    """A 422 naming the field of ``payload`` that breaks the schema of ``action``; None
    when it passes (the same check the console makes while a technician types).

    ``root`` is where the payload sits in the request body, ``names`` the body's names
    of the payload's top-level fields where they differ (for the problem's field).
    """
    check = check_raw_call(action, orjson.dumps(payload).decode("utf-8"))
    if check.problem is None:
        return None
    # "TypeConstraintViolation: connectorId must be integer": the words after the code
    # start with the path of the field, or "payload" for the object as a whole.
    words = check.problem.split(": ", 1)[-1]
    first = words.split(" ", 1)[0]
    top, dot, rest = first.partition(".")
    first = (names or {}).get(top, top) + dot + rest
    place = root if first in ("payload", "") else f"{root}.{first}"
    return ApiProblem(
        422,
        "Invalid input",
        f"{place}: {check.problem}. Nothing was sent to the charger.",
        kind="invalid-input",
        errors=[{"field": place, "message": check.problem}],
    )


# ----------------------------------------------------------------- operations


@router.post(
    f"{_BASE}/reset",
    summary="Reset (reboot) a charger",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandResetBody,
    response=OutcomeOut,
    errors=(404,),
)
async def reset_charger(call: ApiCall) -> OutcomeOut:
    """Reset. A soft reset ends the running sessions first; a hard one cuts power and may
    lose what a session had not sent yet. The console asks before resetting a charger
    with a running session; the API does not ask: check GET
    /api/chargers/{charger_id}/live first when that matters."""
    charger_id = await known_charger(call, call.path["charger_id"])
    hard = call.body.type == "Hard"
    outcome = await call.engine.commands.reset(charger_id, hard, actor=call.actor)
    return outcome_out(outcome, charger_id)


@router.post(
    f"{_BASE}/unlock-connector",
    summary="Release the cable of a connector",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandConnectorBody,
    response=OutcomeOut,
    errors=(404,),
)
async def unlock_connector(call: ApiCall) -> OutcomeOut:
    """UnlockConnector. `status` Unlocked is success; UnlockFailed and NotSupported are
    refusals (effect refused / not_supported). Not to be confused with
    POST /api/chargers/{charger_id}/unlock, which lifts a password lock-out."""
    charger_id = await known_charger(call, call.path["charger_id"])
    connector_id = call.body.connector_id
    outcome = await call.engine.commands.unlock(charger_id, connector_id, actor=call.actor)
    return outcome_out(outcome, charger_id)


@router.post(
    f"{_BASE}/change-availability",
    summary="Make a connector or the charger operative or inoperative",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandAvailabilityBody,
    response=OutcomeOut,
    errors=(404,),
)
async def change_availability(call: ApiCall) -> OutcomeOut:
    """ChangeAvailability. `status` Scheduled (effect later) means the charger changes
    once the running session ends."""
    charger_id = await known_charger(call, call.path["charger_id"])
    body: CommandAvailabilityBody = call.body
    available = body.type == "Operative"
    outcome = await call.engine.commands.set_available(
        charger_id, body.connector_id, available, actor=call.actor
    )
    return outcome_out(outcome, charger_id)


@router.post(
    f"{_BASE}/trigger-message",
    summary="Ask a charger to send a message now",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandTriggerBody,
    response=OutcomeOut,
    errors=(404,),
)
async def trigger_message(call: ApiCall) -> OutcomeOut:
    """TriggerMessage. Accepted only promises the message: it arrives as its own frame
    (see GET /api/messages, or the event stream)."""
    body: CommandTriggerBody = call.body
    return await _send(call, cmd.TriggerMessage(body.requested_message, body.connector_id))


@router.post(
    f"{_BASE}/extended-trigger-message",
    summary="Ask a charger to send a message now (security extension)",
    needs=Permission.CHARGER_SECURITY,
    body=CommandExtendedTriggerBody,
    response=OutcomeOut,
    errors=(404,),
)
async def extended_trigger_message(call: ApiCall) -> OutcomeOut:
    """ExtendedTriggerMessage of the OCPP 1.6 security extension: also
    LogStatusNotification and SignChargePointCertificate. Needs the technician role
    (charger security), like the console's Extended trigger."""
    charger_id = await known_charger(call, call.path["charger_id"])
    body: CommandExtendedTriggerBody = call.body
    outcome = await call.engine.security.extended_trigger(
        charger_id, body.requested_message, body.connector_id, actor=call.actor
    )
    return outcome_out(outcome, charger_id)


@router.post(
    f"{_BASE}/clear-cache",
    summary="Empty a charger's authorization cache",
    needs=Permission.CHARGER_COMMANDS,
    response=OutcomeOut,
    errors=(404,),
)
async def clear_cache(call: ApiCall) -> OutcomeOut:
    """ClearCache. The local list stays."""
    return await _send(call, cmd.ClearCache())


@router.post(
    f"{_BASE}/data-transfer",
    summary="Send a vendor-specific DataTransfer",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandDataTransferBody,
    response=OutcomeOut,
    errors=(404,),
)
async def data_transfer(call: ApiCall) -> OutcomeOut:
    """DataTransfer. The charger's `data` is in `reply`; UnknownVendorId and
    UnknownMessageId are refusals."""
    body: CommandDataTransferBody = call.body
    return await _send(call, cmd.DataTransfer(body.vendor_id, body.message_id, body.data))


@router.post(
    f"{_BASE}/get-local-list-version",
    summary="Ask a charger for its local list version",
    response=OutcomeOut,
    errors=(404,),
)
async def get_local_list_version(call: ApiCall) -> OutcomeOut:
    """GetLocalListVersion: only reads, so every role may ask. `reply.listVersion` -1
    means the charger has no local list, 0 an empty one."""
    return await _send(call, cmd.GetLocalListVersion())


@router.post(
    f"{_BASE}/send-local-list",
    summary="Bring a charger's local list up to date now",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandLocalListBody,
    response=LocalListOut,
    errors=(404,),
)
async def send_local_list(call: ApiCall) -> LocalListOut:
    """SendLocalList with the site's cards, like the console's Send list: ChargeDesk
    builds the list (cards a charger cannot hold are left out by priority, large lists go
    in parts) and answers what the charger then holds. A charger that is offline is
    left unchanged (`synced_at` stays as it was); it gets the list when it boots."""
    charger_id = await known_charger(call, call.path["charger_id"])
    state = await call.engine.local_lists.sync(charger_id, full=call.body.full, actor=call.actor)
    return LocalListOut.model_validate(state)


@router.get(
    "/api/chargers/{charger_id}/local-list",
    summary="What ChargeDesk knows of a charger's local list",
    response=LocalListOut,
    errors=(404,),
)
async def get_local_list_state(call: ApiCall) -> LocalListOut:
    """The version the charger confirmed last, when, and what the last update came to;
    ChargeDesk keeps every accepted charger's list in step with the cards by itself."""
    charger_id = await known_charger(call, call.path["charger_id"])
    states = await call.engine.local_lists.states()
    for state in states:
        if state.charger_id == charger_id:
            return LocalListOut.model_validate(state)
    return LocalListOut.model_validate(LocalListState(charger_id))  # never synced


@router.post(
    f"{_BASE}/reserve-now",
    summary="Reserve a connector for a card",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandReserveBody,
    response=OutcomeOut,
    errors=(404,),
)
async def reserve_now(call: ApiCall) -> OutcomeOut:
    """ReserveNow. ChargeDesk does not keep reservations itself: the charger holds the
    connector until `expiry_date` or until the card starts a session there."""
    body: CommandReserveBody = call.body
    command = cmd.ReserveNow(
        body.connector_id, body.expiry_date, body.id_tag, body.reservation_id, body.parent_id_tag
    )
    return await _send(call, command)


@router.post(
    f"{_BASE}/cancel-reservation",
    summary="Cancel a reservation",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandCancelReservationBody,
    response=OutcomeOut,
    errors=(404,),
)
async def cancel_reservation(call: ApiCall) -> OutcomeOut:
    """CancelReservation; Rejected when the charger knows no such reservation."""
    return await _send(call, cmd.CancelReservation(call.body.reservation_id))


@router.post(
    f"{_BASE}/set-charging-profile",
    summary="Install a charging profile",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandChargingProfileBody,
    response=OutcomeOut,
    errors=(404,),
)
async def set_charging_profile(call: ApiCall) -> OutcomeOut:
    """SetChargingProfile. The profile is checked against the OCPP 1.6 schema first: a
    profile that breaks it is a 422 naming the field, and nothing is sent."""
    body: CommandChargingProfileBody = call.body
    payload = {"connectorId": body.connector_id, "csChargingProfiles": body.cs_charging_profiles}
    problem = schema_problem("SetChargingProfile", payload, "body", _PROFILE_FIELDS)
    if problem is not None:
        raise problem
    return await _send(call, cmd.SetChargingProfile(body.connector_id, body.cs_charging_profiles))


@router.post(
    f"{_BASE}/clear-charging-profile",
    summary="Remove charging profiles",
    needs=Permission.CHARGER_COMMANDS,
    body=CommandClearProfileBody,
    response=OutcomeOut,
    errors=(404,),
)
async def clear_charging_profile(call: ApiCall) -> OutcomeOut:
    """ClearChargingProfile of the profiles matching every criterion given (none given:
    all of them). `status` Unknown: nothing matched."""
    body: CommandClearProfileBody = call.body
    command = cmd.ClearChargingProfile(
        body.id, body.connector_id, body.charging_profile_purpose, body.stack_level
    )
    return await _send(call, command)


@router.post(
    f"{_BASE}/get-composite-schedule",
    summary="Ask for the schedule a connector will follow",
    body=CommandScheduleBody,
    response=OutcomeOut,
    errors=(404,),
)
async def get_composite_schedule(call: ApiCall) -> OutcomeOut:
    """GetCompositeSchedule: only reads, so every role may ask. The schedule is in
    `reply.chargingSchedule`."""
    body: CommandScheduleBody = call.body
    command = cmd.GetCompositeSchedule(body.connector_id, body.duration, body.charging_rate_unit)
    return await _send(call, command)


@router.post(
    "/api/chargers/{charger_id}/raw-call",
    summary="Send a hand-written OCPP call, checked against the schema",
    needs=Permission.RAW_CALLS,
    body=RawCallBody,
    response=OutcomeOut,
    errors=(404,),
)
async def send_raw_call(call: ApiCall) -> OutcomeOut:
    """Any action a central system may send, with its payload as the OCPP 1.6 spec writes
    it. The payload is checked against the action's schema before anything is sent: a
    payload that breaks it is a 422 problem naming the field (`errors[0].field`, e.g.
    `body.payload.connectorId`) and the charger gets nothing. Otherwise the answer holds
    the charger's reply (`reply`), or its CALLERROR (`effect` error, `error` the code).
    Audited like the console's raw call (raw_call.send, raw_call.outcome)."""
    charger_id = await known_charger(call, call.path["charger_id"])
    body: RawCallBody = call.body
    problem = schema_problem(body.action, body.payload)
    if problem is not None:
        raise problem
    text = orjson.dumps(body.payload).decode("utf-8")
    outcome: CommandOutcome = await call.engine.raw_calls.send(
        charger_id, body.action, text, actor=call.actor
    )
    # Past the check above, an invalid outcome is the charger's (a reply that breaks the
    # schema): an answer with effect error, not a fault of the request.
    return outcome_out(replace(outcome, action=outcome.action or body.action), charger_id)
