"""Charger identity and passwords: id keys, lock-outs, refusals counted.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 05:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("chargers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("id_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("registered_from", sa.String(length=64), nullable=True))
    # The oldest registration of a spelling keeps the key; later ones that differ only in
    # case get a key no valid id can have ('#' is not allowed), so they stay on record but
    # no charger can connect as them.
    # A row's physical id: SQLite's rowid, PostgreSQL's ctid (no other column tells
    # two registrations of one spelling apart).
    row = "rowid" if op.get_bind().dialect.name == "sqlite" else "ctid"
    op.execute(
        f"UPDATE chargers SET id_key = lower(id) WHERE {row} = ("
        f" SELECT c2.{row} FROM chargers c2 WHERE lower(c2.id) = lower(chargers.id)"
        f" ORDER BY c2.registered_at, c2.{row} LIMIT 1)"
    )
    op.execute(
        f"UPDATE chargers SET id_key = lower(id) || '#' || CAST({row} AS TEXT) WHERE id_key IS NULL"
    )
    with op.batch_alter_table("chargers", schema=None) as batch_op:
        batch_op.alter_column("id_key", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("uq_chargers_id_key", ["id_key"])

    with op.batch_alter_table("refused_connections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("refusal_key", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("count", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("subprotocols", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("username", sa.String(length=64), nullable=True))
    op.execute(
        "UPDATE refused_connections SET first_at = at, count = 1,"
        " charger_id = substr(charger_id, 1, 64), path = substr(path, 1, 255),"
        " refusal_key = substr(lower(coalesce(charger_id, '@' || coalesce(peer, ''))), 1, 80)"
    )
    with op.batch_alter_table("refused_connections", schema=None) as batch_op:
        batch_op.alter_column("first_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.alter_column("refusal_key", existing_type=sa.String(length=80), nullable=False)
        batch_op.alter_column("count", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column(
            "charger_id", existing_type=sa.String(length=255), type_=sa.String(length=64)
        )
        batch_op.alter_column("path", existing_type=sa.String(length=1024), type_=sa.String(255))
        batch_op.create_index("ix_refused_connections_key", ["refusal_key", "reason"])
        batch_op.create_index("ix_refused_connections_at", ["at"])

    op.create_table(
        "lockouts",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("lockouts")
    with op.batch_alter_table("refused_connections", schema=None) as batch_op:
        batch_op.drop_index("ix_refused_connections_at")
        batch_op.drop_index("ix_refused_connections_key")
        batch_op.alter_column("path", existing_type=sa.String(255), type_=sa.String(1024))
        batch_op.alter_column(
            "charger_id", existing_type=sa.String(length=64), type_=sa.String(length=255)
        )
        batch_op.drop_column("username")
        batch_op.drop_column("subprotocols")
        batch_op.drop_column("count")
        batch_op.drop_column("refusal_key")
        batch_op.drop_column("first_at")
    with op.batch_alter_table("chargers", schema=None) as batch_op:
        batch_op.drop_constraint("uq_chargers_id_key", type_="unique")
        batch_op.drop_column("registered_from")
        batch_op.drop_column("id_key")
