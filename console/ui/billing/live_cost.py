"""A running session's cost so far, live: polled from the engine every few seconds.

Cheap by design: only the sessions a view shows are polled, one round at a time, only
while the view is visible, and each round is one ``cost_so_far`` call per session (the
engine computes it in a worker thread).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from console.core.money import CostBreakdown, CostKind
from console.services.engine import CentralSystem
from console.ui.billing.words import money_text, quantity_text, tr
from console.ui.engine_client import EngineClient
from console.ui.tasks import TaskKeeper

POLL_MS = 3000

log = logging.getLogger(__name__)


def cost_text(cost: CostBreakdown | None, running: bool) -> str:
    """ "EUR 3.20 so far" for a running session, "EUR 4.31" once billed; "" when unknown."""
    if cost is None:
        return ""
    amount = money_text(cost.gross_total, cost.currency)
    return tr("%1 so far").replace("%1", amount) if running else amount


def cost_tooltip(cost: CostBreakdown | None) -> str:
    """The lines of a cost, one per line, with its tariff."""
    if cost is None:
        return tr("No tariff applies to this session")
    words = {
        CostKind.ENERGY: tr("Energy"),
        CostKind.CHARGING_TIME: tr("Charging time"),
        CostKind.IDLE: tr("Idle fee"),
        CostKind.SESSION_FEE: tr("Session fee"),
        CostKind.MINIMUM_ADJUSTMENT: tr("Minimum"),
        CostKind.MAXIMUM_ADJUSTMENT: tr("Maximum"),
    }
    lines = [tr("Tariff %1").replace("%1", cost.tariff)]
    for line in cost.lines:
        what = words[line.kind] + (f" ({line.window})" if line.window else "")
        quantity = f"{quantity_text(line)}  " if line.unit else ""
        lines.append(f"{what}: {quantity}{money_text(line.amount, cost.currency)}")
    lines.append(tr("Tax %1").replace("%1", money_text(cost.tax, cost.currency)))
    return "\n".join(lines)


class CostPoller(QObject):
    """Polls ``cost_so_far`` for a set of sessions; ``costsChanged`` carries the results.

    ``sessions`` is asked at every round for the ids to poll (empty: nothing is read).
    """

    costsChanged = Signal(
        object
    )  # dict: session id -> CostBreakdown | None (as object: Qt would turn the keys into text)

    def __init__(
        self,
        client: EngineClient,
        sessions: Callable[[], set[int]],
        parent: QObject,
        interval_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self._sessions = sessions
        self.costs: dict[int, CostBreakdown | None] = {}
        self._task: asyncio.Task[None] | None = None
        self.tasks = TaskKeeper(owner=self)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        """Start a round now unless one is under way or asyncio is not running."""
        if self._task is not None and not self._task.done():
            return
        ids = self._sessions()
        if not ids:
            return
        # None while no loop runs yet (the window is being built): the next tick tries.
        self._task = self.tasks.start(self._round(ids))

    async def _round(self, ids: set[int]) -> None:
        costs: dict[int, CostBreakdown | None] = {}
        for session_id in sorted(ids):
            try:
                costs[session_id] = await self.client.call(_cost_of(session_id), timeout=10)
            except Exception:  # a cost is a hint: a failed round leaves the old one
                log.debug("cost so far of session %s not read", session_id, exc_info=True)
                if session_id in self.costs:
                    costs[session_id] = self.costs[session_id]
        self.costs = costs
        self.costsChanged.emit(costs)


class DetailCosts(QObject):
    """Puts the cost so far and the driver's name into the charger detail's connector
    cards (names from the mirror's shared directory: no read per card or repaint)."""

    def __init__(self, view: Any, interval_ms: int = POLL_MS) -> None:
        super().__init__(view)
        self.view = view
        self.poller = CostPoller(view.client, self._running_ids, self, interval_ms)
        self.poller.costsChanged.connect(self._on_costs)
        # A session that just started, or a view just shown, gets its cost at once.
        view.mirror.chargersChanged.connect(self._on_chargers_changed)
        self.holders = view.mirror.holders
        self.holders.use(view.client.read)
        self.holders.holdersChanged.connect(self._on_holders_changed)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """Poll as soon as the view is shown."""
        if watched is self.view and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self.poller.poll)
        return False

    def _on_chargers_changed(self, _ids: list[str], _full: bool) -> None:
        costs = self.poller.costs
        for card in self.view.cards.values():
            if card.cost_label.text() and card.state.transaction_id not in costs:
                card.set_cost("")  # never show a finished session's cost on a new one
        if self._running_ids() - set(costs):
            self.poller.poll()
        # After the view has put the new state into its cards (it hears the change later).
        QTimer.singleShot(0, self, lambda: self._on_holders_changed([]))

    def _on_holders_changed(self, _keys: list[str]) -> None:
        for card in self.view.cards.values():
            id_tag = card.state.id_tag
            if card.state.transaction_id is not None and id_tag:
                card.set_holder(id_tag, self.holders.text(id_tag), self.holders.tooltip(id_tag))

    def _running_ids(self) -> set[int]:
        widget: QWidget = self.view
        if not widget.isVisible():
            return set()
        return {
            card.state.transaction_id
            for card in self.view.cards.values()
            if card.state.transaction_id is not None
        }

    def _on_costs(self, costs: dict[int, CostBreakdown | None]) -> None:
        for card in self.view.cards.values():
            tid = card.state.transaction_id
            cost = costs.get(tid) if tid is not None else None
            card.set_cost(cost_text(cost, True))
            card.cost_label.setToolTip(cost_tooltip(cost) if cost is not None else "")


def _cost_of(
    session_id: int,
) -> Callable[[CentralSystem], Coroutine[Any, Any, CostBreakdown | None]]:
    def read(engine: CentralSystem) -> Coroutine[Any, Any, CostBreakdown | None]:
        return engine.billing.cost_so_far(session_id)

    return read
