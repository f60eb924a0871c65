"""The live event stream's two transports: a WebSocket and server-sent events.

Both take the same query: ``charger`` (repeatable, or comma-separated: only events about
these chargers, plus those naming no charger) and ``type`` (repeatable or comma-separated
event type names, see ``event_json.TYPE_NAMES``). Both send a ``hello`` message first
that repeats the filters, then one message per event in the shape of ``event_json``.

A client that cannot keep up is dropped by the hub when its queue is full; the WebSocket
is then closed with code 1008 (policy violation) and the reason ("too slow: 2000 events
waiting"), the event stream ends with a ``dropped`` event that says the same. The
client reconnects and rereads what it needs; events are never held back for it.

The server routes these handlers and checks the caller's token first (the viewer role is
enough to watch); the handlers get the hub and the authenticated actor.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import orjson
from aiohttp import WSCloseCode, web

from console.api.event_hub import EventClient, EventHub, HubClosed, HubFull
from console.api.problems import ApiProblem, problem_response
from console.core.charger_ids import charger_id_problem
from console.core.clock import utcnow
from console.core.staff import Actor
from console.services.event_json import TYPE_NAMES, type_of_bytes

HEARTBEAT_S = 30.0  # WebSocket pings; a client that answers none within 15 s is gone
KEEPALIVE_S = 15.0  # server-sent events: a comment line when nothing else was sent
CLOSE_TIMEOUT_S = 5.0  # a client that does not take the closing frame is cut off
YIELD_EVERY = 1  # events sent back to back before the sender lets chargers be answered
MAX_FILTER_VALUES = 200  # chargers or types in one query
#: Query parameters the handlers leave to the server (authentication).
IGNORED_PARAMS = frozenset({"access_token"})
_KNOWN_TYPES = frozenset(TYPE_NAMES.values())

Send = Callable[[bytes], Awaitable[None]]
Idle = Callable[[], Awaitable[None]]


class _Filters:
    """The validated query of a stream request."""

    def __init__(self, chargers: frozenset[str] | None, kinds: frozenset[str] | None) -> None:
        self.chargers = chargers
        self.kinds = kinds

    def hello(self, hub: EventHub, actor: Actor) -> bytes:
        """The first message: the filters in force, the queue limit, who watches."""
        return orjson.dumps(
            {
                "type": "hello",
                "at": utcnow(),
                "chargers": None if self.chargers is None else sorted(self.chargers),
                "types": None if self.kinds is None else sorted(self.kinds),
                "queue_limit": hub.queue_limit,
                "viewer": actor.name,
            },
            option=orjson.OPT_UTC_Z,
        )


def _values(request: web.Request, name: str) -> list[str]:
    """Every value of a repeatable parameter, comma-separated lists split."""
    return [part.strip() for value in request.query.getall(name, []) for part in value.split(",")]


def _bad_request(detail: str) -> ApiProblem:
    return ApiProblem(400, "Bad request", detail, kind="bad-request")


def parse_filters(request: web.Request) -> _Filters:
    """The filters of ``request``'s query, or ``ApiProblem`` 400 saying what is wrong."""
    unknown = sorted(set(request.query) - {"charger", "type"} - IGNORED_PARAMS)
    if unknown:
        raise _bad_request(f"Unknown query parameter {', '.join(unknown)}; use charger and type.")
    chargers = _values(request, "charger")
    kinds = _values(request, "type")
    if len(chargers) > MAX_FILTER_VALUES or len(kinds) > MAX_FILTER_VALUES:
        raise _bad_request(f"At most {MAX_FILTER_VALUES} chargers and types in one request.")
    for charger_id in chargers:
        problem = charger_id_problem(charger_id)
        if problem is not None:
            raise _bad_request(f"charger {charger_id[:60]!r} is not a charger id: {problem}.")
    wrong = sorted(set(kinds) - _KNOWN_TYPES)
    if wrong:
        raise _bad_request(
            f"Unknown event type {', '.join(repr(w[:60]) for w in wrong)}; "
            f"known types: {', '.join(sorted(_KNOWN_TYPES))}."
        )
    return _Filters(frozenset(chargers) if chargers else None, frozenset(kinds) if kinds else None)


def _open(
    request: web.Request, hub: EventHub, *, websocket: web.WebSocketResponse | None = None
) -> tuple[EventClient | None, web.Response | None]:
    """A hub client for ``request``'s filters, or the problem response refusing it.

    With ``websocket``, a request that is no WebSocket handshake is refused too (after
    the filters, whose problems say more).
    """
    try:
        filters = parse_filters(request)
        if websocket is not None and not websocket.can_prepare(request).ok:
            raise _bad_request(
                "This address is a WebSocket; for server-sent events use /api/events/stream."
            )
        try:
            client = hub.open_client(filters.chargers, filters.kinds, hub.queue_limit)
        except HubFull as error:
            raise ApiProblem(
                503,
                "Too many stream clients",
                str(error),
                kind="stream-full",
                headers={"Retry-After": "30"},
            ) from error
        except HubClosed as error:
            raise ApiProblem(503, "Not running", str(error), kind="stream-closed") from error
    except ApiProblem as problem:
        return None, problem_response(problem, request.path)
    return client, None


