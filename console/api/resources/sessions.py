"""Sessions: the list and one session with its bill, live cost, remote start and stop
followed to their effect, and ending a session a charger never stopped."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from pydantic import AwareDatetime, Field

from console.api.models import ApiModel, Page, QueryModel
from console.api.problems import ApiProblem, not_found
from console.api.resources._common import OutcomeOut, SessionOut, outcome_out, session_out
from console.api.routing import ApiCall, ApiRouter
from console.core.billing import SessionBill
from console.core.money import CostBreakdown, CostKind
from console.core.staff import Permission
from console.services.api_reads_sessions import SessionFilter, session_by_id, session_page
from console.services.queries import SiteQueries
from console.services.sessions import MAX_REASON_LENGTH

router = ApiRouter(
    "sessions",
    "Charging sessions: list, one with its bill, live cost, remote start and stop followed "
    "to their effect, ending a stale session",
)

#: How long a remote start or stop may be followed at most, in seconds.
MAX_WAIT_S = 120.0


class SessionListQuery(QueryModel):
    """Filters and paging of the session list (all filters together)."""

    running: bool | None = Field(
        None, description="true: only running sessions; false: only finished ones"
    )
    charger: str | None = Field(None, min_length=1, max_length=100, description="A charger id")
    card: str | None = Field(
        None, min_length=1, max_length=20, description="A card id (any spelling)"
    )
    since: AwareDatetime | None = Field(
        None, description="Started at or after this time (ISO 8601 with an offset)"
    )
    until: AwareDatetime | None = Field(
        None, description="Started before this time (ISO 8601 with an offset)"
    )
    limit: int = Field(100, ge=1, le=1000, description="Sessions on one page (1 to 1000)")
    offset: int = Field(0, ge=0, le=1_000_000, description="Sessions to skip")


class SessionPage(Page):
    """A page of sessions, newest first."""

    items: list[SessionOut]


class SessionCostLineOut(ApiModel):
    """One line of a session's cost: energy, charging time, idle time, a fee…"""

    kind: CostKind
    window: str | None = Field(None, description="The tariff window whose price applied")
    quantity: Decimal = Field(description="kWh, hours, or 1 for a fee")
    unit_price: Decimal
    amount: Decimal = Field(description="In the tariff's price basis (gross or net)")


class SessionCostOut(ApiModel):
    """What a session costs (or has cost so far) under its tariff, line by line."""

    tariff: str = Field(description="The tariff's name when the cost was computed")
    currency: str
    tax_rate: Decimal
    prices_include_tax: bool
    lines: list[SessionCostLineOut]
    net_total: Decimal
    tax: Decimal
    gross_total: Decimal


class SessionBillOut(ApiModel):
    """The bill of a finished session, fixed when it was billed."""

    tariff_id: int | None
    billed_at: datetime
    energy_wh: float
    group: str | None = Field(None, description="The card's group when it was billed")
    person_id: int | None = None
    department: str | None = None
    visitor_id: int | None = None
    cost: SessionCostOut


class SessionDetailOut(SessionOut):
    """One session, with its bill once it is billed (null while running or unbilled)."""

    bill: SessionBillOut | None = None


class SessionLiveCostOut(ApiModel):
    """What a session has cost so far (running), or its bill's cost (finished)."""

    session_id: int
    running: bool
    read_at: datetime
    energy_wh: int | None = Field(
        None, description="Energy so far from the site state (running) or the session"
    )
    cost: SessionCostOut | None = Field(None, description="Null when no tariff applies")


class StartForCardBody(ApiModel):
    """A remote start for a card on one connector."""

    charger_id: str = Field(min_length=1, max_length=100)
    connector_id: int = Field(ge=1, le=99)
    card: str = Field(min_length=1, max_length=20, description="The card id (idTag)")
    wait_s: float | None = Field(
        None,
        gt=0,
        le=MAX_WAIT_S,
        description="Seconds to follow the start to the session (default 60)",
    )


