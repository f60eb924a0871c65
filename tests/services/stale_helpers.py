"""A raw-frame OCPP 1.6 charger for the stale-session tests: exact control of each CALL."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from console.core.events import Event, SessionStopped
from console.core.model import Session
from console.services.engine import CentralSystem

WAIT = 5.0  # seconds any single expected thing may take before the test fails


def stamp(at: datetime) -> str:
    """An OCPP timestamp."""
    return at.isoformat().replace("+00:00", "Z")


class RawCharger:
    """One websocket to the engine; ``call`` sends a CALL and returns its CALLRESULT."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self._ids = itertools.count(1)

    @classmethod
    async def connect(cls, engine: CentralSystem, charger_id: str) -> RawCharger:
        """Open a websocket as ``charger_id`` (no BootNotification yet)."""
        ws = await connect(
            f"ws://127.0.0.1:{engine.port}/ocpp/{charger_id}",
            subprotocols=["ocpp1.6"],  # type: ignore[list-item]
            compression=None,
        )
        return cls(ws)

    async def call(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Send a CALL; answer the engine's own CALLs meanwhile with NotImplemented."""
        message_id = f"m{next(self._ids)}"
        await self.ws.send(json.dumps([2, message_id, action, payload]))
        async with asyncio.timeout(WAIT):
            while True:
                frame = json.loads(await self.ws.recv())
                if frame[0] == 2:
                    await self.ws.send(json.dumps([4, frame[1], "NotImplemented", "", {}]))
                elif frame[1] == message_id:
                    assert frame[0] == 3, frame
                    return frame[2]  # type: ignore[no-any-return]

    async def boot(self) -> dict[str, Any]:
        """BootNotification."""
        return await self.call(
            "BootNotification", {"chargePointVendor": "Raw", "chargePointModel": "Frames"}
        )

    async def status(self, connector: int, status: str, at: datetime | None = None) -> None:
        """StatusNotification."""
        payload: dict[str, Any] = {
            "connectorId": connector,
            "status": status,
            "errorCode": "NoError",
        }
        if at is not None:
            payload["timestamp"] = stamp(at)
        await self.call("StatusNotification", payload)

    async def start(
        self, connector: int, id_tag: str, meter_start: int, at: datetime
    ) -> dict[str, Any]:
        """StartTransaction; the CALLRESULT."""
        return await self.call(
            "StartTransaction",
            {
                "connectorId": connector,
                "idTag": id_tag,
                "meterStart": meter_start,
                "timestamp": stamp(at),
            },
        )

    async def energy(self, connector: int, tx: int, wh: int, at: datetime) -> None:
        """MeterValues with one energy-register reading of the session."""
        await self.call(
            "MeterValues",
            {
                "connectorId": connector,
                "transactionId": tx,
                "meterValue": [
                    {
                        "timestamp": stamp(at),
                        "sampledValue": [
                            {
                                "value": str(wh),
                                "measurand": "Energy.Active.Import.Register",
                                "unit": "Wh",
                            }
                        ],
                    }
                ],
            },
        )

    async def stop(self, tx: int, meter_stop: int, at: datetime) -> dict[str, Any]:
        """StopTransaction; the CALLRESULT."""
        return await self.call(
            "StopTransaction",
            {
                "transactionId": tx,
                "meterStop": meter_stop,
                "timestamp": stamp(at),
                "reason": "Local",
            },
        )

    async def close(self) -> None:
        """Close the websocket."""
        await self.ws.close()


class Stops:
    """Records SessionStopped events; waits for one with a timeout."""

    def __init__(self, engine: CentralSystem) -> None:
        self.sessions: list[Session] = []
        self._changed = asyncio.Event()
        engine.bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SessionStopped):
            self.sessions.append(event.session)
            self._changed.set()

    async def wait_for(self, predicate: Callable[[Session], bool]) -> Session:
        """The first stopped session matching ``predicate``, waiting up to WAIT seconds."""
        async with asyncio.timeout(WAIT):
            while True:
                for session in self.sessions:
                    if predicate(session):
                        return session
                self._changed.clear()
                await self._changed.wait()
