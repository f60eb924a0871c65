"""What the command line and the console check before they start: is the database usable.

The checks live in storage (``console.storage.db_checks``); this is the service face the
command line and the console use, so that they import services only.
"""

from __future__ import annotations

from console.storage.db_checks import (
    DatabaseUnusable,
    check_database,
    explain_database_error,
)

__all__ = ["DatabaseUnusable", "check_database", "explain_startup_error"]


def explain_startup_error(error: BaseException, url: str) -> str | None:
    """One line for people about an error met while starting on ``url``, or None.

    None means the error is not about the database and should be reported as it is.
    """
    return explain_database_error(error, url)
