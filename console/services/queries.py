"""Read-only queries for the console: history, sessions, samples.

The console reads through its own connections (WAL lets readers work beside the engine's
writer) and runs these in a worker thread, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, select

from console.core.alarms import Alarm, TechnicianNote
from console.core.billing import (
    Receipt,
    ReceiptStatus,
    SessionBill,
    SiteDetails,
    StoredTariff,
    Visitor,
)
from console.core.enums import ConnectorStatus
from console.core.model import (
    AsideSample,
    Card,
    ChargerRecord,
    Holder,
    LoggedFrame,
    OrphanStop,
    Person,
    RefusedCard,
    Session,
)
from console.core.transfers import FileTransfer
from console.services.card_csv import ImportPlan, export_cards_csv, plan_import
from console.services.card_history import CardHistory
from console.services.card_history import card_history as read_card_history
from console.services.card_history import person_history as read_person_history
from console.services.connections import ConnectionAttempt, ConnectionHistory
from console.services.connections import connection_attempts as read_connection_attempts
from console.services.connections import connection_history as read_connection_history
from console.services.message_export import ExportProgress, FrameFilter, StoredFrame
from console.services.message_export import export_frames as write_frames
from console.services.pdf.service_report import render_service_report_pdf
from console.services.price_quote import PriceQuote, visitor_quote
from console.services.report_usage import (
    ConnectorUtilisation,
    HeatMap,
    HeatMapTotals,
    usage_heatmap,
    usage_heatmap_totals,
)
from console.services.report_usage import utilisation as read_utilisation
from console.services.reports import ReportBy, ReportRow
from console.services.reports import energy_report as read_energy_report
from console.services.service_report import ServiceReport
from console.services.service_report import service_report as read_service_report
from console.services.site_zone import configured_zone, follow_site_zone
from console.services.statements import Statement, billed_departments
from console.services.statements import monthly_statement as read_monthly_statement
from console.storage import alarms as alarm_repo
from console.storage import bills as bill_repo
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import file_transfers as transfer_repo
from console.storage import logs as log_repo
from console.storage import message_search, people_lookup
from console.storage import notes as note_repo
from console.storage import people as people_repo
from console.storage import receipts as receipt_repo
from console.storage import samples as sample_repo
from console.storage import sessions as session_repo
from console.storage import tariffs as tariff_repo
from console.storage import visitors as visitor_repo
from console.storage.database import create_db_engine, describe_url
from console.storage.rows import utc_or_none

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PowerPoint:
    """Power of one connector at one time."""

    charger_id: str
    connector_id: int
    at: datetime
    power_w: float


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One entry of a connector's status history."""

    connector_id: int
    status: ConnectorStatus
    error_code: str
    info: str | None
    at: datetime


def database_location(database_url: str) -> str:
    """Where the data is, for people: the file for SQLite, the URL without password else."""
    return describe_url(database_url)


