"""Repository of tariffs, which card group pays which, and the billing settings.

A tariff is stored as JSON (Decimals as strings, so nothing is rounded on the way). Bills
keep their own copy of what they cost, so changing a tariff here never changes a bill.
Tariffs are never deleted: a retired one stays for the bills that name it.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, delete, func, select, update

from console.core.authorization import normalize_id_tag
from console.core.billing import BillingError, SiteDetails, StoredTariff
from console.core.tariffs import Tariff, TariffWindow
from console.storage.logs import get_setting, set_setting
from console.storage.tables import TariffGroupRow, TariffRow, table_of

tariffs = table_of(TariffRow)
tariff_groups = table_of(TariffGroupRow)

TARIFF_FORMAT = 1
DEFAULT_TARIFF_KEY = "billing.default_tariff_id"
VISITOR_TARIFF_KEY = "billing.visitor_tariff_id"
VISITOR_GROUP_KEY = "billing.visitor_group"
DEFAULT_VISITOR_GROUP = "VISITOR"
SITE_NAME_KEY = "site.name"
SITE_ADDRESS_KEY = "site.address"
SITE_TAX_NUMBER_KEY = "site.tax_number"
SITE_TIMEZONE_KEY = "site.timezone"
_MICROSECONDS = Decimal(1_000_000)


# --- Tariff <-> JSON -------------------------------------------------------------------------


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: Any, what: str) -> Decimal:
    if not isinstance(value, str):
        raise ValueError(f"{what} is stored as text, not {value!r}")
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"{what} is not a number: {value!r}") from error


def _optional(value: Any, what: str) -> Decimal | None:
    return None if value is None else _decimal(value, what)


def tariff_to_json(tariff: Tariff) -> dict[str, Any]:
    """The tariff as JSON-ready values; ``tariff_from_json`` gives back an equal tariff."""
    grace = Decimal(tariff.idle_grace // timedelta(microseconds=1)) / _MICROSECONDS
    return {
        "format": TARIFF_FORMAT,
        "name": tariff.name,
        "currency": tariff.currency,
        "timezone": tariff.timezone,
        "energy_price": str(tariff.energy_price),
        "time_price": str(tariff.time_price),
        "idle_price": str(tariff.idle_price),
        "idle_grace_seconds": str(grace),
        "session_fee": str(tariff.session_fee),
        "minimum": _text(tariff.minimum),
        "maximum": _text(tariff.maximum),
        "tax_rate": str(tariff.tax_rate),
        "prices_include_tax": tariff.prices_include_tax,
        "windows": [
            {
                "name": window.name,
                "weekdays": sorted(window.weekdays),
                "start": window.start.isoformat(),
                "end": window.end.isoformat(),
                "energy_price": _text(window.energy_price),
                "time_price": _text(window.time_price),
            }
            for window in tariff.windows
        ],
    }


def tariff_from_json(data: dict[str, Any]) -> Tariff:
    """The tariff written by ``tariff_to_json``; ValueError when ``data`` is not one."""
    if data.get("format") != TARIFF_FORMAT:
        raise ValueError(f"unknown tariff format {data.get('format')!r}")
    try:
        grace = _decimal(data["idle_grace_seconds"], "idle grace") * _MICROSECONDS
        windows = tuple(
            TariffWindow(
                name=str(window["name"]),
                weekdays=frozenset(int(day) for day in window["weekdays"]),
                start=time.fromisoformat(window["start"]),
                end=time.fromisoformat(window["end"]),
                energy_price=_optional(window["energy_price"], "window energy price"),
                time_price=_optional(window["time_price"], "window time price"),
            )
            for window in data["windows"]
        )
        return Tariff(
            name=str(data["name"]),
            currency=str(data["currency"]),
            timezone=str(data["timezone"]),
            energy_price=_decimal(data["energy_price"], "energy price"),
            time_price=_decimal(data["time_price"], "time price"),
            idle_price=_decimal(data["idle_price"], "idle price"),
            idle_grace=timedelta(microseconds=int(grace)),
            session_fee=_decimal(data["session_fee"], "session fee"),
            minimum=_optional(data["minimum"], "minimum"),
            maximum=_optional(data["maximum"], "maximum"),
            tax_rate=_decimal(data["tax_rate"], "tax rate"),
            prices_include_tax=bool(data["prices_include_tax"]),
            windows=windows,
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a tariff: {error!r}") from error


# --- tariffs ---------------------------------------------------------------------------------


def _stored(row: Any) -> StoredTariff:
    return StoredTariff(row.id, tariff_from_json(json.loads(row.definition)), bool(row.retired))


def get_tariff(connection: Connection, tariff_id: int) -> StoredTariff | None:
    """The tariff with this id, retired or not, or None."""
    row = connection.execute(select(tariffs).where(tariffs.c.id == tariff_id)).first()
    return None if row is None else _stored(row)


def get_tariff_by_name(connection: Connection, name: str) -> StoredTariff | None:
    """The tariff with this name (compared without case), or None."""
    row = connection.execute(
        select(tariffs).where(func.lower(tariffs.c.name) == name.strip().lower())
    ).first()
    return None if row is None else _stored(row)


def list_tariffs(connection: Connection, *, include_retired: bool = True) -> list[StoredTariff]:
    """Tariffs ordered by name."""
    query = select(tariffs).order_by(func.lower(tariffs.c.name), tariffs.c.id)
    if not include_retired:
        query = query.where(tariffs.c.retired.is_(False))
    return [_stored(row) for row in connection.execute(query)]


def save_tariff(
    connection: Connection, tariff_id: int | None, tariff: Tariff, at: datetime
) -> StoredTariff:
    """Add a tariff (``tariff_id`` None) or change one; names are unique, without case."""
    same_name = get_tariff_by_name(connection, tariff.name)
    if same_name is not None and same_name.id != tariff_id:
        raise BillingError(f"there is already a tariff named {same_name.tariff.name!r}")
    fields = {
        "name": tariff.name.strip(),
        "currency": tariff.currency,
        "definition": json.dumps(tariff_to_json(tariff)),
        "updated_at": at,
    }
    if tariff_id is None:
        key = connection.execute(tariffs.insert().values(created_at=at, **fields))
        assert key.inserted_primary_key is not None
        tariff_id = int(key.inserted_primary_key[0])
    else:
        existing = get_tariff(connection, tariff_id)
        if existing is None:
            raise BillingError(f"there is no tariff {tariff_id}")
        if existing.retired:
            raise BillingError(f"tariff {existing.tariff.name!r} is retired")
        connection.execute(update(tariffs).where(tariffs.c.id == tariff_id).values(**fields))
    stored = get_tariff(connection, tariff_id)
    assert stored is not None
    return stored


def tariff_uses(connection: Connection, tariff_id: int) -> list[str]:
    """What a tariff is in use for, in words: the default, the visitors', groups'."""
    uses = []
    if default_tariff_id(connection) == tariff_id:
        uses.append("the site default")
    if visitor_tariff_id(connection) == tariff_id:
        uses.append("the visitor tariff")
    groups = connection.execute(
        select(tariff_groups.c.group_name)
        .where(tariff_groups.c.tariff_id == tariff_id)
        .order_by(tariff_groups.c.group_key)
    )
    uses.extend(f"group {name}" for name in groups.scalars())
    return uses


def retire_tariff(connection: Connection, tariff_id: int, at: datetime) -> StoredTariff:
    """Retire a tariff no longer in use (it stays, for the bills that name it)."""
    existing = _active(connection, tariff_id)
    uses = tariff_uses(connection, tariff_id)
    if uses:
        raise BillingError(
            f"tariff {existing.tariff.name!r} is still {', '.join(uses)}: choose another first"
        )
    connection.execute(
        update(tariffs).where(tariffs.c.id == tariff_id).values(retired=True, updated_at=at)
    )
    return StoredTariff(existing.id, existing.tariff, True)


def _active(connection: Connection, tariff_id: int) -> StoredTariff:
    stored = get_tariff(connection, tariff_id)
    if stored is None:
        raise BillingError(f"there is no tariff {tariff_id}")
    if stored.retired:
        raise BillingError(f"tariff {stored.tariff.name!r} is retired")
    return stored


# --- who pays which tariff -------------------------------------------------------------------


def assign_group(connection: Connection, group: str, tariff_id: int | None) -> None:
    """Make a card group pay a tariff; None: the group pays the site default again."""
    name = group.strip()
    if not name or len(name) > 20:
        raise BillingError(f"a group is a card's parent id of 1 to 20 characters, not {group!r}")
    key = normalize_id_tag(name)
    if tariff_id is not None:
        _active(connection, tariff_id)  # checked before anything changes
    connection.execute(delete(tariff_groups).where(tariff_groups.c.group_key == key))
    if tariff_id is not None:
        connection.execute(
            tariff_groups.insert().values(group_key=key, group_name=name, tariff_id=tariff_id)
        )


def group_tariffs(connection: Connection) -> dict[str, int]:
    """Tariff id by group name (as staff spelled it)."""
    rows = connection.execute(select(tariff_groups).order_by(tariff_groups.c.group_key))
    return {row.group_name: row.tariff_id for row in rows}


def tariff_id_of_group(connection: Connection, group: str) -> int | None:
    """The tariff of a card group (compared without case), or None when it has none."""
    return connection.execute(
        select(tariff_groups.c.tariff_id).where(
            tariff_groups.c.group_key == normalize_id_tag(group)
        )
    ).scalar()


def _id_setting(connection: Connection, key: str) -> int | None:
    text = get_setting(connection, key)
    return int(text) if text else None


def _set_id_setting(connection: Connection, key: str, tariff_id: int | None) -> None:
    if tariff_id is not None:
        _active(connection, tariff_id)
    set_setting(connection, key, "" if tariff_id is None else str(tariff_id))


def default_tariff_id(connection: Connection) -> int | None:
    """The tariff of cards without a group or of a group without a tariff (None: none)."""
    return _id_setting(connection, DEFAULT_TARIFF_KEY)


def set_default_tariff_id(connection: Connection, tariff_id: int | None) -> None:
    """Set (or clear) the site default tariff."""
    _set_id_setting(connection, DEFAULT_TARIFF_KEY, tariff_id)


def visitor_tariff_id(connection: Connection) -> int | None:
    """The tariff of visitors (one-time tokens and cards of the visitor group)."""
    return _id_setting(connection, VISITOR_TARIFF_KEY)


def set_visitor_tariff_id(connection: Connection, tariff_id: int | None) -> None:
    """Set (or clear) the visitor tariff."""
    _set_id_setting(connection, VISITOR_TARIFF_KEY, tariff_id)


def visitor_group(connection: Connection) -> str:
    """The card group of visitors' one-time tokens and loan cards."""
    return get_setting(connection, VISITOR_GROUP_KEY) or DEFAULT_VISITOR_GROUP


