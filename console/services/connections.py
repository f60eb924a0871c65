"""Connection troubleshooting: who tried to connect, each charger's history and clock.

Sources, chosen to stay cheap on a site that has run for years:

- Attempts: refused handshakes come from ``refused_connections``; accepted ones are the
  ``connected`` rows of ``charger_events`` (both read newest first, by primary key).
- History: the ``connected``, ``disconnected`` and ``boot`` rows of ``charger_events`` of
  one charger (its index is ``(charger_id, id)``).
- Heartbeat gaps and clock drift: the newest inbound frames of the charger in the
  message log, read through its ``(charger_id, id)`` index and bounded by
  ``FRAMES_READ``. Every frame a charger sends proves it alive, so a silence longer
  than ``GAP_INTERVALS`` heartbeat intervals between two of them is a gap; silences
  that span a connect or disconnect are not gaps (the history shows those). The
  message log is pruned by size, so gaps older than the retained frames are not shown;
  last-seen times are stored only in batches and would hide short gaps.
- Clock drift: the timestamps a charger writes into StatusNotification, MeterValues,
  StartTransaction and StopTransaction against the time we received the frame. Messages
  queued while offline carry old timestamps; the median of the newest samples ignores
  them unless they are most of the samples.

The reachability check connects to the OCPP port on every interface address from
worker threads; it runs outside the engine and needs no Qt.
"""

from __future__ import annotations

import itertools
import json
import socket
import statistics
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, select

from console.core.enums import Direction, RefusalReason
from console.protocol.datetimes import parse_timestamp
from console.services.network import interface_addresses
from console.storage import chargers as charger_repo
from console.storage import logs as log_repo
from console.storage.rows import utc_or_none

FRAMES_READ = 2000  # newest inbound frames read for gaps and drift
DRIFT_SAMPLES = 50  # newest timestamped messages the drift median is taken over
GAP_INTERVALS = 2.0  # a silence longer than this many heartbeat intervals is a gap
CHECK_TIMEOUT = 1.5  # seconds the reachability check waits for each address
NO_HTTP_ANSWER = 0  # http_status of a refusal that never got an HTTP answer (TLS)
_TIMESTAMPED = ("StatusNotification", "StartTransaction", "StopTransaction", "MeterValues")


@dataclass(frozen=True, slots=True)
class ConnectionAttempt:
    """One handshake, accepted or refused (``reason`` is None when accepted)."""

    at: datetime
    charger_id: str | None
    reason: RefusalReason | None
    peer: str | None
    path: str
    http_status: int  # 101 when accepted; NO_HTTP_ANSWER when no HTTP was spoken
    # A refusal repeated for the same reason is one attempt: how often, since when, and
    # what the charger offered the last time (never its password).
    count: int = 1
    first_at: datetime | None = None
    subprotocols: tuple[str, ...] = ()
    username: str | None = None

    @property
    def accepted(self) -> bool:
        """True when the charger got in."""
        return self.reason is None


class HistoryKind(StrEnum):
    """Kinds of entries in a charger's connection history."""

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    BOOT = "boot"
    HEARTBEAT_GAP = "heartbeat_gap"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One entry of a charger's connection history."""

    at: datetime
    kind: HistoryKind
    peer: str | None = None
    close_code: int | None = None
    close_reason: str | None = None
    firmware: str | None = None
    gap_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class ClockDrift:
    """How far a charger's clock is from ours: charger time minus our receipt time."""

    median_seconds: float
    samples: int
    newest_at: datetime  # when the newest sample arrived


@dataclass(frozen=True, slots=True)
class ConnectionHistory:
    """A charger's connection history, newest first, and its clock drift."""

    charger_id: str
    entries: list[HistoryEntry]
    drift: ClockDrift | None


class Reachability(StrEnum):
    """What a connection to an interface address on the OCPP port found."""

    REACHABLE = "reachable"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class InterfaceUrl:
    """An address of the PC and the URL a charger types in to reach it there."""

    interface: str
    address: str
    url: str
    port: int = 0  # the port of the URL (ws:// and wss:// have one each)


