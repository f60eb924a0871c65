"""Which zone the site's times are shown in: the one staff set, read from the database.

A site that never set a zone (no setting, no default tariff) shows this computer's zone
rather than UTC: the console runs on the site's PC, whose clock people read.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection

from console.services.formatting import set_site_zone
from console.storage import tariffs as tariff_repo
from console.storage.logs import get_setting


def configured_zone(connection: Connection) -> ZoneInfo | None:
    """The site's zone as set (else the default tariff's); None when nothing names one."""
    name = get_setting(connection, tariff_repo.SITE_TIMEZONE_KEY)
    if not name:
        default = tariff_repo.default_tariff_id(connection)
        stored = None if default is None else tariff_repo.get_tariff(connection, default)
        name = None if stored is None else stored.tariff.timezone
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def follow_site_zone(connection: Connection) -> ZoneInfo | None:
    """Show every time without a zone of its own in the site's zone from now on."""
    zone = configured_zone(connection)
    set_site_zone(zone)
    return zone
