"""Writes that may be refused: the refusal is raised to the caller, not to the writer.

A BillingError raised inside a writer operation would fail the whole group commit it is
part of (logged as a failure, then every operation retried alone). The operations run
here check everything before they write anything, so a refusal is handed back as a value
and the transaction carries on without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Connection

from console.core.billing import BillingError
from console.storage.writer import StorageWriter

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Outcome(Generic[T]):
    value: T | None
    error: BillingError | None


async def submit_checked(writer: StorageWriter, operation: Callable[[Connection], T]) -> T:
    """Run ``operation`` in the writer's next transaction; raise its BillingError here.

    ``operation`` must raise BillingError only before it has written anything.
    """

    def run(connection: Connection) -> _Outcome[T]:
        try:
            return _Outcome(operation(connection), None)
        except BillingError as error:
            return _Outcome(None, error)

    outcome = await writer.submit(run)
    if outcome.error is not None:
        raise outcome.error
    return outcome.value  # type: ignore[return-value]  # None only with an error
