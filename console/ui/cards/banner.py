"""The Cards tab's outcome banner: what became of the last change, never a silent failure."""

from __future__ import annotations

from console.ui.actions import OutcomeBanner


class CardsBanner(OutcomeBanner):
    """An OutcomeBanner for changes to cards and people rather than charger commands."""

    def show_done(self, text: str) -> None:
        """A change was stored (fades after a few seconds)."""
        self._show("ok", "✓", text)

    def show_working(self, text: str) -> None:
        """A change is on its way."""
        self._show("pending", "◷", text)