@dataclass(frozen=True, slots=True)
class PortCheck:
    """The result of connecting to one address on the OCPP port."""

    address: str
    port: int
    result: Reachability
    detail: str = ""


# ----------------------------------------------------------------- attempts


def connection_attempts(connection: Connection, limit: int = 500) -> list[ConnectionAttempt]:
    """Accepted and refused handshakes merged, newest first, at most ``limit``."""
    events = charger_repo.charger_events
    rows = connection.execute(
        select(events.c.at, events.c.charger_id, events.c.details)
        .where(events.c.kind == HistoryKind.CONNECTED.value)
        .order_by(events.c.id.desc())
        .limit(limit)
    )
    attempts = [
        ConnectionAttempt(
            at=utc_or_none(row.at),  # type: ignore[arg-type]
            charger_id=row.charger_id,
            reason=None,
            peer=_details(row.details).get("peer"),
            path="",
            http_status=101,
        )
        for row in rows
    ]
    attempts += [
        ConnectionAttempt(
            r.at,
            r.charger_id,
            r.reason,
            r.peer,
            r.path,
            r.http_status,
            r.count,
            r.first_at,
            r.subprotocols,
            r.username,
        )
        for r in log_repo.list_refusals(connection, limit)
    ]
    attempts.sort(key=lambda attempt: attempt.at, reverse=True)
    return attempts[:limit]


