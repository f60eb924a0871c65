"""Staff accounts, the audit log, issued certificates, security events, charger profiles.

``chargers.security_profile`` is the profile a charger must connect with; chargers that
have a password are set to 1 (Basic auth), the others to 0, which is how they connect
today. Nothing else changes for existing data.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("chargers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("security_profile", sa.Integer(), nullable=False, server_default="0")
        )
    op.execute("UPDATE chargers SET security_profile = 1 WHERE password_hash IS NOT NULL")
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("username_key", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("roles", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", _UTC, nullable=False),
        sa.Column("password_changed_at", _UTC, nullable=True),
        sa.Column("last_login_at", _UTC, nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", _UTC, nullable=True),
        sa.Column("locked_until", _UTC, nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username_key"),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", _UTC, nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("place", sa.String(length=255), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=255), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("prev_hash"),
        sa.UniqueConstraint("hash"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_log_actor", ["actor"], unique=False)
        batch_op.create_index("ix_audit_log_action", ["action"], unique=False)
    op.create_table(
        "issued_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("serial", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("charger_id", sa.String(length=64), nullable=True),
        sa.Column("not_before", _UTC, nullable=False),
        sa.Column("not_after", _UTC, nullable=False),
        sa.Column("issued_at", _UTC, nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("pem", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("serial"),
    )
    with op.batch_alter_table("issued_certificates", schema=None) as batch_op:
        batch_op.create_index(
            "ix_issued_certificates_charger", ["charger_id", "issued_at"], unique=False
        )
    op.create_table(
        "security_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("charger_id", sa.String(length=64), nullable=True),
        sa.Column("at", _UTC, nullable=False),
        sa.Column("received_at", _UTC, nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("tech_info", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("security_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_security_events_charger", ["charger_id", "received_at"], unique=False
        )


def downgrade() -> None:
    """Revert this migration (accounts, audit entries and certificate records are lost)."""
    with op.batch_alter_table("security_events", schema=None) as batch_op:
        batch_op.drop_index("ix_security_events_charger")
    op.drop_table("security_events")
    with op.batch_alter_table("issued_certificates", schema=None) as batch_op:
        batch_op.drop_index("ix_issued_certificates_charger")
    op.drop_table("issued_certificates")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_action")
        batch_op.drop_index("ix_audit_log_actor")
        batch_op.drop_index("ix_audit_log_at")
    op.drop_table("audit_log")
    op.drop_table("staff")
    with op.batch_alter_table("chargers", schema=None) as batch_op:
        batch_op.drop_column("security_profile")
