"""Reading a tariff's fields as typed, with a message in words for each problem."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

from console.core.money import is_whole_cents
from console.core.tariffs import Tariff, TariffWindow
from console.ui.billing.windows_model import parse_price
from console.ui.billing.words import tr


@dataclass(frozen=True, slots=True)
class TariffDraft:
    """A tariff as the editor hands it over: the rules and where they apply."""

    tariff: Tariff
    groups: tuple[str, ...]  # card groups (parent idTags) billed at this tariff
    default: bool  # the site default, for cards without a group tariff
    visitor: bool  # the tariff of visitors started without a card


@cache
def timezone_names() -> list[str]:
    """Every IANA zone this computer knows, sorted."""
    return sorted(available_timezones())


def desk_timezone() -> str:
    """The IANA name of this computer's zone, when it can be told; else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        link = Path("/etc/localtime").resolve()
        if "zoneinfo" in link.parts:
            candidates.append("/".join(link.parts[link.parts.index("zoneinfo") + 1 :]))
    except OSError:
        pass
    for name in candidates:
        if name and name in available_timezones():
            return name
    return "UTC"


def read_price(text: str, what: str) -> Decimal:
    """A required price (empty means 0)."""
    return parse_price(text, what) or Decimal(0)


def read_amount(text: str, what: str) -> Decimal | None:
    """An optional amount of money in whole cents (fee, minimum, maximum)."""
    value = parse_price(text, what)
    if value is not None and not is_whole_cents(value):
        raise ValueError(tr("%1 must be whole cents, like 1.50").replace("%1", what))
    return value


def read_currency(text: str) -> str:
    """An ISO 4217 code such as EUR."""
    code = text.strip().upper()
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise ValueError(tr("Currency must be a three-letter code like EUR"))
    return code


def read_timezone(text: str) -> str:
    """A zone name the computer knows, e.g. Europe/Berlin."""
    name = text.strip()
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError) as error:
        raise ValueError(tr("Unknown timezone %1").replace("%1", repr(name))) from error
    if name not in available_timezones():
        raise ValueError(tr("Unknown timezone %1").replace("%1", repr(name)))
    return name


def read_tax_percent(text: str) -> Decimal:
    """A tax rate typed as a percentage ("19" or "7.7"), as a fraction (0.19)."""
    percent = parse_price(text, tr("Tax rate")) or Decimal(0)
    if percent > 100:
        raise ValueError(tr("Tax rate must be between 0 and 100 %"))
    return percent / 100


def read_groups(text: str) -> tuple[str, ...]:
    """Card groups separated by commas, without repeats (case-insensitive)."""
    seen: set[str] = set()
    groups: list[str] = []
    for part in text.split(","):
        name = part.strip()
        if name and name.casefold() not in seen:
            if len(name) > 20:
                raise ValueError(tr("Group %1 is longer than 20 characters").replace("%1", name))
            seen.add(name.casefold())
            groups.append(name)
    return tuple(groups)


def build_tariff(
    *,
    name: str,
    currency: str,
    timezone: str,
    energy_price: Decimal,
    time_price: Decimal,
    idle_price: Decimal,
    idle_grace_minutes: int,
    session_fee: Decimal | None,
    minimum: Decimal | None,
    maximum: Decimal | None,
    tax_rate: Decimal,
    prices_include_tax: bool,
    windows: tuple[TariffWindow, ...],
) -> Tariff:
    """The tariff, after the checks that need more than one field."""
    if not name.strip():
        raise ValueError(tr("A tariff needs a name"))
    if minimum is not None and maximum is not None and maximum < minimum:
        raise ValueError(tr("The maximum is below the minimum"))
    names = [w.name.casefold() for w in windows]
    if len(set(names)) != len(names):
        raise ValueError(tr("Two windows have the same name"))
    return Tariff(
        name=name.strip(),
        currency=currency,
        timezone=timezone,
        energy_price=energy_price,
        time_price=time_price,
        idle_price=idle_price,
        idle_grace=timedelta(minutes=idle_grace_minutes),
        session_fee=session_fee or Decimal(0),
        minimum=minimum,
        maximum=maximum,
        tax_rate=tax_rate,
        prices_include_tax=prices_include_tax,
        windows=windows,
    )
