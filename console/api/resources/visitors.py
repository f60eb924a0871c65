"""Visitors: drivers without a card. The price quote, starting a session for a visitor
with a one-time token (followed to the session), and the list of visitors."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import Field

from console.api.models import ApiModel, Page, PageQuery, page_of
from console.api.problems import ApiProblem, not_found
from console.api.resources._common import OutcomeOut, outcome_out
from console.api.routing import ApiCall, ApiRouter
from console.core.billing import Visitor
from console.core.staff import Permission
from console.services.price_quote import PriceQuote

router = ApiRouter(
    "visitors",
    "Drivers without a card: the price quote, a session started with a one-time token, "
    "the visitors so far",
)

MAX_WAIT_S = 120.0


class VisitorQuoteOut(ApiModel):
    """The price a visitor pays now, with an example charge under the tariff's rules."""

    tariff: str = Field(description="The tariff's name (the visitor tariff, else the default)")
    currency: str
    at: datetime = Field(description="When the prices were read")
    window: str | None = Field(None, description="The tariff window in force now, if any")
    energy_price: Decimal = Field(description="Per kWh, now")
    time_price: Decimal = Field(description="Per hour of charging, now")
    idle_price: Decimal = Field(description="Per hour idle after the grace period")
    session_fee: Decimal
    prices_include_tax: bool
    tax_rate: Decimal
    example_kwh: Decimal
    example_power_kw: Decimal
    example_hours: Decimal
    example_cost: Decimal = Field(
        description="What charging example_kwh from now would cost (fee, minimum, maximum "
        "included), gross"
    )


class VisitorOut(ApiModel):
    """A visitor and the one-time card (token) their session runs on."""

    id: int | None
    token: str = Field(description="The one-time card id sent to the charger")
    charger_id: str
    connector_id: int
    created_at: datetime
    name: str | None = None
    plate: str | None = None
    phone: str | None = None
    email: str | None = None
    session_id: int | None = Field(None, description="The session it started, once started")


class VisitorPage(Page):
    """A page of visitors, newest first."""

    items: list[VisitorOut]


class VisitorStartBody(ApiModel):
    """Where the visitor charges, and who they are (all optional, for the receipt)."""

    charger_id: str = Field(min_length=1, max_length=100)
    connector_id: int = Field(ge=1, le=99)
    name: str | None = Field(None, max_length=200)
    plate: str | None = Field(None, max_length=32, description="Licence plate")
    phone: str | None = Field(None, max_length=64)
    email: str | None = Field(None, max_length=254)
    wait_s: float | None = Field(
        None,
        gt=0,
        le=MAX_WAIT_S,
        description="Seconds to follow the start to the session (default 60)",
    )


class VisitorStartOut(ApiModel):
    """The visitor (with the token) and what became of the remote start."""

    visitor: VisitorOut
    outcome: OutcomeOut


def quote_out(quote: PriceQuote) -> VisitorQuoteOut:
    """The API form of a price quote."""
    tariff = quote.tariff
    return VisitorQuoteOut(
        tariff=tariff.name,
        currency=quote.currency,
        at=quote.at,
        window=quote.window.name if quote.window is not None else None,
        energy_price=quote.energy_price,
        time_price=quote.time_price,
        idle_price=tariff.idle_price,
        session_fee=tariff.session_fee,
        prices_include_tax=tariff.prices_include_tax,
        tax_rate=tariff.tax_rate,
        example_kwh=quote.example_kwh,
        example_power_kw=quote.example_power_kw,
        example_hours=quote.example_hours,
        example_cost=quote.example_cost,
    )


def visitor_out(visitor: Visitor) -> VisitorOut:
    """The API form of a visitor."""
    return VisitorOut.model_validate(visitor)


@router.get(
    "/api/visitors/quote",
    summary="The price a visitor pays now",
    response=VisitorQuoteOut,
    errors=(409,),
)
async def get_visitor_quote(call: ApiCall) -> VisitorQuoteOut:
    """What the console's visitor dialog quotes before a start: the visitor tariff (else
    the site default) with the prices in force now and an example charge. A 409 says no
    tariff applies to visitors (their sessions would not be billed)."""
    quote = await call.read(lambda q: q.visitor_quote())
    if quote is None:
        raise ApiProblem(
            409,
            "Not possible now",
            "No tariff applies to visitors: set a visitor tariff or a site default tariff.",
            kind="no-tariff",
        )
    return quote_out(quote)


@router.get(
    "/api/visitors",
    summary="Visitors, newest first",
    needs=Permission.VISITORS,
    query=PageQuery,
    response=VisitorPage,
)
async def list_visitors(call: ApiCall) -> VisitorPage:
    """Every visitor a session was started for, with their token and, once it started,
    the session. Names, plates, phones and e-mails are personal data: this list needs
    the desk role."""
    query: PageQuery = call.query
    rows = await call.read(lambda q: q.visitors(limit=query.offset + query.limit + 1))
    items, next_offset = page_of(rows, query)
    return VisitorPage(items=[visitor_out(v) for v in items], next_offset=next_offset)


@router.post(
    "/api/visitors/start",
    summary="Start a session for a visitor (one-time token, followed to the session)",
    needs=Permission.VISITORS,
    body=VisitorStartBody,
    response=VisitorStartOut,
    errors=(403, 404),
)
async def start_session_for_visitor(call: ApiCall) -> VisitorStartOut:
    """Makes a one-time token for the visitor, sends RemoteStartTransaction with it and
    follows the promise to the session for up to `wait_s` seconds, as the console's
    visitor button does: `outcome.follow_up.kind` is `started`, `card_refused` or
    `not_started`. The session is billed at the visitor tariff when it ends (see
    `GET /api/visitors/quote`). A refused or unanswered start retires the token at once;
    an accepted one that never starts expires after 15 minutes."""
    body: VisitorStartBody = call.body
    if body.charger_id not in call.engine.site.chargers:
        raise not_found(f"charger {body.charger_id}")
    visitor, outcome = await call.engine.follow_through.start_visitor(
        body.charger_id,
        body.connector_id,
        body.name,
        body.plate,
        body.phone,
        body.email,
        wait=body.wait_s,
        actor=call.actor,
    )
    return VisitorStartOut(
        visitor=visitor_out(visitor), outcome=outcome_out(outcome, body.charger_id)
    )
