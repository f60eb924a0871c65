"""The Sessions tab's cost strip: the selected session's cost and "Issue receipt…".

A finished session shows what it was billed; a running one its cost so far, refreshed
every few seconds. "Issue receipt…" (button and context menu) issues the receipt of a
finished, billed session; the engine hands back the one already issued if there is one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QTableView, QWidget

from console.core.model import Session
from console.core.staff import Permission
from console.ui.billing.billing_actions import BillingActions
from console.ui.billing.live_cost import CostPoller, cost_text, cost_tooltip
from console.ui.billing.words import tr
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes

SessionOf = Callable[[QModelIndex], Session | None]


class SessionCostBar(QWidget):
    """Cost of the selected session, with Issue receipt…; outcomes in ``banner``."""

    def __init__(self, client: EngineClient, parent: QWidget) -> None:
        super().__init__(parent)
        self.client = client
        self.session: Session | None = None
        self.billing = BillingActions(client, parent)
        self.banner = self.billing.banner
        self.cost_label = QLabel()
        self.cost_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issue_button = QPushButton(tr("Issue receipt…"))
        self.issue_button.setToolTip(tr("Issue the receipt of the selected finished session"))
        self.issue_button.clicked.connect(self._on_issue_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cost_label)
        layout.addWidget(self.issue_button)
        self.poller = CostPoller(client, self._polled, self)
        self.poller.costsChanged.connect(self._on_costs)
        self._table: QTableView | None = None
        self._session_of: SessionOf | None = None
        self._task: asyncio.Task[Any] | None = None
        self.set_session(None)
        when_actor_changes(client, self, lambda: self.set_session(self.session))

    def attach(self, table: QTableView, session_of: SessionOf) -> None:
        """Follow ``table``'s selection and add "Issue receipt…" to its context menu."""
        self._table, self._session_of = table, session_of
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._on_context_menu)

    def set_session(self, session: Session | None) -> None:
        """Show the cost of this session (None: nothing selected)."""
        changed = session is None or self.session is None or session.id != self.session.id
        self.session = session
        finished = session is not None and not session.running
        gate(self.client, self.issue_button, Permission.RECEIPTS, finished)
        if session is None:
            self.cost_label.setText("")
            self.cost_label.setToolTip("")
            return
        if changed:
            self.cost_label.setText(
                tr("Session %1: reading its cost…").replace("%1", str(session.id))
            )
            self.poller.costs = {}
            self.poller.poll()

    def _polled(self) -> set[int]:
        # Finished sessions are read once (their bill does not change); running ones keep going.
        session = self.session
        if session is None or (session.running and not self.isVisible()):
            return set()
        if not session.running and session.id in self.poller.costs:
            return set()
        return {session.id}

    def _on_costs(self, costs: dict[int, Any]) -> None:
        session = self.session
        if session is None or session.id not in costs:
            return
        cost = costs[session.id]
        if cost is None:
            text = tr("Session %1: not billed (no tariff applies)")
        elif session.running:
            text = tr("Session %1: %2 (running)")
        else:
            text = tr("Session %1: billed %2")
        self.cost_label.setText(
            text.replace("%1", str(session.id)).replace("%2", cost_text(cost, session.running))
        )
        self.cost_label.setToolTip(cost_tooltip(cost))

    def _on_selection_changed(self, *_args: Any) -> None:
        assert self._table is not None and self._session_of is not None
        rows = self._table.selectionModel().selectedRows()
        self.set_session(self._session_of(rows[0]) if rows else None)

    def _on_context_menu(self, position: QPoint) -> None:
        assert self._table is not None and self._session_of is not None
        index = self._table.indexAt(position)
        session = self._session_of(index) if index.isValid() else None
        if session is None:
            return
        self._table.selectRow(index.row())
        menu = QMenu(self)
        action = menu.addAction(tr("Issue receipt…"))
        gate(self.client, action, Permission.RECEIPTS, not session.running)
        action.triggered.connect(lambda: self.issue(session))
        menu.popup(self._table.viewport().mapToGlobal(position))

    def _on_issue_clicked(self) -> None:
        if self.session is not None:
            self.issue(self.session)

    def issue(self, session: Session) -> asyncio.Task[Any] | None:
        """Issue the receipt of ``session`` (the outcome shows in the banner); None when
        no loop runs."""
        self._task = self.billing.tasks.start(self.billing.issue_receipt(session.id))
        return self._task
