"""Planning a card CSV import: each row checked against the stored cards and people.

A column missing from the file leaves that value of existing cards as it is (a list of
card ids alone does not clear every group); an empty cell means what the column says for
empty: active, no group, never expires, one session at a time, no owner, no note. Empty
department, email or phone cells never clear what is known about a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import Connection

from console.core.authorization import normalize_id_tag
from console.core.cards import InvalidCardId, expiry_at_end_of, expiry_day, validate_id_tag
from console.core.enums import CardStatus
from console.core.model import Card, Person
from console.services.card_csv_types import (
    COLUMNS,
    DATE_HINT,
    PERSON_FIELDS,
    CardChange,
    CsvProblem,
    ImportPlan,
    PersonChange,
    name_key,
)
from console.services.csv_text import CsvFormatError, CsvRecord, decode, read_records
from console.storage import cards as card_repo
from console.storage import people as people_repo


def parse_day(text: str) -> date:
    """A date written YYYY-MM-DD or DD.MM.YYYY; ValueError with a message for a person."""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    dotted = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dotted:
            return date(int(dotted[3]), int(dotted[2]), int(dotted[1]))
    except ValueError:
        pass
    raise ValueError(f"'{text}' is not a date ({DATE_HINT})")


def _column_name(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _with_detail(person: Person, name: str, value: str) -> Person:
    if name == "department":
        return replace(person, department=value)
    if name == "email":
        return replace(person, email=value)
    return replace(person, phone=value)


def _plan_failed(problem: CsvProblem) -> ImportPlan:
    return ImportPlan([], [], 0, [], [], [problem])


@dataclass(slots=True)
class _PendingPerson:
    """A person as the import leaves them, and the line that set each field."""

    line: int
    before: Person | None
    after: Person
    set_on: dict[str, int] = field(default_factory=dict)


class _Planner:
    """Walks the rows once, against the cards and people stored before the import."""

    def __init__(self, connection: Connection, columns: dict[str, int], width: int) -> None:
        self.columns = columns
        self.width = width
        self.cards = {normalize_id_tag(c.id_tag): c for c in card_repo.list_cards(connection)}
        self.people = people_repo.list_people(connection)
        self.people_by_id = {person.id: person for person in self.people}
        self.seen: dict[str, int] = {}
        # People this import touches: "#id" for stored ones, the case-folded name for new.
        self.pending: dict[str, _PendingPerson] = {}
        self.added: list[CardChange] = []
        self.changed: list[CardChange] = []
        self.unchanged = 0
        self.problems: list[CsvProblem] = []
        self.skipped = 0
        self.card_on_line: dict[int, str] = {}  # the card id each row names, as written

    def row(self, record: CsvRecord) -> None:
        """Plan one row, or record its problems and leave it out."""
        values = {
            name: record.fields[index] if index < len(record.fields) else ""
            for name, index in self.columns.items()
        }
        errors: list[str] = []
        self.card_on_line[record.line] = values["card"]
        if any(record.fields[self.width :]):
            errors.append(
                f"the row has {len(record.fields)} fields but the header names {self.width} "
                "(a value holding the delimiter needs quotes)"
            )
        id_tag = self._id_tag(values["card"], record.line, errors)
        before = None if id_tag is None else self.cards.get(normalize_id_tag(id_tag))
        base = before or Card(id_tag or "")
        card = self._card_values(values, base, errors)
        owner, updates = self._owner(values, base, record.line, errors)
        if errors or id_tag is None:
            self.problems.extend(
                CsvProblem(record.line, message, values["card"]) for message in errors
            )
            self.skipped += 1
            return
        for key, pending in updates.items():
            self.pending[key] = pending
        person_id = owner.after.id if owner is not None else None
        after = replace(card, person_id=person_id)
        owner_name = owner.after.name if owner is not None else None
        self._add_change(record.line, before, after, owner_name)

    def _id_tag(self, text: str, line: int, errors: list[str]) -> str | None:
        try:
            id_tag = validate_id_tag(text)
        except InvalidCardId as error:
            errors.append(f"card '{text}': {error}" if text else str(error))
            return None
        key = normalize_id_tag(id_tag)
        if key in self.seen:
            errors.append(f"card {id_tag} is already on line {self.seen[key]}")
        else:
            self.seen[key] = line
        return id_tag

    def _card_values(self, values: dict[str, str], base: Card, errors: list[str]) -> Card:
        card = base
        if "status" in values:
            text = values["status"].lower() or CardStatus.ACTIVE.value
            try:
                card = replace(card, status=CardStatus(text))
            except ValueError:
                names = ", ".join(status.value for status in CardStatus)
                errors.append(f"status '{values['status']}' is not one of {names}")
        if "group" in values:
            group = values["group"] or None
            if group is not None:
                try:
                    group = validate_id_tag(group)
                except InvalidCardId as error:
                    errors.append(f"group '{group}': {error}")
            card = replace(card, parent_id_tag=group)
        if "expires" in values:
            card = replace(card, expires_at=self._expiry(values["expires"], base, errors))
        if "max_sessions" in values:
            text = values["max_sessions"]
            if not text:
                card = replace(card, max_concurrent=1)
            elif text.isdigit():
                card = replace(card, max_concurrent=int(text))
            else:
                errors.append(
                    f"max_sessions '{text}' is not a whole number (0 means no limit, empty 1)"
                )
        if "note" in values and values["note"] != (base.note or "").strip():
            card = replace(card, note=values["note"] or None)
        return card

    def _expiry(self, text: str, base: Card, errors: list[str]) -> datetime | None:
        if not text:
            return None
        try:
            day = parse_day(text)
        except ValueError:
            errors.append(f"expiry date '{text}' is not a date ({DATE_HINT})")
            return base.expires_at
        # A stored expiry that is not at the end of a local day (set elsewhere, or the
        # computer's zone changed) still reads as the same day: keep it unchanged.
        if base.expires_at is not None and expiry_day(base.expires_at) == day:
            return base.expires_at
        return expiry_at_end_of(day)

    def _owner(
        self, values: dict[str, str], base: Card, line: int, errors: list[str]
    ) -> tuple[_PendingPerson | None, dict[str, _PendingPerson]]:
        """The card's owner after this row, and the people this row creates or updates."""
        details = {name: values.get(name, "") for name in PERSON_FIELDS}
        if "owner" not in values:
            current = self.people_by_id.get(base.person_id)
            if any(details.values()):
                errors.append("department, email and phone need an owner column")
            if current is None:
                return None, {}
            return _PendingPerson(line, current, current), {}
        name = " ".join(values["owner"].split())
        if not name:
            if any(details.values()):
                errors.append("department, email or phone given without an owner")
            return None, {}
        stored = self._find_person(name, base.person_id)
        key = f"#{stored.id}" if stored is not None else name_key(name)
        pending = self.pending.get(key)
        if pending is None:
            pending = (
                _PendingPerson(line, stored, stored)
                if stored is not None
                else _PendingPerson(line, None, Person(None, name))
            )
        # Work on a copy: a row with problems must leave the pending people as they were.
        pending = _PendingPerson(pending.line, pending.before, pending.after, dict(pending.set_on))
        for field_name, value in details.items():
            if not value:
                continue
            current_value = getattr(pending.after, field_name)
            if field_name in pending.set_on and current_value != value:
                errors.append(
                    f"owner {name} has {field_name} '{current_value}' on line "
                    f"{pending.set_on[field_name]} but '{value}' here"
                )
                continue
            pending.set_on[field_name] = line
            if current_value != value:
                pending.after = _with_detail(pending.after, field_name, value)
        return pending, {key: pending}

    def _find_person(self, name: str, current_owner: int | None) -> Person | None:
        key = name_key(name)
        matches = [person for person in self.people if name_key(person.name) == key]
        # Two people may share a name: the card's present owner wins, then anyone not retired.
        matches.sort(key=lambda person: (person.id != current_owner, person.retired))
        return matches[0] if matches else None

    def _add_change(self, line: int, before: Card | None, after: Card, owner: str | None) -> None:
        owner_before = None
        if before is not None and before.person_id is not None:
            person = self.people_by_id.get(before.person_id)
            owner_before = person.name if person is not None else None
        if before is None:
            self.added.append(CardChange(line, None, after, (), owner))
            return
        changed = [
            name
            for name, old, new in (
                ("status", before.status, after.status),
                ("group", before.parent_id_tag, after.parent_id_tag),
                ("expires", before.expires_at, after.expires_at),
                ("max_sessions", before.max_concurrent, after.max_concurrent),
                ("owner", before.person_id, after.person_id),
                ("note", before.note, after.note),
            )
            if old != new
        ]
        if after.person_id is None and owner is not None and "owner" not in changed:
            changed.append("owner")  # a new person, who has no id yet
        if changed:
            self.changed.append(
                CardChange(line, before, after, tuple(changed), owner, owner_before)
            )
        else:
            self.unchanged += 1

    def plan(self, warnings: list[str]) -> ImportPlan:
        """The plan of every row seen."""
        person_changes = []
        for pending in self.pending.values():
            before = pending.before
            card = self.card_on_line.get(pending.line, "")
            if before is None:
                person_changes.append(PersonChange(pending.line, None, pending.after, (), card))
            elif pending.after != before:
                fields = tuple(
                    name
                    for name in PERSON_FIELDS
                    if getattr(before, name) != getattr(pending.after, name)
                )
                # The row that set the first changed field is where a person looks for it.
                line = min(pending.set_on.get(name, pending.line) for name in fields)
                person_changes.append(
                    PersonChange(
                        line, before, pending.after, fields, self.card_on_line.get(line, card)
                    )
                )
        return ImportPlan(
            added=self.added,
            changed=self.changed,
            unchanged=self.unchanged,
            new_people=[c.after.name for c in person_changes if c.before is None],
            person_changes=person_changes,
            problems=self.problems,
            warnings=warnings,
            skipped_rows=self.skipped,
        )


