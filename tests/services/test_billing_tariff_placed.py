"""Saving a tariff with where it applies is one operation: one transaction, one audit
entry, one event after the commit; a refusal at any step stores nothing."""

from __future__ import annotations

from typing import Any

import pytest
from billing_helpers import energy_tariff
from sqlalchemy import Connection

from console.core.billing import BillingError
from console.core.events import Event, TariffsChanged
from console.core.staff import Permission, PermissionDenied
from console.services.engine import CentralSystem
from console.storage import audit
from console.storage import tariffs as tariff_repo
from tests.actors import ADMIN, DESK


def _state(connection: Connection) -> dict[str, Any]:
    """Everything the operation may change."""
    return {
        "tariffs": [(s.id, s.tariff.name, s.retired) for s in tariff_repo.list_tariffs(connection)],
        "groups": tariff_repo.group_tariffs(connection),
        "default": tariff_repo.default_tariff_id(connection),
        "visitor": tariff_repo.visitor_tariff_id(connection),
        "audit": [
            (e.action, e.target) for e in audit.entries(connection, limit=None, newest_first=False)
        ],
    }


async def state(engine: CentralSystem) -> dict[str, Any]:
    """The stored state, read through the writer (after every commit before it)."""
    return await engine.writer.submit(_state)


def tariff_events(engine: CentralSystem) -> list[TariffsChanged]:
    """The TariffsChanged events published from now on."""
    seen: list[TariffsChanged] = []

    def on_event(event: Event) -> None:
        if isinstance(event, TariffsChanged):
            # Published after the commit: a fresh connection already sees the tariff.
            with engine.db.connect() as connection:
                assert event.tariff_id is not None
                assert tariff_repo.get_tariff(connection, event.tariff_id) is not None
            seen.append(event)

    engine.bus.subscribe(on_event)
    return seen


async def test_a_new_tariff_and_its_place_are_one_audited_change(engine: CentralSystem) -> None:
    events = tariff_events(engine)
    saved = await engine.billing.save_tariff_placed(
        None, energy_tariff("Staff", "0.30"), ["STAFF", "doctors", "staff"], True, True, actor=ADMIN
    )
    assert saved.added and saved.action == "tariff.add"
    stored = await state(engine)
    assert stored["tariffs"] == [(saved.stored.id, "Staff", False)]
    assert stored["groups"] == {"doctors": saved.stored.id, "STAFF": saved.stored.id}
    assert stored["default"] == stored["visitor"] == saved.stored.id
    assert stored["audit"] == [("tariff.add", str(saved.stored.id))]
    assert saved.uses == ("the site default", "the visitor tariff", "group doctors", "group STAFF")
    [entry] = await engine.writer.submit(lambda c: audit.entries(c, limit=None))
    assert entry.before is None and entry.actor == ADMIN.name
    assert entry.after["name"] == "Staff" and entry.after["uses"] == list(saved.uses)
    assert events == [TariffsChanged(saved.stored.id, "tariff.add")]


async def test_a_change_takes_away_what_the_tariff_no_longer_is(engine: CentralSystem) -> None:
    first = await engine.billing.save_tariff_placed(
        None, energy_tariff("Staff", "0.30"), ("STAFF", "DOCTORS"), True, True, actor=ADMIN
    )
    other = await engine.billing.save_tariff_placed(
        None, energy_tariff("Students", "0.25"), ("STUDENTS",), False, False, actor=ADMIN
    )
    events = tariff_events(engine)
    tariff_id = first.stored.id
    changed = await engine.billing.save_tariff_placed(
        tariff_id, energy_tariff("Staff", "0.32"), ("staff",), False, True, actor=ADMIN
    )
    assert not changed.added and str(changed.stored.tariff.energy_price) == "0.32"
    stored = await state(engine)
    # The group kept is spelled as given now; the other pays the default again.
    assert stored["groups"] == {"staff": tariff_id, "STUDENTS": other.stored.id}
    assert stored["default"] is None and stored["visitor"] == tariff_id
    assert [action for action, _target in stored["audit"]] == [
        "tariff.add",
        "tariff.add",
        "tariff.change",
    ]
    newest = await engine.writer.submit(lambda c: audit.entries(c, limit=1))
    assert newest[0].before["energy_price"] == "0.30"
    assert newest[0].before["uses"] == [
        "the site default",
        "the visitor tariff",
        "group DOCTORS",
        "group STAFF",
    ]
    assert newest[0].after["energy_price"] == "0.32"
    assert newest[0].after["uses"] == ["the visitor tariff", "group staff"]
    assert events == [TariffsChanged(tariff_id, "tariff.change")]


@pytest.mark.parametrize("error", [BillingError("the group step failed"), RuntimeError("disk")])
async def test_a_failing_group_step_stores_nothing(
    engine: CentralSystem, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    await engine.billing.save_tariff_placed(
        None, energy_tariff("Base", "0.30"), (), True, False, actor=ADMIN
    )
    before = await state(engine)
    events = tariff_events(engine)

    def failing(connection: Connection, group: str, tariff_id: int | None) -> None:
        raise error

    # The tariff row is written by then: the whole transaction must be undone.
    monkeypatch.setattr(tariff_repo, "assign_group", failing)
    with pytest.raises(type(error), match=str(error)):
        await engine.billing.save_tariff_placed(
            None, energy_tariff("Staff", "0.30"), ("STAFF",), True, True, actor=ADMIN
        )
    assert await state(engine) == before
    assert events == []


async def test_a_bad_group_or_a_taken_name_is_refused_before_anything(
    engine: CentralSystem,
) -> None:
    await engine.billing.save_tariff_placed(
        None, energy_tariff("Base", "0.30"), (), True, False, actor=ADMIN
    )
    before = await state(engine)
    with pytest.raises(BillingError, match="1 to 20 characters"):
        await engine.billing.save_tariff_placed(
            None, energy_tariff("Staff", "0.30"), ("A" * 21,), False, False, actor=ADMIN
        )
    with pytest.raises(BillingError, match="already a tariff"):
        await engine.billing.save_tariff_placed(
            None, energy_tariff("base", "0.30"), ("STAFF",), False, False, actor=ADMIN
        )
    assert await state(engine) == before


async def test_the_desk_may_not_save_a_tariff(engine: CentralSystem) -> None:
    before = await state(engine)
    events = tariff_events(engine)
    with pytest.raises(PermissionDenied) as refused:
        await engine.billing.save_tariff_placed(
            None, energy_tariff("Staff", "0.30"), ("STAFF",), True, True, actor=DESK
        )
    assert refused.value.permission is Permission.TARIFFS
    assert await state(engine) == before and events == []
