"""Security events: what chargers report with SecurityEventNotification, and what we refused.

Every event is kept in the ``security_events`` list (bounded: 90 days, 10,000 rows for
the site); the critical ones are raised as alarms by the alarm service, which hears the
same notice on the event bus (core.alarms.security_event_is_alarm decides).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from console.core.alarms import security_event_severity
from console.core.charger_security import SecurityEvent
from console.core.clock import utcnow
from console.storage import security_events as event_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

WARNING = "warning"  # something ChargeDesk refused (a CSR): kept, not an alarm


class SecurityEventService:
    """Stores security events and reads them back for the technician."""

    def __init__(
        self,
        writer: StorageWriter,
        *,
        keep_days: int = event_repo.KEEP_DAYS,
        keep_rows: int = event_repo.KEEP_ROWS,
    ) -> None:
        self._writer = writer
        self.keep_days = keep_days
        self.keep_rows = keep_rows

    async def on_notice(self, charger_id: str, kind: str, details: dict[str, Any]) -> None:
        """Store a SecurityEventNotification (a listener of ChargingService.notice)."""
        if kind != "security":
            return
        event_type = details.get("type")
        if not isinstance(event_type, str) or not event_type:
            event_type = "Unknown"
        tech_info = details.get("tech_info")
        received = utcnow()
        at = details.get("timestamp")
        await self.record(
            charger_id,
            event_type,
            security_event_severity(event_type),
            tech_info if isinstance(tech_info, str) else None,
            at=at if isinstance(at, datetime) else received,
            received_at=received,
        )

    async def record(
        self,
        charger_id: str | None,
        kind: str,
        severity: str,
        tech_info: str | None = None,
        *,
        at: datetime | None = None,
        received_at: datetime | None = None,
    ) -> int:
        """Store one event (ours or a charger's); returns its id."""
        received = received_at or utcnow()
        moment = at or received
        keep_days, keep_rows = self.keep_days, self.keep_rows
        return await self._writer.submit(
            lambda c: event_repo.add_security_event(
                c,
                charger_id,
                kind,
                severity,
                moment,
                received,
                tech_info,
                keep_days=keep_days,
                keep_rows=keep_rows,
            )
        )

    async def events(self, charger_id: str | None = None, limit: int = 200) -> list[SecurityEvent]:
        """The newest security events (of one charger, or of the site), newest first."""
        return await self._writer.submit(
            lambda c: event_repo.list_security_events(c, charger_id, limit)
        )
