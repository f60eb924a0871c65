"""Chargers and their connectors: list, detail, live state, and the technician's
registration work (add, accept, reject, password, unlock, the guided move up)."""

from __future__ import annotations

from console.api.problems import ApiProblem, not_found
from console.api.resources._charger_inputs import (
    ChargerAddBody,
    ChargerCreatedOut,
    ChargerListQuery,
    ChargerPasswordBody,
    ChargerPasswordOut,
    ChargerUnlockOut,
    SecurityMoveUpBody,
    StatusChangeOut,
    StatusHistoryQuery,
    UpgradeOutcomeOut,
    UpgradeStepOut,
)
from console.api.resources._charger_models import (
    ChargerLiveOut,
    ChargerOut,
    ConnectorOut,
    charger_of,
    charger_out,
    charger_record_of,
    live_of,
    live_out,
)
from console.api.routing import ApiCall, ApiRouter
from console.core.charger_ids import generate_password
from console.core.model import ChargerRecord
from console.core.staff import Permission
from console.services import api_reads_chargers as reads
from console.services.queries import SiteQueries

router = ApiRouter(
    "chargers",
    "Chargers and connectors: live state, registration, approval, passwords, lock-outs",
)

# ----------------------------------------------------------------- reads


@router.get(
    "/api/chargers",
    summary="Chargers with their live state",
    query=ChargerListQuery,
    response=list[ChargerOut],
)
async def list_chargers(call: ApiCall) -> list[ChargerOut]:
    """Every registered charger ordered by id (retired ones only with
    `include_retired=true`), each with its connectors' status, present power and running
    sessions. A site has at most a few hundred chargers, so this is one list, not pages.
    Chargers waiting for approval are those with `approval=pending`."""
    query: ChargerListQuery = call.query
    engine = call.engine
    # The live state is copied on the engine loop (where it changes); the reads and the
    # building of the answer run in a worker thread, so the chargers' replies never wait
    # behind a long list.
    states = {i: state.snapshot() for i, state in engine.site.chargers.items()}
    profiles = {i: engine.admission.connection_profile(i) for i in states}

    def build(q: SiteQueries) -> list[ChargerOut]:
        records = reads.charger_records(q, query.include_retired)
        running = q.running_sessions()
        found = []
        for record in records:
            if query.approval and record.approval not in query.approval:
                continue
            state = states.get(record.id)
            live = live_out(record.id, state, running, profiles.get(record.id), record.last_seen)
            if query.online is not None and live.online != query.online:
                continue
            found.append(charger_out(record, live))
        return found

    return await call.read(build)


@router.get("/api/chargers/{charger_id}", summary="One charger", response=ChargerOut, errors=(404,))
async def get_charger(call: ApiCall) -> ChargerOut:
    """The stored facts of a charger (approval, password or not, the security profile
    it must use, its boot details) and its live state. Ids compare without case."""
    return await charger_of(call, call.path["charger_id"])


@router.get(
    "/api/chargers/{charger_id}/live",
    summary="What a charger is doing now",
    response=ChargerLiveOut,
    errors=(404,),
)
async def get_chargerlive_of(call: ApiCall) -> ChargerLiveOut:
    """Online or not, last seen, each connector's status, present power and running
    session, as the engine sees it at `read_at`. Poll this, or follow
    /api/events for changes as they happen."""
    record = await charger_record_of(call, call.path["charger_id"])
    return await live_of(call, record)


@router.get(
    "/api/chargers/{charger_id}/connectors",
    summary="A charger's connectors",
    response=list[ConnectorOut],
    errors=(404,),
)
async def list_connectors(call: ApiCall) -> list[ConnectorOut]:
    """Every connector the charger has reported, connector 0 (the charger as a whole)
    first; empty until it sent its first StatusNotification."""
    record = await charger_record_of(call, call.path["charger_id"])
    return (await live_of(call, record)).connectors


