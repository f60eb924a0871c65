"""Money: Decimal amounts, the one rounding rule, tax, and a session's cost breakdown.

The rounding rule is stated in full at the top of ``console.core.tariffs``. In short:
every amount is computed exactly and rounded once, to the cent, halves away from zero
(``ROUND_HALF_UP``). The helpers here never depend on the caller's decimal context.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Any

ZERO = Decimal("0.00")
CENT_PLACES = 2  # minor unit of every currency we bill in (EUR, CHF, USD, GBP...)
JSON_FORMAT = 1  # version of the stored breakdown; bump when its shape changes


def quantize(value: Decimal | Fraction | int, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals, halves away from zero (ROUND_HALF_UP).

    Works on the exact value (a Fraction is not approximated first) and builds the result
    from a string, so no decimal context can change it.
    """
    scaled = Fraction(value) * Fraction(10) ** places
    units = math.floor(abs(scaled) + Fraction(1, 2))
    if scaled < 0:
        units = -units
    return Decimal(f"{units}E-{places}")


def round_money(value: Decimal | Fraction | int) -> Decimal:
    """``value`` rounded to the cent, halves away from zero: the only money rounding."""
    return quantize(value, CENT_PLACES)


def is_whole_cents(value: Decimal) -> bool:
    """True when ``value`` is an amount of money as billed (no fraction of a cent)."""
    return (Fraction(value) * Fraction(10) ** CENT_PLACES).denominator == 1


