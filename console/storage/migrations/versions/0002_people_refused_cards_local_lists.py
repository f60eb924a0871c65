"""People who own cards, refused cards, chargers' local list state.

A card's free-text owner becomes a person (one per distinct name) before the column goes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 22:51:50.437040
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("department", sa.String(length=255), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("phone", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "refused_cards",
        sa.Column("id_key", sa.String(length=20), nullable=False),
        sa.Column("id_tag", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("charger_id", sa.String(length=64), nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id_key"),
    )
    with op.batch_alter_table("refused_cards", schema=None) as batch_op:
        batch_op.create_index("ix_refused_cards_last", ["last_at"], unique=False)

    op.create_table(
        "local_list_state",
        sa.Column("charger_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("supported", sa.Boolean(), nullable=True),
        sa.Column("max_length", sa.Integer(), nullable=True),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_result", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["charger_id"],
            ["chargers.id"],
        ),
        sa.PrimaryKeyConstraint("charger_id"),
    )
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("list_version", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_cards_list_version", ["list_version"], unique=False)
        batch_op.create_index(batch_op.f("ix_cards_person_id"), ["person_id"], unique=False)
        batch_op.create_foreign_key("fk_cards_person_id", "people", ["person_id"], ["id"])
    _owners_to_people()
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.drop_column("owner")


def _owners_to_people() -> None:
    connection = op.get_bind()
    owners = connection.execute(
        sa.text("SELECT DISTINCT owner FROM cards WHERE owner IS NOT NULL AND owner != ''")
    ).scalars()
    for owner in list(owners):
        person_id = connection.execute(
            sa.text(
                "INSERT INTO people (name, retired, created_at) "
                "VALUES (:name, :retired, CURRENT_TIMESTAMP) RETURNING id"
            ),
            {"name": owner, "retired": False},
        ).scalar_one()
        connection.execute(
            sa.text("UPDATE cards SET person_id = :person WHERE owner = :name"),
            {"person": person_id, "name": owner},
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner", sa.VARCHAR(length=255), nullable=True))
        batch_op.drop_constraint("fk_cards_person_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_cards_person_id"))
        batch_op.drop_index("ix_cards_list_version")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("list_version")
        batch_op.drop_column("person_id")

    op.drop_table("local_list_state")
    with op.batch_alter_table("refused_cards", schema=None) as batch_op:
        batch_op.drop_index("ix_refused_cards_last")

    op.drop_table("refused_cards")
    op.drop_table("people")
