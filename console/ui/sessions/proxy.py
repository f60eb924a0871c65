"""Filtering of the sessions table: text, charger, period and running-only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from console.core.model import Session
from console.ui.sessions.model import SessionsTableModel
from console.ui.table_model import SORT_ROLE


class SessionsFilterProxyModel(QSortFilterProxyModel):
    """Shows the sessions that match every filter; sorting is the model's own.

    ``sort()`` is handed to ``SessionsTableModel`` (see its module for why), so this
    proxy keeps the source's order and only drops rows.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._charger_id: str | None = None
        self._running_only = False
        self._since: datetime | None = None
        self._until: datetime | None = None
        self._model: SessionsTableModel | None = None

    def setSourceModel(self, model: Any) -> None:  # Qt override
        """Only a SessionsTableModel: filtering reads its sessions directly."""
        assert isinstance(model, SessionsTableModel)
        self._model = model  # kept: asking Qt for it on every row is measurably slow
        super().setSourceModel(model)

    def sessions_model(self) -> SessionsTableModel:
        """The model behind this proxy."""
        assert self._model is not None
        return self._model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the model sort itself by raw values; the proxy follows its order."""
        self.sessions_model().sort(column, order)

    # --- filters ------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show sessions whose charger, card or driver's name contains ``text`` (any case)."""
        self._change(lambda: setattr(self, "_text", text.strip().casefold()))

    def set_charger(self, charger_id: str | None) -> None:
        """Show one charger's sessions, or every charger's (None)."""
        self._change(lambda: setattr(self, "_charger_id", charger_id))

    def set_running_only(self, running_only: bool) -> None:
        """Show only sessions that are still charging."""
        self._change(lambda: setattr(self, "_running_only", running_only))

    def set_period(self, since: datetime | None, until: datetime | None) -> None:
        """Show sessions started in [since, until) (None: unbounded)."""

        def apply() -> None:
            self._since, self._until = since, until

        self._change(apply)

    def accepts(self, session: Session) -> bool:
        """Whether a session passes every filter."""
        if self._running_only and not session.running:
            return False
        if self._charger_id is not None and session.charger_id != self._charger_id:
            return False
        if self._since is not None and session.started_at < self._since:
            return False
        if self._until is not None and session.started_at >= self._until:
            return False
        text = self._text
        return (
            not text
            or text in session.charger_id.casefold()
            or text in session.id_tag.casefold()
            or (self._model is not None and text in self._model.search_text(session))
        )

    def filterAcceptsRow(  # Qt override
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Qt's question for one row; answered by ``accepts``."""
        assert self._model is not None
        return self.accepts(self._model.session_at(source_row))

    def _change(self, apply: Any) -> None:
        self.beginFilterChange()
        apply()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
