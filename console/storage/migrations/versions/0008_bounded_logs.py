"""Logs bounded by size: message log budget, pruning.

The message log records the bytes each row keeps and the bytes it left out, with an
index covering (id, size) so the budget is summed and pruned without reading payloads.
Charger events get an index on their time for pruning by age.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 05:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("message_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("size", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("omitted", sa.Integer(), nullable=False, server_default="0"))
    # Rows logged before this revision: their payload length is a fair estimate.
    op.execute("UPDATE message_log SET size = length(payload) + 100")
    with op.batch_alter_table("message_log", schema=None) as batch_op:
        batch_op.create_index("ix_message_log_size", ["id", "size"], unique=False)
    with op.batch_alter_table("charger_events", schema=None) as batch_op:
        batch_op.create_index("ix_charger_events_at", ["at"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("charger_events", schema=None) as batch_op:
        batch_op.drop_index("ix_charger_events_at")
    with op.batch_alter_table("message_log", schema=None) as batch_op:
        batch_op.drop_index("ix_message_log_size")
        batch_op.drop_column("omitted")
        batch_op.drop_column("size")
