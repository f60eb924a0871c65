"""Stale sessions: superseded, stopped by reboot, ended by staff.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 05:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("stop_estimated", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("end_note", sa.String(length=500), nullable=True))


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("end_note")
        batch_op.drop_column("stop_estimated")
