"""Which permission each charger command needs, and what the audit log keeps of it.

Commands that only read (GetConfiguration, GetLocalListVersion…) need no permission and
are not audited: a viewer may look. Everything else is recorded twice, in transactions
of its own (a command changes nothing in the database): who sent what before it goes
out ("command.send"), and what the charger answered once known ("command.outcome").
"""

from __future__ import annotations

import dataclasses
from typing import Any

from console.core.model import CommandOutcome
from console.core.staff import Permission

#: Actions that read and change nothing: no permission, no audit entry.
READ_ONLY = frozenset(
    {
        "GetConfiguration",
        "GetLocalListVersion",
        "GetCompositeSchedule",
        "GetInstalledCertificateIds",
    }
)

_PERMISSIONS: dict[str, Permission] = {
    "RemoteStartTransaction": Permission.SESSIONS,
    "RemoteStopTransaction": Permission.SESSIONS,
    "ChangeConfiguration": Permission.CONFIGURATION,
    "GetDiagnostics": Permission.FIRMWARE,
    "UpdateFirmware": Permission.FIRMWARE,
    "SignedUpdateFirmware": Permission.FIRMWARE,
    "GetLog": Permission.FIRMWARE,
    "InstallCertificate": Permission.CHARGER_SECURITY,
    "DeleteCertificate": Permission.CHARGER_SECURITY,
    "CertificateSigned": Permission.CHARGER_SECURITY,
}

#: Configuration keys whose values are secrets: the audit log says only that they changed.
SECRET_KEYS = frozenset({"authorizationkey"})
LONGEST_TEXT = 200  # longer texts (certificates, raw payloads) are kept as their length
LONGEST_LIST = 10  # longer lists (a local list) are kept as their length


def permission_for(action: str) -> Permission | None:
    """The permission sending ``action`` needs (None: it only reads)."""
    if action in READ_ONLY:
        return None
    return _PERMISSIONS.get(action, Permission.CHARGER_COMMANDS)


def small(value: Any) -> Any:
    """``value`` made short enough for an audit entry (secrets and bulk left out)."""
    if isinstance(value, str):
        return value if len(value) <= LONGEST_TEXT else f"<{len(value)} characters>"
    if isinstance(value, dict):
        return {str(key): _field(str(key), item, value) for key, item in value.items()}
    if isinstance(value, list | tuple):
        if len(value) > LONGEST_LIST:
            return f"<{len(value)} entries>"
        return [small(item) for item in value]
    return value


def _field(key: str, item: Any, container: dict[Any, Any]) -> Any:
    secret = key.lower() in {"password", "secret", "authorizationkey"}
    named = str(container.get("key", "")).lower() in SECRET_KEYS and key == "value"
    if (secret or named) and item:
        return "***"
    return small(item)


def command_facts(action: str, command: object) -> dict[str, Any]:
    """What the audit log keeps of a command about to be sent."""
    details = dataclasses.asdict(command) if dataclasses.is_dataclass(command) else {}  # type: ignore[arg-type]
    return {"action": action, "details": small(details)}


def outcome_facts(action: str, outcome: CommandOutcome) -> dict[str, Any]:
    """What the audit log keeps of the charger's answer (or why there was none)."""
    return {
        "action": action,
        "result": outcome.result.value,
        "status": outcome.status,
        "error": outcome.error,
    }
