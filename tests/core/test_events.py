"""The event bus keeps going when a subscriber fails."""

from __future__ import annotations

from datetime import UTC, datetime

from console.core.events import ChargerConnected, Event, EventBus


def test_failing_subscriber_does_not_stop_others() -> None:
    bus = EventBus()
    seen: list[Event] = []

    def broken(_event: Event) -> None:
        raise RuntimeError("boom")

    bus.subscribe(broken)
    unsubscribe = bus.subscribe(seen.append)
    event = ChargerConnected("CP1", None, datetime.now(UTC))
    bus.publish(event)
    assert seen == [event]
    unsubscribe()
    bus.publish(event)
    assert seen == [event]
