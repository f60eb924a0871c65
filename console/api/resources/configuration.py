"""Charger configuration: read keys, change them key by key, snapshots and baselines.

The same operations as the console's Configuration page. A charger that is offline or
does not answer is an answer too (``outcome``), not an HTTP error. Secret keys
(AuthorizationKey) are shown as ``***``, as in the audit log.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, field_validator

from console.api.models import ApiModel, QueryModel
from console.api.problems import not_found
from console.api.resources._commands_common import (
    is_secret_key,
    known_charger,
    known_chargers,
    shown_value,
)
from console.api.resources._common import OutcomeOut, outcome_out
from console.api.routing import ApiCall, ApiRouter
from console.core.configuration import ConfigEntry, ConfigSnapshot, KeyChange, KeyDifference
from console.core.staff import Permission
from console.services.configuration import BaselineApplied

router = ApiRouter(
    "configuration",
    "Charger configuration keys: read, change, snapshots, baselines per charger model",
)

_KEY = Field(min_length=1, max_length=50, description="A configuration key (CiString50)")


# ----------------------------------------------------------------- models


class ConfigKeyOut(ApiModel):
    """One configuration key as the charger reported it."""

    key: str
    value: str | None = Field(description="null when the charger gives none; *** for a secret")
    readonly: bool
    secret: bool = Field(description="A secret key: its value is never shown")


class ConfigurationOut(ApiModel):
    """A charger's answer to GetConfiguration."""

    charger_id: str
    outcome: OutcomeOut
    keys: list[ConfigKeyOut] = Field(description="Sorted by key; empty when it did not answer")
    unknown_keys: list[str] = Field(description="Keys asked for that the charger does not know")


class ConfigurationQuery(QueryModel):
    """Which keys to read."""

    key: list[str] = Field(
        default_factory=list, description="Only these keys (repeatable; none: every key)"
    )

    @field_validator("key")
    @classmethod
    def _short_keys(cls, keys: list[str]) -> list[str]:
        if len(keys) > 100 or any(not 1 <= len(key) <= 50 for key in keys):
            raise ValueError("at most 100 keys of 1 to 50 characters")
        return keys


class ConfigChangeBody(ApiModel):
    """Keys to set and their new values (each one is its own ChangeConfiguration)."""

    values: dict[str, str] = Field(
        min_length=1,
        max_length=50,
        description="key -> value; keys of 1-50 characters, values of at most 500",
    )

    @field_validator("values")
    @classmethod
    def _fits(cls, values: dict[str, str]) -> dict[str, str]:
        for key, value in values.items():
            if not 1 <= len(key) <= 50:
                raise ValueError(f"key {key[:60]!r}: 1 to 50 characters")
            if len(value) > 500:
                raise ValueError(f"value of {key}: at most 500 characters")
        return values


class ConfigKeyChangeOut(ApiModel):
    """What became of setting one key."""

    key: str
    value: str = Field(description="The value sent (*** for a secret key)")
    outcome: OutcomeOut
    applied: bool = Field(description="The charger took the value (now or after a reset)")
    reboot_required: bool = Field(description="It takes effect only after a reset")


class ConfigChangesOut(ApiModel):
    """One outcome per key, in the order given."""

    charger_id: str
    changes: list[ConfigKeyChangeOut]
    reboot_required: list[str] = Field(
        description="Keys that take effect after a reset (POST .../commands/reset)"
    )


class SnapshotSummaryOut(ApiModel):
    """A saved configuration, without its keys."""

    id: int
    charger_id: str
    name: str
    vendor: str | None
    model: str | None
    firmware_version: str | None
    taken_at: datetime
    baseline: bool = Field(description="The baseline of its vendor and model")
    key_count: int


class SnapshotOut(SnapshotSummaryOut):
    """A saved configuration with its keys."""

    keys: list[ConfigKeyOut]


class SnapshotBody(ApiModel):
    """A name for the snapshot (empty: the charger's id and the time)."""

    name: str = Field("", max_length=100)


class SnapshotTakenOut(ApiModel):
    """The GetConfiguration outcome, and the snapshot when the charger answered."""

    outcome: OutcomeOut
    snapshot: SnapshotOut | None = Field(description="null when the charger did not answer")


class SnapshotListQuery(QueryModel):
    """Whose snapshots to list."""

    charger_id: str | None = Field(None, max_length=48, description="Of this charger only")
    model: str | None = Field(None, max_length=50, description="Of this charger model only")


class SnapshotCompareQuery(QueryModel):
    """Two snapshots to compare."""

    left: int = Field(ge=1, description="The older (or reference) snapshot's id")
    right: int = Field(ge=1, description="The other snapshot's id")


class ConfigDifferenceOut(ApiModel):
    """A key two configurations disagree on."""

    key: str
    kind: str = Field(description="added (right only), removed (left only) or different")
    left: str | None
    right: str | None


