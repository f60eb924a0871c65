"""The site's security settings in the settings table (idle lock, command-line login...).

Read inside a transaction by the staff service, by the command line before it decides
who it acts as, and by the engine at start (whether the plain ``ws://`` port opens).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection

from console.core.staff_accounts import SecuritySettings
from console.storage.logs import get_setting, set_setting

# One setting per field: "security.idle_lock_minutes" and so on.
_PREFIX = "security."


def _key(name: str) -> str:
    return _PREFIX + name


def _as_bool(text: str | None, default: bool) -> bool:
    if text is None:
        return default
    return text.strip().lower() in ("1", "true", "yes", "on")


def read_security_settings(connection: Connection) -> SecuritySettings:
    """The stored settings; a value never saved (or unreadable) is the default."""
    default = SecuritySettings()
    minutes_text = get_setting(connection, _key("idle_lock_minutes"))
    try:
        minutes = int(minutes_text) if minutes_text is not None else default.idle_lock_minutes
    except ValueError:
        minutes = default.idle_lock_minutes
    return SecuritySettings(
        idle_lock_minutes=minutes,
        cli_requires_login=_as_bool(
            get_setting(connection, _key("cli_requires_login")), default.cli_requires_login
        ),
        plain_port_enabled=_as_bool(
            get_setting(connection, _key("plain_port_enabled")), default.plain_port_enabled
        ),
        api_plain_local=_as_bool(
            get_setting(connection, _key("api_plain_local")), default.api_plain_local
        ),
    )


def write_security_settings(connection: Connection, settings: SecuritySettings) -> None:
    """Store every field of ``settings`` (checked first)."""
    settings.checked()
    for name, value in asdict(settings).items():
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        set_setting(connection, _key(name), text)


def settings_dict(settings: SecuritySettings) -> dict[str, Any]:
    """``settings`` as the audit log's before/after value."""
    return asdict(settings)
