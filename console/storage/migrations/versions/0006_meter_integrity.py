"""Meter samples keyed by charger and transaction, with their context; readings kept aside.

- meter_samples: ``unit`` and ``context`` become '' instead of NULL (NULLs are distinct in
  a unique key), a ``reading`` column holds the value as text, and the unique key takes
  unit, context and reading, so two different samples at one instant are both kept.
  The session index leads with the charger: samples are read by (charger, transaction).
- aside_samples: samples that named another charger's transaction or an unknown one.
- orphan_stops.why_kept_aside: whose transaction an unmatched StopTransaction named.

Existing rows keep their data; their ``reading`` is computed as new rows compute it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 05:05:00
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_PAGE = 5000
_RAW_KEPT = 60  # longer signed data is keyed by its digest (same rule as storage/sessions)

_OLD_KEY = [
    "charger_id",
    "connector_id",
    "session_key",
    "taken_at",
    "measurand",
    "phase",
    "location",
]
_NEW_KEY = [
    "charger_id",
    "session_key",
    "connector_id",
    "taken_at",
    "measurand",
    "phase",
    "location",
    "unit",
    "context",
    "reading",
]


def _reading(value: float | None, raw_value: str | None) -> str:
    """A copy of storage.sessions.reading_key as it was when this migration was written."""
    if raw_value is not None:
        if len(raw_value) <= _RAW_KEPT:
            return "raw:" + raw_value
        return "sha256:" + hashlib.sha256(raw_value.encode()).hexdigest()
    return "" if value is None else repr(float(value))


def _fill_readings() -> None:
    bind = op.get_bind()
    after = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, value, raw_value FROM meter_samples WHERE id > :after"
                " ORDER BY id LIMIT :page"
            ),
            {"after": after, "page": _PAGE},
        ).all()
        if not rows:
            return
        bind.execute(
            sa.text("UPDATE meter_samples SET reading = :reading WHERE id = :id"),
            [{"id": row[0], "reading": _reading(row[1], row[2])} for row in rows],
        )
        after = rows[-1][0]


def upgrade() -> None:
    """Apply this migration."""
    op.execute("UPDATE meter_samples SET unit = '' WHERE unit IS NULL")
    op.execute("UPDATE meter_samples SET context = '' WHERE context IS NULL")
    op.add_column(
        "meter_samples",
        sa.Column("reading", sa.String(length=80), nullable=False, server_default=""),
    )
    _fill_readings()
    with op.batch_alter_table("meter_samples", schema=None) as batch_op:
        batch_op.alter_column("unit", existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column("context", existing_type=sa.String(length=32), nullable=False)
        batch_op.alter_column("reading", existing_type=sa.String(length=80), server_default=None)
        batch_op.drop_constraint("uq_meter_samples", type_="unique")
        batch_op.create_unique_constraint("uq_meter_samples", _NEW_KEY)
        batch_op.drop_index("ix_meter_samples_session")
        batch_op.create_index(
            "ix_meter_samples_session", ["charger_id", "session_key", "taken_at"], unique=False
        )

    op.create_table(
        "aside_samples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("charger_id", sa.String(length=64), nullable=False),
        sa.Column("connector_id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=48), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("measurand", sa.String(length=48), nullable=False),
        sa.Column("phase", sa.String(length=8), nullable=False),
        sa.Column("location", sa.String(length=8), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("context", sa.String(length=32), nullable=False),
        sa.Column("reading", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("raw_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "charger_id",
            "transaction_id",
            "connector_id",
            "taken_at",
            "measurand",
            "phase",
            "location",
            "unit",
            "context",
            "reading",
            name="uq_aside_samples",
        ),
    )
    with op.batch_alter_table("aside_samples", schema=None) as batch_op:
        batch_op.create_index("ix_aside_samples_charger", ["charger_id", "id"], unique=False)

    with op.batch_alter_table("orphan_stops", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("why_kept_aside", sa.String(length=48), nullable=False, server_default="")
        )
    with op.batch_alter_table("orphan_stops", schema=None) as batch_op:
        batch_op.alter_column(
            "why_kept_aside", existing_type=sa.String(length=48), server_default=None
        )


def downgrade() -> None:
    """Revert this migration (samples that differ only by unit, context or value merge)."""
    with op.batch_alter_table("orphan_stops", schema=None) as batch_op:
        batch_op.drop_column("why_kept_aside")
    with op.batch_alter_table("aside_samples", schema=None) as batch_op:
        batch_op.drop_index("ix_aside_samples_charger")
    op.drop_table("aside_samples")
    # The old, narrower key would refuse the samples it used to drop: keep the first.
    op.execute(
        "DELETE FROM meter_samples WHERE id NOT IN (SELECT min(id) FROM meter_samples"
        " GROUP BY " + ", ".join(_OLD_KEY) + ")"
    )
    with op.batch_alter_table("meter_samples", schema=None) as batch_op:
        batch_op.drop_index("ix_meter_samples_session")
        batch_op.create_index("ix_meter_samples_session", ["session_key", "taken_at"], unique=False)
        batch_op.drop_constraint("uq_meter_samples", type_="unique")
        batch_op.create_unique_constraint("uq_meter_samples", _OLD_KEY)
        batch_op.drop_column("reading")
        batch_op.alter_column("context", existing_type=sa.String(length=32), nullable=True)
        batch_op.alter_column("unit", existing_type=sa.String(length=16), nullable=True)
