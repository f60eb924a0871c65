"""Which tariff a session pays, and what it costs under it (reads only; no writes).

The tariff is chosen when the session is billed, by the card's group then: visitors (a
one-time token, or a card of the visitor group) pay the visitor tariff, a group with a
tariff pays that, everyone else the site default. Without any of these there is no bill.

Readings that cannot be true (``core.readings``) are left out of every cost, and a
finished session with such readings gets no bill, so no receipt, until staff have looked
at them and decided (``BillingService.decide_readings``): keep them, or leave them out.
Holding is the safer choice: a bill made from the plausible readings and marked could be
printed and paid before anyone read the mark.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection

from console.core.authorization import normalize_id_tag
from console.core.billing import SessionBill
from console.core.enums import SessionFlag
from console.core.model import Session
from console.core.money import CostBreakdown
from console.core.readings import check_readings
from console.core.tariffs import SessionUsage, Tariff, cost_of
from console.storage import cards as card_repo
from console.storage import people as people_repo
from console.storage import tariffs as tariff_repo
from console.storage import visitors as visitor_repo
from console.storage.samples import power_ceiling_w
from console.storage.usage import usage_of


@dataclass(frozen=True, slots=True)
class Pricing:
    """The tariff a session pays and who is billed, as known at billing time."""

    tariff_id: int
    tariff: Tariff
    id_tag: str
    group: str | None
    person_id: int | None
    department: str | None
    visitor_id: int | None


def _tariff_id(connection: Connection, group: str | None, visitor: bool) -> int | None:
    chosen = tariff_repo.visitor_tariff_id(connection) if visitor else None
    if chosen is None and group is not None:
        chosen = tariff_repo.tariff_id_of_group(connection, group)
    return chosen if chosen is not None else tariff_repo.default_tariff_id(connection)


def pricing_of(connection: Connection, session: Session) -> Pricing | None:
    """The tariff of a session's card as things stand now; None when no tariff applies."""
    card = card_repo.get_card(connection, session.id_tag)
    group = None if card is None else card.parent_id_tag
    visitor = visitor_repo.visitor_by_token(connection, session.id_tag)
    visitor_group = normalize_id_tag(tariff_repo.visitor_group(connection))
    is_visitor = visitor is not None or (
        group is not None and normalize_id_tag(group) == visitor_group
    )
    tariff_id = _tariff_id(connection, group, is_visitor)
    stored = None if tariff_id is None else tariff_repo.get_tariff(connection, tariff_id)
    if stored is None:
        return None
    person = None
    if card is not None and card.person_id is not None:
        person = people_repo.get_person(connection, card.person_id)
    return Pricing(
        tariff_id=stored.id,
        tariff=stored.tariff,
        id_tag=session.id_tag,
        group=group,
        person_id=None if person is None else person.id,
        department=None if person is None else person.department,
        visitor_id=None if visitor is None else visitor.id,
    )


def decided(session: Session) -> bool:
    """True once staff decided on the session's implausible readings."""
    return (
        SessionFlag.READINGS_KEPT.value in session.flags
        or SessionFlag.READINGS_LEFT_OUT.value in session.flags
    )


def checked_usage(
    connection: Connection, session: Session, now: datetime
) -> tuple[SessionUsage, bool]:
    """What the session used, from the readings that count, and whether it waits for staff.

    Implausible readings count only once staff chose to keep them; until staff decide,
    a session that has any waits (True).
    """
    usage = usage_of(connection, session, now)
    if SessionFlag.READINGS_KEPT.value in session.flags:
        return usage, False
    check = check_readings(usage.readings, power_ceiling_w(connection))
    if not check.implausible:
        return usage, False
    return replace(usage, readings=check.plausible), not decided(session)


def held_for_review(connection: Connection, session: Session, now: datetime) -> bool:
    """True when the session has implausible readings staff have not decided on."""
    if decided(session):
        return False
    return checked_usage(connection, session, now)[1]


def cost_so_far(connection: Connection, session: Session, now: datetime) -> CostBreakdown | None:
    """What a session costs (so far, while running) under the tariff it would pay now,
    leaving out readings that cannot be true unless staff kept them."""
    pricing = pricing_of(connection, session)
    if pricing is None:
        return None
    return cost_of(pricing.tariff, checked_usage(connection, session, now)[0], now)


def bill_of(connection: Connection, session: Session, now: datetime) -> SessionBill | None:
    """The bill of a finished session, computed now (not stored); None without a tariff,
    and None while implausible readings wait for staff (``held_for_review``)."""
    if session.stopped_at is None:
        raise ValueError(f"session {session.id} is still running")
    pricing = pricing_of(connection, session)
    if pricing is None:
        return None
    usage, held = checked_usage(connection, session, now)
    if held:
        return None
    breakdown = cost_of(pricing.tariff, usage)
    return SessionBill(
        session_id=session.id,
        tariff_id=pricing.tariff_id,
        breakdown=breakdown,
        energy_wh=float(breakdown.energy_kwh * 1000),
        id_tag=pricing.id_tag,
        group=pricing.group,
        person_id=pricing.person_id,
        department=pricing.department,
        visitor_id=pricing.visitor_id,
        billed_at=now,
    )
