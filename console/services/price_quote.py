"""The price a driver is quoted before a session starts: the tariff in force and an example.

A visitor pays the visitor tariff (else the site default, as ``billing_plan`` chooses at
billing time). The quote gives the prices that apply now (a tariff window may change them)
and what an example charge would cost under the tariff's own rules (``cost_of``): fee,
minimum and maximum included, so "about EUR 5.20 for 20 kWh" is what the bill would say
for such a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Connection

from console.core.clock import utcnow
from console.core.enums import ConnectorStatus
from console.core.tariffs import (
    MeterReading,
    SessionUsage,
    StatusChange,
    Tariff,
    TariffWindow,
    active_window,
    cost_of,
)
from console.storage import tariffs as tariff_repo

EXAMPLE_KWH = Decimal(20)
EXAMPLE_POWER_KW = Decimal(11)  # a typical AC charge, used when the tariff prices time


@dataclass(frozen=True, slots=True)
class PriceQuote:
    """A tariff's prices as they apply at ``at``, with an example charge.

    ``energy_price`` and ``time_price`` are those in force at ``at`` (a window's, when one
    applies); ``example_cost`` is the gross total of charging ``example_kwh`` at
    ``example_power_kw`` from ``at`` on.
    """

    tariff: Tariff
    at: datetime
    window: TariffWindow | None
    energy_price: Decimal
    time_price: Decimal
    example_kwh: Decimal
    example_power_kw: Decimal
    example_hours: Decimal
    example_cost: Decimal

    @property
    def currency(self) -> str:
        """The tariff's currency code."""
        return self.tariff.currency

    @property
    def prices_time(self) -> bool:
        """True when the example depends on how long the car charges."""
        return bool(self.time_price) or any(w.time_price for w in self.tariff.windows)


def quote(
    tariff: Tariff,
    at: datetime,
    example_kwh: Decimal = EXAMPLE_KWH,
    power_kw: Decimal = EXAMPLE_POWER_KW,
) -> PriceQuote:
    """The prices of ``tariff`` at ``at`` and the cost of an example charge starting then."""
    window = active_window(tariff, at)
    energy_price = tariff.energy_price
    time_price = tariff.time_price
    if window is not None:
        energy_price = window.energy_price if window.energy_price is not None else energy_price
        time_price = window.time_price if window.time_price is not None else time_price
    hours = (example_kwh / power_kw).quantize(Decimal("0.000001"), ROUND_HALF_UP)
    stop = at + timedelta(seconds=float(hours * 3600))
    usage = SessionUsage(
        started_at=at,
        stopped_at=stop,
        readings=(MeterReading(at, Decimal(0)), MeterReading(stop, example_kwh * 1000)),
        statuses=(StatusChange(at, ConnectorStatus.CHARGING),),
    )
    cost = cost_of(tariff, usage)
    return PriceQuote(
        tariff=tariff,
        at=at,
        window=window,
        energy_price=energy_price,
        time_price=time_price,
        example_kwh=example_kwh,
        example_power_kw=power_kw,
        example_hours=hours,
        example_cost=cost.gross_total,
    )


def visitor_quote(connection: Connection, at: datetime | None = None) -> PriceQuote | None:
    """The quote for a visitor now: the visitor tariff, else the site default; None: none."""
    tariff_id = tariff_repo.visitor_tariff_id(connection)
    if tariff_id is None:
        tariff_id = tariff_repo.default_tariff_id(connection)
    stored = None if tariff_id is None else tariff_repo.get_tariff(connection, tariff_id)
    if stored is None:
        return None
    return quote(stored.tariff, at or utcnow())