class BaselineComparisonOut(ApiModel):
    """A charger's live configuration against its model's baseline (left = baseline)."""

    charger_id: str
    baseline: SnapshotSummaryOut | None = Field(description="null: no baseline for the model")
    outcome: OutcomeOut
    differences: list[ConfigDifferenceOut]


class BaselineApplyBody(ApiModel):
    """The chargers to bring in line with the baseline."""

    charger_ids: list[str] = Field(min_length=1, max_length=200)


class BaselineAppliedOut(ApiModel):
    """What applying a baseline did to one charger."""

    charger_id: str
    problem: OutcomeOut | None = Field(
        description="Why nothing was changed (offline, another model…); null when it ran"
    )
    changes: list[ConfigKeyChangeOut] = Field(description="One per key that differed")
    reboot_required: bool


# ----------------------------------------------------------------- conversions


def _key_out(entry: ConfigEntry) -> ConfigKeyOut:
    return ConfigKeyOut(
        key=entry.key,
        value=shown_value(entry.key, entry.value),
        readonly=entry.readonly,
        secret=is_secret_key(entry.key),
    )


def _summary(snapshot: ConfigSnapshot) -> SnapshotSummaryOut:
    return SnapshotSummaryOut(
        id=snapshot.id,
        charger_id=snapshot.charger_id,
        name=snapshot.name,
        vendor=snapshot.vendor,
        model=snapshot.model,
        firmware_version=snapshot.firmware_version,
        taken_at=snapshot.taken_at,
        baseline=snapshot.baseline,
        key_count=len(snapshot.entries),
    )


def _snapshot_out(snapshot: ConfigSnapshot) -> SnapshotOut:
    return SnapshotOut(
        **_summary(snapshot).model_dump(), keys=[_key_out(e) for e in snapshot.entries]
    )


def _change_out(change: KeyChange) -> ConfigKeyChangeOut:
    return ConfigKeyChangeOut(
        key=change.key,
        value=shown_value(change.key, change.value) or "",
        outcome=outcome_out(change.outcome, change.charger_id),
        applied=change.applied,
        reboot_required=change.reboot_required,
    )


def _differences(differences: list[KeyDifference]) -> list[ConfigDifferenceOut]:
    return [
        ConfigDifferenceOut(
            key=d.key,
            kind=d.kind.value,
            left=shown_value(d.key, d.left),
            right=shown_value(d.key, d.right),
        )
        for d in differences
    ]


def _applied_out(applied: BaselineApplied) -> BaselineAppliedOut:
    problem = applied.problem
    return BaselineAppliedOut(
        charger_id=applied.charger_id,
        problem=None if problem is None else outcome_out(problem, applied.charger_id),
        changes=[_change_out(change) for change in applied.changes],
        reboot_required=applied.reboot_required,
    )


async def _snapshot(call: ApiCall, snapshot_id: int) -> ConfigSnapshot:
    snapshot = await call.engine.configuration.snapshot(snapshot_id)
    if snapshot is None:
        raise not_found(f"snapshot {snapshot_id}")
    return snapshot


# ----------------------------------------------------------------- live keys


@router.get(
    "/api/chargers/{charger_id}/configuration",
    summary="Read a charger's configuration keys",
    query=ConfigurationQuery,
    response=ConfigurationOut,
    errors=(404,),
)
async def read_configuration(call: ApiCall) -> ConfigurationOut:
    """GetConfiguration, live from the charger (every key, or the `key`s asked for).
    Only reads, so every role may. When the charger is offline or does not answer,
    `keys` is empty and `outcome` says why."""
    charger_id = await known_charger(call, call.path["charger_id"])
    read = await call.engine.configuration.read(charger_id, call.query.key)
    return ConfigurationOut(
        charger_id=charger_id,
        outcome=outcome_out(read.outcome, charger_id),
        keys=[_key_out(entry) for entry in read.entries],
        unknown_keys=list(read.unknown),
    )


@router.patch(
    "/api/chargers/{charger_id}/configuration",
    summary="Change configuration keys, one outcome per key",
    needs=Permission.CONFIGURATION,
    body=ConfigChangeBody,
    response=ConfigChangesOut,
    errors=(404,),
)
async def change_configuration(call: ApiCall) -> ConfigChangesOut:
    """ChangeConfiguration for each key in turn, each audited. Each key has its own
    outcome: Accepted, RebootRequired (`reboot_required`: send a reset for it to take
    effect — the console offers a soft reset then; the API leaves it to you), Rejected,
    NotSupported (unknown key), or no answer."""
    charger_id = await known_charger(call, call.path["charger_id"])
    changes = await call.engine.configuration.change(charger_id, call.body.values, actor=call.actor)
    return ConfigChangesOut(
        charger_id=charger_id,
        changes=[_change_out(change) for change in changes],
        reboot_required=[change.key for change in changes if change.reboot_required],
    )


# ----------------------------------------------------------------- snapshots


