"""People, not hex: who stands behind a card id, for every table that shows one.

One ``HolderDirectory`` (on the site mirror) serves every view. It answers from memory
and never reads on a repaint: an id it does not know yet is gathered with the others
asked for in the same turn of the event loop and read in one batch in a worker thread;
``holdersChanged`` then tells the views which ids to repaint. Ids with nobody behind
them are remembered too, so they are not asked for again. Card changes (CardsChanged)
and a slow refresh keep names current when staff rename a person or hand a card on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from console.core.authorization import normalize_id_tag
from console.core.model import Holder
from console.ui.tasks import TaskKeeper

log = logging.getLogger(__name__)

KEPT_HOLDERS = 20_000  # card ids whose holder is remembered at most
REFRESH_MS = 5 * 60 * 1000  # names known are read again this often (a person renamed)
RETRY_MS = 250  # asked before the asyncio loop runs: try again this much later

# ``EngineClient.read``: runs a read of SiteQueries in a worker thread.
Reader = Callable[[Callable[[Any], Any]], Awaitable[Any]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("People", text)


def holder_name(id_tag: str, holder: Holder | None) -> str:
    """Who a card stands for, for a sentence: "Anna Hoffmann", "visitor B-XY 123",
    or "card 04A1B2C3" when nobody is known."""
    if holder is not None and holder.name:
        return holder.name
    if holder is not None and holder.loan_card:
        return _tr("a visitor (loan card %1)").replace("%1", id_tag)
    if holder is not None and holder.visitor:
        if holder.detail:
            return _tr("visitor %1").replace("%1", holder.detail)
        return _tr("a visitor")
    return _tr("card %1").replace("%1", id_tag)


def holder_text(id_tag: str, holder: Holder | None) -> str:
    """A table cell: "Anna Hoffmann · 04A1B2C3" (the id stays searchable), a visitor by
    name ("Jane Doe · visitor", never the one-time token), or the bare id."""
    if holder is None or not holder.known:
        if holder is not None and holder.loan_card:
            return _tr("Visitor · %1").replace("%1", id_tag)  # which loan card matters
        if holder is not None and holder.visitor:
            return _tr("Visitor")
        return id_tag
    if holder.visitor:
        return _tr("%1 · visitor").replace("%1", holder.name or holder.detail or "")
    return f"{holder.name} · {id_tag}"


def holder_tooltip(id_tag: str, holder: Holder | None) -> str:
    """Everything known about the card's holder, one fact a line."""
    if holder is not None and holder.loan_card:
        return _tr("Loan card %1 of the visitors' group").replace("%1", id_tag)
    if holder is not None and holder.visitor:
        lines = [_tr("Visitor: %1").replace("%1", holder.name or "—")]
        if holder.detail:
            lines.append(_tr("Number plate: %1").replace("%1", holder.detail))
        lines.append(_tr("One-time token %1").replace("%1", id_tag))
        return "\n".join(lines)
    lines = [_tr("Card %1").replace("%1", id_tag)]
    if holder is not None and holder.name:
        owner = holder.name + (f" ({holder.detail})" if holder.detail else "")
        if holder.retired:
            owner += _tr(", no longer with us")
        lines.append(_tr("Owner: %1").replace("%1", owner))
    else:
        lines.append(_tr("No owner registered for this card"))
    return "\n".join(lines)


