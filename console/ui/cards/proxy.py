"""Filtering of the cards table by text and by state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from console.core.model import Card
from console.ui.cards.model import CardsTableModel
from console.ui.cards.words import CardState
from console.ui.table_model import SORT_ROLE

# The states shown unless the person asks otherwise: retired cards stay out of the way.
IN_USE = frozenset({CardState.ACTIVE, CardState.BLOCKED, CardState.EXPIRED})


class CardsFilterProxyModel(QSortFilterProxyModel):
    """Cards whose text matches and whose state is among those chosen."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._states: frozenset[CardState] = IN_USE
        self._model: CardsTableModel | None = None

    def setSourceModel(self, model: Any) -> None:  # Qt override
        """Only a CardsTableModel: filtering reads its cards directly."""
        assert isinstance(model, CardsTableModel)
        self._model = model
        super().setSourceModel(model)

    def set_text(self, text: str) -> None:
        """Show cards whose id, group, owner, department, e-mail or note contains ``text``."""
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_states(self, states: frozenset[CardState]) -> None:
        """Show cards in these states."""
        self.beginFilterChange()
        self._states = frozenset(states)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def states(self) -> frozenset[CardState]:
        """The states shown."""
        return self._states

    def accepts(self, card: Card) -> bool:
        """Whether a card passes both filters."""
        assert self._model is not None
        if self._model.state_of(card) not in self._states:
            return False
        return not self._text or self._text in self._model.searchable(card)

    def filterAcceptsRow(  # Qt override
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Qt's question for one row; answered by ``accepts``."""
        assert self._model is not None
        return self.accepts(self._model.card_at(source_row))

    def card_at(self, row: int) -> Card:
        """The card in the proxy's ``row``."""
        assert self._model is not None
        return self._model.card_at(self.mapToSource(self.index(row, 0)).row())
