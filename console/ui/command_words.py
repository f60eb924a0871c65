"""What a command's outcome means, in a sentence a person understands: one table for
every page that shows one (the overview's actions, the technician's pages, the logs).

The meaning of an answer depends on the command: "Unlocked" is UnlockConnector's success,
"Scheduled" means ChangeAvailability takes effect when the running session ends,
"RebootRequired" that a setting was saved but needs a restart. ``outcome_words`` gives
the sentence and the kind of message it is (the kinds of console/ui/message_bar.py):

- ok: the person's wish happened (it may fade);
- info: accepted, and it takes effect later, or nothing to worry about;
- warning: it may not have happened (no session came, not supported): look at it;
- failed: it did not happen, and why.

Where ChargeDesk followed a promise to its effect (remote start and stop, see
services/follow_through.py), the sentence is about the effect, not the promise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from console.core.clock import utcnow
from console.core.commands import FollowUpKind, OutcomeEffect
from console.core.enums import CommandResult
from console.core.model import CommandOutcome, FollowUp
from console.services.quantities import DurationWords, format_duration
from console.ui.locale_format import format_kwh, format_money

_CONTEXT = "CommandWords"

KIND_OF_EFFECT = {
    OutcomeEffect.DONE: "ok",
    OutcomeEffect.LATER: "info",
    OutcomeEffect.REFUSED: "failed",
    OutcomeEffect.NOT_SUPPORTED: "warning",
    OutcomeEffect.NO_ANSWER: "failed",
    OutcomeEffect.ERROR: "failed",
}
SYMBOL_OF_KIND = {"ok": "✓", "info": "\u2139", "warning": "⚠", "failed": "✕"}


def tr(text: str) -> str:
    """Translate a command word or sentence (context "CommandWords")."""
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass(frozen=True, slots=True)
class OutcomeWords:
    """A command's outcome as shown: the kind of message, a short word and a sentence."""

    kind: str  # ok, info, warning, failed
    word: str  # for a table cell: "Unlocked", "Scheduled", "Refused"…
    sentence: str  # for a message: what happened, and what it means

    @property
    def symbol(self) -> str:
        """A symbol for the kind, so colour is never the only sign."""
        return SYMBOL_OF_KIND.get(self.kind, "")


