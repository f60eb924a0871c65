"""Repository of people who own cards. People are never deleted, only retired."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from console.core.model import Person
from console.storage.tables import PersonRow, table_of

people = table_of(PersonRow)


def _person(row: Any) -> Person:
    return Person(
        id=row.id,
        name=row.name,
        department=row.department,
        email=row.email,
        phone=row.phone,
        note=row.note,
        retired=row.retired,
    )


def _fields(person: Person) -> dict[str, Any]:
    return {
        "name": person.name.strip(),
        "department": person.department,
        "email": person.email,
        "phone": person.phone,
        "note": person.note,
        "retired": person.retired,
    }


def save_person(connection: Connection, person: Person, at: datetime) -> Person:
    """Insert a person (``id`` None) or update one; returns it as stored."""
    if person.id is None:
        new_id = connection.execute(
            people.insert().values(created_at=at, **_fields(person))
        ).inserted_primary_key
        assert new_id is not None
        return get_person_or_fail(connection, int(new_id[0]))
    connection.execute(update(people).where(people.c.id == person.id).values(**_fields(person)))
    return get_person_or_fail(connection, person.id)


def get_person(connection: Connection, person_id: int) -> Person | None:
    """The person with this id, or None."""
    row = connection.execute(select(people).where(people.c.id == person_id)).first()
    return None if row is None else _person(row)


def get_person_or_fail(connection: Connection, person_id: int) -> Person:
    """The person with this id (it must exist)."""
    return _person(connection.execute(select(people).where(people.c.id == person_id)).one())


def find_person_by_name(connection: Connection, name: str) -> Person | None:
    """The first person with this name (compared without case), retired people last."""
    row = connection.execute(
        select(people)
        .where(func.lower(people.c.name) == name.strip().lower())
        .order_by(people.c.retired, people.c.id)
    ).first()
    return None if row is None else _person(row)


def list_people(connection: Connection, *, include_retired: bool = True) -> list[Person]:
    """People ordered by name."""
    query = select(people).order_by(func.lower(people.c.name), people.c.id)
    if not include_retired:
        query = query.where(people.c.retired.is_(False))
    return [_person(row) for row in connection.execute(query)]
