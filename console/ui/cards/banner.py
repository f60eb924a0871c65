"""The Cards tab's outcome banner: what became of the last change, never a silent failure."""

from __future__ import annotations

from console.ui.message_bar import OutcomeBanner


class CardsBanner(OutcomeBanner):
    """An OutcomeBanner for changes to cards and people rather than charger commands.

    It has a fixed place like every message bar (see ``console.ui.message_bar``); a stored
    change fades, a failure stays until dismissed.
    """

    def show_done(self, text: str) -> None:
        """A change was stored (fades after a few seconds, its place stays)."""
        self.show_message("ok", text)

    def show_working(self, text: str) -> None:
        """A change is on its way."""
        self.show_message("pending", text)
