"""Charger configuration keys, saved snapshots of them and their differences.

Pure values: the services read keys with GetConfiguration, the storage keeps snapshots,
and ``compare`` says which keys two configurations do not share or disagree on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from console.core.model import CommandOutcome

# ChangeConfiguration statuses of OCPP 1.6 (ConfigurationStatus).
REBOOT_REQUIRED = "RebootRequired"


@dataclass(frozen=True, slots=True)
class ConfigEntry:
    """One configuration key as a charger reports it; ``value`` None when it has none."""

    key: str
    value: str | None
    readonly: bool = False


@dataclass(frozen=True, slots=True)
class ConfigSnapshot:
    """A charger's configuration saved at a moment; a baseline stands for its model."""

    id: int
    charger_id: str
    name: str
    vendor: str | None
    model: str | None
    firmware_version: str | None
    taken_at: datetime
    baseline: bool
    entries: tuple[ConfigEntry, ...]

    def values(self) -> dict[str, ConfigEntry]:
        """The entries by key."""
        return {entry.key: entry for entry in self.entries}


class DifferenceKind(Enum):
    """How a key differs between a left and a right configuration."""

    ADDED = "added"  # only on the right
    REMOVED = "removed"  # only on the left
    DIFFERENT = "different"  # on both, with other values


@dataclass(frozen=True, slots=True)
class KeyDifference:
    """A key two configurations do not agree on."""

    key: str
    kind: DifferenceKind
    left: str | None
    right: str | None


def compare(left: Iterable[ConfigEntry], right: Iterable[ConfigEntry]) -> list[KeyDifference]:
    """The keys that differ between ``left`` and ``right``, sorted by key.

    Keys are matched case-insensitively, as chargers treat them.
    """
    lefts = {entry.key.casefold(): entry for entry in left}
    rights = {entry.key.casefold(): entry for entry in right}
    differences: list[KeyDifference] = []
    for folded in sorted(lefts.keys() | rights.keys()):
        a, b = lefts.get(folded), rights.get(folded)
        if a is None and b is not None:
            differences.append(KeyDifference(b.key, DifferenceKind.ADDED, None, b.value))
        elif b is None and a is not None:
            differences.append(KeyDifference(a.key, DifferenceKind.REMOVED, a.value, None))
        elif a is not None and b is not None and (a.value or "") != (b.value or ""):
            differences.append(KeyDifference(a.key, DifferenceKind.DIFFERENT, a.value, b.value))
    return differences


@dataclass(frozen=True, slots=True)
class KeyChange:
    """What became of setting one key on one charger (ChangeConfiguration)."""

    charger_id: str
    key: str
    value: str
    outcome: CommandOutcome

    @property
    def reboot_required(self) -> bool:
        """True when the charger takes the value only after a reset."""
        return self.outcome.accepted is False and self.outcome.status == REBOOT_REQUIRED

    @property
    def applied(self) -> bool:
        """True when the charger took the value (now or after a reset)."""
        return self.outcome.accepted or self.reboot_required