def check_amount(what: str, value: Decimal | None, *, whole_cents: bool = False) -> None:
    """Refuse a price or an amount that is not a finite Decimal of at least 0.

    ``what`` names it in the message; ``whole_cents`` refuses fractions of a cent.
    """
    if value is None:
        return
    if not isinstance(value, Decimal):
        raise TypeError(f"{what} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite() or value < 0:
        raise ValueError(f"{what} must be a number of at least 0, not {value}")
    if whole_cents and not is_whole_cents(value):
        raise ValueError(f"{what} must be a whole number of cents, not {value}")


def split_tax(total: Decimal, rate: Decimal, *, included: bool) -> tuple[Decimal, Decimal, Decimal]:
    """``(net, tax, gross)`` of a total in whole cents; always ``net + tax == gross``.

    When prices include tax, ``total`` is gross: tax = total - total / (1 + rate), rounded
    to the cent, and net = total - tax. Otherwise ``total`` is net: tax = net x rate,
    rounded to the cent, and gross = net + tax.
    """
    exact_total, exact_rate = Fraction(total), Fraction(rate)
    if included:
        tax = round_money(exact_total * exact_rate / (1 + exact_rate))
        return quantize(exact_total - Fraction(tax), CENT_PLACES), tax, total
    tax = round_money(exact_total * exact_rate)
    return total, tax, quantize(exact_total + Fraction(tax), CENT_PLACES)


class CostKind(StrEnum):
    """What a line of a cost breakdown charges for."""

    ENERGY = "energy"  # quantity in kWh
    CHARGING_TIME = "charging_time"  # quantity in hours
    IDLE = "idle"  # hours plugged in after charging ended, beyond the grace period
    SESSION_FEE = "session_fee"  # quantity 1
    MINIMUM_ADJUSTMENT = "minimum_adjustment"  # raises the total to the minimum
    MAXIMUM_ADJUSTMENT = "maximum_adjustment"  # lowers the total to the maximum (negative)


UNITS = {
    CostKind.ENERGY: "kWh",
    CostKind.CHARGING_TIME: "h",
    CostKind.IDLE: "h",
}


@dataclass(frozen=True, slots=True)
class CostLine:
    """One line of a bill: ``amount`` is ``quantity x unit_price`` rounded to the cent.

    Amounts are in the tariff's price basis: gross when its prices include tax, net
    otherwise (``CostBreakdown.prices_include_tax`` says which).
    """

    kind: CostKind
    window: str | None  # the tariff window whose price applied, None for the base price
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal

    @property
    def unit(self) -> str:
        """The unit of ``quantity``: "kWh", "h", or "" for a fee or an adjustment."""
        return UNITS.get(self.kind, "")

    def to_json(self) -> dict[str, Any]:
        """The line as JSON-ready values, Decimals as strings (exact)."""
        return {
            "kind": self.kind.value,
            "window": self.window,
            "quantity": str(self.quantity),
            "unit_price": str(self.unit_price),
            "amount": str(self.amount),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CostLine:
        """The line written by ``to_json``."""
        window = data["window"]
        if window is not None and not isinstance(window, str):
            raise ValueError(f"cost line window must be text or null, not {window!r}")
        return cls(
            kind=CostKind(data["kind"]),
            window=window,
            quantity=_decimal(data["quantity"]),
            unit_price=_decimal(data["unit_price"]),
            amount=_decimal(data["amount"]),
        )


@dataclass(frozen=True, slots=True)
class CostBreakdown:
    """What a session costs (or has cost so far) under one tariff, line by line.

    Stored with the session once billed, so that changing the tariff later never changes
    what was billed. ``net_total + tax == gross_total`` always holds exactly.
    """

    tariff: str  # the tariff's name when the cost was computed
    currency: str
    tax_rate: Decimal
    prices_include_tax: bool  # line amounts are gross (True) or net (False)
    lines: tuple[CostLine, ...]
    net_total: Decimal
    tax: Decimal
    gross_total: Decimal

    def __post_init__(self) -> None:
        if Fraction(self.net_total) + Fraction(self.tax) != Fraction(self.gross_total):
            raise ValueError(
                f"net {self.net_total} + tax {self.tax} is not gross {self.gross_total}"
            )

    @property
    def total(self) -> Decimal:
        """The sum of the line amounts: the total in the tariff's price basis."""
        return self.gross_total if self.prices_include_tax else self.net_total

    @property
    def energy_kwh(self) -> Decimal:
        """Energy billed, in kWh (the sum of the energy lines)."""
        return sum((line.quantity for line in self.lines if line.kind is CostKind.ENERGY), ZERO)

    def to_json(self) -> dict[str, Any]:
        """The breakdown as JSON-ready values; ``from_json`` gives back an equal breakdown."""
        return {
            "format": JSON_FORMAT,
            "tariff": self.tariff,
            "currency": self.currency,
            "tax_rate": str(self.tax_rate),
            "prices_include_tax": self.prices_include_tax,
            "lines": [line.to_json() for line in self.lines],
            "net_total": str(self.net_total),
            "tax": str(self.tax),
            "gross_total": str(self.gross_total),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CostBreakdown:
        """The breakdown written by ``to_json``; ValueError when ``data`` is not one."""
        if data.get("format") != JSON_FORMAT:
            raise ValueError(f"unknown cost breakdown format {data.get('format')!r}")
        try:
            return cls(
                tariff=str(data["tariff"]),
                currency=str(data["currency"]),
                tax_rate=_decimal(data["tax_rate"]),
                prices_include_tax=bool(data["prices_include_tax"]),
                lines=tuple(CostLine.from_json(line) for line in data["lines"]),
                net_total=_decimal(data["net_total"]),
                tax=_decimal(data["tax"]),
                gross_total=_decimal(data["gross_total"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a cost breakdown: {error!r}") from error


def total_up(
    lines: Sequence[CostLine],
    *,
    tariff: str,
    currency: str,
    tax_rate: Decimal,
    prices_include_tax: bool,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    apply_minimum: bool = True,
) -> CostBreakdown:
    """The breakdown of ``lines`` (amounts in whole cents): limits first, then tax.

    The total of the line amounts is raised to ``minimum`` (when ``apply_minimum``) or
    lowered to ``maximum`` by an adjustment line, then split into net, tax and gross.
    """
    adjusted = list(lines)
    subtotal = sum((Fraction(line.amount) for line in lines), Fraction(0))
    limit: tuple[CostKind, Decimal] | None = None
    if minimum is not None and apply_minimum and subtotal < minimum:
        limit = CostKind.MINIMUM_ADJUSTMENT, minimum
    elif maximum is not None and subtotal > maximum:
        limit = CostKind.MAXIMUM_ADJUSTMENT, maximum
    if limit is not None:
        change = quantize(Fraction(limit[1]) - subtotal, CENT_PLACES)
        adjusted.append(CostLine(limit[0], None, Decimal(1), change, change))
        subtotal = Fraction(limit[1])
    net, tax, gross = split_tax(
        quantize(subtotal, CENT_PLACES), tax_rate, included=prices_include_tax
    )
    return CostBreakdown(
        tariff=tariff,
        currency=currency,
        tax_rate=tax_rate,
        prices_include_tax=prices_include_tax,
        lines=tuple(adjusted),
        net_total=net,
        tax=tax,
        gross_total=gross,
    )


def _decimal(text: object) -> Decimal:
    """A Decimal from its stored string; floats are refused (they would not be exact)."""
    if not isinstance(text, str):
        raise ValueError(f"amounts are stored as strings, not {type(text).__name__}")
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(f"not a decimal number: {text!r}") from error
    if not value.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return value
