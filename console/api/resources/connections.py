"""Who tried to connect (accepted and refused handshakes) and a charger's connection
history: what a technician looks at when a charger "won't connect"."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from console.api.models import ApiModel, Page, PageQuery, page_of
from console.api.resources._charger_models import charger_record_of
from console.api.routing import ApiCall, ApiRouter
from console.services.connections import ConnectionAttempt, HistoryKind

router = ApiRouter(
    "connections", "Connection attempts, refused handshakes and each charger's connection history"
)

# A filtered list looks through this many of the newest attempts (refusals repeated for
# the same reason are one attempt, so this spans a long time on a real site).
ATTEMPTS_SCANNED = 5000


class ConnectionAttemptQuery(PageQuery):
    """Which attempts to list, a page at a time, newest first."""

    charger: str | None = Field(
        None, max_length=100, description="Only attempts naming this charger id (exact)"
    )
    refused: bool | None = Field(
        None, description="Only refused (true) or only accepted (false) handshakes"
    )


class ConnectionAttemptOut(ApiModel):
    """One handshake, accepted or refused; repeats of one refusal are one attempt."""

    at: datetime = Field(description="When (for a repeated refusal: the newest)")
    charger_id: str | None = Field(None, description="The id it gave; null when unusable")
    accepted: bool
    reason: str | None = Field(None, description="Why it was refused, in words; null if accepted")
    reason_code: str | None = Field(None, description="The refusal's stable name")
    peer: str | None = Field(None, description="The address it came from")
    path: str = Field(description="The URL path it asked for (refusals)")
    http_status: int = Field(description="101 accepted; 0 when no HTTP was spoken (TLS)")
    count: int = Field(description="How often this refusal was repeated")
    first_at: datetime | None = Field(None, description="The first of the repeats")
    subprotocols: list[str] = Field(description="What it offered (refusals)")
    username: str | None = Field(None, description="The Basic auth user name (never a password)")


class ConnectionAttemptPage(Page):
    """A page of connection attempts, newest first."""

    items: list[ConnectionAttemptOut]


class ConnectionEntryOut(ApiModel):
    """One entry of a charger's connection history."""

    at: datetime
    kind: HistoryKind
    peer: str | None = None
    close_code: int | None = Field(None, description="The websocket close code (disconnects)")
    close_reason: str | None = None
    firmware: str | None = Field(None, description="The firmware it booted with (boots)")
    gap_seconds: float | None = Field(None, description="How long it was silent (gaps)")


class ClockDriftOut(ApiModel):
    """How far the charger's clock is from ours (its time minus our receipt time)."""

    median_seconds: float
    samples: int
    newest_at: datetime


class ConnectionHistoryOut(ApiModel):
    """A charger's connects, disconnects, boots and heartbeat gaps, newest first."""

    charger_id: str
    heartbeat_interval: float = Field(description="The interval gaps were judged against, s")
    entries: list[ConnectionEntryOut]
    drift: ClockDriftOut | None = Field(None, description="Null until it sent timestamps")


def attempt_out(attempt: ConnectionAttempt) -> ConnectionAttemptOut:
    """The API form of a connection attempt."""
    reason = attempt.reason
    return ConnectionAttemptOut(
        at=attempt.at,
        charger_id=attempt.charger_id,
        accepted=attempt.accepted,
        reason=None if reason is None else reason.value,
        reason_code=None if reason is None else reason.name.lower(),
        peer=attempt.peer,
        path=attempt.path,
        http_status=attempt.http_status,
        count=attempt.count,
        first_at=attempt.first_at,
        subprotocols=list(attempt.subprotocols),
        username=attempt.username,
    )


@router.get(
    "/api/connections",
    summary="Connection attempts, accepted and refused",
    query=ConnectionAttemptQuery,
    response=ConnectionAttemptPage,
)
async def list_connection_attempts(call: ApiCall) -> ConnectionAttemptPage:
    """Handshakes newest first, as the console's Connections page lists them: accepted
    ones and refused ones with the reason in words (unknown charger, wrong password,
    locked out, TLS failures…). A refusal repeated for the same reason is one attempt
    with its `count`. With `charger` or `refused`, the newest 5,000 attempts are
    searched."""
    query: ConnectionAttemptQuery = call.query
    filtered = query.charger is not None or query.refused is not None
    wanted = ATTEMPTS_SCANNED if filtered else query.offset + query.limit + 1
    attempts = await call.read(lambda q: q.connection_attempts(wanted))
    if query.charger is not None:
        attempts = [a for a in attempts if a.charger_id == query.charger]
    if query.refused is not None:
        attempts = [a for a in attempts if a.accepted != query.refused]
    items, next_offset = page_of(attempts, query)
    return ConnectionAttemptPage(items=[attempt_out(a) for a in items], next_offset=next_offset)


@router.get(
    "/api/chargers/{charger_id}/connections",
    summary="A charger's connection history and clock drift",
    response=ConnectionHistoryOut,
    errors=(404,),
)
async def get_connection_history(call: ApiCall) -> ConnectionHistoryOut:
    """The newest 200 connects, disconnects (with the close code), boots (with the
    firmware) and heartbeat gaps (silences longer than two heartbeat intervals), and how
    far the charger's clock is from ours."""
    record = await charger_record_of(call, call.path["charger_id"])
    state = call.engine.site.chargers.get(record.id)
    # The same interval the console judges gaps by: the charger's, else the site's.
    if state is not None and state.heartbeat_interval:
        interval = float(state.heartbeat_interval)
    else:
        interval = float(call.engine.config.heartbeat_interval)
    history = await call.read(lambda q: q.connection_history(record.id, interval))
    drift = history.drift
    return ConnectionHistoryOut(
        charger_id=record.id,
        heartbeat_interval=interval,
        entries=[ConnectionEntryOut.model_validate(entry) for entry in history.entries],
        drift=ClockDriftOut.model_validate(drift) if drift is not None else None,
    )
