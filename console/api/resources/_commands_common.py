"""What the command, configuration and transfer resources share: the charger a command
goes to must exist (404 otherwise), and secrets are never echoed back."""

from __future__ import annotations

from collections.abc import Iterable

from console.api.problems import not_found
from console.api.routing import ApiCall
from console.services import api_reads_chargers as reads
from console.services.command_rights import SECRET_KEYS

SECRET_SHOWN = "***"  # what the audit log and the API show for a secret value


async def known_charger(call: ApiCall, charger_id: str) -> str:
    """The charger's id as registered (ids compare without case); 404 when unknown.

    An unknown id is a 404 rather than an "offline" outcome, so a typo in a script fails
    loudly instead of looking like a charger that is down.
    """
    record = await call.read(lambda q: reads.charger_record(q, charger_id))
    if record is None:
        raise not_found(f"charger {charger_id}")
    return record.id


async def known_chargers(call: ApiCall, charger_ids: Iterable[str]) -> list[str]:
    """Each charger's registered id, in order, without repeats; 404 names the first unknown."""
    found: list[str] = []
    for charger_id in charger_ids:
        registered = await known_charger(call, charger_id)
        if registered not in found:
            found.append(registered)
    return found


def is_secret_key(key: str) -> bool:
    """True for configuration keys whose value is a secret (AuthorizationKey)."""
    return key.casefold() in SECRET_KEYS


def shown_value(key: str, value: str | None) -> str | None:
    """A configuration value as the API shows it: ``***`` for a secret key's value."""
    if value and is_secret_key(key):
        return SECRET_SHOWN
    return value
