"""Staff commands to chargers; each returns an outcome to show to the person who asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from console.core import commands as cmd
from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.services.command_rights import command_facts, outcome_facts, permission_for
from console.storage import sessions as session_repo
from console.storage.writer import StorageWriter


class CommandChannel(Protocol):
    """Where commands go: the central system server (or a fake in tests)."""

    async def send(
        self, charger_id: str, command: cmd.Command, timeout: float | None = None
    ) -> CommandOutcome:
        """Send a command and return what became of it."""
        ...


def restarts(command: cmd.Command) -> bool:
    """True for a command after which the charger restarts or reconnects on purpose."""
    if isinstance(command, cmd.Reset):
        return True
    return isinstance(command, cmd.ChangeConfiguration) and command.key == "SecurityProfile"


class CommandService:
    """Sends commands to chargers and explains the outcome."""

    def __init__(self, channel: CommandChannel, writer: StorageWriter) -> None:
        self._channel = channel
        self._writer = writer
        # Told of every restart a charger accepted (the alarms must not count it).
        self.restart_expected: Callable[[str], None] = lambda _charger_id: None

    async def send(
        self,
        charger_id: str,
        command: cmd.Command,
        timeout: float | None = None,
        *,
        actor: Actor,
    ) -> CommandOutcome:
        """Send any command to a charger; the outcome names the action it was sent as.

        A command that changes something needs its permission (see command_rights) and is
        audited: who sent it before it goes out, and the charger's answer once known.
        """
        action = cmd.action_name(command)
        permission = permission_for(action)
        if permission is not None:
            require(actor, permission)
        audited = permission is not None and actor.is_person
        if audited:
            sent = command_facts(action, command)
            await self._writer.submit(
                lambda c: record(c, actor, "command.send", charger_id, None, sent)
            )
        outcome = await self._channel.send(charger_id, command, timeout)
        if outcome.action is None:
            outcome = replace(outcome, action=action)
        if outcome.accepted and restarts(command):
            self.restart_expected(charger_id)
        if audited:
            answer = outcome_facts(action, outcome)
            await self._writer.submit(
                lambda c: record(c, actor, "command.outcome", charger_id, None, answer)
            )
        return outcome

    async def start_session(
        self, charger_id: str, connector_id: int | None, id_tag: str, *, actor: Actor
    ) -> CommandOutcome:
        """Ask the charger to start a session on a connector for a card."""
        return await self.send(charger_id, cmd.RemoteStart(id_tag, connector_id), actor=actor)

    async def stop_session(self, transaction_id: int, *, actor: Actor) -> CommandOutcome:
        """Ask the charger running this session to stop it."""
        require(actor, Permission.SESSIONS)  # before the session is looked up
        session = await self._writer.submit(lambda c: session_repo.get_session(c, transaction_id))
        action = "RemoteStopTransaction"
        if session is None:
            error = f"no session {transaction_id}"
            return CommandOutcome(CommandResult.INVALID, error=error, action=action)
        if not session.running:
            error = "the session has already ended"
            return CommandOutcome(CommandResult.INVALID, error=error, action=action)
        return await self.send(session.charger_id, cmd.RemoteStop(transaction_id), actor=actor)

    async def reset(self, charger_id: str, hard: bool = False, *, actor: Actor) -> CommandOutcome:
        """Reboot a charger (soft ends sessions first; hard cuts power)."""
        return await self.send(charger_id, cmd.Reset(hard), actor=actor)

    async def unlock(self, charger_id: str, connector_id: int, *, actor: Actor) -> CommandOutcome:
        """Release the cable of a connector."""
        return await self.send(charger_id, cmd.UnlockConnector(connector_id), actor=actor)

    async def set_available(
        self, charger_id: str, connector_id: int, available: bool, *, actor: Actor
    ) -> CommandOutcome:
        """Make a connector (0: the charger) available or unavailable."""
        command = cmd.ChangeAvailability(connector_id, available)
        return await self.send(charger_id, command, actor=actor)