class HolderDirectory(QObject):
    """Card id -> its holder, cached for the GUI and filled in batches in the background.

    ``use(reader)`` gives it the way to read (``EngineClient.read``); until then it only
    answers what it was told (``remember``) and every id is shown as itself.
    """

    holdersChanged = Signal(list)  # normalized ids whose holder became known or changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._known: dict[str, Holder | None] = {}
        self._spelling: dict[str, str] = {}  # normalized id -> an id as the charger sent it
        self._wanted: set[str] = set()
        self._reader: Reader | None = None
        self._reading = False
        self._tasks = TaskKeeper()
        self.reads = 0  # batches read so far (tests check that a table costs few)
        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(0)  # gather every id asked for in one turn of the loop
        self._batch.timeout.connect(self._on_batch_due)
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._on_refresh_due)
        self._refresh.start()

    # --- asking -----------------------------------------------------------------------

    def use(self, reader: Reader) -> None:
        """Read through ``reader`` from now on (the first one given is kept)."""
        if self._reader is None:
            self._reader = reader
            if self._wanted:
                self._batch.start()

    def holder(self, id_tag: str | None) -> Holder | None:
        """The holder of a card id if known now; an unknown id is asked for (once)."""
        if not id_tag:
            return None
        key = normalize_id_tag(id_tag)
        if key in self._known:
            return self._known[key]
        self._ask(key, id_tag)
        return None

    def want(self, id_tags: Iterable[str]) -> None:
        """Read the holders of these ids in the next batch unless they are known."""
        for id_tag in id_tags:
            if id_tag:
                key = normalize_id_tag(id_tag)
                if key not in self._known:
                    self._ask(key, id_tag)

    def forget(self, id_tags: Iterable[str]) -> None:
        """These cards changed (owner, visitor, name): read them again if shown."""
        for id_tag in id_tags:
            key = normalize_id_tag(id_tag)
            if key in self._known:
                self._ask(key, id_tag)

    def remember(self, holders: dict[str, Holder | None]) -> None:
        """Take holders read elsewhere (keys: normalized ids) and tell the views."""
        changed = [key for key, holder in holders.items() if self._known.get(key, 0) != holder]
        if len(self._known) + len(holders) > KEPT_HOLDERS:
            # Card ids come from chargers, so there may be any number of them: start over
            # rather than grow; ids still on screen are asked for again in one batch.
            self._known.clear()
            self._spelling = {key: self._spelling[key] for key in holders if key in self._spelling}
        self._known.update(holders)
        if changed:
            self.holdersChanged.emit(changed)

    def text(self, id_tag: str | None) -> str:
        """The table cell for a card id (see ``holder_text``); empty for no id."""
        return "" if not id_tag else holder_text(id_tag, self.holder(id_tag))

    def tooltip(self, id_tag: str | None) -> str | None:
        """The tooltip for a card id (see ``holder_tooltip``)."""
        return None if not id_tag else holder_tooltip(id_tag, self.holder(id_tag))

    def name(self, id_tag: str) -> str:
        """Who the card stands for, for a sentence (see ``holder_name``)."""
        return holder_name(id_tag, self.holder(id_tag))

    # --- reading ----------------------------------------------------------------------

    def _ask(self, key: str, id_tag: str) -> None:
        self._spelling.setdefault(key, id_tag)
        self._wanted.add(key)
        if self._reader is not None and not self._reading and not self._batch.isActive():
            self._batch.start()

    def _on_batch_due(self) -> None:
        if self._reader is None or self._reading or not self._wanted:
            return
        keys = sorted(self._wanted)
        if not self._tasks.launch(lambda: self._read(keys), self._on_read_done):
            self._batch.start(RETRY_MS)  # no asyncio loop yet: start-up
            return
        self._wanted.difference_update(keys)
        self._reading = True

    async def _read(self, keys: list[str]) -> None:
        assert self._reader is not None
        tags = [self._spelling.get(key, key) for key in keys]
        try:
            found: dict[str, Holder] = await self._reader(lambda q: q.holders(tags))
        except Exception:  # a name is a courtesy: the id is shown instead
            log.warning("could not read who %d card(s) belong to", len(keys), exc_info=True)
            found = {}
        self.reads += 1
        self.remember({key: found.get(key) for key in keys})

    def _on_read_done(self, _task: asyncio.Task[Any]) -> None:
        self._reading = False
        if self._wanted:
            self._batch.start()

    def _on_refresh_due(self) -> None:
        if self._reader is not None and self._known:
            self._wanted.update(self._known)
            self._batch.start()
