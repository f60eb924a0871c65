"""Following a TriggerMessage to the message it asked for.

"Accepted" only promises that the charger will send the message. The Commands page
shows what the charger then sent: the first frame of the requested action (for the
connector asked about, if any) that the charger sent after our TriggerMessage call,
looked up in the stored message log, which already holds every frame.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox

from console.core.enums import Direction, FrameKind
from console.services.message_export import FrameFilter, StoredFrame
from console.services.queries import SiteQueries
from console.ui.engine_client import EngineClient
from console.ui.locale_format import format_seconds
from console.ui.technician.message_model import analyse

T = TypeVar("T")
Reader = Callable[[Callable[[SiteQueries], T]], Awaitable[T]]

TRIGGER_WAIT_S = 30.0  # a charger sends a triggered message at once; 30 s is generous
POLL_S = 0.3  # the writer commits frames within a fraction of a second
SUMMARY_CHARS = 240
# What ExtendedTriggerMessage (OCPP 1.6 security extension) may ask for; the last two
# only it can ask for.
EXTENDED_TRIGGER_MESSAGES = (
    "BootNotification",
    "LogStatusNotification",
    "FirmwareStatusNotification",
    "Heartbeat",
    "MeterValues",
    "SignChargePointCertificate",
    "StatusNotification",
)
EXTENDED_ONLY = ("LogStatusNotification", "SignChargePointCertificate")
EXTENDED_FROM_PROFILE = 2  # a charger on TLS speaks the security extension
# What a charger sends for an ExtendedTriggerMessage (1.6 security extension) where that
# is not the message's own name; the plain name is accepted too (chargers differ).
EXTENDED_SENDS: dict[str, tuple[str, ...]] = {
    "FirmwareStatusNotification": (
        "SignedFirmwareStatusNotification",
        "FirmwareStatusNotification",
    ),
    "SignChargePointCertificate": ("SignCertificate",),
}


def sent_actions(message: str, extended: bool) -> tuple[str, ...]:
    """The actions the charger may send for a trigger of ``message`` (the first is named)."""
    return EXTENDED_SENDS.get(message, (message,)) if extended else (message,)


async def find_triggered(
    read: Reader[Any],
    charger_id: str,
    message: str,
    connector_id: int | None,
    since_id: int,
    timeout: float = TRIGGER_WAIT_S,
    *,
    extended: bool = False,
) -> StoredFrame | None:
    """The ``message`` the charger sent after our TriggerMessage; None when none came.

    ``since_id`` is the charger's newest stored frame before the trigger was sent
    (``newest_frame_id``): our call is the first TriggerMessage above it (with
    ``extended``, the first ExtendedTriggerMessage, and what it asks for is looked up
    by ``sent_actions``).
    """
    ours = FrameFilter(
        charger_id=charger_id,
        actions=("ExtendedTriggerMessage" if extended else "TriggerMessage",),
        direction=Direction.OUT,
        kinds=(FrameKind.CALL,),
    )
    theirs = FrameFilter(
        charger_id=charger_id,
        actions=sent_actions(message, extended),
        direction=Direction.IN,
        kinds=(FrameKind.CALL,),
    )
    deadline = time.monotonic() + timeout
    call_id: int | None = None
    while True:
        if call_id is None:
            call_id = await _first_id(read, ours, since_id)
        if call_id is not None:
            found = await _first_for(read, theirs, call_id, connector_id)
            if found is not None:
                return found
        if time.monotonic() >= deadline:
            return None
        await asyncio.sleep(POLL_S)


async def _first_id(read: Reader[Any], where: FrameFilter, after: int) -> int | None:
    frames: list[StoredFrame] = await read(
        lambda q: q.search_frames(where, after_id=after, limit=1, oldest_first=True)
    )
    return frames[0].id if frames else None


async def _first_for(
    read: Reader[Any], where: FrameFilter, after: int, connector_id: int | None
) -> StoredFrame | None:
    frames: list[StoredFrame] = await read(
        lambda q: q.search_frames(where, after_id=after, limit=50, oldest_first=True)
    )
    # Oldest first: the first one for the connector is the answer to our trigger.
    return next((f for f in frames if _for_connector(f, connector_id)), None)


async def newest_frame_id(read: Reader[Any], charger_id: str) -> int:
    """The id of the newest frame stored for the charger (0: none)."""
    where = FrameFilter(charger_id=charger_id)
    newest = await read(lambda q: q.search_frames(where, limit=1))
    return newest[0].id if newest else 0


def show_extended_choice(box: QCheckBox, message: str, default: bool) -> None:
    """Tick "Extended" for ``message``: fixed where only one form exists, else ``default``."""
    if message in EXTENDED_ONLY:
        box.setChecked(True)
        box.setEnabled(False)
    elif message not in EXTENDED_TRIGGER_MESSAGES:
        box.setChecked(False)
        box.setEnabled(False)
    else:
        box.setEnabled(True)
        box.setChecked(default)


async def extended_by_default(client: EngineClient, charger_id: str | None) -> bool:
    """True when the charger should get the extended form: its connection is on TLS."""
    if charger_id is None:
        return False

    async def profile_of(engine: Any) -> object:
        return engine.admission.connection_profile(charger_id)

    profile = await client.call(profile_of)
    return isinstance(profile, int) and profile >= EXTENDED_FROM_PROFILE


def _for_connector(stored: StoredFrame, connector_id: int | None) -> bool:
    if connector_id is None:
        return True
    body = _body(stored.frame.payload)
    found = body.get("connectorId") if isinstance(body, dict) else None
    return found is None or found == connector_id


def _body(payload: str) -> Any:
    try:
        message = json.loads(payload)
    except ValueError:
        return None
    return message[-1] if isinstance(message, list) and message else message


def triggered_text(stored: StoredFrame) -> str:
    """ "StatusNotification received 09:14:05: {…}" — what the charger sent, on one line."""
    frame = stored.frame
    summary, _problem = analyse(frame.kind, frame.payload)
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1] + "…"
    at = format_seconds(frame.at)
    return (
        QCoreApplication.translate("CommandsPage", "%1 received %2: %3")
        .replace("%1", frame.action or "")
        .replace("%2", at)
        .replace("%3", summary)
    )
