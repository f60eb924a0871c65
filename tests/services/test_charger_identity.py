"""Charger identity over real websockets: one id whatever its case, bad ids refused,
refusals that look alike outside and are counted inside, unknown chargers in bounds."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from identity_helpers import Answer, Refusals, basic, handshake
from sqlalchemy import Connection, func, select, text, update

from console.core.enums import AdmissionMode, Approval, RefusalReason
from console.services.engine import CentralSystem
from console.services.lockouts import GuessPolicy
from console.simulator.charger import SimulatedCharger
from console.storage import chargers as charger_repo
from console.storage import logs as log_repo
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]
EngineFactory = Callable[..., Awaitable[CentralSystem]]
PASSWORD = "a good long password"


async def _chargers(engine: CentralSystem) -> list[str]:
    records = await engine.writer.submit(lambda c: charger_repo.list_chargers(c, True))
    return [r.id for r in records]


async def test_ids_differing_in_case_are_one_charger(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(AdmissionMode.APPROVE)
    first = make_charger(engine, "CP1")
    await first.start()
    await first.wait_for(lambda: first.registration_status == "Pending")
    await first.stop()
    await engine.admission.set_approval("cp1", accepted=True, actor=ADMIN)
    second = make_charger(engine, "cp1")
    await second.start()
    await second.wait_booted()
    # One row, one connection slot, one site-state entry: all under the first spelling.
    assert await _chargers(engine) == ["CP1"]
    assert engine.server.connected_ids() == ["CP1"]
    assert [cid for cid in engine.site.chargers if cid.lower() == "cp1"] == ["CP1"]
    assert engine.site.chargers["CP1"].online
    # Staff may type either spelling.
    record = await engine.admission.add_charger("cP1", actor=ADMIN)
    assert record.id == "CP1" and await _chargers(engine) == ["CP1"]


async def test_bad_ids_are_refused_and_recorded(make_engine: EngineFactory) -> None:
    engine = await make_engine(AdmissionMode.OPEN)
    refusals = Refusals(engine)
    bad = {
        "trailing space": "/ocpp/CP1%20",
        "leading space": "/ocpp/%20CP1",
        "cyrillic": "/ocpp/%D0%A1%D0%A01",
        "fullwidth": "/ocpp/%EF%BC%A3%EF%BC%B01",
        "1000 characters": "/ocpp/" + "A" * 1000,
        "dot": "/ocpp/%2E",
        "dot dot": "/ocpp/%2E%2E",
        "colon": "/ocpp/CP%3A1",
    }
    answers = {name: await handshake(engine, path) for name, path in bad.items()}
    assert {a.status for a in answers.values()} == {401}, answers
    empty = await handshake(engine, "/ocpp/")
    assert empty.status == 404  # no id at all: a bad path
    await refusals.wait(len(bad) + 1)
    reasons = {e.refusal.reason for e in refusals.events}
    assert reasons == {RefusalReason.INVALID_ID, RefusalReason.BAD_PATH}
    # None of them became a charger.
    assert await _chargers(engine) == []
    stored = await engine.writer.submit(log_repo.list_refusals)
    assert all(len(r.charger_id or "") <= log_repo.REFUSAL_ID_CHARS for r in stored)


async def test_refusals_look_the_same_outside_and_differ_inside(
    make_engine: EngineFactory,
) -> None:
    policy = GuessPolicy(first_delay=0.01, max_delay=0.02, charger_limit=2, peer_limit=100)
    engine = await make_engine(AdmissionMode.CLOSED, guess_policy=policy)
    refusals = Refusals(engine)
    await engine.admission.add_charger("SECURE", PASSWORD, actor=ADMIN)
    await engine.admission.add_charger("LOCKME", PASSWORD, actor=ADMIN)
    await engine.admission.add_charger("REJECTED", actor=ADMIN)
    await engine.admission.set_approval("REJECTED", accepted=False, actor=ADMIN)
    await engine.admission.add_charger("OLD", actor=ADMIN)
    await engine.writer.submit(
        lambda c: c.execute(
            update(charger_repo.chargers)
            .where(charger_repo.chargers.c.id == "OLD")
            .values(retired=True)
        )
    )
    wrong = basic("LOCKME", "not the password!")
    for _ in range(2):
        await handshake(engine, "/ocpp/LOCKME", headers=wrong)
    answers: dict[RefusalReason, Answer] = {
        RefusalReason.UNKNOWN_CHARGER: await handshake(engine, "/ocpp/NOBODY"),
        RefusalReason.WRONG_PASSWORD: await handshake(
            engine, "/ocpp/SECURE", headers=basic("SECURE", "wrong password!!")
        ),
        RefusalReason.MISSING_PASSWORD: await handshake(engine, "/ocpp/SECURE"),
        RefusalReason.USERNAME_MISMATCH: await handshake(
            engine, "/ocpp/SECURE", headers=basic("OTHER", PASSWORD)
        ),
        RefusalReason.REJECTED_CHARGER: await handshake(engine, "/ocpp/REJECTED"),
        RefusalReason.RETIRED_CHARGER: await handshake(engine, "/ocpp/OLD"),
        RefusalReason.LOCKED: await handshake(
            engine, "/ocpp/LOCKME", headers=basic("LOCKME", PASSWORD)
        ),
        RefusalReason.INVALID_ID: await handshake(engine, "/ocpp/N%20O"),
    }
    # One status, one body, one header: nothing tells which ids exist.
    assert len(set(answers.values())) == 1, answers
    assert next(iter(answers.values())).status == 401
    # Inside, each attempt's true reason is on record.
    stored = await engine.writer.submit(log_repo.list_refusals)
    assert set(answers) <= {r.reason for r in stored}
    assert len(refusals.events) == len(answers) + 2
    retired = await engine.writer.submit(lambda c: charger_repo.get_charger(c, "OLD"))
    assert retired is not None and retired.retired and retired.approval is Approval.ACCEPTED


async def test_repeated_refusals_are_one_record_with_what_was_offered(
    make_engine: EngineFactory,
) -> None:
    engine = await make_engine(AdmissionMode.OPEN)
    refusals = Refusals(engine)
    offered = ("ocpp2.0.1", "ocpp2.1")
    for _ in range(25):  # a 2.0.1-only charger retrying
        answer = await handshake(
            engine, "/ocpp/CP201", subprotocols=offered, headers=basic("CP201", "secret-x")
        )
        assert answer.status == 400
    await refusals.wait(25)
    (record,) = await engine.writer.submit(log_repo.list_refusals)
    assert record.reason is RefusalReason.NO_SUBPROTOCOL
    assert record.count == 25
    assert record.first_at is not None and record.first_at <= record.at
    assert record.subprotocols == offered
    assert record.username == "CP201"
    assert record.path == "/ocpp/CP201"
    assert "secret-x" not in repr(record)
    # Another spelling of the same id is the same charger: still one record.
    await handshake(engine, "/ocpp/cp201", subprotocols=offered)
    (record,) = await engine.writer.submit(log_repo.list_refusals)
    assert record.count == 26 and record.charger_id == "cp201"


async def test_thousand_huge_ids_do_not_grow_the_database(make_engine: EngineFactory) -> None:
    engine = await make_engine(AdmissionMode.APPROVE)
    refusals = Refusals(engine)

    async def size() -> int:
        # The database's own pages: the WAL is a journal that is reused, not kept.
        def pages(connection: Connection) -> int:
            count = connection.execute(text("PRAGMA page_count")).scalar_one()
            return int(count) * int(connection.execute(text("PRAGMA page_size")).scalar_one())

        return await engine.writer.submit(pages)

    before = await size()
    path = "/ocpp/" + "X" * 8000

    async def batch() -> None:
        for _ in range(50):
            assert (await handshake(engine, path)).status == 401

    await asyncio.gather(*(batch() for _ in range(20)))
    await refusals.wait(1000)
    table = log_repo.refused_connections

    def read(connection: Connection) -> tuple[int, int, int, int]:
        rows = connection.execute(
            select(
                func.count(),
                func.max(func.length(table.c.charger_id)),
                func.max(func.length(table.c.path)),
                func.sum(table.c["count"]),
            )
        ).one()
        return int(rows[0]), int(rows[1]), int(rows[2]), int(rows[3])

    rows, longest_id, longest_path, total = await engine.writer.submit(read)
    assert (rows, total) == (1, 1000)
    assert longest_id <= log_repo.REFUSAL_ID_CHARS and longest_path <= log_repo.REFUSAL_PATH_CHARS
    assert await _chargers(engine) == []
    grown = await size() - before
    assert grown < 64_000, grown  # 8 MB of ids were offered


async def test_a_flood_of_unknown_ids_cannot_bury_the_real_one(
    make_engine: EngineFactory,
) -> None:
    policy = GuessPolicy(waiting_per_peer=5, waiting_per_site=50)
    engine = await make_engine(AdmissionMode.APPROVE, guess_policy=policy)
    refusals = Refusals(engine)

    async def flood(start: int) -> list[int]:
        return [
            (await handshake(engine, f"/ocpp/FAKE-{n}")).status for n in range(start, start + 30)
        ]

    statuses = [
        s for batch in await asyncio.gather(*(flood(i * 30) for i in range(10))) for s in batch
    ]
    assert len(statuses) == 300
    assert statuses.count(101) == 5 and statuses.count(401) == 295
    await refusals.wait(295)
    waiting = [cid for cid in await _chargers(engine) if cid.startswith("FAKE-")]
    assert len(waiting) == 5
    # The flood is one record (per address), not 295.
    stored = await engine.writer.submit(log_repo.list_refusals)
    assert [(r.reason, r.count) for r in stored] == [
        (RefusalReason.TOO_MANY_WAITING_FROM_PEER, 295)
    ]
    # The real charger, from its own address, still gets in and waits for staff.
    real = await handshake(engine, "/ocpp/REAL-ONE", local_host="127.0.0.2")
    assert real.status == 101
    record = await engine.writer.submit(lambda c: charger_repo.get_charger(c, "REAL-ONE"))
    assert record is not None and record.approval is Approval.PENDING


async def test_site_wide_limit_of_waiting_chargers(make_engine: EngineFactory) -> None:
    policy = GuessPolicy(waiting_per_peer=3, waiting_per_site=4)
    engine = await make_engine(AdmissionMode.APPROVE, guess_policy=policy)
    statuses = []
    for n, host in enumerate(["127.0.0.2", "127.0.0.3", "127.0.0.4"] * 2):
        statuses.append((await handshake(engine, f"/ocpp/W{n}", local_host=host)).status)
    assert statuses.count(101) == 4
    stored = await engine.writer.submit(log_repo.list_refusals)
    assert {r.reason for r in stored} == {RefusalReason.TOO_MANY_WAITING}
    # A known charger is not held up by the limit.
    await engine.admission.add_charger("KNOWN", actor=ADMIN)
    assert (await handshake(engine, "/ocpp/KNOWN", local_host="127.0.0.5")).status == 101
