"""The shape of a ChargeDesk database's schema at a revision, and a file's own shape.

A copy to be restored comes from elsewhere (a USB stick, another PC), and the engine
runs every write through its schema afterwards. A trigger or view slipped into it would
run inside ChargeDesk's own transactions (a trigger can rewrite a stored session as it
is written), a dropped unique index would let duplicates in. So a restore compares the
file with what the migrations make at its revision and refuses any difference.

Names, columns, indexes and foreign keys are compared, not the SQL text: SQLite
versions write the text of altered tables differently, and a site moving to a new PC
restores a copy made by another SQLite.
"""

from __future__ import annotations

import sqlite3
import tempfile
from functools import cache
from pathlib import Path

from alembic import command

from console.storage.backup import open_read_only
from console.storage.database import alembic_config, create_db_engine

# (kind, name, what it is): one fact of the schema.
Fact = tuple[str, str, str]
Shape = frozenset[Fact]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def shape_of(connection: sqlite3.Connection) -> Shape:
    """Every object of the schema ``connection`` reads, with the columns of its tables,
    the columns and uniqueness of its indexes and its foreign keys."""
    facts: set[Fact] = set()
    objects = connection.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\'"
    ).fetchall()
    for kind, name, table in objects:
        facts.add((str(kind), str(name), f"on {table}"))
        if kind != "table":
            continue
        for _cid, column, type_, notnull, default, key in connection.execute(
            f"PRAGMA table_info({_quoted(name)})"
        ):
            facts.add(
                (
                    "column",
                    f"{name}.{column}",
                    f"{str(type_).upper()} not null={notnull} default={default} key={key}",
                )
            )
        for _seq, index, unique, origin, partial in connection.execute(
            f"PRAGMA index_list({_quoted(name)})"
        ):
            columns = [row[2] for row in connection.execute(f"PRAGMA index_info({_quoted(index)})")]
            # SQLite names the indexes of UNIQUE and PRIMARY KEY constraints itself.
            label = index if origin == "c" else f"{name} {origin} {','.join(map(str, columns))}"
            facts.add(
                (
                    "index on",
                    str(label),
                    f"({','.join(map(str, columns))}) unique={unique} partial={partial}",
                )
            )
        for row in connection.execute(f"PRAGMA foreign_key_list({_quoted(name)})"):
            _id, _seq, parent, source, target, on_update, on_delete, _match = row
            facts.add(
                (
                    "foreign key",
                    f"{name}.{source}",
                    f"-> {parent}.{target} on update {on_update} on delete {on_delete}",
                )
            )
    return frozenset(facts)


def shape_of_file(path: Path) -> Shape:
    """The shape of the SQLite file ``path``, opened read-only."""
    connection = open_read_only(path)
    try:
        return shape_of(connection)
    finally:
        connection.close()


@cache
def expected_shape(revision: str) -> Shape:
    """The shape the migrations give a new database at ``revision`` (made once, in a
    temporary folder, about half a second)."""
    with tempfile.TemporaryDirectory(prefix="chargedesk-schema-") as folder:
        path = Path(folder) / "schema.db"
        engine = create_db_engine(f"sqlite:///{path}")
        try:
            command.upgrade(alembic_config(engine), revision)
        finally:
            engine.dispose()
        return shape_of_file(path)


def differences(found: Shape, expected: Shape, most: int = 3) -> str:
    """The first few differences between two shapes, in words ("" when there is none)."""
    extra = sorted(found - expected)
    missing = sorted(expected - found)
    words = [f"unexpected {kind} {name} ({what})" for kind, name, what in extra[:most]]
    words += [f"missing {kind} {name} ({what})" for kind, name, what in missing[:most]]
    more = len(extra) + len(missing) - len(words)
    if more > 0:
        words.append(f"{more} more")
    return "; ".join(words)
