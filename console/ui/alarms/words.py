"""How alarms look: a word, a symbol and a colour per kind (colour is never the only cue)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.core.alarms import Alarm, AlarmKind
from console.services.alarm_words import parse_time, security_details
from console.services.storage_watch import MB
from console.ui.locale_format import site_time

SOUND_KEY = "alarms/sound"
_PLACEHOLDER = re.compile(r"%(\d+)")

# (colour, symbol) per kind, from the Okabe-Ito palette.
KIND_STYLE: dict[AlarmKind, tuple[str, str]] = {
    AlarmKind.FAULTED: ("#D55E00", "✖"),  # vermillion
    AlarmKind.OFFLINE: ("#7F7F7F", "⚠"),  # grey
    AlarmKind.REBOOTS: ("#E69F00", "↻"),  # orange
    AlarmKind.SECURITY: ("#CC79A7", "⚑"),  # reddish purple
    AlarmKind.DISK_LOW: ("#0072B2", "⛁"),  # blue
    # "⊘", not a padlock emoji: common desktop fonts have it, so it never shows as a box.
    AlarmKind.LOCKED_OUT: ("#CC79A7", "⊘"),  # reddish purple, like security
    AlarmKind.BACKUP_FAILED: ("#0072B2", "⛁"),  # blue, like disk space: the data's safety
}


def kind_word(kind: AlarmKind) -> str:
    """The kind in words, translated."""
    words = {
        AlarmKind.FAULTED: QCoreApplication.translate("Alarm", "Fault"),
        AlarmKind.OFFLINE: QCoreApplication.translate("Alarm", "Offline"),
        AlarmKind.REBOOTS: QCoreApplication.translate("Alarm", "Reboots"),
        AlarmKind.SECURITY: QCoreApplication.translate("Alarm", "Security"),
        AlarmKind.DISK_LOW: QCoreApplication.translate("Alarm", "Disk space"),
        AlarmKind.LOCKED_OUT: QCoreApplication.translate("Alarm", "Locked out"),
        AlarmKind.BACKUP_FAILED: QCoreApplication.translate("Alarm", "Backup"),
    }
    return words[kind]


def kind_label(kind: AlarmKind) -> str:
    """Symbol and word: "✖ Fault"."""
    return f"{KIND_STYLE[kind][1]} {kind_word(kind)}"


def kind_colour(kind: AlarmKind) -> QColor:
    """The colour of a kind."""
    return QColor(KIND_STYLE[kind][0])


def state_word(alarm: Alarm) -> str:
    """Open (the condition holds) or cleared, translated."""
    if alarm.open:
        return QCoreApplication.translate("Alarm", "● open")
    return QCoreApplication.translate("Alarm", "○ cleared")


def alarm_headline(alarm: Alarm) -> str:
    """One line for the banner and the tray: "✖ Fault · Connector 2 of CP-1 is faulted: …"."""
    return f"{kind_label(alarm.kind)} · {alarm_sentence(alarm)}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Alarm", text)


def _fill(template: str, *values: object) -> str:
    # One pass: a value that itself holds "%1" (a charger's info text) stays as it is.
    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if 0 < number <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, template)


def alarm_sentence(alarm: Alarm) -> str:
    """The alarm as a sentence that names its charger, times in site time, translated.

    Written from the alarm's details; the stored sentence where they do not tell enough.
    """
    text = _sentence_of(alarm)
    if text is None:
        text = alarm.message
    text = text.rstrip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."


def _sentence_of(alarm: Alarm) -> str | None:
    details = alarm.details
    charger = alarm.charger_id
    kind = alarm.kind
    # Fault and offline alarms are conditions: once cleared, they are told in the past.
    ended = alarm.cleared_at if kind in (AlarmKind.FAULTED, AlarmKind.OFFLINE) else None
    if kind is AlarmKind.FAULTED and "error_code" in details:
        return _fault(charger, alarm.connector_id or 0, details, ended is None)
    if kind is AlarmKind.OFFLINE:
        since = parse_time(details.get("since"))
        if since is None:
            return None
        if ended is not None:
            return _fill(
                _tr("%1 was offline from %2 until %3."),
                charger,
                site_time(since),
                site_time(ended),
            )
        return _fill(_tr("%1 has been offline since %2."), charger, site_time(since))
    if kind is AlarmKind.REBOOTS and "boots" in details:
        minutes = float(details.get("window_minutes") or 30)
        return _fill(
            _tr("%1 rebooted %2 times within %3 minutes."),
            charger,
            details["boots"],
            f"{minutes:g}",
        )
    if kind is AlarmKind.LOCKED_OUT:
        return _lockout(charger, details)
    if kind is AlarmKind.SECURITY:
        return _security(charger, details)
    if kind is AlarmKind.BACKUP_FAILED:
        return _backup_failed(details)
    if kind is AlarmKind.DISK_LOW:
        return _disk_low(details)
    return None


def _fault(charger: str, connector_id: int, details: dict[str, object], now: bool) -> str:
    code = str(details["error_code"])
    if details.get("vendor_error_code"):
        code += _fill(_tr(" (vendor code %1)"), details["vendor_error_code"])
    if details.get("info"):
        code += f", {details['info']}"
    if connector_id and now:
        return _fill(_tr("Connector %1 of %2 is faulted: %3."), connector_id, charger, code)
    if connector_id:
        return _fill(_tr("Connector %1 of %2 was faulted: %3."), connector_id, charger, code)
    if now:
        return _fill(_tr("%1 is faulted: %2."), charger, code)
    return _fill(_tr("%1 was faulted: %2."), charger, code)


def _lockout(charger: str, details: dict[str, object]) -> str | None:
    until = parse_time(details.get("locked_until"))
    if until is None:
        return None
    peer = details.get("peer")
    failures = details.get("failures")
    if details.get("by_address"):
        return _fill(
            _tr("Address %1 is locked until %2 after %3 wrong passwords (last as %4)."),
            peer,
            site_time(until),
            failures,
            charger,
        )
    if peer:
        return _fill(
            _tr("%1 is locked until %2 after %3 wrong passwords from %4."),
            charger,
            site_time(until),
            failures,
            peer,
        )
    return _fill(
        _tr("%1 is locked until %2 after %3 wrong passwords."), charger, site_time(until), failures
    )


def _security(charger: str, details: dict[str, object]) -> str | None:
    fields = details if "type" in details else security_details(str(details.get("text") or ""))
    what = fields.get("type") or fields.get("text")
    if not what:
        return None
    if fields.get("tech_info"):
        what = f"{what} ({fields['tech_info']})"
    moment = parse_time(fields.get("timestamp"))
    if moment is None:
        return _fill(_tr("%1 reported a security event: %2."), charger, what)
    return _fill(_tr("%1 reported a security event: %2 at %3."), charger, what, site_time(moment))


def _backup_failed(details: dict[str, object]) -> str | None:
    moment = parse_time(details.get("at"))
    folder = details.get("folder")
    if moment is None or not folder:
        return None
    if details.get("reason"):
        return _fill(
            _tr("The backup of the database at %1 to %2 failed: %3."),
            site_time(moment),
            folder,
            str(details["reason"]).rstrip("."),
        )
    return _fill(_tr("The backup of the database at %1 to %2 failed."), site_time(moment), folder)


def _disk_low(details: dict[str, object]) -> str | None:
    # The same two sentences the storage watch stores (services/storage_watch.py).
    free, threshold = details.get("free_bytes"), details.get("threshold_bytes")
    if not isinstance(threshold, int | float):
        return None  # stored before its details were kept: the stored sentence
    if not isinstance(free, int | float) or free >= threshold:
        return _tr("The database could not grow: message log and notices are not kept.")
    return _fill(
        _tr(
            "Only %1 MB free on the database's disk (threshold %2 MB): message log and "
            "notices are not kept."
        ),
        f"{free / MB:.0f}",
        f"{threshold / MB:.0f}",
    )
