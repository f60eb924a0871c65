"""What a technician does from the Connections page: register a refused charger, set its
password, lift a lock-out. Each is one engine operation; the banner shows its outcome."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtWidgets import QWidget

from console.core.enums import CommandResult, RefusalReason
from console.core.model import CommandOutcome
from console.services.connections import ConnectionAttempt
from console.ui.actions import OutcomeBanner, open_dialog
from console.ui.engine_client import EngineClient
from console.ui.technician.connection_dialogs import ChargerCredentialsDialog

# Refusals after which the Unlock button makes sense.
UNLOCKABLE = (RefusalReason.LOCKED, RefusalReason.WRONG_PASSWORD, RefusalReason.USERNAME_MISMATCH)


class ConnectionActions(QWidget):
    """The Connections page's actions (a base class of ConnectionsPage)."""

    client: EngineClient
    banner: OutcomeBanner
    dialog: ChargerCredentialsDialog | None

    def selected_attempt(self) -> ConnectionAttempt | None:
        """The attempt of the current row, None when no row is current."""
        raise NotImplementedError

    async def register_selected(self) -> CommandOutcome | None:
        """Ask for the id (and a password) of the selected refused charger and register it."""
        attempt = self.selected_attempt()
        answer = await self._ask(attempt.charger_id or "" if attempt else "", registering=True)
        if answer is None:
            return None
        return await self.register_charger(*answer)

    async def set_password_selected(self) -> CommandOutcome | None:
        """Ask for a new password of the selected charger and store it."""
        attempt = self.selected_attempt()
        if attempt is None or not attempt.charger_id:
            return None
        answer = await self._ask(attempt.charger_id, registering=False)
        if answer is None:
            return None
        return await self.set_password(*answer)

    async def _ask(self, charger_id: str, registering: bool) -> tuple[str, str | None] | None:
        self.dialog = ChargerCredentialsDialog(charger_id, registering, self)
        try:
            accepted = await open_dialog(self.dialog)
            return (self.dialog.charger_id, self.dialog.password) if accepted else None
        finally:
            self.dialog.deleteLater()
            self.dialog = None

    async def register_charger(self, charger_id: str, password: str | None) -> CommandOutcome:
        """Register a charger as accepted (with an optional password); show the outcome."""
        title = self.tr("Register charger")
        actor = self.client.actor

        async def register(engine: Any) -> CommandOutcome:
            await engine.admission.add_charger(charger_id, password, actor=actor)
            return CommandOutcome(CommandResult.ANSWERED)

        return await self._run(charger_id, title, register)

    async def set_password(self, charger_id: str, password: str | None) -> CommandOutcome:
        """Set, replace or clear a charger's password; show the outcome."""
        title = self.tr("Set password") if password else self.tr("Clear password")
        actor = self.client.actor

        async def store(engine: Any) -> CommandOutcome:
            if await engine.admission.set_password(charger_id, password, actor=actor):
                return CommandOutcome(CommandResult.ANSWERED)
            return CommandOutcome(CommandResult.INVALID, error="unknown charger: register it first")

        return await self._run(charger_id, title, store)

    async def _run(self, charger_id: str, title: str, factory: Any) -> CommandOutcome:
        outcome = await self.client.command(factory)
        if shiboken6.isValid(self):
            self.banner.show_outcome(charger_id, title, outcome)
        return outcome

    async def unlock_selected(self) -> CommandOutcome | None:
        """Lift the password lock-out of the selected attempt's charger."""
        attempt = self.selected_attempt()
        if attempt is None or not attempt.charger_id:
            return None
        return await self.unlock_charger(attempt.charger_id)

    async def unlock_charger(self, charger_id: str) -> CommandOutcome:
        """Lift a charger's lock-out (and its addresses'); show the outcome."""
        actor = self.client.actor

        async def unlock(engine: Any) -> CommandOutcome:
            if await engine.admission.unlock(charger_id, actor=actor):
                return CommandOutcome(CommandResult.ANSWERED)
            return CommandOutcome(CommandResult.INVALID, error="the charger was not locked")

        return await self._run(charger_id, self.tr("Unlock"), unlock)
