"""Fans the engine's events out to the API's stream clients without ever slowing the engine.

The hub is one subscriber of the engine's ``EventBus``; it runs on the engine loop inside
``publish``, so it does only cheap things there: it looks at which clients want the event,
serializes the event once (only when some client wants it) and appends the same bytes to
each of those clients' bounded buffers, without awaiting. A client whose buffer is full
is dropped on the spot (its transport closes the connection and says why) instead of
growing its buffer or making the publisher wait: one slow desk never delays the chargers'
replies or the other desks.

Everything here lives on the engine loop: ``open_client``, the transports' ``next`` and
the bus all run there, so no locks are needed.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from console.core.charger_ids import charger_key
from console.core.events import Event, EventBus
from console.services.event_json import TYPE_NAMES, charger_of, event_bytes, is_streamed

DEFAULT_QUEUE_LIMIT = 2000  # events that may wait for one client before it is dropped
DEFAULT_MAX_CLIENTS = 50  # stream clients at once; more are refused


class HubFull(Exception):
    """The hub already serves as many clients as it may; the message says so."""


class HubClosed(Exception):
    """The hub is not running (not started yet, or the API is stopping)."""


class EventClient:
    """One watcher of the stream: its filters and its bounded buffer of serialized events.

    ``chargers`` (compared without letter case) and ``kinds`` (event type names) are the
    filters, None meaning "all". Once ``closed`` the client gets nothing more; ``reason``
    says why when it was dropped (``dropped`` is True) rather than closed by its transport.
    """

    def __init__(
        self,
        client_id: int,
        chargers: frozenset[str] | None,
        kinds: frozenset[str] | None,
        queue_limit: int,
    ) -> None:
        self.id = client_id
        self.chargers = chargers
        self.kinds = kinds
        self.queue_limit = queue_limit
        self._wanted_chargers = (
            None if chargers is None else frozenset(charger_key(c) for c in chargers)
        )
        self._buffer: deque[bytes] = deque()
        self._ready = asyncio.Event()  # set while the buffer has something or on close
        self._closed_event = asyncio.Event()
        self.closed = False
        self.dropped = False
        self.reason: str | None = None
        self.delivered = 0  # events put into the buffer

    def wants(self, kind: str, key: str | None) -> bool:
        """True when the filters let an event of ``kind`` about charger ``key`` through.

        ``key`` is the charger's ``charger_key`` (ids compare without letter case); events
        naming no charger pass the charger filter (site alarms, cards, staff), not the
        kinds filter.
        """
        if self.kinds is not None and kind not in self.kinds:
            return False
        wanted = self._wanted_chargers
        return wanted is None or key is None or key in wanted

    @property
    def backlog(self) -> int:
        """Events waiting for the transport."""
        return len(self._buffer)

    def offer(self, data: bytes) -> bool:
        """Append ``data`` without waiting; False when the buffer is full (drop the client)."""
        if len(self._buffer) >= self.queue_limit:
            return False
        self._buffer.append(data)
        self.delivered += 1
        self._ready.set()
        return True

    def close(self, reason: str | None = None, *, dropped: bool = False) -> None:
        """Stop the client: it gets nothing more, its buffer is freed, its transport wakes."""
        if self.closed:
            return
        self.closed = True
        self.dropped = dropped
        self.reason = reason
        self._buffer.clear()
        self._ready.set()
        self._closed_event.set()

    async def next(self, timeout: float | None = None) -> bytes | None:
        """The next serialized event, oldest first.

        Returns None when the client is closed (or dropped); raises ``TimeoutError`` when
        nothing came within ``timeout`` seconds (the transports send keep-alives then).
        """
        while not self._buffer:
            if self.closed:
                return None
            self._ready.clear()
            if timeout is None:
                await self._ready.wait()
            else:
                async with asyncio.timeout(timeout):
                    await self._ready.wait()
        if self.closed:
            return None
        return self._buffer.popleft()

    async def wait_closed(self) -> None:
        """Return once the client is closed or dropped."""
        await self._closed_event.wait()


@dataclass(frozen=True, slots=True)
class HubStats:
    """Counters of the hub since it started (for the benchmark and the health page)."""

    clients: int  # connected now
    events_seen: int  # events the bus published while the hub listened
    events_serialized: int  # events turned into JSON (at most once each)
    events_delivered: int  # (event, client) pairs put into a client's buffer
    clients_dropped: int  # clients dropped as too slow
    clients_refused: int  # clients refused because the hub was full


class EventHub:
    """The event stream's fan-out: one bus subscriber, many bounded clients."""

    def __init__(
        self,
        bus: EventBus,
        *,
        max_clients: int = DEFAULT_MAX_CLIENTS,
        queue_limit: int = DEFAULT_QUEUE_LIMIT,
    ) -> None:
        self._bus = bus
        self.max_clients = max_clients
        self.queue_limit = queue_limit  # the transports' default for their clients
        self._clients: dict[int, EventClient] = {}
        self._ids = itertools.count(1)
        self._unsubscribe: Callable[[], None] | None = None
        self._seen = 0
        self._serialized = 0
        self._delivered = 0
        self._dropped = 0
        self._refused = 0

    @property
    def running(self) -> bool:
        """True between ``start`` and ``close``."""
        return self._unsubscribe is not None

    def start(self) -> None:
        """Subscribe to the bus (call on the engine loop)."""
        if self._unsubscribe is None:
            self._unsubscribe = self._bus.subscribe(self._on_event)

    def close(self) -> None:
        """Unsubscribe and close every client (their transports end their connections)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for client in list(self._clients.values()):
            client.close("the API is stopping")
        self._clients.clear()

    def open_client(
        self,
        chargers: frozenset[str] | None,
        kinds: frozenset[str] | None,
        queue_limit: int = DEFAULT_QUEUE_LIMIT,
    ) -> EventClient:
        """A new client with these filters (None: no filter).

        Raises ``HubFull`` when ``max_clients`` are connected, ``HubClosed`` when the hub
        is not running, and ``ValueError`` for an unknown event type in ``kinds``.
        """
        if self._unsubscribe is None:
            raise HubClosed("the event stream is not running")
        if kinds is not None:
            unknown = sorted(kinds - set(TYPE_NAMES.values()))
            if unknown:
                raise ValueError(f"unknown event types: {', '.join(unknown)}")
        if len(self._clients) >= self.max_clients:
            self._refused += 1
            raise HubFull(
                f"the event stream already has {len(self._clients)} clients, "
                f"the most it serves at once; try again later"
            )
        client = EventClient(next(self._ids), chargers, kinds, queue_limit)
        self._clients[client.id] = client
        return client

    def close_client(self, client: EventClient) -> None:
        """Forget ``client`` (its transport ended); safe to call more than once."""
        self._clients.pop(client.id, None)
        client.close(client.reason)

    def stats(self) -> HubStats:
        """The counters now."""
        return HubStats(
            clients=len(self._clients),
            events_seen=self._seen,
            events_serialized=self._serialized,
            events_delivered=self._delivered,
            clients_dropped=self._dropped,
            clients_refused=self._refused,
        )

    def _on_event(self, event: Event) -> None:
        # Runs inside EventBus.publish on the engine loop: no awaiting, no growing.
        self._seen += 1
        if not self._clients or not is_streamed(event):
            return
        kind = TYPE_NAMES[type(event)]
        charger_id = charger_of(event)
        key = None if charger_id is None else charger_key(charger_id)
        data: bytes | None = None
        slow: list[EventClient] = []
        for client in self._clients.values():
            if not client.wants(kind, key):
                continue
            if data is None:
                data = event_bytes(event)
                self._serialized += 1
            if client.offer(data):
                self._delivered += 1
            else:
                slow.append(client)
        for client in slow:
            waiting = client.backlog
            self._clients.pop(client.id, None)
            self._dropped += 1
            client.close(f"too slow: {waiting} events waiting", dropped=True)
