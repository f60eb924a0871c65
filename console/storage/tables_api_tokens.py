"""The table of named API tokens (kept apart from tables.py, which is already long).

It shares tables.py's ``Base``; tables.py imports this module so the metadata (and the
migration check) sees the table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.storage.tables import Base, UtcDateTime


class ApiTokenRow(Base):
    """A long-lived API token for scripts; only the SHA-256 of its secret is kept.

    ``name_key`` (case folded) is unique among tokens not revoked, checked by the
    service in the writer's transaction: a revoked token's name may be used again.
    Tokens are revoked, never deleted: the audit log names them.
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    name_key: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the secret
    prefix: Mapped[str] = mapped_column(String(8))
    roles: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_used_from: Mapped[str | None] = mapped_column(String(255))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(128))

    __table_args__ = (Index("ix_api_tokens_name_key", "name_key"),)
