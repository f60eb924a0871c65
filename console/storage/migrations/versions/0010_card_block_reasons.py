"""Why a card is blocked, and the history of its status changes.

Cards get the reason they are blocked (lost, stolen, left, other), its text and since
when; ``card_status_changes`` keeps every change of a card's status with its reason, so
an unblocked card still shows why it was blocked. Cards blocked before this revision have
no recorded reason.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 08:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("block_reason", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("block_detail", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "card_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("id_key", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("card_status_changes", schema=None) as batch_op:
        batch_op.create_index("ix_card_status_changes_card", ["id_key", "at"], unique=False)


def downgrade() -> None:
    """Revert this migration (the reasons are lost)."""
    with op.batch_alter_table("card_status_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_card_status_changes_card")
    op.drop_table("card_status_changes")
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.drop_column("blocked_at")
        batch_op.drop_column("block_detail")
        batch_op.drop_column("block_reason")