@router.get(
    "/api/chargers/{charger_id}/connectors/{connector_id:int}",
    summary="One connector",
    response=ConnectorOut,
    errors=(404,),
)
async def get_connector(call: ApiCall) -> ConnectorOut:
    """A connector's status, power and running session."""
    record = await charger_record_of(call, call.path["charger_id"])
    number = call.path["connector_id"]
    for connector in (await live_of(call, record)).connectors:
        if connector.connector_id == number:
            return connector
    raise not_found(f"connector {number} of charger {record.id}")


@router.get(
    "/api/chargers/{charger_id}/status-history",
    summary="A charger's status changes",
    query=StatusHistoryQuery,
    response=list[StatusChangeOut],
    errors=(404,),
)
async def list_charger_status_history(call: ApiCall) -> list[StatusChangeOut]:
    """The newest status changes of all its connectors, newest first (as the console's
    charger detail shows them)."""
    record = await charger_record_of(call, call.path["charger_id"])
    limit = call.query.limit
    changes = await call.read(lambda q: q.status_history(record.id, limit))
    return [StatusChangeOut.model_validate(change) for change in changes]


# ----------------------------------------------------------------- changes


@router.post(
    "/api/chargers",
    summary="Register a charger (accepted)",
    needs=Permission.APPROVALS,
    body=ChargerAddBody,
    response=ChargerCreatedOut,
    status=201,
    errors=(422,),
)
async def add_charger(call: ApiCall) -> ChargerCreatedOut:
    """Registers the charger as accepted, with the password given, a generated one
    (`generate_password: true`; it is in the answer once and never again: enter it in
    the charger), or none. A charger already known (in any spelling of its id) is
    accepted again and keeps its spelling; its password changes only when one is given.
    The same as the console's Register on the Connections page and
    `chargedesk chargers add`."""
    body: ChargerAddBody = call.body
    password = generate_password() if body.generate_password else body.password
    record = await call.engine.admission.add_charger(body.id, password, actor=call.actor)
    charger = charger_out(record, await live_of(call, record))
    return ChargerCreatedOut(charger=charger, password=password if body.generate_password else None)


async def _set_approval(call: ApiCall, accepted: bool) -> ChargerOut:
    # The stored spelling of the id, so the audit entry names the charger as listed.
    record = await charger_record_of(call, call.path["charger_id"])
    if not await call.engine.admission.set_approval(record.id, accepted, actor=call.actor):
        raise not_found(f"charger {record.id}")
    return await charger_of(call, record.id)


@router.post(
    "/api/chargers/{charger_id}/accept",
    summary="Accept a charger onto the site",
    needs=Permission.APPROVALS,
    response=ChargerOut,
    errors=(404,),
)
async def accept_charger(call: ApiCall) -> ChargerOut:
    """Lets a waiting (or rejected) charger charge on this site; a connected one is
    answered Accepted at once. The same as Accept on the console's overview."""
    return await _set_approval(call, True)


@router.post(
    "/api/chargers/{charger_id}/reject",
    summary="Reject a charger",
    needs=Permission.APPROVALS,
    response=ChargerOut,
    errors=(404,),
)
async def reject_charger(call: ApiCall) -> ChargerOut:
    """Refuses the charger from now on: its handshakes are refused and it stays listed
    as rejected (nothing is deleted). Accept it again to undo."""
    return await _set_approval(call, False)


@router.post(
    "/api/chargers/{charger_id}/retire",
    summary="Retire a charger that left the site",
    needs=Permission.APPROVALS,
    response=ChargerOut,
    errors=(404,),
)
async def retire_charger(call: ApiCall) -> ChargerOut:
    """The charger is disconnected and refused from now on; it stays in the records with
    its sessions (list it with `include_retired=true`). Registering it again brings it
    back. The same as `chargedesk chargers retire`."""
    record = await charger_record_of(call, call.path["charger_id"])
    if not await call.engine.admission.retire(record.id, actor=call.actor):
        raise not_found(f"charger {record.id}")
    return await charger_of(call, record.id)