def _details(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# ----------------------------------------------------------------- history


def connection_history(
    connection: Connection, charger_id: str, heartbeat_interval: float, limit: int = 200
) -> ConnectionHistory:
    """Connects, disconnects, boots and heartbeat gaps of a charger, and its clock drift."""
    entries = _events(connection, charger_id, limit)
    frames = _inbound_frames(connection, charger_id)
    links = sorted(e.at for e in entries if e.kind is not HistoryKind.BOOT)
    entries += heartbeat_gaps([at for at, _a, _p in frames], heartbeat_interval, links)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return ConnectionHistory(charger_id, entries[:limit], clock_drift(frames))


def _events(connection: Connection, charger_id: str, limit: int) -> list[HistoryEntry]:
    events = charger_repo.charger_events
    rows = connection.execute(
        select(events.c.at, events.c.kind, events.c.details)
        .where(events.c.charger_id == charger_id)
        .where(events.c.kind.in_([k.value for k in HistoryKind]))
        .order_by(events.c.id.desc())
        .limit(limit)
    )
    entries: list[HistoryEntry] = []
    for row in rows:
        at: datetime = utc_or_none(row.at)  # type: ignore[assignment]
        details = _details(row.details)
        kind = HistoryKind(row.kind)
        if kind is HistoryKind.CONNECTED:
            entries.append(HistoryEntry(at, kind, peer=details.get("peer")))
        elif kind is HistoryKind.DISCONNECTED:
            code = details.get("close_code")
            entries.append(
                HistoryEntry(
                    at,
                    kind,
                    close_code=code if isinstance(code, int) else None,
                    close_reason=details.get("reason") or None,
                )
            )
        elif kind is HistoryKind.BOOT:
            entries.append(HistoryEntry(at, kind, firmware=details.get("firmware_version")))
    return entries


def _inbound_frames(connection: Connection, charger_id: str) -> list[tuple[datetime, str, str]]:
    """(received at, action, text) of the newest inbound frames, oldest first."""
    log = log_repo.message_log
    rows = connection.execute(
        select(log.c.at, log.c.action, log.c.payload)
        .where(log.c.charger_id == charger_id)
        .where(log.c.direction == Direction.IN.value)
        .order_by(log.c.id.desc())
        .limit(FRAMES_READ)
    )
    frames = [(utc_or_none(r.at), r.action or "", r.payload) for r in rows]
    frames.reverse()
    return frames  # type: ignore[return-value]


def heartbeat_gaps(
    received: list[datetime], heartbeat_interval: float, links: list[datetime]
) -> list[HistoryEntry]:
    """Silences longer than ``GAP_INTERVALS`` intervals between frames received in order.

    A silence holding a connect or disconnect (``links``) is an outage, not a gap.
    """
    if heartbeat_interval <= 0:
        return []
    limit = GAP_INTERVALS * heartbeat_interval
    gaps: list[HistoryEntry] = []
    for before, after in itertools.pairwise(received):
        seconds = (after - before).total_seconds()
        if seconds <= limit or any(before <= at <= after for at in links):
            continue
        gaps.append(HistoryEntry(before, HistoryKind.HEARTBEAT_GAP, gap_seconds=seconds))
    return gaps


def clock_drift(frames: list[tuple[datetime, str, str]]) -> ClockDrift | None:
    """Median of charger time minus receipt time over the newest timestamped messages."""
    samples: list[tuple[datetime, float]] = []
    for received_at, action, text in reversed(frames):
        if action not in _TIMESTAMPED:
            continue
        charger_time = _charger_time(action, text)
        if charger_time is not None:
            samples.append((received_at, (charger_time - received_at).total_seconds()))
            if len(samples) >= DRIFT_SAMPLES:
                break
    if not samples:
        return None
    median = statistics.median(drift for _at, drift in samples)
    return ClockDrift(median, len(samples), samples[0][0])


def _charger_time(action: str, text: str) -> datetime | None:
    try:
        frame = json.loads(text)
        payload = frame[3]
        if action == "MeterValues":
            stamp = payload["meterValue"][-1]["timestamp"]
        else:
            stamp = payload["timestamp"]
        return parse_timestamp(stamp) if isinstance(stamp, str) and stamp else None
    except (ValueError, KeyError, IndexError, TypeError):
        return None


# ----------------------------------------------------------------- network


def interface_urls(host: str, port: int | None, tls_port: int | None = None) -> list[InterfaceUrl]:
    """The URLs to type into a charger for each address the server listens on: ws://
    on ``port`` and wss:// on ``tls_port`` (either None when it is off)."""
    everywhere = host in ("0.0.0.0", "", "::")
    found = interface_addresses() if everywhere else [("", host)]
    urls: list[InterfaceUrl] = []
    for scheme, number in (("ws", port), ("wss", tls_port)):
        if number is not None:
            urls += [
                InterfaceUrl(name, address, _url(scheme, address, number), number)
                for name, address in found
            ]
    return urls


def listener_urls(host: str, port: int | None, tls_port: int | None) -> list[str]:
    """Every URL chargers can use, ws:// ones first (``port``/``tls_port`` None: off)."""
    return [entry.url for entry in interface_urls(host, port, tls_port)]


def _url(scheme: str, address: str, port: int) -> str:
    shown = f"[{address}]" if ":" in address else address
    return f"{scheme}://{shown}:{port}/ocpp/<charger id>"


def check_port(address: str, port: int, timeout: float = CHECK_TIMEOUT) -> PortCheck:
    """Open (and close) a TCP connection to ``address:port``; blocking, use a thread."""
    try:
        with socket.create_connection((address, port), timeout=timeout):
            return PortCheck(address, port, Reachability.REACHABLE)
    except ConnectionRefusedError:
        return PortCheck(address, port, Reachability.REFUSED)
    except TimeoutError:
        return PortCheck(address, port, Reachability.TIMEOUT)
    except OSError as error:
        return PortCheck(address, port, Reachability.ERROR, error.strerror or str(error))


def check_ports(addresses: list[str], port: int, timeout: float = CHECK_TIMEOUT) -> list[PortCheck]:
    """Check every address at once (blocking; worst case about one ``timeout``)."""
    if not addresses:
        return []
    with ThreadPoolExecutor(max_workers=min(8, len(addresses))) as pool:
        return list(pool.map(lambda address: check_port(address, port, timeout), addresses))


def check_urls(urls: list[InterfaceUrl], timeout: float = CHECK_TIMEOUT) -> list[PortCheck]:
    """Check each URL's address on its port (ws:// and wss:// ports both); blocking."""
    by_port: dict[int, list[str]] = {}
    for url in urls:
        by_port.setdefault(url.port, []).append(url.address)
    checks: list[PortCheck] = []
    for port, addresses in by_port.items():
        checks += check_ports(addresses, port, timeout)
    return checks
