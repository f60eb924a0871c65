"""Learning a card's id by tapping it at a charger: pick the charger, wait, get the id."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.core.events import CardRefused
from console.ui.engine_client import EngineClient
from console.ui.message_bar import hold_place
from console.ui.tasks import TaskKeeper

log = logging.getLogger(__name__)

TAP_TIMEOUT = 10 * 60.0  # seconds: long enough to walk to a charger in the car park


class TapWaiter(QWidget):
    """ "Tap at charger: [Any charger / …]  [Wait for tap]" with a waiting state and Cancel.

    ``tapped(CardRefused)`` is emitted when an unregistered card is presented at the chosen
    charger (a driver there was answered Invalid). ``cancel()`` stops waiting; the owner
    must call it when it closes.
    """

    tapped = Signal(object)  # CardRefused
    waitingChanged = Signal(bool)

    def __init__(self, client: EngineClient, chargers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.client = client
        self.task: asyncio.Task[None] | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self.charger_combo = QComboBox()
        self.charger_combo.addItem(self.tr("Any charger"), None)
        for charger_id in sorted(chargers, key=str.casefold):
            self.charger_combo.addItem(charger_id, charger_id)
        self.charger_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.wait_button = QPushButton(self.tr("Wait for tap"))
        self.wait_button.setAutoDefault(False)  # Enter in the dialog must never start a wait
        self.wait_button.setToolTip(
            self.tr("Present the new card at the charger; its id is filled in here")
        )
        self.wait_button.clicked.connect(self._on_wait_clicked)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()
        hold_place(self.status_label, lines=2)  # a tap's outcome moves nothing below it
        caption = QLabel(self.tr("Tap at &charger:"))
        caption.setBuddy(self.charger_combo)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(caption)
        row.addWidget(self.charger_combo, 1)
        row.addWidget(self.wait_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status_label)

    @property
    def waiting(self) -> bool:
        """True while waiting for a card to be presented."""
        return self.task is not None and not self.task.done()

    def choose_charger(self, charger_id: str | None) -> None:
        """Wait at this charger (None: any)."""
        found = self.charger_combo.findData(charger_id)
        if found < 0 and charger_id is not None:
            self.charger_combo.addItem(charger_id, charger_id)
            found = self.charger_combo.count() - 1
        self.charger_combo.setCurrentIndex(max(found, 0))

    def start(self) -> asyncio.Task[None] | None:
        """Start waiting for a tap at the chosen charger (None: no loop runs)."""
        self.cancel()
        charger_id = self.charger_combo.currentData()
        where = charger_id or self.tr("any charger")
        # The waiting state shows at once, before the engine has even been asked.
        self._set_waiting(True)
        self._show(
            "waiting",
            self.tr("◷ Waiting for a new card at %1…").replace("%1", where),
        )
        self.task = self.tasks.start(self._wait(charger_id))
        return self.task

    def cancel(self) -> None:
        """Stop waiting (the engine stops listening for this dialog)."""
        if self.task is not None and not self.task.done():
            self.task.cancel()

    def _on_wait_clicked(self) -> None:
        if self.waiting:
            self.cancel()
        else:
            self.start()

    def _show(self, kind: str, text: str) -> None:
        styles = {
            "waiting": "background:#EEF3F8; border:1px solid #56B4E9; color:#1F2D3A;",
            "ok": "background:#E6F4EE; border:1px solid #009E73; color:#0B3D2A;",
            "failed": "background:#FBE3D6; border:1px solid #D55E00; color:#5A1E00;",
            "info": "color:#555;",
        }
        self.status_label.setStyleSheet(f"QLabel {{{styles[kind]} padding:4px;}}")
        self.status_label.setText(text)
        self.status_label.show()

    def _set_waiting(self, waiting: bool) -> None:
        self.wait_button.setText(self.tr("Cancel") if waiting else self.tr("Wait for tap"))
        self.charger_combo.setEnabled(not waiting)
        self.waitingChanged.emit(waiting)

    async def _wait(self, charger_id: str | None) -> None:
        where = charger_id or self.tr("any charger")
        try:
            refused: CardRefused = await self.client.call(
                lambda e: e.cards.next_unknown_card(charger_id), timeout=TAP_TIMEOUT
            )
        except asyncio.CancelledError:
            self._set_waiting(False)
            self._show("info", self.tr("Stopped waiting for a tap."))
            raise
        except TimeoutError:
            self._set_waiting(False)
            minutes = f"{TAP_TIMEOUT / 60:.0f}"
            self._show(
                "failed",
                self.tr("⚠ No new card was presented at %1 in %2 minutes.")
                .replace("%1", where)
                .replace("%2", minutes),
            )
            return
        except Exception as error:  # shown, never swallowed
            log.exception("waiting for a tap failed")
            self._set_waiting(False)
            text = self.tr("⚠ Could not wait for a tap: %1").replace("%1", str(error))
            self._show("failed", text)
            return
        self._set_waiting(False)
        self._show(
            "ok",
            self.tr("✓ Card %1 presented at %2.")
            .replace("%1", refused.id_tag)
            .replace("%2", refused.charger_id),
        )
        self.tapped.emit(refused)
