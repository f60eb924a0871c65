"""Offline authorization of a simulated charger: the local list and the auth cache."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from console.simulator.clock import parse_time


def effective_status(id_tag_info: dict[str, Any], now: datetime) -> str:
    """The status of an idTagInfo, turned to Expired once its expiryDate has passed."""
    status = str(id_tag_info.get("status", "Invalid"))
    expiry = parse_time(id_tag_info.get("expiry_date"))
    if status == "Accepted" and expiry is not None and expiry <= now:
        return "Expired"
    return status


class LocalAuthList:
    """The list pushed by SendLocalList; card ids compare case-insensitively."""

    def __init__(self, max_length: int = 1000, max_per_message: int = 250) -> None:
        self.version = 0
        self.max_length = max_length
        self.max_per_message = max_per_message
        # casefolded idTag -> idTagInfo (snake_case keys, as the ocpp library hands them)
        self._entries: dict[str, dict[str, Any]] = {}
        self._tags: dict[str, str] = {}  # casefolded -> as sent

    def apply(self, version: int, update_type: str, entries: list[dict[str, Any]]) -> str:
        """SendLocalList: returns the OCPP UpdateStatus."""
        if len(entries) > self.max_per_message:
            return "Failed"
        if update_type == "Differential":
            if version <= self.version:
                return "VersionMismatch"
            merged = dict(self._entries)
            tags = dict(self._tags)
        else:
            merged, tags = {}, {}
        for entry in entries:
            key = str(entry["id_tag"]).casefold()
            info = entry.get("id_tag_info")
            if info is None:
                # In a differential update an entry without idTagInfo removes the card.
                merged.pop(key, None)
                tags.pop(key, None)
            else:
                merged[key] = dict(info)
                tags[key] = str(entry["id_tag"])
        if len(merged) > self.max_length:
            return "Failed"
        self._entries, self._tags, self.version = merged, tags, version
        return "Accepted"

    def lookup(self, id_tag: str) -> dict[str, Any] | None:
        """The idTagInfo of a card, or None if the card is not on the list."""
        return self._entries.get(id_tag.casefold())

    def as_dict(self) -> dict[str, str]:
        """idTag -> status, for display and tests."""
        return {self._tags[k]: str(v.get("status")) for k, v in self._entries.items()}

    def __len__(self) -> int:
        return len(self._entries)


class AuthCache:
    """Answers the central system gave to Authorize/StartTransaction, for offline use."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, Any]] = {}

    def remember(self, id_tag: str, id_tag_info: dict[str, Any]) -> None:
        """Store the latest answer for a card."""
        self._entries[id_tag.casefold()] = dict(id_tag_info)

    def lookup(self, id_tag: str) -> dict[str, Any] | None:
        """The cached idTagInfo for a card, or None."""
        return self._entries.get(id_tag.casefold())

    def clear(self) -> None:
        """ClearCache."""
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
