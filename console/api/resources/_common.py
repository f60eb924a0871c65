"""Models and words several resources share: sessions, and what became of a command.

A command's answer is not an HTTP error: the request was carried out, and ``outcome``
says what the charger did (``effect``), in the same terms the console shows, with the
charger's own status and reply; where the answer was only a promise (a remote start),
``follow_up`` says what really happened.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import Field

from console.api.models import ApiModel
from console.core.commands import FollowUpKind, OutcomeEffect
from console.core.enums import CommandResult
from console.core.model import CommandOutcome, FollowUp, Session


class SessionOut(ApiModel):
    """A charging session (an OCPP 1.6 transaction), running or finished."""

    id: int = Field(description="The transaction id ChargeDesk gave it")
    charger_id: str
    connector_id: int
    id_tag: str = Field(description="The card (idTag) it runs on")
    started_at: datetime
    meter_start: int = Field(description="Energy register at the start, Wh")
    stopped_at: datetime | None = None
    meter_stop: int | None = None
    energy_wh: int | None = Field(None, description="Energy delivered; null while running")
    stop_reason: str | None = None
    stop_id_tag: str | None = None
    flags: list[str] = Field(default_factory=list, description="Oddities recorded")
    stop_estimated: bool = False
    end_note: str | None = None
    running: bool


def session_out(session: Session) -> SessionOut:
    """The API form of a core session."""
    return SessionOut(
        id=session.id,
        charger_id=session.charger_id,
        connector_id=session.connector_id,
        id_tag=session.id_tag,
        started_at=session.started_at,
        meter_start=session.meter_start,
        stopped_at=session.stopped_at,
        meter_stop=session.meter_stop,
        energy_wh=session.energy_wh,
        stop_reason=session.stop_reason,
        stop_id_tag=session.stop_id_tag,
        flags=list(session.flags),
        stop_estimated=session.stop_estimated,
        end_note=session.end_note,
        running=session.running,
    )


class FollowUpOut(ApiModel):
    """What came of a charger's promise (a remote start or stop)."""

    kind: FollowUpKind
    waited_s: float
    session: SessionOut | None = None
    person: str | None = None
    refusal: str | None = None
    cost: Decimal | None = None
    currency: str | None = None


class OutcomeOut(ApiModel):
    """What became of a command sent to a charger."""

    effect: OutcomeEffect = Field(
        description="done, later, refused, not_supported, no_answer or error"
    )
    result: CommandResult = Field(description="How the charger answered, if it did")
    status: str | None = Field(None, description="The status the charger answered")
    action: str | None = Field(None, description="The OCPP action sent")
    error: str | None = Field(None, description="The CALLERROR code or ChargeDesk's words")
    reply: dict[str, Any] = Field(default_factory=dict, description="The charger's reply")
    follow_up: FollowUpOut | None = None
    message: str = Field(description="What happened, in words for a person")


def follow_up_out(follow_up: FollowUp | None) -> FollowUpOut | None:
    """The API form of a follow-up."""
    if follow_up is None:
        return None
    return FollowUpOut(
        kind=follow_up.kind,
        waited_s=follow_up.waited_s,
        session=session_out(follow_up.session) if follow_up.session else None,
        person=follow_up.person,
        refusal=follow_up.refusal,
        cost=follow_up.cost,
        currency=follow_up.currency,
    )


def outcome_out(outcome: CommandOutcome, charger_id: str = "") -> OutcomeOut:
    """The API form of a command's outcome, with its meaning in words."""
    return OutcomeOut(
        effect=outcome.effect,
        result=outcome.result,
        status=outcome.status,
        action=outcome.action,
        error=outcome.error,
        reply=dict(outcome.details),
        follow_up=follow_up_out(outcome.follow_up),
        message=outcome_message(outcome, charger_id),
    )


_FOLLOW_WORDS = {
    FollowUpKind.STARTED: "the session started",
    FollowUpKind.CARD_REFUSED: "the card was refused",
    FollowUpKind.NOT_STARTED: "no session started",
    FollowUpKind.STOPPED: "the session stopped",
    FollowUpKind.NOT_STOPPED: "the session did not stop",
}


def outcome_message(outcome: CommandOutcome, charger_id: str = "") -> str:
    """One sentence: what the charger did, and what came of it when it was a promise."""
    who = charger_id or "The charger"
    action = outcome.action or "the command"
    effect = outcome.effect
    if outcome.result is CommandResult.OFFLINE:
        text = f"{who} is not connected: {action} was not sent."
    elif outcome.result is CommandResult.TIMEOUT:
        text = f"{who} did not answer {action} in time: nothing is known."
    elif effect is OutcomeEffect.NOT_SUPPORTED:
        text = f"{who} does not support {action}."
    elif effect is OutcomeEffect.ERROR:
        text = f"{action} failed: {outcome.error or outcome.status or 'error'}."
    elif effect is OutcomeEffect.REFUSED:
        text = f"{who} refused {action} ({outcome.status})."
    elif effect is OutcomeEffect.LATER:
        text = f"{who} accepted {action}; it takes effect later ({outcome.status})."
    else:
        text = f"{who} accepted {action}."
    follow = outcome.follow_up
    if follow is not None:
        words = _FOLLOW_WORDS.get(follow.kind, follow.kind.value)
        text += f" Then {words}"
        if follow.refusal:
            text += f" ({follow.refusal})"
        if follow.kind in (FollowUpKind.NOT_STARTED, FollowUpKind.NOT_STOPPED):
            text += f" within {follow.waited_s:.0f} s"
        text += "."
    return text
