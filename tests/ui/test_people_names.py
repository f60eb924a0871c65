"""People, not hex: card owners and visitors are named in the overview, the sessions
table and the charger detail, searches find them by name, and the look-ups are batched.

Real console (engine thread, SQLite file), simulated chargers over real websockets.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import qasync
from conftest import run, simulator, wait_until

from console.core.authorization import normalize_id_tag
from console.core.model import Card, Holder, Person
from console.core.site import ChargerState, ConnectorState
from console.services.engine import CentralSystem
from console.ui.bridge import SiteUpdate
from console.ui.console_app import Console
from console.ui.overview.model import ChargerTableModel, Column
from console.ui.people_names import KEPT_HOLDERS, HolderDirectory, holder_name, holder_text
from console.ui.sessions.words import Column as SessionColumn
from console.ui.site_mirror import SiteMirror
from tests.actors import ADMIN

ANNA = "Anna Hoffmann · 04A1B2C3"


async def add_owner(console: Console) -> None:
    """Anna Hoffmann (Radiology) owns 04A1B2C3; LOOSE-1 is a card without an owner."""

    async def work(engine: CentralSystem) -> None:
        person = await engine.cards.save_person(
            Person(None, "Anna Hoffmann", "Radiology"), actor=ADMIN
        )
        await engine.cards.save_card(Card("04A1B2C3", person_id=person.id), actor=ADMIN)
        await engine.cards.save_card(Card("LOOSE-1"), actor=ADMIN)

    await console.client.call(work)


def overview_cell(console: Console, key: tuple[str, int], column: Column, role: int = 0) -> str:
    model = console.window.overview.model
    row = model.row_of(key)
    return "" if row is None else str(model.index(row, column).data(role) or "")


def sessions_cards(console: Console) -> list[str]:
    proxy = console.window.sessions.proxy
    return [str(proxy.index(r, SessionColumn.CARD).data()) for r in range(proxy.rowCount())]


def test_a_card_owner_is_named_everywhere_and_found_by_name(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    window = console.window
    window.show()
    charger = simulator(console, "CP-NAME", connectors=2)
    overview, sessions = window.overview, window.sessions

    async def scenario() -> None:
        await add_owner(console)
        await charger.start()
        try:
            await charger.wait_booted()
            await charger.start_session(1, "04A1B2C3")
            await charger.start_session(2, "LOOSE-1")

            # Overview: the owner's name with the card id; a card nobody owns stays an id.
            await wait_until(lambda: overview_cell(console, ("CP-NAME", 1), Column.CARD) == ANNA)
            await wait_until(
                lambda: overview_cell(console, ("CP-NAME", 2), Column.CARD) == "LOOSE-1"
            )
            tip = overview_cell(console, ("CP-NAME", 1), Column.CARD, 3)  # ToolTipRole
            assert "Owner: Anna Hoffmann (Radiology)" in tip and "04A1B2C3" in tip
            assert "No owner registered" in overview_cell(console, ("CP-NAME", 2), Column.CARD, 3)

            # "Hoffmann" finds her connector; the card id still finds it too.
            overview.filter_edit.setText("hoffmann")
            await wait_until(lambda: overview.proxy.rowCount() == 1)
            assert overview.proxy.index(0, Column.CARD).data() == ANNA
            overview.filter_edit.setText("04a1b2")
            await wait_until(lambda: overview.proxy.rowCount() == 1)
            overview.filter_edit.setText("")

            # Sessions: the running sessions came as events; named, and found by name.
            await wait_until(lambda: sorted(sessions_cards(console)) == [ANNA, "LOOSE-1"])
            sessions.proxy.set_text("Hoffmann")
            assert sessions_cards(console) == [ANNA]
            sessions.proxy.set_text("radiology")  # her department finds her too
            assert sessions_cards(console) == [ANNA]
            sessions.proxy.set_text("")
            # A fresh read from the database names them the same way.
            await sessions.reload()
            assert sorted(sessions_cards(console)) == [ANNA, "LOOSE-1"]

            # The charger detail's connector card names her as well.
            window.detail.show_charger("CP-NAME")
            window.tabs.setCurrentWidget(window.detail)
            await wait_until(lambda: 1 in window.detail.cards)
            label = window.detail.cards[1].card_label
            await wait_until(lambda: label.text() == ANNA)
            assert "Radiology" in label.toolTip()
            await wait_until(lambda: 2 in window.detail.cards)
            assert window.detail.cards[2].card_label.text() == "Card LOOSE-1"

            # Every view asked one shared directory, in a few batches, not once per cell.
            assert console.mirror.holders.reads <= 4
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=60)


def test_a_visitor_is_named_never_by_the_token(console: Console, qloop: qasync.QEventLoop) -> None:
    window = console.window
    window.show()
    charger = simulator(console, "CP-GUEST", connectors=1)

    async def scenario() -> None:
        await charger.start()
        try:
            await charger.wait_booted()
            visitor, outcome = await console.client.call(
                lambda e: e.visitors.start(
                    "CP-GUEST", 1, name="Jana Novak", plate="B-XY 1234", actor=ADMIN
                )
            )
            assert outcome.accepted
            await charger.wait_for(lambda: charger.transaction_id(1) is not None, timeout=15)
            key = ("CP-GUEST", 1)
            await wait_until(
                lambda: overview_cell(console, key, Column.CARD) == "Jana Novak · visitor"
            )
            tip = overview_cell(console, key, Column.CARD, 3)
            assert "Number plate: B-XY 1234" in tip and visitor.token in tip
            await wait_until(lambda: sessions_cards(console) == ["Jana Novak · visitor"])
            assert all(visitor.token not in text for text in sessions_cards(console))
            window.sessions.proxy.set_text("novak")
            assert sessions_cards(console) == ["Jana Novak · visitor"]
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=60)


def test_holder_words() -> None:
    anna = Holder("04A1B2C3", "Anna Hoffmann", detail="Radiology")
    guest = Holder("VFMMWKYR6E", None, visitor=True, detail="B-XY 1234")
    blank = Holder("VQQQQQQQQ1", None, visitor=True)
    assert holder_text("04a1b2c3", anna) == "Anna Hoffmann · 04a1b2c3"
    assert holder_text("VFMMWKYR6E", guest) == "B-XY 1234 · visitor"
    assert holder_text("VQQQQQQQQ1", blank) == "Visitor"
    assert holder_text("LOOSE-1", None) == "LOOSE-1"
    loan = Holder("VISITOR-02", None, visitor=True, loan_card=True)
    assert holder_text("VISITOR-02", loan) == "Visitor · VISITOR-02"
    assert holder_name("VISITOR-02", loan) == "a visitor (loan card VISITOR-02)"
    assert holder_name("04A1B2C3", anna) == "Anna Hoffmann"
    assert holder_name("VFMMWKYR6E", guest) == "visitor B-XY 1234"
    assert holder_name("LOOSE-1", None) == "card LOOSE-1"


def _running_site(count: int) -> dict[str, ChargerState]:
    chargers = {}
    for n in range(count):
        state = ChargerState(f"CP-{n}", online=True)
        state.connectors[1] = ConnectorState(1, transaction_id=n + 1, id_tag=f"TAG-{n:04d}")
        chargers[state.charger_id] = state
    return chargers


def test_a_live_overview_of_200_sessions_reads_names_in_one_batch(
    qloop: qasync.QEventLoop,
) -> None:
    """Painting and refreshing every row again and again costs one read, not one per row."""
    asked: list[list[str]] = []

    async def reader(work: Callable[[Any], Any]) -> Any:
        class Queries:
            def holders(self, id_tags: list[str]) -> dict[str, Holder]:
                asked.append(list(id_tags))
                return {t.casefold(): Holder(t, f"Person {t[-4:]}") for t in id_tags}

        await asyncio.sleep(0)
        return work(Queries())

    mirror = SiteMirror()
    mirror.holders.use(reader)
    mirror.apply(SiteUpdate(chargers=_running_site(200), full=True))
    model = ChargerTableModel(mirror)

    def paint() -> list[str]:
        return [str(model.index(r, Column.CARD).data()) for r in range(model.rowCount())]

    async def scenario() -> None:
        assert paint()[0] == "TAG-0000"  # not known yet: the id, and a read is on its way
        for _ in range(5):
            paint()
            mirror.apply(SiteUpdate(chargers=_running_site(200), full=False))
        await wait_until(lambda: paint()[0] == "Person 0000 · TAG-0000")
        for _ in range(5):
            paint()
        await asyncio.sleep(0)

    run(qloop, scenario())
    assert len(asked) == 1 and len(asked[0]) == 200
    assert mirror.holders.reads == 1


def test_changed_cards_are_read_again(qloop: qasync.QEventLoop) -> None:
    names = {"card-1": "Old Name"}
    calls: list[list[str]] = []

    async def reader(work: Callable[[Any], Any]) -> Any:
        class Queries:
            def holders(self, id_tags: list[str]) -> dict[str, Holder]:
                calls.append(id_tags)
                return {t.casefold(): Holder(t, names[t.casefold()]) for t in id_tags}

        return work(Queries())

    directory = HolderDirectory()
    directory.use(reader)
    changed: list[list[str]] = []
    directory.holdersChanged.connect(changed.append)

    async def scenario() -> None:
        directory.text("CARD-1")
        await wait_until(lambda: directory.text("CARD-1") == "Old Name · CARD-1")
        names["card-1"] = "New Name"
        directory.forget(["card-1"])  # what a CardsChanged event does
        await wait_until(lambda: directory.text("CARD-1") == "New Name · CARD-1")

    run(qloop, scenario())
    assert len(calls) == 2 and changed == [["card-1"], ["card-1"]]


def test_the_directory_of_names_stays_bounded(qapp: Any) -> None:
    """Card ids come from chargers: however many there are, the cache does not grow past
    its bound, and what was just read is kept."""
    directory = HolderDirectory()
    for start in range(0, KEPT_HOLDERS + 5_000, 1_000):
        directory.remember({f"ID{n}": None for n in range(start, start + 1_000)})
        assert len(directory._known) <= KEPT_HOLDERS
    anna = Holder("04A1B2C3", "Anna Hoffmann")
    directory.remember({normalize_id_tag("04A1B2C3"): anna})
    assert directory.holder("04A1B2C3") == anna
