"""Staff commands to chargers; each returns an outcome to show to the person who asked."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from console.core import commands as cmd
from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.storage import sessions as session_repo
from console.storage.writer import StorageWriter


class CommandChannel(Protocol):
    """Where commands go: the central system server (or a fake in tests)."""

    async def send(
        self, charger_id: str, command: cmd.Command, timeout: float | None = None
    ) -> CommandOutcome:
        """Send a command and return what became of it."""
        ...


class CommandService:
    """Sends commands to chargers and explains the outcome."""

    def __init__(self, channel: CommandChannel, writer: StorageWriter) -> None:
        self._channel = channel
        self._writer = writer

    async def send(
        self, charger_id: str, command: cmd.Command, timeout: float | None = None
    ) -> CommandOutcome:
        """Send any command to a charger; the outcome names the action it was sent as."""
        outcome = await self._channel.send(charger_id, command, timeout)
        if outcome.action is None:
            outcome = replace(outcome, action=cmd.action_name(command))
        return outcome

    async def start_session(
        self, charger_id: str, connector_id: int | None, id_tag: str
    ) -> CommandOutcome:
        """Ask the charger to start a session on a connector for a card."""
        return await self.send(charger_id, cmd.RemoteStart(id_tag, connector_id))

    async def stop_session(self, transaction_id: int) -> CommandOutcome:
        """Ask the charger running this session to stop it."""
        session = await self._writer.submit(lambda c: session_repo.get_session(c, transaction_id))
        action = "RemoteStopTransaction"
        if session is None:
            error = f"no session {transaction_id}"
            return CommandOutcome(CommandResult.INVALID, error=error, action=action)
        if not session.running:
            error = "the session has already ended"
            return CommandOutcome(CommandResult.INVALID, error=error, action=action)
        return await self.send(session.charger_id, cmd.RemoteStop(transaction_id))

    async def reset(self, charger_id: str, hard: bool = False) -> CommandOutcome:
        """Reboot a charger (soft ends sessions first; hard cuts power)."""
        return await self.send(charger_id, cmd.Reset(hard))

    async def unlock(self, charger_id: str, connector_id: int) -> CommandOutcome:
        """Release the cable of a connector."""
        return await self.send(charger_id, cmd.UnlockConnector(connector_id))

    async def set_available(
        self, charger_id: str, connector_id: int, available: bool
    ) -> CommandOutcome:
        """Make a connector (0: the charger) available or unavailable."""
        return await self.send(charger_id, cmd.ChangeAvailability(connector_id, available))
