"""The session layer: authorize, start, meter, stop, and faults."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from ocpp.v16 import call

from console.simulator.clock import iso, utcnow
from console.simulator.link import LinkMixin
from console.simulator.localauth import effective_status
from console.simulator.meter import Reading
from console.simulator.outbox import QueuedMessage
from console.simulator.state import ConnectorState, Session

_VOLTS = 230.0
_DC_VOLTS = 400.0
_CHARGING_FAMILY = frozenset({"Charging", "SuspendedEV", "SuspendedEVSE"})


class SessionMixin(LinkMixin):
    """Sessions as a driver causes them, and the meter readings they produce."""

    async def start(self) -> None:
        """Start connecting; sessions cut short by ``stop()`` end now with PowerLoss.

        Like a real charger after a power cut, the transactions that were running
        are stopped on power-up (queued, delivered once booted).
        """
        powering_up = self._main is None or self._main.done()
        await super().start()
        if not powering_up:
            return
        for connector in self._connectors.values():
            session = connector.session
            if session is not None and not session.ended:
                task = session.meter_task
                if task is None or task.done():
                    self._spawn(self._stop(session, "PowerLoss", None), name="power-loss")

    async def stop(self) -> None:
        """Stop everything at once, as if the power were cut: nothing more is sent."""
        await super().stop()
        for connector in self._connectors.values():
            if connector.session is not None:
                connector.meter.end()  # no energy flows while the power is off

    async def start_session(
        self, connector_id: int, id_tag: str, *, authorize: bool | None = None
    ) -> int | None:
        """Start a session as if ``id_tag`` were presented at ``connector_id``.

        Authorize (when ``authorize``, default ``authorize_before_start``), Preparing,
        StartTransaction, Charging. Returns the transactionId, or None if refused.
        Offline (or while the answer is pending across an outage) it returns the
        negative local placeholder; ``transaction_id()`` gives the real id later.
        """
        connector = self._connectors.get(connector_id)
        if connector is None or not connector.free:
            return None
        if connector.reservation is not None and not connector.reservation.matches(id_tag):
            return None
        connector.claimed = True
        return await self._start_claimed(connector, id_tag, authorize=authorize, remote=False)

    async def stop_session(
        self, connector_id: int, reason: str = "Local", id_tag: str | None = None
    ) -> bool:
        """Stop the session on a connector; False if there was none.

        StopTransaction (with Transaction.Begin/End samples), Finishing, Available.
        """
        connector = self._connectors.get(connector_id)
        if connector is None or connector.session is None:
            return False
        return await self._stop(connector.session, reason, id_tag)

    async def send_meter_values(self, connector_id: int, context: str = "Sample.Periodic") -> bool:
        """Take a meter reading now and send it (queued like any transaction message)."""
        connector = self._connectors.get(connector_id)
        if connector is None:
            return False
        session = connector.session
        if session is not None and not session.ended:
            message = self._queue_sample(session, context)
            await self._await_delivery(message)
            return True
        # Outside a session a reading carries no billing data: sent now or not at all.
        reading = connector.meter.update(None)
        payload = call.MeterValues(
            connector_id=connector_id, meter_value=[self._meter_value(reading, context, utcnow())]
        )
        return await self._send(payload) is not None

    async def fault(
        self,
        connector_id: int,
        error_code: str = "GroundFailure",
        info: str | None = None,
        *,
        end_session: bool = False,
    ) -> None:
        """Report a fault; a running session draws no power (or ends, with ``end_session``)."""
        connector = self._connectors[connector_id]
        self._settle_meters()  # energy up to now counts at the old power
        connector.faulted = True
        connector.fault_code = error_code
        connector.fault_info = info
        if end_session and connector.session is not None:
            await self._stop(connector.session, "Other", None)
        else:
            await self._set_status(connector_id, "Faulted")

    async def clear_fault(self, connector_id: int) -> None:
        """End a fault: back to Charging if a session survived it, else Available."""
        connector = self._connectors[connector_id]
        self._settle_meters()
        connector.faulted = False
        connector.fault_code, connector.fault_info = "NoError", None
        if connector.session is not None:
            await self._set_status(connector_id, self._charging_status(connector))
        else:
            await self._set_status(connector_id, self._idle_status(connector))

    # ----------------------------------------------------------------- internals

    async def _start_claimed(
        self, connector: ConnectorState, id_tag: str, *, authorize: bool | None, remote: bool
    ) -> int | None:
        """Start on a connector already claimed by the caller; releases the claim."""
        try:
            check = self.authorize_before_start if authorize is None else authorize
            if await self._authorize(id_tag, check) != "Accepted":
                return None
            await self._set_status(connector.connector_id, "Preparing")
            reservation = connector.reservation
            if reservation is not None and not reservation.matches(id_tag):
                return None  # reserved for someone else while we were authorizing
            session, message = self._open_session(connector, id_tag, remote)
        finally:
            connector.claimed = False
            if connector.session is None:
                await self._set_status(connector.connector_id, self._idle_status(connector))
        await self._await_delivery(message)
        if session.ended or session.id_tag_status not in (None, "Accepted"):
            return None
        await self._set_status(connector.connector_id, self._charging_status(connector))
        return session.wire_id

    async def _authorize(self, id_tag: str, check_online: bool) -> str:
        if not check_online:
            return "Accepted"
        now = utcnow()
        local = self.local_auth.lookup(id_tag) if self._local_list_enabled() else None
        cached = (
            self.auth_cache.lookup(id_tag)
            if self.config.flag("AuthorizationCacheEnabled", True)
            else None
        )
        if self.accepted:
            if (
                local is not None
                and self.config.flag("LocalPreAuthorize")
                and effective_status(local, now) == "Accepted"
            ):
                return "Accepted"
            reply = await self._send(call.Authorize(id_tag=id_tag))
            if reply is not None:
                info = dict(reply.id_tag_info)
                self._remember(id_tag, info)
                return effective_status(info, now)
        # Offline (or no answer): the local list, then the cache, then the policy for
        # unknown cards decide, as OCPP 1.6 section 3.5 describes.
        if self.config.flag("LocalAuthorizeOffline", True):
            candidates: tuple[dict[str, Any] | None, ...] = (local, cached)
            for known in candidates:
                if known is not None:
                    return effective_status(known, now)
        return "Accepted" if self.config.flag("AllowOfflineTxForUnknownId") else "Invalid"

    def _local_list_enabled(self) -> bool:
        return self.supports_local_list and self.config.flag("LocalAuthListEnabled", True)

    def _remember(self, id_tag: str, info: dict[str, Any]) -> None:
        if self.config.flag("AuthorizationCacheEnabled", True):
            self.auth_cache.remember(id_tag, info)

    def _open_session(
        self, connector: ConnectorState, id_tag: str, remote: bool
    ) -> tuple[Session, QueuedMessage]:
        started = utcnow()
        reservation = connector.reservation
        if reservation is not None:
            connector.reservation = None
            if reservation.task is not None:
                reservation.task.cancel()
        soc = None
        if self.kind == "DC":
            soc = self.soc_start if self.soc_start is not None else self._rng.uniform(20.0, 60.0)
        connector.meter.begin(soc, self._limit_w(connector, started))
        session = Session(
            connector_id=connector.connector_id,
            id_tag=id_tag,
            local_id=self._next_local_id,
            meter_start=int(connector.meter.energy_wh),
            started_at=started,
            reservation_id=None if reservation is None else reservation.reservation_id,
            remote=remote,
        )
        self._next_local_id -= 1
        self.sessions_started += 1
        connector.session = session
        payload = call.StartTransaction(
            connector_id=connector.connector_id,
            id_tag=id_tag,
            meter_start=session.meter_start,
            timestamp=self._stamp(started),
            reservation_id=session.reservation_id,
        )
        message = self._outbox.put(QueuedMessage(payload, session))
        session.meter_task = self._spawn(
            self._meter_loop(session), name=f"{self.charger_id}-meter-{connector.connector_id}"
        )
        self._notify()
        return session, message

    async def _stop(self, session: Session, reason: str, id_tag: str | None) -> bool:
        if session.ended:
            return False
        session.ended = True
        self.sessions_stopped += 1
        connector = self._connectors[session.connector_id]
        # Held until the final status is reported, so no new start slips in between.
        connector.claimed = True
        try:
            if session.meter_task is not None and session.meter_task is not asyncio.current_task():
                session.meter_task.cancel()
            stopped = utcnow()
            reading = connector.meter.end(self._limit_w(connector, stopped))
            meter_stop = int(reading.energy_wh)
            connector.session = None
            self.profiles.clear_transaction(connector.connector_id)
            if id_tag is None and reason == "Local":
                id_tag = session.id_tag
            payload = call.StopTransaction(
                meter_stop=meter_stop,
                timestamp=self._stamp(stopped),
                transaction_id=session.wire_id,
                reason=reason,
                id_tag=id_tag,
                transaction_data=[
                    _energy_sample(session.meter_start, "Transaction.Begin", session.started_at),
                    _energy_sample(meter_stop, "Transaction.End", stopped),
                ],
            )
            message = self._outbox.put(QueuedMessage(payload, session))
            self._notify()
            await self._await_delivery(message)
            if not connector.faulted:
                await self._set_status(connector.connector_id, "Finishing")
            if connector.scheduled_operative is not None:
                connector.operative = connector.scheduled_operative
                connector.scheduled_operative = None
        finally:
            connector.claimed = False
        await self._set_status(connector.connector_id, self._idle_status(connector))
        return True

    async def _await_delivery(self, message: QueuedMessage) -> None:
        """Wait for the answer while online; offline the message just stays queued."""
        await self._wait_state(lambda: message.finished or not self.accepted)

    async def _meter_loop(self, session: Session) -> None:
        connector = self._connectors[session.connector_id]
        while not session.ended:
            if not await self._sample_due(session, self.meter_interval):
                continue
            self._queue_sample(session, "Sample.Periodic")
            # Only once Charging was reported: the start sequence owns the status before.
            if connector.status in _CHARGING_FAMILY:
                await self._set_status(connector.connector_id, self._charging_status(connector))

    async def _sample_due(self, session: Session, interval: float) -> bool:
        """Wait one sample interval; False if it changed or the session ended meanwhile.

        An interval of 0 (MeterValueSampleInterval=0) means no periodic samples.
        """
        changed = await self._wait_state(
            lambda: self.meter_interval != interval or session.ended,
            timeout=interval if interval > 0 else None,
        )
        return not changed and not session.ended

    def _queue_sample(self, session: Session, context: str) -> QueuedMessage:
        connector = self._connectors[session.connector_id]
        now = utcnow()
        reading = connector.meter.update(self._limit_w(connector, now))
        payload = call.MeterValues(
            connector_id=session.connector_id,
            meter_value=[self._meter_value(reading, context, now)],
            transaction_id=session.wire_id,
        )
        message = self._outbox.put(QueuedMessage(payload, session))
        self._notify()
        return message

    def _meter_value(self, reading: Reading, context: str, at: datetime) -> dict[str, Any]:
        """One meterValue with the measurands MeterValuesSampledData asks for."""
        wanted = self.config.value("MeterValuesSampledData").split(",")
        volts = _DC_VOLTS if self.kind == "DC" else _VOLTS
        phases = 1 if self.kind == "DC" else 3
        values = {
            "Energy.Active.Import.Register": (f"{int(reading.energy_wh)}", "Wh"),
            "Power.Active.Import": (f"{reading.power_w:.0f}", "W"),
            "Current.Import": (f"{reading.power_w / volts / phases:.1f}", "A"),
            "Voltage": (f"{volts:.0f}", "V"),
        }
        if reading.soc is not None:
            values["SoC"] = (f"{int(reading.soc)}", "Percent")
        sampled = []
        for measurand in (m.strip() for m in wanted):
            if measurand in values:
                value, unit = values[measurand]
                sample = {"value": value, "context": context, "measurand": measurand, "unit": unit}
                if measurand == "SoC":
                    sample["location"] = "EV"
                sampled.append(sample)
        return {"timestamp": self._stamp(at), "sampledValue": sampled}

    def _limit_w(self, connector: ConnectorState, at: datetime) -> float | None:
        """The power the connector may deliver now; None means up to its rating."""
        if connector.faulted or self._connectors[0].faulted:
            return 0.0
        session = connector.session
        tx_start = session.started_at if session is not None else None
        return self.profiles.limit_w(connector.connector_id, at, tx_start)

    def _settle_meters(self) -> None:
        """Bring every running meter up to now before something changes its power."""
        now = utcnow()
        for connector in self._connectors.values():
            if connector.session is not None:
                connector.meter.update(self._limit_w(connector, now))

    def _charging_status(self, connector: ConnectorState) -> str:
        """The status of a connector with a session: who is holding the power back."""
        if connector.faulted:
            return "Faulted"
        if self._limit_w(connector, utcnow()) == 0.0:
            return "SuspendedEVSE"
        if connector.meter.full:
            return "SuspendedEV"
        return "Charging"

    def _on_transaction_reply(self, message: QueuedMessage) -> None:
        session = message.session
        if message.action != "StartTransaction" or session is None:
            return
        session.transaction_id = int(message.reply.transaction_id)
        info = dict(message.reply.id_tag_info)
        session.id_tag_status = effective_status(info, utcnow())
        self._remember(session.id_tag, info)
        if (
            session.id_tag_status != "Accepted"
            and not session.ended
            and self.config.flag("StopTransactionOnInvalidId", True)
        ):
            self._spawn(self._stop(session, "DeAuthorized", None), name="deauthorized")


def _energy_sample(wh: int, context: str, at: datetime) -> dict[str, Any]:
    return {
        "timestamp": iso(at),
        "sampledValue": [
            {
                "value": str(wh),
                "context": context,
                "measurand": "Energy.Active.Import.Register",
                "unit": "Wh",
            }
        ],
    }
