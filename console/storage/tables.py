"""The database schema as typed SQLAlchemy 2 models.

Changes to these classes need an Alembic migration (storage/migrations/versions). The
services never see these classes: repositories turn rows into core dataclasses.
Columns that take part in a uniqueness check use '' or 0 instead of NULL, because SQL
treats NULLs as distinct and a repeated message would slip through.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Base of every ChargeDesk table."""


UtcDateTime = DateTime(timezone=True)


class ChargerRow(Base):
    """A charger known to the site, accepted, pending or rejected. Retired ones stay."""

    __tablename__ = "chargers"

    # ``id`` is the spelling the charger first registered with; ``id_key`` (lower case)
    # makes "cp1" and "CP1" one charger.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    id_key: Mapped[str] = mapped_column(String(64), unique=True)
    approval: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(256))
    vendor: Mapped[str | None] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(64))
    serial: Mapped[str | None] = mapped_column(String(64))
    firmware_version: Mapped[str | None] = mapped_column(String(64))
    charge_box_serial: Mapped[str | None] = mapped_column(String(64))
    iccid: Mapped[str | None] = mapped_column(String(32))
    imsi: Mapped[str | None] = mapped_column(String(32))
    meter_type: Mapped[str | None] = mapped_column(String(64))
    meter_serial: Mapped[str | None] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    booted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_seen: Mapped[datetime | None] = mapped_column(UtcDateTime)
    retired: Mapped[bool] = mapped_column(default=False)
    # The address (host, no port) an unknown charger first came from: limits how many
    # chargers one address may leave waiting for approval.
    registered_from: Mapped[str | None] = mapped_column(String(64))
    # The OCPP security profile the charger must connect with (0 none, 1 Basic auth,
    # 2 TLS + Basic auth, 3 TLS with a client certificate); a weaker one is refused.
    security_profile: Mapped[int] = mapped_column(Integer, default=0)


