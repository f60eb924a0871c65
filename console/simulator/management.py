"""Answers to management commands: configuration, local list, profiles, diagnostics, firmware."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

from ocpp.v16 import call, call_result

from console.simulator import files
from console.simulator.base import Answer, Link
from console.simulator.clock import iso, parse_time, utcnow
from console.simulator.profiles import DEFAULT_PHASES, VOLTS
from console.simulator.sessions import SessionMixin


class ManagementMixin(SessionMixin):
    """Each ``_cmd_<action>`` returns (reply, follow-up) for one central-system command."""

    _firmware_installed_pending = False
    # For tests: the last diagnostics or log uploaded (name, bytes), the firmware fetched.
    uploaded: tuple[str, bytes] | None = None
    firmware_image: bytes | None = None
    # GetLog's upload, as ExtendedTriggerMessage LogStatusNotification reports it.
    log_status = "Idle"
    log_request_id: int | None = None

    # ----------------------------------------------------------------- configuration

    def _cmd_get_configuration(self, key: list[str] | None = None, **_: Any) -> Answer:
        known, unknown = self.config.get(key)
        reply = call_result.GetConfiguration(configuration_key=known, unknown_key=unknown or None)
        return reply, None

    def _cmd_change_configuration(self, key: str, value: str, **_: Any) -> Answer:
        status = self.config.change(key, value)
        if status in ("Accepted", "RebootRequired"):
            self._apply_setting(key.casefold(), value)
        return call_result.ChangeConfiguration(status=status), None

    def _apply_setting(self, key: str, value: str) -> None:
        """Settings the charger acts on at once (the rest are read where they are used)."""
        if key == "heartbeatinterval":
            self._set_heartbeat(float(value))
        elif key == "metervaluesampleinterval":
            self.meter_interval = float(value)
        elif key == "transactionmessageretryinterval":
            self.retry_interval = float(value)
        self._notify()

    def _cmd_clear_cache(self, **_: Any) -> Answer:
        self.auth_cache.clear()
        return call_result.ClearCache(status="Accepted"), None

    # ----------------------------------------------------------------- local list

    def _cmd_get_local_list_version(self, **_: Any) -> Answer:
        # -1 is how OCPP 1.6 says "no local list support".
        version = self.local_auth.version if self.supports_local_list else -1
        return call_result.GetLocalListVersion(list_version=version), None

    def _cmd_send_local_list(
        self,
        list_version: int,
        update_type: str,
        local_authorization_list: list[dict[str, Any]] | None = None,
        **_: Any,
    ) -> Answer:
        if not self.supports_local_list:
            return call_result.SendLocalList(status="NotSupported"), None
        status = self.local_auth.apply(list_version, update_type, local_authorization_list or [])
        self._notify()
        return call_result.SendLocalList(status=status), None

    # ----------------------------------------------------------------- smart charging

    def _cmd_set_charging_profile(
        self, connector_id: int, cs_charging_profiles: dict[str, Any], **_: Any
    ) -> Answer:
        profile = cs_charging_profiles
        connector = self._connectors.get(connector_id)
        purpose = profile.get("charging_profile_purpose")
        periods = profile.get("charging_schedule", {}).get("charging_schedule_period", [])
        rejected = (
            connector is None
            or (purpose == "ChargePointMaxProfile" and connector_id != 0)
            or profile.get("stack_level", 0) > self.config.integer("ChargeProfileMaxStackLevel")
            or len(periods) > self.config.integer("ChargingScheduleMaxPeriods")
        )
        if not rejected and purpose == "TxProfile":
            session = None if connector is None else connector.session
            wanted = profile.get("transaction_id")
            rejected = session is None or (wanted is not None and wanted != session.transaction_id)
        if rejected:
            return call_result.SetChargingProfile(status="Rejected"), None
        self._settle_meters()  # energy so far was delivered under the old limit
        self.profiles.install(connector_id, profile)
        return call_result.SetChargingProfile(status="Accepted"), self._refresh_charging_statuses

    def _cmd_clear_charging_profile(
        self,
        id: int | None = None,
        connector_id: int | None = None,
        charging_profile_purpose: str | None = None,
        stack_level: int | None = None,
        **_: Any,
    ) -> Answer:
        self._settle_meters()
        removed = self.profiles.clear(id, connector_id, charging_profile_purpose, stack_level)
        status = "Accepted" if removed else "Unknown"
        return call_result.ClearChargingProfile(status=status), self._refresh_charging_statuses

    async def _refresh_charging_statuses(self) -> None:
        for connector in list(self._connectors.values()):
            if connector.session is not None and connector.status != "Preparing":
                await self._set_status(connector.connector_id, self._charging_status(connector))

    def _cmd_get_composite_schedule(
        self, connector_id: int, duration: int, charging_rate_unit: str | None = None, **_: Any
    ) -> Answer:
        connector = self._connectors.get(connector_id)
        if connector is None:
            return call_result.GetCompositeSchedule(status="Rejected"), None
        start = utcnow()
        tx_start = connector.session.started_at if connector.session is not None else None
        rating_w = self.power_kw * 1000.0 * (len(self.connector_ids) if connector_id == 0 else 1)
        periods = self.profiles.composite(connector_id, start, duration, tx_start, rating_w)
        unit = charging_rate_unit or "W"
        scale = 1.0 if unit == "W" else 1.0 / (VOLTS * DEFAULT_PHASES)
        schedule = {
            "duration": duration,
            "start_schedule": iso(start),
            "charging_rate_unit": unit,
            "charging_schedule_period": [
                {"start_period": offset, "limit": round(limit * scale, 1)}
                for offset, limit in periods
            ],
        }
        reply = call_result.GetCompositeSchedule(
            status="Accepted",
            connector_id=connector_id,
            schedule_start=iso(start),
            charging_schedule=schedule,
        )
        return reply, None

    # ----------------------------------------------------------------- diagnostics, firmware

    def _cmd_get_diagnostics(self, location: str, **_: Any) -> Answer:
        name = f"{self.serial}-diagnostics-{utcnow():%Y%m%dT%H%M%SZ}.log"
        followup = partial(self._upload_diagnostics, location, name, None)
        return call_result.GetDiagnostics(file_name=name), followup

    def _cmd_get_log(
        self, log: dict[str, Any], request_id: int, log_type: str = "DiagnosticsLog", **_: Any
    ) -> Answer:
        # The ocpp library hands nested keys over in snake_case.
        location = str(log.get("remote_location", ""))
        kind = "security" if log_type == "SecurityLog" else "log"
        name = f"{self.serial}-{kind}-{utcnow():%Y%m%dT%H%M%SZ}.log"
        data = self.log_text(log_type)
        followup = partial(self._upload_diagnostics, location, name, request_id, data)
        return call_result.GetLog(status="Accepted", filename=name), followup

    def log_text(self, log_type: str) -> bytes:
        """What GetLog uploads for ``log_type`` (the security layer adds SecurityLog)."""
        return self.diagnostics_text()

    def diagnostics_text(self) -> bytes:
        """What the simulated charger uploads as diagnostics or log."""
        lines = [f"charger {self.charger_id} firmware {self.firmware} at {iso(utcnow())}"]
        lines += [f"connector {c.connector_id}: {c.status}" for c in self._connectors.values()]
        lines += [f"received {r.action}" for r in self.received[-200:]]
        return ("\n".join(lines) + "\n").encode()

    async def _upload_diagnostics(
        self, location: str, name: str, request_id: int | None, data: bytes | None = None
    ) -> None:
        # Only HTTP or FTP to the central system's own host is really uploaded (traffic stays
        # bounded to it); elsewhere the central system sees the status sequence only.
        async def report(status: str) -> None:
            self.diagnostics_status = status
            self._notify()
            if request_id is None:
                await self._send(call.DiagnosticsStatusNotification(status=status))
            else:
                failed = "UploadFailure" if status == "UploadFailed" else status
                self.log_status, self.log_request_id = failed, request_id
                await self._send(call.LogStatusNotification(status=failed, request_id=request_id))

        await report("Uploading")
        ok = True
        if files.reachable(location, self.url):
            data = self.diagnostics_text() if data is None else data
            if location.startswith("ftp://"):
                ok = await files.upload_ftp(location, name, data)
            else:
                ok = await files.upload(location.rstrip("/") + "/" + name, name, data)
            if ok:
                self.uploaded = (name, data)
        await report("Uploaded" if ok else "UploadFailed")
        self.diagnostics_status = self.log_status = "Idle"

    def _cmd_update_firmware(self, location: str, retrieve_date: str, **_: Any) -> Answer:
        return call_result.UpdateFirmware(), partial(self._update_firmware, location, retrieve_date)

    async def _update_firmware(self, location: str, retrieve_date: str) -> None:
        when = parse_time(retrieve_date)
        delay = 0.0 if when is None else (when - utcnow()).total_seconds()
        if delay > 0:
            await asyncio.sleep(delay)  # wait for the retrieveDate the central system set
        await self._firmware_status("Downloading")
        if files.reachable(location, self.url):
            image = await files.download(location)
            if image is None:
                await self._firmware_status("DownloadFailed")
                self.firmware_status = "Idle"
                return
            self.firmware_image = image
        await self._firmware_status("Downloaded")
        # A real charger installs only when that cuts no session short.
        await self._wait_state(lambda: all(c.session is None for c in self._connectors.values()))
        await self._firmware_status("Installing")
        version = PurePosixPath(urlparse(location).path).stem
        if version:
            self.firmware = version[:50]
        self._firmware_installed_pending = True
        await self._reboot()

    async def _firmware_status(self, status: str) -> None:
        self.firmware_status = status
        self._notify()
        await self._send(call.FirmwareStatusNotification(status=status))

    async def _after_boot(self, link: Link) -> None:
        await super()._after_boot(link)
        if self._firmware_installed_pending:
            # "Installed" comes after the reboot into the new firmware.
            self._firmware_installed_pending = False
            await self._firmware_status("Installed")
            self.firmware_status = "Idle"