def _filters_of(client: EventClient) -> _Filters:
    return _Filters(client.chargers, client.kinds)


async def _pump(client: EventClient, send: Send, idle: Idle | None, idle_after: float) -> None:
    """Send ``client``'s events until it is closed, dropped, or the connection fails.

    A dropped client's transport may be stuck waiting for the peer to read; the sending
    is cancelled as soon as the hub drops the client, so the caller can close at once.
    """

    async def send_all() -> None:
        sent = 0
        while True:
            try:
                data = await client.next(timeout=None if idle is None else idle_after)
            except TimeoutError:
                assert idle is not None
                await idle()
                continue
            if data is None:
                return
            await send(data)
            sent += 1
            if sent % YIELD_EVERY == 0:
                # Sends that need no drain never suspend: let the engine loop breathe
                # between long runs of a backlog.
                await asyncio.sleep(0)

    sending = asyncio.create_task(send_all())
    closed = asyncio.create_task(client.wait_closed())
    try:
        await asyncio.wait({sending, closed}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (sending, closed):
            task.cancel()
        for task in (sending, closed):
            # A broken connection ends the sending with its error: the stream ends.
            with contextlib.suppress(asyncio.CancelledError, ConnectionError, RuntimeError):
                await task


async def websocket_events(request: web.Request, hub: EventHub, actor: Actor) -> web.StreamResponse:
    """GET the live events as a WebSocket: a ``hello`` text frame, then one per event.

    Closes with 1008 and the reason when the client is too slow, 1001 when the API
    stops. Invalid filters and a full hub are answered before the upgrade, as problems.
    """
    ws = web.WebSocketResponse(
        heartbeat=HEARTBEAT_S,
        timeout=CLOSE_TIMEOUT_S,
        # Compressing every frame would cost the engine loop CPU and memory per client.
        compress=False,
        max_msg_size=64 * 1024,  # the client has nothing to say but its closing frame
    )
    client, refusal = _open(request, hub, websocket=ws)
    if client is None:
        assert refusal is not None
        return refusal
    try:
        await ws.prepare(request)
        await ws.send_str(_filters_of(client).hello(hub, actor).decode())
        await _serve_websocket(ws, client)
    except ConnectionError:
        pass  # the client went away
    finally:
        hub.close_client(client)
    return ws


async def _serve_websocket(ws: web.WebSocketResponse, client: EventClient) -> None:
    """Send the client's events until one side ends, then close with the reason."""

    async def send(data: bytes) -> None:
        await ws.send_str(data.decode())

    pumping = asyncio.create_task(_pump(client, send, None, 0.0))
    reading = asyncio.create_task(_read_until_closed(ws))
    try:
        await asyncio.wait({pumping, reading}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (pumping, reading):
            task.cancel()
        for task in (pumping, reading):
            with contextlib.suppress(asyncio.CancelledError):
                await task
    if ws.closed:
        return
    if client.dropped:
        code = WSCloseCode.POLICY_VIOLATION
    elif client.closed:
        code = WSCloseCode.GOING_AWAY
    else:
        code = WSCloseCode.OK
    # Close reasons are at most 123 bytes; the hub's reasons are far shorter.
    message = (client.reason or "").encode()[:120]
    # The peer may not read at all: after the timeout its connection is cut.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(ws.close(code=code, message=message), CLOSE_TIMEOUT_S)


async def _read_until_closed(ws: web.WebSocketResponse) -> None:
    """Read (and ignore) what the client sends, until it closes; keeps pongs flowing."""
    async for _message in ws:
        pass


async def sse_events(request: web.Request, hub: EventHub, actor: Actor) -> web.StreamResponse:
    """GET the live events as server-sent events (``text/event-stream``).

    Each event is ``event: <type>`` and ``data: <json>``; a ``hello`` event comes first,
    a comment line every 15 s keeps idle connections open, and a client that is too slow
    gets a last ``dropped`` event with the reason before the stream ends.
    """
    client, refusal = _open(request, hub)
    if client is None:
        assert refusal is not None
        return refusal
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",  # a reverse proxy must not hold events back
        }
    )
    try:
        await response.prepare(request)
        await response.write(_sse(b"hello", _filters_of(client).hello(hub, actor)))

        async def send(data: bytes) -> None:
            await response.write(_sse(type_of_bytes(data).encode("ascii"), data))

        async def keep_alive() -> None:
            await response.write(b": keep-alive\n\n")

        await _pump(client, send, keep_alive, KEEPALIVE_S)
        if client.closed and client.reason:
            kind = b"dropped" if client.dropped else b"closing"
            last = orjson.dumps({"type": kind.decode(), "reason": client.reason})
            await _finish(request, response, _sse(kind, last))
    except ConnectionError:
        pass  # the client went away
    finally:
        hub.close_client(client)
    return response


def _sse(kind: bytes, data: bytes) -> bytes:
    return b"event: " + kind + b"\ndata: " + data + b"\n\n"


async def _finish(request: web.Request, response: web.StreamResponse, last: bytes) -> None:
    """Send the last event and end the stream; a client that does not read is cut off."""
    try:
        async with asyncio.timeout(CLOSE_TIMEOUT_S):
            await response.write(last)
            await response.write_eof()
    except TimeoutError:
        if request.transport is not None:
            request.transport.close()
