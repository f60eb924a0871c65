"""Fakes for the Reports tab's tests: queries with known answers, optionally held back."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from console.core.billing import SiteDetails
from console.core.model import Person
from console.services.report_usage import ConnectorUtilisation, HeatMapTotals
from console.services.reports import ReportBy, ReportRow, period_key
from console.services.statements import Statement, StatementLine, StatementSection

T = TypeVar("T")


def day_rows(first: date, count: int, scale: int = 1) -> list[ReportRow]:
    """``count`` days of known figures: day n has n sessions, 10 n kWh and 2.50 n EUR."""
    rows = []
    for n in range(1, count + 1):
        day = date.fromordinal(first.toordinal() + n - 1)
        rows.append(
            ReportRow(
                period_key(day, ReportBy.DAY),
                sessions=n * scale,
                energy_kwh=Decimal(10 * n * scale).quantize(Decimal("0.001")),
                revenue={"EUR": (Decimal("2.50") * n * scale).quantize(Decimal("0.01"))},
                unbilled=1 if n == 2 else 0,
            )
        )
    return rows


def heat_matrix(peak: float = 40.0) -> list[list[float]]:
    """A working-week pattern: mornings busy on weekdays, quiet weekends."""
    matrix = [[0.0] * 24 for _ in range(7)]
    for day in range(5):
        for hour in range(7, 18):
            matrix[day][hour] = peak * (1.0 - abs(hour - 9) / 12) * (1 - day * 0.1)
    matrix[5][11] = 3.0
    return matrix


UTILISATION = [
    ConnectorUtilisation("P1-AC-01", 1, 0.25, 0.40, 42.0, 67.2),
    ConnectorUtilisation("P1-AC-01", 2, 0.05, 0.10, 8.4, 16.8),
    ConnectorUtilisation("P2-DC-01", 1, 0.60, 0.65, 100.8, 109.2),
]

PEOPLE = [
    Person(1, "Jonas Weber", "Facilities CC-4100"),
    Person(2, "Dr. Maria Hoffmann", "Radiology"),
    Person(3, "Sophie Martin", "Radiology"),
]


def statement(year: int, month: int, person_id: int | None, department: str | None) -> Statement:
    """A statement with two billed sessions of Jonas Weber."""
    at = datetime(year, month, 3, 8, 0, tzinfo=UTC)
    lines = tuple(
        StatementLine(
            session_id=100 + n,
            started_at=at,
            stopped_at=at,
            billed_at=at,
            id_tag="04D4E5F6",
            charger_id="P1-AC-01",
            connector_id=1,
            energy_kwh=Decimal("12.500"),
            currency="EUR",
            net=Decimal("3.50"),
            tax=Decimal("0.67"),
            gross=Decimal("4.17"),
            receipt=f"{year}-0000{n}",
        )
        for n in (1, 2)
    )
    kind = "person" if person_id is not None else "department"
    subject = "Jonas Weber" if person_id is not None else str(department)
    section = StatementSection(1, "Jonas Weber", lines)
    return Statement(
        year, month, kind, subject, "Facilities CC-4100", (section,), datetime.now(UTC)
    )


class FakeQueries:
    """Answers like SiteQueries; ``hold`` makes the next calls wait until released."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.gates: list[threading.Event] = []
        self.hold = False
        self.scale = 1  # multiplies the energy report's figures (to tell reads apart)
        self.fail: str | None = None

    def _wait(self) -> None:
        if self.hold:
            gate = threading.Event()
            self.gates.append(gate)
            assert gate.wait(30), "a held read was never released"
        if self.fail:
            raise RuntimeError(self.fail)

    def energy_report(self, since: date, until: date, by: ReportBy | str) -> list[ReportRow]:
        scale = self.scale
        self.calls.append(("energy_report", since, until, ReportBy(by), scale))
        self._wait()
        days = (until - since).days
        if ReportBy(by) is ReportBy.CHARGER:
            return [
                ReportRow("P1-AC-01", 3 * scale, Decimal("30.000") * scale, {"EUR": Decimal(6)}),
                ReportRow("P2-DC-01", 5 * scale, Decimal("90.500") * scale, {"EUR": Decimal(21)}),
                ReportRow("P3-AC-02", 1 * scale, Decimal("4.250") * scale, {}, unbilled=1),
            ]
        return day_rows(since, days, scale)

    def usage_heatmap(self, since: date, until: date) -> list[list[float]]:
        self.calls.append(("usage_heatmap", since, until))
        self._wait()
        return heat_matrix()

    def usage_heatmap_totals(
        self, since: date, until: date
    ) -> tuple[list[list[float]], HeatMapTotals]:
        matrix = self.usage_heatmap(since, until)
        total = sum(map(sum, matrix))
        return matrix, HeatMapTotals(total, total - 12.5, running_kwh=12.5)

    def utilisation(self, since: date, until: date) -> list[ConnectorUtilisation]:
        self.calls.append(("utilisation", since, until))
        self._wait()
        return list(UTILISATION)

    def monthly_statement(
        self, year: int, month: int, person_id: int | None = None, department: str | None = None
    ) -> Statement:
        self.calls.append(("monthly_statement", year, month, person_id, department))
        self._wait()
        return statement(year, month, person_id, department)

    def people(self, include_retired: bool = True) -> list[Person]:
        self.calls.append(("people",))
        return list(PEOPLE)

    def billed_departments(self, year: int, month: int) -> list[str]:
        self.calls.append(("billed_departments", year, month))
        return ["Facilities CC-4100", "Pharmacy CC-2300"]

    def site_details(self) -> SiteDetails:
        self.calls.append(("site_details",))
        return SiteDetails("St. Marien Hospital", "Car park P1\n10115 Berlin", "DE123")

    def release(self) -> None:
        """Let every held read go on."""
        for gate in self.gates:
            gate.set()


class FakeClient:
    """The engine client's ``read``: the work runs in a worker thread, as in the console."""

    def __init__(self, queries: FakeQueries | None = None) -> None:
        self.queries = queries or FakeQueries()

    async def read(self, work: Callable[[Any], T]) -> T:
        return await asyncio.to_thread(work, self.queries)