@router.get(
    "/api/configuration/snapshots",
    summary="Saved configuration snapshots, newest first",
    query=SnapshotListQuery,
    response=list[SnapshotSummaryOut],
)
async def list_config_snapshots(call: ApiCall) -> list[SnapshotSummaryOut]:
    """Every saved snapshot, or those of one charger or one model; without their keys
    (GET /api/configuration/snapshots/{snapshot_id} has them)."""
    query: SnapshotListQuery = call.query
    snapshots = await call.engine.configuration.snapshots(query.charger_id, query.model)
    return [_summary(snapshot) for snapshot in snapshots]


@router.get(
    "/api/configuration/snapshots/compare",
    summary="The keys two snapshots disagree on",
    query=SnapshotCompareQuery,
    response=list[ConfigDifferenceOut],
    errors=(404,),
)
async def compare_config_snapshots(call: ApiCall) -> list[ConfigDifferenceOut]:
    """Keys matched without case; `added`: only in `right`, `removed`: only in `left`."""
    query: SnapshotCompareQuery = call.query
    await _snapshot(call, query.left)
    await _snapshot(call, query.right)
    differences = await call.engine.configuration.compare_snapshots(query.left, query.right)
    return _differences(differences)


@router.get(
    "/api/configuration/snapshots/{snapshot_id:int}",
    summary="One snapshot with its keys",
    response=SnapshotOut,
    errors=(404,),
)
async def get_config_snapshot(call: ApiCall) -> SnapshotOut:
    """The saved keys and values (secret values as ***)."""
    return _snapshot_out(await _snapshot(call, call.path["snapshot_id"]))


@router.post(
    "/api/chargers/{charger_id}/configuration/snapshots",
    summary="Read a charger's configuration and save it as a snapshot",
    needs=Permission.CONFIGURATION,
    body=SnapshotBody,
    response=SnapshotTakenOut,
    errors=(404,),
)
async def take_config_snapshot(call: ApiCall) -> SnapshotTakenOut:
    """GetConfiguration, stored with the charger's vendor, model and firmware (audited).
    When the charger does not answer nothing is stored: `snapshot` is null and
    `outcome` says why."""
    charger_id = await known_charger(call, call.path["charger_id"])
    outcome, snapshot = await call.engine.configuration.save_snapshot(
        charger_id, call.body.name, actor=call.actor
    )
    return SnapshotTakenOut(
        outcome=outcome_out(outcome, charger_id),
        snapshot=None if snapshot is None else _snapshot_out(snapshot),
    )


# ----------------------------------------------------------------- baselines


@router.post(
    "/api/configuration/snapshots/{snapshot_id:int}/baseline",
    summary="Make a snapshot the baseline of its charger model",
    needs=Permission.CONFIGURATION,
    response=SnapshotSummaryOut,
    errors=(404,),
)
async def mark_config_baseline(call: ApiCall) -> SnapshotSummaryOut:
    """The snapshot becomes the baseline of its vendor and model (replacing the one
    before); chargers of that model are compared with it."""
    marked = await call.engine.configuration.mark_baseline(
        call.path["snapshot_id"], actor=call.actor
    )
    if marked is None:
        raise not_found(f"snapshot {call.path['snapshot_id']}")
    return _summary(marked)


@router.get(
    "/api/chargers/{charger_id}/configuration/baseline-comparison",
    summary="Compare a charger's live configuration with its model's baseline",
    response=BaselineComparisonOut,
    errors=(404,),
)
async def compare_with_config_baseline(call: ApiCall) -> BaselineComparisonOut:
    """Reads the charger (GetConfiguration) and lists the keys that differ from the
    baseline of its model (left: the baseline, right: the charger). `baseline` is null
    when the model has none; `outcome` says when the charger did not answer."""
    charger_id = await known_charger(call, call.path["charger_id"])
    comparison = await call.engine.configuration.compare_with_baseline(charger_id)
    baseline = comparison.baseline
    return BaselineComparisonOut(
        charger_id=charger_id,
        baseline=None if baseline is None else _summary(baseline),
        outcome=outcome_out(comparison.read.outcome, charger_id),
        differences=_differences(list(comparison.differences)),
    )


@router.post(
    "/api/configuration/snapshots/{snapshot_id:int}/apply",
    summary="Set a baseline's values on chargers of its model",
    needs=Permission.CONFIGURATION,
    body=BaselineApplyBody,
    response=list[BaselineAppliedOut],
    errors=(404,),
)
async def apply_config_baseline(call: ApiCall) -> list[BaselineAppliedOut]:
    """On each charger of the snapshot's vendor and model, sets the writable keys whose
    value differs (one audited ChangeConfiguration each). A charger of another model or
    one that does not answer is left alone, with `problem` saying why."""
    snapshot = await _snapshot(call, call.path["snapshot_id"])
    charger_ids = await known_chargers(call, call.body.charger_ids)
    results = await call.engine.configuration.apply_baseline(
        snapshot.id, charger_ids, actor=call.actor
    )
    return [_applied_out(applied) for applied in results]
