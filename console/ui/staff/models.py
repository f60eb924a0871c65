"""Table models of the staff pages: the accounts, and one page of the audit log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from console.core.audit import AuditEntry, canonical
from console.core.staff import Role, roles_from_text
from console.services.formatting import format_local, format_seconds, zone_label
from console.ui.staff.roles import roles_words

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the account or entry of a row
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


class StaffAccountsModel(QAbstractTableModel):
    """Staff accounts: name, username, roles, active, last login, locked."""

    NAME, USERNAME, ROLES, ACTIVE, LAST_LOGIN, LOCKED = range(6)

    def __init__(self) -> None:
        super().__init__()
        self.accounts: list[Any] = []

    def set_accounts(self, accounts: list[Any]) -> None:
        """Show these accounts (a fresh read replaces the list)."""
        self.beginResetModel()
        self.accounts = sorted(accounts, key=lambda a: a.display_name.lower())
        self.endResetModel()

    def account_at(self, row: int) -> Any:
        """The account shown in ``row``, or None."""
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """One row per account."""
        return 0 if parent.isValid() else len(self.accounts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Six columns."""
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt override
        """Column titles; the last login's names the site's zone."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            self.tr("Name"),
            self.tr("Username"),
            self.tr("Roles"),
            self.tr("Active"),
            self.tr("Last login") + f" ({zone_label()})",
            self.tr("Locked"),
        ]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # Qt override
        """Cell text, the account for ROW_ROLE, a grey row for a disabled account."""
        account = self.account_at(index.row()) if index.isValid() else None
        if account is None:
            return None
        if role == ROW_ROLE:
            return account
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(account, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and not account.active:
            return Qt.GlobalColor.gray
        tooltip = role == Qt.ItemDataRole.ToolTipRole and index.column() == self.ACTIVE
        if tooltip and account.must_change_password:
            return self.tr("Must choose a new password at the next login")
        return None

    def _text(self, account: Any, column: int) -> str:
        if column == self.NAME:
            return str(account.display_name)
        if column == self.USERNAME:
            return str(account.username)
        if column == self.ROLES:
            return roles_words(account_roles(account))
        if column == self.ACTIVE:
            text = self.tr("yes") if account.active else self.tr("disabled")
            if account.active and account.must_change_password:
                text += " · " + self.tr("new password due")
            return text
        if column == self.LAST_LOGIN:
            return format_local(account.last_login_at) or self.tr("never")
        if column == self.LOCKED:
            if not is_locked(account):
                return ""
            return self.tr("until %1").replace("%1", format_local(account.locked_until)[-5:])
        return ""


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


class AuditEntriesModel(QAbstractTableModel):
    """One page of audit entries: time (site zone), person, from where, action, target,
    and the change summarised (the whole before and after in the tooltip)."""

    TIME, PERSON, ORIGIN, ACTION, TARGET, CHANGE = range(6)

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[AuditEntry] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        """Show this page of entries."""
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def entry_at(self, row: int) -> AuditEntry | None:
        """The entry shown in ``row``."""
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """One row per entry of the page."""
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Six columns."""
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt override
        """Column titles; the time's names the site's zone."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            self.tr("Time") + f" ({zone_label()})",
            self.tr("Person"),
            self.tr("From"),
            self.tr("Action"),
            self.tr("Target"),
            self.tr("Change (before → after)"),
        ]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # Qt override
        """Cell text; the entry for ROW_ROLE; the whole change as the tooltip."""
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            values = [
                format_seconds(entry.at),
                entry.actor,
                origin_words(entry),
                entry.action,
                entry.target,
                change_summary(entry.before, entry.after),
            ]
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CHANGE:
            return (
                self.tr("before: %1\nafter: %2")
                .replace("%1", canonical(entry.before))
                .replace("%2", canonical(entry.after))
            )
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TIME:
            return self.tr("entry %1").replace("%1", str(entry.seq))
        return None
