"""Technician tools: alarms, configuration snapshots, file transfers, notes, log indexes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 00:07:15.500356
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "alarms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("charger_id", sa.String(length=64), nullable=False),
        sa.Column("connector_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cleared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("alarms", schema=None) as batch_op:
        batch_op.create_index("ix_alarms_charger", ["charger_id", "raised_at"], unique=False)
        batch_op.create_index("ix_alarms_open", ["acknowledged_at", "raised_at"], unique=False)

    op.create_table(
        "config_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("charger_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("vendor", sa.String(length=64), nullable=True),
        sa.Column("model", sa.String(length=64), nullable=True),
        sa.Column("firmware_version", sa.String(length=64), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("baseline", sa.Boolean(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("config_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            "ix_config_snapshots_charger", ["charger_id", "taken_at"], unique=False
        )

    op.create_table(
        "file_transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("charger_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("url", sa.String(length=1024), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("file_size", sa.BigInteger(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("file_transfers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_file_transfers_charger", ["charger_id", "requested_at"], unique=False
        )

    op.create_table(
        "technician_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("charger_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=255), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("technician_notes", schema=None) as batch_op:
        batch_op.create_index("ix_technician_notes_charger", ["charger_id", "at"], unique=False)

    with op.batch_alter_table("message_log", schema=None) as batch_op:
        batch_op.create_index("ix_message_log_action", ["action", "id"], unique=False)
        batch_op.create_index("ix_message_log_at", ["at"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("message_log", schema=None) as batch_op:
        batch_op.drop_index("ix_message_log_at")
        batch_op.drop_index("ix_message_log_action")

    with op.batch_alter_table("technician_notes", schema=None) as batch_op:
        batch_op.drop_index("ix_technician_notes_charger")

    op.drop_table("technician_notes")
    with op.batch_alter_table("file_transfers", schema=None) as batch_op:
        batch_op.drop_index("ix_file_transfers_charger")

    op.drop_table("file_transfers")
    with op.batch_alter_table("config_snapshots", schema=None) as batch_op:
        batch_op.drop_index("ix_config_snapshots_charger")

    op.drop_table("config_snapshots")
    with op.batch_alter_table("alarms", schema=None) as batch_op:
        batch_op.drop_index("ix_alarms_open")
        batch_op.drop_index("ix_alarms_charger")

    op.drop_table("alarms")
