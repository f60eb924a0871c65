"""The queue of transaction messages a charger must deliver in order, even across outages."""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from console.simulator.state import Session

# Messages that carry billing data: a charger keeps them until they are answered.
TRANSACTION_ACTIONS = frozenset({"StartTransaction", "StopTransaction", "MeterValues"})


@dataclass(eq=False)
class QueuedMessage:
    """One transaction message, built (with its timestamp) when the event happened."""

    payload: Any  # an ocpp.v16.call dataclass
    session: Session | None = None
    attempts: int = 0
    finished: bool = False
    reply: Any = None
    error: str | None = None

    @property
    def action(self) -> str:
        """The OCPP action, e.g. ``"MeterValues"``."""
        return type(self.payload).__name__

    def resolved(self) -> Any:
        """The payload to send now: a placeholder transactionId is swapped for the real one.

        A session started offline only learns its transactionId when its queued
        StartTransaction is answered; later messages of that session were queued
        with the placeholder and are fixed up here, at send time.
        """
        session = self.session
        if (
            session is not None
            and session.transaction_id is not None
            and hasattr(self.payload, "transaction_id")
        ):
            return dataclasses.replace(self.payload, transaction_id=session.transaction_id)
        return self.payload

    def finish(self, reply: Any = None, error: str | None = None) -> None:
        """Mark as answered (or given up on, with ``error``)."""
        self.finished = True
        self.reply = reply
        self.error = error


class Outbox:
    """FIFO of transaction messages; the head is sent (and re-sent) until answered."""

    def __init__(self) -> None:
        self._queue: deque[QueuedMessage] = deque()

    def put(self, message: QueuedMessage) -> QueuedMessage:
        """Append a message; returns it so callers can wait for ``finished``."""
        self._queue.append(message)
        return message

    def head(self) -> QueuedMessage | None:
        """The next message to deliver, or None when empty."""
        return self._queue[0] if self._queue else None

    def remove(self, message: QueuedMessage) -> None:
        """Drop a message once it has been answered or given up on."""
        self._queue.remove(message)

    def __len__(self) -> int:
        return len(self._queue)

    def __iter__(self) -> Iterator[QueuedMessage]:
        return iter(list(self._queue))