class SessionFollowQuery(QueryModel):
    """How long a command is followed to its effect."""

    wait_s: float | None = Field(
        None, gt=0, le=MAX_WAIT_S, description="Seconds to wait for the effect (default 60)"
    )


class EndSessionBody(ApiModel):
    """Why staff end a session the charger never stopped."""

    reason: str = Field(min_length=1, max_length=MAX_REASON_LENGTH)


def cost_out(cost: CostBreakdown) -> SessionCostOut:
    """The API form of a cost breakdown."""
    return SessionCostOut(
        tariff=cost.tariff,
        currency=cost.currency,
        tax_rate=cost.tax_rate,
        prices_include_tax=cost.prices_include_tax,
        lines=[
            SessionCostLineOut(
                kind=line.kind,
                window=line.window,
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=line.amount,
            )
            for line in cost.lines
        ],
        net_total=cost.net_total,
        tax=cost.tax,
        gross_total=cost.gross_total,
    )


def bill_out(bill: SessionBill) -> SessionBillOut:
    """The API form of a session's bill."""
    return SessionBillOut(
        tariff_id=bill.tariff_id,
        billed_at=bill.billed_at,
        energy_wh=bill.energy_wh,
        group=bill.group,
        person_id=bill.person_id,
        department=bill.department,
        visitor_id=bill.visitor_id,
        cost=cost_out(bill.breakdown),
    )


@router.get(
    "/api/sessions", summary="Sessions, newest first", query=SessionListQuery, response=SessionPage
)
async def list_sessions(call: ApiCall) -> SessionPage:
    """Filters combine: `running=true&charger=CP-1` lists what runs on CP-1 now. The card
    filter matches every spelling of the id. `since`/`until` bound the start time (ISO
    8601 with an offset; `until` excluded). Ask for the next page with
    `offset=next_offset` until it is null."""
    query: SessionListQuery = call.query
    wanted = SessionFilter(
        running=query.running,
        charger_id=query.charger,
        id_tag=query.card,
        started_since=query.since,
        started_before=query.until,
    )
    if query.since and query.until and query.until <= query.since:
        raise ApiProblem(
            422, "Invalid input", "query.until must be after query.since.", kind="invalid-input"
        )

    # One row more than the page says whether another page follows.
    def build(q: SiteQueries) -> SessionPage:
        rows = session_page(q, wanted, query.offset, query.limit + 1)
        more = len(rows) > query.limit
        return SessionPage(
            items=[session_out(session) for session in rows[: query.limit]],
            next_offset=query.offset + query.limit if more else None,
        )

    return await call.read(build)  # the answer is built off the engine loop too


@router.get(
    "/api/sessions/{session_id:int}",
    summary="One session with its bill",
    response=SessionDetailOut,
    errors=(404,),
)
async def get_session(call: ApiCall) -> SessionDetailOut:
    """A finished session is billed moments after its StopTransaction: `bill` is null
    until then, and for sessions no tariff applies to. The receipt is a separate
    document (see the receipts operations)."""
    session_id: int = call.path["session_id"]
    session = await call.read(lambda q: session_by_id(q, session_id))
    if session is None:
        raise not_found(f"session {session_id}")
    bill = None if session.running else await call.read(lambda q: q.bill(session_id))
    out = session_out(session)
    return SessionDetailOut(**out.model_dump(), bill=bill_out(bill) if bill is not None else None)


