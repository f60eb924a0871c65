"""Timestamps on the wire: lenient when reading, strict (UTC, "Z") when writing."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_timestamp(text: str) -> datetime:
    """Parse an OCPP date-time into an aware UTC datetime; raise ValueError if it is none.

    OCPP asks for RFC 3339 in UTC, but chargers in the field also send a lowercase "z",
    a space instead of "T", more than six decimals or no zone at all. Refusing those
    would make a charger drop billing data after its retries, so they are accepted; a
    time without a zone is taken as UTC, as the specification requires UTC.
    """
    # A bare date parses too, but is not a moment in time.
    if len(text) < 16 or text[10] not in "Tt ":
        raise ValueError(f"not a date-time: {text!r}")
    if text[10] != "T":
        text = f"{text[:10]}T{text[11:]}"
    if text[-1] in "zZ":
        text = text[:-1] + "+00:00"
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def is_timestamp(text: str) -> bool:
    """True when ``parse_timestamp`` accepts ``text``: the schemas' "date-time" format."""
    try:
        parse_timestamp(text)
    except ValueError:
        return False
    return True


def format_timestamp(value: datetime) -> str:
    """``value`` as RFC 3339 in UTC with milliseconds and a "Z"; naive values are UTC."""
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")
