"""People who own cards: list, one with their cards and charging history, add, change,
retire."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import Field

from console.api.models import ApiModel, Page, PageQuery, page_of
from console.api.problems import ApiProblem, not_found
from console.api.resources._cards_common import (
    CardHistoryOut,
    CardOut,
    PersonOut,
    card_out,
    history_out,
    person_out,
)
from console.api.routing import ApiCall, ApiRouter
from console.core.model import Person
from console.core.staff import Permission

router = ApiRouter(
    "people", "People who own cards: their cards and charging history, add, change, retire"
)


class PeopleQuery(PageQuery):
    """Filters and paging of the people list."""

    include_retired: bool = Field(False, description="true: list retired people too")
    department: str | None = Field(None, min_length=1, max_length=200)
    search: str | None = Field(
        None, min_length=1, max_length=100, description="Text in the name, e-mail or phone"
    )


class PersonPage(Page):
    """A page of people, ordered by name."""

    items: list[PersonOut]


class PersonDetailOut(PersonOut):
    """A person with their cards (retired ones too) and the sessions of those cards."""

    cards: list[CardOut]
    history: CardHistoryOut


class PersonBody(ApiModel):
    """A person to add."""

    name: str = Field(min_length=1, max_length=200)
    department: str | None = Field(None, max_length=200, description="Department or cost centre")
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=64)
    note: str | None = Field(None, max_length=500)


class PersonEditBody(ApiModel):
    """The fields to change; fields left out stay as they are, null clears one."""

    name: str | None = Field(None, min_length=1, max_length=200, description="Cannot be null")
    department: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=64)
    note: str | None = Field(None, max_length=500)


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _name(value: str | None) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise ApiProblem(
            422, "Invalid input", "body.name: a person needs a name.", kind="invalid-input"
        )
    return name


def _matches(person: Person, query: PeopleQuery) -> bool:
    if person.retired and not query.include_retired:
        return False
    if query.department is not None and (person.department or "").casefold() != (
        query.department.casefold()
    ):
        return False
    if query.search:
        text = query.search.casefold()
        parts = (person.name, person.email or "", person.phone or "")
        return any(text in part.casefold() for part in parts)
    return True


async def _person_or_404(call: ApiCall, person_id: int) -> Person:
    people = await call.read(lambda q: q.people())
    person = next((p for p in people if p.id == person_id), None)
    if person is None:
        raise not_found(f"person {person_id}")
    return person


@router.get(
    "/api/people", summary="People, ordered by name", query=PeopleQuery, response=PersonPage
)
async def list_people(call: ApiCall) -> PersonPage:
    """Retired people are left out unless `include_retired=true`. Ask for the next page
    with `offset=next_offset` until it is null."""
    query: PeopleQuery = call.query
    people = await call.read(lambda q: q.people())
    wanted = [person for person in people if _matches(person, query)]
    items, next_offset = page_of(wanted, query)
    return PersonPage(items=[person_out(p) for p in items], next_offset=next_offset)


@router.get(
    "/api/people/{person_id:int}",
    summary="One person with their cards and history",
    response=PersonDetailOut,
    errors=(404,),
)
async def get_person(call: ApiCall) -> PersonDetailOut:
    """The person, every card they own (retired ones too) and the sessions of those
    cards, newest first, with totals, as the console's history of a person shows."""
    person_id: int = call.path["person_id"]
    history = await call.read(lambda q: q.person_history(person_id))
    if history is None or history.person is None:
        raise not_found(f"person {person_id}")
    person = history.person
    return PersonDetailOut(
        **person_out(person).model_dump(),
        cards=[card_out(card, person) for card in history.cards],
        history=history_out(history),
    )


@router.post(
    "/api/people",
    summary="Add a person",
    needs=Permission.CARDS,
    body=PersonBody,
    response=PersonOut,
    status=201,
    errors=(403, 422),
)
async def create_person(call: ApiCall) -> PersonOut:
    """Give the new person's id as `person_id` when registering or changing a card."""
    body: PersonBody = call.body
    person = Person(
        None,
        _name(body.name),
        department=_text(body.department),
        email=_text(body.email),
        phone=_text(body.phone),
        note=_text(body.note),
    )
    saved = await call.engine.cards.save_person(person, actor=call.actor)
    return person_out(saved)


@router.patch(
    "/api/people/{person_id:int}",
    summary="Change a person",
    needs=Permission.CARDS,
    body=PersonEditBody,
    response=PersonOut,
    errors=(403, 404, 422),
)
async def edit_person(call: ApiCall) -> PersonOut:
    """Only the fields sent change (null clears one; the name cannot be cleared)."""
    body: PersonEditBody = call.body
    person = await _person_or_404(call, call.path["person_id"])
    given = body.model_fields_set
    changes: dict[str, Any] = {}
    if "name" in given:
        changes["name"] = _name(body.name)
    for name in ("department", "email", "phone", "note"):
        if name in given:
            changes[name] = _text(getattr(body, name))
    saved = await call.engine.cards.save_person(replace(person, **changes), actor=call.actor)
    return person_out(saved)


@router.post(
    "/api/people/{person_id:int}/retire",
    summary="Retire a person",
    needs=Permission.CARDS,
    response=PersonOut,
    errors=(403, 404),
)
async def retire_person(call: ApiCall) -> PersonOut:
    """The person leaves the lists; their cards are not changed (retire or block them
    separately) and their history stays."""
    person = await _person_or_404(call, call.path["person_id"])
    saved = await call.engine.cards.save_person(replace(person, retired=True), actor=call.actor)
    return person_out(saved)
