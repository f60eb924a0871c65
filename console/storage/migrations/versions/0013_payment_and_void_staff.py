"""Who recorded a payment and who voided a receipt (the logged-in staff member).

Payments and voids made before staff accounts existed have no name (NULL); the audit
log holds who made later ones as well.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 16:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_by", sa.String(length=128), nullable=True))
    with op.batch_alter_table("receipts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided_by", sa.String(length=128), nullable=True))


def downgrade() -> None:
    """Revert this migration (the names are lost)."""
    with op.batch_alter_table("receipts", schema=None) as batch_op:
        batch_op.drop_column("voided_by")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_column("recorded_by")
