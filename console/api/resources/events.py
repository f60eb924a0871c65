"""The live event stream: what the console sees, as it happens."""

from __future__ import annotations

from aiohttp import web
from pydantic import Field

from console.api.event_routes import sse_events, websocket_events
from console.api.models import QueryModel
from console.api.problems import ApiProblem
from console.api.routing import ApiCall, ApiRouter

router = ApiRouter(
    "events",
    "Live events (charger and connector status, meter samples, sessions, alarms)",
)


class EventStreamQuery(QueryModel):
    """Which events: by charger and by type (both repeatable or comma-separated)."""

    charger: list[str] = Field(
        default_factory=list,
        description="Only events about these chargers (and those naming no charger)",
    )
    type: list[str] = Field(
        default_factory=list,
        description="Only these event types (see the Event schema's `type` values)",
    )


def _hub(call: ApiCall) -> object:
    if call.hub is None:
        raise ApiProblem(503, "Not available", "The event stream is not running.")
    return call.hub


@router.get(
    "/api/events",
    summary="Live events over a WebSocket",
    query=EventStreamQuery,
    response_media="application/json",
    status=101,
    errors=(503,),
)
async def stream_events_websocket(call: ApiCall) -> web.StreamResponse:
    """Upgrade to a WebSocket and receive one text frame per event (JSON, the Event
    schema), after a first `hello` frame that repeats the filters. A client that falls
    2,000 events behind is dropped (close code 1008 with the reason); reconnect and
    re-read what you need. At most 50 clients at once."""
    return await websocket_events(call.request, _hub(call), call.actor)  # type: ignore[arg-type]


@router.get(
    "/api/events/stream",
    summary="Live events as server-sent events",
    query=EventStreamQuery,
    response_media="text/event-stream",
    response=str,
    errors=(503,),
)
async def stream_events_sse(call: ApiCall) -> web.StreamResponse:
    """The same events as `text/event-stream`: `event: <type>` and `data: <JSON>` per
    event, a comment line every 15 s to keep the connection open, and a last `dropped`
    or `closing` event when the stream ends."""
    return await sse_events(call.request, _hub(call), call.actor)  # type: ignore[arg-type]