@router.get(
    "/api/sessions/{session_id:int}/cost",
    summary="What a session has cost so far",
    response=SessionLiveCostOut,
    errors=(404,),
)
async def get_session_cost(call: ApiCall) -> SessionLiveCostOut:
    """For a running session, the cost up to now under its tariff (the figure the
    console's session bar shows, computed the same way); for a finished one, its bill's
    cost once billed. `cost` is null when no tariff applies. Poll it every few seconds at
    most: each call reads the session's meter samples."""
    session_id: int = call.path["session_id"]
    session = await call.read(lambda q: session_by_id(q, session_id))
    if session is None:
        raise not_found(f"session {session_id}")
    cost = await call.engine.billing.cost_so_far(session_id)
    energy: float | None = session.energy_wh
    if session.running:
        charger = call.engine.site.chargers.get(session.charger_id)
        state = charger.connectors.get(session.connector_id) if charger else None
        if state is not None and state.transaction_id == session_id:
            energy = state.session_energy_wh
    return SessionLiveCostOut(
        session_id=session_id,
        running=session.running,
        read_at=datetime.now(UTC),
        energy_wh=None if energy is None else int(energy),
        cost=cost_out(cost) if cost is not None else None,
    )


@router.post(
    "/api/sessions/start",
    summary="Start a session for a card (remote start, followed to the session)",
    needs=Permission.SESSIONS,
    body=StartForCardBody,
    response=OutcomeOut,
    errors=(403, 404),
)
async def start_session_for_card(call: ApiCall) -> OutcomeOut:
    """Sends RemoteStartTransaction and, when the charger accepts (only a promise),
    waits up to `wait_s` seconds for what really happens: `follow_up.kind` is `started`
    (with the session), `card_refused` (with why), or `not_started`. The call returns
    when that is known, so allow your HTTP client `wait_s` plus a few seconds. A charger
    that is offline, refuses or does not answer is an outcome too (`effect`), not an
    HTTP error. The card is not checked first: the charger asks ChargeDesk about it."""
    body: StartForCardBody = call.body
    if body.charger_id not in call.engine.site.chargers:
        raise not_found(f"charger {body.charger_id}")
    outcome = await call.engine.follow_through.start_session(
        body.charger_id, body.connector_id, body.card.strip(), body.wait_s, actor=call.actor
    )
    return outcome_out(outcome, body.charger_id)


@router.post(
    "/api/sessions/{session_id:int}/stop",
    summary="Stop a running session (remote stop, followed to its end)",
    needs=Permission.SESSIONS,
    query=SessionFollowQuery,
    response=OutcomeOut,
    errors=(403, 404, 409),
)
async def stop_session(call: ApiCall) -> OutcomeOut:
    """Sends RemoteStopTransaction to the session's charger and waits up to `wait_s`
    seconds for its StopTransaction: `follow_up.kind` is `stopped` (with the session's
    energy, and `cost` once billed) or `not_stopped`. A session that has already ended
    is a 409. A charger that no longer answers never stops it: end it instead
    (`POST /api/sessions/{session_id}/end`)."""
    session_id: int = call.path["session_id"]
    wait: float | None = call.query.wait_s
    session = await call.read(lambda q: session_by_id(q, session_id))
    if session is None:
        raise not_found(f"session {session_id}")
    if not session.running:
        raise ApiProblem(
            409, "Not possible now", f"Session {session_id} has already ended.", kind="session"
        )
    outcome = await call.engine.follow_through.stop_session(session_id, wait, actor=call.actor)
    return outcome_out(outcome, session.charger_id)


@router.post(
    "/api/sessions/{session_id:int}/end",
    summary="End a session the charger never stopped",
    needs=Permission.SESSIONS,
    body=EndSessionBody,
    response=SessionOut,
    errors=(403, 404, 409),
)
async def end_stale_session(call: ApiCall) -> SessionOut:
    """For a session left running by a charger that lost power or was reset: it is
    ended now with the reason, flagged "ended by staff", with an estimated stop (the last
    energy reading stored). Nothing is sent to the charger; if its StopTransaction comes
    later, it still counts. A session that has already ended is a 409."""
    session_id: int = call.path["session_id"]
    body: EndSessionBody = call.body
    session = await call.read(lambda q: session_by_id(q, session_id))
    if session is None:
        raise not_found(f"session {session_id}")
    ended = await call.engine.sessions.end_session(session_id, body.reason, actor=call.actor)
    return session_out(ended)
