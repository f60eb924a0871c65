"""Pieces of 1.6 payloads shared by several messages: meter values and idTagInfo."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from console.core.model import IdTagInfo, MeterValue, SampledValue
from console.protocol.datetimes import format_timestamp, parse_timestamp

DEFAULT_MEASURAND = "Energy.Active.Import.Register"


def sampled_value(raw: dict[str, Any]) -> SampledValue:
    """One sampledValue; a value that is no number is kept as ``raw_value`` with NaN."""
    text: str = raw["value"]
    measurand: str = raw.get("measurand", DEFAULT_MEASURAND)
    unit: str | None = raw.get("unit")
    if unit is None and measurand.startswith("Energy.Active"):
        # 1.6: "Default = Wh if the (default) measurand is an Energy type".
        unit = "Wh"
    value = math.nan
    raw_value: str | None = text
    # Signed data may happen to look like a number; it never is one.
    if raw.get("format") != "SignedData":
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        # "inf" and "nan" parse, but no meter reads them: keep the text instead.
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


def meter_values(raw: list[dict[str, Any]]) -> tuple[MeterValue, ...]:
    """A meterValue (or transactionData) array."""
    return tuple(
        MeterValue(
            timestamp=parse_timestamp(item["timestamp"]),
            samples=tuple(sampled_value(s) for s in item["sampledValue"]),
        )
        for item in raw
    )


def id_tag_info(info: IdTagInfo) -> dict[str, Any]:
    """An idTagInfo object."""
    payload: dict[str, Any] = {"status": info.status.value}
    if info.expiry_date is not None:
        payload["expiryDate"] = format_timestamp(info.expiry_date)
    if info.parent_id_tag is not None:
        payload["parentIdTag"] = info.parent_id_tag
    return payload


def optional_timestamp(raw: dict[str, Any], key: str) -> datetime | None:
    """``raw[key]`` parsed as a timestamp, or None when absent."""
    text = raw.get(key)
    return None if text is None else parse_timestamp(text)
