"""Answers to the operational commands: remote start/stop, reset, availability, triggers."""

from __future__ import annotations

import asyncio
import contextlib
from functools import partial
from typing import Any

from ocpp.v16 import call, call_result

from console.simulator.base import Answer, Followup, LinkLost
from console.simulator.clock import parse_time, utcnow
from console.simulator.sessions import SessionMixin
from console.simulator.state import ConnectorState, Reservation


class CommandsMixin(SessionMixin):
    """Each ``_cmd_<action>`` returns (reply, follow-up) for one central-system command."""

    def _cmd_remote_start_transaction(
        self,
        id_tag: str,
        connector_id: int | None = None,
        charging_profile: dict[str, Any] | None = None,
        **_: Any,
    ) -> Answer:
        connector = self._pick_connector(connector_id, id_tag)
        if connector is None or (
            charging_profile is not None
            and charging_profile.get("charging_profile_purpose") != "TxProfile"
        ):
            return call_result.RemoteStartTransaction(status="Rejected"), None
        # Claimed now, before answering, so a second RemoteStart cannot take it too.
        connector.claimed = True
        return call_result.RemoteStartTransaction(status="Accepted"), partial(
            self._remote_start, connector, id_tag, charging_profile
        )

    async def _remote_start(
        self, connector: ConnectorState, id_tag: str, profile: dict[str, Any] | None
    ) -> None:
        if profile is not None:
            self.profiles.install(connector.connector_id, profile)
        check = self.config.flag("AuthorizeRemoteTxRequests")
        if await self._start_claimed(connector, id_tag, authorize=check, remote=True) is None:
            self.profiles.clear_transaction(connector.connector_id)

    def _pick_connector(self, connector_id: int | None, id_tag: str) -> ConnectorState | None:
        if connector_id is not None:
            known = connector_id in self._connectors
            candidates = [self._connectors[connector_id]] if known else []
        else:
            # Prefer a connector reserved for this card, then any free one.
            candidates = sorted(
                (c for c in self._connectors.values() if c.connector_id > 0),
                key=lambda c: c.reservation is None,
            )
        for connector in candidates:
            reservation = connector.reservation
            if connector.free and (reservation is None or reservation.matches(id_tag)):
                return connector
        return None

    def _cmd_remote_stop_transaction(self, transaction_id: int, **_: Any) -> Answer:
        for connector in self._connectors.values():
            session = connector.session
            if session is None or session.ended:
                continue
            if session.transaction_id == transaction_id:
                reply = call_result.RemoteStopTransaction(status="Accepted")
                return reply, partial(self._stop, session, "Remote", None)
        return call_result.RemoteStopTransaction(status="Rejected"), None

    def _cmd_reset(self, type: str, **_: Any) -> Answer:
        return call_result.Reset(status="Accepted"), partial(self._reset, type)

    async def _reset(self, kind: str) -> None:
        reason = "HardReset" if kind == "Hard" else "SoftReset"
        for connector in list(self._connectors.values()):
            if connector.session is not None:
                await self._stop(connector.session, reason, None)
        await self._reboot()

    def _cmd_unlock_connector(self, connector_id: int, **_: Any) -> Answer:
        connector = self._connectors.get(connector_id)
        if connector is None or connector_id == 0 or not self.unlock_supported:
            return call_result.UnlockConnector(status="NotSupported"), None
        followup = None
        if connector.session is not None:
            followup = partial(self._stop, connector.session, "UnlockCommand", None)
        return call_result.UnlockConnector(status="Unlocked"), followup

    def _cmd_change_availability(self, connector_id: int, type: str, **_: Any) -> Answer:
        if connector_id not in self._connectors:
            return call_result.ChangeAvailability(status="Rejected"), None
        operative = type == "Operative"
        targets = (
            list(self._connectors.values())
            if connector_id == 0
            else [self._connectors[connector_id]]
        )
        scheduled = False
        for connector in targets:
            if not operative and (connector.session is not None or connector.claimed):
                # Never cut a running session: it changes when the session ends.
                connector.scheduled_operative = False
                scheduled = True
                continue
            connector.scheduled_operative = None
            connector.operative = operative
        status = "Scheduled" if scheduled else "Accepted"
        return call_result.ChangeAvailability(status=status), self._refresh_idle_statuses

    async def _refresh_idle_statuses(self) -> None:
        for connector in list(self._connectors.values()):
            if connector.session is None and not connector.claimed:
                await self._set_status(connector.connector_id, self._idle_status(connector))

    def _cmd_trigger_message(
        self, requested_message: str, connector_id: int | None = None, **_: Any
    ) -> Answer:
        if connector_id is not None and connector_id not in self._connectors:
            return call_result.TriggerMessage(status="Rejected"), None
        senders: dict[str, Followup] = {
            "BootNotification": self._trigger_boot,
            "Heartbeat": partial(self._send, call.Heartbeat()),
            "StatusNotification": partial(self._trigger_status, connector_id),
            "MeterValues": partial(self._trigger_meter_values, connector_id),
            "DiagnosticsStatusNotification": partial(
                self._send, call.DiagnosticsStatusNotification(status=self.diagnostics_status)
            ),
            "FirmwareStatusNotification": partial(
                self._send, call.FirmwareStatusNotification(status=self.firmware_status)
            ),
        }
        sender = senders.get(requested_message)
        if sender is None:
            return call_result.TriggerMessage(status="NotImplemented"), None
        return call_result.TriggerMessage(status="Accepted"), sender

    async def _trigger_boot(self) -> None:
        link = self._link
        if link is not None:
            with contextlib.suppress(LinkLost):
                await self._send_boot(link)

    async def _trigger_status(self, connector_id: int | None) -> None:
        ids = list(self._connectors) if connector_id is None else [connector_id]
        for cid in ids:
            await self._send(self._status_payload(self._connectors[cid]))

    async def _trigger_meter_values(self, connector_id: int | None) -> None:
        ids = self.connector_ids if connector_id is None else [connector_id]
        for cid in ids:
            await self.send_meter_values(cid, context="Trigger")

    def _cmd_reserve_now(
        self,
        connector_id: int,
        expiry_date: str,
        id_tag: str,
        reservation_id: int,
        parent_id_tag: str | None = None,
        **_: Any,
    ) -> Answer:
        connector = self._connectors.get(connector_id)
        if connector is None or (
            connector_id == 0 and not self.config.flag("ReserveConnectorZeroSupported")
        ):
            return call_result.ReserveNow(status="Rejected"), None
        if connector.faulted:
            return call_result.ReserveNow(status="Faulted"), None
        if not connector.operative:
            return call_result.ReserveNow(status="Unavailable"), None
        current = connector.reservation
        if (
            connector.session is not None
            or connector.claimed
            or (current is not None and current.reservation_id != reservation_id)
        ):
            return call_result.ReserveNow(status="Occupied"), None
        # The same reservationId elsewhere is replaced by this one.
        for other in self._connectors.values():
            if other.reservation is not None and other.reservation.reservation_id == reservation_id:
                self._drop_reservation(other)
        expiry = parse_time(expiry_date) or utcnow()
        reservation = Reservation(reservation_id, id_tag, parent_id_tag, expiry)
        connector.reservation = reservation
        return call_result.ReserveNow(status="Accepted"), partial(
            self._hold_reservation, connector, reservation
        )

    async def _hold_reservation(self, connector: ConnectorState, reservation: Reservation) -> None:
        if connector.reservation is not reservation:
            return
        reservation.task = self._spawn(self._expire(connector, reservation), name="reservation")
        await self._set_status(connector.connector_id, self._idle_status(connector))

    async def _expire(self, connector: ConnectorState, reservation: Reservation) -> None:
        delay = (reservation.expiry - utcnow()).total_seconds()
        if delay > 0:
            await asyncio.sleep(delay)  # the reservation's own timer
        if connector.reservation is reservation:
            connector.reservation = None
            if connector.session is None and not connector.claimed:
                await self._set_status(connector.connector_id, self._idle_status(connector))

    def _drop_reservation(self, connector: ConnectorState) -> None:
        reservation = connector.reservation
        connector.reservation = None
        if reservation is not None and reservation.task is not None:
            reservation.task.cancel()

    def _cmd_cancel_reservation(self, reservation_id: int, **_: Any) -> Answer:
        for connector in self._connectors.values():
            reservation = connector.reservation
            if reservation is not None and reservation.reservation_id == reservation_id:
                self._drop_reservation(connector)
                reply = call_result.CancelReservation(status="Accepted")
                return reply, self._refresh_idle_statuses
        return call_result.CancelReservation(status="Rejected"), None

    def _cmd_data_transfer(
        self, vendor_id: str, message_id: str | None = None, data: str | None = None, **_: Any
    ) -> Answer:
        handler = self.data_transfer_handler
        if handler is None:
            return call_result.DataTransfer(status="UnknownVendorId"), None
        status, reply_data = handler(vendor_id, message_id, data)
        return call_result.DataTransfer(status=status, data=reply_data), None
