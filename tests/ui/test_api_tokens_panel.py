"""The Admin tab's API tokens page: an admin makes a token (its secret shown once, with a
Copy button), sees where it was used, and revokes it after a confirmation; others see
the list with greyed buttons."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import qasync
from conftest import log_in, run, wait_until
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from console.core.api_tokens import ApiToken
from console.core.staff import Role
from console.ui.console_app import Console
from console.ui.staff.api_token_dialog import NewApiTokenDialog
from console.ui.staff.api_tokens import ApiTokensModel, ApiTokensPage
from console.ui.staff.calls import engine_call

SHOT = "/tmp/api_tokens_panel.png"
NOW = datetime.now(UTC)


def _token(token_id: int, name: str, **changes: Any) -> ApiToken:
    values: dict[str, Any] = {
        "id": token_id,
        "name": name,
        "roles": frozenset({Role.VIEWER}),
        "prefix": "cdk_Ab" + str(token_id),
        "created_by": "anna",
        "created_at": NOW - timedelta(days=3),
        "expires_at": None,
        "last_used_at": None,
        "last_used_from": None,
        "revoked_at": None,
        "revoked_by": None,
    }
    values.update(changes)
    return ApiToken(**values)


def tokens_page(console: Console, loop: qasync.QEventLoop) -> ApiTokensPage:
    """The Admin tab's API tokens page, shown and read once."""
    window = console.window
    window.tabs.setCurrentWidget(window.admin)
    window.admin.setCurrentWidget(window.admin.api_tokens)
    page = window.admin.api_tokens
    run(loop, wait_until(lambda: not page.tasks.tasks))
    return page


def test_the_tokens_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = ApiTokensModel()
    model.set_rows(
        [
            _token(1, "exporter", last_used_at=NOW, last_used_from="10.0.0.5"),
            _token(2, "old", revoked_at=NOW, revoked_by="anna"),
            _token(3, "monthly", expires_at=NOW - timedelta(days=1)),
        ]
    )
    qtmodeltester.check(model)
    states = [model.index(row, ApiTokensModel.STATE).data() for row in range(3)]
    assert states == ["active", "revoked", "expired"]
    assert model.index(0, ApiTokensModel.LAST_USED).data().endswith("from 10.0.0.5")
    assert model.index(2, ApiTokensModel.LAST_USED).data() == "never"
    tip = model.index(1, ApiTokensModel.STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Revoked ") and tip.endswith(" by anna")  # when and by whom
    assert model.index(0, ApiTokensModel.STATE).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) == Qt.GlobalColor.gray