class SiteQueries:
    """Read access to the site's database, separate from the engine's writer."""

    def __init__(self, database_url: str) -> None:
        self._engine: Engine = create_db_engine(database_url)

    def close(self) -> None:
        """Release the connections."""
        self._engine.dispose()

    def _read(self, work: Callable[[Connection], T]) -> T:
        with self._engine.connect() as connection:
            return work(connection)

    def run(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` on a read connection of its own (reads the API adds beside these)."""
        return self._read(work)

    def sessions(self, limit: int | None = None, charger_id: str | None = None) -> list[Session]:
        """Sessions, newest first."""
        return self._read(
            lambda c: session_repo.list_sessions(c, charger_id=charger_id, limit=limit)
        )

    def running_sessions(self) -> list[Session]:
        """Every session still running, newest first (what the overview shows live)."""
        return self._read(lambda c: session_repo.list_sessions(c, running_only=True))

    def holders(self, id_tags: list[str]) -> dict[str, Holder]:
        """Who these card ids belong to (owner or visitor), by normalized id; ids with
        nobody behind them are left out. Read in batches: one call per screen refresh."""
        return self._read(lambda c: people_lookup.holders_of(c, id_tags))

    def kept_aside(
        self, charger_id: str | None = None, limit: int = 1000
    ) -> tuple[list[AsideSample], list[OrphanStop]]:
        """What chargers sent about transactions not their own (or unknown), with the
        reason: meter samples (newest first) and StopTransactions (oldest first)."""

        def read(connection: Connection) -> tuple[list[AsideSample], list[OrphanStop]]:
            stops = session_repo.list_orphan_stops(connection)
            if charger_id is not None:
                stops = [stop for stop in stops if stop.charger_id == charger_id]
            return sample_repo.list_aside_samples(connection, charger_id, limit), stops

        return self._read(read)

    def chargers(self) -> list[ChargerRecord]:
        """Every charger that is not retired."""
        return self._read(charger_repo.list_chargers)

    def power_history(
        self, since: datetime, until: datetime, charger_id: str | None = None
    ) -> list[PowerPoint]:
        """Power samples (total, not per phase) in a time range, oldest first."""
        samples = session_repo.meter_samples

        def read(connection: Connection) -> list[PowerPoint]:
            query = (
                select(
                    samples.c.charger_id,
                    samples.c.connector_id,
                    samples.c.taken_at,
                    samples.c.value,
                    samples.c.unit,
                )
                .where(
                    samples.c.measurand == "Power.Active.Import",
                    samples.c.phase == "",
                    samples.c.taken_at >= since,
                    samples.c.taken_at <= until,
                    samples.c.value.is_not(None),
                )
                .order_by(samples.c.taken_at)
            )
            if charger_id is not None:
                query = query.where(samples.c.charger_id == charger_id)
            return [
                PowerPoint(
                    row.charger_id,
                    row.connector_id,
                    utc_or_none(row.taken_at),  # type: ignore[arg-type]
                    row.value * (1000.0 if row.unit == "kW" else 1.0),
                )
                for row in connection.execute(query)
            ]

        return self._read(read)

    def status_history(self, charger_id: str, limit: int = 200) -> list[StatusChange]:
        """The newest status changes of a charger's connectors, newest first."""
        history = charger_repo.status_history

        def read(connection: Connection) -> list[StatusChange]:
            rows = connection.execute(
                select(history)
                .where(history.c.charger_id == charger_id)
                .order_by(history.c.id.desc())
                .limit(limit)
            )
            return [
                StatusChange(
                    row.connector_id,
                    ConnectorStatus(row.status),
                    row.error_code,
                    row.info,
                    utc_or_none(row.charger_time or row.received_at),  # type: ignore[arg-type]
                )
                for row in rows
            ]

        return self._read(read)

    def cards(self, include_retired: bool = True) -> list[Card]:
        """Registered cards, ordered by id."""
        return self._read(lambda c: card_repo.list_cards(c, include_retired=include_retired))

    def card(self, id_tag: str) -> Card | None:
        """One card in any spelling of its id, or None."""
        return self._read(lambda c: card_repo.get_card(c, id_tag))

    def people(self, include_retired: bool = True) -> list[Person]:
        """People who own cards, ordered by name."""
        return self._read(lambda c: people_repo.list_people(c, include_retired=include_retired))

    def refused_cards(self, limit: int = 200) -> list[RefusedCard]:
        """Cards chargers presented and we refused, most recent first."""
        return self._read(lambda c: card_repo.list_refused_cards(c, limit=limit))

    def sessions_of_cards(self, id_tags: list[str], limit: int | None = None) -> list[Session]:
        """Sessions of these cards, newest first."""
        return self._read(lambda c: session_repo.list_sessions(c, id_tags=id_tags, limit=limit))

    def recent_frames(self, charger_id: str | None = None, limit: int = 200) -> list[LoggedFrame]:
        """The newest frames of the message log, newest first."""
        return self._read(lambda c: log_repo.recent_frames(c, charger_id, limit))

    # --- the technician's message log (see console/storage/message_search.py) ---

    def search_frames(
        self,
        where: FrameFilter,
        before_id: int | None = None,
        after_id: int | None = None,
        limit: int = 500,
        oldest_first: bool = False,
    ) -> list[StoredFrame]:
        """Frames matching ``where`` between the ids, newest first (keyset paging)."""
        return self._read(
            lambda c: message_search.search_frames(
                c, where, before_id, after_id, limit, oldest_first
            )
        )

    def count_frames(
        self, where: FrameFilter, after_id: int | None = None, cap: int | None = None
    ) -> int:
        """How many frames match above ``after_id``, at most ``cap``."""
        return self._read(lambda c: message_search.count_frames(c, where, after_id, cap=cap))

    def partner_frame(self, stored: StoredFrame) -> StoredFrame | None:
        """The reply of a call or the call of a reply, or None."""
        return self._read(lambda c: message_search.partner_frame(c, stored))

    def export_frames(
        self,
        where: FrameFilter,
        upto_id: int,
        path: Path,
        progress: ExportProgress,
        utc: bool = False,
    ) -> int:
        """Write the frames matching ``where`` up to ``upto_id`` as JSON lines (times in
        the site's zone, or UTC)."""
        return self._read(lambda c: write_frames(c, where, upto_id, Path(path), progress, utc=utc))

    def connection_attempts(self, limit: int = 500) -> list[ConnectionAttempt]:
        """Accepted and refused handshakes, newest first."""
        return self._read(lambda c: read_connection_attempts(c, limit))

    def connection_history(self, charger_id: str, heartbeat_interval: float) -> ConnectionHistory:
        """A charger's connects, disconnects, boots, heartbeat gaps and clock drift."""
        return self._read(lambda c: read_connection_history(c, charger_id, heartbeat_interval))

    def sessions_between(
        self, since: datetime, until: datetime, limit: int | None = None
    ) -> list[Session]:
        """Sessions started in [since, until), newest first, at most ``limit`` of them."""
        return self._read(
            lambda c: session_repo.list_sessions(
                c, started_since=since, started_before=until, limit=limit
            )
        )

    def card_history(self, id_tag: str) -> CardHistory:
        """The sessions of one card (in any spelling of its id), newest first, with totals."""
        return self._read(lambda c: read_card_history(c, id_tag))

    def person_history(self, person_id: int) -> CardHistory | None:
        """The sessions of every card of a person; None when there is no such person."""
        return self._read(lambda c: read_person_history(c, person_id))

    def plan_card_import(self, path: Path) -> ImportPlan:
        """Read a card CSV file and plan its import (OSError when it cannot be read)."""
        data = Path(path).read_bytes()
        return self._read(lambda c: plan_import(c, data))

    def export_cards(self, path: Path) -> int:
        """Write every card with its owner to a CSV file; returns how many."""
        return self._read(lambda c: export_cards_csv(c, Path(path)))

    def tariffs(self, include_retired: bool = True) -> list[StoredTariff]:
        """Tariffs ordered by name."""
        return self._read(lambda c: tariff_repo.list_tariffs(c, include_retired=include_retired))

    def tariff_groups(self) -> dict[str, int]:
        """Tariff id by card group (groups without one pay the site default)."""
        return self._read(tariff_repo.group_tariffs)

    def default_tariff_id(self) -> int | None:
        """The site default tariff, or None when none is set."""
        return self._read(tariff_repo.default_tariff_id)

    def visitor_tariff_id(self) -> int | None:
        """The visitors' tariff, or None when none is set."""
        return self._read(tariff_repo.visitor_tariff_id)

    def visitor_quote(self) -> PriceQuote | None:
        """What a visitor would pay now (tariff in force, an example); None: no tariff."""
        return self._read(visitor_quote)

    def visitor_group(self) -> str:
        """The card group of visitors' tokens and loan cards."""
        return self._read(tariff_repo.visitor_group)

    def site_details(self) -> SiteDetails:
        """The site's name, address and tax number as receipts print them."""
        return self._read(tariff_repo.site_details)

    def bill(self, session_id: int) -> SessionBill | None:
        """What a finished session cost, or None when it was not billed."""
        return self._read(lambda c: bill_repo.get_bill(c, session_id))

    def bills(self, session_ids: list[int]) -> dict[int, SessionBill]:
        """The bills of these sessions (those billed), by session id."""
        return self._read(lambda c: bill_repo.bills_of_sessions(c, session_ids))

    def receipts(
        self, year: int | None = None, status: ReceiptStatus | None = None, limit: int = 500
    ) -> list[Receipt]:
        """Receipts with their payments, newest first."""
        return self._read(
            lambda c: receipt_repo.list_receipts(c, year=year, status=status, limit=limit)
        )

    def receipt_years(self) -> list[int]:
        """The years that have receipts, newest first."""
        return self._read(receipt_repo.receipt_years)

    def receipt_by_label(self, label: str) -> Receipt | None:
        """The receipt printed with this number, e.g. "2026-00042"."""
        return self._read(lambda c: receipt_repo.receipt_by_label(c, label))

    def receipts_of_session(self, session_id: int) -> list[Receipt]:
        """Every receipt of a session, void ones included, oldest first."""
        return self._read(lambda c: receipt_repo.receipts_of_session(c, session_id))

    def visitors(self, limit: int = 200) -> list[Visitor]:
        """Visitors, newest first."""
        return self._read(lambda c: visitor_repo.list_visitors(c, limit))

    # --- reports and statements (times in the site's zone; run them in a worker thread) ---

    def energy_report(
        self, since: date | datetime, until: date | datetime, by: ReportBy | str = ReportBy.DAY
    ) -> list[ReportRow]:
        """Sessions, energy and revenue of the sessions started in [since, until)."""
        return self._read(
            lambda c: read_energy_report(c, since, until, by, tariff_repo.site_timezone(c))
        )

    def usage_heatmap(self, since: date | datetime, until: date | datetime) -> HeatMap:
        """kWh in [since, until) by local weekday (0 = Monday) and hour of day."""
        return self._read(lambda c: usage_heatmap(c, since, until, tariff_repo.site_timezone(c)))

    def usage_heatmap_totals(
        self, since: date | datetime, until: date | datetime
    ) -> tuple[HeatMap, HeatMapTotals]:
        """The heat map of [since, until) and how its total meets the energy report's."""
        return self._read(
            lambda c: usage_heatmap_totals(c, since, until, tariff_repo.site_timezone(c))
        )

    def billed_departments(self, year: int, month: int) -> list[str]:
        """Every department (cost centre) with billed sessions in the site's month."""
        return self._read(
            lambda c: billed_departments(c, year, month, tariff_repo.site_timezone(c))
        )

    def site_zone(self) -> ZoneInfo | None:
        """The zone the site names (None: none), without changing how times are shown."""
        return self._read(configured_zone)

    def follow_site_zone(self) -> tzinfo | None:
        """Show times in the site's zone from now on (None: it names none; this PC's)."""
        return self._read(follow_site_zone)

    def utilisation(
        self, since: date | datetime, until: date | datetime
    ) -> list[ConnectorUtilisation]:
        """Share of [since, until) each connector spent charging and occupied."""
        return self._read(lambda c: read_utilisation(c, since, until, tariff_repo.site_timezone(c)))

    def monthly_statement(
        self, year: int, month: int, person_id: int | None = None, department: str | None = None
    ) -> Statement:
        """The month's statement of a person or a department (StatementError if neither)."""
        return self._read(
            lambda c: read_monthly_statement(
                c, year, month, person_id, department, tariff_repo.site_timezone(c)
            )
        )

    def alarms(self, open_only: bool = False, limit: int | None = 500) -> list[Alarm]:
        """Alarms, newest first; ``open_only``: those not cleared or not acknowledged."""
        return self._read(lambda c: alarm_repo.list_alarms(c, open_only=open_only, limit=limit))

    def file_transfers(self, received_only: bool = False, limit: int = 500) -> list[FileTransfer]:
        """Diagnostics, log and firmware transfers, newest first (with a file: uploads)."""
        return self._read(
            lambda c: transfer_repo.list_transfers(c, received_only=received_only, limit=limit)
        )

    def technician_notes(self, charger_id: str) -> list[TechnicianNote]:
        """A charger's notes, oldest first."""
        return self._read(lambda c: note_repo.list_notes(c, charger_id))

    def service_report(self, charger_id: str, since: datetime, until: datetime) -> ServiceReport:
        """A charger's service report for ``[since, until)``."""
        return self._read(lambda c: read_service_report(c, charger_id, since, until))

    def save_service_report(
        self, charger_id: str, since: datetime, until: datetime, path: Path
    ) -> ServiceReport:
        """Gather a charger's service report and write it as a PDF to ``path``."""

        def work(connection: Connection) -> tuple[ServiceReport, str, ZoneInfo]:
            site = tariff_repo.site_details(connection)
            report = read_service_report(connection, charger_id, since, until)
            return report, site.name or "ChargeDesk", tariff_repo.site_timezone(connection)

        report, name, zone = self._read(work)
        render_service_report_pdf(report, path, name, zone)
        return report
