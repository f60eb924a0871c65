"""Column titles, stop reasons and session flags in words a person understands."""

from __future__ import annotations

from enum import IntEnum
from functools import cache

from PySide6.QtCore import QCoreApplication

from console.core.enums import SessionFlag
from console.core.model import Session

_CONTEXT = "SessionsView"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class Column(IntEnum):
    """The sessions table's columns, in order."""

    SESSION = 0
    CHARGER = 1
    CONNECTOR = 2
    CARD = 3
    START = 4
    END = 5
    ENERGY = 6
    DURATION = 7
    STOP_REASON = 8
    FLAGS = 9


def column_titles(for_file: bool = False) -> list[str]:
    """The column headers, translated, in column order (unabridged for a file)."""
    return [
        _tr("Session"),
        _tr("Charger"),
        _tr("Connector") if for_file else _tr("Conn."),
        _tr("Card") if for_file else _tr("Driver"),
        _tr("Start"),
        _tr("End"),
        _tr("Energy (kWh)"),
        _tr("Duration"),
        _tr("Stop reason"),
        _tr("Flags"),
    ]


def column_tooltips() -> list[str]:
    """What each column means, for the header's tooltip."""
    return [
        _tr("Session number (the OCPP transaction id)"),
        _tr("Charge point id"),
        _tr("Connector number on the charger"),
        _tr("Who charged: the card's owner or the visitor, and the card (idTag)"),
        _tr("Start, local time"),
        _tr("End, local time; running sessions are still charging"),
        _tr("Energy delivered; live for running sessions"),
        _tr("How long the session has lasted (hours:minutes)"),
        _tr("Why the session ended, as the charger reported it"),
        _tr("Oddities recorded for staff to check; hover for details"),
    ]


def running_word() -> str:
    """What the End column says while a session is still charging."""
    return _tr("running")


@cache
def stop_reason_words() -> dict[str, str]:
    """Every OCPP 1.6 stop reason in words (built once: the table asks for them often)."""
    return stop_reason_table()


def stop_reason_table() -> dict[str, str]:
    """Every OCPP 1.6 stop reason in words, in the language installed now (uncached:
    a file written in English from a German console)."""
    return {
        "EmergencyStop": _tr("Emergency stop"),
        "EVDisconnected": _tr("Car unplugged"),
        "HardReset": _tr("Charger hard reset"),
        "Local": _tr("Stopped at charger"),
        "Other": _tr("Other"),
        "PowerLoss": _tr("Power loss"),
        "Reboot": _tr("Charger restarted"),
        "Remote": _tr("Stopped remotely"),
        "SoftReset": _tr("Charger soft reset"),
        "UnlockCommand": _tr("Connector unlocked"),
        "DeAuthorized": _tr("Card refused"),
        ESTIMATED_STOP: _tr("No stop from the charger"),
    }


# The key of stop_reason_words() for a stop ChargeDesk estimated (no OCPP reason exists).
ESTIMATED_STOP = "(estimated)"


def session_stop_text(session: Session, words: dict[str, str] | None = None) -> str:
    """Why a finished session ended: the charger's reason, or, while ChargeDesk's estimate
    stands, that no stop came (with the reason staff gave)."""
    if not session.stop_estimated:
        return stop_reason_text(session.stop_reason, words)
    text = (words if words is not None else stop_reason_words())[ESTIMATED_STOP]
    return f"{text}: {session.end_note}" if session.end_note else text


def stop_reason_text(reason: str | None, words: dict[str, str] | None = None) -> str:
    """A stop reason in words (an omitted reason means Local, per the 1.6 spec).

    ``words`` lets the export thread pass the words prepared on the GUI thread.
    """
    reason = reason or "Local"
    return (words if words is not None else stop_reason_words()).get(reason, reason)


@cache
def flag_labels() -> dict[str, str]:
    """A few words naming each known flag, for the Flags column (built once)."""
    return flag_table()


