"""Tables of staff accounts, the audit log and the site's certificates.

Kept apart from tables.py (which is already long); they share its ``Base``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.storage.tables import Base, UtcDateTime


class StaffRow(Base):
    """A staff account: a person who logs in at the desk (or through the API).

    ``username_key`` (lower case) makes "Anna" and "anna" one account. ``roles`` is
    "admin,desk" (core.staff.roles_text). Accounts are disabled, never deleted: the
    audit log names them.
    """

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    username_key: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    password_hash: Mapped[str] = mapped_column(String(256))
    roles: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Failed logins since the last good one, and until when the account is locked.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuditRow(Base):
    """One audit log entry; rows are only ever added (core.audit has the chain rules)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(128))
    staff_id: Mapped[int | None] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(255), default="")
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(255), default="")
    before: Mapped[str] = mapped_column(Text, default="null")
    after: Mapped[str] = mapped_column(Text, default="null")
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_actor", "actor"),
        Index("ix_audit_log_action", "action"),
    )


class IssuedCertificateRow(Base):
    """A certificate the site CA signed (for a charger, the server or firmware signing).

    ``kind`` is "charger", "server" or "firmware_signing"; ``serial`` is hexadecimal.
    Kept so the technician sees what was issued to whom, and when it runs out.
    """

    __tablename__ = "issued_certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    serial: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(255))
    charger_id: Mapped[str | None] = mapped_column(String(64))
    not_before: Mapped[datetime] = mapped_column(UtcDateTime)
    not_after: Mapped[datetime] = mapped_column(UtcDateTime)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    fingerprint: Mapped[str] = mapped_column(String(64))  # SHA-256, hexadecimal
    pem: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_issued_certificates_charger", "charger_id", "issued_at"),)


class SecurityEventRow(Base):
    """A SecurityEventNotification (or a refused TLS handshake) kept for the technician.

    Bounded like the other logs: pruned by age and count.
    """

    __tablename__ = "security_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charger_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)  # the charger's time, or ours
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(64))  # the event type, e.g. FirmwareUpdated
    severity: Mapped[str] = mapped_column(String(16))  # critical, warning, info
    tech_info: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_security_events_charger", "charger_id", "received_at"),)
