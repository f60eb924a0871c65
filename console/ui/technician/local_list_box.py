"""What a charger holds of the cards (its local authorization list), and a forced sync."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from console.core.local_lists import LocalListState
from console.core.staff import Permission
from console.ui.cards.words import local_time_text
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes
from console.ui.tasks import TaskKeeper

SYNC_TIMEOUT = 120.0  # a long list goes in several messages, each answered in up to 30 s


class LocalListBox(QGroupBox):
    """The chosen charger's local list: version, support, last result; "Send full list"."""

    def __init__(self, client: EngineClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Local authorization list"))
        self.client = client
        self.charger_id: str | None = None
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("Send full list"))
        self.sync_button.setToolTip(
            self.tr("Replace the charger's list with every card now (asks again a charger")
            + self.tr(" that said it has no local list)")
        )
        self.sync_button.clicked.connect(self._on_sync_clicked)
        # Ended with the box: a read answered after the page closed warns no more.
        self.tasks = TaskKeeper(owner=self)
        self._read_due = False
        row = QHBoxLayout(self)
        row.addWidget(self.state_label, 1)
        row.addWidget(self.sync_button)
        self.show_state(None)
        self._gate_sync()
        when_actor_changes(client, self, self._gate_sync)

    def show_charger(self, charger_id: str | None) -> None:
        """Follow a charger and read what is known of its list."""
        self.charger_id = charger_id
        self._gate_sync()
        if charger_id is None:
            self.show_state(None)
            return
        self._request_read()

    def show_state(self, state: LocalListState | None) -> None:
        """Describe ``state`` in words."""
        self.state_label.setText(describe(state))

    def _on_sync_clicked(self) -> None:
        if self.charger_id is not None:
            charger_id = self.charger_id
            self.tasks.launch(lambda: self.sync(charger_id))

    async def sync(self, charger_id: str) -> None:
        """Send the whole list now and show the result."""
        self.sync_button.setEnabled(False)
        self.state_label.setText(self.tr("Sending the list…"))
        try:
            state = await self.client.call(
                lambda e: e.local_lists.sync(charger_id, full=True, actor=self.client.actor),
                timeout=SYNC_TIMEOUT,
            )
        except Exception as error:  # shown, never swallowed
            self.state_label.setText(
                self.tr("The list could not be sent: %1").replace("%1", str(error))
            )
        else:
            if charger_id == self.charger_id:
                self.show_state(state)
        finally:
            self._gate_sync()

    def _gate_sync(self) -> None:
        # A charger must be chosen, and the person must be allowed to send it a list.
        chosen = self.charger_id is not None
        gate(self.client, self.sync_button, Permission.CHARGER_COMMANDS, chosen)

    def _request_read(self) -> None:
        # One read at a time; a charger chosen meanwhile is read when it returns. Before
        # the console's loop runs, Qt's queue tries again (qasync serves it with the loop).
        if self._read_due:
            return
        self._read_due = True
        if not self.tasks.launch(self._read):
            self._read_due = False
            QTimer.singleShot(50, self, self._request_read)

    async def _read(self) -> None:
        charger_id = self.charger_id
        try:
            states = await self.client.call(lambda e: e.local_lists.states())
        finally:
            self._read_due = False
        if charger_id is None or charger_id != self.charger_id:
            if self.charger_id is not None:
                self._request_read()
            return
        found = [state for state in states if state.charger_id == charger_id]
        self.show_state(found[0] if found else LocalListState(charger_id))


def _translate(text: str) -> str:
    return QCoreApplication.translate("LocalListBox", text)


def describe(state: LocalListState | None) -> str:
    """A local list state in words."""
    if state is None:
        return _translate("Choose a charger.")
    if state.supported is False:
        return _translate(
            "This charger has no local list (it said so); it is asked again when it boots."
        )
    if state.synced_at is None:
        return _translate("Not sent yet: the list goes when the charger boots or cards change.")
    text = _translate("Version %1, sent %2.").replace("%1", str(state.version))
    text = text.replace("%2", local_time_text(state.synced_at))
    if state.max_length is not None:
        text += " " + _translate("Holds at most %1 cards.").replace("%1", str(state.max_length))
    if state.last_result:
        text += " " + state.last_result
    return text
