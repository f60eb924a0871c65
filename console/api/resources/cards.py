"""Cards: what the console's Cards tab does (list, register, edit, block, unblock, retire,
history, refused cards) and the card CSV file (export, import with a dry run)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from aiohttp import web
from pydantic import Field

from console.api.models import ApiModel, Page, PageQuery, QueryModel, page_of
from console.api.problems import ApiProblem, not_found
from console.api.resources._cards_common import (
    CardHistoryOut,
    CardOut,
    card_out,
    history_out,
)
from console.api.routing import ApiCall, ApiRouter
from console.core.authorization import normalize_id_tag
from console.core.cards import ID_TAG_MAX_LENGTH, expiry_at_end_of
from console.core.enums import AuthorizationStatus, BlockReason, CardStatus
from console.core.model import Card, Person
from console.core.staff import Permission
from console.services.api_reads_cards import cards_and_owners, cards_csv_text, plan_card_import
from console.services.card_csv import CardChange, ImportPlan, ImportResult

router = ApiRouter(
    "cards",
    "Cards (RFID cards, idTags): register, edit, block, retire, their history, refused "
    "cards, and the card CSV file",
)

CSV = "text/csv"


class CardListQuery(PageQuery):
    """Filters and paging of the card list (all filters together)."""

    status: list[CardStatus] | None = Field(
        None, description="Only cards with these statuses (repeat: status=active&status=blocked)"
    )
    group: str | None = Field(None, max_length=ID_TAG_MAX_LENGTH, description="Only this group")
    person_id: int | None = Field(None, ge=1, description="Only the cards of this person")
    search: str | None = Field(
        None, min_length=1, max_length=100, description="Text in the id, owner's name or note"
    )


class CardPage(Page):
    """A page of cards, ordered by id."""

    items: list[CardOut]


class CardCreateBody(ApiModel):
    """A card to register (active from now on)."""

    id_tag: str = Field(min_length=1, max_length=ID_TAG_MAX_LENGTH, description="The card id")
    group: str | None = Field(None, max_length=ID_TAG_MAX_LENGTH)
    valid_until: date | None = Field(
        None, description="Last day valid (YYYY-MM-DD); null: never expires"
    )
    max_concurrent: int = Field(1, ge=0, le=99, description="Sessions at once; 0: no limit")
    person_id: int | None = Field(None, ge=1, description="The owner (a person's id)")
    note: str | None = Field(None, max_length=500)


class CardEditBody(ApiModel):
    """The fields to change; fields left out stay as they are, null clears one."""

    group: str | None = Field(None, max_length=ID_TAG_MAX_LENGTH)
    valid_until: date | None = Field(None, description="Last day valid; null: never expires")
    max_concurrent: int = Field(1, ge=0, le=99)
    person_id: int | None = Field(None, ge=1)
    note: str | None = Field(None, max_length=500)


class BlockBody(ApiModel):
    """Why the card is blocked; ``other`` needs a ``detail``."""

    reason: BlockReason
    detail: str | None = Field(None, max_length=500)


class RefusedCardOut(ApiModel):
    """A card a charger presented and ChargeDesk refused, counted per card."""

    id_tag: str
    status: AuthorizationStatus = Field(description="The last answer given")
    charger_id: str = Field(description="Where it was presented last")
    first_at: datetime
    last_at: datetime
    count: int
    registered: bool = Field(description="A card with this id exists (perhaps blocked)")


class RefusedCardPage(Page):
    """A page of refused cards, most recent first."""

    items: list[RefusedCardOut]


class CardImportQuery(QueryModel):
    """How to import."""

    dry_run: bool = Field(False, description="true: only say what would change")
    skip_bad_rows: bool = Field(
        False, description="true: import the good rows even when others have problems"
    )


class CardChangeOut(ApiModel):
    """A card the import adds or changes."""

    line: int
    id_tag: str
    fields: list[str] = Field(description="The columns that change")
    owner: str | None = None
    owner_before: str | None = None
    before: CardOut | None = None
    after: CardOut


class CardImportPersonOut(ApiModel):
    """A person the import creates (``before`` null) or updates."""

    line: int
    card: str
    name: str
    fields: list[str]
    new: bool


class CardCsvProblemOut(ApiModel):
    """A row that is not imported, and why (the header is line 1)."""

    line: int
    card: str
    message: str


class CardImportResultOut(ApiModel):
    """What the import wrote."""

    added: int
    changed: int
    unchanged: int
    people_added: int
    people_changed: int
    skipped_rows: int
    id_tags: list[str]


class CardImportOut(ApiModel):
    """The plan of a card CSV import, and what was written (null for a dry run)."""

    dry_run: bool
    added: list[CardChangeOut]
    changed: list[CardChangeOut]
    unchanged: int
    new_people: list[str]
    person_changes: list[CardImportPersonOut]
    problems: list[CardCsvProblemOut]
    warnings: list[str]
    skipped_rows: int
    result: CardImportResultOut | None = None


def _matches(card: Card, owner: Person | None, query: CardListQuery) -> bool:
    if query.status and card.status not in query.status:
        return False
    if query.group is not None and normalize_id_tag(card.parent_id_tag or "") != normalize_id_tag(
        query.group
    ):
        return False
    if query.person_id is not None and card.person_id != query.person_id:
        return False
    if query.search:
        text = query.search.casefold()
        haystack = [card.id_tag, card.note or "", owner.name if owner else ""]
        return any(text in part.casefold() for part in haystack)
    return True


async def _card_or_404(call: ApiCall, id_tag: str) -> Card:
    card = await call.read(lambda q: q.card(id_tag))
    if card is None:
        raise not_found(f"card {id_tag}")
    return card


async def _out(call: ApiCall, card: Card) -> CardOut:
    person_id = card.person_id
    if person_id is None:
        return card_out(card)
    people = await call.read(lambda q: q.people())
    return card_out(card, next((p for p in people if p.id == person_id), None))


@router.get("/api/cards", summary="Cards, ordered by id", query=CardListQuery, response=CardPage)
async def list_cards(call: ApiCall) -> CardPage:
    """Retired cards are listed too; `status=active&status=blocked` leaves them out.
    Ask for the next page with `offset=next_offset` until it is null."""
    query: CardListQuery = call.query
    rows = await call.read(cards_and_owners)
    wanted = [(card, owner) for card, owner in rows if _matches(card, owner, query)]
    items, next_offset = page_of(wanted, query)
    return CardPage(items=[card_out(c, o) for c, o in items], next_offset=next_offset)


@router.get("/api/cards.csv", summary="Every card as a CSV file", response=str, response_media=CSV)
async def export_cards(call: ApiCall) -> web.Response:
    """The same file as `chargedesk cards export` and the console's Export: every card,
    retired ones too, with its owner; UTF-8 with a byte order mark, commas, CRLF, cells
    that look like formulas escaped. Importing it again changes nothing."""
    text = await call.read(cards_csv_text)
    return web.Response(
        body=text.encode("utf-8"),
        content_type=CSV,
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="cards.csv"'},
    )


@router.post(
    "/api/cards.csv",
    summary="Import cards from a CSV file (dry_run=true: only the plan)",
    needs=Permission.CARDS,
    query=CardImportQuery,
    body_media=CSV,
    response=CardImportOut,
    errors=(403, 413, 415, 422),
    max_body=8 << 20,
)
async def import_cards(call: ApiCall) -> CardImportOut:
    """Send the file as the body (`Content-Type: text/csv`, UTF-8); the columns are
    those of the export. With `dry_run=true` the answer is the plan (cards to add and
    change, people to add and update, problem rows with their line) and nothing changes.
    Without it the plan is applied in one transaction. When rows have problems nothing
    is written (422, with the plan's `problems`) unless `skip_bad_rows=true`, which
    imports the other rows, as the console does."""
    query: CardImportQuery = call.query
    data = call.raw  # the bytes as sent: a spreadsheet may write another encoding
    plan = await call.read(lambda q: plan_card_import(q, data))
    if query.dry_run:
        return import_out(plan, None, dry_run=True)
    if plan.has_problems and not query.skip_bad_rows:
        problems = [problem_out(problem).model_dump() for problem in plan.problems]
        raise ApiProblem(
            422,
            "Not accepted",
            f"{len(plan.problems)} row(s) of the file have problems ({plan.problems[0]}): "
            "nothing was imported. Fix them, or import the other rows with "
            "skip_bad_rows=true.",
            kind="csv-rows",
            problems=problems,
        )
    result = await call.engine.cards.import_cards(plan, actor=call.actor)
    return import_out(plan, result, dry_run=False)


@router.get(
    "/api/refused-cards",
    summary="Cards chargers presented and ChargeDesk refused",
    query=PageQuery,
    response=RefusedCardPage,
)
async def list_refused_cards(call: ApiCall) -> RefusedCardPage:
    """Most recent first, one entry per card with how often and where last; an
    unregistered card tapped at a charger shows here, ready to be registered."""
    query: PageQuery = call.query
    rows = await call.read(lambda q: q.refused_cards(limit=query.offset + query.limit + 1))
    items, next_offset = page_of(rows, query)
    return RefusedCardPage(
        items=[RefusedCardOut.model_validate(refused) for refused in items],
        next_offset=next_offset,
    )


@router.post(
    "/api/cards",
    summary="Register a card",
    needs=Permission.CARDS,
    body=CardCreateBody,
    response=CardOut,
    status=201,
    errors=(403, 409, 422),
)
async def create_card(call: ApiCall) -> CardOut:
    """A card id already registered (in any spelling) is a 409: edit it instead. The
    chargers' local lists follow the change."""
    body: CardCreateBody = call.body
    existing = await call.read(lambda q: q.card(body.id_tag.strip()))
    if existing is not None:
        raise ApiProblem(
            409,
            "Already registered",
            f"Card {existing.id_tag} is already registered; change it with PATCH.",
            kind="card-exists",
        )
    card = Card(
        body.id_tag,
        expires_at=expiry_at_end_of(body.valid_until) if body.valid_until else None,
        parent_id_tag=body.group,
        max_concurrent=body.max_concurrent,
        person_id=body.person_id,
        note=(body.note or "").strip() or None,
    )
    saved = await call.engine.cards.save_card(card, actor=call.actor)
    return await _out(call, saved)


@router.get("/api/cards/{id_tag}", summary="One card", response=CardOut, errors=(404,))
async def get_card(call: ApiCall) -> CardOut:
    """The card in any spelling of its id."""
    return await _out(call, await _card_or_404(call, call.path["id_tag"]))


@router.patch(
    "/api/cards/{id_tag}",
    summary="Change a card",
    needs=Permission.CARDS,
    body=CardEditBody,
    response=CardOut,
    errors=(403, 404, 422),
)
async def edit_card(call: ApiCall) -> CardOut:
    """Only the fields sent change (null clears one). The status changes with block,
    unblock and retire."""
    body: CardEditBody = call.body
    card = await _card_or_404(call, call.path["id_tag"])
    given = body.model_fields_set
    changes: dict[str, Any] = {}
    if "group" in given:
        changes["parent_id_tag"] = body.group
    if "valid_until" in given:
        changes["expires_at"] = expiry_at_end_of(body.valid_until) if body.valid_until else None
    if "max_concurrent" in given:
        changes["max_concurrent"] = body.max_concurrent
    if "person_id" in given:
        changes["person_id"] = body.person_id
    if "note" in given:
        changes["note"] = (body.note or "").strip() or None
    saved = await call.engine.cards.save_card(replace(card, **changes), actor=call.actor)
    return await _out(call, saved)


@router.post(
    "/api/cards/{id_tag}/block",
    summary="Block a card, with the reason",
    needs=Permission.CARDS,
    body=BlockBody,
    response=CardOut,
    errors=(403, 404, 422),
)
async def block_card(call: ApiCall) -> CardOut:
    """Chargers refuse it from now on (their local lists list it as Blocked). The reason
    goes into the card's status history; `other` needs a `detail`."""
    body: BlockBody = call.body
    detail = (body.detail or "").strip() or None
    if body.reason is BlockReason.OTHER and detail is None:
        raise ApiProblem(
            422, "Invalid input", "body.detail: say why the card is blocked.", kind="invalid-input"
        )
    card = await _card_or_404(call, call.path["id_tag"])
    saved = await call.engine.cards.set_status(
        card.id_tag, CardStatus.BLOCKED, body.reason, detail, actor=call.actor
    )
    return await _out(call, saved)


@router.post(
    "/api/cards/{id_tag}/unblock",
    summary="Unblock a card",
    needs=Permission.CARDS,
    response=CardOut,
    errors=(403, 404),
)
async def unblock_card(call: ApiCall) -> CardOut:
    """Chargers accept it again; its history keeps why it had been blocked."""
    card = await _card_or_404(call, call.path["id_tag"])
    saved = await call.engine.cards.set_status(card.id_tag, CardStatus.ACTIVE, actor=call.actor)
    return await _out(call, saved)


@router.post(
    "/api/cards/{id_tag}/retire",
    summary="Retire a card",
    needs=Permission.CARDS,
    response=CardOut,
    errors=(403, 404),
)
async def retire_card(call: ApiCall) -> CardOut:
    """No charger accepts it any more and it leaves the local lists; the card, its
    sessions and history stay."""
    card = await _card_or_404(call, call.path["id_tag"])
    saved = await call.engine.cards.set_status(card.id_tag, CardStatus.RETIRED, actor=call.actor)
    return await _out(call, saved)


@router.get(
    "/api/cards/{id_tag}/history",
    summary="A card's sessions and status changes",
    response=CardHistoryOut,
    errors=(404,),
)
async def get_card_history(call: ApiCall) -> CardHistoryOut:
    """Every session of the card (any spelling of its id), newest first, with what each
    cost once billed, the totals, and when and why it was blocked, unblocked or retired.
    An id that is not registered but started sessions has a history too."""
    id_tag: str = call.path["id_tag"]
    history = await call.read(lambda q: q.card_history(id_tag))
    if history.card is None and not history.sessions:
        raise not_found(f"card {id_tag}")
    return history_out(history)


# --------------------------------------------------------------------------- the import


def problem_out(problem: object) -> CardCsvProblemOut:
    """The API form of a CSV problem."""
    return CardCsvProblemOut.model_validate(problem)


def _change_out(change: CardChange) -> CardChangeOut:
    return CardChangeOut(
        line=change.line,
        id_tag=change.id_tag,
        fields=list(change.fields),
        owner=change.owner,
        owner_before=change.owner_before,
        before=card_out(change.before) if change.before is not None else None,
        after=card_out(change.after),
    )


def import_out(plan: ImportPlan, result: ImportResult | None, *, dry_run: bool) -> CardImportOut:
    """The API form of an import's plan and what it wrote."""
    return CardImportOut(
        dry_run=dry_run,
        added=[_change_out(change) for change in plan.added],
        changed=[_change_out(change) for change in plan.changed],
        unchanged=plan.unchanged,
        new_people=list(plan.new_people),
        person_changes=[
            CardImportPersonOut(
                line=change.line,
                card=change.card,
                name=change.after.name,
                fields=list(change.fields),
                new=change.before is None,
            )
            for change in plan.person_changes
        ],
        problems=[problem_out(problem) for problem in plan.problems],
        warnings=list(plan.warnings),
        skipped_rows=plan.skipped_rows,
        result=None
        if result is None
        else CardImportResultOut(
            added=result.added,
            changed=result.changed,
            unchanged=result.unchanged,
            people_added=result.people_added,
            people_changed=result.people_changed,
            skipped_rows=result.skipped_rows,
            id_tags=list(result.id_tags),
        ),
    )
