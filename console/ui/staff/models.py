"""Table models of the staff pages: the accounts, and one page of the audit log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt

from console.core.audit import AuditEntry, canonical
from console.core.staff import Role, roles_from_text
from console.services.formatting import zone_label
from console.ui.locale_format import format_local, format_seconds
from console.ui.staff.roles import roles_words
from console.ui.table_model import Column, RowTableModel

SUMMARY_LIMIT = 160  # characters of a change shown in its cell; the tooltip has all


def account_roles(account: Any) -> frozenset[Role]:
    """An account's roles whether the service gives a set or the stored text."""
    roles = account.roles
    return roles_from_text(roles) if isinstance(roles, str) else frozenset(roles)


def is_locked(account: Any, now: datetime | None = None) -> bool:
    """True while failed logins keep the account locked."""
    until = account.locked_until
    if until is None:
        return False
    aware = until.replace(tzinfo=UTC) if until.tzinfo is None else until
    return bool(aware > (now or datetime.now(UTC)))


class StaffAccountsModel(RowTableModel[Any]):
    """Staff accounts: name, username, roles, active, last login, locked."""

    NAME, USERNAME, ROLES, ACTIVE, LAST_LOGIN, LOCKED = range(6)

    def __init__(self) -> None:
        super().__init__()
        self.set_columns(
            (
                Column[Any](self.tr("Name"), lambda a: str(a.display_name)),
                Column[Any](self.tr("Username"), lambda a: str(a.username)),
                Column[Any](self.tr("Roles"), lambda a: roles_words(account_roles(a))),
                Column[Any](self.tr("Active"), self._active_text, tooltip=self._active_tip),
                Column[Any](
                    self.tr("Last login"),
                    lambda a: format_local(a.last_login_at) or self.tr("never"),
                ),
                Column[Any](self.tr("Locked"), self._locked_text),
            )
        )

    @property
    def accounts(self) -> list[Any]:
        """The accounts shown, by name."""
        return self.rows

    def set_accounts(self, accounts: list[Any]) -> None:
        """Show these accounts (a fresh read replaces the list)."""
        self.set_rows(sorted(accounts, key=lambda a: a.display_name.lower()))

    def account_at(self, row: int) -> Any:
        """The account shown in ``row``, or None."""
        return self.row_at(row)

    def header_text(self, section: int) -> str:
        """Column titles; the last login's names the site's zone."""
        title = super().header_text(section)
        return f"{title} ({zone_label()})" if section == self.LAST_LOGIN else title

    def role_data(self, item: Any, column: int, role: int) -> Any:
        """A disabled account is grey; the account itself for ROW_ROLE."""
        if role == Qt.ItemDataRole.ForegroundRole and not item.active:
            return Qt.GlobalColor.gray
        return super().role_data(item, column, role)

    def _active_text(self, account: Any) -> str:
        text = self.tr("yes") if account.active else self.tr("disabled")
        if account.active and account.must_change_password:
            text += " · " + self.tr("new password due")
        return text

    def _active_tip(self, account: Any) -> str | None:
        if account.must_change_password:
            return self.tr("Must choose a new password at the next login")
        return None

    def _locked_text(self, account: Any) -> str:
        if not is_locked(account):
            return ""
        return self.tr("until %1").replace("%1", format_local(account.locked_until)[-5:])


def origin_words(entry: AuditEntry) -> str:
    """From where: "console (DESK-PC)", "command line (anna)"."""
    return f"{entry.origin} ({entry.place})" if entry.place else entry.origin


def _short(value: Any) -> str:
    return value if isinstance(value, str) else canonical(value)


def change_summary(before: Any, after: Any) -> str:
    """Before → after, only what differs: "status: active → blocked; reason: lost"."""
    if isinstance(before, dict) and isinstance(after, dict):
        parts = []
        for key in list(before) + [k for k in after if k not in before]:
            old, new = before.get(key), after.get(key)
            if old == new:
                continue
            if key not in before:
                parts.append(f"{key}: {_short(new)}")
            elif key not in after:
                parts.append(f"{key}: {_short(old)} → (none)")
            else:
                parts.append(f"{key}: {_short(old)} → {_short(new)}")
        text = "; ".join(parts)
    elif before is None and isinstance(after, dict):
        text = "; ".join(f"{k}: {_short(v)}" for k, v in after.items())
    elif before is None and after is None:
        text = ""
    elif before is None:
        text = _short(after)
    else:
        text = f"{_short(before)} → {_short(after)}"
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


class AuditEntriesModel(RowTableModel[AuditEntry]):
    """One page of audit entries: time (site zone), person, from where, action, target,
    and the change summarised (the whole before and after in the tooltip)."""

    TIME, PERSON, ORIGIN, ACTION, TARGET, CHANGE = range(6)

    def __init__(self) -> None:
        super().__init__()
        self.set_columns(
            (
                Column[AuditEntry](
                    self.tr("Time"),
                    lambda e: format_seconds(e.at),
                    tooltip=lambda e: self.tr("entry %1").replace("%1", str(e.seq)),
                ),
                Column[AuditEntry](self.tr("Person"), lambda e: e.actor),
                Column[AuditEntry](self.tr("From"), origin_words),
                Column[AuditEntry](self.tr("Action"), lambda e: e.action),
                Column[AuditEntry](self.tr("Target"), lambda e: e.target),
                Column[AuditEntry](
                    self.tr("Change (before → after)"),
                    lambda e: change_summary(e.before, e.after),
                    tooltip=lambda e: (
                        self.tr("before: %1\nafter: %2")
                        .replace("%1", canonical(e.before))
                        .replace("%2", canonical(e.after))
                    ),
                ),
            )
        )

    @property
    def entries(self) -> list[AuditEntry]:
        """The entries of the page shown."""
        return self.rows

    def set_entries(self, entries: list[AuditEntry]) -> None:
        """Show this page of entries."""
        self.set_rows(entries)

    def entry_at(self, row: int) -> AuditEntry | None:
        """The entry shown in ``row``."""
        return self.row_at(row)

    def header_text(self, section: int) -> str:
        """Column titles; the time's names the site's zone."""
        title = super().header_text(section)
        return f"{title} ({zone_label()})" if section == self.TIME else title