def flag_table() -> dict[str, str]:
    """flag_labels() in the language installed now (uncached, like stop_reason_table)."""
    return {
        SessionFlag.INVALID_CARD.value: _tr("Card not valid"),
        SessionFlag.METER_BACKWARDS.value: _tr("Meter went backwards"),
        SessionFlag.SUSPECT_TIMESTAMP.value: _tr("Odd charger time"),
        SessionFlag.STOPPED_BY_CHARGER_BOOT.value: _tr("Closed by restart"),
        SessionFlag.SUPERSEDED.value: _tr("Superseded by a new session"),
        SessionFlag.ENDED_WITHOUT_STOP.value: _tr("Ended without a stop"),
        SessionFlag.ENDED_BY_STAFF.value: _tr("Ended by staff"),
        SessionFlag.READINGS_NEED_REVIEW.value: _tr("Readings need review"),
        SessionFlag.READINGS_KEPT.value: _tr("Odd readings kept by staff"),
        SessionFlag.READINGS_LEFT_OUT.value: _tr("Odd readings left out by staff"),
        SessionFlag.CONNECTOR_MISMATCH.value: _tr("Readings for another connector"),
    }


def flag_explanation(flag: str) -> str:
    """A sentence explaining a flag and what to check, for the tooltip."""
    explanations = {
        SessionFlag.INVALID_CARD.value: _tr(
            "Card not valid: the session was started with a card ChargeDesk would not "
            "accept (unknown, blocked or expired), yet the charger let it charge. "
            "Check who used it."
        ),
        SessionFlag.METER_BACKWARDS.value: _tr(
            "Meter went backwards: the meter reading at the end was lower than at the "
            "start, so the energy is counted as 0 kWh. Check the charger's meter."
        ),
        SessionFlag.SUSPECT_TIMESTAMP.value: _tr(
            "Odd charger time: the charger reported a time far in the future or long ago. "
            "The start or end time may be wrong; check the charger's clock."
        ),
        SessionFlag.STOPPED_BY_CHARGER_BOOT.value: _tr(
            "Closed by restart: the charger restarted during the session and then "
            "reported the connector free without reporting the session's end, so "
            "ChargeDesk closed it at the last meter reading it had."
        ),
        SessionFlag.SUPERSEDED.value: _tr(
            "Superseded by a new session: a new session started on the same connector "
            "while this one had never been reported ended, so ChargeDesk closed it at "
            "the last meter reading it had. The card was not refused for it."
        ),
        SessionFlag.ENDED_WITHOUT_STOP.value: _tr(
            "Ended without a stop: the connector reported Available for a long time but "
            "the charger never reported the session's end, so ChargeDesk closed it at "
            "the last meter reading it had. Check the charger (power loss, reset)."
        ),
        SessionFlag.ENDED_BY_STAFF.value: _tr(
            "Ended by staff: someone ended the session by hand, with the reason shown "
            "under Stop reason, at the last meter reading ChargeDesk had."
        ),
        SessionFlag.READINGS_NEED_REVIEW.value: _tr(
            "Readings need review: the charger sent meter readings that cannot be true "
            "(the register went backwards, or rose faster than a connector can deliver). "
            "They count nowhere and the session has no bill or receipt until someone "
            "decides with Review readings…"
        ),
        SessionFlag.READINGS_KEPT.value: _tr(
            "Odd readings kept by staff: readings that looked impossible were checked and "
            "count in the bill as the charger sent them."
        ),
        SessionFlag.READINGS_LEFT_OUT.value: _tr(
            "Odd readings left out by staff: readings that looked impossible were checked "
            "and the bill uses only the plausible ones."
        ),
        SessionFlag.CONNECTOR_MISMATCH.value: _tr(
            "Readings for another connector: the charger sent readings of this session "
            "under another connector number. They are kept but not counted (the bill "
            "uses the session's own connector and its meter stop). Check the charger's "
            "connector numbering."
        ),
    }
    return explanations.get(flag, _tr("Recorded oddity: ") + flag)


def late_stop_note() -> str:
    """Said under a flag that ended a session when the charger's own stop came later."""
    return _tr(
        "The charger's own StopTransaction arrived later: its meter reading and time "
        "replaced ChargeDesk's estimate."
    )


def flags_text(flags: tuple[str, ...], labels: dict[str, str] | None = None) -> str:
    """Every flag of a session in words, separated by semicolons."""
    known = labels if labels is not None else flag_labels()
    return "; ".join(known.get(flag, flag) for flag in flags)


def fill_session(text: str, session: Session, driver: str = "") -> str:
    """A translated text with %1..%4 filled: session id, charger, connector and who the
    session is for (``driver``: "Anna Hoffmann"; the card id when not given)."""
    for key, value in (
        ("%1", str(session.id)),
        ("%2", session.charger_id),
        ("%3", str(session.connector_id)),
        ("%4", driver or session.id_tag),
    ):
        text = text.replace(key, value)
    return text
