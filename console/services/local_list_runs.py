"""Scheduling local list syncs: one run at a time per charger, bursts folded, failures held back.

Card changes come in bursts (an import, a person blocking several cards): each charger gets
one run, plus at most one more for whatever was asked while it ran. A charger that keeps
failing is left alone for a growing while, except when it boots, connects or staff ask.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from console.core.local_lists import LocalListState
from console.services.background import cancel_and_wait

log = logging.getLogger(__name__)

RETRY_FIRST = 30.0  # a failing charger is left alone this long, doubling up to RETRY_MAX
RETRY_MAX = 3600.0


@dataclass(frozen=True, slots=True)
class RunRequest:
    """What one run is asked to do."""

    full: bool = False  # replace the list whole
    recheck: bool = False  # ask even a charger that said it has no local list


Runner = Callable[[str, RunRequest], Awaitable[LocalListState]]


@dataclass(eq=False)
class _Charger:
    task: asyncio.Task[None] | None = None
    wanted: bool = False
    full: bool = False
    recheck: bool = False
    explicit: bool = False
    waiters: list[asyncio.Future[LocalListState]] = field(default_factory=list)
    running: list[asyncio.Future[LocalListState]] = field(default_factory=list)
    failures: int = 0
    retry_at: float = 0.0


class ChargerRuns:
    """Runs ``runner`` for chargers in tasks of their own, one at a time per charger."""

    def __init__(
        self, runner: Runner, retry_first: float = RETRY_FIRST, retry_max: float = RETRY_MAX
    ) -> None:
        self._runner = runner
        self.retry_first = retry_first
        self.retry_max = retry_max
        self._chargers: dict[str, _Charger] = {}
        self._stopping = False

    def request(
        self,
        charger_id: str,
        *,
        full: bool = False,
        recheck: bool = False,
        explicit: bool = False,
        waiter: asyncio.Future[LocalListState] | None = None,
    ) -> None:
        """Ask for a run; folded into the next one while a run is going on.

        Only ``explicit`` requests (a boot, a connect, staff) reach a charger that is held
        back after failures; ``waiter`` gets the state the run leaves.
        """
        if self._stopping:
            if waiter is not None:
                waiter.cancel()
            return
        charger = self._chargers.setdefault(charger_id, _Charger())
        if waiter is not None:
            charger.waiters.append(waiter)
            explicit = True  # someone waits for this run: it must happen
        if not explicit and self._held_back(charger):
            return
        charger.wanted = True
        charger.full |= full
        charger.recheck |= recheck
        charger.explicit |= explicit
        if charger.task is None:
            loop = asyncio.get_running_loop()
            charger.task = loop.create_task(self._drain(charger_id, charger))

    def failed(self, charger_id: str) -> None:
        """The charger failed a sync: hold it back, twice as long as the last time."""
        charger = self._chargers.setdefault(charger_id, _Charger())
        charger.failures += 1
        delay = min(self.retry_first * 2 ** (charger.failures - 1), self.retry_max)
        charger.retry_at = asyncio.get_running_loop().time() + delay

    def succeeded(self, charger_id: str) -> None:
        """The charger answered as it should: no more holding back."""
        charger = self._chargers.get(charger_id)
        if charger is not None:
            charger.failures = 0

    async def wait_idle(self) -> None:
        """Return once no run is going on or asked for."""
        while tasks := [c.task for c in self._chargers.values() if c.task is not None]:
            await asyncio.wait(tasks)

    async def stop(self) -> None:
        """Cancel every run; nobody is left waiting."""
        self._stopping = True
        await cancel_and_wait(*(c.task for c in self._chargers.values()))

    def _held_back(self, charger: _Charger) -> bool:
        return charger.failures > 0 and asyncio.get_running_loop().time() < charger.retry_at

    async def _drain(self, charger_id: str, charger: _Charger) -> None:
        try:
            while charger.wanted:
                if not charger.explicit and self._held_back(charger):
                    # Asked before the failure that now holds it back.
                    charger.wanted = charger.full = charger.recheck = False
                    break
                run = RunRequest(charger.full, charger.recheck)
                charger.wanted = charger.full = charger.recheck = charger.explicit = False
                charger.running, charger.waiters = charger.waiters, []
                try:
                    state = await self._runner(charger_id, run)
                except Exception as exc:
                    log.exception("%s: local list sync failed", charger_id)
                    self.failed(charger_id)
                    _settle(charger.running, error=exc)
                else:
                    _settle(charger.running, state)
                charger.running = []
        finally:
            charger.task = None
            _settle(charger.running + charger.waiters)
            charger.running, charger.waiters = [], []


def _settle(
    futures: list[asyncio.Future[LocalListState]],
    state: LocalListState | None = None,
    *,
    error: BaseException | None = None,
) -> None:
    """Hand each waiter the state (or the error); without either, cancel them."""
    for future in futures:
        if future.done():
            continue
        if error is not None:
            future.set_exception(error)
        elif state is not None:
            future.set_result(state)
        else:
            future.cancel()
