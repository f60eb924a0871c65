"""Charger configuration: read, change key by key, snapshots, baselines per model.

Every change is one ChangeConfiguration per key, so each key gets its own outcome
(Accepted, Rejected, RebootRequired, NotSupported, or why no answer came).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from console.core import commands as cmd
from console.core.clock import utcnow
from console.core.configuration import (
    ConfigEntry,
    ConfigSnapshot,
    KeyChange,
    KeyDifference,
    compare,
)
from console.core.enums import CommandResult
from console.core.model import BootInfo, CommandOutcome
from console.core.site import SiteState
from console.core.staff import ENGINE_ACTOR, Actor, Permission, require
from console.services.audited import record
from console.services.commands import CommandService
from console.storage import chargers as charger_repo
from console.storage import snapshots as snapshot_repo
from console.storage.writer import StorageWriter


@dataclass(frozen=True, slots=True)
class ConfigurationRead:
    """The answer to GetConfiguration: the keys, the unknown keys, and the outcome."""

    outcome: CommandOutcome
    entries: tuple[ConfigEntry, ...] = ()
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BaselineComparison:
    """A charger's live configuration against the baseline of its model."""

    charger_id: str
    baseline: ConfigSnapshot | None
    read: ConfigurationRead
    differences: tuple[KeyDifference, ...] = ()


@dataclass(frozen=True, slots=True)
class BaselineApplied:
    """What applying a baseline did to one charger: a problem, or one change per key."""

    charger_id: str
    problem: CommandOutcome | None = None
    changes: tuple[KeyChange, ...] = field(default_factory=tuple)

    @property
    def reboot_required(self) -> bool:
        """True when some key takes effect only after a reset."""
        return any(change.reboot_required for change in self.changes)


def entries_of(details: Mapping[str, Any]) -> tuple[ConfigEntry, ...]:
    """The configurationKey list of a GetConfiguration reply, as entries sorted by key."""
    raw = details.get("configurationKey") or []
    entries = [
        ConfigEntry(
            str(item.get("key", "")),
            None if item.get("value") is None else str(item["value"]),
            bool(item.get("readonly", False)),
        )
        for item in raw
        if isinstance(item, dict)
    ]
    return tuple(sorted(entries, key=lambda e: e.key.casefold()))


def _invalid(reason: str) -> CommandOutcome:
    return CommandOutcome(CommandResult.INVALID, error=reason)