def set_visitor_group(connection: Connection, group: str) -> None:
    """Name the card group of visitors."""
    name = group.strip()
    if not name or len(name) > 20:
        raise BillingError(f"a group is a card's parent id of 1 to 20 characters, not {group!r}")
    set_setting(connection, VISITOR_GROUP_KEY, name)


# --- the site --------------------------------------------------------------------------------


def site_details(connection: Connection) -> SiteDetails:
    """What receipts say about the site ('' for what was never set)."""
    return SiteDetails(
        get_setting(connection, SITE_NAME_KEY) or "",
        get_setting(connection, SITE_ADDRESS_KEY) or "",
        get_setting(connection, SITE_TAX_NUMBER_KEY) or "",
    )


def save_site_details(connection: Connection, site: SiteDetails) -> None:
    """Store the site's name, address and tax number for the receipts issued from now on."""
    set_setting(connection, SITE_NAME_KEY, site.name.strip())
    set_setting(connection, SITE_ADDRESS_KEY, site.address.strip())
    set_setting(connection, SITE_TAX_NUMBER_KEY, site.tax_number.strip())


def site_timezone(connection: Connection) -> ZoneInfo:
    """The site's time zone: the setting, else the default tariff's, else UTC."""
    name = get_setting(connection, SITE_TIMEZONE_KEY)
    if not name:
        default = default_tariff_id(connection)
        stored = None if default is None else get_tariff(connection, default)
        name = "UTC" if stored is None else stored.tariff.timezone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def set_site_timezone(connection: Connection, name: str) -> None:
    """Set the site's IANA time zone (receipts are numbered per year in it)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise BillingError(f"unknown time zone {name!r}") from error
    set_setting(connection, SITE_TIMEZONE_KEY, name)
