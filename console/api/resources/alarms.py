"""Alarms (list, acknowledge one or all) and technicians' notes on chargers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from console.api.models import ApiModel, Page, PageQuery
from console.api.problems import not_found
from console.api.resources._charger_models import charger_record_of
from console.api.routing import ApiCall, ApiRouter
from console.core.alarms import Alarm, AlarmKind
from console.core.staff import Permission
from console.services import api_reads_chargers as reads

router = ApiRouter("alarms", "Alarms to look at and acknowledge; technicians' notes on chargers")


class AlarmQuery(PageQuery):
    """Which alarms to list, a page at a time, newest first."""

    open_only: bool = Field(False, description="Only alarms whose condition still holds")
    unacknowledged_only: bool = Field(False, description="Only alarms nobody acknowledged")
    charger: str | None = Field(None, max_length=100, description="Only this charger's (exact id)")
    kind: list[AlarmKind] = Field(default_factory=list, description="Only these kinds (repeatable)")


class AlarmOut(ApiModel):
    """Something staff must look at; cleared when its condition ends, acknowledged by a
    person."""

    id: int
    charger_id: str = Field(description="The charger (or the site part) it is about")
    connector_id: int | None = None
    kind: AlarmKind
    message: str
    details: dict[str, Any]
    raised_at: datetime
    cleared_at: datetime | None = Field(None, description="When its condition ended")
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    open: bool = Field(description="Its condition still holds (not cleared)")


class AlarmPage(Page):
    """A page of alarms, newest first."""

    items: list[AlarmOut]


class NoteOut(ApiModel):
    """A technician's note on a charger (printed in its service report)."""

    id: int
    charger_id: str
    at: datetime
    author: str | None = None
    text: str


class NoteBody(ApiModel):
    """A note to add."""

    text: str = Field(
        min_length=1, max_length=4000, pattern=r"\S", description="The note (not blank)"
    )


def alarm_out(alarm: Alarm) -> AlarmOut:
    """The API form of an alarm."""
    return AlarmOut(
        id=alarm.id,
        charger_id=alarm.charger_id,
        connector_id=alarm.connector_id,
        kind=alarm.kind,
        message=alarm.message,
        details=dict(alarm.details),
        raised_at=alarm.raised_at,
        cleared_at=alarm.cleared_at,
        acknowledged_at=alarm.acknowledged_at,
        acknowledged_by=alarm.acknowledged_by,
        open=alarm.open,
    )


@router.get("/api/alarms", summary="Alarms", query=AlarmQuery, response=AlarmPage)
async def list_alarms(call: ApiCall) -> AlarmPage:
    """Alarms newest first, filtered by state (`open_only`, `unacknowledged_only`),
    `charger` and `kind` (faulted, offline, reboots, security, disk_low, locked_out).
    The console's banner shows those with `unacknowledged_only=true`."""
    query: AlarmQuery = call.query
    rows = await call.read(
        lambda q: reads.alarm_window(
            q,
            charger_id=query.charger,
            open_only=query.open_only,
            unacknowledged_only=query.unacknowledged_only,
            kinds=query.kind,
            limit=query.limit + 1,
            offset=query.offset,
        )
    )
    more = len(rows) > query.limit
    return AlarmPage(
        items=[alarm_out(alarm) for alarm in rows[: query.limit]],
        next_offset=query.offset + query.limit if more else None,
    )


@router.get("/api/alarms/{alarm_id:int}", summary="One alarm", response=AlarmOut, errors=(404,))
async def get_alarm(call: ApiCall) -> AlarmOut:
    """One alarm with its details."""
    alarm_id = call.path["alarm_id"]
    alarm = await call.read(lambda q: reads.alarm_by_id(q, alarm_id))
    if alarm is None:
        raise not_found(f"alarm {alarm_id}")
    return alarm_out(alarm)


@router.post(
    "/api/alarms/{alarm_id:int}/acknowledge",
    summary="Acknowledge an alarm",
    needs=Permission.ALARMS,
    response=AlarmOut,
    errors=(404,),
)
async def acknowledge_alarm(call: ApiCall) -> AlarmOut:
    """Records that you have seen the alarm (the first acknowledgement stays). An alarm
    about a moment (a security event, reboots) is cleared with it; one about a condition
    (offline, faulted) stays open until the condition ends."""
    alarm_id = call.path["alarm_id"]
    alarm = await call.engine.alarms.acknowledge(alarm_id, actor=call.actor)
    if alarm is None:
        raise not_found(f"alarm {alarm_id}")
    return alarm_out(alarm)


@router.post(
    "/api/alarms/acknowledge-all",
    summary="Acknowledge every alarm",
    needs=Permission.ALARMS,
    response=list[AlarmOut],
)
async def acknowledge_all_alarms(call: ApiCall) -> list[AlarmOut]:
    """Acknowledges every alarm nobody has acknowledged yet and answers those, like
    Acknowledge all on the console's Alarms page (empty when there were none)."""
    alarms = await call.engine.alarms.acknowledge_all(actor=call.actor)
    return [alarm_out(alarm) for alarm in alarms]


async def _charger_id(call: ApiCall) -> str:
    return (await charger_record_of(call, call.path["charger_id"])).id


@router.get(
    "/api/chargers/{charger_id}/notes",
    summary="A charger's technician notes",
    response=list[NoteOut],
    errors=(404,),
)
async def list_charger_notes(call: ApiCall) -> list[NoteOut]:
    """The notes technicians wrote on the charger, oldest first."""
    charger_id = await _charger_id(call)
    notes = await call.read(lambda q: q.technician_notes(charger_id))
    return [NoteOut.model_validate(note) for note in notes]


@router.post(
    "/api/chargers/{charger_id}/notes",
    summary="Add a technician note to a charger",
    needs=Permission.ALARMS,
    body=NoteBody,
    response=NoteOut,
    status=201,
    errors=(404, 422),
)
async def add_charger_note(call: ApiCall) -> NoteOut:
    """Stores the note signed with your name and the time now; it is printed in the
    charger's service report. Notes are never changed or deleted."""
    charger_id = await _charger_id(call)
    note = await call.engine.notes.add(charger_id, call.body.text, actor=call.actor)
    return NoteOut.model_validate(note)