def _answered(action: str | None, status: str | None) -> str | None:
    """The sentence for a charger's answer to one action, if the table has one."""
    table: dict[tuple[str, str], str] = {
        ("RemoteStartTransaction", "Accepted"): tr(
            "The charger accepted and will start the session when the car is ready"
        ),
        ("RemoteStartTransaction", "Rejected"): tr(
            "Refused by the charger: the connector may be in use, reserved or out of order"
        ),
        ("RemoteStopTransaction", "Accepted"): tr("The charger accepted and ends the session"),
        ("RemoteStopTransaction", "Rejected"): tr(
            "Refused by the charger: it has no such session running (it may have ended)"
        ),
        ("UnlockConnector", "Unlocked"): tr("Unlocked: the cable can be taken out"),
        ("UnlockConnector", "UnlockFailed"): tr(
            "The charger could not unlock the connector: check the cable and the lock"
        ),
        ("UnlockConnector", "NotSupported"): tr(
            "This charger cannot unlock its connectors remotely"
        ),
        ("Reset", "Accepted"): tr("The charger is restarting"),
        ("Reset", "Rejected"): tr("Refused by the charger: it does not restart now"),
        ("ClearCache", "Accepted"): tr("The charger's card cache was emptied"),
        ("ClearCache", "Rejected"): tr("Refused by the charger: its card cache was not emptied"),
        ("TriggerMessage", "Accepted"): tr("The charger will send the message now"),
        ("TriggerMessage", "Rejected"): tr("Refused by the charger: it sends nothing now"),
        ("TriggerMessage", "NotImplemented"): tr(
            "This charger cannot send that message on request"
        ),
        ("ExtendedTriggerMessage", "Accepted"): tr("The charger will send the message now"),
        ("ExtendedTriggerMessage", "Rejected"): tr("Refused by the charger: it sends nothing now"),
        ("ExtendedTriggerMessage", "NotImplemented"): tr(
            "This charger cannot send that message on request"
        ),
        ("InstallCertificate", "Accepted"): tr("The charger installed the certificate"),
        ("InstallCertificate", "Rejected"): tr(
            "Refused by the charger: the certificate is not valid for it"
        ),
        ("InstallCertificate", "Failed"): tr(
            "The charger could not store the certificate (its store may be full)"
        ),
        ("DeleteCertificate", "Accepted"): tr("The charger deleted the certificate"),
        ("DeleteCertificate", "Failed"): tr(
            "The charger kept the certificate (it may be the one it is using)"
        ),
        ("DeleteCertificate", "NotFound"): tr("The charger does not hold that certificate"),
        ("ChangeConfiguration", "Accepted"): tr("Setting changed"),
        ("ChangeConfiguration", "RebootRequired"): tr(
            "Setting saved: it takes effect when the charger restarts"
        ),
        ("ChangeConfiguration", "Rejected"): tr(
            "Refused by the charger: the value is not allowed or the setting is read-only"
        ),
        ("ChangeConfiguration", "NotSupported"): tr("This charger does not know that setting"),
        ("DataTransfer", "Accepted"): tr("The charger accepted the data"),
        ("DataTransfer", "Rejected"): tr("Refused by the charger"),
        ("DataTransfer", "UnknownVendorId"): tr("The charger does not know that vendor id"),
        ("DataTransfer", "UnknownMessageId"): tr("The charger does not know that message id"),
        ("ReserveNow", "Accepted"): tr("Reserved"),
        ("ReserveNow", "Faulted"): tr("Not reserved: the connector is faulted"),
        ("ReserveNow", "Occupied"): tr("Not reserved: the connector is in use"),
        ("ReserveNow", "Rejected"): tr("Not reserved: the charger takes no reservations"),
        ("ReserveNow", "Unavailable"): tr("Not reserved: the connector is out of use"),
        ("CancelReservation", "Accepted"): tr("Reservation cancelled"),
        ("CancelReservation", "Rejected"): tr(
            "Refused by the charger: it knows no such reservation"
        ),
        ("SetChargingProfile", "Accepted"): tr("Charging limit installed"),
        ("SetChargingProfile", "Rejected"): tr("Refused by the charger: the limit was not set"),
        ("SetChargingProfile", "NotSupported"): tr("This charger does not take charging limits"),
        ("ClearChargingProfile", "Accepted"): tr("Charging limits removed"),
        ("ClearChargingProfile", "Unknown"): tr("No charging limit matched: nothing removed"),
        ("SendLocalList", "Accepted"): tr("The local card list was sent"),
        ("SendLocalList", "Failed"): tr("The charger could not store the local card list"),
        ("SendLocalList", "NotSupported"): tr("This charger keeps no local card list"),
        ("SendLocalList", "VersionMismatch"): tr(
            "The charger's local card list was not the version expected: it is sent whole next time"
        ),
    }
    return table.get((action or "", status or ""))


def _availability(outcome: CommandOutcome, target: str, available: bool | None) -> str | None:
    if outcome.action != "ChangeAvailability" or outcome.result is not CommandResult.ANSWERED:
        return None
    status = outcome.status
    if status == "Scheduled":
        text = (
            tr("%1 will become available when the running session ends")
            if available
            else tr("%1 will become unavailable when the running session ends")
        )
    elif status == "Accepted":
        text = tr("%1 is now available") if available else tr("%1 is now unavailable")
        if available is None:
            text = tr("%1: availability changed")
    elif status == "Rejected":
        text = tr("Refused by the charger: %1 keeps its availability")
    else:
        return None
    return text.replace("%1", target)


def _without_answer(outcome: CommandOutcome, charger_id: str) -> str:
    result = outcome.result
    if result is CommandResult.OFFLINE:
        return tr("%1 is offline: nothing was sent").replace("%1", charger_id)
    if result is CommandResult.TIMEOUT:
        return tr(
            "%1 did not answer in time: it may or may not have done it; look at its status"
        ).replace("%1", charger_id)
    if result is CommandResult.NOT_SUPPORTED:
        return tr("%1 does not support this command").replace("%1", charger_id)
    if result is CommandResult.CALL_ERROR:
        return (
            tr("%1 answered with an error: %2")
            .replace("%1", charger_id)
            .replace("%2", outcome.error or tr("no reason given"))
        )
    return tr("Not done: %1").replace("%1", outcome.error or tr("the request was not valid"))


def _word(outcome: CommandOutcome) -> str:
    words = {
        CommandResult.OFFLINE: tr("Offline"),
        CommandResult.TIMEOUT: tr("No answer"),
        CommandResult.NOT_SUPPORTED: tr("Not supported"),
        CommandResult.CALL_ERROR: tr("Error"),
        CommandResult.INVALID: tr("Not sent"),
    }
    if outcome.result is CommandResult.ANSWERED:
        return outcome.status or tr("Done")
    return words[outcome.result]


