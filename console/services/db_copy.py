"""Moving a site's database to another one (SQLite to PostgreSQL): the service face of
``console.storage.copy`` for the command line.

Copying takes every row, staff password hashes and the audit log included, so it needs
the admin role (security settings). The copy is checked table by table before it counts;
the target's audit log then gets an entry saying where it came from and who copied it.
"""

from __future__ import annotations

from console.core.staff import Actor, Permission, require
from console.storage.copy import (
    BATCH_ROWS,
    CopyRefused,
    CopyReport,
    Progress,
    TableCopy,
    copy_database,
    record_copy,
)
from console.storage.database import describe_url

__all__ = ["CopyRefused", "CopyReport", "TableCopy", "copy_site_database", "describe_url"]


def copy_site_database(
    source_url: str,
    target_url: str,
    *,
    actor: Actor,
    batch_rows: int = BATCH_ROWS,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy the site database into an empty one and check it; CopyRefused says why not.

    Only a copy that checked out (``report.ok``) gets its audit entry in the target.
    """
    require(actor, Permission.SECURITY_SETTINGS)
    report = copy_database(source_url, target_url, batch_rows=batch_rows, progress=progress)
    if report.ok:
        record_copy(target_url, actor, describe_url(source_url), report)
    return report
