"""Timestamps on the wire: lenient when reading, strict (UTC, "Z") when writing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

# The window of charger times we believe enough to store. The services flag the same
# window as suspect (console/services/charging.py, FUTURE_TOLERANCE and
# EARLIEST_PLAUSIBLE_YEAR); outside it a charger's clock is wrong (reset to 1970, year
# 1 or 9999, a lost time zone) and its time would only break bills, exports and reports.
EARLIEST_PLAUSIBLE = datetime(2015, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(hours=1)


def read_timestamp(text: str) -> datetime | None:
    """Parse an OCPP date-time into an aware UTC datetime, or None when it has no UTC.

    Raises ValueError when ``text`` is no date-time at all. Returns None for a
    well-formed date-time whose moment lies outside what Python can hold in UTC
    (``0001-01-01T00:00:00+01:00``, ``9999-12-31T23:59:59-01:00``): such a time is
    "unusable", not malformed, and a message carrying it must still be answered.

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
    try:
        return value.astimezone(UTC)
    except OverflowError:
        return None


def parse_timestamp(text: str) -> datetime:
    """Parse an OCPP date-time into an aware UTC datetime; raise ValueError if it is none.

    A well-formed time outside the range of ``datetime`` in UTC raises ValueError too;
    use ``read_timestamp`` or ``charger_time`` where such a time must be survived.
    """
    value = read_timestamp(text)
    if value is None:
        raise ValueError(f"date-time out of range: {text!r}")
    return value


def is_timestamp(text: str) -> bool:
    """The schemas' "date-time" format: ``text`` is a well-formed date-time.

    A well-formed time that cannot be held in UTC passes: the translation reads it as
    unusable and the message is still handled (with our receipt time in its place).
    """
    try:
        read_timestamp(text)
    except ValueError:
        return False
    return True


def is_plausible(value: datetime, received: datetime) -> bool:
    """True when a charger's time lies in the window we store (see EARLIEST_PLAUSIBLE)."""
    return EARLIEST_PLAUSIBLE <= value <= received + FUTURE_TOLERANCE


def charger_time(text: str, received: datetime) -> tuple[datetime, bool]:
    """A charger's time for storing, and whether it was unusable.

    Returns ``(time, False)`` for a plausible time, and ``(received, True)`` when the
    time cannot be held in UTC or lies outside the plausible window: the data is kept
    with our receipt time, and the caller flags it (the frame in the message log keeps
    the charger's text). Raises ValueError only for text that is no date-time.
    """
    value = read_timestamp(text)
    if value is None or not is_plausible(value, received):
        return received, True
    return value, False


def format_timestamp(value: datetime) -> str:
    """``value`` as RFC 3339 in UTC with milliseconds and a "Z"; naive values are UTC."""
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")