def _generic(outcome: CommandOutcome) -> str:
    status = outcome.status or ""
    effect = outcome.effect
    if effect is OutcomeEffect.DONE:
        return tr("Done") if not status else tr("Accepted by the charger")
    if effect is OutcomeEffect.LATER:
        return tr("Accepted: it takes effect later (%1)").replace("%1", status)
    if effect is OutcomeEffect.NOT_SUPPORTED:
        return tr("This charger does not support this (%1)").replace("%1", status)
    return tr("Refused by the charger (%1)").replace("%1", status)


def energy_words(energy_wh: float | int | None) -> str:
    """Energy as people read it: kWh with three decimals ("2.657 kWh")."""
    if energy_wh is None:
        return ""
    return f"{format_kwh(Decimal(energy_wh) / 1000)} {tr('kWh')}"


def duration_words(started_at: datetime, now: datetime | None = None) -> str:
    """How long something has run, as people say it: "38 s", "42 min", "1 h 02 min"."""
    seconds = max(0.0, ((now or utcnow()) - started_at).total_seconds())
    words = DurationWords(tr("%1 s"), tr("%1 min"), tr("%1 h %2 min"))
    return format_duration(seconds / 3600, words)


def follow_up_words(follow: FollowUp, card: str = "") -> OutcomeWords:
    """What came of a remote start or stop the charger had accepted."""
    who = follow.person or card
    seconds = f"{follow.waited_s:g}"
    if follow.kind is FollowUpKind.STARTED:
        text = tr("Session started for %1").replace("%1", who) if who else tr("Session started")
        return OutcomeWords("ok", tr("Started"), text)
    if follow.kind is FollowUpKind.CARD_REFUSED:
        reason = follow.refusal or tr("refused")
        text = tr("Card refused by the charger: %1").replace("%1", reason)
        return OutcomeWords("failed", tr("Card refused"), text)
    if follow.kind is FollowUpKind.NOT_STARTED:
        text = tr("The charger accepted but no session started within %1 s").replace("%1", seconds)
        return OutcomeWords("warning", tr("No session"), text)
    if follow.kind is FollowUpKind.NOT_STOPPED:
        text = tr("The charger accepted but reported no end of the session within %1 s")
        return OutcomeWords("warning", tr("Not ended"), text.replace("%1", seconds))
    parts = [tr("Session ended")]
    session = follow.session
    if session is not None and session.energy_wh is not None:
        parts.append(energy_words(session.energy_wh))
    if follow.cost is not None and follow.currency:
        parts.append(format_money(follow.cost, follow.currency))
    else:
        parts.append(tr("not billed yet"))
    return OutcomeWords("ok", tr("Ended"), " · ".join(parts))


def outcome_words(
    outcome: CommandOutcome,
    charger_id: str = "",
    *,
    target: str = "",
    available: bool | None = None,
    card: str = "",
) -> OutcomeWords:
    """The kind, word and sentence of a command's outcome.

    ``target`` names what the command was for ("P1-AC-02, connector 2"; default the
    charger), ``available`` the availability asked for (ChangeAvailability), ``card``
    the card id of a start when no person is known.
    """
    if outcome.follow_up is not None and outcome.accepted:
        return follow_up_words(outcome.follow_up, card)
    kind = KIND_OF_EFFECT[outcome.effect]
    word = _word(outcome)
    if outcome.result is not CommandResult.ANSWERED:
        return OutcomeWords(kind, word, _without_answer(outcome, charger_id or tr("The charger")))
    availability = _availability(outcome, target or charger_id, available)
    sentence = availability or _answered(outcome.action, outcome.status) or _generic(outcome)
    if kind == "ok" and outcome.action == "RemoteStartTransaction":
        kind = "info"  # only a promise: the session has not started yet
    return OutcomeWords(kind, word, sentence)


def outcome_message(
    charger_id: str,
    title: str,
    outcome: CommandOutcome,
    *,
    target: str = "",
    available: bool | None = None,
    card: str = "",
) -> tuple[str, str]:
    """(kind, text) for a message bar: "P1-AC-02 — Unlock connector 2: Unlocked: …"."""
    words = outcome_words(outcome, charger_id, target=target, available=available, card=card)
    return words.kind, f"{charger_id} — {title}: {words.sentence}"
