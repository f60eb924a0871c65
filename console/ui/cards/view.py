"""The Cards tab: registered cards, refused cards and people, changed with visible outcomes."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.core import events as ev
from console.core.enums import CardStatus
from console.core.model import Card, Person, RefusedCard
from console.core.staff import Permission
from console.ui.cards.card_actions import CardActions
from console.ui.cards.files import CardFiles
from console.ui.cards.model import CARD_ROLE, CardsTableModel
from console.ui.cards.people import PeoplePanel
from console.ui.cards.proxy import IN_USE, CardsFilterProxyModel
from console.ui.cards.refused import RefusedCardsPanel
from console.ui.cards.table import build_table
from console.ui.cards.words import CardState, state_word
from console.ui.engine_client import EngineClient
from console.ui.loop_guard import run_or_retry
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror
from console.ui.staff.roles import allow, permitted
from console.ui.tasks import TaskKeeper

RELOAD_DELAY_MS = 200  # events arriving together cause one read
REFUSED_SHOWN = 200
_WIDTH_SAMPLES = [
    "04A2B3C4D5E6F7A8",
    "⊘ Blocked · Stolen",  # a blocked card shows its reason; longer ones in the tooltip
    "VISITOR",
    "Dr. Maria Hoffmann",
    "Emergency Department",
    "2026-12-31",
    # the last column's sample is its widest word, "no limit", in the console's language
]


class CardsView(QWidget):
    """Cards in a filterable table, with refused cards and people below it.

    Ctrl+N registers a card, Ctrl+F focuses the filter, Enter or a double-click edits.
    """

    loaded = Signal()  # the tables show a fresh read

    def __init__(self, client: EngineClient, mirror: SiteMirror, parent: Any = None) -> None:
        super().__init__(parent)
        self.client = client
        self.mirror = mirror
        self.model = CardsTableModel(parent=self)
        self.proxy = CardsFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.card_actions = CardActions(client, mirror, self)
        self.files = CardFiles(client, self.card_actions, self)
        self.card_actions.changed.connect(self.schedule_reload)
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)  # ends its work when it closes
        self._latest_load: asyncio.Task[None] | None = None
        self._build()
        self._reload_delay = QTimer(self)
        self._reload_delay.setSingleShot(True)
        self._reload_delay.setInterval(RELOAD_DELAY_MS)
        self._reload_delay.timeout.connect(self._on_reload_due)
        self._clock = QTimer(self)  # a card expires at midnight without any event
        self._clock.timeout.connect(self._on_clock_tick)
        self._clock.start(60_000)
        mirror.eventsArrived.connect(self._on_events_arrived)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._refresh_summary)
        QTimer.singleShot(0, self._on_reload_due)

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            self.tr("Filter cards, owners, groups, notes…  (Ctrl+F)")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(300)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("In use (not retired)"), IN_USE)
        for state in CardState:
            self.status_combo.addItem(state_word(state), frozenset({state}))
        self.status_combo.addItem(self.tr("All"), frozenset(CardState))
        self.status_combo.currentIndexChanged.connect(self._on_status_chosen)
        status_caption = QLabel(self.tr("S&how:"))
        status_caption.setBuddy(self.status_combo)

        self.register_button = QPushButton(self.tr("Register card…"))
        self.register_button.setToolTip(self.tr("Register a new card (Ctrl+N)"))
        self.register_button.clicked.connect(self._on_register_clicked)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Change the selected card (Enter or double-click)"))
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.block_button = QPushButton(self.tr("Block"))
        self.block_button.clicked.connect(self._on_block_clicked)
        self.retire_button = QPushButton(self.tr("Retire…"))
        self.retire_button.setToolTip(
            self.tr("Take the card out of use for good; its history stays")
        )
        self.retire_button.clicked.connect(self._on_retire_clicked)
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.setToolTip(self.tr("Sessions charged with the selected card"))
        self.history_button.clicked.connect(self._on_history_clicked)
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.clicked.connect(self.files.import_csv)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.files.export_csv)
        self.files.configure_buttons(self.import_button, self.export_button)
        allow(self.client, self.register_button, Permission.CARDS)
        if self.import_button.isEnabled():  # off for good in a build without card files
            allow(self.client, self.import_button, Permission.CARDS)
        when_actor_changes(self.client, self, self._on_selection_changed)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addSpacing(8)
        bar.addWidget(status_caption)
        bar.addWidget(self.status_combo)
        bar.addStretch(1)
        bar.addWidget(self.register_button)
        for button in (self.edit_button, self.block_button, self.retire_button):
            bar.addWidget(button)
        bar.addWidget(self.history_button)
        bar.addSpacing(8)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)

        self.table = build_table(self.proxy, [*_WIDTH_SAMPLES, self.tr("no limit")])
        self.table.activated.connect(self._on_row_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.refused = RefusedCardsPanel()
        self.refused.follow_roles(self.client)
        self.refused.registerRequested.connect(self._on_register_refused)
        self.refused.editRequested.connect(self._on_edit_refused)
        self.people = PeoplePanel()
        self.people.follow_roles(self.client)
        self.people.addRequested.connect(
            lambda: self.card_actions.tasks.start(self.card_actions.edit_person())
        )
        self.people.editRequested.connect(
            lambda person: self.card_actions.tasks.start(self.card_actions.edit_person(person))
        )
        self.people.historyRequested.connect(
            lambda person: self.card_actions.tasks.start(self.card_actions.person_history(person))
        )
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.refused)
        lower.addWidget(self.people)
        lower.setChildrenCollapsible(False)
        lower.setSizes([660, 700])  # the refused table fits without scrolling at 1366 px
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.summary_label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)  # as the other tabs, so they do not jump
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.card_actions.banner)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.summary_label)

        # Window-wide while this tab shows (enabled in showEvent): the tab bar may have focus.
        context = Qt.ShortcutContext.WindowShortcut
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self, context=context)
        self.find_shortcut.activated.connect(self.focus_filter)
        self.new_shortcut = QShortcut(QKeySequence("Ctrl+N"), self, context=context)
        self.new_shortcut.activated.connect(self._on_register_clicked)
        for shortcut in (self.find_shortcut, self.new_shortcut):
            shortcut.setEnabled(False)
        self._on_selection_changed()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """The tab's shortcuts work while it shows."""
        self.find_shortcut.setEnabled(True)
        self.new_shortcut.setEnabled(True)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # Qt override
        """Other tabs use Ctrl+F for themselves."""
        self.find_shortcut.setEnabled(False)
        self.new_shortcut.setEnabled(False)
        super().hideEvent(event)

    def focus_filter(self) -> None:
        """Put the cursor in the filter, selecting what is there."""
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # --- loading ------------------------------------------------------------------------

    def schedule_reload(self) -> None:
        """Read again shortly (several changes in a row cause one read)."""
        self._reload_delay.start()

    def _on_reload_due(self) -> None:
        run_or_retry(self.reload, self._reload_delay)

    def reload(self) -> asyncio.Task[None] | None:
        """Read cards, people and refused cards again (in a worker thread)."""
        self._latest_load = self.tasks.start(self._load())
        return self._latest_load

    async def _load(self) -> None:
        def read(q: Any) -> tuple[list[Card], list[Person], list[RefusedCard]]:
            return q.cards(True), q.people(True), q.refused_cards(REFUSED_SHOWN)

        try:
            cards, people, refused = await self.client.read(read)
        except Exception as error:  # shown, never swallowed: the table would look empty
            self.card_actions.banner.show_error(
                self.tr("Cards could not be read: %1").replace("%1", str(error))
            )
            return
        chosen = self.selected_card()
        self.model.set_data(cards, people)
        self.card_actions.cards, self.card_actions.people = cards, people
        if chosen is not None:
            self.select_card(chosen.id_tag)
        self.refused.set_refused(refused)
        self.people.set_people(people, cards)
        self._on_selection_changed()
        self._refresh_summary()
        self.loaded.emit()

    def _on_events_arrived(self, events: list[Any]) -> None:
        if any(isinstance(e, ev.CardsChanged | ev.CardRefused) for e in events):
            self.schedule_reload()

    def _on_clock_tick(self) -> None:
        self.model.refresh_states()
        self.proxy.invalidate()

    # --- selection ----------------------------------------------------------------------

    def selected_card(self) -> Card | None:
        """The card selected in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        card = rows[0].data(CARD_ROLE)
        assert isinstance(card, Card)
        return card

    def select_card(self, id_tag: str) -> bool:
        """Select a card by id; False when the filters hide it or it does not exist."""
        row = self.model.row_of(id_tag)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _on_selection_changed(self, *_args: Any) -> None:
        card = self.selected_card()
        for button in (self.edit_button, self.block_button, self.history_button):
            button.setEnabled(card is not None)
        gate(self.client, self.edit_button, Permission.CARDS, card is not None)
        blocked = card is not None and card.status is CardStatus.BLOCKED
        retired = card is not None and card.status is CardStatus.RETIRED
        self.block_button.setText(self.tr("Unblock") if blocked else self.tr("Block"))
        self.block_button.setToolTip(
            self.tr("Accept the card again")
            if blocked
            else self.tr("Chargers refuse the card until it is unblocked")
        )
        gate(self.client, self.block_button, Permission.CARDS, card is not None and not retired)
        gate(self.client, self.retire_button, Permission.CARDS, card is not None and not retired)

    # --- actions ------------------------------------------------------------------------

    def _on_register_clicked(self) -> None:
        # Ctrl+N reaches here too: only when the person may register cards.
        if self.card_actions.dialog is None and permitted(self.client, Permission.CARDS):
            self.card_actions.tasks.start(self.card_actions.register())

    def _on_edit_clicked(self) -> None:
        card = self.selected_card()
        if card is not None:
            self.card_actions.tasks.start(self.card_actions.edit(card))

    def _on_row_activated(self, index: QModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if isinstance(card, Card):
            self.card_actions.tasks.start(self.card_actions.edit(card))

    def _on_block_clicked(self) -> None:
        card = self.selected_card()
        if card is not None:
            status = CardStatus.ACTIVE if card.status is CardStatus.BLOCKED else CardStatus.BLOCKED
            self.card_actions.tasks.start(self.card_actions.set_status(card, status))

    def _on_retire_clicked(self) -> None:
        card = self.selected_card()
        if card is not None:
            self.card_actions.tasks.start(self.card_actions.set_status(card, CardStatus.RETIRED))

    def _on_history_clicked(self) -> None:
        card = self.selected_card()
        if card is not None:
            self.card_actions.tasks.start(self.card_actions.card_history(card))

    def _on_register_refused(self, refused: RefusedCard) -> None:
        self.card_actions.tasks.start(
            self.card_actions.register(refused.id_tag, refused.charger_id)
        )

    def _on_edit_refused(self, id_tag: str) -> None:
        row = self.model.row_of(id_tag)
        if row is not None:
            self.card_actions.tasks.start(self.card_actions.edit(self.model.card_at(row)))

    # --- filters and summary ------------------------------------------------------------

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._refresh_summary()

    def _on_status_chosen(self, _index: int) -> None:
        self.proxy.set_states(self.status_combo.currentData())
        self._refresh_summary()

    def _refresh_summary(self, *_args: Any) -> None:
        counts = {state: 0 for state in CardState}
        for card in self.model.cards():
            counts[self.model.state_of(card)] += 1
        text = self.tr("%n card(s) shown", "", self.proxy.rowCount())
        parts = [f"{state_word(state)}: {counts[state]}" for state in CardState]
        self.summary_label.setText(text + "   ·   " + "   ".join(parts))