def _read_header(record: CsvRecord) -> tuple[dict[str, int], CsvProblem | None, list[str]]:
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, text in enumerate(record.fields):
        name = _column_name(text)
        if not name:
            continue  # spreadsheets add empty columns after the last one
        if name not in COLUMNS:
            unknown.append(text)
        elif name in columns:
            return {}, CsvProblem(record.line, f"the column '{text}' appears twice"), []
        else:
            columns[name] = index
    if "card" not in columns:
        expected = ", ".join(COLUMNS)
        message = f"no 'card' column: the first line must name the columns ({expected})"
        return {}, CsvProblem(record.line, message), []
    warnings = []
    if unknown:
        quoted = ", ".join(f"'{name}'" for name in unknown)
        warnings.append(f"line {record.line}: ignored unknown columns {quoted}")
    return columns, None, warnings


def plan_import(connection: Connection, data: bytes) -> ImportPlan:
    """Read a CSV file's bytes and plan its import against the stored cards and people."""
    try:
        records = read_records(decode(data))
    except CsvFormatError as error:
        return _plan_failed(CsvProblem(error.line, str(error)))
    if not records:
        return _plan_failed(CsvProblem(1, "the file is empty"))
    header, *rows = records
    columns, problem, warnings = _read_header(header)
    if problem is not None:
        return _plan_failed(problem)
    planner = _Planner(connection, columns, len(header.fields))
    for record in rows:
        planner.row(record)
    return planner.plan(warnings)
