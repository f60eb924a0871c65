"""Whose charging a command would interrupt, said the way a person asks about it.

"Stop the session of Anna Hoffmann on P1-AC-02, connector 2, running 42 min, 6.1 kWh?"
A confirmation that only names a charger makes the clerk guess whose car it is; these
helpers read the running sessions (a worker-thread read) and who holds their cards, and
the live energy from the site mirror.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from console.core.authorization import normalize_id_tag
from console.core.model import Holder, Session
from console.ui.command_words import duration_words
from console.ui.engine_client import EngineClient
from console.ui.people_names import holder_name
from console.ui.site_mirror import SiteMirror

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Interruptions", text)


@dataclass(frozen=True, slots=True)
class RunningSession:
    """A running session a command would interrupt, with whom it is for."""

    charger_id: str
    connector_id: int
    transaction_id: int
    who: str  # "Anna Hoffmann", "visitor B-XY 123" or "card 04A1B2C3"
    started_at: datetime | None
    energy_wh: float | None  # delivered so far, when the meter has said


def session_phrase(running: RunningSession, now: datetime | None = None) -> str:
    """ "the session of Anna Hoffmann on P1-AC-02, connector 2, running 42 min, 6.1 kWh" """
    text = (
        _tr("the session of %1 on %2, connector %3")
        .replace("%1", running.who)
        .replace("%2", running.charger_id)
        .replace("%3", str(running.connector_id))
    )
    if running.started_at is not None:
        text += ", " + _tr("running %1").replace("%1", duration_words(running.started_at, now))
    if running.energy_wh is not None:
        text += f", {running.energy_wh / 1000:.1f} " + _tr("kWh")
    return text


def sessions_phrase(sessions: list[RunningSession], now: datetime | None = None) -> str:
    """Several sessions in one sentence, joined by "and"."""
    phrases = [session_phrase(s, now) for s in sessions]
    if len(phrases) <= 1:
        return "".join(phrases)
    return "; ".join(phrases[:-1]) + " " + _tr("and") + " " + phrases[-1]


async def running_on(
    client: EngineClient, mirror: SiteMirror | None, charger_id: str, connector_id: int
) -> list[RunningSession]:
    """The sessions running on a connector (0: on the whole charger), with who they are
    for. A read that fails gives what the mirror knows, so the question is still asked."""
    wanted = _live_transactions(mirror, charger_id, connector_id)
    try:
        stored = await client.read(lambda q: q.running_sessions())
    except Exception:
        log.exception("could not read the running sessions for a confirmation")
        stored = []
    sessions: dict[int, Session] = {
        s.id: s
        for s in stored
        if s.charger_id == charger_id and connector_id in (0, s.connector_id)
    }
    tags = [s.id_tag for s in sessions.values()] + [tag for _cid, _tid, tag in wanted if tag]
    holders: dict[str, Holder] = {}
    if tags:
        try:
            holders = await client.read(lambda q: q.holders(tags))
        except Exception:
            log.exception("could not read who holds the cards for a confirmation")
    found: list[RunningSession] = []
    for conn_id, transaction_id, tag in wanted:
        session = sessions.pop(transaction_id, None)
        found.append(_running(mirror, charger_id, conn_id, transaction_id, tag, session, holders))
    for session in sessions.values():
        found.append(
            _running(
                mirror,
                charger_id,
                session.connector_id,
                session.id,
                session.id_tag,
                session,
                holders,
            )
        )
    return sorted(found, key=lambda r: r.connector_id)


def _live_transactions(
    mirror: SiteMirror | None, charger_id: str, connector_id: int
) -> list[tuple[int, int, str | None]]:
    charger = mirror.chargers.get(charger_id) if mirror is not None else None
    if charger is None:
        return []
    return [
        (c.connector_id, c.transaction_id, c.id_tag)
        for c in charger.connectors.values()
        if c.transaction_id is not None and connector_id in (0, c.connector_id)
    ]


def _running(
    mirror: SiteMirror | None,
    charger_id: str,
    connector_id: int,
    transaction_id: int,
    tag: str | None,
    session: Session | None,
    holders: dict[str, Holder],
) -> RunningSession:
    id_tag = tag or (session.id_tag if session is not None else "")
    holder = holders.get(normalize_id_tag(id_tag)) if id_tag else None
    who = holder_name(id_tag, holder) if id_tag else _tr("an unknown card")
    energy: float | None = None
    charger = mirror.chargers.get(charger_id) if mirror is not None else None
    connector = charger.connectors.get(connector_id) if charger is not None else None
    if connector is not None and connector.transaction_id == transaction_id:
        energy = connector.session_energy_wh
    started = session.started_at if session is not None else None
    return RunningSession(charger_id, connector_id, transaction_id, who, started, energy)


def plain_session(charger_id: str, connector_id: int) -> str:
    """The session(s) a command would interrupt, when nothing more is known of them."""
    if connector_id == 0:
        return _tr("the sessions on %1").replace("%1", charger_id)
    return (
        _tr("the session on %1, connector %2")
        .replace("%1", charger_id)
        .replace("%2", str(connector_id))
    )


async def interrupted_phrase(
    client: EngineClient, mirror: SiteMirror | None, charger_id: str, connector_id: int
) -> str:
    """Whose sessions run on a connector (0: the charger), as one phrase for a question."""
    running = await running_on(client, mirror, charger_id, connector_id)
    return sessions_phrase(running) if running else plain_session(charger_id, connector_id)
