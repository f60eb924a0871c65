"""The sentences alarms are stored with: each names its charger and gives times in site time.

An alarm's details are the facts; its sentence is written from them. The stored sentence
is what the service report and the command line print; the console writes its own,
translated, from the same details (console/ui/alarms/words.py), so an alarm stored before
the site's zone was set still reads in the zone of today. ``sentence(alarm, zone)``
rewrites a stored alarm's sentence the same way (for the printed service report).
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Any

from console.core.alarms import Alarm, AlarmKind
from console.services.formatting import format_local, to_local

# "key=value, key=value": the text of a ChargerNotice (ChargingService.notice).
_NOTICE_PAIR = re.compile(r"(\w+)=(.*?)(?=, \w+=|$)")
# Alarms about a condition that ends (momentary ones are "cleared" by acknowledging them).
_CONDITIONS = (AlarmKind.FAULTED, AlarmKind.OFFLINE)


def site_time(instant: datetime, zone: tzinfo | None = None) -> str:
    """A moment as the site's wall clock with the zone's abbreviation: "2026-03-02 09:14 CET".

    ``zone`` None: the zone times are shown in (console/services/formatting.py).
    """
    name = to_local(instant, zone).tzname() or ""
    return f"{format_local(instant, zone)} {name}".strip()


def parse_time(value: object) -> datetime | None:
    """A time kept in an alarm's details (ISO text), or None."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def security_details(text: str) -> dict[str, Any]:
    """The fields of a security notice's text ("type=…, timestamp=…, tech_info=…")."""
    fields = {key: value for key, value in _NOTICE_PAIR.findall(text) if key != "action"}
    return fields or {"text": text}


def compose(
    kind: AlarmKind,
    charger_id: str,
    connector_id: int | None,
    details: dict[str, Any],
    zone: tzinfo | None = None,
    fallback: str = "",
    cleared_at: datetime | None = None,
) -> str:
    """The sentence of an alarm of ``kind`` with these details; ``fallback`` when the
    details do not tell enough (an alarm stored before they were kept).

    ``cleared_at``: the condition ended then, and the sentence says so in the past tense.
    """
    text: str | None = None
    if kind is AlarmKind.FAULTED and "error_code" in details:
        text = _fault(charger_id, connector_id or 0, details, cleared_at is None)
    elif kind is AlarmKind.OFFLINE:
        since = parse_time(details.get("since"))
        if since is not None and cleared_at is not None:
            text = (
                f"{charger_id} was offline from {site_time(since, zone)} "
                f"until {site_time(cleared_at, zone)}"
            )
        elif since is not None:
            text = f"{charger_id} has been offline since {site_time(since, zone)}"
    elif kind is AlarmKind.REBOOTS and "boots" in details:
        minutes = float(details.get("window_minutes") or 30)
        text = f"{charger_id} rebooted {details['boots']} times within {minutes:g} minutes"
    elif kind is AlarmKind.LOCKED_OUT:
        text = _lockout(charger_id, details, zone)
    elif kind is AlarmKind.SECURITY:
        text = _security(charger_id, details, zone)
    elif kind is AlarmKind.BACKUP_FAILED:
        text = _backup_failed(details, zone)
    return _sentence(text if text is not None else fallback)


def sentence(alarm: Alarm, zone: tzinfo | None = None) -> str:
    """A stored alarm's sentence, written again from its details in ``zone`` (in the
    past tense once its condition ended)."""
    cleared = alarm.cleared_at if alarm.kind in _CONDITIONS else None
    return compose(
        alarm.kind,
        alarm.charger_id,
        alarm.connector_id,
        alarm.details,
        zone,
        alarm.message,
        cleared,
    )


def _fault(charger_id: str, connector_id: int, details: dict[str, Any], now: bool) -> str:
    subject = charger_id if connector_id == 0 else f"Connector {connector_id} of {charger_id}"
    text = f"{subject} {'is' if now else 'was'} faulted: {details['error_code']}"
    if details.get("vendor_error_code"):
        text += f" (vendor code {details['vendor_error_code']})"
    if details.get("info"):
        text += f", {details['info']}"
    return text


def _lockout(charger_id: str, details: dict[str, Any], zone: tzinfo | None) -> str | None:
    until = parse_time(details.get("locked_until"))
    if until is None:
        return None
    failures = details.get("failures")
    peer = details.get("peer")
    if details.get("by_address"):
        return (
            f"Address {peer} is locked until {site_time(until, zone)} after {failures} "
            f"wrong passwords (last as {charger_id})"
        )
    source = f" from {peer}" if peer else ""
    return (
        f"{charger_id} is locked until {site_time(until, zone)} after {failures} wrong "
        f"passwords{source}"
    )


def _security(charger_id: str, details: dict[str, Any], zone: tzinfo | None) -> str | None:
    fields = details if "type" in details else security_details(str(details.get("text") or ""))
    what = fields.get("type") or fields.get("text")
    if not what:
        return None
    text = f"{charger_id} reported a security event: {what}"
    if fields.get("tech_info"):
        text += f" ({fields['tech_info']})"
    moment = parse_time(fields.get("timestamp"))
    if moment is not None:
        text += f" at {site_time(moment, zone)}"
    return text


def _backup_failed(details: dict[str, Any], zone: tzinfo | None) -> str | None:
    moment = parse_time(details.get("at"))
    folder = details.get("folder")
    if moment is None or not folder:
        return None
    text = f"The backup of the database at {site_time(moment, zone)} to {folder} failed"
    if details.get("reason"):
        text += f": {details['reason']}"
    return text


def _sentence(text: str) -> str:
    text = text.rstrip()
    if not text or text.endswith((".", "!", "?")):
        return text
    return f"{text}."