class ConfigurationService:
    """Reads and changes chargers' configuration; keeps snapshots and baselines."""

    def __init__(self, commands: CommandService, writer: StorageWriter, site: SiteState) -> None:
        self._commands = commands
        self._writer = writer
        self._site = site

    # ----------------------------------------------------------------- live

    async def read(self, charger_id: str, keys: Iterable[str] = ()) -> ConfigurationRead:
        """GetConfiguration (every key when ``keys`` is empty)."""
        # GetConfiguration only reads: anyone may, so it goes out as ChargeDesk's own call.
        command = cmd.GetConfiguration(tuple(keys))
        outcome = await self._commands.send(charger_id, command, actor=ENGINE_ACTOR)
        if outcome.result is not CommandResult.ANSWERED:
            return ConfigurationRead(outcome)
        unknown = tuple(str(k) for k in outcome.details.get("unknownKey") or [])
        return ConfigurationRead(outcome, entries_of(outcome.details), unknown)

    async def change(
        self, charger_id: str, values: Mapping[str, str], *, actor: Actor
    ) -> list[KeyChange]:
        """ChangeConfiguration for each key in turn; one outcome per key (each audited)."""
        require(actor, Permission.CONFIGURATION)
        changes: list[KeyChange] = []
        for key, value in values.items():
            command = cmd.ChangeConfiguration(key, value)
            outcome = await self._commands.send(charger_id, command, actor=actor)
            changes.append(KeyChange(charger_id, key, value, outcome))
        return changes

    # ----------------------------------------------------------------- snapshots

    async def save_snapshot(
        self, charger_id: str, name: str = "", *, actor: Actor
    ) -> tuple[CommandOutcome, ConfigSnapshot | None]:
        """Read the charger's configuration and store it; the snapshot when it worked."""
        require(actor, Permission.CONFIGURATION)
        read = await self.read(charger_id)
        if read.outcome.result is not CommandResult.ANSWERED:
            return read.outcome, None
        boot = await self._boot(charger_id)
        taken_at = utcnow()
        label = name.strip() or f"{charger_id} {taken_at:%Y-%m-%d %H:%M:%S}"
        entries = read.entries

        def store(connection: Any) -> ConfigSnapshot | None:
            snapshot_id = snapshot_repo.add_snapshot(
                connection, charger_id, label, boot, taken_at, entries
            )
            after = {"snapshot": snapshot_id, "name": label, "keys": len(entries)}
            record(connection, actor, "configuration.snapshot", charger_id, None, after)
            return snapshot_repo.get_snapshot(connection, snapshot_id)

        return read.outcome, await self._writer.submit(store)

    async def snapshots(
        self, charger_id: str | None = None, model: str | None = None
    ) -> list[ConfigSnapshot]:
        """Saved snapshots (of one charger or one model), newest first."""
        return await self._writer.submit(
            lambda c: snapshot_repo.list_snapshots(c, charger_id=charger_id, model=model)
        )

    async def snapshot(self, snapshot_id: int) -> ConfigSnapshot | None:
        """One saved snapshot."""
        return await self._writer.submit(lambda c: snapshot_repo.get_snapshot(c, snapshot_id))

    async def mark_baseline(self, snapshot_id: int, *, actor: Actor) -> ConfigSnapshot | None:
        """Make a snapshot the baseline of its model; None when it does not exist."""
        require(actor, Permission.CONFIGURATION)

        def store(connection: Any) -> ConfigSnapshot | None:
            marked = snapshot_repo.mark_baseline(connection, snapshot_id)
            if marked is not None:
                after = {"vendor": marked.vendor, "model": marked.model, "name": marked.name}
                record(connection, actor, "configuration.baseline", snapshot_id, None, after)
            return marked

        return await self._writer.submit(store)

    async def baseline_for(self, charger_id: str) -> ConfigSnapshot | None:
        """The baseline of the charger's model, or None."""
        boot = await self._boot(charger_id)
        vendor = None if boot is None else boot.vendor
        model = None if boot is None else boot.model
        return await self._writer.submit(lambda c: snapshot_repo.baseline_of(c, vendor, model))

    async def compare_snapshots(self, left_id: int, right_id: int) -> list[KeyDifference]:
        """The keys two snapshots disagree on (``added``: only in the right one)."""
        left, right = await self.snapshot(left_id), await self.snapshot(right_id)
        if left is None or right is None:
            return []
        return compare(left.entries, right.entries)

    async def compare_with_baseline(self, charger_id: str) -> BaselineComparison:
        """The charger's live configuration against its model's baseline.

        ``added`` keys are on the charger only, ``removed`` ones in the baseline only.
        """
        baseline = await self.baseline_for(charger_id)
        if baseline is None:
            return BaselineComparison(
                charger_id, None, ConfigurationRead(_invalid("no baseline for this model"))
            )
        read = await self.read(charger_id)
        if read.outcome.result is not CommandResult.ANSWERED:
            return BaselineComparison(charger_id, baseline, read)
        differences = tuple(compare(baseline.entries, read.entries))
        return BaselineComparison(charger_id, baseline, read, differences)

    async def apply_baseline(
        self, snapshot_id: int, charger_ids: Iterable[str], *, actor: Actor
    ) -> list[BaselineApplied]:
        """Set, on each charger of the baseline's model, the writable keys that differ
        (each ChangeConfiguration audited as ``actor``'s)."""
        require(actor, Permission.CONFIGURATION)
        baseline = await self.snapshot(snapshot_id)
        if baseline is None:
            missing = _invalid(f"no snapshot {snapshot_id}")
            return [BaselineApplied(cid, missing) for cid in charger_ids]
        results: list[BaselineApplied] = []
        for charger_id in charger_ids:
            results.append(await self._apply_to(baseline, charger_id, actor))
        return results

    async def _apply_to(
        self, baseline: ConfigSnapshot, charger_id: str, actor: Actor
    ) -> BaselineApplied:
        boot = await self._boot(charger_id)
        model = None if boot is None else boot.model
        vendor = None if boot is None else boot.vendor
        if (vendor, model) != (baseline.vendor, baseline.model):
            reason = (
                f"model {vendor} {model} is not the baseline's {baseline.vendor} {baseline.model}"
            )
            return BaselineApplied(charger_id, _invalid(reason))
        read = await self.read(charger_id)
        if read.outcome.result is not CommandResult.ANSWERED:
            return BaselineApplied(charger_id, read.outcome)
        live = {entry.key.casefold(): entry for entry in read.entries}
        wanted: dict[str, str] = {}
        for entry in baseline.entries:
            current = live.get(entry.key.casefold())
            if entry.readonly or entry.value is None or (current and current.readonly):
                continue
            if current is None or (current.value or "") != entry.value:
                wanted[entry.key] = entry.value
        return BaselineApplied(
            charger_id, None, tuple(await self.change(charger_id, wanted, actor=actor))
        )

    async def _boot(self, charger_id: str) -> BootInfo | None:
        state = self._site.chargers.get(charger_id)
        if state is not None and state.boot is not None:
            return state.boot
        record = await self._writer.submit(lambda c: charger_repo.get_charger(c, charger_id))
        return None if record is None else record.boot
