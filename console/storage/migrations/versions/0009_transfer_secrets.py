"""Upload grants single-use, secrets stored hashed.

Transfer URLs held their secret (the FTP password, the HTTP path token) in plain text.
Each stored URL is rewritten with ``***`` in its place, and a SHA-256 digest of the
secret is kept in the new ``secret_hash`` column. The message log's frames are
rewritten the same way. The secrets cannot come back on downgrade (nor should they).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 05:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.core.redaction import redact_secrets, secret_digest, url_secret

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BATCH = 1000


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("file_transfers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("secret_hash", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, url FROM file_transfers")).all()
    for transfer_id, url in rows:
        secret = url_secret(url or "")
        if secret is None:
            continue
        bind.execute(
            sa.text("UPDATE file_transfers SET url = :url, secret_hash = :hash WHERE id = :id"),
            {"url": redact_secrets(url), "hash": secret_digest(secret), "id": transfer_id},
        )
    _redact_message_log(bind)


def _redact_message_log(bind: sa.Connection) -> None:
    # Only frames that can hold a transfer URL are read, in batches by id.
    query = sa.text(
        "SELECT id, payload FROM message_log WHERE id > :after AND "
        "(payload LIKE '%://%' OR payload LIKE '%token=%') ORDER BY id LIMIT :limit"
    )
    after = 0
    while True:
        rows = bind.execute(query, {"after": after, "limit": _BATCH}).all()
        if not rows:
            return
        for frame_id, payload in rows:
            cleaned = redact_secrets(payload or "")
            if cleaned != payload:
                bind.execute(
                    sa.text("UPDATE message_log SET payload = :payload WHERE id = :id"),
                    {"payload": cleaned, "id": frame_id},
                )
        after = rows[-1][0]


def downgrade() -> None:
    """Revert this migration (the URLs keep ``***``: the secrets are gone)."""
    with op.batch_alter_table("file_transfers", schema=None) as batch_op:
        batch_op.drop_column("secret_hash")