async def _store_password(call: ApiCall, password: str | None) -> ChargerRecord:
    record = await charger_record_of(call, call.path["charger_id"])
    if not await call.engine.admission.set_password(record.id, password, actor=call.actor):
        raise not_found(f"charger {record.id}")
    return await charger_record_of(call, record.id)


@router.put(
    "/api/chargers/{charger_id}/password",
    summary="Set a charger's password",
    needs=Permission.CHARGER_SECURITY,
    body=ChargerPasswordBody,
    response=ChargerPasswordOut,
    errors=(404, 422),
)
async def set_charger_password(call: ApiCall) -> ChargerPasswordOut:
    """Sets or replaces the Basic auth password the charger must send; its next
    handshake is checked against it. Only that the charger has a password is in the
    audit log, never the password."""
    body: ChargerPasswordBody = call.body
    password = generate_password() if body.generate_password else body.password
    record = await _store_password(call, password)
    shown = password if body.generate_password else None
    return ChargerPasswordOut(charger_id=record.id, has_password=True, password=shown)


@router.delete(
    "/api/chargers/{charger_id}/password",
    summary="Clear a charger's password",
    needs=Permission.CHARGER_SECURITY,
    response=ChargerPasswordOut,
    errors=(404,),
)
async def clear_charger_password(call: ApiCall) -> ChargerPasswordOut:
    """The charger connects without a password from now on (security profile 0 only:
    a charger required to use profile 1 or 2 cannot connect without one)."""
    record = await _store_password(call, None)
    return ChargerPasswordOut(charger_id=record.id, has_password=record.has_password, password=None)


@router.post(
    "/api/chargers/{charger_id}/unlock",
    summary="Lift a charger's password lock-out",
    needs=Permission.APPROVALS,
    response=ChargerUnlockOut,
    errors=(404,),
)
async def unlock_charger(call: ApiCall) -> ChargerUnlockOut:
    """Wrong passwords lock a charger id (and the addresses it was refused from) for a
    while; this lifts the lock at once, like Unlock on the console's Connections page and
    `chargedesk chargers unlock`. `unlocked` is false when nothing was locked."""
    record = await charger_record_of(call, call.path["charger_id"])
    unlocked = await call.engine.admission.unlock(record.id, actor=call.actor)
    return ChargerUnlockOut(charger_id=record.id, unlocked=unlocked)


@router.post(
    "/api/chargers/{charger_id}/security/move-up",
    summary="Move a connected charger up to security profile 2 or 3",
    needs=Permission.CHARGER_SECURITY,
    body=SecurityMoveUpBody,
    response=UpgradeOutcomeOut,
    errors=(404, 409),
)
async def move_charger_security_up(call: ApiCall) -> UpgradeOutcomeOut:
    """The console's guided move up, followed to the end before answering (allow for
    `timeout_s` plus a few seconds): install the site CA on the charger, give it a new
    password, for profile 3 a client certificate, switch its profile, and wait for it to
    connect again on the new one. `succeeded` says whether it did; on failure the charger
    keeps its old profile and `failed_step` and `message` say why. The charger must be
    accepted and connected, and ChargeDesk must have its wss:// port. The admin's move
    down is POST /api/chargers/{charger_id}/security/move-down."""
    record = await charger_record_of(call, call.path["charger_id"])
    body: SecurityMoveUpBody = call.body
    try:
        outcome = await call.engine.profile_upgrade.move_up(
            record.id, body.target, actor=call.actor, timeout=body.timeout_s
        )
    except RuntimeError as busy:  # a move of this charger is already under way
        raise ApiProblem(409, "Not possible now", str(busy), kind="security-profile") from None
    return UpgradeOutcomeOut(
        charger_id=outcome.charger_id,
        target=outcome.target,
        succeeded=outcome.succeeded,
        profile=outcome.profile,
        message=outcome.message,
        failed_step=outcome.failed_step,
        steps=[UpgradeStepOut.model_validate(step) for step in outcome.steps],
    )