async def _make_token(page: ApiTokensPage, name: str) -> tuple[ApiToken | None, str]:
    """Press New token…, fill the dialog, create; read the secret it shows; close."""
    task = asyncio.ensure_future(page.new_token())
    await wait_until(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert isinstance(dialog, NewApiTokenDialog)
    assert not dialog.close_button.isVisible() and dialog.create_button.isVisible()
    dialog.name.setText(name)
    dialog.roles.boxes[Role.VIEWER].setChecked(False)
    dialog.roles.boxes[Role.DESK].setChecked(True)
    dialog.expiry.setCurrentIndex(dialog.expiry.findData(30))
    dialog.create_button.click()
    await wait_until(lambda: dialog.created is not None or bool(dialog.refusal.text()))
    assert dialog.created is not None, dialog.refusal.text()
    # The secret, once, read-only, with the warning and a Copy button.
    assert dialog.secret.isReadOnly() and dialog.secret.text().startswith("cdk_")
    assert "only this once" in dialog.warning.text() and dialog.warning.isVisible()
    assert dialog.close_button.isVisible() and not dialog.create_button.isVisible()
    secret = dialog.secret.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == secret
    assert dialog.copied.text() == "Copied to the clipboard."
    dialog.grab().save("/tmp/api_token_secret.png")
    dialog.close_button.click()
    assert dialog.secret.text() == ""  # forgotten once the window is closed
    return await task, secret


async def _answer_revoke(page: ApiTokensPage, press: str) -> ApiToken | None:
    task = asyncio.ensure_future(page.revoke_selected())
    await wait_until(lambda: page.question is not None and page.question.isVisible())
    box = page.question
    assert box is not None and "Scripts using it are refused" in box.text()
    [button] = [b for b in box.buttons() if b.text() == press]
    button.click()
    return await task


def test_an_admin_makes_a_token_sees_its_use_and_revokes_it(
    staffed_console: Console, qloop: qasync.QEventLoop
) -> None:
    log_in(qloop, staffed_console, "anna")
    page = tokens_page(staffed_console, qloop)
    client = staffed_console.client
    assert page.model.rowCount() == 0
    assert page.new_button.isEnabled() and not page.revoke_button.isEnabled()
    assert page.admin_only.text() == ""

    made, secret = run(qloop, _make_token(page, "Nightly export"))
    assert made is not None and made.name == "Nightly export"
    assert page.model.rowCount() == 1 and page.selected_token() == made
    assert "made" in page.bar.text.text()
    assert page.revoke_button.isEnabled()
    row = page.model.find_row(lambda t: t.id == made.id)
    assert row is not None

    def cell(column: int) -> str:
        return str(page.model.index(row, column).data())

    assert cell(ApiTokensModel.ROLES) == "desk"
    assert cell(ApiTokensModel.PREFIX) == secret[:8] + "…"
    assert cell(ApiTokensModel.CREATED).endswith("by anna")
    assert cell(ApiTokensModel.EXPIRES) != "never"
    assert cell(ApiTokensModel.LAST_USED) == "never" and cell(ApiTokensModel.STATE) == "active"

    # A script uses it; the page shows when and from where.
    used = run(qloop, engine_call(client, lambda e: e.api_tokens.resolve(secret, "10.0.0.9")))
    assert used is not None and used.id == made.id
    run(qloop, page.reload())
    assert cell(ApiTokensModel.LAST_USED).endswith("from 10.0.0.9")
    run(qloop, _make_token(page, "Spare"))
    page.select_token(made.id)
    page.resize(1000, 360)
    assert page.grab().save(SHOT)

    # Cancel keeps it; Revoke ends it.
    assert run(qloop, _answer_revoke(page, "Cancel")) is None
    assert cell(ApiTokensModel.STATE) == "active"
    revoked = run(qloop, _answer_revoke(page, "Revoke"))
    assert revoked is not None and revoked.revoked_by == "anna"
    assert cell(ApiTokensModel.STATE) == "revoked" and "revoked" in page.bar.text.text()
    assert not page.revoke_button.isEnabled()  # nothing more to revoke on this row
    gone = run(qloop, engine_call(client, lambda e: e.api_tokens.resolve(secret, "10.0.0.9")))
    assert gone is None


def test_a_name_in_use_is_refused_in_the_dialog(
    staffed_console: Console, qloop: qasync.QEventLoop
) -> None:
    log_in(qloop, staffed_console, "anna")
    page = tokens_page(staffed_console, qloop)
    run(qloop, _make_token(page, "exporter"))
    dialog = NewApiTokenDialog(staffed_console.client, page)
    assert not run(qloop, dialog.submit())
    assert dialog.refusal.text().startswith("Give the token a name")
    dialog.name.setText("EXPORTER")
    assert not run(qloop, dialog.submit())
    assert "exists already" in dialog.refusal.text() and dialog.created is None
    assert dialog.pages.currentIndex() == 0  # nothing typed is lost
    dialog.deleteLater()


def test_a_viewer_sees_the_tokens_but_cannot_change_them(
    staffed_console: Console, qloop: qasync.QEventLoop
) -> None:
    log_in(qloop, staffed_console, "anna")
    page = tokens_page(staffed_console, qloop)
    run(qloop, _make_token(page, "exporter"))
    staffed_console.window.desk.switch_user()
    log_in(qloop, staffed_console, "vera")
    run(qloop, page.reload())
    assert page.model.rowCount() == 1  # the list is not secret (no secret is in it)
    page.table.selectRow(0)
    assert page.admin_only.text() == "Only an admin can make or revoke tokens."
    for button in (page.new_button, page.revoke_button):
        assert not button.isEnabled()
        assert button.toolTip() == "Needs the admin role: ask an admin"
    # The service refuses anyway.
    dialog = NewApiTokenDialog(staffed_console.client, page)
    dialog.name.setText("mine")
    assert not run(qloop, dialog.submit())
    assert "needs the admin role" in dialog.refusal.text()
    dialog.deleteLater()
