"""The values of a card CSV import: the plan a person looks at, its problems, the result."""

from __future__ import annotations

from dataclasses import dataclass, field

from console.core.model import Card, Person

COLUMNS = (
    "card",
    "status",
    "group",
    "expires",
    "max_sessions",
    "owner",
    "department",
    "email",
    "phone",
    "note",
)
PERSON_FIELDS = ("department", "email", "phone")
DATE_HINT = "use YYYY-MM-DD"


@dataclass(frozen=True, slots=True)
class CsvProblem:
    """Something wrong in the file; the row on ``line`` is not imported (the header is 1).

    ``card`` is the card id the row names, as written ("" for the header or no card), so
    a person can find the row in a long file by the card as well as by the line.
    """

    line: int
    message: str
    card: str = ""

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class CardChange:
    """A card the import adds (``before`` None) or changes, and which columns change.

    ``after.person_id`` is None when the owner is a person the import creates: ``owner``
    names the owner in every case.
    """

    line: int
    before: Card | None
    after: Card
    fields: tuple[str, ...]
    owner: str | None
    owner_before: str | None = None

    @property
    def id_tag(self) -> str:
        """The card id as it is (or will be) stored."""
        return self.after.id_tag


@dataclass(frozen=True, slots=True)
class PersonChange:
    """A person the import creates (``before`` None) or updates, first named on ``line``
    (the row of card ``card``)."""

    line: int
    before: Person | None
    after: Person
    fields: tuple[str, ...]
    card: str = ""


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a file would do. Rows with problems are left out (``skipped_rows``)."""

    added: list[CardChange]
    changed: list[CardChange]
    unchanged: int
    new_people: list[str]
    person_changes: list[PersonChange]  # new people and updates to existing ones
    problems: list[CsvProblem]
    warnings: list[str] = field(default_factory=list)
    skipped_rows: int = 0

    @property
    def changed_people(self) -> list[PersonChange]:
        """Existing people whose department, email or phone the import changes."""
        return [change for change in self.person_changes if change.before is not None]

    @property
    def has_problems(self) -> bool:
        """True when some rows (or the whole file) cannot be imported."""
        return bool(self.problems)

    @property
    def has_changes(self) -> bool:
        """True when applying the plan would write anything."""
        return bool(self.added or self.changed or self.person_changes)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What applying a plan wrote."""

    added: int
    changed: int
    unchanged: int
    people_added: int
    people_changed: int
    skipped_rows: int
    id_tags: tuple[str, ...]  # the cards written


def name_key(name: str) -> str:
    """How people's names compare: without case and with single spaces."""
    return " ".join(name.split()).casefold()
