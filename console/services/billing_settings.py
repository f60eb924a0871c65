"""The tariffs, who pays which, and the site details, as an admin changes them.

Part of the billing service (``BillingService`` inherits these operations); each checks
the person's permission and records the change in the audit log in its transaction.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from console.core.billing import BillingError, SiteDetails, StoredTariff
from console.core.events import EventBus, TariffsChanged
from console.core.staff import Actor, Permission, require
from console.core.tariffs import Tariff
from console.services.audited import audited_write, record
from console.services.billing_tariffs import SavedTariff, WriteUndone, place_tariff
from console.services.checked_writes import submit_checked
from console.storage import samples as sample_repo
from console.storage import tariffs as tariff_repo
from console.storage.writer import StorageWriter


class TariffSettings:
    """Tariff and site operations of the billing service."""

    _writer: StorageWriter
    _bus: EventBus
    _clock: Callable[[], datetime]

    async def save_tariff_placed(
        self,
        tariff_id: int | None,
        tariff: Tariff,
        groups: tuple[str, ...] | list[str],
        default: bool,
        visitor: bool,
        *,
        actor: Actor,
    ) -> SavedTariff:
        """Add (``tariff_id`` None) or change a tariff and where it applies, at once.

        ``groups`` pay it (groups it had and are not named pay the default again);
        ``default`` and ``visitor`` make it, or stop it being, the site default and the
        visitors' tariff. One transaction with one audit entry: a refusal at any step
        stores nothing. TariffsChanged is published after the commit.
        """
        require(actor, Permission.TARIFFS)
        now = self._clock()
        named = tuple(groups)

        def store(connection: Connection) -> SavedTariff:
            saved, before, after = place_tariff(
                connection, tariff_id, tariff, named, default, visitor, now
            )
            record(connection, actor, saved.action, saved.stored.id, before, after)
            return saved

        try:
            saved = await submit_checked(self._writer, store)
        except WriteUndone as undone:  # the transaction was rolled back: nothing stored
            raise undone.error from None
        self._bus.publish(TariffsChanged(saved.stored.id, saved.action))
        return saved

    async def save_tariff(self, tariff_id: int | None, tariff: Tariff, *, actor: Actor) -> int:
        """Add (``tariff_id`` None) or change a tariff; returns its id. Bills keep their
        own prices, so a change applies to sessions billed from now on."""
        require(actor, Permission.TARIFFS)
        now = self._clock()

        def store(connection: Connection) -> StoredTariff:
            old = None if tariff_id is None else tariff_repo.get_tariff(connection, tariff_id)
            stored = tariff_repo.save_tariff(connection, tariff_id, tariff, now)
            action = "tariff.add" if tariff_id is None else "tariff.change"
            before = None if old is None else tariff_repo.tariff_to_json(old.tariff)
            after = tariff_repo.tariff_to_json(stored.tariff)
            record(connection, actor, action, stored.id, before, after)
            return stored

        stored = await submit_checked(self._writer, store)
        self._bus.publish(
            TariffsChanged(stored.id, "tariff.add" if tariff_id is None else "tariff.change")
        )
        return stored.id

    async def retire_tariff(self, tariff_id: int, *, actor: Actor) -> StoredTariff:
        """Retire a tariff no longer used by a group, the default or the visitors."""
        now = self._clock()
        retired = await audited_write(
            self._writer,
            actor,
            Permission.TARIFFS,
            "tariff.retire",
            tariff_id,
            lambda c: tariff_repo.retire_tariff(c, tariff_id, now),
            lambda c: _tariff_facts(c, tariff_id),
        )
        self._bus.publish(TariffsChanged(tariff_id, "tariff.retire"))
        return retired

    async def assign_group(self, group: str, tariff_id: int | None, *, actor: Actor) -> None:
        """Make a card group pay a tariff (None: the site default again)."""
        await self._setting(
            actor,
            Permission.TARIFFS,
            "tariff.group",
            group,
            lambda c: tariff_repo.assign_group(c, group, tariff_id),
            lambda c: tariff_repo.tariff_id_of_group(c, group),
            tariff_id,
        )

    async def set_default_tariff(self, tariff_id: int | None, *, actor: Actor) -> None:
        """Set the tariff of everyone without a group tariff (None: no bills for them)."""
        await self._setting(
            actor,
            Permission.TARIFFS,
            "tariff.default",
            "",
            lambda c: tariff_repo.set_default_tariff_id(c, tariff_id),
            tariff_repo.default_tariff_id,
            tariff_id,
        )

    async def set_visitor_tariff(self, tariff_id: int | None, *, actor: Actor) -> None:
        """Set the tariff of visitors' tokens and of cards of the visitor group."""
        await self._setting(
            actor,
            Permission.TARIFFS,
            "tariff.visitors",
            "",
            lambda c: tariff_repo.set_visitor_tariff_id(c, tariff_id),
            tariff_repo.visitor_tariff_id,
            tariff_id,
        )

    async def set_visitor_group(self, group: str, *, actor: Actor) -> None:
        """Name the card group whose cards (and one-time tokens) pay the visitor tariff."""
        await self._setting(
            actor,
            Permission.TARIFFS,
            "tariff.visitor_group",
            "",
            lambda c: tariff_repo.set_visitor_group(c, group),
            tariff_repo.visitor_group,
        )

    async def save_site_details(self, site: SiteDetails, *, actor: Actor) -> None:
        """Store the site's name, address and tax number for receipts issued from now on."""
        require(actor, Permission.SITE)
        if not site.name.strip():
            raise BillingError("receipts need the site's name")
        await self._setting(
            actor,
            Permission.SITE,
            "site.details",
            "",
            lambda c: tariff_repo.save_site_details(c, site),
            lambda c: _site_facts(tariff_repo.site_details(c)),
        )

    async def set_power_ceiling(self, watts: float, *, actor: Actor) -> None:
        """Set the most power (W) a connector of the site can deliver: readings rising
        faster are implausible, left out and held for staff (sessions seen from now on)."""
        require(actor, Permission.SITE)
        if not (math.isfinite(watts) and watts > 0):
            raise BillingError("the power ceiling must be a positive number of watts")
        await self._setting(
            actor,
            Permission.SITE,
            "site.power_ceiling",
            "",
            lambda c: sample_repo.set_power_ceiling_w(c, watts),
            sample_repo.power_ceiling_w,
        )

    async def set_site_timezone(self, name: str, *, actor: Actor) -> None:
        """Set the site's time zone (receipts are numbered per year in it)."""
        await self._setting(
            actor,
            Permission.SITE,
            "site.timezone",
            "",
            lambda c: tariff_repo.set_site_timezone(c, name),
            lambda c: str(tariff_repo.site_timezone(c)),
        )

    async def _setting(
        self,
        actor: Actor,
        permission: Permission,
        action: str,
        target: object,
        work: Callable[[Connection], None],
        facts: Callable[[Connection], Any],
        tariff_id: int | None = None,
    ) -> None:
        await audited_write(self._writer, actor, permission, action, target, work, facts)
        if action.startswith("tariff."):  # who pays which tariff changed
            self._bus.publish(TariffsChanged(tariff_id, action))


def _tariff_facts(connection: Connection, tariff_id: int) -> dict[str, Any] | None:
    stored = tariff_repo.get_tariff(connection, tariff_id)
    if stored is None:
        return None
    return {"name": stored.tariff.name, "retired": stored.retired}


def _site_facts(site: SiteDetails) -> dict[str, str]:
    return {"name": site.name, "address": site.address, "tax_number": site.tax_number}
