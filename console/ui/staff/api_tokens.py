"""The Admin tab's API tokens page: long-lived named tokens for scripts.

Everyone sees the list (never a secret); only an admin makes or revokes a token, and the
buttons say so to others. The state of each token (active, expired, revoked) and where
it was last used from help an admin find tokens nobody uses any more.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.api_tokens import ApiToken, TokenState
from console.core.staff import Permission, PermissionDenied
from console.services.formatting import zone_label
from console.ui.actions import open_dialog
from console.ui.engine_client import EngineClient
from console.ui.keyboard import DeskTableView
from console.ui.locale_format import format_local
from console.ui.message_bar import OutcomeBanner
from console.ui.role_controls import gate, when_actor_changes
from console.ui.staff.api_token_dialog import NewApiTokenDialog
from console.ui.staff.calls import engine_call, launch_soon
from console.ui.staff.forms import failure_words
from console.ui.staff.roles import permitted, refusal_text, roles_words
from console.ui.table_model import SORT_ROLE, Column, RowTableModel
from console.ui.tasks import TaskKeeper

NOTE_STYLE = "color:#5A6B7B;"


def _seconds(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else 0.0


class ApiTokensModel(RowTableModel[ApiToken]):
    """API tokens: name, roles, prefix, created, expires, last used, state."""

    NAME, ROLES, PREFIX, CREATED, EXPIRES, LAST_USED, STATE = range(7)

    def __init__(self) -> None:
        super().__init__()
        zone = zone_label()
        self.set_columns(
            (
                Column[ApiToken](self.tr("Name"), lambda t: t.name, sort=lambda t: t.name.lower()),
                Column[ApiToken](self.tr("Roles"), lambda t: roles_words(t.roles)),
                Column[ApiToken](
                    self.tr("Prefix"),
                    lambda t: t.prefix + "…",
                    header_tip=self.tr("The first characters of the secret, to recognise it"),
                ),
                Column[ApiToken](
                    self.tr("Created (%1)").replace("%1", zone),
                    self._created,
                    sort=lambda t: _seconds(t.created_at),
                ),
                Column[ApiToken](
                    self.tr("Expires (%1)").replace("%1", zone),
                    lambda t: format_local(t.expires_at) or self.tr("never"),
                    sort=lambda t: _seconds(t.expires_at) or float("inf"),
                ),
                Column[ApiToken](
                    self.tr("Last used (%1)").replace("%1", zone),
                    self._last_used,
                    sort=lambda t: _seconds(t.last_used_at),
                ),
                Column[ApiToken](self.tr("State"), self.state_text, tooltip=self._state_tip),
            )
        )

    def _created(self, token: ApiToken) -> str:
        return (
            self.tr("%1 by %2")
            .replace("%1", format_local(token.created_at))
            .replace("%2", token.created_by)
        )

    def _last_used(self, token: ApiToken) -> str:
        if token.last_used_at is None:
            return self.tr("never")
        when = format_local(token.last_used_at)
        if not token.last_used_from:
            return when
        return self.tr("%1 from %2").replace("%1", when).replace("%2", token.last_used_from)

    def state_text(self, token: ApiToken) -> str:
        """Active, expired or revoked, as shown."""
        state = token.state_at(datetime.now(UTC))
        words = {
            TokenState.ACTIVE: self.tr("active"),
            TokenState.EXPIRED: self.tr("expired"),
            TokenState.REVOKED: self.tr("revoked"),
        }
        return words[state]

    def _state_tip(self, token: ApiToken) -> str | None:
        if token.revoked_at is None:
            return None
        return (
            self.tr("Revoked %1 by %2")
            .replace("%1", format_local(token.revoked_at))
            .replace("%2", token.revoked_by or "")
        )

    def role_data(self, item: ApiToken, column: int, role: int) -> Any:
        """Tokens that no longer let a script in are grey."""
        if role == Qt.ItemDataRole.ForegroundRole and not item.active_at(datetime.now(UTC)):
            return Qt.GlobalColor.gray
        return super().role_data(item, column, role)


class ApiTokensPage(QWidget):
    """The list of API tokens and what an admin can do to them."""

    def __init__(self, client: EngineClient) -> None:
        super().__init__()
        self.client = client
        self.tasks = TaskKeeper(self)
        self.dialog: NewApiTokenDialog | None = None
        self.question: QMessageBox | None = None
        self._reads = 0  # reads started, so that an older one never overwrites a newer
        self._select_next: int | None = None  # a token just made, to select once listed
        self.model = ApiTokensModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = DeskTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ApiTokensModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.admin_only = QLabel()
        self.admin_only.setStyleSheet(NOTE_STYLE)
        self.bar = OutcomeBanner()
        self.new_button = QPushButton(self.tr("New token…"))
        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.new_button.clicked.connect(lambda: self.tasks.launch(self.new_token))
        self.revoke_button.clicked.connect(lambda: self.tasks.launch(self.revoke_selected))
        note = QLabel(
            self.tr(
                "Scripts call ChargeDesk's API with a token instead of a login, sent as"
                " “Authorization: Bearer <token>”. A token may do what its roles allow, and"
                " everything it does is in the audit log under its name. Revoke a token as"
                " soon as its script no longer needs it."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.where = QLabel(self._where_text())
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        buttons.addWidget(self.admin_only)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.where)
        layout.addWidget(note)
        when_actor_changes(client, self, self._on_actor_changed)
        self._on_actor_changed()

    def _where_text(self) -> str:
        urls = api_urls(self.client.engine)
        if not urls:
            return self.tr("The API is off (started with --no-api, or without wss://).")
        return (
            self.tr("The API answers at %1; its operations, and a page to try them, at %2docs")
            .replace("%1", " · ".join(urls))
            .replace("%2", urls[0])
        )

    def selected_token(self) -> ApiToken | None:
        """The token of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def select_token(self, token_id: int) -> bool:
        """Select the row of the token with ``token_id``; False when it is not listed."""
        row = self.model.find_row(lambda t: t.id == token_id)
        if row is None:
            return False
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def _on_actor_changed(self) -> None:
        admin = permitted(self.client, Permission.STAFF)
        self.admin_only.setText(
            "" if admin else self.tr("Only an admin can make or revoke tokens.")
        )
        self._update_buttons()

    def _update_buttons(self, *_args: Any) -> None:
        token = self.selected_token()
        live = token is not None and token.revoked_at is None
        gate(self.client, self.new_button, Permission.STAFF)
        gate(self.client, self.revoke_button, Permission.STAFF, live)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Read the tokens afresh whenever the page is shown."""
        super().showEvent(event)
        launch_soon(self.tasks, self.reload, self)

    async def reload(self) -> None:
        """Read the tokens (keeping the selection)."""
        self._reads += 1
        mine = self._reads
        try:
            tokens = await engine_call(self.client, lambda e: e.api_tokens.tokens())
        except Exception as error:
            self.bar.show_error(self.tr("API tokens not read: %1").replace("%1", str(error)))
            return
        if mine != self._reads:
            return  # a newer read was started meanwhile: its list is the one to show
        chosen = self.selected_token()
        self.model.set_rows(tokens)
        wanted = self._select_next
        if wanted is None and chosen is not None:
            wanted = chosen.id
        if wanted is not None and self.select_token(wanted):
            self._select_next = None
        self._update_buttons()

    async def new_token(self) -> ApiToken | None:
        """Ask for a new token, make it and show its secret once; the token made."""
        dialog = NewApiTokenDialog(self.client, self)
        self.dialog = dialog
        await open_dialog(dialog)
        self.dialog = None
        made = dialog.created
        dialog.deleteLater()
        if made is None:
            return None
        self.bar.show_done(self.tr("API token “%1” made.").replace("%1", made.name))
        self._select_next = made.id  # shown selected by whichever read lists it first
        await self.reload()
        return made

    async def confirm_revoke(self, token: ApiToken) -> bool:
        """Ask before revoking: scripts using the token stop working at once."""
        text = (
            self.tr(
                "Revoke the API token “%1” (%2…)?\n\nScripts using it are refused from their"
                " next call. This cannot be undone: a script that still needs access gets a"
                " new token."
            )
            .replace("%1", token.name)
            .replace("%2", token.prefix)
        )
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Revoke API token"), text, parent=self)
        go = box.addButton(self.tr("Revoke"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)  # Enter must not cut a script off by accident
        self.question = box
        try:
            await open_dialog(box)
        finally:
            self.question = None
        return box.clickedButton() is go

    async def revoke_selected(self) -> ApiToken | None:
        """Revoke the selected token, after asking; the token as revoked."""
        token = self.selected_token()
        if token is None or not await self.confirm_revoke(token):
            return None
        token_id, actor = token.id, self.client.actor
        try:
            revoked = await engine_call(
                self.client, lambda e: e.api_tokens.revoke(token_id, actor=actor)
            )
        except PermissionDenied as error:
            self.bar.show_error(refusal_text(error))
            return None
        except Exception as error:  # the service's words (revoked already)
            self.bar.show_error(failure_words(error, self.tr("ChargeDesk did not answer in time.")))
            return None
        self.bar.show_done(self.tr("API token “%1” revoked.").replace("%1", token.name))
        await self.reload()
        ended: ApiToken = revoked
        return ended


def api_urls(engine: Any) -> list[str]:
    """Where the API of ``engine`` answers: its listeners here, or the site an attached
    console reaches."""
    facts = getattr(engine, "facts", None)
    if facts is not None:
        return [f"{facts.base_url}/api/"]
    return [
        url
        for extension in getattr(engine, "extensions", [])
        for url in getattr(extension, "urls", [])
    ]
