"""One base for the Sessions tab's buttons that act on the selected session.

Each follows the table's selection, opens its dialog on a click, runs the engine call
as a task it holds, and says the outcome (or the engine's refusal) through ``message``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

from console.core.model import Session
from console.core.staff import Permission
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes
from console.ui.tasks import TaskKeeper

SessionOf = Callable[[QModelIndex], Session | None]


class SessionActionButton(QPushButton):
    """A button acting on the selected session; subclasses say when it applies and act."""

    message = Signal(str)
    #: What the person at the desk must be allowed to do to use the button.
    permission: Permission = Permission.SESSIONS

    def __init__(self, client: EngineClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        # Who a card stands for ("Anna Hoffmann"): the view gives the names its table
        # already shows; without them a question names the card.
        self.driver_name: Callable[[str], str] | None = None
        self.session: Session | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self._table: QTableView | None = None
        self._session_of: SessionOf | None = None
        self.clicked.connect(self._on_clicked)
        when_actor_changes(client, self, lambda: self.set_session(self.session))

    def applies(self, session: Session | None) -> bool:
        """Whether the button can act on ``session``."""
        raise NotImplementedError

    def ask(self, session: Session) -> Any:
        """Open the button's dialog for ``session`` (not blocking)."""
        raise NotImplementedError

    def set_session(self, session: Session | None) -> None:
        """The session the button would act on (None: nothing selected)."""
        self.session = session
        gate(self.client, self, self.permission, self.applies(session))

    def attach(self, table: QTableView, session_of: SessionOf) -> None:
        """Follow ``table``'s selection."""
        self._table, self._session_of = table, session_of
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def run(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None] | None:
        """Run an engine call as a task held until it ends (None: no loop runs)."""
        return self.tasks.start(work)

    async def call_engine(self, call: Callable[[Any], Any], refused: str) -> tuple[bool, Any]:
        """Await ``call`` on the engine; on failure say why (``refused`` has %1 for it)."""
        try:
            return True, await self.client.call(call)
        except TimeoutError:
            self.message.emit(self.tr("⚠ The engine did not answer in time; try again."))
        except Exception as error:  # the service's refusal, shown to the person who asked
            self.message.emit(refused.replace("%1", str(error)))
        return False, None

    def driver(self, session: Session) -> str:
        """Who the session is for, for a sentence ("Anna Hoffmann", "card 04A1B2C3")."""
        if self.driver_name is None:
            return self.tr("card %1").replace("%1", session.id_tag)
        return self.driver_name(session.id_tag)

    def _on_clicked(self) -> None:
        if self.session is not None and self.applies(self.session):
            self.ask(self.session)

    def _on_selection_changed(self, *_args: Any) -> None:
        assert self._table is not None and self._session_of is not None
        rows = self._table.selectionModel().selectedRows()
        self.set_session(self._session_of(rows[0]) if rows else None)
