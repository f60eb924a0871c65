"""Tariffs (the prices, and who pays which) and the site details printed on receipts.

Saving a tariff is the console's Save: one service operation stores the tariff with the
groups that pay it and whether it is the site default and the visitors' tariff, in one
transaction with one audit entry.
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from console.api.models import ApiModel, QueryModel
from console.api.problems import ApiProblem, not_found
from console.api.resources._files import read_on
from console.api.routing import ApiCall, ApiRouter
from console.core.billing import SiteDetails, StoredTariff
from console.core.staff import Permission
from console.core.tariffs import Tariff, TariffWindow
from console.services.api_reads_billing import site_zone
from console.services.queries import SiteQueries

router = ApiRouter(
    "tariffs", "Tariffs, which card groups pay them, and the site details printed on receipts"
)

Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]  # whole cents
Price = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=6)]  # per kWh or hour


class TariffWindowModel(ApiModel):
    """A time window with its own prices (peak hours…); the first that matches wins."""

    name: str = Field(min_length=1, max_length=40)
    weekdays: list[int] = Field(
        min_length=1,
        max_length=7,
        description="Days the window starts on: 0 = Monday … 6 = Sunday",
    )
    start: time = Field(description="Wall-clock time in the tariff's zone, e.g. 16:00")
    end: time = Field(
        description="Wall-clock end; at or before start means the next day (22:00-06:00)"
    )
    energy_price: Price | None = Field(
        None, description="Per kWh inside the window; null keeps the base price"
    )
    time_price: Price | None = Field(
        None, description="Per hour charging inside the window; null keeps the base"
    )


class TariffBody(ApiModel):
    """A whole tariff and where it applies. Saving replaces all of it: fields left out
    take their defaults, and groups not named stop paying it (they pay the default)."""

    name: str = Field(min_length=1, max_length=80, description="Unique among tariffs")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. EUR")
    timezone: str | None = Field(
        None,
        max_length=64,
        description="IANA zone the windows are read in; null: the site's zone",
    )
    energy_price: Price = Field(Decimal(0), description="Per kWh")
    time_price: Price = Field(Decimal(0), description="Per hour charging")
    idle_price: Price = Field(Decimal(0), description="Per hour idle after grace")
    idle_grace_minutes: int = Field(0, ge=0, le=7 * 24 * 60, description="Idle minutes free")
    session_fee: Money = Field(Decimal(0), description="Per session")
    minimum: Money | None = Field(None, description="The least a session costs")
    maximum: Money | None = Field(None, description="The most a session costs")
    tax_rate: Decimal = Field(Decimal(0), ge=0, le=1, description="0.19 for 19 %")
    prices_include_tax: bool = Field(True, description="Prices are gross (true) or net")
    windows: list[TariffWindowModel] = Field(default_factory=list, max_length=20)
    groups: list[str] = Field(
        default_factory=list,
        max_length=500,
        description="Card groups (parent idTags) that pay this tariff",
    )
    default: bool = Field(False, description="The site default: everyone without a group tariff")
    visitor: bool = Field(False, description="The visitors' tariff (one-time tokens, loan cards)")


class TariffOut(TariffBody):
    """A stored tariff and where it applies."""

    id: int
    timezone: str = Field(description="IANA zone the windows are read in")
    retired: bool = Field(description="Retired tariffs stay for the bills that name them")


class TariffsQuery(QueryModel):
    """Which tariffs to list."""

    include_retired: bool = Field(False, description="Also list retired tariffs")


class SiteDetailsBody(ApiModel):
    """The site as receipts and statements print it (receipts issued from now on)."""

    name: str = Field(min_length=1, max_length=200)
    address: str = Field("", max_length=1000, description="Several lines, separated by \\n")
    tax_number: str = Field("", max_length=64)


def _tariff_out(
    stored: StoredTariff, groups: dict[str, int], default_id: int | None, visitor_id: int | None
) -> TariffOut:
    tariff = stored.tariff
    return TariffOut(
        id=stored.id,
        retired=stored.retired,
        name=tariff.name,
        currency=tariff.currency,
        timezone=tariff.timezone,
        energy_price=tariff.energy_price,
        time_price=tariff.time_price,
        idle_price=tariff.idle_price,
        idle_grace_minutes=int(tariff.idle_grace // timedelta(minutes=1)),
        session_fee=tariff.session_fee,
        minimum=tariff.minimum,
        maximum=tariff.maximum,
        tax_rate=tariff.tax_rate,
        prices_include_tax=tariff.prices_include_tax,
        windows=[
            TariffWindowModel(
                name=window.name,
                weekdays=sorted(window.weekdays),
                start=window.start,
                end=window.end,
                energy_price=window.energy_price,
                time_price=window.time_price,
            )
            for window in tariff.windows
        ],
        groups=sorted(
            (group for group, paying in groups.items() if paying == stored.id), key=str.casefold
        ),
        default=stored.id == default_id,
        visitor=stored.id == visitor_id,
    )


async def _tariffs(call: ApiCall, include_retired: bool) -> list[TariffOut]:
    def read(queries: SiteQueries) -> list[TariffOut]:
        groups = queries.tariff_groups()
        default_id, visitor_id = queries.default_tariff_id(), queries.visitor_tariff_id()
        return [
            _tariff_out(stored, groups, default_id, visitor_id)
            for stored in queries.tariffs(include_retired=include_retired)
        ]

    return await call.read(read)


async def _one(call: ApiCall, tariff_id: int) -> TariffOut:
    for tariff in await _tariffs(call, include_retired=True):
        if tariff.id == tariff_id:
            return tariff
    raise not_found(f"tariff {tariff_id}")


async def _tariff_of(call: ApiCall, body: TariffBody) -> Tariff:
    """The core tariff of a body; 422 for what the tariff rules refuse (an unknown zone,
    a maximum below the minimum, a window on day 7…)."""
    zone = body.timezone
    if zone is None:
        zone = (await read_on(call, site_zone)).key
    try:
        return Tariff(
            name=body.name.strip(),
            currency=body.currency,
            timezone=zone,
            energy_price=body.energy_price,
            time_price=body.time_price,
            idle_price=body.idle_price,
            idle_grace=timedelta(minutes=body.idle_grace_minutes),
            session_fee=body.session_fee,
            minimum=body.minimum,
            maximum=body.maximum,
            tax_rate=body.tax_rate,
            prices_include_tax=body.prices_include_tax,
            windows=tuple(
                TariffWindow(
                    name=window.name,
                    weekdays=frozenset(window.weekdays),
                    start=window.start,
                    end=window.end,
                    energy_price=window.energy_price,
                    time_price=window.time_price,
                )
                for window in body.windows
            ),
        )
    except (ValueError, TypeError) as error:
        raise ApiProblem(422, "Invalid input", f"{error}.", kind="invalid-input") from None


async def _save(call: ApiCall, tariff_id: int | None) -> TariffOut:
    body: TariffBody = call.body
    tariff = await _tariff_of(call, body)
    saved = await call.engine.billing.save_tariff_placed(
        tariff_id, tariff, body.groups, body.default, body.visitor, actor=call.actor
    )
    return await _one(call, saved.stored.id)


@router.get("/api/tariffs", summary="List tariffs", query=TariffsQuery, response=list[TariffOut])
async def list_tariffs(call: ApiCall) -> list[TariffOut]:
    """The tariffs by name, each with the card groups that pay it and whether it is the
    site default or the visitors' tariff. Prices are decimal strings in the tariff's
    currency; `prices_include_tax` says whether they are gross or net."""
    query: TariffsQuery = call.query
    return await _tariffs(call, query.include_retired)


@router.get("/api/tariffs/{tariff_id:int}", summary="One tariff", response=TariffOut)
async def get_tariff(call: ApiCall) -> TariffOut:
    """One tariff (retired ones too), with where it applies."""
    return await _one(call, call.path["tariff_id"])


@router.post(
    "/api/tariffs",
    summary="Add a tariff",
    needs=Permission.TARIFFS,
    body=TariffBody,
    response=TariffOut,
    status=201,
    errors=(409,),
)
async def add_tariff(call: ApiCall) -> TariffOut:
    """Adds a tariff and, in the same transaction, makes the named groups pay it and (as
    asked) makes it the site default and the visitors' tariff — the console's Save. A
    refusal (a name already taken, a group name too long) stores nothing (409). Sessions
    billed from now on use it; bills and receipts already made never change."""
    return await _save(call, None)


@router.put(
    "/api/tariffs/{tariff_id:int}",
    summary="Change a tariff and where it applies",
    needs=Permission.TARIFFS,
    body=TariffBody,
    response=TariffOut,
    errors=(409,),
)
async def change_tariff(call: ApiCall) -> TariffOut:
    """Replaces the whole tariff: send every field (GET it first and change what you
    need). Groups that paid it and are not named pay the site default again; `default`
    or `visitor` false stops it being the default or the visitors' tariff. A retired
    tariff cannot be changed (409)."""
    tariff_id: int = call.path["tariff_id"]
    await _one(call, tariff_id)  # 404 before anything is attempted
    return await _save(call, tariff_id)


@router.post(
    "/api/tariffs/{tariff_id:int}/retire",
    summary="Retire a tariff nobody pays any more",
    needs=Permission.TARIFFS,
    response=TariffOut,
    errors=(409,),
)
async def retire_tariff(call: ApiCall) -> TariffOut:
    """The tariff stays (bills name it) but can no longer be chosen or changed. Refused
    (409, with who still pays it) while a group, the site default or the visitors use
    it: change those first."""
    tariff_id: int = call.path["tariff_id"]
    await _one(call, tariff_id)
    await call.engine.billing.retire_tariff(tariff_id, actor=call.actor)
    return await _one(call, tariff_id)


@router.get("/api/site/details", summary="The site details on receipts", response=SiteDetailsBody)
async def get_site_details(call: ApiCall) -> SiteDetailsBody:
    """The site's name, address and tax number as receipts print them."""
    return await _site_details(call)


async def _site_details(call: ApiCall) -> SiteDetailsBody:
    site = await call.read(lambda q: q.site_details())
    return SiteDetailsBody(name=site.name, address=site.address, tax_number=site.tax_number)


@router.put(
    "/api/site/details",
    summary="Change the site details on receipts",
    needs=Permission.SITE,
    body=SiteDetailsBody,
    response=SiteDetailsBody,
    errors=(409,),
)
async def save_site_details(call: ApiCall) -> SiteDetailsBody:
    """Replaces the name, address and tax number printed on receipts issued from now on
    (receipts issued before keep theirs). Needs the admin role."""
    body: SiteDetailsBody = call.body
    details = SiteDetails(body.name.strip(), body.address.strip(), body.tax_number.strip())
    await call.engine.billing.save_site_details(details, actor=call.actor)
    return await _site_details(call)