class ConnectorRow(Base):
    """The last reported status of a connector (0 is the charger as a whole)."""

    __tablename__ = "connectors"

    charger_id: Mapped[str] = mapped_column(ForeignKey("chargers.id"), primary_key=True)
    connector_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(32))
    error_code: Mapped[str] = mapped_column(String(64))
    info: Mapped[str | None] = mapped_column(String(255))
    status_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StatusHistoryRow(Base):
    """Every StatusNotification, with the charger's timestamp and ours."""

    __tablename__ = "status_history"
    __table_args__ = (Index("ix_status_history_charger", "charger_id", "connector_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charger_id: Mapped[str] = mapped_column(ForeignKey("chargers.id"))
    connector_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32))
    error_code: Mapped[str] = mapped_column(String(64))
    info: Mapped[str | None] = mapped_column(String(255))
    vendor_id: Mapped[str | None] = mapped_column(String(255))
    vendor_error_code: Mapped[str | None] = mapped_column(String(64))
    charger_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SessionRow(Base):
    """A charging session; ``id`` is the OCPP transactionId we issued (never reused)."""

    __tablename__ = "sessions"
    __table_args__ = (
        # A repeated StartTransaction carries the same values: it finds this row again.
        UniqueConstraint(
            "charger_id",
            "connector_id",
            "id_tag_key",
            "started_at",
            "meter_start",
            name="uq_sessions_start",
        ),
        Index("ix_sessions_running", "stopped_at", "id_tag_key"),
        Index("ix_sessions_started", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    charger_id: Mapped[str] = mapped_column(ForeignKey("chargers.id"))
    connector_id: Mapped[int] = mapped_column(Integer)
    id_tag: Mapped[str] = mapped_column(String(20))
    id_tag_key: Mapped[str] = mapped_column(String(20))
    auth_status: Mapped[str] = mapped_column(String(16))
    reservation_id: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    start_received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    meter_start: Mapped[int] = mapped_column(BigInteger)
    stopped_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    stop_received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    meter_stop: Mapped[int | None] = mapped_column(BigInteger)
    stop_reason: Mapped[str | None] = mapped_column(String(32))
    stop_id_tag: Mapped[str | None] = mapped_column(String(20))
    flags: Mapped[str] = mapped_column(String(255), default="")
    # The stop is ChargeDesk's estimate until the charger's own StopTransaction arrives.
    stop_estimated: Mapped[bool] = mapped_column(default=False, server_default="0")
    end_note: Mapped[str | None] = mapped_column(String(500))


class MeterSampleRow(Base):
    """One measurand reading of a charger's own transaction (or of none: session_key 0).

    The unique key holds everything that tells two samples apart, the reading itself
    included (``reading``: the value as text, or a digest of signed data), so a repeated
    MeterValues is a no-op while two different samples at one instant are both kept.
    Readers find a session's samples by (charger_id, session_key), never by id alone.
    """

    __tablename__ = "meter_samples"
    __table_args__ = (
        UniqueConstraint(
            "charger_id",
            "session_key",
            "taken_at",
            "connector_id",
            "measurand",
            "phase",
            "location",
            "unit",
            "context",
            "reading",
            name="uq_meter_samples",
        ),
        # The key's first three columns are what readers use: a session's samples in time
        # order (so no separate index for them; one index fewer on every insert).
        Index("ix_meter_samples_time", "taken_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charger_id: Mapped[str] = mapped_column(String(64))
    connector_id: Mapped[int] = mapped_column(Integer)
    session_key: Mapped[int] = mapped_column(Integer)  # transactionId, 0 when none
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    measurand: Mapped[str] = mapped_column(String(48))
    phase: Mapped[str] = mapped_column(String(8), default="")
    location: Mapped[str] = mapped_column(String(8), default="")
    unit: Mapped[str] = mapped_column(String(16), default="")
    context: Mapped[str] = mapped_column(String(32), default="")
    reading: Mapped[str] = mapped_column(String(80), default="")
    value: Mapped[float | None] = mapped_column(Float)
    raw_value: Mapped[str | None] = mapped_column(Text)


class AsideSampleRow(Base):
    """A meter sample naming another charger's transaction or an unknown one.

    Answered, kept for staff with the reason, and never read by a bill, report or live
    figure. Bounded per charger (the oldest go first): a charger cannot grow it for ever.
    """

    __tablename__ = "aside_samples"
    __table_args__ = (
        UniqueConstraint(
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
        Index("ix_aside_samples_charger", "charger_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charger_id: Mapped[str] = mapped_column(String(64))
    connector_id: Mapped[int] = mapped_column(Integer)
    transaction_id: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(48))
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    measurand: Mapped[str] = mapped_column(String(48))
    phase: Mapped[str] = mapped_column(String(8), default="")
    location: Mapped[str] = mapped_column(String(8), default="")
    unit: Mapped[str] = mapped_column(String(16), default="")
    context: Mapped[str] = mapped_column(String(32), default="")
    reading: Mapped[str] = mapped_column(String(80), default="")
    value: Mapped[float | None] = mapped_column(Float)
    raw_value: Mapped[str | None] = mapped_column(Text)


class OrphanStopRow(Base):
    """A StopTransaction we could not match (id -1, unknown, or another charger's):
    acknowledged, kept aside with ``why_kept_aside``; its transactionData stays here."""

    __tablename__ = "orphan_stops"
    __table_args__ = (
        UniqueConstraint(
            "charger_id", "transaction_id", "stopped_at", "meter_stop", name="uq_orphan_stops"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charger_id: Mapped[str] = mapped_column(String(64))
    transaction_id: Mapped[int] = mapped_column(Integer)
    meter_stop: Mapped[int] = mapped_column(BigInteger)
    stopped_at: Mapped[datetime] = mapped_column(UtcDateTime)
    id_tag: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(32))
    why_kept_aside: Mapped[str] = mapped_column(String(48), default="")
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    transaction_data: Mapped[str | None] = mapped_column(Text)


class PersonRow(Base):
    """Someone who owns cards. Retired people stay, with their history."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    department: Mapped[str | None] = mapped_column(String(255))  # or cost centre
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CardRow(Base):
    """An RFID card. ``id_key`` is the case-folded id the charger's idTag is compared by.

    ``list_version`` is the site's local list version at the card's last change: a
    charger holding version v needs every card with a higher one.
    """

    __tablename__ = "cards"
    __table_args__ = (Index("ix_cards_list_version", "list_version"),)

    id_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    id_tag: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    parent_id_tag: Mapped[str | None] = mapped_column(String(20))
    max_concurrent: Mapped[int] = mapped_column(Integer, default=1)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    list_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Why and since when the card is blocked (core BlockReason); NULL unless blocked.
    block_reason: Mapped[str | None] = mapped_column(String(16))
    block_detail: Mapped[str | None] = mapped_column(Text)
    blocked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CardStatusChangeRow(Base):
    """A change of a card's status (blocked, active again, retired), with the reason.

    Kept for the card's history: nothing is deleted, so unblocking keeps why it was blocked.
    """

    __tablename__ = "card_status_changes"
    __table_args__ = (Index("ix_card_status_changes_card", "id_key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id_key: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)


class RefusedCardRow(Base):
    """A card we did not accept, counted; where and when it was presented last."""

    __tablename__ = "refused_cards"
    __table_args__ = (Index("ix_refused_cards_last", "last_at"),)

    id_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    id_tag: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16))
    charger_id: Mapped[str] = mapped_column(String(64))
    first_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_at: Mapped[datetime] = mapped_column(UtcDateTime)
    count: Mapped[int] = mapped_column(Integer, default=1)


class LocalListStateRow(Base):
    """What we know of a charger's local authorization list.

    ``version`` is the list version the charger confirmed last (0: none). ``supported``
    is None until the charger has answered, False once it said it has no local list.
    """

    __tablename__ = "local_list_state"

    charger_id: Mapped[str] = mapped_column(ForeignKey("chargers.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    supported: Mapped[bool | None] = mapped_column()
    max_length: Mapped[int | None] = mapped_column(Integer)
    synced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_result: Mapped[str | None] = mapped_column(String(255))


class MessageLogRow(Base):
    """Every frame in and out, with a size-bounded retention (oldest rows pruned)."""

    __tablename__ = "message_log"
    __table_args__ = (
        Index("ix_message_log_charger", "charger_id", "id"),
        Index("ix_message_log_action", "action", "id"),
        Index("ix_message_log_at", "at"),
        # Covers the size budget: totals and pruning read the index, never the payloads.
        Index("ix_message_log_size", "id", "size"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    charger_id: Mapped[str] = mapped_column(String(64))
    direction: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(10))
    message_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str | None] = mapped_column(String(48))
    payload: Mapped[str] = mapped_column(Text)
    latency_ms: Mapped[float | None] = mapped_column(Float)
    size: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # bytes kept
    omitted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # bytes cut


class RefusedConnectionRow(Base):
    """Refused handshakes of one charger (or address) for one reason: who, where, why, how often.

    ``refusal_key`` is the charger's id key, or ``@host`` when it gave no usable id; ``at``
    is the newest refusal and ``first_at`` the oldest. Texts are stored truncated.
    """

    __tablename__ = "refused_connections"
    __table_args__ = (
        Index("ix_refused_connections_key", "refusal_key", "reason"),
        Index("ix_refused_connections_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    first_at: Mapped[datetime] = mapped_column(UtcDateTime)
    refusal_key: Mapped[str] = mapped_column(String(80))
    count: Mapped[int] = mapped_column(Integer, default=1)
    charger_id: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(64))
    peer: Mapped[str | None] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(255))
    http_status: Mapped[int] = mapped_column(Integer)
    subprotocols: Mapped[str | None] = mapped_column(String(255))
    username: Mapped[str | None] = mapped_column(String(64))


class LockoutRow(Base):
    """Failed password attempts of a charger id (``charger:<key>``) or an address (``peer:<host>``).

    ``locked_until`` is set once the failures reach the limit within the window.
    """

    __tablename__ = "lockouts"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    first_failure_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_failure_at: Mapped[datetime] = mapped_column(UtcDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ChargerEventRow(Base):
    """Connection history and notifications: connects, disconnects, boots, firmware…"""

    __tablename__ = "charger_events"
    __table_args__ = (
        Index("ix_charger_events_charger", "charger_id", "id"),
        Index("ix_charger_events_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    charger_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    details: Mapped[str] = mapped_column(Text, default="{}")


class SettingRow(Base):
    """A site setting as text (site name, admission mode…)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TariffRow(Base):
    """A tariff; ``definition`` is its JSON form. Bills keep their own copy of the prices,
    so editing a tariff never changes what was billed."""

    __tablename__ = "tariffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    currency: Mapped[str] = mapped_column(String(3))
    definition: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    retired: Mapped[bool] = mapped_column(default=False)


class TariffGroupRow(Base):
    """Which tariff a card group pays; groups without a row pay the site default."""

    __tablename__ = "tariff_groups"

    group_key: Mapped[str] = mapped_column(String(20), primary_key=True)  # case-folded
    group_name: Mapped[str] = mapped_column(String(20))
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariffs.id"))


class SessionBillRow(Base):
    """What a finished session cost, fixed when it was billed.

    Amounts are whole cents. Card, group, person and department are copied from the
    moment of billing: statements charge back to the department the driver was in then.
    """

    __tablename__ = "session_bills"
    __table_args__ = (
        Index("ix_session_bills_billed", "billed_at"),
        Index("ix_session_bills_person", "person_id", "billed_at"),
    )

    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), primary_key=True)
    tariff_id: Mapped[int | None] = mapped_column(ForeignKey("tariffs.id"))
    tariff_name: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    breakdown: Mapped[str] = mapped_column(Text)  # CostBreakdown.to_json()
    net_cents: Mapped[int] = mapped_column(BigInteger)
    tax_cents: Mapped[int] = mapped_column(BigInteger)
    gross_cents: Mapped[int] = mapped_column(BigInteger)
    energy_wh: Mapped[float] = mapped_column(Float)
    id_tag: Mapped[str] = mapped_column(String(20))
    group_name: Mapped[str | None] = mapped_column(String(20))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    department: Mapped[str | None] = mapped_column(String(255))
    visitor_id: Mapped[int | None] = mapped_column(ForeignKey("visitors.id"))
    billed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReceiptRow(Base):
    """A receipt, numbered without gaps per year. Never changed once issued except to
    mark it paid or void; a correction voids it and issues a new one."""

    __tablename__ = "receipts"
    __table_args__ = (
        UniqueConstraint("year", "number", name="uq_receipts_number"),
        Index("ix_receipts_session", "session_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))  # unpaid, paid, void
    content: Mapped[str] = mapped_column(Text)  # everything printed, as JSON
    currency: Mapped[str] = mapped_column(String(3))
    gross_cents: Mapped[int] = mapped_column(BigInteger)
    voided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_by: Mapped[str | None] = mapped_column(String(128))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("receipts.id"))


class PaymentRow(Base):
    """Money received for a receipt: cash, a card-terminal reference, or an invoice."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_receipt", "receipt_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"))
    method: Mapped[str] = mapped_column(String(16))  # cash, terminal, invoice
    reference: Mapped[str | None] = mapped_column(String(255))  # terminal ref / cost centre
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(String(128))


class VisitorRow(Base):
    """A driver without a card, started by staff with a one-time token (a card that is
    retired when the session ends)."""

    __tablename__ = "visitors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str | None] = mapped_column(String(255))
    plate: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(255))
    charger_id: Mapped[str] = mapped_column(String(64))
    connector_id: Mapped[int] = mapped_column(Integer)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AlarmRow(Base):
    """Something staff must look at: a fault, a charger offline, repeated reboots, a
    security event. Raised, possibly cleared when the condition ends, acknowledged by
    a person; never deleted."""

    __tablename__ = "alarms"
    __table_args__ = (
        Index("ix_alarms_open", "acknowledged_at", "raised_at"),
        Index("ix_alarms_charger", "charger_id", "raised_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charger_id: Mapped[str] = mapped_column(String(64))
    connector_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))  # faulted, offline, reboots, security
    message: Mapped[str] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text, default="{}")
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cleared_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(255))


class ConfigSnapshotRow(Base):
    """A charger's configuration (GetConfiguration) saved at a moment; a baseline is the
    snapshot other chargers of the same model are compared with."""

    __tablename__ = "config_snapshots"
    __table_args__ = (Index("ix_config_snapshots_charger", "charger_id", "taken_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charger_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    vendor: Mapped[str | None] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(64))
    firmware_version: Mapped[str | None] = mapped_column(String(64))
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime)
    baseline: Mapped[bool] = mapped_column(default=False)
    content: Mapped[str] = mapped_column(Text)  # JSON list of {key, value, readonly}


class FileTransferRow(Base):
    """A diagnostics or log upload, or a firmware download, asked of a charger."""

    __tablename__ = "file_transfers"
    __table_args__ = (Index("ix_file_transfers_charger", "charger_id", "requested_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charger_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # diagnostics, log, firmware
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    url: Mapped[str] = mapped_column(String(1024))  # its secret replaced by ***
    # SHA-256 of the URL's secret (path token, FTP password); the secret is never stored.
    secret_hash: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32))  # last status notification or ours
    status_at: Mapped[datetime] = mapped_column(UtcDateTime)
    file_name: Mapped[str | None] = mapped_column(String(255))  # uploaded or offered file
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    request_id: Mapped[int | None] = mapped_column(Integer)  # GetLog / SignedUpdateFirmware


class TechnicianNoteRow(Base):
    """A technician's note on a charger, printed in its service report."""

    __tablename__ = "technician_notes"
    __table_args__ = (Index("ix_technician_notes_charger", "charger_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charger_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    author: Mapped[str | None] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)


def table_of(model: type[Base]) -> Table:
    """The Core table of a model, typed as a Table for insert/update statements."""
    return cast(Table, model.__table__)


# The security and API token tables share Base; importing them here registers them with
# the metadata.
from console.storage import tables_api_tokens, tables_security  # noqa: E402, F401
