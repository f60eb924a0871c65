"""Pieces of 1.6 payloads shared by several messages: meter values and idTagInfo."""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from console.core.model import IdTagInfo, MeterValue, SampledValue
from console.protocol.datetimes import (
    charger_time,
    format_timestamp,
    is_plausible,
    read_timestamp,
)

DEFAULT_MEASURAND = "Energy.Active.Import.Register"
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def sampled_value(raw: dict[str, Any]) -> SampledValue:
    """One sampledValue; a value that is no number is kept as ``raw_value`` with NaN.

    In 1.6 the value is a string, so nothing in it is refused: "NaN", "inf" and numbers
    beyond a double ("1e400") are accepted and kept as text only, never as a number
    (stored NULL), so no bill, report or live figure counts them. Finite but absurd
    readings are numbers; judging them is the services' part.
    """
    text: str = raw["value"]
    measurand: str = raw.get("measurand", DEFAULT_MEASURAND)
    unit: str | None = raw.get("unit")
    if unit is None and measurand.startswith("Energy.Active"):
        # 1.6: "Default = Wh if the (default) measurand is an Energy type".
        unit = "Wh"
    value = math.nan
    raw_value: str | None = text
    # Signed data may happen to look like a number; it never is one.
    # Python's float() also reads "1_000" and other scripts' digits; a meter value is a
    # plain decimal number (padding forgiven), anything else stays text.
    if raw.get("format") != "SignedData" and _DECIMAL.fullmatch(text.strip()):
        number = float(text)
        # "1e400" is a decimal but no double: keep the text instead.
        if math.isfinite(number):
            value, raw_value = number, None
    return SampledValue(
        value=value,
        measurand=measurand,
        unit=unit,
        phase=raw.get("phase"),
        context=raw.get("context"),
        location=raw.get("location"),
        raw_value=raw_value,
    )


def meter_values(raw: list[dict[str, Any]], received: datetime) -> tuple[MeterValue, ...]:
    """A meterValue (or transactionData) array.

    A reading whose time is unusable or implausible is kept with ``received`` in its
    place and ``timestamp_unusable`` set (see ``charger_time``): a reading is billing
    data, its time only places it.
    """
    values: list[MeterValue] = []
    for item in raw:
        timestamp, unusable = charger_time(item["timestamp"], received)
        samples = tuple(sampled_value(s) for s in item["sampledValue"])
        values.append(MeterValue(timestamp, samples, timestamp_unusable=unusable))
    return tuple(values)


def id_tag_info(info: IdTagInfo) -> dict[str, Any]:
    """An idTagInfo object."""
    payload: dict[str, Any] = {"status": info.status.value}
    if info.expiry_date is not None:
        payload["expiryDate"] = format_timestamp(info.expiry_date)
    if info.parent_id_tag is not None:
        payload["parentIdTag"] = info.parent_id_tag
    return payload


def optional_timestamp(raw: dict[str, Any], key: str, received: datetime) -> datetime | None:
    """``raw[key]`` parsed as a timestamp; None when absent, unusable or implausible.

    For times that only describe (a status change, a notification): when the charger's
    clock is wrong the receipt time tells more, and a year-1 time would break displays.
    """
    text = raw.get(key)
    if text is None:
        return None
    value = read_timestamp(text)
    return value if value is not None and is_plausible(value, received) else None
