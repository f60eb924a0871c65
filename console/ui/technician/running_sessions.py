"""Whose charging a technician's action on several chargers would interrupt.

A firmware update restarts every ticked charger; its question names each running
session's driver (the card's owner or the visitor), how long it has run and the energy
so far, with the same words as the desk's Stop and Reset questions
(``console/ui/interruptions.py``), so a technician can tell a colleague "Anna Hoffmann's
car on P1-AC-02 will stop" before going ahead.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from console.ui.engine_client import EngineClient
from console.ui.interruptions import RunningSession, running_on, session_phrase
from console.ui.site_mirror import SiteMirror


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunningSessions", text)


def chargers_charging(mirror: SiteMirror, charger_ids: Iterable[str]) -> list[str]:
    """The chargers among ``charger_ids`` on which the site knows a running session."""
    found = []
    for charger_id in charger_ids:
        state = mirror.chargers.get(charger_id)
        if state is not None and any(
            c.connector_id > 0 and c.transaction_id is not None for c in state.connectors.values()
        ):
            found.append(charger_id)
    return found


async def running_sessions(
    client: EngineClient, mirror: SiteMirror, charger_ids: Iterable[str]
) -> list[RunningSession]:
    """The sessions running on ``charger_ids``, each with whom it is for.

    Only chargers the live site shows charging are read: ticking "All online" on a large
    site must not cost two reads per idle charger before the question appears.
    """
    sessions: list[RunningSession] = []
    for charger_id in chargers_charging(mirror, charger_ids):
        sessions += await running_on(client, mirror, charger_id, 0)
    return sessions


def firmware_question(
    charger_ids: list[str], file_name: str, sessions: list[RunningSession]
) -> str:
    """What a firmware update asks: which chargers, that they restart, whose charging stops."""
    if len(charger_ids) == 1:
        text = _tr("Send firmware %1 to %2?")
    else:
        text = _tr("Send firmware %1 to these %3 chargers: %2?")
    text = (
        text.replace("%1", file_name)
        .replace("%2", ", ".join(charger_ids))
        .replace("%3", str(len(charger_ids)))
    )
    text += "\n\n" + _tr(
        "A charger installs new firmware and restarts: it cannot charge meanwhile."
    )
    if sessions:
        text += "\n\n" + _tr("This interrupts:")
        text += "".join("\n• " + session_phrase(session) for session in sessions)
    else:
        text += "\n\n" + _tr("No session is running on them now.")
    return text
